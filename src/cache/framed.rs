//! Cache files: a value, then raw bytes, framed with a checksum, written all at once under a
//! temporary name and renamed into place, and read back by mapping the file, so the raw bytes
//! are read from disk only when they are used.
//!
//! The layout: the magic bytes, the value's length and the raw bytes' length (little-endian
//! `u64`s), the value in postcard, the raw bytes, and an XXH3-128 of everything between the
//! magic bytes and itself.

use std::fs::{self, File};
use std::io::{BufWriter, Read, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use memmap2::Mmap;
use serde::Serialize;
use serde::de::DeserializeOwned;
use xxhash_rust::xxh3::Xxh3;

use crate::store::Bytes;

/// What cache files begin with; the number changes with the layout.
const MAGIC: &[u8; 16] = b"dealgraph-snap02";
/// The bytes before the value: the magic bytes and the two lengths.
const HEAD: usize = MAGIC.len() + 16;
/// The checksum's length.
const SUM: usize = 16;

/// Writes `value` and then `raw` (pieces laid end to end) to `path`; `None` when anything
/// fails, leaving no file behind but a previous one.
pub(crate) fn write<T: Serialize>(path: &Path, value: &T, raw: &[&[u8]]) -> Option<()> {
    let encoded = postcard::to_stdvec(value).ok()?;
    let raw_len: usize = raw.iter().map(|piece| piece.len()).sum();
    let temporary = path.with_extension(format!("tmp-{}-{}", std::process::id(), super::now_ns()));
    let written = (|| {
        let mut file = BufWriter::new(File::create(&temporary).ok()?);
        let mut sum = Xxh3::new();
        file.write_all(MAGIC).ok()?;
        let lengths = [encoded.len() as u64, raw_len as u64].map(u64::to_le_bytes);
        let lengths = lengths.concat();
        for piece in [&lengths[..], &encoded[..]].iter().chain(raw) {
            sum.update(piece);
            file.write_all(piece).ok()?;
        }
        file.write_all(&sum.digest128().to_le_bytes()).ok()?;
        file.into_inner().ok()?;
        fs::rename(&temporary, path).ok()
    })();
    if written.is_none() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// The value and the raw bytes of a file [`write`] wrote, when its checksum holds; `None` for
/// anything else.
pub(crate) fn read<T: DeserializeOwned>(path: &Path) -> Option<(T, Bytes)> {
    let mut file = File::open(path).ok()?;
    let map = Arc::new(map(&file)?);
    let (value, raw) = layout(&map)?;
    if checksum(&mut file, map.len())? != map[map.len() - SUM..] {
        return None;
    }
    let value = postcard::from_bytes(&map[value]).ok()?;
    Some((value, Bytes::Mapped(map, raw)))
}

/// Where the value and the raw bytes lie in a mapped file, when its frame is whole.
fn layout(map: &[u8]) -> Option<(Range<usize>, Range<usize>)> {
    let rest = map.strip_prefix(MAGIC.as_slice())?;
    let (value_len, rest) = rest.split_first_chunk::<8>()?;
    let (raw_len, _) = rest.split_first_chunk::<8>()?;
    let value_len = usize::try_from(u64::from_le_bytes(*value_len)).ok()?;
    let raw_len = usize::try_from(u64::from_le_bytes(*raw_len)).ok()?;
    let value_end = HEAD.checked_add(value_len)?;
    let raw_end = value_end.checked_add(raw_len)?;
    (raw_end.checked_add(SUM)? == map.len()).then_some((HEAD..value_end, value_end..raw_end))
}

/// The checksum of everything between the magic bytes and the stored checksum, read through
/// the file rather than the map, so checking it does not keep the whole file in memory.
fn checksum(file: &mut File, len: usize) -> Option<[u8; SUM]> {
    let mut sum = Xxh3::new();
    let mut left = len.checked_sub(MAGIC.len() + SUM)?;
    let mut buffer = vec![0; 1 << 20];
    let mut magic = [0; MAGIC.len()];
    file.read_exact(&mut magic).ok()?;
    while left > 0 {
        let wanted = left.min(buffer.len());
        file.read_exact(&mut buffer[..wanted]).ok()?;
        sum.update(&buffer[..wanted]);
        left -= wanted;
    }
    Some(sum.digest128().to_le_bytes())
}

/// Maps a cache file into memory.
#[allow(unsafe_code)]
fn map(file: &File) -> Option<Mmap> {
    // SAFETY: a mapped file must not change while it is mapped. Cache files are written once,
    // under a temporary name, and renamed into place; no process writes to one after that, and
    // replacing one (by another rename) leaves the mapped file as it was.
    unsafe { Mmap::map(file) }.ok()
}
