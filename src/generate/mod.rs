//! Realistic random graphs in the graph format, for benchmarks and load tests.
//!
//! [`generate`] builds a graph of about `relations / 5` companies in sectors such as `ai-lab`,
//! `cloud`, `chipmaker` and `vc`, and exactly `relations` relations between them:
//!
//! - funding rounds grouped by `deal`, whose investors are drawn from a power law (Zipf), so a
//!   few investors hold huge portfolios and most hold a handful;
//! - supply tiers: chipmakers supply clouds and GPU clouds, data centres lease to clouds, and
//!   clouds sell compute to AI labs and apps, again with a few hubs of very high degree;
//! - competitor pairs within a sector, partnerships across tiers, acquisitions, parents owning
//!   subsidiary funds and joint-venture projects, and exclusivity clauses from AI labs to rivals;
//! - partial dates from 2010 to 2025 (more of them recent), a realistic mix of statuses,
//!   amounts, and one source (publisher, address, quote) on about 30% of the relations.
//!
//! The output is deterministic: the same [`Params`] give the same bytes on every platform
//! (ChaCha8 is portable, and no value goes through a floating-point function whose rounding
//! differs between math libraries). Every generated graph loads without errors.
//!
//! # Example
//!
//! ```
//! use dealgraph::generate::{self, Params};
//!
//! let params = Params { relations: 500, seed: 7 };
//! let texts = generate::texts(&params, 2);
//! assert_eq!(texts.len(), 2);
//! let graph = dealgraph::load::load(&texts).unwrap();
//! assert_eq!(graph.relation_count(), 500);
//! assert_eq!(graph.companies().len(), 100);
//! ```

mod builder;
mod kinds;
mod roles;
mod vocabulary;

use serde::Serialize;

use self::builder::Builder;
use crate::load::GraphText;
use crate::model::{Company, GraphFile, Relation};
/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// How many relations; the graph has about a fifth as many companies (at least 50).
    pub relations: usize,
    /// The seed: the same seed gives the same graph.
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            relations: 10_000,
            seed: 0,
        }
    }
}

/// One file of a generated graph: a share of its companies and of its relations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part<'a> {
    /// The file's number, from 1; [`Part::name`] is made from it.
    pub number: usize,
    /// The companies the file defines.
    pub companies: &'a [Company],
    /// The relations the file states.
    pub relations: &'a [Relation],
}

impl Part<'_> {
    /// The file's name, such as `part-0001.json`; names sort in file order.
    pub fn name(&self) -> String {
        format!("part-{:04}.json", self.number)
    }

    /// The file's text, as [`to_json`] writes it.
    pub fn to_json(&self) -> String {
        json_text(self.companies, self.relations)
    }
}

/// The fewest companies a generated graph has, so that every sector has some.
const MIN_COMPANIES: usize = 50;
/// The share of relations that cite a source.
const SOURCED: f64 = 0.3;

/// Generates a graph: its companies, sorted by id, and exactly `params.relations` relations.
///
/// # Example
///
/// ```
/// use dealgraph::generate::{generate, Params};
///
/// let graph = generate(&Params { relations: 1_000, seed: 1 });
/// assert_eq!(graph.relations.len(), 1_000);
/// assert_eq!(graph.companies.len(), 200);
/// ```
pub fn generate(params: &Params) -> GraphFile {
    let (mut companies, relations) = Builder::new(params).build();
    companies.sort_by(|a, b| a.id.cmp(&b.id));
    GraphFile {
        companies,
        relations,
    }
}

/// Splits a graph into `files` parts (at least one) of near-equal numbers of companies and
/// relations, in order, for writing to a folder.
///
/// # Example
///
/// ```
/// use dealgraph::generate::{generate, split, Params};
///
/// let graph = generate(&Params { relations: 1_000, seed: 1 });
/// let parts = split(&graph, 3);
/// let names: Vec<String> = parts.iter().map(|part| part.name()).collect();
/// assert_eq!(names, ["part-0001.json", "part-0002.json", "part-0003.json"]);
/// assert_eq!(parts.iter().map(|part| part.relations.len()).sum::<usize>(), 1_000);
/// ```
pub fn split(graph: &GraphFile, files: usize) -> Vec<Part<'_>> {
    let files = files.max(1);
    let company_chunk = graph.companies.len().div_ceil(files).max(1);
    let relation_chunk = graph.relations.len().div_ceil(files).max(1);
    let mut companies = graph.companies.chunks(company_chunk);
    let mut relations = graph.relations.chunks(relation_chunk);
    (1..=files)
        .map(|number| Part {
            number,
            companies: companies.next().unwrap_or_default(),
            relations: relations.next().unwrap_or_default(),
        })
        .collect()
}

