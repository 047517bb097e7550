//! Finding companies by part of a name: every company whose id, name, alias or ticker contains
//! the text, case and punctuation ignored, best first.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::graph::KnowledgeGraph;
use crate::model::Company;
use crate::names::{name_key, ticker_keys, word_keys};

/// How a company's names matched the text, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// A name is the text.
    Exact,
    /// A name starts with the text.
    Prefix,
    /// A word of a name starts with the text.
    Word,
    /// A name holds the text elsewhere.
    Contains,
}

/// What to search, and how many hits to keep.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    /// Only companies tagged with this sector (a slug).
    pub sector: Option<String>,
    /// Only companies of this country (ISO 3166-1 alpha-2, case ignored).
    pub country: Option<String>,
    /// Keep at most this many hits; `None` keeps all.
    pub limit: Option<usize>,
}

/// One company found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The company's node.
    #[serde(skip)]
    pub node: NodeIndex,
    /// How well it matched.
    pub matched: MatchKind,
    /// The name, alias, id or ticker that matched, as written.
    pub matched_on: String,
    /// Its relations, both ways.
    pub relations: usize,
}

/// The companies found, and how many there were before `limit` cut the list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    /// The hits, best first: by how they matched, then by relations (most first), then id.
    pub hits: Vec<Hit>,
    /// Every company that matched.
    pub total: usize,
}

/// The companies whose id, name, alias or ticker contains `text`, case and punctuation
/// ignored (`capital` finds `Sequoia Capital`), best first. Nothing matches an empty text.
///
/// # Example
///
/// ```
/// use dealgraph::query::search::{search, SearchOptions};
///
/// let graph = dealgraph::curated::load();
/// let found = search(&graph, "capital", &SearchOptions::default());
/// let ids: Vec<&str> = found.hits.iter().map(|hit| graph.company_id(hit.node)).collect();
/// assert!(ids.contains(&"sequoia") && ids.contains(&"thrive-capital"));
/// ```
pub fn search(graph: &KnowledgeGraph, text: &str, options: &SearchOptions) -> Found {
    let wanted = name_key(text);
    if wanted.is_empty() {
        return Found {
            hits: Vec::new(),
            total: 0,
        };
    }
    let mut hits: Vec<Hit> = graph
        .graph()
        .node_indices()
        .filter(|&node| kept(graph.company(node), options))
        .filter_map(|node| {
            let (matched, matched_on) = best_match(graph.company(node), &wanted)?;
            let relations = graph
                .graph()
                .edges_directed(node, Direction::Outgoing)
                .count()
                + graph
                    .graph()
                    .edges_directed(node, Direction::Incoming)
                    .count();
            Some(Hit {
                node,
                matched,
                matched_on,
                relations,
            })
        })
        .collect();
    let total = hits.len();
    let order = |a: &Hit, b: &Hit| {
        (
            a.matched,
            std::cmp::Reverse(a.relations),
            graph.company_id(a.node),
        )
            .cmp(&(
                b.matched,
                std::cmp::Reverse(b.relations),
                graph.company_id(b.node),
            ))
    };
    if let Some(limit) = options.limit
        && limit < hits.len()
    {
        if limit > 0 {
            hits.select_nth_unstable_by(limit - 1, order);
        }
        hits.truncate(limit);
    }
    hits.sort_by(order);
    Found { hits, total }
}

fn kept(company: &Company, options: &SearchOptions) -> bool {
    let sector = options
        .sector
        .as_ref()
        .is_none_or(|sector| company.sectors.iter().any(|s| s == sector));
    let country = options.country.as_ref().is_none_or(|country| {
        company
            .country
            .as_ref()
            .is_some_and(|c| c.eq_ignore_ascii_case(country))
    });
    sector && country
}

/// How the best of a company's names matches the key `wanted`, and that name.
fn best_match(company: &Company, wanted: &str) -> Option<(MatchKind, String)> {
    let names = [company.name.as_str(), company.id.as_str()]
        .into_iter()
        .chain(company.aliases.iter().map(String::as_str));
    let mut best: Option<(MatchKind, String)> = names
        .filter_map(|name| Some((match_kind(name, wanted)?, name.to_owned())))
        .min();
    if let Some(ticker) = &company.ticker
        && ticker_keys(ticker).iter().any(|key| key.as_str() == wanted)
        && best
            .as_ref()
            .is_none_or(|(kind, _)| *kind > MatchKind::Exact)
    {
        best = Some((MatchKind::Exact, ticker.clone()));
    }
    best
}

/// How `name` matches the key `wanted`: the whole name, its start, a word's start, or within.
fn match_kind(name: &str, wanted: &str) -> Option<MatchKind> {
    let key = name_key(name);
    if key == wanted {
        return Some(MatchKind::Exact);
    }
    if key.starts_with(wanted) {
        return Some(MatchKind::Prefix);
    }
    if !key.contains(wanted) {
        return None;
    }
    // A word's start, or a run of words from one's start (`openai` in "Open AI"): a word
    // that starts with the text is the run of that word alone.
    let words = word_keys(name);
    let spans_words = (0..words.len()).any(|i| words[i..].concat().starts_with(wanted));
    Some(if spans_words {
        MatchKind::Word
    } else {
        MatchKind::Contains
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rank_whole_then_start_then_word_then_within() {
        assert_eq!(match_kind("Oracle", "oracle"), Some(MatchKind::Exact));
        assert_eq!(match_kind("OpenAI", "open"), Some(MatchKind::Prefix));
        assert_eq!(
            match_kind("Sequoia Capital", "capital"),
            Some(MatchKind::Word)
        );
        assert_eq!(
            match_kind("Blue Owl Capital", "owlcap"),
            Some(MatchKind::Word)
        );
        assert_eq!(match_kind("CoreWeave", "weave"), Some(MatchKind::Contains));
        assert_eq!(match_kind("Nvidia", "amd"), None);
    }
}
