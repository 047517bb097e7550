//! The snapshot's contents: a loaded graph in sections that load without parsing, so a
//! snapshot loads in a fraction of the time the JSON takes, and the relations' details stay
//! in the mapped file until an answer shows them.
//!
//! After a [`Header`] come four sections, laid end to end:
//!
//! 1. the companies, each in postcard, back to back (every field present, `extra` as JSON
//!    text: the graph-file types skip absent fields and hold free-form JSON, which only
//!    self-describing formats can carry);
//! 2. each relation's facts and ends in [`FACTS_LEN`] bytes;
//! 3. where each relation's details start, and where the last ends, as `u64`s;
//! 4. the relations' encoded details, exactly as the relation store holds them.
//!
//! Numbers are little-endian; dates are `year * 10_000 + month * 100 + day`, with 0 for an
//! unknown part and for no date.

use std::borrow::Cow;

use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::graph::KnowledgeGraph;
use crate::model::{Company, CompanyId, RelationKind, Status};
use crate::store::{Arena, Bytes, RelationFacts, RelationStore};

/// The bytes of one relation's facts and ends: type, status (0 for none), date, end, from, to.
const FACTS_LEN: usize = 18;

/// How many companies and relations the sections hold, and how long the first one is.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Header {
    companies: u64,
    companies_len: u64,
    relations: u64,
}

#[derive(Serialize, Deserialize)]
struct StoredCompany {
    id: String,
    name: String,
    aliases: Vec<String>,
    sectors: Vec<String>,
    country: Option<String>,
    ticker: Option<String>,
    wikidata: Option<String>,
    lei: Option<String>,
    crunchbase: Option<String>,
    url: Option<String>,
    notes: Option<String>,
    extra: Option<String>,
}

fn pack(date: Option<PartialDate>) -> u32 {
    date.map_or(0, |d| {
        u32::from(d.year()) * 10_000
            + u32::from(d.month().unwrap_or(0)) * 100
            + u32::from(d.day().unwrap_or(0))
    })
}

fn unpack(packed: u32) -> Option<PartialDate> {
    let part = |value: u32| u8::try_from(value).ok().filter(|&v| v > 0);
    let year = u16::try_from(packed / 10_000).ok().filter(|&y| y > 0)?;
    Some(PartialDate::from_valid_parts(
        year,
        part(packed / 100 % 100),
        part(packed % 100),
    ))
}

/// The header and the sections of a loaded graph, to be written in order.
pub(crate) fn sections(graph: &KnowledgeGraph) -> (Header, Vec<Cow<'_, [u8]>>) {
    let mut companies = Vec::new();
    for company in graph.companies() {
        companies = postcard::to_extend(&store_company(company), companies)
            .expect("encoding into a Vec cannot fail");
    }
    let store = graph.store();
    let mut facts = Vec::with_capacity(store.len() * FACTS_LEN);
    for (edge, relation) in graph.graph().raw_edges().iter().zip(&store.facts) {
        facts.extend(encode_facts(relation, edge.source(), edge.target()));
    }
    let offsets: Vec<u8> = store
        .details
        .offsets()
        .iter()
        .flat_map(|offset| offset.to_le_bytes())
        .collect();
    let header = Header {
        companies: graph.companies().len() as u64,
        companies_len: companies.len() as u64,
        relations: store.len() as u64,
    };
    let mut sections = vec![companies.into(), facts.into(), offsets.into()];
    sections.extend(store.details.segments().map(Cow::Borrowed));
    (header, sections)
}

fn encode_facts(facts: &RelationFacts, from: NodeIndex, to: NodeIndex) -> [u8; FACTS_LEN] {
    let node =
        |node: NodeIndex| u32::try_from(node.index()).expect("petgraph's indexes are 32-bit");
    let mut bytes = [0; FACTS_LEN];
    bytes[0] = facts.kind as u8;
    bytes[1] = facts.status.map_or(0, |status| status as u8 + 1);
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
    let status = match *bytes.get(1)? {
        0 => None,
        n => Some(*Status::ALL.get(usize::from(n) - 1)?),
    };
    let facts = RelationFacts {
        kind: *RelationKind::ALL.get(usize::from(*bytes.first()?))?,
        status,
        date: unpack(word(0)?),
        end: unpack(word(1)?),
    };
    Some((facts, (node(2)?, node(3)?)))
}

