//! What a hostile user tried, one test each: writing never harms the target, imports read
//! what they are given, the cache neither crashes nor lies, every question is bounded, and
//! output cannot be forged.

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use dealgraph::cache::{Outcome, load_path};
use dealgraph::query::conflicts::Conflicts;
use dealgraph::query::{self, ConflictOptions, PathOptions};

const SMALL: &str = "tests/fixtures/dot/small.json";

/// The binary, with a cache folder of its own and no graph from the environment.
fn dealgraph(cache: &Path) -> Command {
    let mut cmd = Command::cargo_bin("dealgraph").expect("the binary is built");
    cmd.env_remove("DEALGRAPH_GRAPH")
        .env_remove("DEALGRAPH_NO_CACHE")
        .env("DEALGRAPH_CACHE_DIR", cache);
    cmd
}

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("dealgraph")
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write_graph(path: &Path, companies: &[(&str, &str)], relations: &[serde_json::Value]) {
    let companies: Vec<_> = companies
        .iter()
        .map(|(id, name)| serde_json::json!({"id": id, "name": name}))
        .collect();
    let graph = serde_json::json!({"companies": companies, "relations": relations});
    fs::write(path, serde_json::to_vec(&graph).unwrap()).unwrap();
}

fn mkfifo(path: &Path) {
    let made = Process::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
}

// 1. dot -o /dev/null replaced the device; a symlink was replaced, a FIFO replaced, a mode
//    reset; a --render child outlived dealgraph.

#[test]
fn dot_o_writes_into_a_fifo_as_a_stream_and_leaves_it_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let (sender, received) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            let read = fs::File::open(&fifo).and_then(|mut f| f.read_to_string(&mut text));
            let _ = sender.send(read.map(|_| text));
        });
    }
    dealgraph(&dir.path().join("cache"))
        .args(["dot", "--graph", SMALL, "-o"])
        .arg(&fifo)
        .timeout(Duration::from_secs(30))
        .assert()
        .success();
    let text = received
        .recv_timeout(Duration::from_secs(30))
        .expect("the diagram reached the FIFO's reader")
        .unwrap();
    assert!(text.starts_with("digraph"), "{text}");
    let kind = fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind),
        "still a FIFO"
    );
}

#[test]
fn dot_o_writes_through_a_symlink_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.dot");
    fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.dot");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    dealgraph(&dir.path().join("cache"))
        .args(["dot", "--graph", SMALL, "-o"])
        .arg(&link)
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&target).unwrap().starts_with("digraph"));
}

#[test]
fn dot_o_keeps_the_mode_of_the_file_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let file = dir.path().join("private.dot");
    fs::write(&file, "old").unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
    let owner = fs::metadata(&file).unwrap().uid();
    dealgraph(cache.path())
        .args(["dot", "--graph", SMALL, "-o"])
        .arg(&file)
        .assert()
        .success();
    let meta = fs::metadata(&file).unwrap();
    assert_eq!(meta.mode() & 0o777, 0o600);
    assert_eq!(meta.uid(), owner);
    assert!(fs::read_to_string(&file).unwrap().starts_with("digraph"));
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left beside it");
}

