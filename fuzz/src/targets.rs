//! The checks each fuzz target makes on one input, shared by the AFL binaries in `src/bin/`
//! and by dealgraph's `tests/fuzz_corpus.rs`, which replays the committed corpus through them.

use dealgraph::import::crunchbase::{CrunchbaseFiles, NamedReader, import};
use xxhash_rust::xxh3::xxh3_128;

/// What snapshot files begin with (`src/cache/framed.rs`).
const MAGIC: &[u8; 16] = b"dealgraph-snap03";

/// The graph loader on arbitrary bytes, as one file: it must never panic, and a graph it
/// accepts must answer what every graph answers.
pub fn load(bytes: &[u8]) {
    let text = dealgraph::load::GraphText::new("fuzz.json", bytes.to_vec());
    let report = dealgraph::load::check(std::slice::from_ref(&text), true);
    for diagnostic in &report.diagnostics {
        let _ = diagnostic.to_string();
    }
    if let Some(graph) = report.graph {
        assert_eq!(graph.companies().count(), graph.company_count());
        for relation in graph.relations() {
            assert!(graph.node(relation.from.as_str()).is_some());
            assert!(graph.node(relation.to.as_str()).is_some());
        }
    }
}

/// The snapshot reader on arbitrary bytes. An input whose first byte is odd gets its checksum
/// fixed up, so the sections behind it are read too; the reader must reject what is
/// inconsistent without panicking.
pub fn snapshot(bytes: &[u8]) {
    let Some((&flag, rest)) = bytes.split_first() else {
        return;
    };
    let input = if flag % 2 == 1 {
        let mut framed = MAGIC.to_vec();
        framed.extend_from_slice(rest);
        let sum = xxh3_128(&framed[MAGIC.len()..]);
        framed.extend_from_slice(&sum.to_le_bytes());
        framed
    } else {
        rest.to_vec()
    };
    if let Some(graph) = dealgraph::cache::decode_snapshot(input) {
        let edges = graph.graph().edge_count();
        assert_eq!(edges, graph.relation_count());
        for relation in graph.relation_ids() {
            let _ = graph.facts(relation);
        }
        for node in graph.graph().node_indices() {
            let _ = graph.company_id(node);
        }
    }
}

/// The Crunchbase import on arbitrary bytes, as the file the first byte chooses: it must never
/// panic, and what it imports must load.
pub fn import_csv(bytes: &[u8]) {
    let Some((&which, csv)) = bytes.split_first() else {
        return;
    };
    let reader = || Some(NamedReader::new("fuzz.csv", csv));
    let files = match which % 4 {
        0 => CrunchbaseFiles {
            companies: reader(),
            ..CrunchbaseFiles::default()
        },
        1 => CrunchbaseFiles {
            acquisitions: reader(),
            ..CrunchbaseFiles::default()
        },
        2 => CrunchbaseFiles {
            investments: reader(),
            ..CrunchbaseFiles::default()
        },
        _ => CrunchbaseFiles {
            investors: reader(),
            ..CrunchbaseFiles::default()
        },
    };
    if let Ok((graph, _)) = import(files) {
        let json = serde_json::to_vec(&graph).expect("an import serializes");
        let text = dealgraph::load::GraphText::new("import.json", json);
        // It must load; `check` may still find what the rows repeat (the same deal twice).
        if let Err(error) = dealgraph::load::load(std::slice::from_ref(&text)) {
            panic!("an import must load: {error}");
        }
    }
}

/// The mappings the table import is fuzzed with: every kind of field a spreadsheet has (names,
/// an amount, a date in formats, a word translated by `values`, a yes/no, extra columns, a
/// source), strict; and the same columns read leniently, without a header, the ends matched
/// by permalink with the companies made from the row.
const TABLE_MAPPINGS: [&str; 2] = [
    r#"
[relations]
from = "from"
to = "to"
type = { column = "type", values = { "equity" = "investment" } }
money = "amount"
date = { column = "date", formats = ["%m/%d/%Y", "%b %Y"] }
lead = "lead"
extra_columns = ["note"]

[relations.source]
url = "url"
quote = "quote"
"#,
    r#"
[relations]
header = false
invalid = "extra"
from = { column = "column 1", match = "crunchbase", name = "column 7", sectors = "column 8", country = "column 9" }
to = { column = "column 2", match = "crunchbase" }
type = { column = "column 3", values = { "equity" = "investment" } }
money = "column 4"
date = { column = "column 5", formats = ["%m/%d/%Y", "%b %Y"] }
lead = "column 6"
"#,
];

/// The table import on arbitrary bytes as one CSV file (the first byte's low bit chooses the
/// mapping): it must never panic, and what it accepts must load, or be refused by `check` with
/// its diagnostics, never with a panic.
pub fn import_table(bytes: &[u8]) {
    use dealgraph::import::table::{CsvFile, Mapping, import_csv};
    let Some((&which, csv)) = bytes.split_first() else {
        return;
    };
    let mapping = Mapping::from_toml(TABLE_MAPPINGS[usize::from(which & 1)])
        .expect("the fuzzing mappings read");
    let file = CsvFile {
        name: "fuzz.csv".to_owned(),
        bytes: csv.to_vec(),
    };
    match import_csv(&[file], &mapping, None) {
        Err(problems) => {
            assert!(
                !problems.0.is_empty(),
                "a refused import names its problems"
            );
            let _ = problems.to_string();
        }
        Ok(imported) => {
            let json = serde_json::to_vec(&imported.records).expect("an import serializes");
            let text = dealgraph::load::GraphText::new("import.json", json);
            let report = dealgraph::load::check(std::slice::from_ref(&text), false);
            for diagnostic in &report.diagnostics {
                let _ = diagnostic.to_string();
            }
        }
    }
}
