//! `dealgraph import csv`: a spreadsheet of deals with messy cells (currencies, "up to",
//! ranges, partial dates in several formats, names that match aliases and tickers, a name two
//! companies bear) imported into a copy of the built-in graph, its diagnostics pinned.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn dealgraph() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dealgraph"));
    cmd.env_remove("DEALGRAPH_GRAPH")
        .env("DEALGRAPH_NO_CACHE", "1");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import-csv")
        .join(name)
}

/// A copy of the built-in graph, with a company that shares the symbol GOOGL with Google.
fn graph_with_shared_ticker(dir: &Path) -> PathBuf {
    let graph = dir.join("graph");
    let init = dealgraph().arg("init").arg(&graph).output().unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    std::fs::copy(
        fixture("extra-company.json"),
        graph.join("extra-company.json"),
    )
    .unwrap();
    graph
}

fn import(graph: &Path, file: &str, mapping: &str, extra: &[&str]) -> Output {
    dealgraph()
        .args(["import", "csv"])
        .arg(fixture(file))
        .arg("--mapping")
        .arg(fixture(mapping))
        .arg("--into")
        .arg(graph)
        .args(extra)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every file of a folder and its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            (
                entry.path().to_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_name_two_companies_bear_is_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let graph = graph_with_shared_ticker(dir.path());
    let before = snapshot(&graph);
    let output = import(&graph, "deals.csv", "mapping.toml", &[]);
    assert_eq!(output.status.code(), Some(1));
    let file = fixture("deals.csv").display().to_string();
    assert_eq!(
        stderr(&output),
        format!(
            "error: the import has 1 problem; nothing was written:\n\
             {file}:8:1: error: column `Investor`: `GOOGL` names several companies: `googl-holdings` (GOOGL Holdings), `google` (Google)\n  \
             hint: write the id of the one meant in the cell, or map the cell to an id with `values`\n"
        )
    );
    assert_eq!(snapshot(&graph), before, "the graph is untouched");
}

#[test]
fn every_bad_cell_is_reported_at_once_with_its_position() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let graph = graph_with_shared_ticker(dir.path());
    let output = import(&graph, "bad-cells.csv", "mapping.toml", &[]);
    assert_eq!(output.status.code(), Some(1));
    let file = fixture("bad-cells.csv").display().to_string();
    let expected = [
        "error: the import has 6 problems; nothing was written:".to_owned(),
        format!("{file}:2:4: error: column `Amount`: cannot read `$3.4 gazillion` as an amount: no number"),
        "  hint: write an amount such as `$3.4B`, `up to $100 billion`, `€2.1M`, `$1-2B` or `1,000,000`".to_owned(),
        format!("{file}:2:5: error: column `Announced`: impossible date `2024-02-30`: February 2024 has 29 days"),
        "  hint: write a day that exists, or only the month (YYYY-MM)".to_owned(),
        format!("{file}:2:6: error: column `Status`: unknown status `done`; use one of: rumored, reported, announced, completed, ended, cancelled"),
        "  hint: write one of the statuses, or map the cell's word with `values`".to_owned(),
        format!("{file}:3:5: error: column `Announced`: cannot read `13/45/2024` as a date in any of the formats YYYY, YYYY-MM, YYYY-MM-DD, %b %Y, %m/%d/%Y, %m/%Y"),
        "  hint: write the date as YYYY-MM-DD (or YYYY-MM, YYYY), or add its format to the mapping's `formats`".to_owned(),
        format!("{file}:4:4: error: column `Amount`: cannot read `$1B-$500M` as an amount: the range's bottom is above its top"),
        "  hint: write an amount such as `$3.4B`, `up to $100 billion`, `€2.1M`, `$1-2B` or `1,000,000`".to_owned(),
        format!("{file}:5:5: error: column `Announced`: cannot read `Q3 2025` as a date in any of the formats YYYY, YYYY-MM, YYYY-MM-DD, %b %Y, %m/%d/%Y, %m/%Y"),
        "  hint: write the date as YYYY-MM-DD (or YYYY-MM, YYYY), or add its format to the mapping's `formats`".to_owned(),
    ];
    assert_eq!(stderr(&output), expected.join("\n") + "\n");
}

