//! Cache files: a value, then raw bytes, framed with a checksum, written all at once under a
//! unique temporary name and renamed into place, and read back whole into memory, where the
//! checksum is checked on the very bytes that are then used.
//!
//! A cache file is never mapped: another process that truncates or rewrites it while a
//! question is answered cannot fault the reader or change what it reads; at worst the checksum
//! fails and the graph is loaded from its JSON.
//!
//! The layout: the magic bytes, the value's length and the raw bytes' length (little-endian
//! `u64`s), the value in postcard, the raw bytes, and an XXH3-128 of everything between the
//! magic bytes and itself.

use std::fs::File;
use std::io::Read;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use crate::store::Bytes;

/// What cache files begin with; the number changes with the layout.
const MAGIC: &[u8; 16] = b"dealgraph-snap03";
/// The bytes before the value: the magic bytes and the two lengths.
const HEAD: usize = MAGIC.len() + 16;
/// The checksum's length.
const SUM: usize = 16;

/// Writes `value` and then `raw` (pieces laid end to end) to `path`; `None` when anything
/// fails, leaving no file behind but a previous one.
pub(crate) fn write<T: Serialize>(path: &Path, value: &T, raw: &[&[u8]]) -> Option<()> {
    let encoded = postcard::to_stdvec(value).ok()?;
    let raw_len: usize = raw.iter().map(|piece| piece.len()).sum();
    crate::write::write_new(path, None, |file| {
        let mut sum = Xxh3::new();
        std::io::Write::write_all(file, MAGIC)?;
        let lengths = [encoded.len() as u64, raw_len as u64].map(u64::to_le_bytes);
        let lengths = lengths.concat();
        for piece in [&lengths[..], &encoded[..]].iter().chain(raw) {
            sum.update(piece);
            std::io::Write::write_all(file, piece)?;
        }
        std::io::Write::write_all(file, &sum.digest128().to_le_bytes())
    })
    .ok()
}

/// The value and the raw bytes of a file [`write`] wrote, when its checksum holds; `None` for
/// anything else.
pub(crate) fn read<T: DeserializeOwned>(path: &Path) -> Option<(T, Bytes)> {
    let mut file = File::open(path).ok()?;
    // Held while the file is read, so a cleanup by another process leaves it be; released when
    // the file is closed. A file system without locks is read all the same.
    let _ = file.lock_shared();
    // The head says how long the file must be; memory is taken only for a file of that length,
    // and only when the system can give it.
    let mut head = [0; HEAD];
    file.read_exact(&mut head).ok()?;
    let len = framed_len(&head)?;
    if u64::try_from(len).ok()? != file.metadata().ok()?.len() {
        return None;
    }
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(len).ok()?;
    bytes.extend_from_slice(&head);
    file.read_to_end(&mut bytes).ok()?;
    decode(bytes)
}

/// The length of the whole file that begins with `head`, when it begins as a cache file does.
fn framed_len(head: &[u8; HEAD]) -> Option<usize> {
    let rest = head.strip_prefix(MAGIC.as_slice())?;
    let (value_len, raw_len) = rest.split_at(8);
    let length = |bytes: &[u8]| usize::try_from(u64::from_le_bytes(bytes.try_into().ok()?)).ok();
    HEAD.checked_add(length(value_len)?)?
        .checked_add(length(raw_len)?)?
        .checked_add(SUM)
}

/// The value and the raw bytes of a cache file's bytes, when its checksum holds.
pub(crate) fn decode<T: DeserializeOwned>(bytes: Vec<u8>) -> Option<(T, Bytes)> {
    let (value, raw) = layout(&bytes)?;
    let (framed, sum) = bytes.split_at(bytes.len() - SUM);
    if xxh3_128(&framed[MAGIC.len()..]).to_le_bytes() != sum {
        return None;
    }
    let value = postcard::from_bytes(&bytes[value]).ok()?;
    Some((value, Bytes::Shared(Arc::new(bytes), raw)))
}

/// Where the value and the raw bytes lie in a cache file, when its frame is whole.
fn layout(bytes: &[u8]) -> Option<(Range<usize>, Range<usize>)> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (value_len, rest) = rest.split_first_chunk::<8>()?;
    let (raw_len, _) = rest.split_first_chunk::<8>()?;
    let value_len = usize::try_from(u64::from_le_bytes(*value_len)).ok()?;
    let raw_len = usize::try_from(u64::from_le_bytes(*raw_len)).ok()?;
    let value_end = HEAD.checked_add(value_len)?;
    let raw_end = value_end.checked_add(raw_len)?;
    (raw_end.checked_add(SUM)? == bytes.len()).then_some((HEAD..value_end, value_end..raw_end))
}
