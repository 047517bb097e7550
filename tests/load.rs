//! Loading graphs: every fixture under `tests/fixtures/invalid/` with its exact diagnostics, the
//! valid fixtures with what they load to, the shipped dataset, and the loader never panicking
//! whatever the bytes.

use std::path::Path;

use dealgraph::load::{GraphText, check, read_graph};
use dealgraph::{KnowledgeGraph, LoadError, RelationId, Severity};
use proptest::prelude::*;
use serde_json::json;

/// The fixture's files, read as `dealgraph check --graph tests/fixtures/...` reads them, with
/// paths relative to the crate so snapshots do not depend on where it is checked out.
fn fixture(path: &Path) -> Vec<GraphText> {
    let relative = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path);
    read_graph(relative).expect("fixture is readable")
}

/// Every diagnostic's text, one per line, as `dealgraph check` prints them.
fn report(texts: &[GraphText], strict: bool) -> String {
    check(texts, strict)
        .diagnostics
        .iter()
        .map(|d| format!("{d}\n"))
        .collect()
}

/// Loads `tests/fixtures/valid/<case>`, failing with the errors when it does not load.
fn load_valid(case: &str) -> KnowledgeGraph {
    let texts = fixture(&Path::new("tests/fixtures/valid").join(case));
    let checked = check(&texts, false);
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors, Vec::<String>::new(), "{case} should load");
    checked.graph.expect("a graph without errors loads")
}

fn ids(graph: &KnowledgeGraph) -> Vec<&str> {
    graph.companies().map(|c| c.id.as_str()).collect()
}

#[test]
fn invalid_fixtures_report_every_problem_exactly() {
    insta::glob!("fixtures/invalid/*", |path| {
        let texts = fixture(path);
        assert!(
            check(&texts, true).graph.is_none(),
            "{} must not load under --strict",
            path.display()
        );
        insta::assert_snapshot!(report(&texts, false));
    });
}

#[test]
fn invalid_fixtures_do_not_load() {
    insta::glob!("fixtures/invalid/*", |path| {
        let texts = fixture(path);
        let Err(LoadError::Invalid(diagnostics)) = dealgraph::load::load(&texts) else {
            // Only relations without sources load: they are warnings unless --strict.
            assert!(path.ends_with("no-sources"), "{} loaded", path.display());
            return;
        };
        assert!(diagnostics.error_count() > 0, "{}", path.display());
    });
}

#[test]
fn load_error_counts_the_errors_and_lists_each_on_its_own_lines() {
    let texts = fixture(Path::new("tests/fixtures/invalid/many-problems"));
    let err = dealgraph::load::load(&texts).unwrap_err();
    // Loading leaves warnings (no sources) out: only what stops the graph.
    insta::assert_snapshot!(err.to_string());
}

