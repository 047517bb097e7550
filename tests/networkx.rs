//! Paths checked against an independent implementation: networkx.
//!
//! Each test generates a graph of 10,000 relations of every type (symmetric ones and parallel
//! relations included), writes it as a graph file, loads it with `dealgraph::load::load_path`,
//! and asks the same questions of dealgraph and of networkx (`tests/networkx/paths.py`, one
//! Python process per graph), for many random pairs, following relations in their direction,
//! undirected, and through `via` and `exclude` filters. They must agree on the shortest-path
//! length, the set of shortest paths, and the complete set of simple paths of at most four hops,
//! as sequences of companies.
//!
//! Python is `$DEALGRAPH_PYTHON` when set, else `python3`. Without networkx the tests fail when
//! `CI` is set, and are skipped with a message otherwise.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use dealgraph::query::{PathOptions, RelationFilter, Traversal, paths};
use dealgraph::{KnowledgeGraph, RelationId, RelationKind};
use proptest::prelude::Rng;
use proptest::test_runner::{RngAlgorithm, TestRng};
use serde_json::{Value, json};

/// The simple paths compared are those of at most this many hops.
const CUTOFF: usize = 4;

/// Relation types with their weights in generated graphs: every type occurs, investment most.
const KIND_WEIGHTS: [(RelationKind, u32); 9] = [
    (RelationKind::Investment, 24),
    (RelationKind::Lease, 10),
    (RelationKind::Compute, 14),
    (RelationKind::Supply, 10),
    (RelationKind::Acquisition, 6),
    (RelationKind::Ownership, 8),
    (RelationKind::Exclusivity, 6),
    (RelationKind::Partnership, 12),
    (RelationKind::Competitor, 10),
];

/// The shape of a generated graph.
struct Shape {
    seed: u8,
    companies: usize,
    relations: usize,
    /// The share of relation ends drawn from the first 5% of companies, which makes them hubs.
    hub_share: f64,
    /// How many pairs of companies to ask about, each in every mode.
    pairs: usize,
}

/// How a question may follow relations.
#[derive(Clone, Copy)]
struct Mode {
    undirected: bool,
    via: Option<&'static [RelationKind]>,
    exclude: &'static [RelationKind],
}

const MODES: [Mode; 6] = [
    Mode {
        undirected: false,
        via: None,
        exclude: &[],
    },
    Mode {
        undirected: true,
        via: None,
        exclude: &[],
    },
    Mode {
        undirected: false,
        via: Some(&[
            RelationKind::Lease,
            RelationKind::Compute,
            RelationKind::Supply,
        ]),
        exclude: &[],
    },
    Mode {
        undirected: true,
        via: Some(&[RelationKind::Investment, RelationKind::Partnership]),
        exclude: &[],
    },
    Mode {
        undirected: false,
        via: None,
        exclude: &[RelationKind::Investment, RelationKind::Ownership],
    },
    Mode {
        undirected: false,
        via: Some(&[RelationKind::Partnership, RelationKind::Competitor]),
        exclude: &[],
    },
];

impl Mode {
    fn filter(self) -> RelationFilter {
        RelationFilter::for_kinds(self.via.unwrap_or(&[]), self.exclude).expect("valid filter")
    }

    fn traversal(self) -> Traversal {
        if self.undirected {
            Traversal::Undirected
        } else {
            Traversal::Forward
        }
    }

