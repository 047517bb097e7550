//! The fuzz targets' checks, replayed over the committed corpus (`fuzz/corpus/`), which holds
//! the inputs that once crashed them: a fix that regresses fails here, without AFL.

#[path = "../fuzz/src/targets.rs"]
mod targets;

use std::fs;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = format!("fuzz/corpus/{target}");
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap_or_else(|err| panic!("{dir}: {err}")) {
        let path = entry.expect("a readable entry").path();
        let bytes = fs::read(&path).expect("a readable file");
        check(&bytes);
        count += 1;
    }
    assert!(count > 0, "{dir} holds no input");
}

#[test]
fn the_load_corpus_passes() {
    replay("load", targets::load);
}

#[test]
fn the_snapshot_corpus_passes() {
    replay("snapshot", targets::snapshot);
}

#[test]
fn the_import_corpus_passes() {
    replay("import_csv", targets::import_csv);
}

#[test]
fn the_table_import_corpus_passes() {
    replay("import_table", targets::import_table);
}
