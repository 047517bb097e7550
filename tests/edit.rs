//! The editing commands end to end: init, add, set, rm, rename, merge, dedupe and fmt, their
//! refusals, and the guarantees every edit keeps (checked before writing, lossless, atomic,
//! concurrent, never served stale from the cache).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::Instant;

use assert_cmd::Command;
use proptest::prelude::*;
use serde_json::{Value, json};

/// A temporary folder holding a cache folder and, once made, a graph folder.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    fn graph(&self) -> PathBuf {
        self.dir.path().join("graph")
    }

    /// The binary, with this folder's cache and no graph from the environment.
    fn dealgraph(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dealgraph"));
        cmd.env_remove("DEALGRAPH_GRAPH")
            .env_remove("DEALGRAPH_NO_CACHE")
            .env("DEALGRAPH_CACHE_DIR", self.dir.path().join("cache"));
        cmd
    }

    /// The binary, on the graph folder.
    fn on_graph(&self, args: &[&str]) -> Command {
        let mut cmd = self.dealgraph();
        cmd.args(args).arg("--graph").arg(self.graph());
        cmd
    }

    /// A graph folder holding one file of these companies and relations, as given (not in
    /// canonical form).
    fn graph_of(&self, companies: &[Value], relations: &[Value]) -> PathBuf {
        fs::create_dir_all(self.graph()).unwrap();
        let file = self.graph().join("deals.json");
        let text = json!({"companies": companies, "relations": relations});
        fs::write(&file, serde_json::to_vec(&text).unwrap()).unwrap();
        file
    }

    /// A graph folder of the built-in dataset, written by `init`.
    fn init(&self) {
        let mut cmd = self.dealgraph();
        cmd.arg("init").arg(self.graph()).assert().success();
    }
}

fn company(id: &str, name: &str) -> Value {
    json!({"id": id, "name": name})
}

fn lease(from: &str, to: &str, date: &str) -> Value {
    json!({"type": "lease", "from": from, "to": to, "date": date, "status": "reported"})
}

/// Stdout of a command that must succeed.
fn ok(cmd: &mut Command) -> String {
    let output = cmd.output().expect("dealgraph runs");
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Stderr of a command that must fail with exit code 1.
fn fails(cmd: &mut Command) -> String {
    let output = cmd.output().expect("dealgraph runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "stdout: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    String::from_utf8(output.stderr).expect("UTF-8")
}

fn json_of(cmd: &mut Command) -> Value {
    serde_json::from_str(&ok(cmd)).expect("JSON")
}

/// Every file under `dir` and its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walk(dir)
        .into_iter()
        .map(|path| {
            let bytes = fs::read(&path).unwrap();
            (path.strip_prefix(dir).unwrap().to_owned(), bytes)
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The relations of the graph at `path`, as JSON records, in file order.
fn relations(path: &Path) -> Vec<Value> {
    let graph = dealgraph::load::load_path(path).expect("the graph loads");
    graph
        .relations()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect()
}

// init and fmt.

#[test]
fn init_writes_the_built_in_dataset_as_a_folder_that_answers_the_same() {
    let scratch = Scratch::new();
    scratch.init();
    let builtin = json_of(scratch.dealgraph().args(["stats", "--json"]));
    assert_eq!(
        json_of(&mut scratch.on_graph(&["stats", "--json"])),
        builtin
    );
    ok(&mut scratch.on_graph(&["fmt", "--check"]));
    let before = files(&scratch.graph());
    let err = fails(scratch.dealgraph().arg("init").arg(scratch.graph()));
    assert!(err.contains("not empty") || err.contains("exists"), "{err}");
    assert_eq!(
        files(&scratch.graph()),
        before,
        "a refused init writes nothing"
    );
}

#[test]
fn the_shipped_graph_is_in_canonical_form() {
    let scratch = Scratch::new();
    let out = ok(scratch
        .dealgraph()
        .args(["fmt", "--check", "--graph", "graph"]));
    assert!(out.ends_with("in canonical form\n"), "{out}");
}

#[test]
fn fmt_check_names_the_files_to_rewrite_and_fmt_rewrites_only_their_layout() {
    let scratch = Scratch::new();
    let file = scratch.graph_of(
        &[company("b", "B"), company("a", "A")],
        &[json!({"to": "b", "from": "a", "type": "lease", "extra": {"z": 1, "a": [true]}})],
    );
    let values: Value = serde_json::from_slice(&fs::read(&file).unwrap()).unwrap();
    let err = scratch.on_graph(&["fmt", "--check"]).output().unwrap();
    assert_eq!(err.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&err.stdout).contains("deals.json"));
    let out = ok(&mut scratch.on_graph(&["fmt"]));
    assert!(out.contains("reformatted"), "{out}");
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("{\n  \"companies\": [\n    {\n      \"id\": \"b\""),
        "{text}"
    );
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), values);
    ok(&mut scratch.on_graph(&["fmt", "--check"]));
    let again = ok(&mut scratch.on_graph(&["fmt"]));
    assert!(again.contains("nothing changed"), "{again}");
}

// add.