#[test]
fn relations_without_sources_are_errors_under_strict() {
    let texts = fixture(Path::new("tests/fixtures/invalid/no-sources"));
    assert!(check(&texts, false).graph.is_some(), "a warning only");
    insta::assert_snapshot!(report(&texts, true), @r#"
    tests/fixtures/invalid/no-sources/graph.json:7:5: error: relations[0] (investment acme -> globex): no sources
      hint: add `sources`: [{"publisher": ..., "url": ..., "quote": ...}]
    "#);
}

#[test]
fn crlf_line_ends_keep_positions_right() {
    let crlf = report(
        &fixture(Path::new("tests/fixtures/invalid/crlf-line-ends")),
        false,
    );
    let lf = report(
        &fixture(Path::new("tests/fixtures/invalid/unknown-company")),
        false,
    );
    assert_eq!(crlf.replace("crlf-line-ends", "unknown-company"), lf);
}

#[test]
fn nesting_100000_deep_inside_a_record_is_an_error_not_a_crash() {
    let deep = format!(
        "{{\"companies\": [{{\"id\": \"acme\", \"name\": \"Acme\", \"extra\": {{\"deep\": {}{}}}}}]}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let texts = [GraphText::new("deep.json", deep.into_bytes())];
    insta::assert_snapshot!(report(&texts, true), @r"
    deep.json:1:190: error: companies[0] `acme`: `extra`: recursion limit exceeded
      hint: values nest deeper than 128 levels; a graph file never needs to
    ");
}

#[test]
fn nesting_100000_deep_as_the_whole_file_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let texts = [GraphText::new("deep.json", deep.into_bytes())];
    insta::assert_snapshot!(report(&texts, true), @r#"
    deep.json:1:1: error: invalid type: array, expected an object
      hint: a graph file is one JSON object: {"companies": [...], "relations": [...]}
    "#);
}

#[test]
fn smallest_graph_loads() {
    let graph = load_valid("smallest");
    assert_eq!(ids(&graph), ["a", "b"]);
    let [relation] = graph.relations().collect::<Vec<_>>()[..] else {
        panic!("one relation")
    };
    assert_eq!(relation.kind, dealgraph::RelationKind::Investment);
    assert_eq!((relation.from.as_str(), relation.to.as_str()), ("a", "b"));
    assert_eq!(relation.date, None);
    assert!(relation.sources.is_empty());
    // Imported graphs have no sources: a warning for `check`, nothing at all for `load`.
    let texts = fixture(Path::new("tests/fixtures/valid/smallest"));
    assert!(dealgraph::load::load(&texts).is_ok());
    insta::assert_snapshot!(report(&texts, false), @r#"
    tests/fixtures/valid/smallest/graph.json:7:5: warning: relations[0] (investment a -> b): no sources
      hint: add `sources`: [{"publisher": ..., "url": ..., "quote": ...}]
    "#);
}

#[test]
fn a_directory_merges_its_json_files_in_path_order() {
    let texts = fixture(Path::new("tests/fixtures/valid/split-directory"));
    let paths: Vec<&Path> = texts.iter().map(|t| t.path.as_path()).collect();
    // Not notes.txt, and nothing below the hidden .drafts/ folder.
    assert_eq!(
        paths,
        [
            Path::new("tests/fixtures/valid/split-directory/companies.json"),
            Path::new("tests/fixtures/valid/split-directory/deals/2024.json"),
        ]
    );
    let graph = load_valid("split-directory");
    assert_eq!(ids(&graph), ["acme", "globex", "initech"]);
    let ends: Vec<(&str, &str)> = graph
        .relations()
        .map(|r| (r.from.as_str(), r.to.as_str()))
        .collect();
    assert_eq!(ends, [("acme", "globex"), ("initech", "acme")]);
    assert_eq!(graph.graph().edge_count(), 2);
}

#[test]
fn extra_data_is_kept_as_written() {
    let graph = load_valid("extra");
    let acme = graph.company(graph.resolve("acme").expect("acme"));
    let company_extra = json!({"crm_id": 42, "tags": ["customer", "2024"], "contact": {"name": "Wile E.", "phone": null}});
    assert_eq!(json!(acme.extra), company_extra);
    let relation_extra = json!({"facts": ["F01", "F07"], "confidence": 0.75, "reviewed": true});
    assert_eq!(
        json!(graph.relation(RelationId::new(0)).extra),
        relation_extra
    );
    // And it is written back out as it came in.
    assert_eq!(json!(acme)["extra"], company_extra);
    assert_eq!(
        json!(graph.relation(RelationId::new(0)))["extra"],
        relation_extra
    );
    let globex = graph.company(graph.resolve("globex").expect("globex"));
    assert_eq!(globex.extra, None);
}

#[test]
fn partial_dates_load_at_the_precision_written() {
    let graph = load_valid("partial-dates");
    let dates: Vec<(String, Option<String>)> = graph
        .relations()
        .map(|r| {
            (
                r.date.expect("dated").to_string(),
                r.end.map(|d| d.to_string()),
            )
        })
        .collect();
    assert_eq!(
        dates,
        [
            ("2024".to_owned(), None),
            ("2024-10".to_owned(), Some("2026".to_owned())),
            // Ends within the month it began: not before it.
            ("2024-10-02".to_owned(), Some("2024-10".to_owned())),
            ("2024-02-29".to_owned(), None),
        ]
    );
    let year = graph.relation(RelationId::new(0)).date.expect("dated");
    assert_eq!((year.year(), year.month(), year.day()), (2024, None, None));
    let source_date = graph.relation(RelationId::new(2)).sources[0]
        .date
        .expect("dated");
    assert_eq!(source_date.to_string(), "2024-10-02");
}

#[test]
fn byte_order_mark_is_skipped() {
    let graph = load_valid("bom");
    assert_eq!(ids(&graph), ["acme"]);
    assert_eq!(
        graph.companies().next().map(|c| c.name.as_str()),
        Some("Acme")
    );
}

#[test]
fn crlf_line_ends_load() {
    let graph = load_valid("crlf");
    assert_eq!(ids(&graph), ["acme", "globex"]);
    assert_eq!(
        graph.relation(RelationId::new(0)).notes.as_deref(),
        Some("line ends are CRLF")
    );
}

#[test]
fn a_missing_path_is_an_io_error_naming_it() {
    let err = read_graph(Path::new("tests/fixtures/no-such-graph")).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }), "{err:?}");
    assert_eq!(err.to_string(), "tests/fixtures/no-such-graph: cannot read");
    let source = std::error::Error::source(&err)
        .and_then(|source| source.downcast_ref::<std::io::Error>())
        .expect("the system's reason is kept as the source");
    assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
}

#[test]
fn a_folder_without_json_files_is_an_error() {
    let empty = tempfile::tempdir().expect("temp dir");
    std::fs::write(empty.path().join("notes.txt"), "no graph here").expect("write");
    let err = read_graph(empty.path()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: no *.json graph files in this folder",
            empty.path().display()
        )
    );
}

