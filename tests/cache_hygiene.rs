//! The cache folder cleans up after itself: snapshots of graphs that changed or no longer
//! exist go, the folder stays under its bound, a snapshot another process is reading stays,
//! and the test suite writes into no cache folder but its own.

mod common;

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::Command;

use dealgraph::cache::{MAX_GRAPHS, Outcome, load_path};

const COMPANIES: &str = r#"{"companies": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}"#;

/// A graph file whose one relation states `amount`.
fn write_graph(path: &Path, amount: u32) {
    let relation = format!(
        r#"{{"relations": [{{"type": "lease", "from": "a", "to": "b", "amount_usd": {amount}}}]}}"#
    );
    fs::create_dir_all(path).unwrap();
    fs::write(path.join("companies.json"), COMPANIES).unwrap();
    fs::write(path.join("lease.json"), relation).unwrap();
}

#[test]
fn a_changed_graph_leaves_one_snapshot_and_a_deleted_one_none() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    write_graph(&one, 1);
    write_graph(&two, 2);
    assert_eq!(load_path(&one, &cache).unwrap().1, Outcome::Rebuilt);
    for amount in [10, 11, 12] {
        write_graph(&one, amount);
        assert_eq!(load_path(&one, &cache).unwrap().1, Outcome::Rebuilt);
    }
    assert_eq!(
        common::files_with_extension(&cache, "snapshot").len(),
        1,
        "one snapshot per graph"
    );
    fs::remove_dir_all(&one).unwrap();
    assert_eq!(load_path(&two, &cache).unwrap().1, Outcome::Rebuilt);
    assert_eq!(
        common::files_with_extension(&cache, "snapshot").len(),
        1,
        "the deleted graph's is gone"
    );
    assert_eq!(common::files_with_extension(&cache, "stamps").len(), 1);
    assert_eq!(load_path(&two, &cache).unwrap().1, Outcome::Hit);
}

#[test]
fn the_folder_keeps_at_most_its_bound_the_least_recently_used_going_first() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let graphs: Vec<PathBuf> = (0..MAX_GRAPHS + 3)
        .map(|n| dir.path().join(format!("g{n}")))
        .collect();
    for (n, graph) in graphs.iter().enumerate() {
        write_graph(graph, u32::try_from(n).unwrap());
        load_path(graph, &cache).unwrap();
        if n == 0 {
            // Asked again while the others are added, the first graph stays in use.
            continue;
        }
        load_path(&graphs[0], &cache).unwrap();
    }
    assert_eq!(
        common::files_with_extension(&cache, "snapshot").len(),
        MAX_GRAPHS
    );
    assert_eq!(
        common::files_with_extension(&cache, "stamps").len(),
        MAX_GRAPHS
    );
    assert_eq!(
        load_path(&graphs[0], &cache).unwrap().1,
        Outcome::Hit,
        "used last"
    );
    assert_eq!(
        load_path(&graphs[1], &cache).unwrap().1,
        Outcome::Rebuilt,
        "used least"
    );
}

#[test]
fn a_snapshot_another_process_is_reading_survives_a_cleanup() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let graph = dir.path().join("graph");
    write_graph(&graph, 1);
    load_path(&graph, &cache).unwrap();
    let old = common::files_with_extension(&cache, "snapshot")
        .pop()
        .unwrap();
    // A reader holds the lock a reading process holds while it reads the file.
    let reader = File::open(&old).unwrap();
    reader.lock_shared().unwrap();
    write_graph(&graph, 2);
    let cleanup = Command::new(env!("CARGO_BIN_EXE_dealgraph"))
        .arg("--graph")
        .arg(&graph)
        .arg("stats")
        .env("DEALGRAPH_CACHE_DIR", &cache)
        .output()
        .unwrap();
    assert!(cleanup.status.success());
    assert!(old.exists(), "the snapshot being read is left");
    assert_eq!(common::files_with_extension(&cache, "snapshot").len(), 2);
    reader.unlock().unwrap();
    drop(reader);
    write_graph(&graph, 3);
    assert_eq!(load_path(&graph, &cache).unwrap().1, Outcome::Rebuilt);
    assert!(!old.exists(), "no longer read, it goes at the next cleanup");
    assert_eq!(common::files_with_extension(&cache, "snapshot").len(), 1);
}

#[test]
fn the_tests_cache_is_their_own_and_a_binary_they_run_uses_it() {
    // Set for every process `cargo test` runs (.cargo/config.toml), so no test writes into
    // the user's cache folder, whether it names a cache or not.
    let configured = PathBuf::from(
        std::env::var_os("DEALGRAPH_CACHE_DIR").expect("cargo sets DEALGRAPH_CACHE_DIR"),
    );
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    assert!(configured.starts_with(&target), "{}", configured.display());
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    fs::create_dir(&home).unwrap();
    let graph = dir.path().join("graph");
    write_graph(&graph, 7);
    let output = Command::new(env!("CARGO_BIN_EXE_dealgraph"))
        .arg("--graph")
        .arg(&graph)
        .arg("stats")
        .env("HOME", &home)
        .env_remove("XDG_CACHE_HOME")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        fs::read_dir(&home).unwrap().count(),
        0,
        "nothing written under HOME"
    );
}
