//! Fuzz target: the Crunchbase CSV import on arbitrary bytes, given as each of its files in
//! turn (the first byte chooses which). It must never panic; what it imports must load.

use dealgraph::import::crunchbase::{CrunchbaseFiles, NamedReader, import};

fn main() {
    afl::fuzz!(|bytes: &[u8]| {
        let Some((&which, csv)) = bytes.split_first() else {
            return;
        };
        let reader = || Some(NamedReader::new("fuzz.csv", csv));
        let files = match which % 4 {
            0 => CrunchbaseFiles { companies: reader(), ..CrunchbaseFiles::default() },
            1 => CrunchbaseFiles { acquisitions: reader(), ..CrunchbaseFiles::default() },
            2 => CrunchbaseFiles { investments: reader(), ..CrunchbaseFiles::default() },
            _ => CrunchbaseFiles { investors: reader(), ..CrunchbaseFiles::default() },
        };
        if let Ok((graph, _)) = import(files) {
            let json = serde_json::to_vec(&graph).expect("an import serializes");
            let text = dealgraph::load::GraphText::new("import.json", json);
            let report = dealgraph::load::check(std::slice::from_ref(&text), false);
            assert!(
                report.graph.is_some(),
                "an import must load: {:?}",
                report.diagnostics.first().map(ToString::to_string)
            );
        }
    });
}