#[test]
fn shipped_dataset_loads_under_strict() {
    let texts = read_graph(Path::new("graph")).expect("graph/ is readable");
    let checked = check(&texts, true);
    assert_eq!(report(&texts, true), "", "graph/ must check clean");
    let graph = checked.graph.expect("graph/ loads");
    assert!(
        graph.companies().len() >= 60,
        "{} companies",
        graph.companies().len()
    );
    assert!(
        graph.relation_count() >= 120,
        "{} relations",
        graph.relation_count()
    );
    for (i, relation) in graph.relations().enumerate() {
        assert!(
            relation
                .sources
                .iter()
                .any(|s| s.quote.as_deref().is_some_and(|q| !q.trim().is_empty())),
            "relation {i} ({} {} -> {}) has no source with a quote",
            relation.kind,
            relation.from,
            relation.to
        );
    }
}

#[test]
fn built_in_dataset_is_the_shipped_graph_folder() {
    let on_disk = read_graph(Path::new("graph")).expect("graph/ is readable");
    assert_eq!(dealgraph::curated::texts(), on_disk);
}

/// A valid graph file with every kind of field, to mutate.
fn valid_text() -> Vec<u8> {
    std::fs::read("tests/fixtures/valid/deals/graph.json").expect("fixture")
}

/// Checks `texts` and asserts what holds whatever the input: no panic, a graph exactly when
/// there is no error, and every position inside its file.
fn check_never_panics(texts: &[GraphText]) -> Result<(), TestCaseError> {
    let checked = check(texts, false);
    let has_errors = checked
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    prop_assert_eq!(checked.graph.is_some(), !has_errors);
    for diagnostic in &checked.diagnostics {
        let text = &texts
            .iter()
            .find(|t| t.path == diagnostic.path)
            .expect("a diagnostic names one of the files")
            .bytes;
        let lines = text.iter().filter(|&&b| b == b'\n').count() + 1;
        prop_assert!(
            diagnostic.line >= 1 && diagnostic.line <= lines,
            "{diagnostic}"
        );
        prop_assert!(diagnostic.column >= 1, "{diagnostic}");
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(prop::sample::Index),
    Flip(prop::sample::Index, u8),
    Insert(prop::sample::Index, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop::sample::select(
        b"{}[]\":,\\-0e.\n\r\t \xef\xbb\xbf\xff\x00"
            .iter()
            .map(|&b| vec![b])
            .chain([b"1e400".to_vec(), b"null".to_vec(), b"\"x\"".to_vec()])
            .collect::<Vec<_>>(),
    );
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<prop::sample::Index>(), interesting).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (
            any::<prop::sample::Index>(),
            prop::collection::vec(any::<u8>(), 1..8)
        )
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
    ]
}

