//! The snapshot cache is never stale, and never a reason for an error.

mod common;

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
use dealgraph::KnowledgeGraph;
use dealgraph::cache::{Outcome, load_path};

const COMPANIES: &str = r#"{"companies": [
  {"id": "crusoe", "name": "Crusoe"},
  {"id": "oracle", "name": "Oracle"},
  {"id": "openai", "name": "OpenAI"}
]}
"#;

fn lease(amount: u32) -> String {
    format!(
        "{{\"relations\": [{{\"type\": \"lease\", \"from\": \"crusoe\", \"to\": \"oracle\", \"amount_usd\": {amount}}}]}}\n"
    )
}

/// A graph folder and a cache folder, both temporary.
struct Setup {
    _dir: tempfile::TempDir,
    graph: PathBuf,
    cache: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("a temp dir");
    let graph = dir.path().join("graph");
    fs::create_dir(&graph).expect("writable");
    fs::write(graph.join("companies.json"), COMPANIES).expect("writable");
    fs::write(graph.join("lease.json"), lease(1000)).expect("writable");
    let cache = dir.path().join("cache");
    Setup {
        _dir: dir,
        graph,
        cache,
    }
}

fn load(setup: &Setup) -> (KnowledgeGraph, Outcome) {
    load_path(&setup.graph, &setup.cache).expect("the graph loads")
}

fn amounts(graph: &KnowledgeGraph) -> Vec<Option<f64>> {
    graph.relations().map(|r| r.amount_usd).collect()
}

#[test]
fn a_second_load_comes_from_the_snapshot_and_matches_the_json() {
    let setup = setup();
    let (first, outcome) = load(&setup);
    assert_eq!(outcome, Outcome::Rebuilt);
    let (second, outcome) = load(&setup);
    assert_eq!(outcome, Outcome::Hit);
    assert!(first.companies().eq(second.companies()));
    assert!(first.relations().eq(second.relations()));
    let fresh = dealgraph::load::load_path(&setup.graph).expect("loads");
    assert!(second.relations().eq(fresh.relations()));
}

#[test]
fn a_file_edited_within_the_same_second_to_the_same_size_is_seen() {
    let setup = setup();
    let file = setup.graph.join("lease.json");
    let modified = fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(amounts(&load(&setup).0), [Some(1000.0)]);
    fs::write(&file, lease(2000)).expect("writable");
    fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_modified(modified))
        .expect("the old modification time is restored");
    let (graph, outcome) = load(&setup);
    assert_eq!(
        amounts(&graph),
        [Some(2000.0)],
        "same length, same mtime, new content"
    );
    assert_eq!(outcome, Outcome::Rebuilt);
}

#[test]
fn a_settled_file_edited_later_is_seen_by_its_change_time() {
    let setup = setup();
    let file = setup.graph.join("lease.json");
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    for name in ["companies.json", "lease.json"] {
        let path = setup.graph.join(name);
        let handle = fs::File::options().write(true).open(&path).expect("opens");
        handle.set_modified(long_ago).expect("settable");
    }
    assert_eq!(load(&setup).1, Outcome::Rebuilt);
    assert_eq!(
        load(&setup).1,
        Outcome::Hit,
        "settled files are trusted by their metadata"
    );
    fs::write(&file, lease(3000)).expect("writable");
    let handle = fs::File::options().write(true).open(&file).expect("opens");
    handle.set_modified(long_ago).expect("settable");
    assert_eq!(amounts(&load(&setup).0), [Some(3000.0)]);
}

/// Sets the modification time of every file of the graph an hour back.
fn backdate(setup: &Setup) -> SystemTime {
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    for name in ["companies.json", "lease.json"] {
        let path = setup.graph.join(name);
        let handle = fs::File::options().write(true).open(&path).expect("opens");
        handle.set_modified(long_ago).expect("settable");
    }
    long_ago
}

