//! `dealgraph money` and `dealgraph portfolio`: each round counted once, whichever way its
//! relations state amounts; what an investor funds and which of those are rivals.

mod common;

use common::{dealgraph, succeeded};
use serde_json::{Value, json};

/// Three rounds of Lab: one whose two relations each state the round's $6B, one with a $1B
/// total beside its $400M and $600M parts, one of two parts; and a lease Lab pays for.
const ROUNDS: &str = r#"{
  "companies": [
    {"id": "lab", "name": "Lab"}, {"id": "fund-a", "name": "Fund A"},
    {"id": "fund-b", "name": "Fund B"}, {"id": "bank", "name": "Bank"},
    {"id": "landlord", "name": "Landlord"}, {"id": "rival", "name": "Rival"}
  ],
  "relations": [
    {"type": "investment", "from": "fund-a", "to": "lab", "date": "2024-01", "amount_usd": 6e9,
     "deal": "series-b", "round": "Series B", "sources": [{"publisher": "Wire"}]},
    {"type": "investment", "from": "fund-b", "to": "lab", "date": "2024-01", "amount_usd": 6e9,
     "deal": "series-b", "round": "Series B", "sources": [{"publisher": "Wire"}]},
    {"type": "investment", "from": "fund-a", "to": "lab", "date": "2025-01", "amount_usd": 1e9,
     "deal": "series-c", "sources": [{"publisher": "Wire"}]},
    {"type": "investment", "from": "fund-b", "to": "lab", "date": "2025-01", "amount_usd": 4e8,
     "deal": "series-c", "sources": [{"publisher": "Wire"}]},
    {"type": "investment", "from": "bank", "to": "lab", "date": "2025-01", "amount_usd": 6e8,
     "deal": "series-c", "sources": [{"publisher": "Wire"}]},
    {"type": "loan", "from": "bank", "to": "lab", "date": "2026", "amount_usd": 3e8,
     "deal": "facility", "sources": [{"publisher": "Wire"}]},
    {"type": "loan", "from": "fund-a", "to": "lab", "date": "2026", "amount_usd": 2e8,
     "deal": "facility", "sources": [{"publisher": "Wire"}]},
    {"type": "lease", "from": "landlord", "to": "lab", "date": "2025", "amount_usd": 5e8,
     "sources": [{"publisher": "Wire"}]},
    {"type": "investment", "from": "fund-a", "to": "rival", "date": "2025", "amount_usd": 1e8,
     "sources": [{"publisher": "Wire"}]},
    {"type": "competitor", "from": "lab", "to": "rival", "sources": [{"publisher": "Wire"}]}
  ]
}"#;

fn answer(dir: &tempfile::TempDir, args: &[&str]) -> Value {
    let file = dir.path().join("rounds.json");
    std::fs::write(&file, ROUNDS).unwrap();
    let output = succeeded(
        dealgraph()
            .arg("--graph")
            .arg(&file)
            .args(args)
            .arg("--json")
            .output()
            .unwrap(),
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn each_round_counts_once_whichever_way_it_states_amounts() {
    let dir = tempfile::tempdir().unwrap();
    let found = answer(&dir, &["money", "lab"]);
    let rounds: Vec<(Value, Value, Value)> = found["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["deal"].clone(),
                r["total_usd"].clone(),
                r["counted"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rounds,
        [
            (json!("series-b"), json!(6e9), json!("same_on_each")),
            (json!("series-c"), json!(1e9), json!("total_beside_parts")),
            (json!("facility"), json!(5e8), json!("sum_of_parts")),
        ]
    );
    assert_eq!(found["raised_usd"], json!(7.5e9));
    assert_eq!(found["committed_usd"], json!(5e8));
    assert_eq!(found["providers"][0]["id"], "landlord");
    let investors: Vec<&str> = found["investors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        investors,
        ["fund-a", "fund-b", "bank"],
        "by the sum of their relations"
    );
}

#[test]
fn a_portfolio_lists_what_an_investor_funds_and_its_rivals() {
    let dir = tempfile::tempdir().unwrap();
    let found = answer(&dir, &["portfolio", "fund-a"]);
    let companies: Vec<(&str, f64)> = found["companies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["amount_usd"].as_f64().unwrap()))
        .collect();
    assert_eq!(companies, [("lab", 7.2e9), ("rival", 1e8)]);
    let rivals = found["rivals"].as_array().unwrap();
    assert_eq!(rivals.len(), 1);
    assert_eq!(rivals[0]["kind"], "competitor");
}

#[test]
fn money_of_the_built_in_data_says_what_it_does_not_know() {
    let output = succeeded(dealgraph().args(["money", "xai"]).output().unwrap());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("xAI (xai) raised at least $"), "{text}");
    assert!(
        text.contains("  2024-11  Series C  at least $400M (1 of 11 relations state an amount)"),
        "{text}"
    );
}