#[test]
fn a_render_child_dies_with_a_killed_dealgraph() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("dot.pid");
    let fake = dir.path().join("dot");
    fs::write(
        &fake,
        format!(
            "#!/bin/sh\necho $$ > {}\nexec sleep 60\n",
            pid_file.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:/usr/bin:/bin", dir.path().display());
    let mut child = Process::new(bin())
        .args(["dot", "--graph", SMALL, "--render", "svg", "-o"])
        .arg(dir.path().join("out.svg"))
        .env("PATH", path)
        .env("DEALGRAPH_CACHE_DIR", dir.path().join("cache"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let pid = loop {
        if let Ok(text) = fs::read_to_string(&pid_file)
            && let Ok(pid) = text.trim().parse::<u32>()
        {
            break pid;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "dot never started"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    let alive = |pid: u32| {
        fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
            !stat
                .rsplit(')')
                .next()
                .unwrap_or("")
                .trim()
                .starts_with('Z')
        })
    };
    let waited = Instant::now();
    while alive(pid) && waited.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!alive(pid), "the dot child {pid} outlived dealgraph");
    assert!(!dir.path().join("out.svg").exists());
}

// 2. import crunchbase took a 2015 header row as data, skipped acquisitions.csv without a word,
//    and was quadratic on repeated names.

const INVESTMENTS_2015_HEADER: &str = "company_permalink,company_name,company_category_list,company_country_code,company_state_code,company_region,company_city,investor_permalink,investor_name,investor_country_code,investor_state_code,investor_region,investor_city,funding_round_permalink,funding_round_type,funding_round_code,funded_at,raised_amount_usd";

#[test]
fn import_reads_a_2015_investments_file_by_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("export");
    fs::create_dir(&from).unwrap();
    fs::write(
        from.join("investments.csv"),
        format!(
            "{INVESTMENTS_2015_HEADER}\n/organization/acme,Acme,Software|Analytics,USA,CA,SF Bay Area,San Francisco,/organization/fund,Fund,USA,CA,SF Bay Area,Menlo Park,/funding-round/r1,venture,a,2014-03-02,5000000\n"
        ),
    )
    .unwrap();
    fs::write(
        from.join("acquisitions.csv"),
        "company_permalink,company_name,company_category_list,company_country_code,company_state_code,company_region,company_city,acquirer_permalink,acquirer_name,acquirer_category_list,acquirer_country_code,acquirer_state_code,acquirer_region,acquirer_city,acquired_at,acquired_month,price_amount,price_currency_code\n/organization/acme,Acme,Software,USA,CA,SF Bay Area,San Francisco,/organization/big,Big,Software,USA,WA,Seattle,Seattle,2015-01-05,2015-01,20000000,USD\n",
    )
    .unwrap();
    let out = dir.path().join("graph");
    let output = dealgraph(&dir.path().join("cache"))
        .args(["import", "crunchbase", "--from"])
        .arg(&from)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let said = stderr_of(&output);
    assert!(
        said.contains("investments.csv: 1 rows, as 2015 investments (by header)"),
        "{said}"
    );
    assert!(
        said.contains("acquisitions.csv: 1 rows, as acquisitions (by header)"),
        "{said}"
    );
    let graph = dealgraph::load::load_path(&out).unwrap();
    let ends: Vec<(String, String, String)> = graph
        .relations()
        .map(|r| (r.kind.to_string(), r.from.to_string(), r.to.to_string()))
        .collect();
    assert_eq!(
        ends,
        [
            ("acquisition".into(), "big".into(), "acme".into()),
            ("investment".into(), "fund".into(), "acme".into()),
        ]
    );
    let acme = graph.company(graph.resolve("acme").unwrap());
    // Named first by the acquisitions, which give its category as `Software`.
    assert_eq!(acme.sectors, ["software"]);
    let fund = graph.company(graph.resolve("fund").unwrap());
    assert_eq!(fund.sectors, ["investor"]);
}

#[test]
fn import_refuses_an_investments_header_it_does_not_know() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("export");
    fs::create_dir(&from).unwrap();
    fs::write(
        from.join("investments.csv"),
        "company_name,investor_name,amount\nAcme,Fund,1\n",
    )
    .unwrap();
    let output = dealgraph(&dir.path().join("cache"))
        .args(["import", "crunchbase", "--from"])
        .arg(&from)
        .arg("--out")
        .arg(dir.path().join("graph"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let file = from.join("investments.csv");
    assert_eq!(
        stderr_of(&output),
        format!(
            "error: {}: the header has no column `company_permalink`: it is neither the 2013 VC-portfolio pull (no header; 6 columns: company name, year, raised amount, currency, round code, investor name) nor the 2015 export\n  expected: a header with the columns company_permalink, company_name, company_category_list, company_country_code, investor_permalink, investor_name, investor_country_code, funding_round_permalink, funding_round_type, funding_round_code, funded_at, raised_amount_usd\n  found: 3 columns: company_name, investor_name, amount\n",
            file.display()
        )
    );
    assert!(!dir.path().join("graph").exists());
}

#[test]
fn import_gives_twenty_thousand_rows_of_one_permalink_numbered_ids() {
    let header = "permalink,name,category_code,funding_total_usd,status,country_code,state_code,region,city,funding_rounds,founded_at,founded_month,founded_quarter,founded_year,first_funding_at,last_funding_at,last_milestone_at\n";
    let mut csv = header.to_owned();
    for _ in 0..20_000 {
        csv.push_str("/company/same,Same,web,,operating,USA,,,,,,,,,,,\n");
    }
    let files = dealgraph::import::crunchbase::CrunchbaseFiles {
        companies: Some(dealgraph::import::crunchbase::NamedReader::new(
            "companies.csv",
            csv.as_bytes(),
        )),
        ..Default::default()
    };
    let (graph, summary) = dealgraph::import::crunchbase::import(files).unwrap();
    assert_eq!(summary.listed_companies, 20_000);
    let mut ids: Vec<&str> = graph.companies.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 20_000, "every row has an id of its own");
    assert!(ids.contains(&"same") && ids.contains(&"same-2") && ids.contains(&"same-20000"));
}

// 3. The snapshot lost a date of year 0000, so a cached answer differed from the first.

#[test]
fn snapshot_keeps_a_date_of_year_0000() {
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("g.json");
    write_graph(
        &graph,
        &[("a", "A"), ("b", "B")],
        &[
            serde_json::json!({"type": "lease", "from": "a", "to": "b", "date": "0000", "end": "0000-12"}),
        ],
    );
    let cache = dir.path().join("cache");
    let ask = || {
        dealgraph(&cache)
            .args(["path", "a", "b", "--as-of", "2024", "--graph"])
            .arg(&graph)
            .output()
            .unwrap()
    };
    let first = ask();
    let second = ask();
    assert_eq!(first.stderr, second.stderr);
    assert!(String::from_utf8_lossy(&first.stderr).starts_with("error: no path"));
    let (cached, outcome) = load_path(&graph, &cache).unwrap();
    assert_eq!(outcome, Outcome::Hit);
    let relation = cached.relations().next().unwrap();
    assert_eq!(
        relation.date.map(|d| d.to_string()).as_deref(),
        Some("0000")
    );
    assert_eq!(
        relation.end.map(|d| d.to_string()).as_deref(),
        Some("0000-12")
    );
}

// 4. A snapshot truncated or rewritten while a query had it mapped killed the query.

#[test]
fn a_snapshot_truncated_and_rewritten_under_a_query_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let graph_path = Path::new("graph");
    load_path(graph_path, &cache).unwrap();
    let (graph, outcome) = load_path(graph_path, &cache).unwrap();
    assert_eq!(outcome, Outcome::Hit);
    let expected = dealgraph::load::load_path(graph_path).unwrap();
    for entry in fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "snapshot") {
            let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
            file.set_len(64).unwrap();
            fs::write(&path, vec![0xA5; 4096]).unwrap();
        }
    }
    // Every relation and company is decoded now, after the file changed under the graph.
    assert!(graph.relations().eq(expected.relations()));
    assert!(graph.companies().eq(expected.companies()));
}