/// The stamps file's inode: a new one each time the stamps are rewritten (by rename).
fn stamps_inode(setup: &Setup) -> u64 {
    use std::os::unix::fs::MetadataExt;
    let stamps = common::files_with_extension(&setup.cache, "stamps")
        .pop()
        .expect("stamps");
    fs::metadata(stamps).expect("readable").ino()
}

#[test]
fn settled_files_are_trusted_by_their_metadata_and_an_edit_of_the_same_size_is_seen() {
    let setup = setup();
    let long_ago = backdate(&setup);
    // Metadata are trusted only once a file's times lie three seconds before the reading,
    // and the change time moves with every write, `set_modified` included.
    std::thread::sleep(Duration::from_millis(3_200));
    assert_eq!(load(&setup).1, Outcome::Rebuilt);
    let inode = stamps_inode(&setup);
    assert_eq!(load(&setup).1, Outcome::Hit);
    assert_eq!(
        stamps_inode(&setup),
        inode,
        "files proven unchanged by their metadata are not hashed, so the stamps are not refreshed"
    );
    let file = setup.graph.join("lease.json");
    fs::write(&file, lease(4000)).expect("writable");
    let handle = fs::File::options().write(true).open(&file).expect("opens");
    handle.set_modified(long_ago).expect("settable");
    let (graph, outcome) = load(&setup);
    assert_eq!(
        amounts(&graph),
        [Some(4000.0)],
        "same length, same mtime, new change time"
    );
    assert_eq!(outcome, Outcome::Rebuilt);
}

#[test]
fn two_graphs_keep_a_snapshot_each() {
    let (one, two) = (setup(), setup());
    fs::write(two.graph.join("lease.json"), lease(2000)).expect("writable");
    let cache = &one.cache;
    let load = |setup: &Setup| load_path(&setup.graph, cache).expect("the graph loads");
    assert_eq!(load(&one).1, Outcome::Rebuilt);
    assert_eq!(load(&two).1, Outcome::Rebuilt);
    let (graph, outcome) = load(&one);
    assert_eq!(
        outcome,
        Outcome::Hit,
        "the second graph left the first's stamps alone"
    );
    assert_eq!(amounts(&graph), [Some(1000.0)]);
    assert_eq!(amounts(&load(&two).0), [Some(2000.0)]);
}

#[test]
fn a_snapshot_file_decodes_to_the_graph_it_caches() {
    let setup = setup();
    let (graph, _) = load(&setup);
    let snapshot = common::files_with_extension(&setup.cache, "snapshot")
        .pop()
        .expect("a snapshot");
    let bytes = fs::read(&snapshot).expect("readable");
    let decoded = dealgraph::cache::decode_snapshot(bytes.clone()).expect("a whole snapshot");
    assert!(decoded.relations().eq(graph.relations()));
    assert!(decoded.companies().eq(graph.companies()));
    assert!(dealgraph::cache::decode_snapshot(bytes[..bytes.len() - 1].to_vec()).is_none());
}

#[test]
fn files_added_to_or_removed_from_the_folder_are_seen() {
    let setup = setup();
    assert_eq!(load(&setup).0.relation_count(), 1);
    let added = setup.graph.join("more.json");
    fs::write(
        &added,
        r#"{"relations": [{"type": "compute", "from": "oracle", "to": "openai"}]}"#,
    )
    .expect("writable");
    assert_eq!(load(&setup).0.relation_count(), 2);
    fs::remove_file(&added).expect("removable");
    assert_eq!(load(&setup).0.relation_count(), 1);
    fs::remove_file(setup.graph.join("lease.json")).expect("removable");
    assert_eq!(load(&setup).0.relation_count(), 0);
}