/// Generates a graph as the texts of `files` files (see [`split`] and [`to_json`]), ready for
/// [`crate::load::load`].
pub fn texts(params: &Params, files: usize) -> Vec<GraphText> {
    let graph = generate(params);
    split(&graph, files)
        .iter()
        .map(|part| GraphText::new(part.name(), part.to_json().into_bytes()))
        .collect()
}

/// A graph file as JSON text, one company or relation per line, so that diagnostics point at a
/// record's line and files diff line by line.
///
/// # Example
///
/// ```
/// use dealgraph::{GraphFile, Relation, RelationKind};
///
/// let file = GraphFile {
///     companies: vec![],
///     relations: vec![Relation::new(RelationKind::Lease, "a", "b")],
/// };
/// assert_eq!(
///     dealgraph::generate::to_json(&file),
///     "{\n  \"companies\": [],\n  \"relations\": [\n    \
///      {\"type\":\"lease\",\"from\":\"a\",\"to\":\"b\"}\n  ]\n}\n"
/// );
/// ```
pub fn to_json(graph: &GraphFile) -> String {
    json_text(&graph.companies, &graph.relations)
}

fn json_text(companies: &[Company], relations: &[Relation]) -> String {
    let mut out = Vec::with_capacity(200 * companies.len() + 300 * relations.len());
    out.extend_from_slice(b"{\n");
    write_array(&mut out, "companies", companies);
    out.extend_from_slice(b",\n");
    write_array(&mut out, "relations", relations);
    out.extend_from_slice(b"\n}\n");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

fn write_array<T: Serialize>(out: &mut Vec<u8>, key: &str, items: &[T]) {
    out.extend_from_slice(format!("  \"{key}\": [").as_bytes());
    for (i, item) in items.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        serde_json::to_writer(&mut *out, item).expect("records have string keys only");
    }
    out.extend_from_slice(if items.is_empty() { b"]" } else { b"\n  ]" });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;
    use crate::model::RelationKind;

    fn params(relations: usize, seed: u64) -> Params {
        Params { relations, seed }
    }

    #[test]
    fn same_seed_gives_the_same_bytes() {
        let a = texts(&params(3_000, 42), 3);
        let b = texts(&params(3_000, 42), 3);
        assert_eq!(a, b);
        let c = texts(&params(3_000, 43), 3);
        assert_ne!(a, c);
    }

    #[test]
    fn generated_graph_loads_with_exact_counts_and_passes_check() {
        // Large enough for hubs to draw the same relation twice, and aliases to meet tickers.
        let texts = texts(&params(60_000, 1), 4);
        let graph = load::load(&texts).expect("a generated graph loads");
        assert_eq!(graph.relation_count(), 60_000);
        assert_eq!(graph.companies().len(), 12_000);
        let report = load::check(&texts, false);
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| d.severity == crate::Severity::Warning && d.message == "no sources"),
            "{}",
            report.diagnostics[0]
        );
    }

    #[test]
    fn tiny_graphs_load() {
        for relations in [0, 1, 7, 60] {
            let texts = texts(&params(relations, 3), 2);
            let graph = load::load(&texts).expect("a tiny generated graph loads");
            assert_eq!(graph.relation_count(), relations);
        }
    }

    #[test]
    fn graphs_have_every_type_hubs_and_sources() {
        let graph = generate(&params(20_000, 5));
        let relations = &graph.relations;
        for kind in RelationKind::ALL {
            let generated = kind != RelationKind::Loan;
            assert_eq!(
                relations.iter().any(|r| r.kind == kind),
                generated,
                "{kind}"
            );
        }
        let sourced = relations.iter().filter(|r| !r.sources.is_empty()).count();
        assert!((5_000..7_000).contains(&sourced), "{sourced} sourced");
        let mut degree = std::collections::HashMap::<&str, usize>::new();
        for relation in relations {
            *degree.entry(relation.from.as_str()).or_default() += 1;
            *degree.entry(relation.to.as_str()).or_default() += 1;
        }
        let max = degree.values().max().copied().unwrap_or(0);
        assert!(max > 500, "the busiest company has {max} relations");
    }
}
