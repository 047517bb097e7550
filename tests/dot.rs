//! `dealgraph dot`: the DOT of every mode pinned by snapshots, every mode rendered by the real
//! Graphviz without a single warning, hostile names shown literally, the same graph giving the
//! same bytes, `--render` and `-o` writing all or nothing, and the README's diagrams current.

mod common;

use common::dealgraph;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use dealgraph::export::{Diagram, DotOptions, EdgeLabels, to_dot};
use dealgraph::load::GraphText;
use dealgraph::query::RelationFilter;

/// A small graph with every relation type and status, a clause, a corporate family and a
/// supply chain.
const SMALL: &str = "tests/fixtures/dot/small.json";
/// Names and labels with quotes, backslashes, line breaks, `&`, markup, braces, hyphens,
/// emoji, right-to-left text and DOT keywords.
const HOSTILE: &str = "tests/fixtures/dot/hostile.json";

/// Every mode on the small graph: the snapshot's name and the arguments after `dot`.
const SMALL_MODES: &[(&str, &[&str])] = &[
    ("whole", &[]),
    ("whole-cluster", &["--cluster"]),
    (
        "whole-filtered",
        &["--via", "investment,ownership", "--min-status", "reported"],
    ),
    ("whole-as-of", &["--as-of", "2024-07", "--no-legend"]),
    ("focus", &["--focus", "cloud-d"]),
    (
        "focus-depth-2",
        &["--focus", "Gamma Search", "--depth", "2"],
    ),
    ("path", &["--path", "dc-e", "lab-a", "--all"]),
    ("path-context", &["--path", "chips-f", "lab-a", "--context"]),
    (
        "path-undirected",
        &[
            "--path",
            "lab-b",
            "misc-j",
            "--undirected",
            "--labels",
            "never",
        ],
    ),
    ("suppliers", &["--suppliers", "lab-a"]),
    ("suppliers-cluster", &["--suppliers", "lab-a", "--cluster"]),
    ("customers", &["--customers", "chips-f", "--depth", "1"]),
    ("conflicts", &["--conflicts"]),
    (
        "conflicts-company",
        &["--conflicts", "--company", "search-c"],
    ),
    (
        "conflicts-investor",
        &["--conflicts", "--investor", "fund-h2"],
    ),
];

/// Every mode on the hostile graph.
const HOSTILE_MODES: &[&[&str]] = &[
    &[],
    &["--cluster"],
    &["--focus", "emoji", "--depth", "2"],
    &["--path", "backslash", "emoji", "--all"],
    &["--path", "backslash", "emoji", "--context", "--cluster"],
    &["--suppliers", "emoji"],
    &["--customers", "braces"],
    &["--conflicts"],
    &["--conflicts", "--company", "rtl"],
];

/// The built-in dataset: the whole graph (76 companies, the readability check) and the
/// diagrams the README shows.
const CURATED_MODES: &[&[&str]] = &[
    &[],
    &["--cluster"],
    &["--focus", "nvidia", "--depth", "2"],
    &[
        "--path",
        "crusoe",
        "openai",
        "--all",
        "--via",
        "lease,compute,supply",
    ],
    &["--path", "crusoe", "openai", "--context"],
    &["--suppliers", "openai"],
    &["--conflicts"],
    &["--conflicts", "--company", "openai"],
];

/// `dealgraph [--graph GRAPH] dot ARGS`.
fn dot_command(graph: Option<&str>, args: &[&str]) -> Command {
    let mut cmd = dealgraph();
    if let Some(graph) = graph {
        cmd.args(["--graph", graph]);
    }
    cmd.arg("dot").args(args);
    cmd
}

/// What `dealgraph dot` writes, failing unless it succeeds in silence.
fn dot_output(graph: Option<&str>, args: &[&str]) -> String {
    let output = dot_command(graph, args).output().expect("dealgraph runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.is_empty(),
        "dot {args:?} on {graph:?} failed: {stderr}"
    );
    String::from_utf8(output.stdout).expect("DOT is UTF-8")
}

/// Whether Graphviz's `dot` can be run. Without it, the render tests fail under CI (which
/// installs it) and are skipped, saying so, elsewhere.
fn graphviz() -> bool {
    let found = Process::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "Graphviz's `dot` is not installed, and CI must render every diagram: install it with `apt-get install graphviz`"
        );
        eprintln!(
            "skipped: Graphviz's `dot` is not installed (`apt-get install graphviz`, `brew install graphviz`)"
        );
    }
    found
}

