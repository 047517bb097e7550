//! `dealgraph rank` and `dealgraph impact`: on the built-in data, and every score checked
//! against networkx (`tests/networkx/centrality.py`) on generated graphs of two shapes:
//! betweenness against `betweenness_centrality(normalized=True)` (and, sampled, against the
//! same sources' `betweenness_centrality_subset`), PageRank against `pagerank(alpha=0.85)`,
//! degree against `degree_centrality`, and the companies `impact` says would lose all supply
//! against `immediate_dominators`.
//!
//! Python is `$DEALGRAPH_PYTHON` when set, else `python3`. Without networkx and scipy (which
//! networkx's pagerank needs) the comparisons
//! fail when `CI` is set, and are skipped with a message otherwise.

mod common;

use std::path::Path;
use std::process::Command;

use common::{dealgraph, generated_graph, python_with, succeeded};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let output = succeeded(dealgraph().args(args).output().expect("the binary runs"));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

const DEAL_KINDS: &str = "investment,loan,lease,compute,supply,acquisition,ownership";

#[test]
fn impact_of_oracle_lists_openai_with_its_chain() {
    let answer = json(&["impact", "oracle", "--json"]);
    assert_eq!(answer["company"], "oracle");
    let affected = answer["affected"].as_array().unwrap();
    let openai = affected
        .iter()
        .find(|a| a["id"] == "openai")
        .expect("Oracle rents compute to OpenAI");
    assert_eq!(openai["depth"], 1);
    assert_eq!(openai["chain"], serde_json::json!(["oracle", "openai"]));
    assert!(
        !openai["via"].as_array().unwrap().is_empty(),
        "the hop is cited"
    );
    let depths: Vec<u64> = affected
        .iter()
        .map(|a| a["depth"].as_u64().unwrap())
        .collect();
    assert!(depths.windows(2).all(|w| w[0] <= w[1]), "nearest first");
}

#[test]
fn rank_keeps_its_limit_and_orders_by_score() {
    let answer = json(&["rank", "--by", "pagerank", "--limit", "5", "--json"]);
    assert_eq!(answer["by"], "pagerank");
    let ranking = answer["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 5);
    let scores: Vec<f64> = ranking
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(ranking[0]["id"], "openai");
}

fn close(ours: f64, theirs: f64) -> bool {
    (ours - theirs).abs() <= 1e-9 + 1e-6 * theirs.abs()
}

/// Every company's score of `ours` (a `rank --json` answer) against networkx's `theirs`.
fn same_scores(ours: &Value, theirs: &Value, what: &str) {
    let ranking = ours["ranking"].as_array().unwrap();
    assert_eq!(
        ranking.len(),
        theirs.as_object().unwrap().len(),
        "{what}: every company"
    );
    for entry in ranking {
        let id = entry["id"].as_str().unwrap();
        let (mine, expected) = (
            entry["score"].as_f64().unwrap(),
            theirs[id].as_f64().unwrap(),
        );
        assert!(
            close(mine, expected),
            "{what} of {id}: {mine} against networkx's {expected}"
        );
    }
}

#[test]
fn scores_and_dominators_match_networkx_on_generated_graphs() {
    let Some(python) = python_with(&["networkx", "scipy"], "rank") else {
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/networkx/centrality.py");
    for (relations, seed) in [("1500", "2"), ("4000", "9")] {
        let dir = tempfile::tempdir().expect("a temp dir");
        let graph = generated_graph(dir.path(), relations, seed);
        let g = graph.to_str().unwrap();
        let rank = |by: &str, extra: &[&str]| {
            let mut args = vec![
                "--graph", g, "rank", "--by", by, "--limit", "1000000", "--json",
            ];
            args.extend_from_slice(extra);
            json(&args)
        };
        let sampled = rank("betweenness", &["--sample", "40", "--seed", "4"]);
        let sample: Vec<&str> = sampled["sample"]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| id.as_str().unwrap())
            .collect();
        assert_eq!(sample.len(), 40);
        let hubs: Vec<String> = rank("degree", &[])["ranking"].as_array().unwrap()[..5]
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect();
        let networkx = |extra: &[String]| -> Value {
            let output = Command::new(&python)
                .arg(&script)
                .arg(&graph)
                .arg(DEAL_KINDS)
                .args(extra)
                .output()
                .expect("python runs");
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            serde_json::from_slice(&output.stdout).unwrap()
        };
        let exact = networkx(&["--dominators".to_owned(), hubs.join(",")]);
        same_scores(
            &rank("betweenness", &[]),
            &exact["betweenness"],
            "betweenness",
        );
        same_scores(&rank("pagerank", &[]), &exact["pagerank"], "PageRank");
        same_scores(&rank("degree", &[]), &exact["degree"], "degree");
        let from_sample = networkx(&["--sample".to_owned(), sample.join(",")]);
        same_scores(&sampled, &from_sample["betweenness"], "sampled betweenness");
        for hub in &hubs {
            let answer = json(&["--graph", g, "impact", &format!("id:{hub}"), "--json"]);
            let mut ours: Vec<&str> = answer["affected"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|a| a["loses_all_supply"] == true)
                .map(|a| a["id"].as_str().unwrap())
                .collect();
            ours.sort_unstable();
            let theirs: Vec<&str> = exact["dominated"][hub]
                .as_array()
                .unwrap()
                .iter()
                .map(|id| id.as_str().unwrap())
                .collect();
            assert_eq!(
                ours, theirs,
                "the companies only {hub} supplies, in a graph of {relations}"
            );
        }
    }
}
