//! The snapshot's payload: a loaded graph's companies, and its relation store as it is in
//! memory (facts, ends and the encoded details), so a snapshot loads without decoding a
//! single relation.
//!
//! The graph-file types skip absent fields and hold free-form JSON, which only self-describing
//! formats can carry, so companies have a stored form of their own: every field present,
//! `extra` as JSON text.

use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};
use serde_bytes::ByteBuf;

use crate::date::PartialDate;
use crate::graph::KnowledgeGraph;
use crate::model::{Company, CompanyId, RelationKind, Status};
use crate::names::NameIndex;
use crate::store::{RelationFacts, RelationStore};

/// A graph as the snapshot stores it.
#[derive(Serialize, Deserialize)]
pub(crate) struct Snapshot {
    companies: Vec<StoredCompany>,
    facts: Vec<StoredFacts>,
    offsets: Vec<u64>,
    arena: ByteBuf,
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

/// A relation's facts and ends; dates as `year * 10_000 + month * 100 + day`, with 0 for an
/// unknown part and for no date.
#[derive(Serialize, Deserialize)]
struct StoredFacts {
    kind: RelationKind,
    status: Option<Status>,
    date: u32,
    end: u32,
    from: u32,
    to: u32,
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

impl Snapshot {
    /// The snapshot of a loaded graph.
    pub(crate) fn of(graph: &KnowledgeGraph) -> Snapshot {
        let store = graph.store();
        let node =
            |node: NodeIndex| u32::try_from(node.index()).expect("petgraph's indexes are 32-bit");
        let facts = graph
            .graph()
            .raw_edges()
            .iter()
            .zip(&store.facts)
            .map(|(edge, facts)| StoredFacts {
                kind: facts.kind,
                status: facts.status,
                date: pack(facts.date),
                end: pack(facts.end),
                from: node(edge.source()),
                to: node(edge.target()),
            })
            .collect();
        Snapshot {
            companies: graph.companies().iter().map(store_company).collect(),
            facts,
            offsets: store.offsets.clone(),
            arena: ByteBuf::from(store.arena.clone()),
        }
    }

    /// The graph, or `None` when the snapshot does not hold a consistent one.
    pub(crate) fn into_graph(self) -> Option<KnowledgeGraph> {
        let companies: Vec<Company> = self
            .companies
            .into_iter()
            .map(restore_company)
            .collect::<Option<_>>()?;
        let count = companies.len();
        let within = |index: u32| usize::try_from(index).ok().filter(|&i| i < count);
        let mut ends = Vec::with_capacity(self.facts.len());
        let mut facts = Vec::with_capacity(self.facts.len());
        for stored in self.facts {
            ends.push((
                NodeIndex::new(within(stored.from)?),
                NodeIndex::new(within(stored.to)?),
            ));
            facts.push(RelationFacts {
                kind: stored.kind,
                status: stored.status,
                date: unpack(stored.date),
                end: unpack(stored.end),
            });
        }
        let store = RelationStore::from_parts(facts, self.arena.into_vec(), self.offsets);
        if !store.is_consistent() {
            return None;
        }
        let names = NameIndex::new(&companies);
        Some(KnowledgeGraph::from_store(companies, names, store, ends))
    }
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
