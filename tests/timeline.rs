//! `dealgraph timeline`: every dated relation counted once, periods in order, the deals listed
//! in date order, and the committed chart current.

mod common;

use common::{dealgraph, succeeded};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let output = succeeded(dealgraph().args(args).output().expect("the binary runs"));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// The built-in graph's relations, from its files: how many are dated, and how many not.
fn dated_and_undated() -> (usize, usize) {
    let mut counts = (0, 0);
    for entry in std::fs::read_dir("graph").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let graph: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for relation in graph["relations"].as_array().into_iter().flatten() {
            if relation.get("date").is_some() {
                counts.0 += 1;
            } else {
                counts.1 += 1;
            }
        }
    }
    counts
}

#[test]
fn the_yearly_timeline_counts_every_dated_relation_once() {
    let (dated, undated) = dated_and_undated();
    for by in ["year", "quarter", "month"] {
        let answer = json(&["timeline", "--by", by, "--json", "--limit", "100000"]);
        let periods = answer["periods"].as_array().unwrap();
        let counted: u64 = periods
            .iter()
            .map(|p| p["relations"].as_u64().unwrap())
            .sum();
        assert_eq!(counted as usize, dated, "by {by}");
        assert_eq!(answer["undated"].as_u64().unwrap() as usize, undated);
        let listed: usize = periods
            .iter()
            .map(|p| p["deals"].as_array().unwrap().len())
            .sum();
        assert_eq!(listed, dated, "by {by}: each deal listed once");
        for period in periods {
            let dates: Vec<&str> = period["deals"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["date"].as_str().unwrap())
                .collect();
            let mut sorted = dates.clone();
            sorted.sort_by_key(|d| format!("{d:-<10}"));
            assert_eq!(
                dates, sorted,
                "deals in date order within {}",
                period["period"]
            );
        }
    }
    let years = json(&["timeline", "--json"]);
    let labels: Vec<&str> = years["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    let mut sorted = labels.clone();
    sorted.sort_unstable();
    assert_eq!(labels, sorted);
    assert_eq!(years["listed"], 50, "the default --limit lists 50 deals");
}

#[test]
fn a_company_and_a_window_narrow_the_timeline() {
    let answer = json(&[
        "timeline", "openai", "--from", "2025", "--to", "2025", "--by", "quarter", "--json",
        "--limit", "1000",
    ]);
    let periods = answer["periods"].as_array().unwrap();
    assert!(
        periods
            .iter()
            .all(|p| p["period"].as_str().unwrap().starts_with("2025"))
    );
    for deal in periods.iter().flat_map(|p| p["deals"].as_array().unwrap()) {
        assert!(deal["from"] == "openai" || deal["to"] == "openai");
    }
    let refused = dealgraph()
        .args(["timeline", "--from", "2026", "--to", "2025"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--from 2026 is after --to 2025"));
}

#[test]
fn the_committed_chart_is_what_the_binary_draws() {
    let dir = tempfile::tempdir().unwrap();
    let drawn = dir.path().join("timeline.svg");
    succeeded(
        dealgraph()
            .args([
                "timeline", "--by", "quarter", "--from", "2023", "--render", "svg", "-o",
            ])
            .arg(&drawn)
            .output()
            .unwrap(),
    );
    let drawn = std::fs::read_to_string(drawn).unwrap();
    assert!(drawn.starts_with("<svg") && drawn.contains("Relations per quarter"));
    let committed = std::fs::read_to_string("docs/timeline.svg").unwrap();
    assert!(
        drawn == committed,
        "docs/timeline.svg is stale: run docs/diagrams.sh and commit the result"
    );
}