// 5. --graph <(cat a.json) failed from the second run on; g, ./g and /abs/g each rebuilt the
//    snapshot.

#[test]
fn a_pipe_as_the_graph_is_read_every_time_and_never_cached() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let text = fs::read(SMALL).unwrap();
    for _ in 0..2 {
        let mut child = Process::new(bin())
            .args(["stats", "--graph", "/dev/stdin"])
            .env("DEALGRAPH_CACHE_DIR", &cache)
            .env_remove("DEALGRAPH_NO_CACHE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&text).unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", stderr_of(&output));
    }
    let cached: Vec<_> = fs::read_dir(&cache)
        .map(|d| d.count())
        .into_iter()
        .collect();
    assert!(
        cached.iter().all(|&n| n == 0),
        "nothing was cached: {cached:?}"
    );
}

#[test]
fn one_graph_named_three_ways_shares_one_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let absolute = fs::canonicalize("graph").unwrap();
    let outcomes: Vec<Outcome> = [Path::new("graph"), Path::new("./graph"), &absolute]
        .iter()
        .map(|path| load_path(path, &cache).unwrap().1)
        .collect();
    assert_eq!(outcomes, [Outcome::Rebuilt, Outcome::Hit, Outcome::Hit]);
    let snapshots = fs::read_dir(&cache)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "snapshot")
        })
        .count();
    assert_eq!(snapshots, 1);
}

