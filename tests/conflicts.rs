//! How `conflicts` ranks conflicts alike in kind and timing (sector rivals all are): by the
//! money at stake, then the latest stake, then the rivals' size, and a limit keeps exactly the
//! heaviest.

mod common;

use common::{dealgraph, generated_graph, succeeded};
use dealgraph::query::ConflictOptions;
use dealgraph::query::conflicts::Conflicts;
use serde_json::{Value, json};

/// `conflicts ARGS --json` on the graph at `graph`.
fn conflicts(graph: &std::path::Path, args: &[&str]) -> Value {
    let output = succeeded(
        dealgraph()
            .arg("--graph")
            .arg(graph)
            .arg("conflicts")
            .args(args)
            .arg("--json")
            .output()
            .expect("the binary runs"),
    );
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

/// The pairs `company/rival` of an answer, in its order.
fn pairs(answer: &Value) -> Vec<String> {
    answer["conflicts"]
        .as_array()
        .expect("a list of conflicts")
        .iter()
        .map(|c| {
            format!(
                "{}/{}",
                c["company"].as_str().unwrap(),
                c["rival"].as_str().unwrap()
            )
        })
        .collect()
}

/// A fund with stakes in five companies of one sector, named so that alphabetical order would
/// rank them backwards. By relations: the two `big` have five, `busy` four, `b-small` three,
/// `a-small` two (one a cancelled stake).
fn portfolio(dir: &std::path::Path) -> std::path::PathBuf {
    let company = |id: &str| json!({"id": id, "name": id, "sectors": ["ai"]});
    let stake = |to: &str, usd: Option<u64>, date: &str| {
        let mut relation = json!({"type": "investment", "from": "fund", "to": to, "date": date});
        if let Some(usd) = usd {
            relation["amount_usd"] = json!(usd);
        }
        relation
    };
    let partner = |from: &str, count: usize| -> Vec<Value> {
        (1..=count)
            .map(|p| json!({"type": "partnership", "from": from, "to": format!("p{p}")}))
            .collect()
    };
    let mut relations = vec![
        stake("a-small", Some(1_000_000), "2020"),
        stake("b-small", Some(1_000_000), "2020"),
        stake("busy", Some(1_000_000), "2020"),
        stake("y-big", Some(2_000_000_000), "2019"),
        stake("z-big", Some(5_000_000_000), "2018"),
        json!({"type": "investment", "from": "fund", "to": "a-small", "date": "2021",
               "status": "cancelled", "amount_usd": 9_000_000_000_u64}),
    ];
    for (from, count) in [("busy", 3), ("b-small", 2), ("y-big", 4), ("z-big", 4)] {
        relations.extend(partner(from, count));
    }
    let graph = json!({
        "companies": [
            {"id": "fund", "name": "Fund"}, {"id": "p1", "name": "P1"},
            {"id": "p2", "name": "P2"}, {"id": "p3", "name": "P3"}, {"id": "p4", "name": "P4"},
            company("a-small"), company("b-small"), company("busy"), company("y-big"),
            company("z-big"),
        ],
        "relations": relations,
    });
    let path = dir.join("portfolio.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&graph).unwrap()).unwrap();
    path
}

#[test]
fn sector_rivals_rank_by_money_at_stake_then_recency_then_size_not_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let answer = conflicts(&portfolio(dir.path()), &["--sector-rivals"]);
    assert_eq!(
        pairs(&answer),
        [
            // $7B at stake.
            "y-big/z-big",
            // $5.001B each, the latest stake 2020, the smaller side with four relations, three,
            // then two (the cancelled $9B moved no money).
            "busy/z-big",
            "b-small/z-big",
            "a-small/z-big",
            "busy/y-big",
            "b-small/y-big",
            "a-small/y-big",
            // $2M each, the latest 2020 (the cancelled 2021 stake counts for nothing), the
            // smaller side with three relations, then two each, told apart by name.
            "b-small/busy",
            "a-small/b-small",
            "a-small/busy",
        ]
    );
    let first = &answer["conflicts"][0];
    assert_eq!(first["at_stake_usd"], json!(7_000_000_000_u64));
    assert_eq!(first["latest"], "2019");
    let last = &answer["conflicts"][9];
    assert_eq!(last["at_stake_usd"], json!(2_000_000));
    assert_eq!(last["latest"], "2020");
}

#[test]
fn the_text_answer_says_what_each_conflict_has_at_stake() {
    let dir = tempfile::tempdir().unwrap();
    let output = succeeded(
        dealgraph()
            .arg("--graph")
            .arg(portfolio(dir.path()))
            .args(["conflicts", "--sector-rivals", "--limit", "1"])
            .output()
            .unwrap(),
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with(
            "1. sector rivals: Fund funds y-big and z-big, both `ai`\n   \
             $7B at stake on both sides; the latest stake 2019\n"
        ),
        "{text}"
    );
}

#[test]
fn a_limit_keeps_exactly_the_heaviest_of_the_whole_ranking() {
    let dir = tempfile::tempdir().unwrap();
    let graph = dealgraph::load::load_path(&generated_graph(dir.path(), "4000", "11")).unwrap();
    let all = ConflictOptions {
        sector_rivals: true,
        ..ConflictOptions::default()
    };
    let whole: Vec<_> = Conflicts::find(&graph, &all).iter().collect();
    assert!(whole.len() > 500, "{} conflicts", whole.len());
    for limit in [1, 7, 100, 400] {
        let cut = Conflicts::find(
            &graph,
            &ConflictOptions {
                limit: Some(limit),
                ..all.clone()
            },
        );
        assert_eq!(cut.total(), whole.len(), "limit {limit}");
        assert_eq!(
            cut.iter().collect::<Vec<_>>(),
            whole[..limit],
            "limit {limit}"
        );
    }
}

#[test]
fn on_the_builtin_graph_heavier_conflicts_come_first_within_each_kind_and_timing() {
    let answer: Value = serde_json::from_slice(
        &succeeded(
            dealgraph()
                .args(["conflicts", "--sector-rivals", "--json"])
                .output()
                .unwrap(),
        )
        .stdout,
    )
    .unwrap();
    let list = answer["conflicts"].as_array().unwrap();
    let first = &list[0];
    assert_eq!(
        (&first["investor"], &first["company"], &first["rival"]),
        (&json!("nvidia"), &json!("openai"), &json!("anthropic")),
        "Nvidia's $30B in OpenAI and up to $10B in Anthropic"
    );
    let class = |c: &Value| {
        [&c["kind"], &c["covered"], &c["timing"], &c["binding"]]
            .map(|v| v.to_string())
            .join(" ")
    };
    for pair in list.windows(2) {
        if class(&pair[0]) == class(&pair[1]) {
            assert!(
                pair[0]["at_stake_usd"].as_u64() >= pair[1]["at_stake_usd"].as_u64(),
                "{} before {}",
                pair[0],
                pair[1]
            );
        }
    }
    let sector: Vec<&Value> = list.iter().filter(|c| c["sector"].is_string()).collect();
    assert!(sector.len() > 10);
    assert!(sector[0]["at_stake_usd"].as_u64().unwrap() > 1_000_000_000);
}
