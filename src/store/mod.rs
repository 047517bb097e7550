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
mod encoding;

pub(crate) use arena::{Arena, Bytes};
pub(crate) use companies::{CompanyStore, IdTable};
use encoding::encoded_record;

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::model::{CompanyId, Relation, RelationKind, Reliability, Scope, Source, Status};

/// What questions test about a relation: its type, status, dates and how reliable its best
/// source is.
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
    /// The reliability of its most reliable source, when a source gives one.
    pub reliability: Option<Reliability>,
}

impl RelationFacts {
    /// The facts of a relation.
    pub fn of(relation: &Relation) -> RelationFacts {
        RelationFacts {
            kind: relation.kind,
            status: relation.status,
            date: relation.date,
            end: relation.end,
            reliability: relation.reliability(),
        }
    }
}

encoded_record! {
    Relation {
        sources: sources,
        amount_usd: copy<f64>,
        deal: text,
        round: text,
        site: text,
        notes: text,
        chips: text,
        amount_text: text,
        estimated: copy<bool>,
        lead: copy<bool>,
        valuation_usd: copy<f64>,
        gpus: copy<u64>,
        scope: copy<Scope>,
        capacity_mw: copy<f64>,
        binding: copy<bool>,
        retroactive: copy<bool>,
        amount_max_usd: copy<f64>,
        currency: text,
        amount: copy<f64>,
        stake_percent: copy<f64>,
        term_years: copy<f64>,
        extra: json,
    }
    fn encode;
    fn decode(bytes: &[u8], facts: &RelationFacts, from: &str, to: &str) {
        kind: facts.kind,
        from: CompanyId(from.to_owned()),
        to: CompanyId(to.to_owned()),
        date: facts.date,
        end: facts.end,
        status: facts.status,
    }
}

/// A relation's sources as the details encode them: each with every field present, in order,
/// as [`Source`]'s derived `Deserialize` reads them back. (Its `Serialize` leaves out empty
/// fields, which a positional encoding cannot.)
struct SourcesRef<'a>(&'a [Source]);

impl Serialize for SourcesRef<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|source| {
            // Named in full, so a field added to `Source` does not compile until it is here.
            let Source {
                publisher,
                title,
                url,
                date,
                quote,
                reliability,
            } = source;
            (
                publisher.as_deref(),
                title.as_deref(),
                url.as_deref(),
                date,
                quote.as_deref(),
                reliability,
            )
        }))
    }
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

    /// A store of sealed details whose facts are held elsewhere (as a graph's edge weights):
    /// what a snapshot holds.
    pub(crate) fn from_details(details: Arena<Relation>) -> RelationStore {
        RelationStore {
            facts: Vec::new(),
            details,
        }
    }

    /// Adds a relation.
    pub(crate) fn push(&mut self, relation: &Relation) {
        self.facts.push(RelationFacts::of(relation));
        self.details.push(|bytes| encode(relation, bytes));
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

    /// The relation at `index`, decoded on first use with the facts and ends' ids that
    /// `parts` gives: asked for only then, as a relation is shown far more often than decoded.
    pub(crate) fn get<'a>(
        &'a self,
        index: usize,
        parts: impl FnOnce() -> (&'a RelationFacts, &'a str, &'a str),
    ) -> &'a Relation {
        self.details.get(index, |bytes| {
            let (facts, from, to) = parts();
            decode(bytes, facts, from, to)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Company;

    /// The field names serde's derive lists for `T`, read by a deserializer that stops at the
    /// list: so a record's sample below can be checked to set every field it has.
    fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
        struct Names(Option<&'static [&'static str]>);
        #[derive(Debug)]
        struct Stop;
        impl std::fmt::Display for Stop {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("stop")
            }
        }
        impl std::error::Error for Stop {}
        impl serde::de::Error for Stop {
            fn custom<M: std::fmt::Display>(_: M) -> Stop {
                Stop
            }
        }
        impl<'de> serde::Deserializer<'de> for &mut Names {
            type Error = Stop;
            fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
                Err(Stop)
            }
            fn deserialize_struct<V: serde::de::Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Stop> {
                self.0 = Some(fields);
                Err(Stop)
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
                byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
                identifier ignored_any
            }
        }
        let mut names = Names(None);
        let _ = T::deserialize(&mut names);
        names.0.expect("a struct lists its fields")
    }

    /// Every field of `value` that its JSON form holds (empty ones are left out).
    fn set_fields(value: &impl Serialize) -> Vec<String> {
        let json = serde_json::to_value(value).expect("serializes");
        let mut keys: Vec<String> = json
            .as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_relation_with_every_field_set_survives_the_store() {
        let relation: Relation = serde_json::from_value(serde_json::json!({
            "type": "exclusivity", "from": "a", "to": "b", "date": "2024-01", "end": "2025",
            "status": "ended", "amount_usd": 1.5e9, "amount_max_usd": 2.5e9,
            "amount_text": "up to $1.5B", "currency": "EUR", "amount": 1.4e9,
            "estimated": true, "deal": "a-2024", "round": "Series B", "lead": false,
            "valuation_usd": 2e10, "stake_percent": 12.5, "site": "Abilene",
            "capacity_mw": 200.5, "term_years": 7, "chips": "H100",
            "gpus": 1000, "scope": "investors", "binding": true, "retroactive": false,
            "sources": [{"publisher": "P", "title": "T", "url": "https://example.com",
                         "date": "2024-01-02", "quote": "Q", "reliability": "press"}],
            "notes": "n", "extra": {"k": [1, "v"]}
        }))
        .expect("a valid relation");
        assert_eq!(
            set_fields(&relation),
            sorted(field_names::<Relation>()),
            "the sample sets every field a relation has"
        );
        assert_eq!(
            set_fields(&relation.sources[0]),
            sorted(field_names::<Source>()),
            "and every field of its source"
        );
        let mut store = RelationStore::default();
        store.push(&relation);
        store.seal();
        let facts = store.take_facts()[0];
        assert_eq!(*store.get(0, || (&facts, "a", "b")), relation);
    }

    #[test]
    fn a_company_with_every_field_set_survives_the_encoding() {
        let company: Company = serde_json::from_value(serde_json::json!({
            "id": "a", "name": "A", "aliases": ["Ay"], "sectors": ["cloud"], "country": "US",
            "ticker": "NASDAQ:A", "wikidata": "Q1", "lei": "L", "crunchbase": "a",
            "url": "https://a.example", "notes": "n", "extra": {"k": "v"}
        }))
        .expect("a valid company");
        assert_eq!(
            set_fields(&company),
            sorted(field_names::<Company>()),
            "the sample sets every field a company has"
        );
        let bytes = companies::encode(&company, Vec::new());
        assert_eq!(companies::decode(&bytes, "a"), company);
    }
}