#[test]
fn a_corrupted_or_truncated_cache_is_ignored_and_rebuilt() {
    let setup = setup();
    load(&setup);
    let snapshot = common::files_with_extension(&setup.cache, "snapshot")
        .pop()
        .expect("a snapshot");
    let len = fs::read(&snapshot).expect("readable").len();
    for position in [20, len / 2, len - 1] {
        let mut bytes = fs::read(&snapshot).expect("readable");
        bytes[position] ^= 0xff;
        fs::write(&snapshot, &bytes).expect("writable");
        let (graph, outcome) = load(&setup);
        assert_eq!(
            outcome,
            Outcome::Rebuilt,
            "a flipped byte at {position} of {len} fails the checksum"
        );
        assert_eq!(amounts(&graph), [Some(1000.0)]);
        assert_eq!(
            load(&setup).1,
            Outcome::Hit,
            "and the rebuilt snapshot is used"
        );
    }

    for file in [
        common::files_with_extension(&setup.cache, "snapshot"),
        common::files_with_extension(&setup.cache, "stamps"),
    ]
    .concat()
    {
        let bytes = fs::read(&file).expect("readable");
        fs::write(&file, &bytes[..bytes.len() / 2]).expect("writable");
        let (graph, outcome) = load(&setup);
        assert_eq!(outcome, Outcome::Rebuilt, "{} truncated", file.display());
        assert_eq!(amounts(&graph), [Some(1000.0)]);
    }
    for file in [
        common::files_with_extension(&setup.cache, "snapshot"),
        common::files_with_extension(&setup.cache, "stamps"),
    ]
    .concat()
    {
        fs::write(&file, b"").expect("writable");
    }
    assert_eq!(amounts(&load(&setup).0), [Some(1000.0)]);
}

#[test]
fn an_unusable_cache_folder_is_not_an_error() {
    let setup = setup();
    fs::write(&setup.cache, "a file where the cache folder should be").expect("writable");
    let (graph, outcome) = load(&setup);
    assert_eq!(outcome, Outcome::Uncached);
    assert_eq!(amounts(&graph), [Some(1000.0)]);
}

#[test]
fn a_graph_broken_after_caching_reports_its_errors_not_the_old_snapshot() {
    let setup = setup();
    load(&setup);
    fs::write(
        setup.graph.join("lease.json"),
        r#"{"relations": [{"type": "lease", "from": "crusoe", "to": "opneai"}]}"#,
    )
    .expect("writable");
    let error = load_path(&setup.graph, &setup.cache).expect_err("the graph is broken");
    assert!(
        error.to_string().contains("unknown company `opneai`"),
        "{error}"
    );
}

#[test]
fn processes_that_race_on_a_cold_cache_all_get_the_graph() {
    let setup = setup();
    let graph = setup.graph.clone();
    let cache = setup.cache.clone();
    let loads: Vec<_> = (0..8)
        .map(|_| {
            let (graph, cache) = (graph.clone(), cache.clone());
            std::thread::spawn(move || load_path(&graph, &cache).expect("loads").0)
        })
        .collect();
    for handle in loads {
        assert_eq!(amounts(&handle.join().expect("no panic")), [Some(1000.0)]);
    }
    assert_eq!(load(&setup).1, Outcome::Hit);
    let leftovers: Vec<PathBuf> = fs::read_dir(&setup.cache)
        .expect("the cache exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn the_command_line_uses_the_cache_unless_told_not_to() {
    let setup = setup();
    let stats = |no_cache: bool| {
        let mut command = Command::cargo_bin("dealgraph").expect("built");
        command
            .env("DEALGRAPH_CACHE_DIR", &setup.cache)
            .env_remove("DEALGRAPH_NO_CACHE")
            .args(["stats", "--json", "--graph"])
            .arg(&setup.graph);
        if no_cache {
            command.env("DEALGRAPH_NO_CACHE", "1");
        }
        command.assert().success().get_output().stdout.clone()
    };
    let uncached = stats(true);
    assert!(
        common::files_with_extension(&setup.cache, "snapshot").is_empty(),
        "DEALGRAPH_NO_CACHE writes nothing"
    );
    assert_eq!(stats(false), uncached);
    assert_eq!(
        common::files_with_extension(&setup.cache, "snapshot").len(),
        1
    );
    assert_eq!(
        stats(false),
        uncached,
        "the answer from the snapshot is the same"
    );
}