// 6. path --all behind a hub was exponential whatever --limit said; a huge --max-hops hung.

/// `a - hub - b`, and a clique of `size` companies around the hub: every walk into the clique
/// is a dead end, as the hub is already on the path.
fn clique_behind_a_hub(path: &Path, size: usize) {
    let members: Vec<String> = (0..size).map(|i| format!("c-{i:03}")).collect();
    let mut companies: Vec<(&str, &str)> = vec![("a", "A"), ("b", "B"), ("hub", "Hub")];
    companies.extend(members.iter().map(|m| (m.as_str(), m.as_str())));
    let link = |x: &str, y: &str| serde_json::json!({"type": "partnership", "from": x, "to": y});
    let mut relations = vec![link("a", "hub"), link("hub", "b")];
    for (i, x) in members.iter().enumerate() {
        relations.push(link("hub", x));
        for y in &members[i + 1..] {
            relations.push(link(x, y));
        }
    }
    write_graph(path, &companies, &relations);
}

#[test]
fn path_all_behind_a_hub_stops_at_its_budget_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let graph_path = dir.path().join("clique.json");
    clique_behind_a_hub(&graph_path, 40);
    let graph = dealgraph::load::load_path(&graph_path).unwrap();
    let (a, b) = (graph.resolve("a").unwrap(), graph.resolve("b").unwrap());
    let options = PathOptions {
        all: true,
        max_hops: Some(8),
        limit: 1,
        budget: 100_000,
        ..PathOptions::default()
    };
    let found = query::paths(&graph, a, b, &options);
    assert_eq!(found.paths.len(), 1);
    assert!(found.budget_exhausted && !found.truncated);
    assert!(found.work <= 100_000);

    let output = dealgraph(&dir.path().join("cache"))
        .args(["path", "a", "b", "--all", "--max-hops", "8", "--limit", "1"])
        .args(["--budget", "100000", "--graph"])
        .arg(&graph_path)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("1. A -partnership- Hub -partnership- B  (2 hops)\n"),
        "{text}"
    );
    assert!(text.ends_with(
        "the search stopped after examining 100000 hops, its budget; there may be more paths: raise --budget, or lower --max-hops\n"
    ));
}

#[test]
fn max_hops_beyond_the_maximum_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let output = dealgraph(&dir.path().join("cache"))
        .args([
            "path",
            "crusoe",
            "openai",
            "--all",
            "--max-hops",
            "18446744073709551615",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr_of(&output),
        "error: --max-hops 18446744073709551615 is more than 64, the longest path searched; give 1 to 64\n"
    );
    let output = dealgraph(&dir.path().join("cache"))
        .args(["suppliers", "openai", "--depth", "65"])
        .output()
        .unwrap();
    assert_eq!(
        stderr_of(&output),
        "error: --depth 65 is more than 64, the deepest search; give 1 to 64\n"
    );
}

// 7. conflicts --sector-rivals --limit 10 held every pair of an investor's portfolio.

