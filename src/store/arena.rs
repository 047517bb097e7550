//! Records encoded back to back in byte segments, each decoded at most once, on first use.
//!
//! A loaded graph keeps one segment per file, so joining files copies no bytes; a graph from
//! the snapshot cache keeps one segment that is a view of the snapshot read into memory, so its
//! records are decoded only when an answer shows them.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// How many records share one block of decoded cells: blocks are made when a record in them
/// is first decoded, so a graph whose answers show a few relations pays for a few blocks.
const BLOCK: usize = 1024;

/// Bytes owned in memory, or a range of bytes shared with other parts of a graph.
#[derive(Debug)]
pub(crate) enum Bytes {
    /// Bytes in memory.
    Owned(Vec<u8>),
    /// Part of a buffer the parts of a graph share, such as a snapshot read whole.
    Shared(Arc<Vec<u8>>, Range<usize>),
}

impl Bytes {
    /// The bytes.
    pub(crate) fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Owned(bytes) => bytes,
            Bytes::Shared(shared, range) => &shared[range.clone()],
        }
    }

    /// The bytes in `range`, or `None` when it reaches past the end. Shared bytes stay
    /// shared; owned bytes are copied.
    pub(crate) fn slice(&self, range: Range<usize>) -> Option<Bytes> {
        self.as_slice().get(range.clone())?;
        Some(match self {
            Bytes::Owned(bytes) => Bytes::Owned(bytes[range].to_vec()),
            Bytes::Shared(shared, within) => Bytes::Shared(
                Arc::clone(shared),
                within.start + range.start..within.start + range.end,
            ),
        })
    }
}

/// Cells for [`BLOCK`] records, each holding its record once decoded.
type Block<T> = Box<[OnceLock<Box<T>>]>;

/// Encoded records and, for each, a cell that holds it once decoded.
#[derive(Debug)]
pub(crate) struct Arena<T> {
    segments: Vec<Bytes>,
    /// Where each segment starts, were the segments laid end to end.
    bases: Vec<u64>,
    /// Where each record starts, were the segments laid end to end; one more entry marks the
    /// end of the last.
    offsets: Vec<u64>,
    decoded: Vec<OnceLock<Block<T>>>,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena {
            segments: Vec::new(),
            bases: Vec::new(),
            offsets: vec![0],
            decoded: Vec::new(),
        }
    }
}

impl<T> Clone for Arena<T> {
    /// A copy with the same encoded records, none of them decoded yet.
    fn clone(&self) -> Self {
        let mut bytes = Vec::with_capacity(self.byte_len());
        for segment in &self.segments {
            bytes.extend_from_slice(segment.as_slice());
        }
        Arena::from_parts(Bytes::Owned(bytes), self.offsets.clone())
            .expect("a consistent arena copies into a consistent one")
    }
}

impl<T> Arena<T> {
    /// An arena of one segment with its records' offsets, or `None` when they disagree: the
    /// offsets must start at 0, rise, and end at the segment's end.
    pub(crate) fn from_parts(bytes: Bytes, offsets: Vec<u64>) -> Option<Arena<T>> {
        let len = bytes.as_slice().len() as u64;
        let consistent = offsets.first() == Some(&0)
            && offsets.last() == Some(&len)
            && offsets.windows(2).all(|pair| pair[0] <= pair[1]);
        consistent.then(|| {
            let mut arena = Arena {
                segments: vec![bytes],
                bases: vec![0],
                offsets,
                decoded: Vec::new(),
            };
            arena.seal();
            arena
        })
    }

    /// How many records there are.
    pub(crate) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The length of every segment together.
    pub(crate) fn byte_len(&self) -> usize {
        usize::try_from(*self.offsets.last().expect("offsets are never empty"))
            .expect("an arena in memory fits its length in usize")
    }

    /// The segments, in order: laid end to end, they are the records.
    pub(crate) fn segments(&self) -> impl Iterator<Item = &[u8]> {
        self.segments.iter().map(Bytes::as_slice)
    }

    /// Where each record starts in the segments laid end to end, and where the last ends.
    pub(crate) fn offsets(&self) -> &[u64] {
        &self.offsets
    }

    /// Makes room for `bytes` more bytes of records in the last segment, so that it does not
    /// grow by copying itself; room not written to costs no memory on systems that commit
    /// pages when they are first touched.
    pub(crate) fn reserve(&mut self, bytes: usize) {
        self.owned_segment().reserve(bytes);
    }

