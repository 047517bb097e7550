//! `dealgraph html`: the map is one self-contained page, the same bytes for the same input,
//! refused past its size, and, in headless Chromium, it searches, opens panels, finds paths
//! and filters by date as the command line answers.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{dealgraph, succeeded};
use serde_json::Value;

/// Writes the map `args` ask for into `dir`, returning its path.
fn map(dir: &Path, args: &[&str]) -> PathBuf {
    let page = dir.join("map.html");
    succeeded(
        dealgraph()
            .arg("html")
            .args(args)
            .arg("-o")
            .arg(&page)
            .output()
            .expect("the binary runs"),
    );
    page
}

fn cli_json(args: &[&str]) -> Value {
    let output = succeeded(dealgraph().args(args).output().expect("the binary runs"));
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

/// The JSON the page holds.
fn data_of(page: &str) -> Value {
    let start = page
        .find(r#"<script type="application/json" id="data">"#)
        .expect("the data element")
        + r#"<script type="application/json" id="data">"#.len();
    let end = start + page[start..].find("</script>").expect("its end");
    serde_json::from_str(&page[start..end]).expect("valid JSON")
}

#[test]
fn the_page_is_self_contained_and_the_same_bytes_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let first = std::fs::read(map(dir.path(), &[])).unwrap();
    let again = std::fs::read(map(dir.path(), &[])).unwrap();
    assert!(first == again, "two runs wrote different pages");
    let page = String::from_utf8(first).unwrap();
    for fetch in ["src=\"http", "href=\"http", "<link ", "src=\"//", "import("] {
        assert!(!page.contains(fetch), "the page fetches something: {fetch}");
    }
    assert!(page.contains("Copyright (c) 2016-2026, The Cytoscape Consortium"));
    assert!(page.contains("Copyright (c) 2014 Gliffy Inc."));
    let data = data_of(&page);
    let graph = dealgraph::curated::load();
    assert_eq!(
        data["companies"].as_array().unwrap().len(),
        graph.company_count()
    );
    assert_eq!(
        data["relations"].as_array().unwrap().len(),
        graph.relation_count()
    );
    let openai = data["companies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "openai")
        .unwrap();
    assert!(openai["x"].is_number() && openai["y"].is_number());
}

#[test]
fn a_selection_maps_what_dot_would_draw_and_highlights_its_answer() {
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(map(dir.path(), &["--path", "crusoe", "openai"])).unwrap();
    let data = data_of(&page);
    let ids: BTreeSet<&str> = data["companies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, BTreeSet::from(["crusoe", "openai", "oracle"]));
    let lit: BTreeSet<&str> = data["highlight"]["companies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(lit.contains("crusoe") && lit.contains("openai"), "{lit:?}");
    assert!(page.contains("<title>"));
}

#[test]
fn a_selection_past_the_documented_size_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let graph = common::generated_graph(dir.path(), "30000", "5");
    let output = dealgraph()
        .arg("--graph")
        .arg(&graph)
        .args(["html", "-o"])
        .arg(dir.path().join("map.html"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("more than the 5000 companies and 20000 relations")
            && stderr.contains("narrow the selection (--focus COMPANY"),
        "{stderr}"
    );
    assert!(!dir.path().join("map.html").exists(), "nothing written");
}

/// The folder of the browser tests' packages, and Chromium, when both are there; `None`, after
/// saying how to get them, when not (under CI, a failure).
fn browser() -> Option<(PathBuf, PathBuf)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = PathBuf::from(std::env::var("CHROMIUM").unwrap_or("/usr/bin/chromium".into()));
    let node = Command::new("node").arg("--version").output();
    let missing = if !chromium.exists() {
        Some(format!("no Chromium at {}", chromium.display()))
    } else if node.is_err() {
        Some("no node on the PATH".to_owned())
    } else if !folder.join("node_modules/playwright-core").exists() {
        Some("playwright-core is not installed in tests/browser".to_owned())
    } else {
        None
    };
    match missing {
        None => Some((folder, chromium)),
        Some(problem) if std::env::var_os("CI").is_some() => {
            panic!("{problem}; CI must run the browser tests (.ci/run installs what they need)")
        }
        Some(problem) => {
            eprintln!(
                "skipping the browser tests: {problem}\nto run them: apt-get install chromium \
                 nodejs npm && (cd tests/browser && npm ci) && cargo test --test html"
            );
            None
        }
    }
}

/// The keys of every relation in `show`'s groups, and the URLs of their sources.
fn relations_and_urls(show: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut keys = BTreeSet::new();
    let mut urls = BTreeSet::new();
    for group in show["groups"].as_array().unwrap() {
        for relation in group["relations"].as_array().unwrap() {
            keys.insert(relation["key"].as_str().unwrap().to_owned());
            for source in relation["sources"].as_array().unwrap() {
                if let Some(url) = source["url"].as_str() {
                    urls.insert(url.to_owned());
                }
            }
        }
    }
    (keys, urls)
}

fn strings(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn in_chromium_the_map_answers_as_the_command_line_does() {
    let Some((folder, chromium)) = browser() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = map(dir.path(), &[]);
    // Kept for a person to look at, beside the tests' other output.
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("map-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let output = Command::new("node")
        .arg(folder.join("map.mjs"))
        .arg(&page)
        .arg(&shots)
        .env("CHROMIUM", &chromium)
        .env("TMPDIR", dir.path())
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "the browser run failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let seen: Value = serde_json::from_slice(&output.stdout).expect("the report is JSON");
    eprintln!("screenshots of the map: {}", shots.display());

    assert_eq!(
        seen["console_errors"],
        serde_json::json!([]),
        "no console error"
    );
    let graph = dealgraph::curated::load();
    assert_eq!(seen["loaded"]["companies"], graph.company_count());
    assert_eq!(seen["loaded"]["relations"], graph.relation_count());

    // Typing "Open AI" and Enter selects OpenAI; its panel lists what `show` lists.
    assert_eq!(seen["hits"][0], "openai");
    assert_eq!(seen["panel"]["company"], "openai");
    assert_eq!(seen["panel"]["selected"], serde_json::json!(["openai"]));
    let (keys, urls) = relations_and_urls(&cli_json(&["show", "openai", "--json"]));
    assert_eq!(strings(&seen["panel"]["relations"]), keys);
    assert_eq!(strings(&seen["panel"]["urls"]), urls);
    let first = seen["panel"]["relations"][0].as_str().unwrap();
    assert_eq!(seen["relation_panel"]["key"], first);

    // The path finder gives the chains `dealgraph path` gives, highlighted.
    let path = cli_json(&["path", "crusoe", "openai", "--json"]);
    let chains: BTreeSet<Vec<String>> = path["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| serde_json::from_value(p["nodes"].clone()).unwrap())
        .collect();
    let listed: BTreeSet<Vec<String>> =
        serde_json::from_value(seen["paths"]["listed"].clone()).unwrap();
    assert_eq!(listed, chains);
    let hop_keys: BTreeSet<String> = path["paths"][0]["hops"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|hop| hop["relations"].as_array().unwrap().iter())
        .map(|r| r["key"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(strings(&seen["paths"]["lit_relations"]), hop_keys);

    // The most serious conflict and the first loop of money are those the commands give.
    let conflicts = cli_json(&["conflicts", "--limit", "1", "--json"]);
    let first = &conflicts["conflicts"][0];
    let lit = strings(&seen["highlights"]["conflict"]["lit_companies"]);
    for role in ["investor", "company", "rival"] {
        assert!(
            lit.contains(first[role].as_str().unwrap()),
            "{role} of {first}"
        );
    }
    let cited: BTreeSet<String> = first["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        strings(&seen["highlights"]["conflict"]["lit_relations"]),
        cited
    );
    let cycles = cli_json(&["cycles", "--limit", "1", "--json"]);
    let loop_companies = strings(&cycles["cycles"][0]["nodes"]);
    assert_eq!(
        strings(&seen["highlights"]["cycle"]["lit_companies"]),
        loop_companies
    );

    // The slider at 2024-01 shows what `--as-of 2024-01` keeps, and hides the later deals.
    let filter = dealgraph::query::RelationFilter {
        as_of: Some("2024-01".parse().unwrap()),
        ..Default::default()
    };
    let in_force: BTreeSet<String> = graph
        .relation_ids()
        .filter(|&id| filter.allows(graph.relation(id)))
        .map(|id| graph.relation_key(id).to_string())
        .collect();
    let shown = strings(&seen["as_of"]["shown"]);
    assert_eq!(shown, in_force);
    assert!(
        !shown.contains("crusoe:lease:oracle:2024-10"),
        "a later deal"
    );
    assert!(
        seen["as_of"]["fragment"]
            .as_str()
            .unwrap()
            .contains("as-of=2024-01")
    );

    // The exports.
    assert_eq!(seen["exports"]["svg_error"], false);
    assert_eq!(seen["exports"]["svg_root"], "svg");
    assert!(strings(&seen["exports"]["svg_texts"]).contains("OpenAI"));
    assert!(seen["exports"]["svg_paths"].as_u64().unwrap() > 100);
    assert_eq!(seen["exports"]["png_prefix"], "data:image/png;base64,");

    // The link reopens the view.
    assert_eq!(seen["reopened"]["as_of"], "2024-01");
    assert_eq!(seen["reopened"]["company"], "oracle");
    assert_eq!(seen["reopened"]["shown"], in_force.len());
    for shot in [
        "1-loaded.png",
        "2-search-openai.png",
        "3-path-crusoe-openai.png",
        "4-as-of-2024-01.png",
        "5-reopened-link.png",
    ] {
        let bytes = std::fs::read(shots.join(shot)).expect("the screenshot is written");
        assert!(bytes.starts_with(b"\x89PNG"), "{shot}");
    }
}

#[test]
fn the_embedded_libraries_are_the_ones_their_checksums_name() {
    let vendor = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/export/html/vendor");
    let output = Command::new("sha256sum")
        .args(["--check", "--strict", "SHA256SUMS"])
        .current_dir(&vendor)
        .output()
        .expect("sha256sum runs");
    assert!(
        output.status.success(),
        "a vendored file differs from SHA256SUMS (refresh.sh fetches them again):\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let listed = std::fs::read_to_string(vendor.join("SHA256SUMS")).unwrap();
    for file in [
        "cytoscape.min.js",
        "canvas2svg.js",
        "LICENSE-cytoscape",
        "LICENSE-canvas2svg",
    ] {
        assert!(listed.contains(file), "{file} has no checksum");
    }
}

#[test]
fn the_readme_map_examples_write_their_maps() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let examples: Vec<&str> = readme
        .lines()
        .filter(|line| line.starts_with("dealgraph html "))
        .collect();
    assert!(examples.len() >= 3, "{examples:?}");
    let dir = tempfile::tempdir().unwrap();
    for example in examples {
        let command = example.split('#').next().unwrap();
        let words = shlex::split(command).expect("a shell line");
        succeeded(
            dealgraph()
                .args(&words[1..])
                .current_dir(dir.path())
                .output()
                .unwrap(),
        );
        let written = &words[words.len() - 1];
        let page = std::fs::read_to_string(dir.path().join(written)).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"), "{example}");
    }
}
