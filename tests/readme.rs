//! Runs every example in README.md and compares its output, so the README stays true: the
//! `console` blocks with trycmd, from the crate root; the `shell-session` blocks, which write
//! files, in order, in a temporary folder of their own that holds a copy of `samples/`.

use std::path::Path;
use std::process::Command;

#[test]
fn readme_examples_print_what_they_say() {
    trycmd::TestCases::new().case("README.md");
}

/// One command of an editing example and what it prints.
struct Example {
    line: usize,
    command: String,
    fails: bool,
    output: String,
}

/// The `shell-session` blocks of the README: `$ ` starts a command, `? failed` says it exits
/// non-zero, and the lines up to the next command are its standard output then its errors.
fn editing_examples(readme: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut in_block = false;
    for (number, line) in readme.lines().enumerate() {
        if line == "```shell-session" {
            in_block = true;
        } else if in_block && line == "```" {
            in_block = false;
        } else if in_block {
            match (line.strip_prefix("$ "), examples.last_mut()) {
                (Some(command), _) => examples.push(Example {
                    line: number + 1,
                    command: command.to_owned(),
                    fails: false,
                    output: String::new(),
                }),
                (None, Some(example)) if line == "? failed" && example.output.is_empty() => {
                    example.fails = true;
                }
                (None, Some(example)) => {
                    example.output.push_str(line);
                    example.output.push('\n');
                }
                (None, None) => panic!("README.md:{}: output before any command", number + 1),
            }
        }
    }
    examples
}

#[test]
fn readme_editing_examples_print_what_they_say() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let examples = editing_examples(&readme);
    assert!(examples.len() >= 10, "the editing section has its examples");
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_folder(Path::new("samples"), &dir.path().join("samples"));
    for example in &examples {
        let words = shlex::split(&example.command).expect("the command is quoted properly");
        assert_eq!(words[0], "dealgraph", "README.md:{}", example.line);
        let output = Command::new(env!("CARGO_BIN_EXE_dealgraph"))
            .args(&words[1..])
            .current_dir(dir.path())
            .env_remove("DEALGRAPH_GRAPH")
            .env("DEALGRAPH_CACHE_DIR", dir.path().join(".cache"))
            .output()
            .expect("dealgraph runs");
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            (!output.status.success(), printed.as_str()),
            (example.fails, example.output.as_str()),
            "README.md:{}: `{}`",
            example.line,
            example.command
        );
    }
    assert!(Path::new(dir.path()).join("my-deals").is_dir());
}

/// Copies the files below `from` into `to`, as a fresh clone has them.
fn copy_folder(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("a readable sample");
        let target = to.join(entry.path().strip_prefix(from).expect("below the folder"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("a folder for the samples");
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy of a sample");
        }
    }
}
