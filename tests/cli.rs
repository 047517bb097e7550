//! The `dealgraph` binary end to end: `check`, `stats` and `show`, choosing the graph, and the
//! errors a user sees.

mod common;

use common::dealgraph;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// A small graph with every relation type a profile groups, and two companies named "Apex".
const DEALS: &str = "tests/fixtures/valid/deals";
/// A graph of two companies and one relation.
const SMALLEST: &str = "tests/fixtures/valid/smallest";

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let output = cmd.output().expect("dealgraph runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs a command that must succeed, and returns what it printed.
fn stdout(cmd: &mut Command) -> String {
    let run = run(cmd);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (Some(0), ""),
        "stdout: {}",
        run.stdout
    );
    run.stdout
}

fn json(cmd: &mut Command) -> Value {
    serde_json::from_str(&stdout(cmd)).expect("stdout is JSON")
}

/// The `(companies, relations)` counts of `stats --json`.
fn counts(stats: &Value) -> (u64, u64) {
    (
        stats["companies"].as_u64().expect("companies is a count"),
        stats["relations"].as_u64().expect("relations is a count"),
    )
}

fn shipped_graph() -> dealgraph::KnowledgeGraph {
    dealgraph::load::load_path(Path::new("graph")).expect("graph/ loads")
}

#[test]
fn check_strict_passes_on_the_shipped_dataset() {
    let graph = shipped_graph();
    let files = dealgraph::load::read_graph(Path::new("graph"))
        .expect("graph/ is readable")
        .len();
    let clean = format!(
        "ok: {} companies and {} relations; 0 errors, 0 warnings in {files} files\n",
        graph.companies().len(),
        graph.relation_count()
    );
    assert_eq!(
        stdout(dealgraph().args(["check", "--strict", "--graph", "graph"])),
        clean
    );
    // The built-in copy is the same dataset.
    assert_eq!(stdout(dealgraph().args(["check", "--strict"])), clean);
}

#[test]
fn check_reports_every_problem_of_three_broken_files_with_positions() {
    let run = run(dealgraph().args(["check", "--graph", "tests/fixtures/invalid-folder"]));
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn check_json_counts_the_problems_of_three_broken_files() {
    let mut cmd = dealgraph();
    cmd.args([
        "check",
        "--json",
        "--graph",
        "tests/fixtures/invalid-folder",
    ]);
    let run = run(&mut cmd);
    assert_eq!(run.code, Some(1));
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        (&report["files"], &report["errors"], &report["warnings"]),
        (&Value::from(3), &Value::from(6), &Value::from(1))
    );
    let files: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["path"].as_str().expect("path"))
        .collect();
    for file in ["companies.json", "deals.json", "leases.json"] {
        let path = format!("tests/fixtures/invalid-folder/{file}");
        assert!(files.contains(&path.as_str()), "{path} not reported");
    }
}

#[test]
fn check_exits_0_with_warnings_and_1_with_them_under_strict() {
    let graph = ["--graph", SMALLEST];
    assert_eq!(
        stdout(dealgraph().arg("check").args(graph)),
        "tests/fixtures/valid/smallest/graph.json:7:5: warning: relations[0] (investment a -> b): no sources\n  \
         hint: add `sources`: [{\"publisher\": ..., \"url\": ..., \"quote\": ...}]\n\
         ok: 2 companies and 1 relation; 0 errors, 1 warning in 1 file\n"
    );
    let strict = run(dealgraph().args(["check", "--strict"]).args(graph));
    assert_eq!(strict.code, Some(1));
    assert!(
        strict
            .stdout
            .ends_with("failed: 1 error, 0 warnings in 1 file\n"),
        "{}",
        strict.stdout
    );
}

#[test]
fn stats_prints_counts() {
    insta::assert_snapshot!(stdout(dealgraph().args(["stats", "--graph", DEALS])));
}

#[test]
fn stats_json_counts_companies_and_relations() {
    let stats = json(dealgraph().args(["stats", "--json", "--graph", DEALS]));
    assert_eq!(counts(&stats), (8, 8));
    assert_eq!(stats["unconnected"], serde_json::json!(["apex-energy"]));
}

