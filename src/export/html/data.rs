//! What a map holds: the companies placed, the relations with their sources, the palette, and
//! the answers the page highlights on request, as the JSON the page reads.

use std::collections::{BTreeSet, HashSet};

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::export::Selection;
use crate::export::dot::{
    ENDED_COLOR, OTHER_SECTOR, SECTOR_STYLES, amount_width, line_style, relation_color,
    sector_style,
};
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::{Company, RelationKind, Reliability, Status};
use crate::names::{name_key, ticker_keys, word_keys};
use crate::query::KeyedRelation;
use crate::query::conflicts::Conflicts;
use crate::query::cycles::{CycleOptions, cycles, money_kinds};
use crate::query::path::DEAL_KINDS;
use crate::query::{ConflictOptions, RelationFilter};

/// How many conflicts and loops of money a map offers to highlight, the most serious first.
const ANSWERS: usize = 200;

/// The JSON of a map.
#[derive(Debug, Serialize)]
pub(super) struct MapData<'g> {
    title: &'g str,
    companies: Vec<MapCompany<'g>>,
    relations: Vec<MapRelation<'g>>,
    /// The companies and relations of the answer the map was made for, drawn heavy.
    highlight: Highlight<'g>,
    palette: Palette,
    /// The relation types the path finder follows.
    path_types: Vec<&'static str>,
    /// The relation types that run both ways (drawn without arrows, walked either way).
    symmetric_types: Vec<&'static str>,
    conflicts: Vec<MapAnswer<'g>>,
    cycles: Vec<MapAnswer<'g>>,
}

#[derive(Debug, Serialize)]
struct MapCompany<'g> {
    id: &'g str,
    name: &'g str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'g [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    ticker: Option<&'g str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    sectors: &'g [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'g str>,
    /// The sector its colour and shape come from.
    style: &'static str,
    x: f64,
    y: f64,
    /// Its relations on the map.
    degree: usize,
    /// What a search matches, as the command line folds it: each name with the folded words
    /// it is made of.
    keys: Vec<(String, Vec<String>)>,
    /// Its ticker's keys, which a search must match whole.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ticker_keys: Vec<String>,
}

#[derive(Debug, Serialize)]
struct MapRelation<'g> {
    #[serde(flatten)]
    keyed: KeyedRelation<'g>,
    /// Its line's width, by amount.
    width: f64,
    /// Its most reliable source's reliability, when a source gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    reliability: Option<Reliability>,
}

#[derive(Debug, Serialize)]
struct Highlight<'g> {
    companies: Vec<&'g str>,
    relations: Vec<String>,
}

/// One conflict or loop: its label, companies and relations (by key).
#[derive(Debug, Serialize)]
struct MapAnswer<'g> {
    label: String,
    companies: Vec<&'g str>,
    relations: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Palette {
    types: Vec<(&'static str, &'static str)>,
    statuses: Vec<(&'static str, &'static str)>,
    reliabilities: Vec<&'static str>,
    sectors: Vec<SectorShape>,
    ended: &'static str,
}

#[derive(Debug, Serialize)]
struct SectorShape {
    sector: &'static str,
    shape: &'static str,
    fill: &'static str,
}

impl<'g> MapData<'g> {
    /// The map of `selection`, its companies at `places`, titled `title`.
    pub(super) fn new(
        graph: &'g KnowledgeGraph,
        selection: &Selection,
        places: &[(f64, f64)],
        highlight: (&BTreeSet<NodeIndex>, &BTreeSet<RelationId>),
        title: &'g str,
    ) -> MapData<'g> {
        let relations: HashSet<RelationId> = selection.relations.iter().copied().collect();
        let mut degree = vec![0usize; graph.company_count()];
        for &id in &selection.relations {
            let (from, to) = graph.ends(id);
            degree[from.index()] += 1;
            degree[to.index()] += 1;
        }
        MapData {
            title,
            companies: (selection.companies.iter().zip(places))
                .map(|(&node, &(x, y))| company(graph.company(node), x, y, degree[node.index()]))
                .collect(),
            relations: (selection.relations.iter())
                .map(|&id| MapRelation {
                    keyed: KeyedRelation::of(graph, id),
                    width: width(graph, id),
                    reliability: graph.relation(id).reliability(),
                })
                .collect(),
            highlight: Highlight {
                companies: highlight.0.iter().map(|&n| graph.company_id(n)).collect(),
                relations: (highlight.1.iter())
                    .filter(|id| relations.contains(id))
                    .map(|&id| graph.relation_key(id).to_string())
                    .collect(),
            },
            palette: palette(),
            path_types: DEAL_KINDS.iter().map(|kind| kind.as_str()).collect(),
            symmetric_types: (RelationKind::ALL.iter())
                .filter(|kind| kind.is_symmetric())
                .map(|kind| kind.as_str())
                .collect(),
            conflicts: conflicts(graph, &relations),
            cycles: loops(graph, &relations),
        }
    }
}