#[test]
fn add_writes_a_company_and_a_relation_and_leaves_other_files_alone() {
    let scratch = Scratch::new();
    scratch.init();
    let before = files(&scratch.graph());
    let out = ok(&mut scratch.on_graph(&[
        "add",
        "company",
        "acme-dc",
        "--name",
        "Acme DC",
        "--sector",
        "datacenter",
        "--country",
        "US",
    ]));
    assert_eq!(out, "added company acme-dc\n");
    let out = ok(&mut scratch.on_graph(&[
        "add",
        "relation",
        "lease",
        "acme-dc",
        "openai",
        "--date",
        "2026-03-02",
        "--amount-usd",
        "2e9",
        "--status",
        "announced",
        "--source-url",
        "https://example.com/acme",
        "--publisher",
        "Example Wire",
        "--quote",
        "Acme DC will lease a campus to OpenAI.",
    ]));
    assert_eq!(out, "added relation acme-dc:lease:openai:2026-03-02\n");
    let after = files(&scratch.graph());
    for (path, bytes) in &before {
        if path != Path::new("companies.json") {
            assert_eq!(&after[path], bytes, "{} was not touched", path.display());
        }
    }
    assert!(after.contains_key(Path::new("relations.json")));
    let profile = json_of(&mut scratch.on_graph(&["show", "acme-dc", "--json"]));
    let keyed = &profile["groups"][0]["relations"][0];
    assert_eq!(keyed["key"], "acme-dc:lease:openai:2026-03-02");
    assert_eq!(keyed["amount_usd"], 2_000_000_000u64);
    assert_eq!(
        keyed["sources"][0]["quote"],
        "Acme DC will lease a campus to OpenAI."
    );
    let text = ok(&mut scratch.on_graph(&["show", "acme-dc"]));
    assert!(
        text.contains("key: acme-dc:lease:openai:2026-03-02"),
        "{text}"
    );
}

#[test]
fn add_reads_records_from_standard_input_into_the_file_named() {
    let scratch = Scratch::new();
    scratch.graph_of(&[company("a", "A"), company("b", "B")], &[]);
    let records = json!([lease("a", "b", "2024-01"), lease("a", "b", "2024-02")]);
    let mut cmd = scratch.on_graph(&[
        "add",
        "relation",
        "--from-json",
        "-",
        "--file",
        "deals/2024.json",
        "--json",
    ]);
    let answer: Value = serde_json::from_str(&ok(cmd.write_stdin(records.to_string()))).unwrap();
    let keys: Vec<&str> = answer["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|added| added["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["a:lease:b:2024-01", "a:lease:b:2024-02"]);
    let written = answer["written"][0].as_str().unwrap();
    assert!(written.ends_with("deals/2024.json"), "{written}");
    assert_eq!(relations(&scratch.graph()).len(), 2);
    let before = files(&scratch.graph());
    let err =
        fails(&mut scratch.on_graph(&["add", "relation", "lease", "a", "b", "--date", "2024-01"]));
    assert!(
        err.contains("the same relation as an earlier record"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(files(&scratch.graph()), before);
}

// Refusals: each with check's diagnostic or a reason and a hint, exit 1, and nothing written.

#[test]
fn bad_edits_are_refused_with_a_hint_and_change_nothing() {
    let scratch = Scratch::new();
    scratch.init();
    let before = files(&scratch.graph());
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "add", "relation", "lease", "crusoe", "opneai", "--date", "2026-01",
            ],
            "unknown company `opneai` in `to`\n  hint: did you mean `openai` (OpenAI)?",
        ),
        (
            &[
                "add", "relation", "lease", "crusoe", "openai", "--date", "2026-13",
            ],
            "month 13",
        ),
        (
            &["add", "relation", "leese", "crusoe", "openai"],
            "did you mean `lease`",
        ),
        (
            &["set", "crusoe:lease:oracle:2024-10", "ammount_usd=5"],
            "unknown field `ammount_usd`",
        ),
        (
            &["set", "crusoe:lease:oracle:2024-10", "status=complete"],
            "unknown variant `complete`",
        ),
        (&["set", "crusoe:lease:oracle:1999"], "FIELD=VALUE"),
        (
            &["set", "crusoe:lease:oracle:1999", "status=ended"],
            "no relation has the key",
        ),
        (&["set", "crusoee", "name=X"], "did you mean `crusoe`?"),
        (
            &["set", "crusoe", "id=crusoe-2"],
            "dealgraph rename crusoe NEW",
        ),
        (&["rm", "crusoe:leese:oracle"], "did you mean `lease`"),
        (
            &["add", "company", "x", "--name", "X", "--file", "../x.json"],
            "inside the graph folder",
        ),
        (
            &[
                "add",
                "company",
                "x",
                "--name",
                "X",
                "--file",
                ".hidden.json",
            ],
            "hidden",
        ),
        (
            &["add", "company", "x", "--name", "X", "--country", "USA"],
            "country",
        ),
        (&["rename", "crusoe", "oracle"], "oracle"),
        (&["merge", "crusoe", "crusoe"], "named twice"),
    ];
    for (args, expected) in cases {
        let err = fails(&mut scratch.on_graph(args));
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(files(&scratch.graph()), before, "{args:?} wrote something");
    }
    // The built-in dataset, or two graphs on disk, are not written.
    let err = fails(
        scratch
            .dealgraph()
            .args(["add", "company", "x", "--name", "X"]),
    );
    assert!(err.contains("dealgraph init DIR"), "{err}");
    let other = scratch.dir.path().join("other");
    fs::create_dir(&other).unwrap();
    let err = fails(
        scratch
            .on_graph(&["add", "company", "x", "--name", "X"])
            .arg("--graph")
            .arg(&other),
    );
    assert!(err.contains("edits are written to one graph"), "{err}");
}