fn apply(text: &mut Vec<u8>, mutation: &Mutation) {
    match mutation {
        Mutation::Truncate(at) => text.truncate(at.index(text.len() + 1)),
        Mutation::Flip(_, _) if text.is_empty() => {}
        Mutation::Flip(at, byte) => {
            let at = at.index(text.len());
            text[at] = *byte;
        }
        Mutation::Insert(at, bytes) => {
            let at = at.index(text.len() + 1);
            text.splice(at..at, bytes.iter().copied());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_never_panics(&[GraphText::new("fuzz.json", bytes)])?;
    }

    #[test]
    fn mutated_graph_files_never_panic_the_loader(
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut text = valid_text();
        for mutation in &mutations {
            apply(&mut text, mutation);
        }
        // A second, intact file that names the same companies, as a folder would hold.
        let other = br#"{"relations": [{"type": "supply", "from": "oracle", "to": "openai"}]}"#;
        check_never_panics(&[
            GraphText::new("a.json", text),
            GraphText::new("b.json", &other[..]),
        ])?;
    }
}

/// `dealgraph check`'s lines for one file `g.json` holding `text`.
fn report_of(text: &str) -> String {
    report(&[GraphText::new("g.json", text.as_bytes().to_vec())], false)
}

/// The errors alone of [`report_of`], with their hints.
fn errors_of(text: &str) -> String {
    check(&[GraphText::new("g.json", text.as_bytes().to_vec())], false)
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{d}\n"))
        .collect()
}

/// A file with companies `a` and `b` and the relations given, as JSON objects.
fn with_relations(relations: &str) -> String {
    format!(
        "{{\"companies\": [{{\"id\": \"a\", \"name\": \"A\"}}, {{\"id\": \"b\", \"name\": \"B\"}}],\n\"relations\": [{relations}]}}\n"
    )
}

#[test]
fn a_file_naming_companies_or_relations_twice_is_an_error_not_a_silent_loss() {
    for text in [
        r#"{"companies": [{"id": "a", "name": "A"}], "companies": [{"id": "b", "name": "B"}]}"#,
        r#"{"relations": [], "relations": []}"#,
    ] {
        let lines = report_of(text);
        assert!(lines.contains("error: duplicate field"), "{text}: {lines}");
    }
}

#[test]
fn errors_name_a_relation_by_its_place_in_the_file() {
    let text = with_relations(
        r#"{"type": "lease", "from": "a", "to": "b"},
{"type": "lease", "from": "b", "to": "a"},
{"type": "lease", "from": "a", "to": "zed"}"#,
    );
    assert_eq!(
        errors_of(&text),
        "g.json:4:38: error: relations[2] (lease a -> zed): unknown company `zed` in `to`\n  \
         hint: define it under `companies`, or fix the id\n"
    );
}

#[test]
fn a_value_of_the_wrong_shape_is_pointed_at_where_it_starts() {
    for (field, value) in [("sources", r#"{"url": "x"}"#), ("aliases", r#"{"a": 1}"#)] {
        let record = if field == "aliases" {
            format!(r#"{{"companies": [{{"id": "a", "name": "A", "{field}": {value}}}]}}"#)
        } else {
            with_relations(&format!(
                r#"{{"type": "lease", "from": "a", "to": "b", "{field}": {value}}}"#
            ))
        };
        let lines = report_of(&record);
        let (line, column) = record
            .lines()
            .enumerate()
            .find_map(|(n, text)| text.find(value).map(|at| (n + 1, at + 1)))
            .expect("the value is in the file");
        assert!(
            lines.starts_with(&format!("g.json:{line}:{column}: error: ")),
            "{field}: {lines}"
        );
    }
}

#[test]
fn type_errors_speak_json_and_say_how_to_write_the_value() {
    let company = |field: &str, value: &str| {
        format!(r#"{{"companies": [{{"id": "a", "name": "A", "{field}": {value}}}]}}"#)
    };
    let relation = |field: &str, value: &str| {
        with_relations(&format!(
            r#"{{"type": "lease", "from": "a", "to": "b", "{field}": {value}}}"#
        ))
    };
    let cases = [
        (
            relation("gpus", r#""many""#),
            "expected a whole number",
            "write numbers without quotes, units or commas",
        ),
        (
            company("aliases", r#""Ay""#),
            "expected an array",
            "write a list in brackets",
        ),
        (
            company("country", r#"["US"]"#),
            "invalid type: array, expected a string",
            "write text in double quotes",
        ),
        (
            company("country", r#"{"code": "US"}"#),
            "invalid type: object, expected a string",
            "write text in double quotes",
        ),
        (
            "5".to_owned(),
            "expected an object",
            "a graph file is one JSON object",
        ),
        (
            relation("lead", r#""yes""#),
            "expected a boolean",
            "write `true` or `false`, without quotes",
        ),
        (
            r#"{"companies": ["acme"]}"#.to_owned(),
            "expected an object",
            "a company is an object",
        ),
        (
            with_relations(r#""a leases to b""#),
            "expected an object",
            "a relation is an object",
        ),
        (
            relation("sources", r#"["https://example.com"]"#),
            "expected an object",
            "a source is an object",
        ),
    ];
    for (text, message, hint) in cases {
        let lines = report_of(&text);
        assert!(lines.contains(message), "{text}\n{lines}");
        assert!(lines.contains(&format!("hint: {hint}")), "{text}\n{lines}");
    }
}

#[test]
fn a_relation_ending_on_the_day_it_begins_is_valid() {
    let text = with_relations(
        r#"{"type": "lease", "from": "a", "to": "b", "date": "2024-01-05", "end": "2024-01-05"}"#,
    );
    assert_eq!(errors_of(&text), "");
}

#[test]
fn names_mixing_scripts_are_flagged_by_their_imitating_letters_only() {
    let one = |name: &str| {
        report_of(&format!(
            r#"{{"companies": [{{"id": "a", "name": "{name}"}}]}}"#
        ))
    };
    let cyrillic_a = one("\u{0410}pple");
    assert!(
        cyrillic_a.contains(": name `\u{0410}pple` mixes scripts: U+0410 `\u{0410}`\n"),
        "{cyrillic_a}"
    );
    assert_eq!(one("Apple"), "", "one script");
    assert_eq!(
        one("\u{042F}\u{043D}\u{0434}\u{0435}\u{043A}\u{0441}"),
        "",
        "Cyrillic alone"
    );
}

#[test]
fn a_company_whose_aliases_fold_alike_is_not_said_to_clash_with_itself() {
    let text =
        r#"{"companies": [{"id": "openai", "name": "OpenAI", "aliases": ["Open AI", "open-ai"]}]}"#;
    let lines = report_of(text);
    assert!(
        !lines.contains("alias of `openai`"),
        "its own aliases are not another company's: {lines}"
    );
}

#[test]
fn check_finds_a_relation_written_twice_and_a_symmetric_one_written_both_ways() {
    let text = r#"{"companies": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
  "relations": [
    {"type": "investment", "from": "a", "to": "b", "date": "2024", "amount_usd": 5, "sources": [{"publisher": "P"}]},
    {"type": "partnership", "from": "a", "to": "b", "sources": [{"publisher": "P"}]},
    {"type": "investment", "from": "a", "to": "b", "date": "2024", "amount_usd": 5, "status": "reported", "sources": [{"publisher": "Q"}]},
    {"type": "partnership", "from": "b", "to": "a", "sources": [{"publisher": "P"}]},
    {"type": "investment", "from": "a", "to": "b", "date": "2025", "amount_usd": 5, "sources": [{"publisher": "P"}]}
  ]}"#;
    assert_eq!(
        report_of(text),
        "g.json:5:5: error: relations[2] (investment a -> b): the same relation as an earlier record\n  \
         hint: first written at g.json:3:5, with the same type, companies, dates, amounts and deal: merge the two records' sources into one\n\
         g.json:6:5: error: relations[3] (partnership b -> a): a symmetric relation written both ways\n  \
         hint: also written the other way at g.json:4:5: a symmetric type reads both ways, so keep one of the two records\n"
    );
    let loaded = dealgraph::load::load(&[GraphText::new("g.json", text.as_bytes().to_vec())]);
    assert!(loaded.is_ok(), "loading alone does not look for repeats");
}

#[test]
fn check_warns_of_two_companies_of_one_name_and_refuses_an_alias_that_is_a_ticker() {
    let text = r#"{"companies": [
    {"id": "nvidia", "name": "Nvidia", "ticker": "NASDAQ:NVDA"},
    {"id": "nvidia-2", "name": "NVIDIA"},
    {"id": "other", "name": "Other", "aliases": ["NVDA"]}
  ]}"#;
    assert_eq!(
        report_of(text),
        "g.json:3:32: warning: companies[1] `nvidia-2`: the name `NVIDIA` is also that of `nvidia` (Nvidia)\n  \
         hint: naming it on the command line is ambiguous: tell the names apart, or merge the two records\n\
         g.json:4:49: error: companies[2] `other`: alias `NVDA` is the ticker of `nvidia` (Nvidia)\n  \
         hint: a ticker names its company: remove the alias or fix the ticker\n"
    );
}

#[test]
fn check_refuses_bad_countries_currencies_ranges_stakes_and_addresses() {
    let text = r#"{"companies": [{"id": "a", "name": "A", "country": "USA"}, {"id": "b", "name": "B", "country": "ZZ"}],
  "relations": [
    {"type": "investment", "from": "a", "to": "b", "amount_usd": 9, "amount_max_usd": 5, "stake_percent": 120, "currency": "EURO", "amount": 1, "sources": [{"publisher": "P", "url": "www.example.com/a"}]},
    {"type": "investment", "from": "b", "to": "a", "amount": 3, "sources": [{"publisher": "P", "url": "ftp://example.com/a"}]}
  ]}"#;
    assert_eq!(
        errors_of(text),
        "g.json:1:52: error: companies[0] `a`: country `USA` is not an ISO 3166-1 alpha-2 code\n  \
         hint: use `US`, the two-letter code of United States of America\n\
         g.json:1:96: error: companies[1] `b`: country `ZZ` is not an ISO 3166-1 alpha-2 code\n  \
         hint: use the two capital letters of ISO 3166-1: US, GB, FR, JP\n\
         g.json:3:87: error: relations[0] (investment a -> b): `amount_max_usd` (5) is below `amount_usd` (9)\n  \
         hint: `amount_max_usd` is the top of the range, `amount_usd` the bottom\n\
         g.json:3:107: error: relations[0] (investment a -> b): `stake_percent` is 120, over 100\n  \
         hint: give the share held in percent: 27 for 27%\n\
         g.json:3:124: error: relations[0] (investment a -> b): currency `EURO` is not an ISO 4217 code\n  \
         hint: use the three capital letters of ISO 4217: EUR, GBP, JPY, CNY\n\
         g.json:3:156: error: relations[0] (investment a -> b): sources[0] `url` `www.example.com/a` is not a web address: relative URL without a base\n  \
         hint: give the page's full address, from `https://`\n\
         g.json:4:62: error: relations[1] (investment b -> a): `amount` without its `currency`\n  \
         hint: add `currency` (e.g. \"EUR\"), or give a dollar amount as `amount_usd`\n\
         g.json:4:76: error: relations[1] (investment b -> a): sources[0] `url` `ftp://example.com/a` is not a web address: the scheme is `ftp`, not http or https\n  \
         hint: give the page's full address, from `https://`\n"
    );
}

#[test]
fn check_warns_of_dates_after_today() {
    let text = r#"{"companies": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
  "relations": [
    {"type": "lease", "from": "a", "to": "b", "date": "9999-01", "sources": [{"publisher": "P", "date": "9998"}]},
    {"type": "lease", "from": "b", "to": "a", "date": "2001", "sources": [{"publisher": "P", "date": "2001-02"}]}
  ]}"#;
    let report = report_of(text);
    let today = dealgraph::date::today();
    assert_eq!(
        report,
        format!(
            "g.json:3:55: warning: relations[0] (lease a -> b): dated 9999-01, after today ({today})\n  \
             hint: check the year; a deal still to come is dated when it was announced\n\
             g.json:3:77: warning: relations[0] (lease a -> b): dated 9998, after today ({today})\n  \
             hint: check the year; a deal still to come is dated when it was announced\n"
        )
    );
}

#[test]
fn loans_take_the_fields_of_debt_and_fields_of_several_types_say_so() {
    let text = r#"{"companies": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
  "relations": [
    {"type": "loan", "from": "a", "to": "b", "lead": true, "round": "credit facility", "term_years": 5, "sources": [{"publisher": "P"}]},
    {"type": "loan", "from": "b", "to": "a", "valuation_usd": 5, "capacity_mw": 3, "sources": [{"publisher": "P"}]}
  ]}"#;
    assert_eq!(
        errors_of(text),
        "g.json:4:63: error: relations[1] (loan b -> a): `valuation_usd` belongs to investment relations, not to loan\n  \
         hint: remove it, fix the `type`, or move it into `extra`\n\
         g.json:4:81: error: relations[1] (loan b -> a): `capacity_mw` belongs to lease, compute or supply relations, not to loan\n  \
         hint: remove it, fix the `type`, or move it into `extra`\n"
    );
}
