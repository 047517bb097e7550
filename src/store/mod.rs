//! Companies and relations in compact form. A relation keeps a few bytes of facts that
//! questions filter on, and the rest encoded in byte segments, decoded only when an answer
//! shows the relation; companies from a snapshot keep their ids at hand and the rest encoded
//! the same way.
//!
//! A million relations held as [`Relation`] structs take about 400 bytes each before their
//! strings; here they take about 16 bytes of facts plus their encoded details, and a snapshot
//! maps its segments from the file without reading or decoding anything.

mod arena;
pub(crate) mod companies;

pub(crate) use arena::{Arena, Bytes};
pub(crate) use companies::{CompanyStore, IdTable};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::date::PartialDate;
use crate::model::{CompanyId, Relation, RelationKind, Scope, Source, Status};

/// What questions test about a relation: its type, status and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationFacts {
    /// The relation's type.
    pub kind: RelationKind,
    /// How far it is confirmed.
    pub status: Option<Status>,
    /// When it began.
    pub date: Option<PartialDate>,
    /// When it ended.
    pub end: Option<PartialDate>,
}

impl RelationFacts {
    /// The facts of a relation.
    pub fn of(relation: &Relation) -> RelationFacts {
        RelationFacts {
            kind: relation.kind,
            status: relation.status,
            date: relation.date,
            end: relation.end,
        }
    }
}

/// Every field of a relation that is neither a fact nor an end, as the arena encodes it: all
/// present (the encoding is positional), `extra` as JSON text. [`DetailsRef`] writes the same
/// encoding from borrowed fields.
#[derive(Deserialize)]
struct Details {
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

#[derive(Deserialize)]
struct StoredSource {
    publisher: Option<String>,
    title: Option<String>,
    url: Option<String>,
    date: Option<PartialDate>,
    quote: Option<String>,
}

/// [`Details`], borrowed from a relation, for encoding without copying its strings.
#[derive(Serialize)]
struct DetailsRef<'a> {
    amount_usd: Option<f64>,
    amount_text: Option<&'a str>,
    estimated: Option<bool>,
    deal: Option<&'a str>,
    round: Option<&'a str>,
    lead: Option<bool>,
    valuation_usd: Option<f64>,
    site: Option<&'a str>,
    capacity_mw: Option<f64>,
    chips: Option<&'a str>,
    gpus: Option<u64>,
    scope: Option<Scope>,
    binding: Option<bool>,
    retroactive: Option<bool>,
    #[serde(serialize_with = "sources_ref")]
    sources: &'a [Source],
    notes: Option<&'a str>,
    extra: Option<String>,
}

/// Writes sources as [`StoredSource`]s: every field present.
fn sources_ref<S: serde::Serializer>(
    sources: &&[Source],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct SourceRef<'a> {
        publisher: Option<&'a str>,
        title: Option<&'a str>,
        url: Option<&'a str>,
        date: Option<PartialDate>,
        quote: Option<&'a str>,
    }
    serializer.collect_seq(sources.iter().map(|source| SourceRef {
        publisher: source.publisher.as_deref(),
        title: source.title.as_deref(),
        url: source.url.as_deref(),
        date: source.date,
        quote: source.quote.as_deref(),
    }))
}

/// The relations of a graph: facts and encoded details, with each relation decoded at most
/// once, on first use. A graph keeps the facts as its edges' weights
/// ([`RelationStore::take_facts`]) and the details here.
#[derive(Debug, Default, Clone)]
pub(crate) struct RelationStore {
    pub(crate) facts: Vec<RelationFacts>,
    pub(crate) details: Arena<Relation>,
}

impl RelationStore {
    /// An empty store with room for `count` relations' facts.
    pub(crate) fn with_capacity(count: usize) -> RelationStore {
        RelationStore {
            facts: Vec::with_capacity(count),
            details: Arena::default(),
        }
    }

    /// A store from the parts a snapshot holds, or `None` when they disagree.
    pub(crate) fn from_parts(
        facts: Vec<RelationFacts>,
        details: Arena<Relation>,
    ) -> Option<RelationStore> {
        (details.len() == facts.len()).then_some(RelationStore { facts, details })
    }

    /// Adds a relation.
    pub(crate) fn push(&mut self, relation: &Relation) {
        self.facts.push(RelationFacts::of(relation));
        let details = DetailsRef {
            amount_usd: relation.amount_usd,
            amount_text: relation.amount_text.as_deref(),
            estimated: relation.estimated,
            deal: relation.deal.as_deref(),
            round: relation.round.as_deref(),
            lead: relation.lead,
            valuation_usd: relation.valuation_usd,
            site: relation.site.as_deref(),
            capacity_mw: relation.capacity_mw,
            chips: relation.chips.as_deref(),
            gpus: relation.gpus,
            scope: relation.scope,
            binding: relation.binding,
            retroactive: relation.retroactive,
            sources: &relation.sources,
            notes: relation.notes.as_deref(),
            extra: relation
                .extra
                .as_ref()
                .map(|map| serde_json::to_string(map).expect("a JSON map always serializes")),
        };
        self.details.push(|bytes| {
            postcard::to_extend(&details, bytes).expect("encoding into a Vec cannot fail")
        });
    }

    /// Adds every relation of another store after this one's, without copying their details.
    pub(crate) fn append(&mut self, other: RelationStore) {
        self.facts.extend(other.facts);
        self.details.append(other.details);
    }

    /// Makes room to decode every relation; called once all are pushed.
    pub(crate) fn seal(&mut self) {
        self.details.seal();
    }

    /// Hands over every relation's facts, leaving the details: what a graph does once all
    /// relations are pushed.
    pub(crate) fn take_facts(&mut self) -> Vec<RelationFacts> {
        std::mem::take(&mut self.facts)
    }

    /// How many relations there are.
    pub(crate) fn len(&self) -> usize {
        self.details.len()
    }

    /// The relation at `index`, decoded on first use, with its facts and its ends' ids.
    pub(crate) fn get(
        &self,
        index: usize,
        facts: &RelationFacts,
        from: &str,
        to: &str,
    ) -> &Relation {
        self.details
            .get(index, |bytes| decode(bytes, facts, from, to))
    }
}

/// A relation from its encoded details, its facts and its ends' ids.
fn decode(bytes: &[u8], facts: &RelationFacts, from: &str, to: &str) -> Relation {
    let details: Details = postcard::from_bytes(bytes)
        .expect("the arena holds what push encoded, checked by the snapshot's checksum");
    Relation {
        kind: facts.kind,
        from: CompanyId(from.to_owned()),
        to: CompanyId(to.to_owned()),
        date: facts.date,
        end: facts.end,
        status: facts.status,
        amount_usd: details.amount_usd,
        amount_text: details.amount_text,
        estimated: details.estimated,
        deal: details.deal,
        round: details.round,
        lead: details.lead,
        valuation_usd: details.valuation_usd,
        site: details.site,
        capacity_mw: details.capacity_mw,
        chips: details.chips,
        gpus: details.gpus,
        scope: details.scope,
        binding: details.binding,
        retroactive: details.retroactive,
        sources: details
            .sources
            .into_iter()
            .map(|source| Source {
                publisher: source.publisher,
                title: source.title,
                url: source.url,
                date: source.date,
                quote: source.quote,
            })
            .collect(),
        notes: details.notes,
        extra: details.extra.map(|text| {
            serde_json::from_str::<Map<String, Value>>(&text)
                .expect("the arena holds a JSON map that push wrote")
        }),
    }
}