#[test]
fn a_graph_that_cannot_be_written_is_refused_and_left_whole() {
    let scratch = Scratch::new();
    scratch.graph_of(&[company("a", "A"), company("b", "B")], &[]);
    // Where the relations file would go, a folder: the write fails, nothing is replaced.
    fs::create_dir(scratch.graph().join("relations.json")).unwrap();
    let before = files(&scratch.graph());
    let err =
        fails(&mut scratch.on_graph(&["add", "relation", "lease", "a", "b", "--date", "2024"]));
    assert!(err.contains("relations.json"), "{err}");
    assert_eq!(files(&scratch.graph()), before);
    let names: Vec<_> = fs::read_dir(scratch.graph())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
}

// set, rm, rename, merge.

#[test]
fn set_changes_fields_and_says_when_the_key_changed() {
    let scratch = Scratch::new();
    scratch.graph_of(
        &[company("a", "A"), company("b", "B")],
        &[lease("a", "b", "2024-01")],
    );
    let out = ok(&mut scratch.on_graph(&[
        "set",
        "a:lease:b:2024-01",
        "date=2024-03",
        "amount_usd=5e8",
        "capacity_mw=200",
    ]));
    assert!(out.contains("its key is now a:lease:b:2024-03"), "{out}");
    let [relation] = &relations(&scratch.graph())[..] else {
        panic!("one relation")
    };
    assert_eq!(
        (&relation["date"], &relation["amount_usd"]),
        (&json!("2024-03"), &json!(500_000_000))
    );
    ok(&mut scratch.on_graph(&["set", "a", "aliases+=A Corp", "country=US"]));
    let profile = json_of(&mut scratch.on_graph(&["show", "A Corp", "--json"]));
    assert_eq!(profile["company"]["country"], "US");
    ok(&mut scratch.on_graph(&["set", "a:lease:b:2024-03", "capacity_mw="]));
    assert!(relations(&scratch.graph())[0].get("capacity_mw").is_none());
}

#[test]
fn rm_refuses_a_company_still_named_unless_cascade() {
    let scratch = Scratch::new();
    scratch.graph_of(
        &[company("a", "A"), company("b", "B"), company("c", "C")],
        &[lease("a", "b", "2024-01"), lease("b", "c", "2024-02")],
    );
    let err = fails(&mut scratch.on_graph(&["rm", "b"]));
    assert!(
        err.contains(
            "b is named by 2 relations:\n  a:lease:b:2024-01\n  b:lease:c:2024-02\n  hint:"
        ),
        "{err}"
    );
    let out = ok(&mut scratch.on_graph(&["rm", "a:lease:b:2024-01"]));
    assert!(
        out.starts_with("removed relation a:lease:b:2024-01\nreformatted "),
        "{out}"
    );
    let out = ok(&mut scratch.on_graph(&["rm", "b", "--cascade", "--json"]));
    let answer: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        answer["removed"],
        json!({"company": "b", "relations": ["b:lease:c:2024-02"]})
    );
    assert!(relations(&scratch.graph()).is_empty());
}

#[test]
fn rename_rewrites_every_file_and_keeps_the_old_id_as_an_alias() {
    let scratch = Scratch::new();
    scratch.init();
    let before = files(&scratch.graph());
    let out = ok(&mut scratch.on_graph(&["rename", "crusoe", "crusoe-energy"]));
    assert!(
        out.starts_with("renamed crusoe to crusoe-energy; 21 relations rewritten"),
        "{out}"
    );
    let after = files(&scratch.graph());
    for (path, bytes) in &before {
        let text = String::from_utf8_lossy(bytes);
        let names_crusoe = text.contains("\"crusoe\"");
        assert_eq!(
            after[path] != *bytes,
            names_crusoe,
            "{} changed exactly if it named crusoe",
            path.display()
        );
        assert!(!String::from_utf8_lossy(&after[path]).contains("\"from\": \"crusoe\""));
    }
    let profile = json_of(&mut scratch.on_graph(&["show", "crusoe", "--json"]));
    assert_eq!(profile["company"]["id"], "crusoe-energy");
    assert_eq!(profile["relations"], 21);
    let path = ok(&mut scratch.on_graph(&["path", "crusoe-energy", "openai"]));
    assert!(
        path.contains("key: crusoe-energy:lease:oracle:2024-10"),
        "{path}"
    );
}