/// The graph the sections after `header` hold, or `None` when they do not hold a consistent
/// one.
pub(crate) fn graph(header: &Header, sections: Bytes) -> Option<KnowledgeGraph> {
    let companies_len = usize::try_from(header.companies_len).ok()?;
    let relations = usize::try_from(header.relations).ok()?;
    let facts_len = relations.checked_mul(FACTS_LEN)?;
    let offsets_len = relations.checked_add(1)?.checked_mul(8)?;
    let (companies, rest) = sections.as_slice().split_at_checked(companies_len)?;
    let (facts, rest) = rest.split_at_checked(facts_len)?;
    let offsets = rest.get(..offsets_len)?;
    let companies = decode_companies(companies, usize::try_from(header.companies).ok()?)?;
    let mut all_facts = Vec::with_capacity(relations);
    let mut ends = Vec::with_capacity(relations);
    for record in facts.chunks_exact(FACTS_LEN) {
        let (facts, pair) = decode_facts(record, companies.len())?;
        all_facts.push(facts);
        ends.push(pair);
    }
    let offsets = offsets
        .chunks_exact(8)
        .map(|bytes| u64::from_le_bytes(bytes.try_into().expect("chunks of 8 bytes")))
        .collect();
    let details = sections.skip(companies_len + facts_len + offsets_len)?;
    let store = RelationStore::from_parts(all_facts, Arena::from_parts(details, offsets)?)?;
    Some(KnowledgeGraph::from_store(companies, store, ends))
}

/// The companies, `count` of them back to back, when every one decodes and their ids rise.
fn decode_companies(mut bytes: &[u8], count: usize) -> Option<Vec<Company>> {
    let mut companies: Vec<Company> = Vec::with_capacity(count);
    for _ in 0..count {
        let (stored, rest) = postcard::take_from_bytes::<StoredCompany>(bytes).ok()?;
        bytes = rest;
        let company = restore_company(stored)?;
        if companies.last().is_some_and(|last| last.id >= company.id) {
            return None;
        }
        companies.push(company);
    }
    bytes.is_empty().then_some(companies)
}

fn store_company(company: &Company) -> StoredCompany {
    StoredCompany {
        id: company.id.as_str().to_owned(),
        name: company.name.clone(),
        aliases: company.aliases.clone(),
        sectors: company.sectors.clone(),
        country: company.country.clone(),
        ticker: company.ticker.clone(),
        wikidata: company.wikidata.clone(),
        lei: company.lei.clone(),
        crunchbase: company.crunchbase.clone(),
        url: company.url.clone(),
        notes: company.notes.clone(),
        extra: company
            .extra
            .as_ref()
            .map(|map| serde_json::to_string(map).expect("a JSON map always serializes")),
    }
}

fn restore_company(stored: StoredCompany) -> Option<Company> {
    Some(Company {
        id: CompanyId(stored.id),
        name: stored.name,
        aliases: stored.aliases,
        sectors: stored.sectors,
        country: stored.country,
        ticker: stored.ticker,
        wikidata: stored.wikidata,
        lei: stored.lei,
        crunchbase: stored.crunchbase,
        url: stored.url,
        notes: stored.notes,
        extra: stored
            .extra
            .map(|text| serde_json::from_str(&text))
            .transpose()
            .ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_pack_and_unpack_at_every_precision() {
        for text in ["2024", "2024-10", "2024-10-02", "0001-01-01", "9999-12-31"] {
            let date: PartialDate = text.parse().expect("valid");
            assert_eq!(unpack(pack(Some(date))), Some(date), "{text}");
        }
        assert_eq!(unpack(pack(None)), None);
    }
}
