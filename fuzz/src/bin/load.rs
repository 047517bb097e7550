//! Fuzz target: the graph loader on arbitrary bytes, as one file. It must never panic, and a
//! graph it accepts must answer what every graph answers.

fn main() {
    afl::fuzz!(|bytes: &[u8]| {
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
    });
}