#[test]
fn conflicts_sector_rivals_with_a_limit_keep_the_limit_and_count_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sector.json");
    let members: Vec<String> = (0..300).map(|i| format!("s-{i:03}")).collect();
    let mut companies = vec![serde_json::json!({"id": "fund", "name": "Fund"})];
    companies.extend(
        members
            .iter()
            .map(|m| serde_json::json!({"id": m, "name": m, "sectors": ["ai"]})),
    );
    let relations: Vec<_> = members
        .iter()
        .map(|m| serde_json::json!({"type": "investment", "from": "fund", "to": m}))
        .collect();
    let graph = serde_json::json!({"companies": companies, "relations": relations});
    fs::write(&path, serde_json::to_vec(&graph).unwrap()).unwrap();
    let graph = dealgraph::load::load_path(&path).unwrap();
    let all = ConflictOptions {
        sector_rivals: true,
        ..ConflictOptions::default()
    };
    let limited = ConflictOptions {
        limit: Some(10),
        ..all.clone()
    };
    let whole = Conflicts::find(&graph, &all);
    let cut = Conflicts::find(&graph, &limited);
    assert_eq!(whole.total(), 300 * 299 / 2);
    assert_eq!(cut.total(), whole.total());
    assert_eq!(cut.len(), 10, "only the limit is held");
    let first: Vec<_> = whole.iter().take(10).collect();
    assert_eq!(cut.iter().collect::<Vec<_>>(), first);
}

// 8. Replacing a folder was two renames: a kill between them left it missing, and a kill while
//    staging left the staging folder behind.

#[test]
fn generate_force_killed_at_any_moment_leaves_the_old_graph_or_the_new() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("graph");
    let generate = |relations: &str| {
        Process::new(bin())
            .args([
                "generate",
                "--relations",
                relations,
                "--files",
                "4",
                "--force",
                "--out",
            ])
            .arg(&out)
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    };
    assert!(generate("2000").wait().unwrap().success());
    let old = dealgraph::load::load_path(&out).unwrap().relation_count();
    for delay_ms in [0, 5, 15, 30, 60, 120, 250] {
        let mut child = generate("40000");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        let now = dealgraph::load::load_path(&out)
            .unwrap_or_else(|err| panic!("after a kill at {delay_ms} ms the graph is lost: {err}"))
            .relation_count();
        assert!(
            now == old || now == 40_000,
            "{now} relations after {delay_ms} ms"
        );
    }
    assert!(generate("3000").wait().unwrap().success());
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["graph"], "no staging folder survives a later run");
}

// 9. generate --relations 18446744073709551615 panicked; 1e10 aborted.

#[test]
fn generate_relations_out_of_range_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for given in ["18446744073709551615", "1e10", "0"] {
        let output = dealgraph(&dir.path().join("cache"))
            .args(["generate", "--relations", given, "--out"])
            .arg(dir.path().join("g"))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{given}");
        let said = stderr_of(&output);
        assert!(
            said.starts_with(&format!(
                "error: invalid value '{given}' for '--relations <N>'"
            )),
            "{said}"
        );
        assert!(!said.contains("panicked"));
    }
    assert!(!dir.path().join("g").exists());
}

// 10. A 2 GB sparse file of zero bytes was read whole before it was rejected.

#[test]
fn a_huge_file_of_zero_bytes_is_rejected_after_its_first_piece() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zeros.json");
    fs::File::create(&path).unwrap().set_len(2 << 30).unwrap();
    // Under a 1 GB address-space limit, reading the whole file could not even be tried.
    let output = Process::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 1048576 && exec {} check --graph {}",
            bin().display(),
            path.display()
        ))
        .env("DEALGRAPH_CACHE_DIR", dir.path().join("cache"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.starts_with(&format!("{}:1:1: error:", path.display())),
        "{said}"
    );
}

// 11. A name retitled the terminal; a file name with a newline forged a diagnostic line; check
//     --json on a non-UTF-8 file name wrote truncated JSON.

