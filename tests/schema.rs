//! `dealgraph schema` against the files it describes: every shipped graph file validates with
//! Python's jsonschema, as an editor would check it, and files with a field misspelt, a
//! value of the wrong type or an impossible word do not.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn schema_file(dir: &Path) -> std::path::PathBuf {
    let output = Command::new(env!("CARGO_BIN_EXE_dealgraph"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(output.status.success());
    let path = dir.join("dealgraph.schema.json");
    std::fs::write(&path, &output.stdout).unwrap();
    path
}

fn validate(python: &str, schema: &Path, files: &[std::path::PathBuf]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/jsonschema/validate.py");
    let output = Command::new(python)
        .arg(script)
        .arg(schema)
        .args(files)
        .output()
        .unwrap();
    serde_json::from_slice(&common::succeeded(output).stdout).unwrap()
}

#[test]
fn every_shipped_graph_file_validates_against_the_schema() {
    let Some(python) = common::python_with(&["jsonschema"], "JSON Schema") else {
        return;
    };
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let schema = schema_file(dir.path());
    let files: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("graph"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    assert!(files.len() > 20);
    let found = validate(&python, &schema, &files);
    for (file, errors) in found.as_object().unwrap() {
        assert_eq!(errors, &serde_json::json!([]), "{file}");
    }
}

#[test]
fn the_schema_catches_what_an_editor_should_flag() {
    let Some(python) = common::python_with(&["jsonschema"], "JSON Schema") else {
        return;
    };
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let schema = schema_file(dir.path());
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        r#"{"relations": [{"type": "leese", "from": "a", "to": "b", "amount_usd": "3B",
            "date": "2024-13", "sources": [{"url": "https://a.example", "quot": "x"}]}]}"#,
    )
    .unwrap();
    let found = validate(&python, &schema, std::slice::from_ref(&broken));
    let errors: Vec<&str> = found[broken.to_str().unwrap()]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    let flagged = |what: &str, at: &str| errors.iter().any(|e| e.contains(what) && e.ends_with(at));
    assert!(flagged("'leese'", "/relations/0/type"), "{errors:#?}");
    assert!(flagged("'3B'", "/relations/0/amount_usd"), "{errors:#?}");
    assert!(flagged("'2024-13'", "/relations/0/date"), "{errors:#?}");
    assert!(flagged("'quot'", "/relations/0/sources/0"), "{errors:#?}");
}