/// Renders `dot` with `dot -Tsvg`, failing on a non-zero exit or any message on stderr.
fn render_svg(dot: &str, case: &str) -> String {
    let mut child = Process::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz's dot runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("Graphviz's dot finishes");
    writer
        .join()
        .expect("the writer does not panic")
        .expect("Graphviz reads the whole diagram");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.is_empty(),
        "Graphviz complained about {case} ({}):\n{stderr}\n{dot}",
        output.status
    );
    let svg = String::from_utf8(output.stdout).expect("SVG is UTF-8");
    assert!(svg.trim_end().ends_with("</svg>"), "{case}: {svg}");
    svg
}

#[test]
fn every_mode_on_the_small_graph_is_pinned() {
    for (name, args) in SMALL_MODES {
        let dot = dot_output(Some(SMALL), args);
        insta::assert_snapshot!(
            format!("small-{name}"),
            dot,
            &format!("dot {}", args.join(" "))
        );
    }
}

#[test]
fn every_mode_renders_without_a_graphviz_warning() {
    if !graphviz() {
        return;
    }
    let cases = SMALL_MODES
        .iter()
        .map(|(_, args)| (Some(SMALL), *args))
        .chain(HOSTILE_MODES.iter().map(|args| (Some(HOSTILE), *args)))
        .chain(CURATED_MODES.iter().map(|args| (None, *args)));
    for (graph, args) in cases {
        let dot = dot_output(graph, args);
        render_svg(&dot, &format!("dot {} on {graph:?}", args.join(" ")));
    }
}

/// Text as Graphviz writes it in SVG: XML-escaped, and hyphens as `&#45;`.
fn svg_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
        .replace('-', "&#45;")
}

#[test]
fn hostile_names_are_drawn_exactly_as_written() {
    if !graphviz() {
        return;
    }
    let graph = dealgraph::load::load(&dealgraph::load::read_graph(Path::new(HOSTILE)).unwrap())
        .expect("the hostile fixture loads");
    let svg = render_svg(&dot_output(Some(HOSTILE), &[]), "the hostile graph");
    for company in graph.companies() {
        for word in company.name.split_whitespace() {
            let shown = svg_text(word);
            assert!(
                svg.contains(&shown),
                "{:?}: `{shown}` is not in the SVG",
                company.name
            );
        }
    }
    for label in [
        "&quot;$1B&quot; &lt;approx&gt; &amp; more \\, 2024&#45;10",
        "\\N\\G&amp;amp; (cancelled)",
        "asked investors not to fund",
    ] {
        assert!(svg.contains(label), "`{label}` is not in the SVG");
    }
}

#[test]
fn hostile_names_stay_inside_quotes() {
    let dot = dot_output(Some(HOSTILE), &[]);
    let expected = [
        r##"n0 [label="AT&amp;T", shape="box3d", fillcolor="#ffd27a"];"##,
        r##"n1 [label="Back\\slash Corp \\", shape="cylinder", fillcolor="#f7b27c"];"##,
        r##"n9 [label="Line one\nLine two\nLine three\nfour tabbed", shape="ellipse", fillcolor="#e2d9f3"];"##,
        r##"n10 [label="node", shape="octagon", fillcolor="#c9b8e8"];"##,
        r##"n11 [label="Say \"hi\" 'there' \"", shape="ellipse", fillcolor="#e2d9f3"];"##,
    ];
    for line in expected {
        assert!(
            dot.lines().any(|l| l.trim() == line),
            "`{line}` is not a line of:\n{dot}"
        );
    }
    // Every statement is on its own line: no name broke out of its quotes.
    for line in dot.lines() {
        let line = line.trim();
        let ends_well = line.ends_with(';') || line.ends_with('{') || line == "}";
        assert!(ends_well, "`{line}` is not a whole statement");
    }
}

