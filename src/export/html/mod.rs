//! An interactive map of a selection: one self-contained HTML page that works offline, opened
//! from disk, with the graph library embedded and the data as JSON.
//!
//! The page searches companies as the command line does, opens a panel with a company's
//! relations and their sources, filters by type, status, reliability and date, finds paths,
//! highlights conflicts and loops of money, and exports the view as PNG or SVG. Companies are
//! placed here, once ([`super::layout`]), so the page opens at once and always alike.
//!
//! The libraries are Cytoscape.js and canvas2svg, vendored from npm at pinned versions with
//! their licences in `src/export/html/vendor` (`refresh.sh` there fetches them again and checks
//! their checksums).

mod data;

use std::collections::BTreeSet;
use std::io::{self, Write};

use petgraph::graph::NodeIndex;

use self::data::MapData;
use super::dot::escape::html_escape;
use super::{Selection, layout};
use crate::graph::{KnowledgeGraph, RelationId};

/// The most companies a map holds: past this, a page takes seconds to draw and to filter, so
/// the command asks for a narrower selection instead.
pub const MAX_COMPANIES: usize = 5_000;

/// The most relations a map holds, for the same reason.
pub const MAX_RELATIONS: usize = 20_000;

const PAGE: &str = include_str!("map.html");
const STYLE: &str = include_str!("map.css");
const SCRIPT: &str = include_str!("map.js");
const CYTOSCAPE: &str = include_str!("vendor/cytoscape.min.js");
const CANVAS2SVG: &str = include_str!("vendor/canvas2svg.js");
const LICENSES: [(&str, &str); 2] = [
    ("Cytoscape.js", include_str!("vendor/LICENSE-cytoscape")),
    ("canvas2svg", include_str!("vendor/LICENSE-canvas2svg")),
];

/// What to put on a map besides its selection.
#[derive(Debug, Clone, Default)]
pub struct MapOptions {
    /// The page's title.
    pub title: String,
    /// Companies drawn with a heavy border: the company asked about, a path's ends.
    pub highlighted_companies: BTreeSet<NodeIndex>,
    /// Relations drawn heavy: the hops of a path, say.
    pub highlighted_relations: BTreeSet<RelationId>,
}

/// Why a map was not written.
#[derive(Debug, thiserror::Error)]
pub enum MapError {
    /// The selection is larger than a page can show and stay responsive.
    #[error(
        "the map would hold {companies} companies and {relations} relations, more than the {max_companies} companies and {max_relations} relations a page stays responsive with; narrow the selection (--focus COMPANY --depth 1, --path, --suppliers, --customers, --via TYPES, --as-of DATE, --min-status)",
        max_companies = MAX_COMPANIES,
        max_relations = MAX_RELATIONS
    )]
    TooLarge {
        /// Companies selected.
        companies: usize,
        /// Relations selected.
        relations: usize,
    },
    /// Writing failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Writes the map of `selection` as one HTML page to `out`. The same selection and options
/// always give the same bytes.
///
/// # Example
///
/// ```
/// use dealgraph::export::html::{MapOptions, write_html};
/// use dealgraph::export::Selection;
///
/// let graph = dealgraph::curated::load();
/// let mut page = Vec::new();
/// let options = MapOptions { title: "AI deals".into(), ..MapOptions::default() };
/// write_html(&graph, &Selection::whole(&graph), &options, &mut page).unwrap();
/// let page = String::from_utf8(page).unwrap();
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("<title>AI deals</title>"));
/// assert!(page.contains(r#""id":"openai""#));
/// ```
pub fn write_html(
    graph: &KnowledgeGraph,
    selection: &Selection,
    options: &MapOptions,
    out: &mut dyn Write,
) -> Result<(), MapError> {
    check_size(selection)?;
    let places = layout::positions(graph, selection);
    let highlight = (
        &options.highlighted_companies,
        &options.highlighted_relations,
    );
    let data = MapData::new(graph, selection, &places, highlight, &options.title);
    let json = serde_json::to_string(&data).map_err(io::Error::from)?;
    out.write_all(page(&options.title, &json).as_bytes())?;
    Ok(())
}

/// Refuses a selection larger than [`MAX_COMPANIES`] or [`MAX_RELATIONS`].
pub fn check_size(selection: &Selection) -> Result<(), MapError> {
    let (companies, relations) = (selection.companies.len(), selection.relations.len());
    if companies > MAX_COMPANIES || relations > MAX_RELATIONS {
        return Err(MapError::TooLarge {
            companies,
            relations,
        });
    }
    Ok(())
}

/// The page: the template with its style, libraries, script, data and title put in.
fn page(title: &str, json: &str) -> String {
    let licenses: String = LICENSES
        .iter()
        .map(|(name, text)| format!("{name}:\n{}\n", text.trim_end()))
        .collect();
    // `<` only occurs inside JSON strings, where `\u003c` means the same, and so no `</script>`
    // in the data can end its element.
    let json = json.replace('<', "\\u003c");
    // The licences go in a comment, which only `--` could end.
    let (title, licenses) = (html_escape(title), licenses.replace("--", "- -"));
    fill(
        PAGE,
        &[
            ("title", &title),
            ("licenses", &licenses),
            ("style", STYLE),
            ("cytoscape", CYTOSCAPE),
            ("canvas2svg", CANVAS2SVG),
            ("script", SCRIPT),
            ("data", &json),
        ],
    )
}

/// `template` with each `{{name}}` replaced by its value, in one pass: a value is never
/// searched for placeholders itself.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut page =
        String::with_capacity(template.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let name_and_rest = &rest[start + 2..];
        let value = name_and_rest.find("}}").and_then(|end| {
            let name = &name_and_rest[..end];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (end, *v))
        });
        page.push_str(&rest[..start]);
        match value {
            Some((end, value)) => {
                page.push_str(value);
                rest = &name_and_rest[end + 2..];
            }
            None => {
                page.push_str("{{");
                rest = name_and_rest;
            }
        }
    }
    page.push_str(rest);
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_data_can_close_its_script_element() {
        let page = page("t", r#"{"quote":"</script><script>alert(1)</script>"}"#);
        assert!(!page.contains("</script><script>alert"));
        assert!(page.contains(r#"\u003c/script>\u003cscript>alert(1)\u003c/script>"#));
    }

    #[test]
    fn the_title_is_text_not_markup() {
        let page = page(r#"<b>"A&B"</b>"#, "{}");
        assert!(page.contains("<title>&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;</title>"));
    }

    #[test]
    fn placeholders_are_filled_once_and_values_are_not_searched() {
        let filled = fill("{{a}} {{b}} {{c", &[("a", "{{b}}"), ("b", "B")]);
        assert_eq!(filled, "{{b}} B {{c");
        let page = page("t", r#"{"note":"{{script}}"}"#);
        assert!(page.contains(r#"{"note":"{{script}}"}"#));
    }
}