#[test]
fn merge_refuses_to_drop_a_differing_external_id_and_otherwise_folds_the_duplicate_in() {
    let scratch = Scratch::new();
    scratch.graph_of(
        &[
            json!({"id": "alteryx", "name": "Alteryx, Inc.", "wikidata": "Q1", "sectors": ["analytics"]}),
            json!({"id": "alteryx-2", "name": "Alteryx", "wikidata": "Q2", "sectors": ["software"],
                   "url": "https://alteryx.com", "extra": {"employees": 10}}),
            company("vc", "VC"),
        ],
        &[json!({"type": "investment", "from": "vc", "to": "alteryx-2", "date": "2012"})],
    );
    let before = files(&scratch.graph());
    let err = fails(&mut scratch.on_graph(&["merge", "alteryx", "alteryx-2"]));
    assert!(
        err.contains("wikidata") && err.contains("Q1") && err.contains("Q2"),
        "{err}"
    );
    assert_eq!(files(&scratch.graph()), before);

    let found = json_of(&mut scratch.on_graph(&["dedupe", "--json"]));
    let first = &found["candidates"][0];
    assert_eq!(
        (&first["keep"], &first["duplicate"]),
        (&json!("alteryx-2"), &json!("alteryx"))
    );
    assert_eq!(first["reasons"][0]["reason"], "same_name");
    assert_eq!(first["differing"], json!(["wikidata: Q2 / Q1"]));
    assert_eq!(first["command"], "dealgraph merge alteryx-2 alteryx");

    ok(&mut scratch.on_graph(&["set", "alteryx-2", "wikidata="]));
    let out = ok(&mut scratch.on_graph(&["merge", "alteryx", "alteryx-2"]));
    assert!(out.contains("1 relation re-pointed"), "{out}");
    let profile = json_of(&mut scratch.on_graph(&["show", "alteryx", "--json"]));
    let kept = &profile["company"];
    assert_eq!(kept["aliases"], json!(["alteryx-2", "Alteryx"]));
    assert_eq!(kept["sectors"], json!(["analytics", "software"]));
    assert_eq!(
        (&kept["wikidata"], &kept["url"]),
        (&json!("Q1"), &json!("https://alteryx.com"))
    );
    assert_eq!(kept["extra"], json!({"employees": 10}));
    assert_eq!(profile["relations"], 1);
    assert_eq!(
        json_of(&mut scratch.on_graph(&["dedupe", "--json"]))["total"],
        0
    );
}