#[test]
fn the_same_graph_gives_the_same_bytes() {
    for (graph, args) in [
        (Some(SMALL), &[][..]),
        (Some(SMALL), &["--conflicts", "--cluster"][..]),
        (Some(HOSTILE), &["--focus", "emoji", "--depth", "3"][..]),
        (None, &[][..]),
        (None, &["--suppliers", "openai", "--depth", "4"][..]),
    ] {
        let first = dot_output(graph, args);
        let second = dot_output(graph, args);
        assert_eq!(first, second, "dot {args:?} on {graph:?}");
    }
    // Two loads of the graph, through the library.
    let load = || dealgraph::load::load(&dealgraph::load::read_graph(Path::new(SMALL)).unwrap());
    let (one, two) = (load().unwrap(), load().unwrap());
    let filter = RelationFilter::default();
    let options = DotOptions {
        cluster: true,
        ..DotOptions::default()
    };
    assert_eq!(
        to_dot(&one, &Diagram::whole(&one, &filter), &options),
        to_dot(&two, &Diagram::whole(&two, &filter), &options)
    );
}

/// A chain of `lines` investments, `c0 -> c1 -> ...`, each dated 2024.
fn chain(lines: usize) -> dealgraph::KnowledgeGraph {
    let companies: Vec<serde_json::Value> = (0..=lines)
        .map(|i| serde_json::json!({ "id": format!("c{i}"), "name": format!("C{i}") }))
        .collect();
    let relations: Vec<serde_json::Value> = (0..lines)
        .map(|i| {
            serde_json::json!({
                "type": "investment", "from": format!("c{i}"), "to": format!("c{}", i + 1),
                "date": "2024", "status": "reported",
            })
        })
        .collect();
    let text = serde_json::json!({ "companies": companies, "relations": relations }).to_string();
    dealgraph::load::load(&[GraphText::new("chain.json", text.into_bytes())]).expect("loads")
}