#[test]
fn control_characters_in_a_name_are_escaped_in_text_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.json");
    write_graph(
        &path,
        &[("evil", "\u{1b}]0;owned\u{7}Evil\nerror: forged")],
        &[],
    );
    let output = dealgraph(&dir.path().join("cache"))
        .args(["show", "evil", "--graph"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert_eq!(
        text.lines().next().unwrap(),
        "\\u{1b}]0;owned\\u{7}Evil\\nerror: forged (evil)"
    );
}

#[test]
fn a_file_name_with_a_newline_cannot_forge_a_diagnostic_line() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("g");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("x\nerror: all is well.json"), "{").unwrap();
    let output = dealgraph(&dir.path().join("cache"))
        .args(["check", "--graph"])
        .arg(&folder)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.lines()
            .all(|line| !line.starts_with("error: all is well")),
        "{text}"
    );
    assert!(text.contains("x\\nerror: all is well.json:"), "{text}");
}

#[test]
fn check_json_is_valid_json_whatever_the_file_names() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("g");
    fs::create_dir(&folder).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"bad\xff.json");
    fs::write(folder.join(name), "{").unwrap();
    let output = dealgraph(&dir.path().join("cache"))
        .args(["check", "--json", "--graph"])
        .arg(&folder)
        .output()
        .unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|err| panic!("{err}: {}", String::from_utf8_lossy(&output.stdout)));
    let text = answer.to_string();
    assert!(text.contains("bad\\\\xff.json"), "{text}");
}

// 12. A duplicate key in extra was dropped; Café in NFC and NFD, and аpple with a Cyrillic а,
//     were different companies without a word; a name that is another's id resolved to the id;
//     amounts printed as $-0 or with 309 digits.

#[test]
fn a_duplicate_key_inside_extra_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.json");
    fs::write(
        &path,
        r#"{"companies": [{"id": "a", "name": "A", "extra": {"k": 1, "k": 2}}]}"#,
    )
    .unwrap();
    let output = dealgraph(&dir.path().join("cache"))
        .args(["check", "--graph"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!(
            "{}:1:61: error: companies[0] `a`: `extra`: duplicate key `k`: give each key once, as only one value could be kept\nfailed: 1 error, 0 warnings in 1 file\n",
            path.display()
        )
    );
}

#[test]
fn names_are_compared_after_nfc_and_look_alikes_are_warned_of() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.json");
    write_graph(
        &path,
        &[
            ("apple", "Apple"),
            ("apple-ru", "\u{430}pple"),
            ("cafe", "Caf\u{e9}"),
            ("cafe-2", "Cafe\u{301}"),
        ],
        &[],
    );
    let cache = dir.path().join("cache");
    let output = dealgraph(&cache)
        .args(["show", "Caf\u{e9}", "--graph"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        stderr_of(&output),
        "error: ambiguous company `Café`: it names `cafe-2` (Cafe\u{301}), `cafe` (Café); give the id instead\n"
    );
    let output = dealgraph(&cache)
        .args(["check", "--graph"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("warning: companies[1] `apple-ru`: name `\u{430}pple` looks like `Apple`, the name of `apple`"),
        "{text}"
    );
}

#[test]
fn a_name_that_is_another_companys_id_is_ambiguous() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.json");
    write_graph(&path, &[("b", "Bee"), ("x", "b")], &[]);
    let cache = dir.path().join("cache");
    for _ in 0..2 {
        // The second run answers from the snapshot, which must keep the ambiguity.
        let output = dealgraph(&cache)
            .args(["show", "b", "--graph"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(
            stderr_of(&output),
            "error: ambiguous company `b`: it is the id of `b` (Bee) and names `x` (b); write `id:b` for the first, or the other's id\n"
        );
    }
    let output = dealgraph(&cache)
        .args(["show", "id:b", "--graph"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .starts_with("Bee (b)\n")
    );
}

#[test]
fn amounts_print_sensibly_whatever_their_size() {
    use dealgraph::format::usd;
    assert_eq!(usd(-0.0), "$0");
    assert_eq!(usd(f64::MAX), "$1.8e308");
    assert_eq!(usd(999_999.999), "$1M");
    assert_eq!(usd(999.999), "$1K");
    assert_eq!(usd(1.25e9), "$1.25B");
}