#[test]
fn dedupe_finds_real_duplicates_in_the_crunchbase_import() {
    let data = Path::new("../shared/data");
    if !data.is_dir() {
        eprintln!("skipped: ../shared/data (the Crunchbase 2013 exports) is absent");
        return;
    }
    let scratch = Scratch::new();
    let mut import = scratch.dealgraph();
    import
        .args(["import", "crunchbase", "--from"])
        .arg(data)
        .arg("--out")
        .arg(scratch.graph());
    ok(&mut import);
    let found = json_of(&mut scratch.on_graph(&["dedupe", "--limit", "200", "--json"]));
    let pairs: Vec<(String, String)> = found["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["keep"].as_str().unwrap().to_owned(),
                c["duplicate"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for pair in [
        ("alteryx-2", "alteryx"),
        ("blue-jeans-network-inc", "blue-jeans-network"),
    ] {
        assert!(
            pairs.contains(&(pair.0.to_owned(), pair.1.to_owned())),
            "{pair:?} among {} candidates",
            pairs.len()
        );
    }
    assert!(found["total"].as_u64().unwrap() >= 58);
}

// Layering, losslessness and the cache.

#[test]
fn a_folder_of_ones_own_deals_sits_on_top_of_the_built_in_dataset() {
    let scratch = Scratch::new();
    fs::create_dir(scratch.graph()).unwrap();
    let layered = |args: &[&str]| {
        let mut cmd = scratch.dealgraph();
        cmd.args(args)
            .args(["--graph", "builtin", "--graph"])
            .arg(scratch.graph());
        cmd
    };
    ok(&mut layered(&[
        "add", "company", "acme-dc", "--name", "Acme DC",
    ]));
    ok(&mut layered(&[
        "add", "relation", "lease", "acme-dc", "oracle", "--date", "2026-05",
    ]));
    let written: Vec<_> = files(&scratch.graph()).into_keys().collect();
    assert_eq!(
        written,
        [
            PathBuf::from("companies.json"),
            PathBuf::from("relations.json")
        ]
    );
    let path = ok(&mut layered(&["path", "acme-dc", "openai"]));
    assert!(
        path.starts_with("1. Acme DC -lease-> Oracle -compute-> OpenAI"),
        "{path}"
    );
    let err = fails(&mut layered(&["set", "crusoe", "country=GB"]));
    assert!(err.contains("not being edited"), "{err}");
}

#[test]
fn an_edit_keeps_extra_fields_and_says_when_it_reformatted_a_file() {
    let scratch = Scratch::new();
    let mut relation = lease("a", "b", "2024-01");
    relation["extra"] = json!({"z": {"nested": [1, 2.5, null]}, "a": "kept"});
    let file = scratch.graph_of(&[company("a", "A"), company("b", "B")], &[relation]);
    let out = ok(&mut scratch.on_graph(&["set", "a:lease:b:2024-01", "status=completed"]));
    assert!(
        out.contains("reformatted") && out.contains("deals.json"),
        "{out}"
    );
    let text = fs::read_to_string(&file).unwrap();
    let read: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        read["relations"][0]["extra"],
        json!({"a": "kept", "z": {"nested": [1, 2.5, null]}})
    );
    let out = ok(&mut scratch.on_graph(&["set", "a:lease:b:2024-01", "status=reported"]));
    assert!(
        !out.contains("reformatted"),
        "a canonical file is not reported: {out}"
    );
}

#[test]
fn the_cache_never_serves_the_graph_as_it_was_before_an_edit() {
    let scratch = Scratch::new();
    scratch.graph_of(
        &[company("a", "A"), company("b", "B")],
        &[lease("a", "b", "2024-01")],
    );
    // Statuses of one length: the file keeps its size across edits.
    for status in ["announced", "completed", "cancelled", "announced"] {
        let show = json_of(&mut scratch.on_graph(&["show", "a", "--json"]));
        assert_ne!(show["groups"][0]["relations"][0]["status"], status);
        ok(&mut scratch.on_graph(&["set", "a:lease:b:2024-01", &format!("status={status}")]));
        let show = json_of(&mut scratch.on_graph(&["show", "a", "--json"]));
        assert_eq!(show["groups"][0]["relations"][0]["status"], status);
    }
}

// Concurrency and kills.

#[test]
fn twenty_concurrent_add_relation_processes_all_land() {
    let scratch = Scratch::new();
    scratch.graph_of(&[company("a", "A"), company("b", "B")], &[]);
    let children: Vec<_> = (1..=20)
        .map(|day| {
            Process::new(env!("CARGO_BIN_EXE_dealgraph"))
                .args([
                    "add",
                    "relation",
                    "lease",
                    "a",
                    "b",
                    "--date",
                    &format!("2024-01-{day:02}"),
                ])
                .arg("--graph")
                .arg(scratch.graph())
                .env("DEALGRAPH_CACHE_DIR", scratch.dir.path().join("cache"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("dealgraph starts")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let mut dates: Vec<String> = relations(&scratch.graph())
        .iter()
        .map(|r| r["date"].as_str().unwrap().to_owned())
        .collect();
    dates.sort();
    let expected: Vec<String> = (1..=20).map(|day| format!("2024-01-{day:02}")).collect();
    assert_eq!(dates, expected);
}

#[test]
fn an_edit_killed_at_any_moment_leaves_a_graph_that_loads_with_the_relation_in_or_out() {
    let scratch = Scratch::new();
    fs::create_dir(scratch.graph()).unwrap();
    ok(scratch
        .dealgraph()
        .args(["generate", "--relations", "200000", "--force", "--out"])
        .arg(scratch.graph()));
    let file = scratch.graph().join("part-0001.json");
    let graph = dealgraph::load::load_path(&file).unwrap();
    let mut ids = graph.companies().map(|c| c.id.as_str().to_owned());
    let (a, b) = (ids.next().unwrap(), ids.next().unwrap());
    drop(ids);
    drop(graph);
    let add = |date: &str| {
        Process::new(env!("CARGO_BIN_EXE_dealgraph"))
            .args([
                "add", "relation", "lease", &a, &b, "--date", date, "--graph",
            ])
            .arg(&file)
            .env("DEALGRAPH_NO_CACHE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dealgraph starts")
    };
    // One whole run, timed, so the kills fall across reading, checking and writing.
    let started = Instant::now();
    assert!(add("2026-01-01").wait().unwrap().success());
    let whole = started.elapsed();
    let mut count = 200_001;
    for (n, share) in [0.05, 0.3, 0.55, 0.8, 0.95].into_iter().enumerate() {
        let date = format!("2026-02-{:02}", n + 1);
        let mut child = add(&date);
        std::thread::sleep(whole.mul_f64(share));
        let _ = child.kill();
        child.wait().unwrap();
        let graph = dealgraph::load::load_path(&file)
            .unwrap_or_else(|err| panic!("killed at {share} of a run, the graph is lost: {err}"));
        let landed = graph.relation_count();
        assert!(
            landed == count || landed == count + 1,
            "{landed} relations after a kill at {share}"
        );
        count = landed;
    }
    let leftovers: Vec<_> = fs::read_dir(scratch.graph())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "part-0001.json")
        .collect();
    // A temporary file a kill left is removed by the next edit of that file.
    assert!(add("2026-03-01").wait().unwrap().success());
    let after: Vec<_> = fs::read_dir(scratch.graph())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        after.len(),
        1,
        "after {leftovers:?}, the next edit leaves only the graph"
    );
}

// The command line against the model.

/// One edit, on small indexes into what the model holds.
#[derive(Debug, Clone)]
enum Op {
    AddCompany,
    AddRelation { from: usize, to: usize, month: u8 },
    SetStatus { relation: usize, completed: bool },
    RemoveRelation { relation: usize },
    Rename { company: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::AddCompany),
        (0..5usize, 0..5usize, 1..4u8).prop_map(|(from, to, month)| Op::AddRelation {
            from,
            to,
            month
        }),
        (0..4usize, any::<bool>()).prop_map(|(relation, completed)| Op::SetStatus {
            relation,
            completed
        }),
        (0..4usize).prop_map(|relation| Op::RemoveRelation { relation }),
        (0..5usize).prop_map(|company| Op::Rename { company }),
    ]
}

/// The graph as the edits should leave it: companies and relations as JSON records.
#[derive(Default)]
struct Model {
    companies: Vec<Value>,
    relations: Vec<Value>,
    made: usize,
}

impl Model {
    fn id(&self, company: usize) -> Option<String> {
        let company = self.companies.get(company)?;
        Some(company["id"].as_str()?.to_owned())
    }

    fn key(relation: &Value) -> String {
        format!(
            "{}:lease:{}:{}",
            relation["from"].as_str().unwrap(),
            relation["to"].as_str().unwrap(),
            relation["date"].as_str().unwrap()
        )
    }

    /// The arguments of the command for `op`, and whether it should succeed; applies it.
    fn apply(&mut self, op: &Op) -> (Vec<String>, bool) {
        let args = |parts: &[&str]| parts.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>();
        match *op {
            Op::AddCompany => {
                self.made += 1;
                let id = format!("c{}", self.made);
                let name = format!("Company {}", self.made);
                self.companies.push(json!({"id": id, "name": name}));
                (args(&["add", "company", &id, "--name", &name]), true)
            }
            Op::AddRelation { from, to, month } => {
                let (Some(from), Some(to)) = (self.id(from), self.id(to)) else {
                    return (
                        args(&[
                            "add", "relation", "lease", "nobody", "c1", "--date", "2024-01",
                        ]),
                        false,
                    );
                };
                let relation = json!({"type": "lease", "from": from, "to": to, "date": format!("2024-0{month}")});
                let repeated = self
                    .relations
                    .iter()
                    .any(|r| Model::key(r) == Model::key(&relation));
                let command = args(&[
                    "add",
                    "relation",
                    "lease",
                    &from,
                    &to,
                    "--date",
                    &format!("2024-0{month}"),
                ]);
                if from == to || repeated {
                    return (command, false);
                }
                self.relations.push(relation);
                (command, true)
            }
            Op::SetStatus {
                relation,
                completed,
            } => {
                let status = if completed { "completed" } else { "announced" };
                let Some(record) = self.relations.get_mut(relation) else {
                    return (
                        args(&["set", "c1:lease:c2:1999", &format!("status={status}")]),
                        false,
                    );
                };
                record["status"] = json!(status);
                let key = Model::key(record);
                (args(&["set", &key, &format!("status={status}")]), true)
            }
            Op::RemoveRelation { relation } => {
                if relation >= self.relations.len() {
                    return (args(&["rm", "c1:lease:c2:1999"]), false);
                }
                let key = Model::key(&self.relations.remove(relation));
                (args(&["rm", &key]), true)
            }
            Op::Rename { company } => {
                let Some(old) = self.id(company) else {
                    return (args(&["rename", "nobody", "somebody"]), false);
                };
                let new = format!("{old}-r");
                let record = &mut self.companies[company];
                record["id"] = json!(new);
                let aliases = record
                    .as_object_mut()
                    .unwrap()
                    .entry("aliases")
                    .or_insert(json!([]));
                aliases.as_array_mut().unwrap().push(json!(old));
                for relation in &mut self.relations {
                    for end in ["from", "to"] {
                        if relation[end] == json!(old) {
                            relation[end] = json!(new);
                        }
                    }
                }
                (args(&["rename", &old, &new]), true)
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn edits_through_the_command_line_give_the_graph_the_model_gives(ops in prop::collection::vec(op(), 1..10)) {
        let scratch = Scratch::new();
        fs::create_dir(scratch.graph()).unwrap();
        let mut model = Model::default();
        let start = [Op::AddCompany, Op::AddCompany, Op::AddCompany];
        for op in start.iter().chain(&ops) {
            let before = files(&scratch.graph());
            let (args, succeeds) = model.apply(op);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let output = scratch.on_graph(&args).output().unwrap();
            prop_assert_eq!(output.status.success(), succeeds, "{:?}: {}", args, String::from_utf8_lossy(&output.stderr));
            if !succeeds {
                prop_assert_eq!(files(&scratch.graph()), before, "a refused {:?} wrote", args);
            }
        }
        let graph = dealgraph::load::load_path(&scratch.graph()).unwrap();
        let companies: Vec<Value> = graph.companies().map(|c| serde_json::to_value(c).unwrap()).collect();
        let relations: Vec<Value> = graph.relations().map(|r| serde_json::to_value(r).unwrap()).collect();
        prop_assert_eq!(companies, model.companies.clone());
        prop_assert_eq!(relations, model.relations.clone());
        // The folder reads back as the model, in canonical form.
        let text = fs::read_to_string(scratch.graph().join("companies.json")).unwrap();
        let file: dealgraph::GraphFile = serde_json::from_value(json!({"companies": model.companies})).unwrap();
        prop_assert_eq!(text, dealgraph::edit::canonical_text(&file));
    }
}

#[test]
fn a_rename_cut_short_between_files_is_finished_by_running_it_again() {
    let scratch = Scratch::new();
    three_file_graph(&scratch.graph());
    // A rename half done by hand, or by a tool without the journal: one relation file names
    // the new id, the company file still the old one.
    fs::write(
        scratch.graph().join("one.json"),
        serde_json::to_vec(&json!({"relations": [lease("a2", "b", "2024-01")]})).unwrap(),
    )
    .unwrap();
    let out = ok(&mut scratch.on_graph(&["rename", "a", "a2"]));
    assert!(
        out.starts_with("renamed a to a2; 1 relation rewritten"),
        "{out}"
    );
    let ends: Vec<(Value, Value)> = relations(&scratch.graph())
        .into_iter()
        .map(|r| (r["from"].clone(), r["to"].clone()))
        .collect();
    assert_eq!(ends, [(json!("a2"), json!("b")), (json!("b"), json!("a2"))]);
    // companies.json is read first, and written last.
    let answer = json_of(&mut scratch.on_graph(&["rename", "a2", "a3", "--json"]));
    let written: Vec<&str> = answer["written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|path| {
            Path::new(path.as_str().unwrap())
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
        })
        .collect();
    assert_eq!(written, ["one.json", "two.json", "companies.json"]);
}

/// A folder graph of three files in which `a` is named in two of them.
fn three_file_graph(folder: &Path) {
    fs::create_dir_all(folder).unwrap();
    let write = |name: &str, value: Value| {
        fs::write(folder.join(name), serde_json::to_vec(&value).unwrap()).unwrap();
    };
    write(
        "companies.json",
        json!({"companies": [company("a", "A"), company("b", "B")]}),
    );
    write(
        "one.json",
        json!({"relations": [lease("a", "b", "2024-01")]}),
    );
    write(
        "two.json",
        json!({"relations": [lease("b", "a", "2024-02")]}),
    );
}

/// The hidden files in `folder`: temporary files and journals.
fn hidden_files(folder: &Path) -> Vec<String> {
    fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect()
}

#[test]
fn an_edit_of_several_files_killed_between_renames_reads_as_done_and_the_next_edit_finishes_it() {
    let scratch = Scratch::new();
    three_file_graph(&scratch.graph());
    // What the rename leaves, made in a copy of the folder.
    let done = scratch.dir.path().join("done");
    three_file_graph(&done);
    let mut rename = scratch.dealgraph();
    ok(rename.args(["rename", "a", "a2", "--graph"]).arg(&done));
    let expected = files(&done);
    // The graph as a process killed after its journal and first rename leaves it.
    let graph = scratch.graph();
    let staged: Vec<(PathBuf, dealgraph::write::Staged, u128)> =
        ["one.json", "two.json", "companies.json"]
            .into_iter()
            .map(|name| {
                let path = graph.join(name);
                let was = xxhash_rust::xxh3::xxh3_128(&fs::read(&path).unwrap());
                let new = expected[Path::new(name)].clone();
                let staged =
                    dealgraph::write::stage_file(&path, |out| out.write_all(&new)).unwrap();
                (path, staged, was)
            })
            .collect();
    let replacements: Vec<_> = staged
        .iter()
        .map(|(file, staged, was)| dealgraph::journal::Replacement {
            file,
            staged,
            was: Some(*was),
        })
        .collect();
    dealgraph::journal::begin(&graph, &replacements).unwrap();
    staged[0].1.install().unwrap();
    // Every reader sees the rename done, twice over (the second time through the cache).
    for _ in 0..2 {
        let show = json_of(&mut scratch.on_graph(&["show", "a2", "--json"]));
        assert_eq!(show["company"]["id"], "a2", "{show}");
        ok(&mut scratch.on_graph(&["check"]));
    }
    assert_eq!(relations(&graph).len(), 2);
    // The next edit finishes the rename, then makes its own change.
    ok(&mut scratch.on_graph(&["add", "company", "c", "--name", "C"]));
    assert_eq!(hidden_files(&graph), Vec::<String>::new());
    let mut now = files(&graph);
    assert!(now.remove(Path::new("companies.json")).is_some());
    let mut wanted = expected;
    wanted.remove(Path::new("companies.json"));
    assert_eq!(now, wanted);
    let show = json_of(&mut scratch.on_graph(&["show", "c", "--json"]));
    assert_eq!(show["company"]["id"], "c");
}

#[test]
fn a_rename_across_files_killed_at_any_moment_leaves_a_graph_that_loads_under_one_id() {
    let scratch = Scratch::new();
    fs::create_dir(scratch.graph()).unwrap();
    ok(scratch
        .dealgraph()
        .args([
            "generate",
            "--relations",
            "100000",
            "--files",
            "8",
            "--force",
            "--out",
        ])
        .arg(scratch.graph()));
    let graph = dealgraph::load::load_path(&scratch.graph()).unwrap();
    let petgraph = graph.graph();
    let busiest = petgraph
        .node_indices()
        .max_by_key(|&node| petgraph.neighbors_undirected(node).count())
        .map(|node| graph.company_id(node).to_owned())
        .unwrap();
    let relation_count = graph.relation_count();
    drop(graph);
    let rename = |old: &str, new: &str| {
        Process::new(env!("CARGO_BIN_EXE_dealgraph"))
            .args(["rename", old, new, "--graph"])
            .arg(scratch.graph())
            .env("DEALGRAPH_NO_CACHE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dealgraph starts")
    };
    let started = Instant::now();
    assert!(rename(&busiest, "renamed-0").wait().unwrap().success());
    let whole = started.elapsed();
    let mut current = "renamed-0".to_owned();
    // Kills across the run, most of them late, where the files are written.
    for (n, share) in [0.2, 0.6, 0.8, 0.9, 0.95, 0.98, 1.0]
        .into_iter()
        .enumerate()
    {
        let next = format!("renamed-{}", n + 1);
        let mut child = rename(&current, &next);
        std::thread::sleep(whole.mul_f64(share));
        let _ = child.kill();
        child.wait().unwrap();
        let graph = dealgraph::load::load_path(&scratch.graph()).unwrap_or_else(|err| {
            panic!("killed at {share} of a rename, the graph is lost: {err}")
        });
        assert_eq!(graph.relation_count(), relation_count);
        let ids: Vec<&str> = [current.as_str(), next.as_str()]
            .into_iter()
            .filter(|id| graph.companies().any(|c| c.id.as_str() == *id))
            .collect();
        assert_eq!(ids.len(), 1, "killed at {share}: defined as {ids:?}");
        current = ids[0].to_owned();
    }
    // The next edit finishes whatever a kill left, and leaves no hidden file behind.
    assert!(rename(&current, "renamed-last").wait().unwrap().success());
    assert_eq!(hidden_files(&scratch.graph()), Vec::<String>::new());
}

#[test]
fn a_reader_waits_for_an_edit_under_way_and_then_reads_the_graph() {
    let scratch = Scratch::new();
    scratch.graph_of(&[company("a", "A")], &[]);
    let lock = dealgraph::lock::FolderLock::acquire(&scratch.graph(), || ()).unwrap();
    let mut reader = Process::new(env!("CARGO_BIN_EXE_dealgraph"))
        .args(["show", "a", "--graph"])
        .arg(scratch.graph())
        .env("DEALGRAPH_CACHE_DIR", scratch.dir.path().join("cache"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dealgraph starts");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        reader.try_wait().unwrap().is_none(),
        "read while an edit held the folder"
    );
    drop(lock);
    let output = reader.wait_with_output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("A"));
}

/// Runs `dealgraph ARGS` with a limit on the size of any file it writes, as a full disk
/// refuses the writes; `None` where `prlimit` is missing.
fn on_a_full_disk(scratch: &Scratch, limit: u64, args: &[&str]) -> Option<std::process::Output> {
    if Process::new("prlimit").arg("--version").output().is_err() {
        eprintln!("skipped: prlimit (util-linux) is not installed");
        return None;
    }
    // A write past the limit raises SIGXFSZ, which kills unless ignored; ignored, the write
    // fails with EFBIG, as one to a full disk fails with ENOSPC.
    let mut script = format!(
        "trap '' XFSZ; exec prlimit --fsize={limit} -- {}",
        env!("CARGO_BIN_EXE_dealgraph")
    );
    for arg in args {
        script.push(' ');
        script.push_str(&shlex::try_quote(arg).unwrap());
    }
    script.push_str(" --graph ");
    script.push_str(&shlex::try_quote(&scratch.graph().to_string_lossy()).unwrap());
    Some(
        Process::new("sh")
            .args(["-c", &script])
            .env("DEALGRAPH_NO_CACHE", "1")
            .output()
            .unwrap(),
    )
}

#[test]
fn a_disk_that_refuses_the_write_fails_the_edit_and_changes_nothing() {
    let scratch = Scratch::new();
    three_file_graph(&scratch.graph());
    let before = files(&scratch.graph());
    // One file: the relation does not fit.
    let Some(one) = on_a_full_disk(
        &scratch,
        40,
        &["add", "relation", "lease", "b", "a", "--date", "2025"],
    ) else {
        return;
    };
    // Several files: the two relation files (156 bytes each) are staged, the company file
    // (168 bytes) does not fit.
    let several = on_a_full_disk(&scratch, 160, &["rename", "a", "a-renamed"]).unwrap();
    for (output, file) in [(one, "relations.json"), (several, "companies.json")] {
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!(
                "cannot write {}",
                scratch.graph().join(file).display()
            )),
            "{err}"
        );
        assert!(err.contains("File too large"), "{err}");
        assert_eq!(files(&scratch.graph()), before);
        assert_eq!(hidden_files(&scratch.graph()), Vec::<String>::new());
    }
    ok(&mut scratch.on_graph(&["check"]));
}
