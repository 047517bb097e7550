//! What a first-time user tripped on, each fixed and pinned: paths follow deals, not rivalries;
//! supply trees say what they walked; "no path" is one answer, with its real cause, from `path`
//! and `dot --path`; `--as-of` and `--dated` as documented; an empty `DEALGRAPH_GRAPH`; and
//! `dot -o FILE.png` writing a PNG, not DOT text.

mod common;

use std::path::Path;

use common::{dealgraph, succeeded};
use serde_json::Value;

/// Apex supplies Birch (undated), Birch and Cedar compete, Cedar leases to Dune (2024).
const RIVALS: &str = r#"{
  "companies": [
    {"id": "apex", "name": "Apex"}, {"id": "birch", "name": "Birch"},
    {"id": "cedar", "name": "Cedar"}, {"id": "dune", "name": "Dune"}
  ],
  "relations": [
    {"type": "supply", "from": "apex", "to": "birch", "status": "completed",
     "sources": [{"publisher": "Wire"}]},
    {"type": "competitor", "from": "birch", "to": "cedar", "sources": [{"publisher": "Wire"}]},
    {"type": "lease", "from": "cedar", "to": "dune", "date": "2024", "status": "completed",
     "sources": [{"publisher": "Wire"}]}
  ]
}"#;

fn graph_file(dir: &Path) -> String {
    let file = dir.join("rivals.json");
    std::fs::write(&file, RIVALS).unwrap();
    file.to_str().unwrap().to_owned()
}

fn stderr_of(args: &[&str]) -> (Option<i32>, String) {
    let output = dealgraph().args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_path_follows_deals_and_a_rivalry_only_when_via_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let graph = graph_file(dir.path());
    let (code, said) = stderr_of(&["--graph", &graph, "path", "apex", "dune", "--undirected"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        said,
        "error: no path from Apex to Dune: a path exists only through relation types not followed (competitor and exclusivity are followed only when --via names them): check --via and --exclude\n"
    );
    let output = succeeded(
        dealgraph()
            .args(["--graph", &graph, "path", "apex", "dune", "--undirected"])
            .args(["--via", "supply,competitor,lease", "--json"])
            .output()
            .unwrap(),
    );
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        answer["paths"][0]["nodes"],
        serde_json::json!(["apex", "birch", "cedar", "dune"])
    );
}

#[test]
fn path_and_dot_path_give_one_answer_when_there_is_no_path() {
    let dir = tempfile::tempdir().unwrap();
    let graph = graph_file(dir.path());
    let path = stderr_of(&["--graph", &graph, "path", "dune", "cedar"]);
    let dot = stderr_of(&["--graph", &graph, "dot", "--path", "dune", "cedar"]);
    assert_eq!(path, dot);
    assert_eq!(path.0, Some(1));
    assert!(path.1.contains("try --undirected"), "{}", path.1);
    let dated = stderr_of(&["--graph", &graph, "path", "apex", "birch", "--dated"]);
    assert_eq!(
        dated,
        (
            Some(1),
            "error: no path from Apex to Birch: Apex has no relation of the types and dates followed; check --via, --exclude, --as-of and --min-status, or `dealgraph show apex`\n".to_owned()
        )
    );
}

#[test]
fn supply_trees_say_what_they_walked() {
    let output = succeeded(
        dealgraph()
            .args([
                "customers",
                "coreweave",
                "--via",
                "investment",
                "--depth",
                "1",
            ])
            .output()
            .unwrap(),
    );
    let first = String::from_utf8(output.stdout).unwrap();
    assert!(
        first.starts_with(
            "CoreWeave (coreweave): 0 companies downstream over investment, within 1 tier"
        ),
        "{first}"
    );
}

#[test]
fn as_of_says_a_partial_date_means_its_end_and_an_empty_graph_variable_is_unset() {
    let help = succeeded(dealgraph().args(["path", "--help"]).output().unwrap());
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(
        help.contains("a partial date means") && help.contains("--dated"),
        "{help}"
    );
    let output = succeeded(
        dealgraph()
            .env("DEALGRAPH_GRAPH", "")
            .args(["stats", "--json"])
            .output()
            .unwrap(),
    );
    let stats: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["companies"], 147, "the built-in graph");
}

#[test]
fn dot_writes_what_the_file_name_says_or_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("diagram.txt");
    let (code, said) = stderr_of(&["dot", "--focus", "nvidia", "-o", text.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(
        said.contains("`.txt` is none of .dot, .gv, .svg, .png and .pdf"),
        "{said}"
    );
    assert!(!text.exists(), "nothing written");
    let dot = dir.path().join("diagram.gv");
    succeeded(
        dealgraph()
            .args(["dot", "--focus", "nvidia", "-o"])
            .arg(&dot)
            .output()
            .unwrap(),
    );
    assert!(
        std::fs::read_to_string(&dot)
            .unwrap()
            .starts_with("digraph")
    );
    if std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must render: install Graphviz"
        );
        eprintln!("skipped the PNG: Graphviz's `dot` is not installed");
        return;
    }
    let png = dir.path().join("diagram.png");
    succeeded(
        dealgraph()
            .args(["dot", "--focus", "nvidia", "-o"])
            .arg(&png)
            .output()
            .unwrap(),
    );
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn commands_that_read_no_graph_neither_offer_nor_take_graph() {
    for command in [
        &["generate"][..],
        &["import", "csv"],
        &["import", "crunchbase"],
    ] {
        let mut args = command.to_vec();
        args.push("--help");
        let help = succeeded(dealgraph().args(&args).output().unwrap());
        let help = String::from_utf8(help.stdout).unwrap();
        assert!(
            !help.contains("--graph"),
            "{command:?} offers --graph:\n{help}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g");
    let (code, said) = stderr_of(&[
        "generate",
        "--relations",
        "10",
        "--out",
        out.to_str().unwrap(),
        "--graph",
        "mine",
    ]);
    assert_eq!(code, Some(1));
    assert_eq!(
        said,
        "error: `generate` reads no graph, so --graph does not apply to it; leave it out\n"
    );
    assert!(!out.exists(), "nothing written");
    succeeded(
        dealgraph()
            .env("DEALGRAPH_GRAPH", "mine")
            .args(["generate", "--relations", "100", "--out"])
            .arg(&out)
            .output()
            .unwrap(),
    );
    let help = succeeded(dealgraph().args(["stats", "--help"]).output().unwrap());
    assert!(String::from_utf8(help.stdout).unwrap().contains("--graph"));
}
