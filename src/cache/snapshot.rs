//! The snapshot's contents: a loaded graph in sections that load without parsing, so a
//! snapshot loads in a fraction of the time the JSON takes, and companies' and relations'
//! details stay encoded until an answer shows them.
//!
//! After a [`Header`] come these sections, laid end to end:
//!
//! 1. the company ids, in order, laid end to end;
//! 2. where each id ends, as a `u32`;
//! 3. where each company's details start, and where the last ends, as `u64`s;
//! 4. the companies' encoded details, as the company store holds them;
//! 5. each relation's facts and ends in [`FACTS_LEN`] bytes;
//! 6. where each relation's details start, and where the last ends, as `u64`s;
//! 7. the relations' encoded details, exactly as the relation store holds them.
//!
//! Numbers are little-endian; a date is `1 + year * 10_000 + month * 100 + day`, with 0 for an
//! unknown month or day, and the whole is 0 for no date, so that every year from 0000 to 9999
//! keeps its date.

use std::borrow::Cow;
use std::ops::Range;

use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::graph::KnowledgeGraph;
use crate::model::{RelationKind, Reliability, Status};
use crate::store::{Arena, Bytes, CompanyStore, IdTable, RelationFacts, RelationStore, companies};

/// The bytes of one relation's facts and ends: type, status and reliability (0 for none),
/// date, end, from, to.
const FACTS_LEN: usize = 18;

/// How many companies and relations the sections hold, and the lengths of the sections whose
/// length does not follow from those.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Header {
    companies: u64,
    ids_len: u64,
    company_details_len: u64,
    relations: u64,
    /// The keys of ids that are also another company's name or alias.
    shadowed_ids: Vec<String>,
}

fn pack(date: Option<PartialDate>) -> u32 {
    date.map_or(0, |d| {
        1 + u32::from(d.year()) * 10_000
            + u32::from(d.month().unwrap_or(0)) * 100
            + u32::from(d.day().unwrap_or(0))
    })
}

/// The date [`pack`] packed; `None` for no date. The snapshot's checksum vouches that the
/// parts are those of a valid date.
fn unpack(packed: u32) -> Option<PartialDate> {
    let value = packed.checked_sub(1)?;
    let part = |value: u32| u8::try_from(value).ok().filter(|&v| v > 0);
    let year = u16::try_from(value / 10_000).ok()?;
    let (month, day) = (part(value / 100 % 100), part(value % 100));
    (month.is_some() || day.is_none()).then(|| PartialDate::from_valid_parts(year, month, day))
}

/// The header and the sections of a loaded graph, to be written in order.
pub(crate) fn sections(graph: &KnowledgeGraph) -> (Header, Vec<Cow<'_, [u8]>>) {
    let store = graph.company_store();
    let made;
    let ids = match store {
        CompanyStore::Encoded { ids, .. } => ids,
        CompanyStore::Decoded(companies) => {
            made = IdTable::of(companies.iter().map(|company| company.id.as_str()));
            &made
        }
    };
    let (id_text, id_ends) = ids.parts();
    let id_ends: Vec<u8> = id_ends.flat_map(u32::to_le_bytes).collect();
    let mut details = Vec::new();
    let mut company_offsets = vec![0];
    for index in 0..store.len() {
        details = companies::encode(&store.get_passing(index), details);
        company_offsets.push(details.len() as u64);
    }
    let relations = graph.store();
    let mut facts = Vec::with_capacity(relations.len() * FACTS_LEN);
    for edge in graph.graph().raw_edges() {
        facts.extend(encode_facts(&edge.weight, edge.source(), edge.target()));
    }
    let header = Header {
        companies: store.len() as u64,
        ids_len: id_text.len() as u64,
        company_details_len: details.len() as u64,
        relations: relations.len() as u64,
        shadowed_ids: graph.shadowed_ids().to_vec(),
    };
    let mut sections: Vec<Cow<'_, [u8]>> = vec![
        id_text.to_vec().into(),
        id_ends.into(),
        offsets(&company_offsets).into(),
        details.into(),
        facts.into(),
        offsets(relations.details.offsets()).into(),
    ];
    sections.extend(relations.details.segments().map(Cow::Borrowed));
    (header, sections)
}

fn offsets(offsets: &[u64]) -> Vec<u8> {
    offsets
        .iter()
        .flat_map(|offset| offset.to_le_bytes())
        .collect()
}

fn encode_facts(facts: &RelationFacts, from: NodeIndex, to: NodeIndex) -> [u8; FACTS_LEN] {
    let node =
        |node: NodeIndex| u32::try_from(node.index()).expect("petgraph's indexes are 32-bit");
    let mut bytes = [0; FACTS_LEN];
    bytes[0] = facts.kind as u8;
    // Status and reliability share a byte: the status (0 for none) below, the reliability
    // (0 for none) in the high nibble.
    let status = facts.status.map_or(0, |status| status as u8 + 1);
    let reliability = facts.reliability.map_or(0, |level| level as u8 + 1);
    bytes[1] = status | reliability << 4;
    for (at, value) in [pack(facts.date), pack(facts.end), node(from), node(to)]
        .into_iter()
        .enumerate()
    {
        bytes[2 + at * 4..6 + at * 4].copy_from_slice(&value.to_le_bytes());
    }
    bytes
}

