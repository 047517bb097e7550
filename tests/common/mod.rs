//! What several test files share: the binary as the tests run it, and finding a Python with
//! the packages a comparison needs. Each test file uses some of it.
#![allow(dead_code)]

use std::process::Command;

/// The binary, run from the crate root, with no graph chosen by the environment and a
/// snapshot cache of the tests' own, never the user's.
pub fn dealgraph() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_dealgraph"));
    cmd.env_remove("DEALGRAPH_GRAPH").env(
        "DEALGRAPH_CACHE_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
    );
    cmd
}

/// `output`, after checking that its command succeeded (failing with its standard error).
pub fn succeeded(output: std::process::Output) -> std::process::Output {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The Python to run (`$DEALGRAPH_PYTHON`, else `python3`) when it imports every one of
/// `modules`; `None`, after saying why and how to get them, when it does not and the test may
/// be skipped. Under CI (`CI` set) a missing package fails the test instead: `.ci/run`
/// installs them.
pub fn python_with(modules: &[&str], test: &str) -> Option<String> {
    let python = std::env::var("DEALGRAPH_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let imports = format!("import {}", modules.join(", "));
    let probe = Command::new(&python).args(["-c", &imports]).output();
    let problem = match probe {
        Ok(output) if output.status.success() => return Some(python),
        Ok(output) => format!(
            "`{python} -c '{imports}'` failed: {}",
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .last()
                .unwrap_or("no message")
        ),
        Err(err) => format!("cannot run `{python}`: {err}"),
    };
    let packages = modules.join(" ");
    if std::env::var_os("CI").is_some() {
        panic!(
            "{problem}\nCI must run the {test} tests: set DEALGRAPH_PYTHON to a Python with \
             {packages} installed (.ci/run does)"
        );
    }
    eprintln!(
        "skipping the {test} tests: {problem}\n\
         to run them: python3 -m venv /tmp/dgvenv && /tmp/dgvenv/bin/pip install {packages} && \
         DEALGRAPH_PYTHON=/tmp/dgvenv/bin/python cargo test"
    );
    None
}

/// A graph of `relations` relations drawn by `dealgraph generate` with `seed`, written into
/// `dir`: the folder's path.
pub fn generated_graph(dir: &std::path::Path, relations: &str, seed: &str) -> std::path::PathBuf {
    let graph = dir.join("graph");
    succeeded(
        dealgraph()
            .args([
                "generate",
                "--relations",
                relations,
                "--seed",
                seed,
                "--out",
            ])
            .arg(&graph)
            .output()
            .expect("the binary runs"),
    );
    graph
}

/// The files of `folder` whose names end in `.extension`, sorted; none when it cannot be read.
pub fn files_with_extension(folder: &std::path::Path, extension: &str) -> Vec<std::path::PathBuf> {
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(folder)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    found.retain(|path| path.extension().is_some_and(|ext| ext == extension));
    found.sort();
    found
}