#[test]
fn show_prints_a_company_and_its_relations_by_type() {
    insta::assert_snapshot!(stdout(
        dealgraph().args(["show", "Open AI", "--graph", DEALS])
    ));
}

#[test]
fn show_json_holds_the_company_and_its_relations() {
    let profile = json(dealgraph().args(["show", "oracle", "--json", "--graph", DEALS]));
    assert_eq!(profile["company"]["id"], "oracle");
    assert_eq!(
        profile["company"]["aliases"],
        serde_json::json!(["OCI", "Oracle Cloud Infrastructure"])
    );
    assert_eq!(profile["relations"], 2);
    let groups: Vec<(&str, &str, usize)> = profile["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            (
                g["type"].as_str().expect("type"),
                g["side"].as_str().expect("side"),
                g["relations"].as_array().expect("relations").len(),
            )
        })
        .collect();
    assert_eq!(groups, [("lease", "in", 1), ("compute", "out", 1)]);
}

#[test]
fn show_unknown_company_suggests_the_closest() {
    let run = run(dealgraph().args(["show", "opnai", "--graph", DEALS]));
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: unknown company `opnai`; did you mean `openai` (OpenAI)?\n"
    );
}

#[test]
fn show_ambiguous_company_lists_the_candidates() {
    let run = run(dealgraph().args(["show", "Apex", "--graph", DEALS]));
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "error: ambiguous company `Apex`: it names `apex-capital` (Apex), `apex-energy` (Apex); give the id instead\n"
    );
}

#[test]
fn env_var_chooses_the_graph() {
    let stats = json(
        dealgraph()
            .env("DEALGRAPH_GRAPH", DEALS)
            .args(["stats", "--json"]),
    );
    assert_eq!(counts(&stats), (8, 8));
}

#[test]
fn graph_flag_wins_over_env_var() {
    let stats = json(
        dealgraph()
            .env("DEALGRAPH_GRAPH", DEALS)
            .args(["stats", "--json", "--graph", SMALLEST]),
    );
    assert_eq!(counts(&stats), (2, 1));
}

#[test]
fn missing_graph_path_is_a_clear_error() {
    let missing = "tests/fixtures/no-such-graph";
    let reason = std::fs::metadata(missing).unwrap_err().to_string();
    let expected = format!("error: {missing}: cannot read: {reason}\n");
    for cmd in [
        dealgraph().args(["stats", "--graph", missing]),
        dealgraph().env("DEALGRAPH_GRAPH", missing).arg("stats"),
        dealgraph().args(["check", "--graph", missing]),
    ] {
        let run = run(cmd);
        assert_eq!(run.code, Some(1));
        assert_eq!(run.stdout, "");
        assert_eq!(run.stderr, expected);
    }
}

#[test]
fn invalid_graph_stops_other_commands_with_every_error() {
    let run = run(dealgraph().args(["stats", "--graph", "tests/fixtures/invalid-folder"]));
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn without_a_graph_the_built_in_dataset_answers_from_any_folder() {
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let built_in = stdout(
        dealgraph()
            .current_dir(elsewhere.path())
            .args(["stats", "--json"]),
    );
    let shipped = stdout(dealgraph().args(["stats", "--json", "--graph", "graph"]));
    assert_eq!(built_in, shipped);
    let graph = shipped_graph();
    let stats: Value = serde_json::from_str(&built_in).expect("JSON");
    assert_eq!(
        counts(&stats),
        (
            graph.companies().len() as u64,
            graph.relation_count() as u64
        )
    );
    let profile = json(
        dealgraph()
            .current_dir(elsewhere.path())
            .args(["show", "Oracle", "--json"]),
    );
    assert_eq!(profile["company"]["id"], "oracle");
}

#[test]
fn json_output_is_byte_for_byte_deterministic() {
    for args in [
        &["stats", "--json"][..],
        &["show", "openai", "--json"],
        &["show", "oracle", "--json"],
        &[
            "check",
            "--json",
            "--graph",
            "tests/fixtures/invalid-folder",
        ],
    ] {
        let first = dealgraph().args(args).output().expect("runs").stdout;
        let second = dealgraph().args(args).output().expect("runs").stdout;
        assert!(!first.is_empty(), "{args:?} printed nothing");
        assert_eq!(first, second, "{args:?}");
    }
}
