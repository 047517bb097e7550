//! The snapshot's payload: a graph's companies and relations in a compact binary form.
//!
//! The graph-file types skip absent fields and hold free-form JSON, which only self-describing
//! formats can carry, so the snapshot has types of its own: every field present, `extra` as
//! JSON text, dates as numbers, and relation ends as company indexes.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::date::PartialDate;
use crate::graph::KnowledgeGraph;
use crate::model::{Company, CompanyId, Relation, RelationKind, Scope, Source, Status};
use crate::names::NameIndex;
use petgraph::graph::NodeIndex;

/// A graph as the snapshot stores it: the companies, then the relations.
#[derive(Serialize)]
pub(crate) struct Snapshot {
    companies: Vec<StoredCompany>,
    relations: Vec<StoredRelation>,
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

/// A date as `(year, month, day)`, with 0 for an unknown month or day.
type StoredDate = Option<(u16, u8, u8)>;

#[derive(Serialize, Deserialize)]
struct StoredRelation {
    kind: RelationKind,
    from: u32,
    to: u32,
    date: StoredDate,
    end: StoredDate,
    status: Option<Status>,
    amount_usd: Option<f64>,
    amount_text: Option<String>,
    estimated: Option<bool>,
    deal: Option<String>,
    round: Option<String>,
    lead: Option<bool>,
    valuation_usd: Option<f64>,
    site: Option<String>,
    capacity_mw: Option<f64>,
    chips: Option<String>,
    gpus: Option<u64>,
    scope: Option<Scope>,
    binding: Option<bool>,
    retroactive: Option<bool>,
    sources: Vec<StoredSource>,
    notes: Option<String>,
    extra: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredSource {
    publisher: Option<String>,
    title: Option<String>,
    url: Option<String>,
    date: StoredDate,
    quote: Option<String>,
}

fn store_date(date: Option<PartialDate>) -> StoredDate {
    date.map(|d| (d.year(), d.month().unwrap_or(0), d.day().unwrap_or(0)))
}

fn restore_date(date: StoredDate) -> Option<PartialDate> {
    date.map(|(year, month, day)| {
        PartialDate::from_valid_parts(year, (month > 0).then_some(month), (day > 0).then_some(day))
    })
}

fn store_extra(extra: Option<&Map<String, Value>>) -> Option<String> {
    extra.map(|map| serde_json::to_string(map).expect("a JSON map always serializes"))
}

fn restore_extra(extra: Option<String>) -> Result<Option<Map<String, Value>>, serde_json::Error> {
    extra.map(|text| serde_json::from_str(&text)).transpose()
}

impl Snapshot {
    /// The snapshot of a loaded graph.
    pub(crate) fn of(graph: &KnowledgeGraph) -> Snapshot {
        let index = |id: &CompanyId| {
            let node = graph
                .node(id.as_str())
                .expect("a loaded graph's relations name its companies");
            u32::try_from(node.index()).expect("petgraph's default index is 32-bit")
        };
        Snapshot {
            companies: graph.companies().iter().map(store_company).collect(),
            relations: graph
                .relations()
                .iter()
                .map(|r| store_relation(r, index(&r.from), index(&r.to)))
                .collect(),
        }
    }
}

/// Decodes a snapshot's bytes straight into a graph: each relation is converted as it is read,
/// into a list allocated once at its full length, so a million relations are neither copied
/// twice nor moved by a growing list. `None` when the bytes do not hold a consistent graph.
pub(crate) fn decode(bytes: &[u8]) -> Option<KnowledgeGraph> {
    let mut deserializer = postcard::Deserializer::from_bytes(bytes);
    let (companies, relations, ends) = GraphSeed.deserialize(&mut deserializer).ok()?;
    let names = NameIndex::new(&companies);
    Some(KnowledgeGraph::from_validated(
        companies, names, relations, ends,
    ))
}

type Decoded = (
    Vec<Company>,
    Vec<Relation>,
    Vec<Option<(NodeIndex, NodeIndex)>>,
);

struct GraphSeed;

impl<'de> DeserializeSeed<'de> for GraphSeed {
    type Value = Decoded;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Decoded, D::Error> {
        deserializer.deserialize_tuple(2, self)
    }
}

impl<'de> Visitor<'de> for GraphSeed {
    type Value = Decoded;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a graph snapshot")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Decoded, A::Error> {
        let stored: Vec<StoredCompany> = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let companies = stored
            .into_iter()
            .map(restore_company)
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| de::Error::custom("a company's extra data is not a JSON object"))?;
        let (relations, ends) = seq
            .next_element_seed(RelationsSeed {
                companies: &companies,
            })?
            .ok_or_else(|| de::Error::invalid_length(1, &self))?;
        Ok((companies, relations, ends))
    }
}

