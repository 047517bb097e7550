//! Every valid graph comes back from the snapshot cache exactly: every field of every company
//! and relation, and the answers asked of it, with dates from year 0000 to 9999.

use std::fs;

use dealgraph::cache::{Outcome, load_path};
use dealgraph::query::{self, PathOptions, RelationFilter, Traversal};
use dealgraph::{Company, CompanyId, GraphFile, KnowledgeGraph, PartialDate, Relation};
use dealgraph::{RelationId, RelationKind, Reliability, Scope, Source, Status};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn date() -> impl Strategy<Value = PartialDate> {
    (
        0u16..=9999,
        prop::option::of((1u8..=12, prop::option::of(1u8..=28))),
    )
        .prop_map(|(year, rest)| {
            let text = match rest {
                None => format!("{year:04}"),
                Some((month, None)) => format!("{year:04}-{month:02}"),
                Some((month, Some(day))) => format!("{year:04}-{month:02}-{day:02}"),
            };
            text.parse().expect("a valid date")
        })
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 .&é東-]{0,12}"
}

fn extra() -> impl Strategy<Value = Option<Map<String, Value>>> {
    prop::option::of(prop::collection::btree_map(
        "[a-z]{1,5}",
        any::<i32>(),
        1..3,
    ))
    .prop_map(|map| map.map(|map| map.into_iter().map(|(k, v)| (k, Value::from(v))).collect()))
}

fn source() -> impl Strategy<Value = Source> {
    (
        prop::option::of(text()),
        prop::option::of("https://example\\.com/[a-z]{1,8}"),
        prop::option::of(date()),
        prop::option::of(text()),
        prop::option::of(prop::sample::select(Reliability::ALL.to_vec())),
    )
        .prop_map(|(publisher, url, date, quote, reliability)| Source {
            publisher: publisher.or_else(|| Some("Wire".to_owned())),
            title: None,
            url,
            date,
            quote,
            reliability,
        })
}

fn company(index: usize) -> impl Strategy<Value = Company> {
    (
        text(),
        prop::collection::vec("[a-z]{1,6}(-[a-z]{1,4})?", 0..3),
        prop::option::of(prop::sample::select(vec!["US", "GB", "FR", "JP", "AE"])),
        prop::option::of("[A-Z]{1,4}"),
        prop::option::of(text()),
        extra(),
    )
        .prop_map(
            move |(name, sectors, country, ticker, notes, extra)| Company {
                country: country.map(str::to_owned),
                id: CompanyId(format!("c{index}")),
                name: format!("{name} {index}"),
                aliases: vec![format!("alias number {index}")],
                sectors,
                ticker,
                wikidata: None,
                lei: None,
                crunchbase: None,
                url: None,
                notes,
                extra,
            },
        )
}