    fn describe(self) -> String {
        let kinds = |kinds: &[RelationKind]| {
            kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut text = if self.undirected {
            "--undirected".to_owned()
        } else {
            "directed".to_owned()
        };
        if let Some(via) = self.via {
            text.push_str(&format!(" --via {}", kinds(via)));
        }
        if !self.exclude.is_empty() {
            text.push_str(&format!(" --exclude {}", kinds(self.exclude)));
        }
        text
    }
}

/// A generated graph: the graph file, and its relations as `(type, from, to)` for choosing
/// pairs.
struct Generated {
    file: Value,
    ids: Vec<String>,
    relations: Vec<(RelationKind, usize, usize)>,
}

fn rng(seed: u8) -> TestRng {
    let mut bytes = [0u8; 32];
    bytes[0] = seed;
    bytes[31] = 0x9d;
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

fn pick_kind(rng: &mut TestRng) -> RelationKind {
    let total: u32 = KIND_WEIGHTS.iter().map(|(_, w)| w).sum();
    let mut point = rng.random_range(0..total);
    for (kind, weight) in KIND_WEIGHTS {
        if point < weight {
            return kind;
        }
        point -= weight;
    }
    unreachable!("the point falls under the total weight")
}

/// A graph of `shape.relations` relations among `shape.companies` companies; one relation in
/// ten repeats the ends of an earlier one (either way round), so companies have parallel
/// relations of different types and directions.
fn generate(shape: &Shape, rng: &mut TestRng) -> Generated {
    let n = shape.companies;
    let ids: Vec<String> = (0..n).map(|i| format!("c{i:05}")).collect();
    let hubs = (n / 20).max(1);
    let end = |rng: &mut TestRng| {
        if rng.random_bool(shape.hub_share) {
            rng.random_range(0..hubs)
        } else {
            rng.random_range(0..n)
        }
    };
    let mut pairs: Vec<(usize, usize)> = Vec::with_capacity(shape.relations);
    let mut relations = Vec::with_capacity(shape.relations);
    let mut triples = Vec::with_capacity(shape.relations);
    while relations.len() < shape.relations {
        let (from, to) = if !pairs.is_empty() && rng.random_bool(0.1) {
            let (a, b) = pairs[rng.random_range(0..pairs.len())];
            if rng.random_bool(0.5) { (a, b) } else { (b, a) }
        } else {
            (end(rng), end(rng))
        };
        if from == to {
            continue;
        }
        let kind = pick_kind(rng);
        let mut relation = json!({"type": kind.as_str(), "from": ids[from], "to": ids[to]});
        if kind == RelationKind::Exclusivity {
            relation["scope"] = json!("investors");
        }
        relations.push(relation);
        pairs.push((from, to));
        triples.push((kind, from, to));
    }
    let companies: Vec<Value> = ids
        .iter()
        .map(|id| json!({"id": id, "name": format!("Company {id}")}))
        .collect();
    Generated {
        file: json!({"companies": companies, "relations": relations}),
        ids,
        relations: triples,
    }
}

/// Pairs to ask about in `mode`: half drawn at random, half a random walk of one to five steps
/// apart along the relations the mode follows (so most have paths of a few hops).
fn choose_pairs(
    generated: &Generated,
    mode: Mode,
    count: usize,
    rng: &mut TestRng,
) -> Vec<(usize, usize)> {
    let n = generated.ids.len();
    let filter = mode.filter();
    let mut next = vec![Vec::new(); n];
    for &(kind, from, to) in &generated.relations {
        if filter.allows_kind(kind) {
            next[from].push(to);
            if mode.undirected || kind.is_symmetric() {
                next[to].push(from);
            }
        }
    }
    let mut pairs = Vec::with_capacity(count);
    while pairs.len() < count {
        let from = rng.random_range(0..n);
        let to = if pairs.len() % 2 == 0 {
            rng.random_range(0..n)
        } else {
            let mut at = from;
            for _ in 0..rng.random_range(1..=5) {
                if !next[at].is_empty() {
                    at = next[at][rng.random_range(0..next[at].len())];
                }
            }
            at
        };
        if from != to {
            pairs.push((from, to));
        }
    }
    pairs
}

/// One question's answer: the shortest-path length, the shortest paths, and every simple path
/// of at most [`CUTOFF`] hops, each path as its companies' ids, sorted.
#[derive(Debug, PartialEq, Eq)]
struct Answer {
    shortest: Option<usize>,
    shortest_paths: BTreeSet<Vec<String>>,
    paths: BTreeSet<Vec<String>>,
}

/// dealgraph's answer, after checking what networkx cannot: nothing was cut, paths come
/// shortest first, and each step carries exactly the relations between its two companies that
/// the mode allows.
fn dealgraph_answer(
    graph: &KnowledgeGraph,
    between: &Between,
    from: &str,
    to: &str,
    mode: Mode,
) -> Answer {
    let from = graph.node(from).expect("generated company");
    let to = graph.node(to).expect("generated company");
    let filter = mode.filter();
    let ask = |all: bool| {
        let options = PathOptions {
            filter: filter.clone(),
            traversal: mode.traversal(),
            all,
            max_hops: all.then_some(CUTOFF),
            limit: 1_000_000,
            ..PathOptions::default()
        };
        let found = paths(graph, from, to, &options);
        assert!(!found.truncated, "the limit is far above any answer");
        let lengths: Vec<usize> = found.paths.iter().map(|p| p.steps.len()).collect();
        assert!(lengths.is_sorted(), "shortest first: {lengths:?}");
        for path in &found.paths {
            for step in &path.steps {
                assert_eq!(
                    step.relations,
                    allowed_between(
                        graph,
                        between,
                        (
                            graph.company(step.from).id.as_str(),
                            graph.company(step.to).id.as_str()
                        ),
                        mode,
                        &filter
                    ),
                    "a step carries every allowed relation between its companies, once"
                );
            }
        }
        found
            .paths
            .iter()
            .map(|path| {
                path.nodes()
                    .iter()
                    .map(|n| graph.company(*n).id.to_string())
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    let shortest_paths = ask(false);
    let all = ask(true);
    Answer {
        shortest: shortest_paths.first().map(|p| p.len() - 1),
        shortest_paths: shortest_paths.into_iter().collect(),
        paths: all.into_iter().collect(),
    }
}

/// The relations between each ordered pair of companies, `from` to `to`, by index: found by
/// scanning every relation, not through the graph dealgraph builds.
type Between = HashMap<(String, String), Vec<RelationId>>;

fn relations_between(graph: &KnowledgeGraph) -> Between {
    let mut between = Between::new();
    for (index, relation) in graph.relations().enumerate() {
        between
            .entry((relation.from.to_string(), relation.to.to_string()))
            .or_default()
            .push(RelationId::new(index));
    }
    between
}

/// The relations a step from `a` to `b` may use, sorted as dealgraph sorts them (type, undated
/// last, date, index).
fn allowed_between(
    graph: &KnowledgeGraph,
    between: &Between,
    (a, b): (&str, &str),
    mode: Mode,
    filter: &RelationFilter,
) -> Vec<RelationId> {
    let key = |x: &str, y: &str| (x.to_owned(), y.to_owned());
    let along = between.get(&key(a, b)).into_iter().flatten();
    let against = between
        .get(&key(b, a))
        .into_iter()
        .flatten()
        .filter(|&&i| mode.undirected || graph.relation(i).kind.is_symmetric());
    let mut found: Vec<RelationId> = along
        .chain(against)
        .copied()
        .filter(|&i| filter.allows(graph.relation(i)))
        .collect();
    found.sort_by_key(|&i| {
        let r = graph.relation(i);
        (r.kind, r.date.is_none(), r.date, i)
    });
    found
}

/// The Python to run, or `None` (after saying why) when networkx is not available and the
/// test may be skipped.
fn python() -> Option<String> {
    common::python_with(&["networkx"], "networkx comparison")
}

/// Starts one Python process answering `queries` with networkx on the graph file at `graph`.
fn start_networkx(python: &str, dir: &Path, graph: &Path, queries: &[Value]) -> Child {
    let queries_path = dir.join("queries.json");
    std::fs::write(&queries_path, serde_json::to_vec(queries).expect("JSON"))
        .expect("write queries");
    Command::new(python)
        .arg(script())
        .arg(graph)
        .arg(&queries_path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the networkx script")
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/networkx/paths.py")
}

/// The answers the Python process prints.
fn networkx_answers(child: Child) -> Vec<Answer> {
    let output = child
        .wait_with_output()
        .expect("wait for the networkx script");
    assert!(
        output.status.success(),
        "{} failed:\n{}",
        script().display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let answers: Vec<Value> = serde_json::from_slice(&output.stdout).expect("the script's JSON");
    let paths = |value: &Value| -> BTreeSet<Vec<String>> {
        serde_json::from_value(value.clone()).expect("a list of paths")
    };
    answers
        .iter()
        .map(|answer| Answer {
            shortest: answer["shortest"].as_u64().map(|n| n as usize),
            shortest_paths: paths(&answer["shortest_paths"]),
            paths: paths(&answer["paths"]),
        })
        .collect()
}

/// Generates a graph of `shape`, asks dealgraph and networkx the same questions (networkx in
/// its own process, at the same time), and fails with the first disagreements.
fn compare(shape: &Shape) {
    let Some(python) = python() else { return };
    let mut rng = rng(shape.seed);
    let generated = generate(shape, &mut rng);
    let dir = tempfile::tempdir().expect("temporary directory");
    let graph_path = dir.path().join("graph.json");
    std::fs::write(
        &graph_path,
        serde_json::to_vec(&generated.file).expect("JSON"),
    )
    .expect("write graph");
    let graph = dealgraph::load::load_path(&graph_path).expect("the generated graph loads");
    assert_eq!(graph.relation_count(), shape.relations);

    let mut queries = Vec::new();
    let mut asked = Vec::new();
    for mode in MODES {
        for (from, to) in choose_pairs(&generated, mode, shape.pairs, &mut rng) {
            let (from, to) = (&generated.ids[from], &generated.ids[to]);
            queries.push(json!({
                "from": from,
                "to": to,
                "undirected": mode.undirected,
                "via": mode.via.map(|kinds| kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>()),
                "exclude": mode.exclude.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                "cutoff": CUTOFF,
            }));
            asked.push((from.clone(), to.clone(), mode));
        }
    }
    let networkx = start_networkx(&python, dir.path(), &graph_path, &queries);
    let between = relations_between(&graph);
    let got: Vec<Answer> = asked
        .iter()
        .map(|(from, to, mode)| dealgraph_answer(&graph, &between, from, to, *mode))
        .collect();
    let expected = networkx_answers(networkx);
    assert_eq!(expected.len(), asked.len(), "one answer per query");

    let mut failures = Vec::new();
    let (mut reachable, mut shortest, mut simple) = (0, 0, 0);
    for (((from, to, mode), got), want) in asked.iter().zip(&got).zip(&expected) {
        reachable += usize::from(want.shortest.is_some());
        shortest += want.shortest_paths.len();
        simple += want.paths.len();
        if got != want {
            failures.push(format!(
                "path {from} {to} {}:\n  dealgraph: {got:?}\n  networkx:  {want:?}",
                mode.describe()
            ));
        }
    }
    eprintln!(
        "seed {}: {} companies, {} relations; {} pairs in each of {} modes = {} queries, \
         {reachable} with a path; {shortest} shortest paths and {simple} simple paths of at most \
         {CUTOFF} hops compared",
        shape.seed,
        shape.companies,
        shape.relations,
        shape.pairs,
        MODES.len(),
        asked.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} answers differ from networkx; the first:\n{}",
        failures.len(),
        asked.len(),
        failures[..failures.len().min(3)].join("\n")
    );
}

#[test]
fn paths_match_networkx_on_a_uniform_graph() {
    compare(&Shape {
        seed: 1,
        companies: 2_000,
        relations: 10_000,
        hub_share: 0.0,
        pairs: 200,
    });
}

#[test]
fn paths_match_networkx_on_a_graph_with_hubs() {
    compare(&Shape {
        seed: 2,
        companies: 2_000,
        relations: 10_000,
        hub_share: 0.1,
        pairs: 200,
    });
}
