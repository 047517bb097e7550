//! Importing Crunchbase's 2013 exports: a committed excerpt, and the full exports in
//! `../shared/data` where that folder exists.

use std::path::Path;

use assert_cmd::Command;
use dealgraph::query::{self, PathOptions, Traversal};

const EXCERPT: &str = "samples/crunchbase";
const FULL_DATA: &str = "../shared/data";

fn dealgraph() -> Command {
    let mut cmd = Command::cargo_bin("dealgraph").expect("the binary is built");
    cmd.env(
        "DEALGRAPH_CACHE_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
    );
    cmd
}

fn import(from: &str, out: &Path) -> String {
    let output = dealgraph()
        .args(["import", "crunchbase", "--from", from, "--out"])
        .arg(out)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn excerpt_imports_into_a_graph_that_loads_and_keeps_every_value() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("graph");
    let said = import(EXCERPT, &out);
    assert_eq!(
        said,
        format!(
            "imported 19 companies (6 listed, 13 named only in deals), 4 acquisitions and 15 investments (2 values kept under `extra`, 1 blank rows skipped) into {} (",
            out.display()
        ) + said.rsplit_once('(').expect("byte count").1
    );
    let graph = dealgraph::load::load_path(&out).expect("the import loads");
    let youtube = graph.resolve("YouTube").expect("YouTube is listed");
    let bought = graph
        .relations()
        .find(|r| r.from.as_str() == "google" && r.to.as_str() == "youtube")
        .expect("Google acquired YouTube");
    assert_eq!(bought.amount_usd, Some(1_650_000_000.0));
    assert_eq!(
        bought.date.map(|d| d.to_string()).as_deref(),
        Some("2006-10-01")
    );
    let photobucket = graph.company(graph.resolve("photobucket").expect("listed"));
    let kept = photobucket.extra.as_ref().expect("extra")["self_acquisitions"].clone();
    assert_eq!(
        kept[0]["acquired_at"], "2009-12-16",
        "the self-acquisition is kept, not dropped"
    );
    let euro = graph
        .relations()
        .find(|r| r.to.as_str() == "ebydos")
        .expect("the EUR acquisition");
    assert_eq!(
        euro.amount_usd, None,
        "a price in euros is not a dollar amount"
    );
    assert_eq!(
        (euro.currency.as_deref(), euro.amount),
        (Some("EUR"), Some(8_000_000.0)),
        "a price in euros is kept as euros"
    );
    let odd_year = graph
        .relations()
        .find(|r| r.to.as_str() == "apieron")
        .expect("the year-1000 row");
    assert_eq!(odd_year.date, None);
    assert_eq!(odd_year.extra.as_ref().expect("extra")["year"], "1000");
    let float_year = graph
        .relations()
        .find(|r| r.to.as_str() == "admob" && r.from.as_str() == "draper-fisher-jurvetson-dfj")
        .expect("the 2009.0 row");
    assert_eq!(
        float_year.date.map(|d| d.to_string()).as_deref(),
        Some("2009")
    );
    let options = PathOptions {
        traversal: Traversal::Forward,
        ..PathOptions::default()
    };
    let sequoia = graph.resolve("Sequoia Capital").expect("an investor");
    let found = query::paths(&graph, sequoia, youtube, &options);
    assert_eq!(found.paths[0].nodes(), vec![sequoia, youtube]);
    assert!(graph.relations().all(|r| {
        r.sources[0]
            .url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://www.crunchbase.com"))
    }));
}

#[test]
fn import_refuses_to_overwrite_a_folder_without_force() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(dir.path().join("keep.txt"), "mine").expect("writable");
    dealgraph()
        .args(["import", "crunchbase", "--from", EXCERPT, "--out"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(format!(
            "error: {} is not empty; pass --force to replace it\n",
            dir.path().display()
        ));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.txt")).expect("kept"),
        "mine"
    );
}

#[test]
fn import_from_a_folder_without_exports_says_what_it_looked_for() {
    let dir = tempfile::tempdir().expect("a temp dir");
    dealgraph()
        .args(["import", "crunchbase", "--from"])
        .arg(dir.path())
        .args(["--out", "unused"])
        .assert()
        .code(1)
        .stderr(format!(
            "error: {}: no Crunchbase export files below this folder (looked for crunchbase-companies.csv, crunchbase-acquisitions.csv, investments.csv and investors.csv)\n",
            dir.path().display()
        ));
}

#[test]
fn full_2013_exports_import_and_answer_questions() {
    if !Path::new(FULL_DATA).exists() {
        eprintln!(
            "skipped: {FULL_DATA} is absent; the full Crunchbase exports are not on this machine"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("graph");
    let said = import(FULL_DATA, &out);
    assert!(
        said.starts_with("imported 23459 companies (17727 listed, 5732 named only in deals), 4635 acquisitions and 13109 investments"),
        "{said}"
    );
    let graph = dealgraph::load::load_path(&out).expect("the import loads");
    assert_eq!(graph.relation_count(), 4635 + 13109);
    let sequoia = graph.resolve("Sequoia Capital").expect("an investor");
    let youtube = graph.resolve("YouTube").expect("a company");
    let options = PathOptions {
        all: true,
        max_hops: Some(2),
        ..PathOptions::default()
    };
    let found = query::paths(&graph, sequoia, youtube, &options);
    let google = graph.resolve("Google").expect("a company");
    assert!(
        found
            .paths
            .iter()
            .any(|p| p.nodes() == vec![sequoia, google, youtube]),
        "Sequoia funds Google, which bought YouTube"
    );
    let rivals = query::conflicts(
        &graph,
        &query::ConflictOptions {
            sector_rivals: true,
            investor: Some(sequoia),
            ..Default::default()
        },
    );
    assert!(
        !rivals.is_empty(),
        "Sequoia funds companies of one category"
    );
    assert!(rivals.iter().all(|c| {
        let sectors = |n: petgraph::graph::NodeIndex| &graph.company(n).sectors;
        c.sector
            .as_ref()
            .is_some_and(|s| sectors(c.company).contains(s) && sectors(c.rival).contains(s))
    }));
}
