//! `dealgraph cycles`: loops of money on the built-in data, and every count checked against
//! networkx's `simple_cycles(length_bound=N)` on the money-flow graph of generated graphs of
//! two shapes (`tests/networkx/cycles.py` builds that graph from the files by the documented
//! rule, independently of dealgraph).
//!
//! Python is `$DEALGRAPH_PYTHON` when set, else `python3`. Without networkx the comparison
//! fails when `CI` is set, and is skipped with a message otherwise.

mod common;

use std::path::Path;
use std::process::Command;

use common::{dealgraph, generated_graph, python_with, succeeded};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let output = succeeded(dealgraph().args(args).output().expect("the binary runs"));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn nvidia_openai_and_oracle_make_one_loop_in_the_built_in_data() {
    let found = json(&["cycles", "--company", "nvidia", "--json"]);
    let loops = found["cycles"].as_array().expect("a list of loops");
    let wanted = ["nvidia", "openai", "oracle"];
    let loop_of_three = loops.iter().find(|cycle| {
        let nodes = cycle["nodes"].as_array().unwrap();
        wanted.iter().all(|id| nodes.iter().any(|node| node == id))
    });
    let loop_of_three =
        loop_of_three.expect("Nvidia pays OpenAI, OpenAI pays Oracle, Oracle pays Nvidia");
    assert_eq!(
        loop_of_three["nodes"][0], "nvidia",
        "a loop through a company starts there"
    );
    for hop in loop_of_three["hops"].as_array().unwrap() {
        let relations = hop["relations"].as_array().unwrap();
        assert!(!relations.is_empty(), "each hop is cited by its relations");
        assert!(
            relations
                .iter()
                .all(|r| r["sources"].as_array().is_some_and(|s| !s.is_empty()))
        );
    }
    assert_eq!(found["total"].as_u64().unwrap() as usize, loops.len());
    let cut = json(&["cycles", "--company", "nvidia", "--limit", "1", "--json"]);
    assert_eq!(cut["cycles"].as_array().unwrap().len(), 1);
    assert_eq!(
        cut["total"], found["total"],
        "total counts the loops --limit cut"
    );
    assert_eq!(
        cut["cycles"][0], found["cycles"][0],
        "the best loop first either way"
    );
}

#[test]
fn within_keeps_only_loops_whose_deals_fit_one_window() {
    let all = json(&["cycles", "--json", "--limit", "1000"]);
    let tight = json(&["cycles", "--json", "--limit", "1000", "--within", "30d"]);
    let fits = |cycle: &Value| cycle["span_days"].as_i64().is_some_and(|days| days <= 30);
    let expected: Vec<&Value> = all["cycles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| fits(c))
        .collect();
    let kept: Vec<&Value> = tight["cycles"].as_array().unwrap().iter().collect();
    assert_eq!(kept, expected);
    assert!(kept.len() < all["cycles"].as_array().unwrap().len());
}

#[test]
fn significance_is_seeded_and_reports_a_z_score() {
    let args = ["cycles", "--json", "--significance", "5", "--seed", "3"];
    let first = json(&args);
    assert_eq!(first, json(&args), "the same seed draws the same rewirings");
    let test = &first["significance"];
    assert_eq!(test["samples"], 5);
    assert_eq!(test["observed"], first["total"]);
    assert!(test["z_score"].is_number() || test["std_dev"] == 0.0);
}

#[test]
fn loop_counts_match_networkx_on_generated_graphs() {
    let Some(python) = python_with(&["networkx"], "cycles") else {
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/networkx/cycles.py");
    for (relations, seed) in [("2000", "5"), ("6000", "11")] {
        let dir = tempfile::tempdir().expect("a temp dir");
        let graph = generated_graph(dir.path(), relations, seed);
        let graph_arg = graph.to_str().unwrap();
        let ours = |extra: &[&str]| -> Value {
            let mut args = vec!["--graph", graph_arg, "cycles", "--json", "--limit", "1"];
            args.extend_from_slice(extra);
            json(&args)
        };
        let hubs: Vec<String> = ours(&["--max-length", "3"])["cycles"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["nodes"].as_array().unwrap().clone())
            .map(|n| n.as_str().unwrap().to_owned())
            .collect();
        let output = Command::new(&python)
            .arg(&script)
            .arg(&graph)
            .arg("2,3,4")
            .args(&hubs)
            .output()
            .expect("python runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let theirs: Value = serde_json::from_slice(&output.stdout).unwrap();
        for bound in ["2", "3", "4"] {
            let found = ours(&["--max-length", bound]);
            assert_eq!(found["complete"], true);
            assert_eq!(
                found["total"], theirs["total"][bound],
                "loops of at most {bound} hops in a graph of {relations} relations"
            );
            assert!(
                found["total"].as_u64().unwrap() > 0,
                "the graph has loops to compare"
            );
            for hub in &hubs {
                let through = ours(&["--max-length", bound, "--company", &format!("id:{hub}")]);
                assert_eq!(
                    through["total"], theirs["through"][bound][hub],
                    "loops of at most {bound} hops through {hub}"
                );
            }
        }
    }
}
