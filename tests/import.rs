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
        said.starts_with("imported 23458 companies (17727 listed, 5731 named only in deals), 4635 acquisitions and 13109 investments"),
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

/// The three files of an imported graph folder.
const IMPORTED_FILES: [&str; 3] = ["companies.json", "acquisitions.json", "investments.json"];

#[test]
fn the_shipped_mapping_writes_the_excerpt_byte_for_byte_as_pinned() {
    // tests/fixtures/crunchbase-sample holds what the import wrote for the excerpt before it
    // became a mapping; the mapping must write the same bytes.
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("graph");
    import(EXCERPT, &out);
    for file in IMPORTED_FILES {
        let written = std::fs::read_to_string(out.join(file)).expect("written");
        let pinned =
            std::fs::read_to_string(Path::new("tests/fixtures/crunchbase-sample").join(file))
                .expect("pinned");
        assert_eq!(written, pinned, "{file} differs from the pinned import");
    }
}

#[test]
fn the_full_exports_import_byte_for_byte_as_pinned() {
    if !Path::new(FULL_DATA).exists() {
        eprintln!(
            "skipped: {FULL_DATA} is absent; the full Crunchbase exports are not on this machine"
        );
        return;
    }
    // The size and XXH3-128 of each file as the dedicated importer wrote them from the full
    // exports, before the import became a mapping.
    let pinned = [
        (
            "companies.json",
            6_305_377,
            294_924_916_571_481_853_200_887_044_094_503_585_564_u128,
        ),
        (
            "acquisitions.json",
            1_845_853,
            225_345_934_588_318_620_617_054_258_654_225_028_972,
        ),
        (
            "investments.json",
            6_636_639,
            196_232_288_110_837_401_069_267_304_292_045_641_947,
        ),
    ];
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("graph");
    import(FULL_DATA, &out);
    for (file, size, hash) in pinned {
        let bytes = std::fs::read(out.join(file)).expect("written");
        let found = (bytes.len(), xxhash_rust::xxh3::xxh3_128(&bytes));
        assert_eq!(
            found,
            (size, hash),
            "{file} differs from the pinned import: compare `dealgraph import crunchbase --from {FULL_DATA}` with the import of the commit before the mapping"
        );
    }
}

#[test]
fn import_csv_with_the_printed_mapping_makes_what_import_crunchbase_makes() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mapping = dir.path().join("crunchbase-2013.toml");
    let printed = dealgraph()
        .args(["import", "crunchbase", "--print-mapping", "2013"])
        .output()
        .expect("the binary runs");
    assert!(printed.status.success());
    std::fs::write(&mapping, &printed.stdout).expect("mapping written");
    let by_csv = dir.path().join("by-csv");
    let status = dealgraph()
        .args(["import", "csv"])
        .args([
            "samples/crunchbase/utf8/crunchbase-companies.csv",
            "samples/crunchbase/investors.csv",
            "samples/crunchbase/utf8/crunchbase-acquisitions.csv",
            "samples/crunchbase/investments.csv",
            "--mapping",
        ])
        .arg(&mapping)
        .arg("--out")
        .arg(&by_csv)
        .output()
        .expect("the binary runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let by_crunchbase = dir.path().join("by-crunchbase");
    import(EXCERPT, &by_crunchbase);
    let read = |dir: &Path, files: &[&str]| {
        let mut graph = dealgraph::GraphFile::default();
        for file in files {
            let text = std::fs::read_to_string(dir.join(file)).expect("written");
            let part: dealgraph::GraphFile = serde_json::from_str(&text).expect("a graph file");
            graph.companies.extend(part.companies);
            graph.relations.extend(part.relations);
        }
        graph.companies.sort_by(|a, b| a.id.cmp(&b.id));
        graph
    };
    let csv = read(&by_csv, &["companies.json", "relations.json"]);
    let crunchbase = read(&by_crunchbase, &IMPORTED_FILES);
    assert_eq!(csv.companies, crunchbase.companies);
    assert_eq!(csv.relations, crunchbase.relations);
    assert_eq!(crunchbase.relations.len(), 19);
}
