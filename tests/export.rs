//! Each export read back by its real consumer: networkx reads the GraphML and the GEXF,
//! Ladybug runs the Cypher script and finds the paths `dealgraph path` finds, the Neo4j files
//! follow `neo4j-admin`'s header conventions, and `import csv` reads the CSV tables back into
//! the same graph, sources and all.
//!
//! Python is `$DEALGRAPH_PYTHON` when set, else `python3`; without networkx or ladybug the
//! tests that need them fail when `CI` is set and are skipped with a message otherwise.

mod common;

use common::{dealgraph, succeeded};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use dealgraph::export::Diagram;
use dealgraph::query::{KeyCache, PathOptions, paths};
use dealgraph::{KnowledgeGraph, RelationId};
use serde_json::Value;

/// Runs `dealgraph export ARGS -o PATH` on the built-in data.
fn export(args: &[&str], path: &Path) {
    let mut cmd = dealgraph();
    cmd.arg("export").args(args).arg("-o").arg(path);
    succeeded(cmd.output().unwrap());
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap()
}

fn python_script(dir: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(dir)
        .join(name)
}

/// Every relation of the built-in graph by key.
fn relations_by_key(graph: &KnowledgeGraph) -> BTreeMap<String, RelationId> {
    let mut keys = KeyCache::new(graph);
    graph
        .relation_ids()
        .map(|id| (keys.key(id).to_string(), id))
        .collect()
}

/// What networkx reads from an export.
fn networkx_read(python: &str, kind: &str, path: &Path) -> Value {
    let output = Command::new(python)
        .arg(python_script("networkx", "read_back.py"))
        .arg(kind)
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&succeeded(output).stdout).unwrap()
}

/// Checks that networkx saw every company and relation of the built-in graph, with their
/// attributes; `name_key` is where the company's name is (`name` in GraphML, `label` in GEXF).
/// With `mutual_both_ways`, a symmetric relation is read as two edges, one each way, as
/// networkx reads GEXF's `mutual` edges.
fn assert_networkx_sees_the_graph(read: &Value, name_key: &str, mutual_both_ways: bool) {
    let graph = dealgraph::curated::load();
    assert_eq!(read["directed"], true);
    let nodes = read["nodes"].as_object().unwrap();
    let ids: BTreeSet<&str> = nodes.keys().map(String::as_str).collect();
    let companies: BTreeSet<&str> = graph.companies().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, companies);
    let openai = &nodes["openai"];
    assert_eq!(openai[name_key], "OpenAI");
    assert_eq!(openai["sectors"], "ai-lab");
    let by_key = relations_by_key(&graph);
    let edges = read["edges"].as_array().unwrap();
    let mut seen = BTreeSet::new();
    for edge in edges {
        let key = edge["id"].as_str().unwrap();
        let relation = graph.relation(by_key[key]);
        let ends = (
            edge["source"].as_str().unwrap(),
            edge["target"].as_str().unwrap(),
        );
        let forward = (relation.from.as_str(), relation.to.as_str());
        let reversed =
            mutual_both_ways && relation.kind.is_symmetric() && ends == (forward.1, forward.0);
        assert!(ends == forward || reversed, "{key} read as {ends:?}");
        assert!(seen.insert((key, reversed)), "{key} read twice");
        let data = &edge["data"];
        assert_eq!(data["type"], relation.kind.as_str(), "{key}");
        assert_eq!(data["symmetric"], relation.kind.is_symmetric(), "{key}");
        assert_eq!(data["amount_usd"].as_f64(), relation.amount_usd, "{key}");
        assert_eq!(data["gpus"].as_u64(), relation.gpus, "{key}");
        assert_eq!(data["lead"].as_bool(), relation.lead, "{key}");
        let date = relation.date.map(|d| d.to_string());
        assert_eq!(data["date"].as_str(), date.as_deref(), "{key}");
        let sources: Value = serde_json::from_str(data["sources"].as_str().unwrap()).unwrap();
        assert_eq!(
            sources,
            serde_json::to_value(&relation.sources).unwrap(),
            "{key}"
        );
    }
}

#[test]
fn networkx_reads_the_graphml_export_whole() {
    let Some(python) = common::python_with(&["networkx"], "export read-back") else {
        return;
    };
    let dir = temp_dir();
    let path = dir.path().join("graph.graphml");
    export(&["graphml"], &path);
    assert_networkx_sees_the_graph(&networkx_read(&python, "graphml", &path), "name", false);
}

