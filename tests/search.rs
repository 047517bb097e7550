//! `dealgraph search`, and what an unknown company's error suggests: every company containing
//! the name typed, on the built-in dataset.

use assert_cmd::Command;
use serde_json::Value;

fn dealgraph(args: &[&str]) -> Command {
    let mut command = Command::cargo_bin("dealgraph").expect("the binary is built");
    command
        .env_remove("DEALGRAPH_GRAPH")
        .env("DEALGRAPH_NO_CACHE", "1")
        .args(args);
    command
}

#[test]
fn search_capital_finds_the_capital_firms_best_first() {
    let output = dealgraph(&["search", "capital", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> = json["companies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for firm in ["sequoia", "altimeter-capital", "thrive-capital"] {
        assert!(ids.contains(&firm), "{firm} in {ids:?}");
    }
    assert_eq!(
        ids[0], "capital-group",
        "a name that starts with the text comes first"
    );
    let sequoia = json["companies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "sequoia")
        .unwrap();
    assert_eq!(sequoia["name"], "Sequoia Capital");
    assert_eq!(sequoia["matched"], "word");
    assert_eq!(json["total"], ids.len());
}

#[test]
fn search_says_when_its_limit_cut_the_list_and_when_nothing_matched() {
    let output = dealgraph(&["search", "capital", "--limit", "2"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[2].starts_with("showing 2 of "), "{text}");
    let none = dealgraph(&["search", "zzyzx"]).output().unwrap();
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&none.stderr),
        "no company's id, name, alias or ticker contains `zzyzx`\n"
    );
    let filtered = dealgraph(&["search", "capital", "--sector", "chips", "--json"])
        .output()
        .unwrap();
    assert_eq!(filtered.status.code(), Some(1));
}

#[test]
fn an_unknown_company_suggests_every_company_containing_the_name() {
    let output = dealgraph(&["show", "capital"]).output().unwrap();
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    for firm in [
        "`thrive-capital` (Thrive Capital)",
        "`capital-group` (Capital Group)",
    ] {
        assert!(said.contains(firm), "{said}");
    }
    assert!(
        said.contains(" more (`dealgraph search capital` lists them)"),
        "{said}"
    );
}
