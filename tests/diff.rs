//! `dealgraph diff`: what began, ended or was reported on between two dates, checked against
//! the built-in graph's files.

mod common;

use common::{dealgraph, succeeded};
use serde_json::Value;

fn relations() -> Vec<Value> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir("graph").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let graph: Value =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            all.extend(graph["relations"].as_array().cloned().unwrap_or_default());
        }
    }
    all
}

fn keys(list: &Value) -> Vec<String> {
    let mut keys: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap().to_owned())
        .collect();
    keys.sort();
    keys
}

#[test]
fn a_year_of_changes_is_what_the_files_date_in_it() {
    let output = succeeded(
        dealgraph()
            .args(["diff", "--from", "2024", "--to", "2025", "--json"])
            .output()
            .unwrap(),
    );
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    let in_2025 = |field: &str| {
        relations()
            .iter()
            .filter(|r| r[field].as_str().is_some_and(|d| d.starts_with("2025")))
            .count()
    };
    assert_eq!(answer["began"].as_array().unwrap().len(), in_2025("date"));
    assert_eq!(answer["ended"].as_array().unwrap().len(), in_2025("end"));
    let began = keys(&answer["began"]);
    let ended = keys(&answer["ended"]);
    for key in keys(&answer["changed"]) {
        assert!(
            !began.contains(&key) && !ended.contains(&key),
            "{key} listed twice"
        );
    }
    for relation in answer["changed"].as_array().unwrap() {
        let reported = relation["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["date"].as_str().is_some_and(|d| d.starts_with("2025")));
        assert!(reported, "{relation}");
    }
}

#[test]
fn diff_refuses_dates_in_the_wrong_order() {
    let output = dealgraph()
        .args(["diff", "--from", "2025", "--to", "2024"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: --from 2025 is not before --to 2024; give the earlier date to --from\n"
    );
}