fn width(graph: &KnowledgeGraph, id: RelationId) -> f64 {
    let relation = graph.relation(id);
    amount_width(relation.amount_usd.or(relation.amount_max_usd))
}

fn company(company: &Company, x: f64, y: f64, degree: usize) -> MapCompany<'_> {
    let names = [company.name.as_str(), company.id.as_str()]
        .into_iter()
        .chain(company.aliases.iter().map(String::as_str));
    MapCompany {
        id: company.id.as_str(),
        name: &company.name,
        aliases: &company.aliases,
        ticker: company.ticker.as_deref(),
        sectors: &company.sectors,
        country: company.country.as_deref(),
        url: company.url.as_deref(),
        style: sector_style(company).sector,
        x,
        y,
        degree,
        keys: names.map(search_key).collect(),
        ticker_keys: (company.ticker.iter())
            .flat_map(|ticker| ticker_keys(ticker))
            .map(|key| key.to_string())
            .collect(),
    }
}

/// A name as a search matches it: folded whole, and the folded words it is made of.
fn search_key(name: &str) -> (String, Vec<String>) {
    (name_key(name), word_keys(name))
}

fn palette() -> Palette {
    Palette {
        types: (RelationKind::ALL.iter())
            .map(|&kind| (kind.as_str(), relation_color(kind)))
            .collect(),
        statuses: (Status::ALL.iter())
            .map(|&status| (status.as_str(), line_style(Some(status))))
            .chain([("unknown", line_style(None))])
            .collect(),
        reliabilities: Reliability::ALL.iter().map(|r| r.as_str()).collect(),
        sectors: (SECTOR_STYLES.iter().chain([&OTHER_SECTOR]))
            .map(|style| SectorShape {
                sector: style.sector,
                shape: style.shape,
                fill: style.fill,
            })
            .collect(),
        ended: ENDED_COLOR,
    }
}

/// The most serious conflicts whose relations are all on the map.
fn conflicts<'g>(graph: &'g KnowledgeGraph, on_map: &HashSet<RelationId>) -> Vec<MapAnswer<'g>> {
    let found = Conflicts::find(graph, &ConflictOptions::default());
    let name = |node: NodeIndex| graph.company(node).name.as_str();
    found
        .iter()
        .filter(|conflict| conflict.relations().iter().all(|id| on_map.contains(id)))
        .take(ANSWERS)
        .map(|conflict| MapAnswer {
            label: format!(
                "{} funds {} and {}",
                name(conflict.investor),
                name(conflict.company),
                name(conflict.rival)
            ),
            companies: [conflict.investor, conflict.company, conflict.rival]
                .into_iter()
                .chain(conflict.through.iter().copied())
                .map(|node| graph.company_id(node))
                .collect(),
            relations: keys(graph, &conflict.relations()),
        })
        .collect()
}

/// The loops of money whose hops are all on the map, the largest amounts first.
fn loops<'g>(graph: &'g KnowledgeGraph, on_map: &HashSet<RelationId>) -> Vec<MapAnswer<'g>> {
    let options = CycleOptions {
        limit: Some(ANSWERS),
        filter: RelationFilter::for_kinds(&money_kinds(), &[]).expect("the money kinds are valid"),
        ..CycleOptions::default()
    };
    let found = cycles(graph, &options);
    found
        .cycles
        .iter()
        .filter(|cycle| {
            (cycle.hops.iter()).all(|hop| hop.relations.iter().any(|id| on_map.contains(id)))
        })
        .map(|cycle| {
            let names: Vec<&str> = (cycle.nodes.iter().chain(cycle.nodes.first()))
                .map(|&node| graph.company(node).name.as_str())
                .collect();
            let relations: Vec<RelationId> = (cycle.hops.iter())
                .flat_map(|hop| hop.relations.iter().copied())
                .filter(|id| on_map.contains(id))
                .collect();
            MapAnswer {
                label: names.join(" → "),
                companies: cycle.nodes.iter().map(|&n| graph.company_id(n)).collect(),
                relations: keys(graph, &relations),
            }
        })
        .collect()
}

fn keys(graph: &KnowledgeGraph, ids: &[RelationId]) -> Vec<String> {
    ids.iter()
        .map(|&id| graph.relation_key(id).to_string())
        .collect()
}
