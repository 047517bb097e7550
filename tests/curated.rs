//! The shipped dataset against its sources: every quote in `graph/` appears verbatim in the
//! investor newsletter or the fact sheet (`../shared/seed/`, `../shared/facts.md`), every relation
//! cites a fact or the newsletter, and every fact it cites exists. Skips, saying so, where
//! `../shared` is absent.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use dealgraph::GraphFile;

const SHARED: &str = "../shared";

/// Text compared as a reader would: whitespace runs as one space, curly and straight quote
/// marks alike, and a quote mark the fact sheet escapes (`\"`) as the mark.
fn normalized(text: &str) -> String {
    let marks: String = text
        .replace("\\\"", "\"")
        .chars()
        .map(|c| match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '`' => '\'',
            other => other,
        })
        .collect();
    marks.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sources' text (newsletter and fact sheet), normalized, or `None` where it is absent.
fn sources_text() -> Option<(String, BTreeSet<String>)> {
    let shared = Path::new(SHARED);
    let facts = fs::read_to_string(shared.join("facts.md")).ok()?;
    let mut text = normalized(&facts);
    for entry in fs::read_dir(shared.join("seed")).ok()? {
        let path = entry.ok()?.path();
        text.push(' ');
        text.push_str(&normalized(&fs::read_to_string(path).ok()?));
    }
    // Fact sheet quotes escape inner double quotes nowhere, so the cells are searched as
    // they stand; the fact ids are those of the table rows.
    let ids = facts
        .lines()
        .filter_map(|line| line.strip_prefix("| F"))
        .filter_map(|rest| rest.split(' ').next())
        .map(|digits| format!("F{digits}"))
        .collect();
    Some((text, ids))
}

fn curated_files() -> Vec<(String, GraphFile)> {
    let mut files: Vec<_> = fs::read_dir("graph")
        .expect("graph/ is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).expect("a graph file");
            let file: GraphFile = serde_json::from_str(&text).expect("a graph file parses");
            (path.display().to_string(), file)
        })
        .collect()
}

#[test]
fn every_quote_is_verbatim_in_the_sources_and_every_cited_fact_exists() {
    let Some((sources, fact_ids)) = sources_text() else {
        eprintln!(
            "skipped: {SHARED} is absent; the newsletter and fact sheet are not on this machine"
        );
        return;
    };
    let mut problems = Vec::new();
    let mut quotes = 0;
    for (path, file) in curated_files() {
        for (index, relation) in file.relations.iter().enumerate() {
            let at = format!(
                "{path} relations[{index}] ({} {} -> {})",
                relation.kind, relation.from, relation.to
            );
            let extra = relation.extra.as_ref();
            let cited: Vec<String> = extra
                .and_then(|extra| extra.get("facts"))
                .and_then(|facts| facts.as_array())
                .map(|facts| {
                    facts
                        .iter()
                        .filter_map(|f| f.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let seed =
                extra.and_then(|extra| extra.get("seed")) == Some(&serde_json::Value::Bool(true));
            if cited.is_empty() && !seed {
                problems.push(format!("{at}: cites no fact and not the newsletter"));
            }
            for fact in cited.iter().filter(|fact| !fact_ids.contains(*fact)) {
                problems.push(format!(
                    "{at}: cites {fact}, which the fact sheet does not have"
                ));
            }
            for (n, source) in relation.sources.iter().enumerate() {
                match &source.quote {
                    None => problems.push(format!("{at}: sources[{n}] has no quote")),
                    Some(quote) if !sources.contains(&normalized(quote)) => {
                        problems.push(format!(
                            "{at}: sources[{n}] quote is not in the sources: {quote}"
                        ));
                    }
                    Some(_) => quotes += 1,
                }
            }
            if relation.sources.is_empty() {
                problems.push(format!("{at}: no source"));
            }
        }
    }
    assert_eq!(problems, Vec::<String>::new());
    assert!(quotes > 300, "{quotes} quotes checked");
}

#[test]
fn the_dataset_is_large_enough_and_every_relation_is_quoted() {
    let files = curated_files();
    let companies: usize = files.iter().map(|(_, file)| file.companies.len()).sum();
    let relations: Vec<_> = files.iter().flat_map(|(_, file)| &file.relations).collect();
    assert!(companies >= 130, "{companies} companies");
    assert!(relations.len() >= 300, "{} relations", relations.len());
    let unquoted: Vec<String> = relations
        .iter()
        .filter(|relation| !relation.sources.iter().any(|source| source.quote.is_some()))
        .map(|relation| format!("{} {} -> {}", relation.kind, relation.from, relation.to))
        .collect();
    assert_eq!(unquoted, Vec::<String>::new());
}