fn decode_facts(bytes: &[u8], companies: usize) -> Option<(RelationFacts, (NodeIndex, NodeIndex))> {
    let word = |at: usize| {
        let bytes = bytes.get(2 + at * 4..6 + at * 4)?.try_into().ok()?;
        Some(u32::from_le_bytes(bytes))
    };
    let node = |at: usize| {
        let index = usize::try_from(word(at)?).ok()?;
        (index < companies).then(|| NodeIndex::new(index))
    };
    let shared = *bytes.get(1)?;
    let status = match shared & 0x0f {
        0 => None,
        n => Some(*Status::ALL.get(usize::from(n) - 1)?),
    };
    let reliability = match shared >> 4 {
        0 => None,
        n => Some(*Reliability::ALL.get(usize::from(n) - 1)?),
    };
    let facts = RelationFacts {
        kind: *RelationKind::ALL.get(usize::from(*bytes.first()?))?,
        status,
        date: unpack(word(0)?),
        end: unpack(word(1)?),
        reliability,
    };
    Some((facts, (node(2)?, node(3)?)))
}

/// The graph the sections after `header` hold, or `None` when they do not hold a consistent
/// one.
pub(crate) fn graph(header: &Header, sections: Bytes) -> Option<KnowledgeGraph> {
    let count = |value: u64| usize::try_from(value).ok();
    let (companies, relations) = (count(header.companies)?, count(header.relations)?);
    let mut cursor = Cursor::default();
    let id_text = cursor.take(count(header.ids_len)?)?;
    let id_ends = cursor.take(companies.checked_mul(4)?)?;
    let company_offsets = cursor.take(companies.checked_add(1)?.checked_mul(8)?)?;
    let company_details = cursor.take(count(header.company_details_len)?)?;
    let facts = cursor.take(relations.checked_mul(FACTS_LEN)?)?;
    let relation_offsets = cursor.take(relations.checked_add(1)?.checked_mul(8)?)?;
    let bytes = sections.as_slice();
    // Counts that the sections cannot hold are refused before anything is sized from them.
    if relation_offsets.end > bytes.len() {
        return None;
    }
    let id_ends: Vec<u32> = bytes
        .get(id_ends)?
        .chunks_exact(4)
        .map(|word| u32::from_le_bytes(word.try_into().expect("chunks of 4 bytes")))
        .collect();
    let ids = IdTable::from_parts(sections.slice(id_text)?, &id_ends)?;
    let company_details = Arena::from_parts(
        sections.slice(company_details)?,
        read_offsets(bytes.get(company_offsets)?),
    )?;
    let companies = CompanyStore::from_parts(ids, company_details)?;
    // Each record becomes its edge as it is read: the facts are the edge's weight.
    let mut graph = KnowledgeGraph::empty_graph(companies.len(), relations);
    for record in bytes.get(facts)?.chunks_exact(FACTS_LEN) {
        let (facts, (from, to)) = decode_facts(record, companies.len())?;
        graph.add_edge(from, to, facts);
    }
    let details = Arena::from_parts(
        sections.slice(cursor.rest(bytes.len())?)?,
        read_offsets(bytes.get(relation_offsets)?),
    )?;
    let store = RelationStore::from_details(details);
    let shadowed = header.shadowed_ids.clone();
    KnowledgeGraph::from_graph(companies, store, graph, shadowed)
}

fn read_offsets(bytes: &[u8]) -> Vec<u64> {
    bytes
        .chunks_exact(8)
        .map(|word| u64::from_le_bytes(word.try_into().expect("chunks of 8 bytes")))
        .collect()
}

/// Where the next section starts.
#[derive(Default)]
struct Cursor(usize);

impl Cursor {
    /// The next `len` bytes' range.
    fn take(&mut self, len: usize) -> Option<Range<usize>> {
        let start = self.0;
        self.0 = start.checked_add(len)?;
        Some(start..self.0)
    }

    /// The range from here to `end`.
    fn rest(&self, end: usize) -> Option<Range<usize>> {
        (self.0 <= end).then_some(self.0..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_pack_and_unpack_at_every_precision() {
        for text in [
            "2024",
            "2024-10",
            "2024-10-02",
            "0000",
            "0000-12",
            "0001-01-01",
            "9999-12-31",
        ] {
            let date: PartialDate = text.parse().expect("valid");
            assert_eq!(unpack(pack(Some(date))), Some(date), "{text}");
        }
        assert_eq!(unpack(pack(None)), None);
    }

    /// The sections of the curated graph laid end to end, with the byte range of the facts.
    fn laid_out() -> (Header, Vec<u8>, Range<usize>) {
        let graph = crate::curated::load();
        let (header, sections) = sections(&graph);
        let before: usize = sections[..4].iter().map(|s| s.len()).sum();
        let facts = before..before + sections[4].len();
        (header, sections.concat(), facts)
    }

    #[test]
    fn sections_read_back_as_the_graph_they_came_from() {
        let (header, bytes, _) = laid_out();
        let graph = graph(&header, Bytes::Owned(bytes)).expect("a consistent snapshot");
        assert!(graph.relations().eq(crate::curated::load().relations()));
    }

    #[test]
    fn a_relation_end_past_the_last_company_is_refused() {
        let (header, mut bytes, facts) = laid_out();
        let companies = u32::try_from(header.companies).unwrap();
        // The first relation's `to`, the last word of its facts.
        let to = facts.start + FACTS_LEN - 4;
        bytes[to..to + 4].copy_from_slice(&companies.to_le_bytes());
        assert!(graph(&header, Bytes::Owned(bytes.clone())).is_none());
        bytes[to..to + 4].copy_from_slice(&(companies - 1).to_le_bytes());
        assert!(graph(&header, Bytes::Owned(bytes)).is_some());
    }

    #[test]
    fn counts_the_sections_cannot_hold_are_refused() {
        let (mut header, bytes, _) = laid_out();
        header.relations = u64::MAX / 64;
        assert!(graph(&header, Bytes::Owned(bytes.clone())).is_none());
        header.relations = 1 << 40;
        assert!(graph(&header, Bytes::Owned(bytes)).is_none());
    }
}