fn relation(companies: usize) -> impl Strategy<Value = Relation> {
    let kinds = prop::sample::select(RelationKind::ALL.to_vec());
    let statuses = prop::option::of(prop::sample::select(Status::ALL.to_vec()));
    (
        (
            kinds,
            0..companies,
            1..companies,
            prop::option::of(date()),
            0u16..3,
        ),
        (
            statuses,
            prop::option::of(0.0f64..1e13),
            any::<bool>(),
            prop::option::of(text()),
        ),
        (
            prop::collection::vec(source(), 0..3),
            extra(),
            prop::option::of(0u64..100_000),
        ),
    )
        .prop_map(
            move |(
                (kind, from, step, date, years),
                (status, amount, flag, words),
                (sources, extra, count),
            )| {
                let to = (from + step) % companies;
                let mut relation = Relation::new(kind, &format!("c{from}"), &format!("c{to}"));
                relation.date = date;
                relation.end = date
                    .filter(|_| years > 0)
                    .and_then(|d| format!("{:04}", (d.year() + years).min(9999)).parse().ok());
                relation.status = status;
                relation.amount_usd = amount;
                relation.estimated = amount.map(|_| flag);
                relation.amount_text = words.clone().filter(|_| amount.is_none());
                relation.amount_max_usd = amount.filter(|_| flag).map(|a| a * 2.0);
                if count.is_some_and(|c| c % 3 == 0) {
                    relation.currency = Some("EUR".to_owned());
                    relation.amount = amount.or(Some(1.0));
                }
                relation.binding = Some(!flag).filter(|_| count.is_some());
                relation.sources = sources;
                relation.extra = extra;
                relation.notes = words.clone();
                match kind {
                    RelationKind::Investment => {
                        relation.round = words;
                        relation.lead = Some(flag);
                        relation.valuation_usd = amount.map(|a| a * 10.0);
                        relation.stake_percent = count.map(|c| (c % 101) as f64);
                    }
                    RelationKind::Loan => {
                        relation.round = words;
                        relation.lead = Some(flag);
                        relation.term_years = count.map(|c| (c % 30) as f64);
                    }
                    RelationKind::Lease => {
                        relation.site = words;
                        relation.capacity_mw = count.map(|c| c as f64 / 8.0);
                        relation.term_years = count.map(|c| (c % 12) as f64 + 0.5);
                    }
                    RelationKind::Supply | RelationKind::Compute => {
                        relation.chips = words;
                        relation.gpus = count;
                        relation.capacity_mw = count.map(|c| c as f64);
                    }
                    RelationKind::Exclusivity => {
                        let scopes = [
                            Scope::Investors,
                            Scope::Compute,
                            Scope::Supply,
                            Scope::Customers,
                            Scope::Talent,
                        ];
                        relation.scope = Some(scopes[count.unwrap_or(0) as usize % scopes.len()]);
                        relation.binding = Some(flag);
                        relation.retroactive = Some(!flag);
                    }
                    _ => {}
                }
                relation
            },
        )
}

fn graph_file() -> impl Strategy<Value = GraphFile> {
    (2usize..12)
        .prop_flat_map(|count| {
            let companies: Vec<_> = (0..count).map(company).collect();
            (companies, prop::collection::vec(relation(count), 0..30))
        })
        .prop_map(|(companies, relations)| GraphFile {
            companies,
            relations,
        })
}

/// The answers compared: every shortest path and its relations, as of two dates.
fn answers(graph: &KnowledgeGraph) -> Vec<Vec<Vec<RelationId>>> {
    let mut found = Vec::new();
    for as_of in ["0001", "2024-06", "9999-12-31"] {
        let options = PathOptions {
            filter: RelationFilter {
                as_of: Some(as_of.parse().expect("a date")),
                ..RelationFilter::default()
            },
            traversal: Traversal::Undirected,
            ..PathOptions::default()
        };
        for from in graph.graph().node_indices() {
            for to in graph.graph().node_indices() {
                let paths = query::paths(graph, from, to, &options);
                found.push(
                    paths
                        .paths
                        .iter()
                        .flat_map(|p| p.steps.iter().map(|s| s.relations.clone()))
                        .collect(),
                );
            }
        }
    }
    found
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_valid_graph_round_trips_through_the_snapshot(file in graph_file()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.json");
        fs::write(&path, serde_json::to_vec(&file).unwrap()).unwrap();
        let loaded = match dealgraph::load::load_path(&path) {
            Ok(graph) => graph,
            Err(err) => {
                // The strategy makes valid graphs; say which check it missed.
                return Err(TestCaseError::reject(err.to_string()));
            }
        };
        let cache = dir.path().join("cache");
        let (_, first) = load_path(&path, &cache).unwrap();
        prop_assert_eq!(first, Outcome::Rebuilt);
        let (cached, second) = load_path(&path, &cache).unwrap();
        prop_assert_eq!(second, Outcome::Hit);
        prop_assert!(cached.companies().eq(loaded.companies()));
        prop_assert!(cached.relations().eq(loaded.relations()));
        prop_assert_eq!(answers(&cached), answers(&loaded));
        for company in loaded.companies() {
            prop_assert_eq!(cached.resolve(&company.name).ok(), loaded.resolve(&company.name).ok());
        }
    }
}