#[test]
fn networkx_reads_the_gexf_export_whole_with_its_spells() {
    let Some(python) = common::python_with(&["networkx"], "export read-back") else {
        return;
    };
    let dir = temp_dir();
    let path = dir.path().join("graph.gexf");
    export(&["gexf"], &path);
    let read = networkx_read(&python, "gexf", &path);
    assert_networkx_sees_the_graph(&read, "label", true);
    let graph = dealgraph::curated::load();
    let by_key = relations_by_key(&graph);
    for edge in read["edges"].as_array().unwrap() {
        let relation = graph.relation(by_key[edge["id"].as_str().unwrap()]);
        let spells = &edge["data"]["spells"];
        match (relation.date, relation.end) {
            (None, None) => assert!(spells.is_null()),
            (date, end) => {
                let start = date.map_or_else(|| "None".to_owned(), |d| d.first_day().to_string());
                // networkx reads a spell's missing start or end as the text "None".
                let end = end.map_or_else(|| "None".to_owned(), |d| d.last_day().to_string());
                assert_eq!(spells, &serde_json::json!([[start, end]]));
            }
        }
    }
}

#[test]
fn an_answer_exports_only_its_companies_and_relations() {
    let Some(python) = common::python_with(&["networkx"], "export read-back") else {
        return;
    };
    let dir = temp_dir();
    let path = dir.path().join("path.graphml");
    export(&["graphml", "--path", "crusoe", "openai"], &path);
    let read = networkx_read(&python, "graphml", &path);
    let ids: BTreeSet<&str> = read["nodes"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(ids, BTreeSet::from(["crusoe", "openai", "oracle"]));
    let graph = dealgraph::curated::load();
    let (crusoe, openai) = (
        graph.resolve("crusoe").unwrap(),
        graph.resolve("openai").unwrap(),
    );
    let options = PathOptions::default();
    let found = paths(&graph, crusoe, openai, &options);
    let diagram = Diagram::from_paths(&graph, crusoe, openai, &found, &options.filter, false);
    let mut keys = KeyCache::new(&graph);
    let drawn: BTreeSet<String> = diagram
        .edges
        .iter()
        .map(|&id| keys.key(id).to_string())
        .collect();
    let exported: BTreeSet<String> = read["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(exported, drawn, "the relations `dot --path` draws");
}

/// The CSV files of a folder export, as header and rows.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|row| row.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// Whether `header` is a column header `neo4j-admin database import` reads: a property name
/// with an optional type it knows, or one of its own fields.
fn is_neo4j_header(header: &str) -> bool {
    const OWN: &[&str] = &[
        ":LABEL",
        ":TYPE",
        ":START_ID(Company)",
        ":END_ID(Company)",
        "id:ID(Company)",
    ];
    const TYPES: &[&str] = &["long", "double", "boolean", "string[]", "string"];
    if OWN.contains(&header) {
        return true;
    }
    let (name, kind) = header.split_once(':').unwrap_or((header, "string"));
    let named = !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    named && TYPES.contains(&kind)
}

#[test]
fn the_neo4j_files_hold_every_record_under_neo4j_header_conventions() {
    let dir = temp_dir();
    let out = dir.path().join("neo4j");
    export(&["neo4j"], &out);
    let graph = dealgraph::curated::load();
    let (header, companies) = read_csv(&out.join("companies.csv"));
    assert!(header.iter().all(|h| is_neo4j_header(h)), "{header:?}");
    assert_eq!(header[0], "id:ID(Company)");
    assert_eq!(header.last().unwrap(), ":LABEL");
    assert_eq!(companies.len(), graph.company_count());
    let ids: BTreeSet<&str> = companies.iter().map(|row| row[0].as_str()).collect();
    let (header, relations) = read_csv(&out.join("relations.csv"));
    assert!(header.iter().all(|h| is_neo4j_header(h)), "{header:?}");
    assert_eq!(relations.len(), graph.relation_count());
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (start, end, kind) = (
        column(":START_ID(Company)"),
        column(":END_ID(Company)"),
        column(":TYPE"),
    );
    let by_key = relations_by_key(&graph);
    for row in &relations {
        assert!(ids.contains(row[start].as_str()) && ids.contains(row[end].as_str()));
        let relation = graph.relation(by_key[&row[column("key")]]);
        assert_eq!(row[kind], relation.kind.as_str().to_uppercase());
        let amount = relation
            .amount_usd
            .map(|a| a.to_string())
            .unwrap_or_default();
        assert_eq!(row[column("amount_usd:double")], amount);
    }
    let script = std::fs::read_to_string(out.join("import.sh")).unwrap();
    assert!(
        script.contains("--nodes=companies.csv")
            && script.contains("--relationships=relations.csv")
    );
    let syntax = Command::new("sh")
        .arg("-n")
        .arg(out.join("import.sh"))
        .status()
        .unwrap();
    assert!(syntax.success(), "import.sh is a valid shell script");
}

#[test]
fn ladybug_runs_the_cypher_script_and_finds_the_paths_dealgraph_finds() {
    let Some(python) = common::python_with(&["ladybug"], "Ladybug") else {
        return;
    };
    let dir = temp_dir();
    let script = dir.path().join("graph.cypher");
    export(&["cypher", "--dialect", "ladybug"], &script);
    let database = dir.path().join("db");
    let output = Command::new(&python)
        .arg(python_script("ladybug", "path.py"))
        .arg(&script)
        .arg(&database)
        .args(["crusoe", "openai", "LEASE|COMPUTE|SUPPLY"])
        .output()
        .unwrap();
    let ladybug: Value = serde_json::from_slice(&succeeded(output).stdout).unwrap();
    let graph = dealgraph::curated::load();
    assert_eq!(ladybug["companies"], graph.company_count());
    assert_eq!(ladybug["relations"], graph.relation_count());
    let answer = succeeded(
        dealgraph()
            .args([
                "path",
                "crusoe",
                "openai",
                "--via",
                "lease,compute,supply",
                "--json",
            ])
            .output()
            .unwrap(),
    );
    let answer: Value = serde_json::from_slice(&answer.stdout).unwrap();
    // Cypher counts each choice of parallel relations as a path of its own; dealgraph shows
    // them on one hop.
    let mut paths: Vec<Vec<String>> = Vec::new();
    for path in answer["paths"].as_array().unwrap() {
        let choices: usize = path["hops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|hop| hop["relations"].as_array().unwrap().len())
            .product();
        let nodes: Vec<String> = path["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| id.as_str().unwrap().to_owned())
            .collect();
        paths.extend(std::iter::repeat_n(nodes, choices));
    }
    paths.sort();
    assert!(!paths.is_empty());
    assert_eq!(ladybug["paths"], serde_json::json!(paths));
    let by_key = relations_by_key(&graph);
    for (key, amount) in ladybug["amounts"].as_object().unwrap() {
        assert_eq!(
            amount.as_f64(),
            graph.relation(by_key[key]).amount_usd,
            "{key}"
        );
    }
}

#[test]
fn csv_tables_import_back_into_the_same_graph_sources_and_all() {
    let dir = temp_dir();
    let tables = dir.path().join("tables");
    export(&["csv"], &tables);
    let back = dir.path().join("back");
    let mut import = dealgraph();
    import
        .args(["import", "csv"])
        .args(["companies.csv", "relations.csv", "sources.csv"].map(|f| tables.join(f)))
        .arg("--mapping")
        .arg(tables.join("mapping.toml"))
        .arg("--out")
        .arg(&back);
    succeeded(import.output().unwrap());
    let jsonl = |graph: Option<&Path>| {
        let mut cmd = dealgraph();
        cmd.args(["export", "jsonl"]).env("DEALGRAPH_NO_CACHE", "1");
        if let Some(graph) = graph {
            cmd.arg("--graph").arg(graph);
        }
        succeeded(cmd.output().unwrap()).stdout
    };
    let original = jsonl(None);
    let round_trip = jsonl(Some(&back));
    assert!(
        original == round_trip,
        "the round trip changed the graph:\n{}",
        first_difference(&original, &round_trip)
    );
}

fn first_difference(a: &[u8], b: &[u8]) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    a.lines()
        .zip(b.lines())
        .find(|(x, y)| x != y)
        .map(|(x, y)| format!("before: {x}\nafter:  {y}"))
        .unwrap_or_else(|| "one is longer".to_owned())
}

#[test]
fn exports_are_byte_identical_run_to_run() {
    for format in ["graphml", "gexf", "cypher", "jsonl"] {
        let once = succeeded(dealgraph().args(["export", format]).output().unwrap()).stdout;
        let again = succeeded(dealgraph().args(["export", format]).output().unwrap()).stdout;
        assert!(once == again, "{format} differs between runs");
    }
}

#[test]
fn folder_exports_need_a_folder_and_keep_one_that_is_not_empty() {
    let output = dealgraph().args(["export", "neo4j"]).output().unwrap();
    assert!(!output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: `export neo4j` writes several files: name the folder with -o DIR\n"
    );
    let dir = temp_dir();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let output = dealgraph()
        .args(["export", "csv", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("is not empty; pass --force to replace it")
    );
    assert_eq!(
        std::fs::read_to_string(out.join("keep.txt")).unwrap(),
        "mine"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["out"], "nothing is left beside it");
    succeeded(
        dealgraph()
            .args(["export", "csv", "--force", "-o"])
            .arg(&out)
            .output()
            .unwrap(),
    );
    assert!(!out.join("keep.txt").exists() && out.join("mapping.toml").exists());
}
