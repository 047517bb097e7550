//! The conventions of the ecosystem: shell completions that a shell loads and completes with,
//! and a manual page.

mod common;

use common::dealgraph;

fn stdout(args: &[&str]) -> String {
    let output = dealgraph().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn bash_completes_subcommands_and_formats_from_the_script() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let script = dir.path().join("dealgraph.bash");
    std::fs::write(&script, stdout(&["completions", "bash"])).unwrap();
    let complete = |words: &str| {
        let output = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
                 _dealgraph dealgraph \"${{COMP_WORDS[-1]}}\" \"${{COMP_WORDS[-2]}}\"; \
                 printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                script.display()
            ))
            .output()
            .unwrap();
        String::from_utf8(common::succeeded(output).stdout).unwrap()
    };
    assert_eq!(complete("dealgraph exp"), "export\n");
    let formats = complete("dealgraph export ''");
    for format in ["graphml", "gexf", "neo4j", "cypher", "csv", "jsonl"] {
        assert!(
            formats.lines().any(|line| line == format),
            "{format} in {formats}"
        );
    }
}

#[test]
fn every_shell_gets_a_script_and_the_manual_page_is_roff() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        assert!(
            stdout(&["completions", shell]).contains("export"),
            "{shell}"
        );
    }
    let page = stdout(&["man"]);
    assert!(page.starts_with(".ie"), "{}", &page[..40]);
    assert!(page.contains(".TH dealgraph 1"));
    assert!(page.contains("export"));
}