    /// The last segment, made owned and empty if it is not owned.
    fn owned_segment(&mut self) -> &mut Vec<u8> {
        if !matches!(self.segments.last(), Some(Bytes::Owned(_))) {
            self.bases
                .push(*self.offsets.last().expect("offsets are never empty"));
            self.segments.push(Bytes::Owned(Vec::new()));
        }
        let Some(Bytes::Owned(segment)) = self.segments.last_mut() else {
            unreachable!("an owned segment was just made the last")
        };
        segment
    }

    /// Adds a record, encoded by `encode` onto the end of the last segment.
    pub(crate) fn push(&mut self, encode: impl FnOnce(Vec<u8>) -> Vec<u8>) {
        let segment = self.owned_segment();
        *segment = encode(std::mem::take(segment));
        let end = segment.len() as u64;
        let base = self.bases.last().expect("a segment has a base");
        self.offsets.push(base + end);
    }

    /// Adds the records of another arena after this one's, moving its segments over.
    pub(crate) fn append(&mut self, other: Arena<T>) {
        let base = *self.offsets.last().expect("offsets are never empty");
        self.bases
            .extend(other.bases.iter().map(|other_base| base + other_base));
        self.segments.extend(other.segments);
        self.offsets
            .extend(other.offsets.iter().skip(1).map(|offset| base + offset));
    }

    /// Makes room to decode every record; called once all are added.
    pub(crate) fn seal(&mut self) {
        self.decoded = (0..self.len().div_ceil(BLOCK))
            .map(|_| OnceLock::new())
            .collect();
    }

    /// The encoded bytes of the record at `index`.
    pub(crate) fn encoded(&self, index: usize) -> &[u8] {
        let (start, end) = (self.offsets[index], self.offsets[index + 1]);
        let segment = self.bases.partition_point(|&base| base <= start) - 1;
        let base = self.bases[segment];
        let local = |at: u64| usize::try_from(at - base).expect("a segment fits memory");
        &self.segments[segment].as_slice()[local(start)..local(end)]
    }

    /// The record at `index`, made by `decode` from its bytes on first use.
    ///
    /// # Panics
    ///
    /// When the arena was not sealed after its last record was added.
    pub(crate) fn get(&self, index: usize, decode: impl FnOnce(&[u8]) -> T) -> &T {
        let block = self.decoded[index / BLOCK]
            .get_or_init(|| (0..BLOCK).map(|_| OnceLock::new()).collect());
        block[index % BLOCK].get_or_init(|| Box::new(decode(self.encoded(index))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arena_of(records: &[&[u8]]) -> Arena<Vec<u8>> {
        let mut arena = Arena::default();
        for record in records {
            arena.push(|mut bytes| {
                bytes.extend_from_slice(record);
                bytes
            });
        }
        arena
    }

    #[test]
    fn appended_segments_keep_every_record_in_order() {
        let mut arena = arena_of(&[b"a", b"", b"bc"]);
        arena.append(arena_of(&[b"def", b"g"]));
        arena.append(arena_of(&[]));
        arena.append(arena_of(&[b"hi"]));
        arena.seal();
        let records: Vec<&[u8]> = (0..arena.len()).map(|i| arena.encoded(i)).collect();
        let expected: [&[u8]; 6] = [b"a", b"", b"bc", b"def", b"g", b"hi"];
        assert_eq!(records, expected);
        assert_eq!(arena.segments().collect::<Vec<_>>().concat(), b"abcdefghi");
        assert_eq!(arena.get(3, <[u8]>::to_vec), b"def");
    }

    #[test]
    fn records_decode_in_blocks_beyond_the_first() {
        let records: Vec<Vec<u8>> = (0..BLOCK * 2 + 3)
            .map(|i| i.to_le_bytes().to_vec())
            .collect();
        let borrowed: Vec<&[u8]> = records.iter().map(Vec::as_slice).collect();
        let mut arena = arena_of(&borrowed);
        arena.seal();
        for index in [0, BLOCK - 1, BLOCK, BLOCK * 2 + 2] {
            assert_eq!(arena.get(index, <[u8]>::to_vec), &records[index]);
        }
        assert_eq!(
            arena.clone().get(BLOCK + 1, <[u8]>::to_vec),
            &records[BLOCK + 1]
        );
    }

    #[test]
    fn inconsistent_offsets_are_refused() {
        let bytes = || Bytes::Owned(b"abc".to_vec());
        assert!(Arena::<u8>::from_parts(bytes(), vec![0, 1, 3]).is_some());
        assert!(Arena::<u8>::from_parts(bytes(), vec![0, 2, 1, 3]).is_none());
        assert!(Arena::<u8>::from_parts(bytes(), vec![0, 4]).is_none());
        assert!(Arena::<u8>::from_parts(bytes(), vec![1, 3]).is_none());
        assert!(Arena::<u8>::from_parts(bytes(), vec![]).is_none());
    }
}