#[test]
fn labels_give_way_on_big_diagrams() {
    let labelled = |lines: usize, edge_labels: EdgeLabels| {
        let graph = chain(lines);
        let diagram = Diagram::whole(&graph, &RelationFilter::default());
        let options = DotOptions {
            edge_labels,
            ..DotOptions::default()
        };
        to_dot(&graph, &diagram, &options)
            .matches(r#"label="2024""#)
            .count()
    };
    assert_eq!(labelled(200, EdgeLabels::Auto), 200);
    assert_eq!(labelled(201, EdgeLabels::Auto), 0);
    assert_eq!(labelled(201, EdgeLabels::Always), 201);
    assert_eq!(labelled(3, EdgeLabels::Never), 0);
}

/// The names of the files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("the folder is readable")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn output_file_holds_the_dot_and_nothing_else_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("small.dot");
    dot_command(Some(SMALL), &["--conflicts", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("")
        .stderr("");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        dot_output(Some(SMALL), &["--conflicts"])
    );
    assert_eq!(listing(dir.path()), ["small.dot"]);

    let missing = dir.path().join("no-such-folder").join("small.dot");
    let output = dot_command(Some(SMALL), &["-o"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let expected = format!(
        "error: cannot write {}: No such file or directory (os error 2)\n",
        missing.display()
    );
    assert_eq!(stderr, expected);
    assert_eq!(listing(dir.path()), ["small.dot"]);
}

#[test]
fn render_writes_the_image_to_the_file() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (format, magic) in [
        ("svg", &b"<?xml"[..]),
        ("png", &b"\x89PNG"[..]),
        ("pdf", &b"%PDF"[..]),
    ] {
        let file = dir.path().join(format!("path.{format}"));
        dot_command(
            Some(SMALL),
            &["--path", "dc-e", "lab-a", "--render", format, "-o"],
        )
        .arg(&file)
        .assert()
        .success()
        .stdout("")
        .stderr("");
        let bytes = fs::read(&file).unwrap();
        assert!(
            bytes.starts_with(magic),
            "{format} starts {:?}",
            &bytes[..8]
        );
    }
    assert_eq!(listing(dir.path()), ["path.pdf", "path.png", "path.svg"]);
}

#[test]
fn render_writes_to_a_pipe() {
    if !graphviz() {
        return;
    }
    let output = dot_command(Some(SMALL), &["--suppliers", "lab-a", "--render", "svg"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    let svg = String::from_utf8(output.stdout).unwrap();
    assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
}

#[test]
fn render_without_graphviz_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.svg");
    dot_command(Some(SMALL), &["--render", "svg", "-o"])
        .arg(&file)
        .env("PATH", dir.path())
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "error: --render needs Graphviz's `dot`, which is not installed or not on the PATH; \
             install it (`apt-get install graphviz`, `brew install graphviz`, or see \
             https://graphviz.org/download/), or leave out --render to write DOT, which needs no \
             Graphviz\n",
        );
    assert_eq!(listing(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_failed_render_leaves_the_file_as_it_was() {
    use std::os::unix::fs::PermissionsExt;

    let bin = tempfile::tempdir().unwrap();
    let fake = bin.path().join("dot");
    fs::write(
        &fake,
        "#!/bin/sh\ncat >/dev/null\necho 'Error: <stdin>: syntax error' >&2\nexit 1\n",
    )
    .unwrap();
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.svg");
    fs::write(&file, "the old diagram").unwrap();
    dot_command(Some(SMALL), &["--render", "svg", "-o"])
        .arg(&file)
        .env("PATH", format!("{}:/usr/bin:/bin", bin.path().display()))
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: Graphviz's `dot` failed (exit status: 1): Error: <stdin>: syntax error\n");
    assert_eq!(fs::read_to_string(&file).unwrap(), "the old diagram");
    assert_eq!(listing(dir.path()), ["out.svg"]);
}

#[test]
fn usage_errors_say_what_to_do() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--conflicts", "--via", "lease"],
            "error: --via and --exclude do not apply to --conflicts, which follows investment, ownership, exclusivity and competitor relations\n",
        ),
        (
            &["--path", "lab-a", "dc-e"],
            "error: no path from Alpha Lab to Epsilon Data Centers: relations are followed in their direction, and a path exists only against some: try --undirected, or swap FROM and TO\n",
        ),
        (
            &["--path", "dc-e", "lab-a", "--max-hops", "1"],
            "error: no path from Epsilon Data Centers to Alpha Lab within 1 hop: the shortest path has 2 hops: raise --max-hops\n",
        ),
        (
            &["--path", "lab-a", "Alpha Lab"],
            "error: FROM and TO are the same company (`lab-a`); name two different companies\n",
        ),
        (
            &["--focus", "lab-a", "--depth", "0"],
            "error: --depth 0 shows nothing; give 1 or more\n",
        ),
        (
            &["--path", "dc-e", "lab-a", "--limit", "0"],
            "error: --limit 0 would draw no path; give 1 or more\n",
        ),
    ];
    for (args, expected) in cases {
        dot_command(Some(SMALL), args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(*expected);
    }
}

#[test]
fn options_of_one_mode_need_that_mode() {
    for (args, name) in [
        (&["--depth", "2"][..], "depth-without-mode"),
        (&["--all"][..], "all-without-path"),
        (&["--company", "lab-a"][..], "company-without-conflicts"),
        (&["--focus", "lab-a", "--conflicts"][..], "two-modes"),
        (&["--path", "lab-a"][..], "path-needs-two"),
    ] {
        let output = dot_command(Some(SMALL), args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(output.stdout.is_empty());
        insta::assert_snapshot!(
            format!("usage-{name}"),
            String::from_utf8(output.stderr).unwrap(),
            &format!("dot {}", args.join(" "))
        );
    }
}

/// The `render NAME ARGS...` lines of `docs/diagrams.sh`.
fn readme_diagrams() -> Vec<(String, Vec<String>)> {
    diagram_lines("render ")
}

/// The `PREFIX NAME ARGS...` lines of `docs/diagrams.sh`.
fn diagram_lines(prefix: &str) -> Vec<(String, Vec<String>)> {
    let script = fs::read_to_string("docs/diagrams.sh").expect("docs/diagrams.sh exists");
    script
        .lines()
        .filter_map(|line| line.strip_prefix(prefix))
        .map(|rest| {
            let mut words = rest.split_whitespace().map(str::to_owned);
            let name = words.next().expect("render NAME ARGS...");
            (name, words.collect())
        })
        .collect()
}

#[test]
fn readme_diagrams_are_what_the_binary_draws_now() {
    let diagrams = readme_diagrams();
    assert!(diagrams.len() >= 2, "{diagrams:?}");
    for (name, args) in &diagrams {
        let output = dealgraph().args(args).output().expect("dealgraph runs");
        assert!(output.status.success(), "{args:?}");
        let committed = fs::read_to_string(format!("docs/{name}.dot"))
            .unwrap_or_else(|err| panic!("docs/{name}.dot: {err}"));
        assert!(
            committed == String::from_utf8_lossy(&output.stdout),
            "docs/{name}.dot is stale: run docs/diagrams.sh and commit the result"
        );
        let svg = fs::read_to_string(format!("docs/{name}.svg"))
            .unwrap_or_else(|err| panic!("docs/{name}.svg: {err}"));
        assert!(svg.trim_end().ends_with("</svg>"), "docs/{name}.svg");
    }
    let mut committed: Vec<String> = listing(Path::new("docs"))
        .into_iter()
        .filter_map(|file| file.strip_suffix(".dot").map(str::to_owned))
        .collect();
    committed.sort();
    let mut made: Vec<String> = (diagrams.into_iter().chain(diagram_lines("crunchbase ")))
        .map(|(name, _)| name)
        .collect();
    made.sort();
    assert_eq!(
        committed, made,
        "every docs/*.dot comes from docs/diagrams.sh"
    );
}

/// Where the full Crunchbase exports are, beside the project.
const CRUNCHBASE: &str = "../shared/data";

#[test]
fn crunchbase_diagrams_are_what_the_binary_draws_now_within_the_cap() {
    let diagrams = diagram_lines("crunchbase ");
    assert!(!diagrams.is_empty());
    if !Path::new(CRUNCHBASE).exists() {
        eprintln!(
            "skipping: the Crunchbase exports are not at {CRUNCHBASE} (samples/crunchbase/README.md says where they are)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("graph");
    let import = dealgraph()
        .args(["import", "crunchbase", "--from", CRUNCHBASE, "--out"])
        .arg(&graph)
        .output()
        .unwrap();
    assert!(import.status.success());
    for (name, args) in &diagrams {
        let output = dealgraph()
            .arg("--graph")
            .arg(&graph)
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}");
        let dot = String::from_utf8(output.stdout).unwrap();
        let committed = fs::read_to_string(format!("docs/{name}.dot")).unwrap();
        assert!(
            committed == dot,
            "docs/{name}.dot is stale: run docs/diagrams.sh and commit the result"
        );
        let companies = dot
            .lines()
            .filter(|line| line.trim_start().starts_with('n') && line.contains("[label="))
            .count();
        assert!(
            companies <= dealgraph::export::crowd::MAX_DRAWN,
            "{name} draws {companies} companies"
        );
        assert!(dot.contains("more companies"), "{name} gathers the rest");
        assert!(String::from_utf8_lossy(&output.stderr).contains("most connected"));
    }
}

#[test]
fn a_crowded_diagram_draws_the_most_connected_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let graph = common::generated_graph(dir.path(), "3000", "9");
    let output = dealgraph()
        .arg("--graph")
        .arg(&graph)
        .arg("dot")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("note: the diagram holds ")
            && stderr.contains("it draws the 150 most connected"),
        "{stderr}"
    );
    let dot = String::from_utf8(output.stdout).unwrap();
    let drawn = |dot: &str| {
        dot.lines()
            .filter(|line| line.trim_start().starts_with('n') && line.contains("[label="))
            .count()
    };
    assert_eq!(drawn(&dot), 150);
    assert!(dot.contains("shape=\"note\"") && dot.contains("more companies"));
    assert!(
        dot.contains("the 150 most connected of "),
        "the title says so"
    );
    // Asked for more, it draws them all and says nothing.
    let all = dealgraph()
        .arg("--graph")
        .arg(&graph)
        .args(["dot", "--max-companies", "100000"])
        .output()
        .unwrap();
    assert!(all.stderr.is_empty());
    let all = String::from_utf8(all.stdout).unwrap();
    assert!(drawn(&all) > 150 && !all.contains("more companies"));
}

#[test]
fn a_line_is_as_wide_as_its_amount() {
    let output = dealgraph().arg("dot").output().unwrap();
    let dot = String::from_utf8(output.stdout).unwrap();
    let graph = dealgraph::curated::load();
    let id = |name: &str| graph.resolve(name).unwrap().index();
    let line = |from: &str, to: &str| {
        let start = format!("n{} -> n{} [", id(from), id(to));
        dot.lines()
            .find(|line| line.trim_start().starts_with(&start))
            .unwrap_or_else(|| panic!("{from} -> {to}"))
            .to_owned()
    };
    // $300B of compute is drawn thick; an undisclosed lease at the edge default.
    let heavy = line("oracle", "openai");
    let width: f64 = heavy
        .split("penwidth=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|width| width.parse().ok())
        .unwrap_or_else(|| panic!("no width: {heavy}"));
    assert!(width >= 5.0, "{heavy}");
    assert!(!line("crusoe", "oracle").contains("penwidth"));
}