#[test]
fn a_dry_run_says_what_would_be_added_matched_and_merged() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let graph = graph_with_shared_ticker(dir.path());
    let before = snapshot(&graph);
    let output = import(&graph, "deals.csv", "mapping-resolved.toml", &["--dry-run"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let file = fixture("deals.csv").display().to_string();
    assert_eq!(
        stdout(&output),
        format!(
            "read {file}: 6 rows\n\
             would add company example-capital-partners (Example Capital Partners)\n\
             matched `Microsoft Azure` to microsoft by alias\n\
             matched `Nvidia Corporation` to nvidia by alias\n\
             matched `Open AI` to openai by name\n\
             matched `SoftBank Group Corp.` to softbank by alias\n\
             would add 6 relations\n\
             nothing written (--dry-run)\n"
        )
    );
    assert_eq!(snapshot(&graph), before, "a dry run writes nothing");
}

#[test]
fn messy_cells_become_the_fields_they_mean() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let graph = graph_with_shared_ticker(dir.path());
    let output = import(&graph, "deals.csv", "mapping-resolved.toml", &["--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["added"]["relations"], 6);
    let exported = dealgraph()
        .args(["export", "jsonl", "--graph"])
        .arg(&graph)
        .output()
        .unwrap();
    assert!(exported.status.success(), "{}", stderr(&exported));
    let relations: Vec<Value> = stdout(&exported)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .filter(|record: &Value| record["record"] == "relation")
        .collect();
    let added: Vec<&str> = report["added"]["relation_keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|key| key.as_str().unwrap())
        .collect();
    let find = |from: &str, to: &str, date: &str| {
        relations
            .iter()
            .filter(|r| added.contains(&r["key"].as_str().unwrap()))
            .find(|r| r["from"] == from && r["to"] == to && r["date"] == date)
            .unwrap_or_else(|| panic!("no imported relation {from} -> {to} of {date}"))
    };
    let nvidia = find("nvidia", "openai", "2025-09");
    assert_eq!(nvidia["type"], "investment");
    assert_eq!(nvidia["amount_max_usd"], 100_000_000_000_u64);
    assert_eq!(nvidia["amount_text"], "up to $100 billion");
    assert_eq!(nvidia["date"], "2025-09");
    assert_eq!(nvidia["status"], "announced");
    let softbank = find("softbank", "openai", "2025-03-31");
    assert_eq!(
        (
            softbank["amount_usd"].as_f64(),
            softbank["amount_max_usd"].as_f64()
        ),
        (Some(22.5e9), Some(30e9))
    );
    assert_eq!(softbank["date"], "2025-03-31");
    assert_eq!(softbank["status"], "completed");
    assert_eq!(softbank["extra"]["Partner"], "Rajeev\r\nMisra");
    let microsoft = find("microsoft", "openai", "2025-10");
    assert_eq!(microsoft["type"], "compute");
    assert_eq!(microsoft["amount_usd"], 250_000_000_000_u64);
    let mgx = find("mgx", "anthropic", "2024");
    assert_eq!(
        (mgx["currency"].as_str(), mgx["amount"].as_f64()),
        (Some("EUR"), Some(2.1e6))
    );
    assert_eq!(mgx["status"], "rumored");
    assert!(
        mgx.get("sources").is_none(),
        "a row without a source cites none"
    );
    let google = find("google", "anthropic", "2023-10");
    assert_eq!(
        (google["amount_usd"].as_f64(), google["estimated"].as_bool()),
        (Some(2e9), Some(true))
    );
    let newcomer = find("example-capital-partners", "anthropic", "2025-07");
    assert_eq!(newcomer["amount_usd"].as_f64(), Some(4e7));
}

#[test]
fn a_mapping_that_names_unknown_fields_or_columns_says_what_it_meant() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let mapping = dir.path().join("typo.toml");
    std::fs::write(
        &mapping,
        "[relations]\nfrom = \"Investor\"\nto = \"Compnay\"\ntyp = { value = \"investment\" }\n",
    )
    .unwrap();
    let run = || {
        dealgraph()
            .args(["import", "csv", "samples/deals.csv", "--mapping"])
            .arg(&mapping)
            .arg("--out")
            .arg(dir.path().join("out"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let output = run();
    assert_eq!(output.status.code(), Some(1));
    let mapping_name = mapping.display().to_string();
    assert_eq!(
        stderr(&output),
        format!(
            "error: the import has 2 problems; nothing was written:\n\
             {mapping_name}: error: [relations] maps `typ`, which is not a field (did you mean `type`?)\n  \
             hint: the fields of [relations] are: key, type, from, to, date, end, status, amount_usd, amount_max_usd, amount_text, currency, amount, estimated, deal, round, lead, valuation_usd, stake_percent, site, capacity_mw, term_years, chips, gpus, scope, binding, retroactive, notes, extra, money, and `extra.KEY` for a value kept under `extra`\n\
             samples/deals.csv:1: error: no column `Compnay` (did you mean `Company`?), which {mapping_name} names\n  \
             hint: the columns are: Investor, Company, Deal type, Amount, Announced, Source\n"
        )
    );
    assert!(!dir.path().join("out").exists());
    std::fs::write(&mapping, "[relations]\nfrom = \"Investor\"\nto = \n").unwrap();
    let output = run();
    assert_eq!(
        stderr(&output),
        format!(
            "error: the mapping is not valid TOML:\n\
             {mapping_name}:3:6: error: string values must be quoted, expected literal string\n  \
             hint: graph/README.md, \"Importing a table\", shows mappings\n"
        )
    );
}

#[test]
fn with_invalid_extra_unreadable_cells_are_kept_as_written_and_listed() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let graph = graph_with_shared_ticker(dir.path());
    let output = import(&graph, "bad-cells.csv", "mapping-keep.toml", &["--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let kept: Vec<String> = report["kept_in_extra"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            format!(
                "{}:{} {}",
                k["line"],
                k["column"],
                k["header"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        kept,
        [
            "2:4 Amount",
            "2:5 Announced",
            "2:6 Status",
            "3:5 Announced",
            "4:4 Amount",
            "5:5 Announced"
        ]
    );
    let keys: Vec<&str> = report["added"]["relation_keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(keys.len(), 4, "every row makes its relation");
    let exported = dealgraph()
        .args(["export", "jsonl", "--graph"])
        .arg(&graph)
        .output()
        .unwrap();
    let first: Value = stdout(&exported)
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .find(|record| record["key"] == keys[0])
        .unwrap();
    assert_eq!(
        first["extra"],
        serde_json::json!({"Amount": "$3.4 gazillion", "Announced": "2024-02-30", "Status": "done"})
    );
    assert!(first.get("date").is_none() && first.get("amount_usd").is_none());
}

#[test]
fn a_table_without_a_header_names_its_columns_by_number() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let out = dir.path().join("portfolio");
    let output = dealgraph()
        .args([
            "import",
            "csv",
            "samples/crunchbase/investments.csv",
            "--mapping",
        ])
        .arg(fixture("portfolio.toml"))
        .arg("--out")
        .arg(&out)
        .arg("--json")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["rows"][0]["rows"], 15, "the first row is data");
    let exported = dealgraph()
        .args(["export", "jsonl", "--graph"])
        .arg(&out)
        .output()
        .unwrap();
    let records: Vec<Value> = stdout(&exported)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let first = records
        .iter()
        .find(|r| r["record"] == "relation" && r["to"] == "facebook" && r["date"] == "2005")
        .expect("the first row's relation");
    assert_eq!(first["from"], "accel-partners");
    assert_eq!(first["round"], "Series A");
    assert_eq!(first["amount_usd"], 12_700_000);
    let kept = report["kept_in_extra"].as_array().unwrap();
    assert!(
        kept.iter()
            .any(|k| k["line"] == 4 && k["header"] == "column 2"),
        "the year 2009.0 is kept: {kept:?}"
    );
    let odd = records
        .iter()
        .find(|r| r["record"] == "relation" && r["extra"]["column 2"] == "2009.0")
        .expect("the row of 2009.0");
    assert!(odd.get("date").is_none());
}

#[test]
fn companies_named_by_a_permalink_are_matched_by_it_and_made_from_the_row() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let out = dir.path().join("acquisitions");
    let output = dealgraph()
        .args(["import", "csv"])
        .arg(fixture("acquisitions.csv"))
        .arg("--mapping")
        .arg(fixture("acquisitions.toml"))
        .arg("--out")
        .arg(&out)
        .arg("--json")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["added"]["companies"],
        serde_json::json!([
            "google",
            "admob",
            "fox-interactive-media",
            "photobucket",
            "youtube",
            "readsoft",
            "ebydos"
        ]),
        "Google, named twice by its permalink, is made once"
    );
    let graph = dealgraph::load::load_path(&out).unwrap();
    let google = graph.company(graph.node("google").unwrap());
    assert_eq!(google.crunchbase.as_deref(), Some("/company/google"));
    assert_eq!(google.sectors, ["search"]);
    assert_eq!(
        google.country.as_deref(),
        Some("US"),
        "USA read as its two-letter code"
    );
    let youtube = graph.node("youtube").unwrap();
    let bought: Vec<&str> = graph
        .relations()
        .filter(|r| r.from.as_str() == "google")
        .map(|r| r.to.as_str())
        .collect();
    assert_eq!(bought, ["admob", "youtube"]);
    assert_eq!(graph.company(youtube).name, "YouTube");
    let admob = graph
        .relations()
        .find(|r| r.to.as_str() == "admob")
        .expect("the AdMob acquisition");
    assert_eq!(
        admob.deal.as_deref(),
        Some("company-google-buys-company-admob"),
        "a template joins the row's cells, made a slug as deal ids are"
    );
    assert_eq!(
        admob.sources[0].url.as_deref(),
        Some("https://www.crunchbase.com/company/admob")
    );
}

#[test]
fn a_template_with_an_unmatched_brace_or_an_unknown_column_is_refused() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let mapping = dir.path().join("template.toml");
    let run = |text: &str| {
        std::fs::write(&mapping, text).unwrap();
        let output = dealgraph()
            .args(["import", "csv", "samples/deals.csv", "--mapping"])
            .arg(&mapping)
            .args(["--dry-run"])
            .arg("--out")
            .arg(dir.path().join("out"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        stderr(&output)
    };
    let head =
        "[relations]\nfrom = \"Investor\"\nto = \"Company\"\ntype = { value = \"investment\" }\n";
    let unmatched = run(&format!("{head}deal = {{ template = \"{{Investor\" }}\n"));
    assert!(
        unmatched.contains("the template of `deal` has an unmatched brace: `{Investor`"),
        "{unmatched}"
    );
    let unknown = run(&format!(
        "{head}deal = {{ template = \"{{Investr}}-{{Company}}\" }}\n"
    ));
    assert!(
        unknown.contains("no column `Investr` (did you mean `Investor`?)"),
        "{unknown}"
    );
}
