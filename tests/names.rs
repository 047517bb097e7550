//! Naming companies as users type them: by id, name or alias, ignoring case and punctuation;
//! unknown names suggest the closest, shared names list every company they could mean.

use std::path::Path;

use dealgraph::{KnowledgeGraph, ResolveError};

fn graph() -> KnowledgeGraph {
    dealgraph::load::load_path(Path::new("tests/fixtures/valid/deals")).expect("fixture loads")
}

/// The id of the company `name` resolves to.
fn resolve(graph: &KnowledgeGraph, name: &str) -> Result<String, ResolveError> {
    graph
        .resolve(name)
        .map(|node| graph.company(node).id.to_string())
}

fn resolved(graph: &KnowledgeGraph, names: &[&str]) -> Vec<(String, String)> {
    names
        .iter()
        .map(|name| {
            let id = resolve(graph, name).unwrap_or_else(|err| format!("error: {err}"));
            ((*name).to_owned(), id)
        })
        .collect()
}

fn expected(names: &[&str], id: &str) -> Vec<(String, String)> {
    names
        .iter()
        .map(|name| ((*name).to_owned(), id.to_owned()))
        .collect()
}

#[test]
fn resolves_by_id() {
    let graph = graph();
    let names = ["thrive-capital", "apex-energy", "oracle"];
    let ids: Vec<String> = names.iter().map(|n| resolve(&graph, n).unwrap()).collect();
    assert_eq!(ids, names);
}

#[test]
fn resolves_by_name() {
    let graph = graph();
    let names = ["Thrive Capital", "Microsoft", "Crusoe"];
    let ids: Vec<String> = names.iter().map(|n| resolve(&graph, n).unwrap()).collect();
    assert_eq!(ids, ["thrive-capital", "microsoft", "crusoe"]);
}

#[test]
fn resolves_by_alias() {
    let graph = graph();
    let names = [
        "OCI",
        "Oracle Cloud Infrastructure",
        "MSFT",
        "Crusoe Energy",
    ];
    let ids: Vec<String> = names.iter().map(|n| resolve(&graph, n).unwrap()).collect();
    assert_eq!(ids, ["oracle", "oracle", "microsoft", "crusoe"]);
}

#[test]
fn ignores_case_and_punctuation() {
    let graph = graph();
    let names = [
        "Open AI", "openai", "OpenAI", "OPENAI", "open-ai", "Open.AI", " openai ",
    ];
    assert_eq!(resolved(&graph, &names), expected(&names, "openai"));
    let names = ["thrive capital", "THRIVE-CAPITAL", "Thrive_Capital"];
    assert_eq!(resolved(&graph, &names), expected(&names, "thrive-capital"));
    let names = ["oci", "oracle cloud-infrastructure", "msft."];
    let ids: Vec<String> = names.iter().map(|n| resolve(&graph, n).unwrap()).collect();
    assert_eq!(ids, ["oracle", "oracle", "microsoft"]);
}

#[test]
fn unknown_name_suggests_the_closest() {
    let graph = graph();
    let err = resolve(&graph, "Opnai").unwrap_err();
    assert_eq!(
        err,
        ResolveError::Unknown {
            query: "Opnai".to_owned(),
            suggestions: vec!["`openai` (OpenAI)".to_owned()],
        }
    );
    assert_eq!(
        err.to_string(),
        "unknown company `Opnai`; did you mean `openai` (OpenAI)?"
    );
    assert_eq!(
        resolve(&graph, "Thrive Capitol").unwrap_err().to_string(),
        "unknown company `Thrive Capitol`; did you mean `thrive-capital` (Thrive Capital)?"
    );
}

#[test]
fn unknown_name_lists_several_close_companies() {
    let graph = graph();
    assert_eq!(
        resolve(&graph, "Apx").unwrap_err().to_string(),
        "unknown company `Apx`; did you mean one of `apex-capital` (Apex), `apex-energy` (Apex)?"
    );
}

#[test]
fn unknown_name_with_nothing_close_says_so() {
    let graph = graph();
    assert_eq!(
        resolve(&graph, "Zzyzx Holdings").unwrap_err(),
        ResolveError::Unknown {
            query: "Zzyzx Holdings".to_owned(),
            suggestions: vec![],
        }
    );
    assert_eq!(
        resolve(&graph, "Zzyzx Holdings").unwrap_err().to_string(),
        "unknown company `Zzyzx Holdings`"
    );
    // Punctuation alone names no company.
    assert_eq!(
        resolve(&graph, "--").unwrap_err().to_string(),
        "unknown company `--`"
    );
}

#[test]
fn shared_name_is_ambiguous_and_lists_every_candidate() {
    let graph = graph();
    let err = resolve(&graph, "apex").unwrap_err();
    assert_eq!(
        err,
        ResolveError::Ambiguous {
            query: "apex".to_owned(),
            candidates: vec![
                "`apex-capital` (Apex)".to_owned(),
                "`apex-energy` (Apex)".to_owned()
            ],
        }
    );
    assert_eq!(
        err.to_string(),
        "ambiguous company `apex`: it names `apex-capital` (Apex), `apex-energy` (Apex); give the id instead"
    );
    // The ids and the aliases still name one each.
    assert_eq!(resolve(&graph, "apex-capital").unwrap(), "apex-capital");
    assert_eq!(resolve(&graph, "Apex Energy Inc.").unwrap(), "apex-energy");
}

#[test]
fn resolves_by_ticker_whole_or_without_its_exchange() {
    let graph = dealgraph::curated::load();
    let names = [
        "NASDAQ:NVDA",
        "nvda",
        "NYSE:ORCL",
        "orcl",
        "msft",
        "Nasdaq: MSFT",
    ];
    let ids: Vec<String> = names.iter().map(|n| resolve(&graph, n).unwrap()).collect();
    assert_eq!(
        ids,
        [
            "nvidia",
            "nvidia",
            "oracle",
            "oracle",
            "microsoft",
            "microsoft"
        ]
    );
}