struct RelationsSeed<'a> {
    companies: &'a [Company],
}

type DecodedRelations = (Vec<Relation>, Vec<Option<(NodeIndex, NodeIndex)>>);

impl<'de> DeserializeSeed<'de> for RelationsSeed<'_> {
    type Value = DecodedRelations;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<DecodedRelations, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RelationsSeed<'_> {
    type Value = DecodedRelations;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the relations of a graph snapshot")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<DecodedRelations, A::Error> {
        // The length was written by this program and the bytes are checksummed, so it can be
        // trusted for one allocation.
        let count = seq.size_hint().unwrap_or(0);
        let mut relations = Vec::with_capacity(count);
        let mut ends = Vec::with_capacity(count);
        while let Some(stored) = seq.next_element::<StoredRelation>()? {
            let node = |index: u32| {
                usize::try_from(index)
                    .ok()
                    .filter(|&i| i < self.companies.len())
                    .ok_or_else(|| de::Error::custom("a relation names a company out of range"))
            };
            let (from, to) = (node(stored.from)?, node(stored.to)?);
            let relation = restore_relation(
                stored,
                self.companies[from].id.clone(),
                self.companies[to].id.clone(),
            )
            .ok_or_else(|| de::Error::custom("a relation's extra data is not a JSON object"))?;
            relations.push(relation);
            ends.push(Some((NodeIndex::new(from), NodeIndex::new(to))));
        }
        Ok((relations, ends))
    }
}

fn store_company(company: &Company) -> StoredCompany {
    StoredCompany {
        id: company.id.0.clone(),
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
        extra: store_extra(company.extra.as_ref()),
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
        extra: restore_extra(stored.extra).ok()?,
    })
}

fn store_relation(relation: &Relation, from: u32, to: u32) -> StoredRelation {
    StoredRelation {
        kind: relation.kind,
        from,
        to,
        date: store_date(relation.date),
        end: store_date(relation.end),
        status: relation.status,
        amount_usd: relation.amount_usd,
        amount_text: relation.amount_text.clone(),
        estimated: relation.estimated,
        deal: relation.deal.clone(),
        round: relation.round.clone(),
        lead: relation.lead,
        valuation_usd: relation.valuation_usd,
        site: relation.site.clone(),
        capacity_mw: relation.capacity_mw,
        chips: relation.chips.clone(),
        gpus: relation.gpus,
        scope: relation.scope,
        binding: relation.binding,
        retroactive: relation.retroactive,
        sources: relation
            .sources
            .iter()
            .map(|source| StoredSource {
                publisher: source.publisher.clone(),
                title: source.title.clone(),
                url: source.url.clone(),
                date: store_date(source.date),
                quote: source.quote.clone(),
            })
            .collect(),
        notes: relation.notes.clone(),
        extra: store_extra(relation.extra.as_ref()),
    }
}

fn restore_relation(stored: StoredRelation, from: CompanyId, to: CompanyId) -> Option<Relation> {
    Some(Relation {
        kind: stored.kind,
        from,
        to,
        date: restore_date(stored.date),
        end: restore_date(stored.end),
        status: stored.status,
        amount_usd: stored.amount_usd,
        amount_text: stored.amount_text,
        estimated: stored.estimated,
        deal: stored.deal,
        round: stored.round,
        lead: stored.lead,
        valuation_usd: stored.valuation_usd,
        site: stored.site,
        capacity_mw: stored.capacity_mw,
        chips: stored.chips,
        gpus: stored.gpus,
        scope: stored.scope,
        binding: stored.binding,
        retroactive: stored.retroactive,
        sources: stored
            .sources
            .into_iter()
            .map(|source| Source {
                publisher: source.publisher,
                title: source.title,
                url: source.url,
                date: restore_date(source.date),
                quote: source.quote,
            })
            .collect(),
        notes: stored.notes,
        extra: restore_extra(stored.extra).ok()?,
    })
}
