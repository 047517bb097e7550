//! Candidate duplicates: pairs of company records that may describe one company, ranked, each
//! with the reasons it was proposed. `dealgraph dedupe` prints them; `dealgraph merge` acts.
//!
//! A pair is proposed for any of:
//! - **a shared external id**: the same Wikidata item, LEI, Crunchbase permalink or ticker;
//! - **the same name**: equal after folding case and punctuation and dropping legal suffixes
//!   (`Alteryx, Inc.` and `Alteryx`), comparing every name and alias of both;
//! - **the same web domain**: home pages on one host (`www.` ignored), unless more than
//!   [`MAX_DOMAIN_SHARERS`] companies share it (a hosting platform, not evidence);
//! - **a close name**: the folded names sorted, each compared with the
//!   [`WINDOW`] that follow it (the sorted-neighbourhood method, so the work grows with the
//!   number of names, not its square), proposed at a Jaro-Winkler similarity of at least
//!   [`MIN_CLOSE_SIMILARITY`] (the measure the "did you mean" of every error uses) when they
//!   also differ by few edits ([`MIN_CLOSE_EDIT_SIMILARITY`]).
//!
//! Two records related to each other (one owns, funds or competes with the other) are most
//! likely two companies: such a pair is still proposed, marked, at half its score.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::graph::KnowledgeGraph;
use crate::model::{Company, CompanyId, RelationKind};
use crate::names::{legal_name_key, ticker_keys};
use crate::suggest::similarity;

/// How many folded names that follow a name in sorted order it is compared with.
pub const WINDOW: usize = 8;
/// The least Jaro-Winkler similarity of two folded names for a close-name reason.
pub const MIN_CLOSE_SIMILARITY: f64 = 0.93;
/// The least share of characters two close names must keep under the fewest edits
/// (Damerau-Levenshtein, normalised): Jaro-Winkler alone rewards a shared prefix, and would
/// pair `coursehero` with `coursehorse`; at 0.875 a name of eight letters may differ by one.
pub const MIN_CLOSE_EDIT_SIMILARITY: f64 = 0.875;
/// The shortest folded name compared for closeness: shorter names are close to too many.
pub const MIN_CLOSE_LENGTH: usize = 5;
/// A web domain shared by more companies than this is a platform, not evidence.
pub const MAX_DOMAIN_SHARERS: usize = 5;

/// Why a pair was proposed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// `shared_id`, `same_name`, `same_domain` or `close_name`.
    pub reason: &'static str,
    /// What they share: `crunchbase /company/alteryx`, `alteryx`, `openai.com`, or the two
    /// close names and their similarity.
    pub detail: String,
    /// What the reason adds to the pair's score.
    pub weight: f64,
}

/// Two records that may be one company.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The record to keep: the one with more relations (then the shorter id, then the first
    /// in order).
    pub keep: CompanyId,
    /// The record to merge into it.
    pub duplicate: CompanyId,
    /// The sum of the reasons' weights, halved for a pair related to each other.
    pub score: f64,
    /// Why the pair was proposed, strongest first.
    pub reasons: Vec<Reason>,
    /// The types of the relations between the two, if any: a sign of two companies.
    pub related: Vec<RelationKind>,
    /// The fields with room for one value in which the two differ: `merge` refuses until one
    /// is cleared.
    pub differing: Vec<String>,
    /// How many relations each has, `keep` first.
    pub relations: [usize; 2],
}

/// The candidates, best first, and how many there were before the limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicates {
    /// The candidates kept, best first.
    pub candidates: Vec<Candidate>,
    /// How many pairs were proposed in all.
    pub total: usize,
    /// Whether the limit left some out.
    pub truncated: bool,
}

/// The pairs of `graph`'s companies that may be duplicates, best first, at most `limit`.
/// The work is linear in the number of names (hashing, sorting and a fixed window), and the
/// ranking keeps only the `limit` best in full.
///
/// # Example
///
/// ```
/// use dealgraph::load::{GraphText, load};
///
/// let text = br#"{"companies": [
///     {"id": "alteryx", "name": "Alteryx, Inc."},
///     {"id": "alteryx-2", "name": "Alteryx"},
///     {"id": "oracle", "name": "Oracle"}]}"#;
/// let graph = load(&[GraphText::new("g.json", &text[..])]).unwrap();
/// let found = dealgraph::query::duplicates(&graph, 10);
/// assert_eq!(found.total, 1);
/// assert_eq!(found.candidates[0].reasons[0].reason, "same_name");
/// ```
pub fn duplicates(graph: &KnowledgeGraph, limit: usize) -> Duplicates {
    let companies: Vec<&Company> = graph.companies().collect();
    let mut pairs: BTreeMap<(usize, usize), Vec<Reason>> = BTreeMap::new();
    shared_ids(&companies, &mut pairs);
    same_names(&companies, &mut pairs);
    same_domains(&companies, &mut pairs);
    close_names(&companies, &mut pairs);
    let total = pairs.len();
    let mut candidates: Vec<Candidate> = pairs
        .into_iter()
        .map(|((a, b), reasons)| candidate(graph, a, b, reasons))
        .collect();
    candidates.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| x.keep.cmp(&y.keep))
            .then_with(|| x.duplicate.cmp(&y.duplicate))
    });
    candidates.truncate(limit);
    Duplicates {
        truncated: candidates.len() < total,
        candidates,
        total,
    }
}

/// Adds a reason to the pair of companies `a` and `b`, once per reason and detail.
fn propose(pairs: &mut BTreeMap<(usize, usize), Vec<Reason>>, a: usize, b: usize, reason: Reason) {
    if a == b {
        return;
    }
    let reasons = pairs.entry((a.min(b), a.max(b))).or_default();
    if !reasons.iter().any(|r| r.reason == reason.reason) {
        reasons.push(reason);
    }
}

/// Proposes every pair in each group of companies that share a key.
fn propose_groups(
    pairs: &mut BTreeMap<(usize, usize), Vec<Reason>>,
    groups: HashMap<String, BTreeSet<usize>>,
    max_group: usize,
    reason: impl Fn(&str) -> Reason,
) {
    let mut groups: Vec<(String, BTreeSet<usize>)> = groups.into_iter().collect();
    groups.sort();
    for (key, members) in groups {
        if members.len() < 2 || members.len() > max_group {
            continue;
        }
        let members: Vec<usize> = members.into_iter().collect();
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                propose(pairs, a, b, reason(&key));
            }
        }
    }
}

/// The largest group of companies sharing an external id or a name whose pairs are proposed:
/// a bigger group is a placeholder value, and listing its pairs would grow with its square.
const MAX_GROUP: usize = 20;

fn shared_ids(companies: &[&Company], pairs: &mut BTreeMap<(usize, usize), Vec<Reason>>) {
    let mut groups: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (index, company) in companies.iter().enumerate() {
        let ids = [
            ("wikidata", &company.wikidata),
            ("lei", &company.lei),
            ("crunchbase", &company.crunchbase),
        ];
        for (field, value) in ids {
            if let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                let key = format!("{field} {}", value.trim().to_lowercase());
                groups.entry(key).or_default().insert(index);
            }
        }
        if let Some(ticker) = &company.ticker {
            // The whole ticker only: the symbol alone is shared across exchanges.
            if let Some(whole) = ticker_keys(ticker).first() {
                groups
                    .entry(format!("ticker {whole}"))
                    .or_default()
                    .insert(index);
            }
        }
    }
    propose_groups(pairs, groups, MAX_GROUP, |key| Reason {
        reason: "shared_id",
        detail: key.to_owned(),
        weight: 1.0,
    });
}

fn same_names(companies: &[&Company], pairs: &mut BTreeMap<(usize, usize), Vec<Reason>>) {
    let mut groups: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (index, company) in companies.iter().enumerate() {
        for name in std::iter::once(&company.name).chain(&company.aliases) {
            let key = legal_name_key(name);
            if !key.is_empty() {
                groups.entry(key).or_default().insert(index);
            }
        }
    }
    propose_groups(pairs, groups, MAX_GROUP, |key| Reason {
        reason: "same_name",
        detail: key.to_owned(),
        weight: 0.9,
    });
}

fn same_domains(companies: &[&Company], pairs: &mut BTreeMap<(usize, usize), Vec<Reason>>) {
    let mut groups: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (index, company) in companies.iter().enumerate() {
        if let Some(domain) = company.url.as_deref().and_then(web_domain) {
            groups.entry(domain).or_default().insert(index);
        }
    }
    propose_groups(pairs, groups, MAX_DOMAIN_SHARERS, |domain| Reason {
        reason: "same_domain",
        detail: domain.to_owned(),
        weight: 0.6,
    });
}

fn close_names(companies: &[&Company], pairs: &mut BTreeMap<(usize, usize), Vec<Reason>>) {
    let mut names: Vec<(String, usize)> = companies
        .iter()
        .enumerate()
        .map(|(index, company)| (legal_name_key(&company.name), index))
        .filter(|(key, _)| key.chars().count() >= MIN_CLOSE_LENGTH)
        .collect();
    names.sort();
    for (i, (name, a)) in names.iter().enumerate() {
        for (other, b) in names.iter().skip(i + 1).take(WINDOW) {
            if name == other {
                continue;
            }
            let score = similarity(name, other);
            if score >= MIN_CLOSE_SIMILARITY
                && strsim::normalized_damerau_levenshtein(name, other) >= MIN_CLOSE_EDIT_SIMILARITY
            {
                propose(
                    pairs,
                    *a,
                    *b,
                    Reason {
                        reason: "close_name",
                        detail: format!("{name} ~ {other} ({score:.2})"),
                        weight: 0.5 * score,
                    },
                );
            }
        }
    }
}

/// The host of a home page, lowercased and without `www.`: `https://www.OpenAI.com/x` is
/// `openai.com`.
fn web_domain(url: &str) -> Option<String> {
    let with_scheme = if url.contains("://") {
        url.to_owned()
    } else {
        format!("https://{url}")
    };
    let parsed = url::Url::parse(&with_scheme).ok()?;
    let host = parsed.host_str()?.to_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_owned())
}

/// The candidate for the pair of nodes `a` and `b`.
fn candidate(graph: &KnowledgeGraph, a: usize, b: usize, mut reasons: Vec<Reason>) -> Candidate {
    let (a, b) = (NodeIndex::new(a), NodeIndex::new(b));
    let degree = |node| {
        graph
            .graph()
            .edges_directed(node, Direction::Outgoing)
            .count()
            + graph
                .graph()
                .edges_directed(node, Direction::Incoming)
                .count()
    };
    let (da, db) = (degree(a), degree(b));
    // Kept: more relations, then the shorter id, then the first in order.
    let rank = |node: NodeIndex, relations: usize| {
        (
            std::cmp::Reverse(relations),
            graph.company(node).id.as_str().len(),
            node.index(),
        )
    };
    let (keep, duplicate) = if rank(a, da) <= rank(b, db) {
        (a, b)
    } else {
        (b, a)
    };
    let mut related: Vec<RelationKind> = graph
        .graph()
        .edges_connecting(a, b)
        .chain(graph.graph().edges_connecting(b, a))
        .map(|edge| edge.weight().kind)
        .collect();
    related.sort_unstable();
    related.dedup();
    reasons.sort_by(|x, y| y.weight.total_cmp(&x.weight));
    let sum: f64 = reasons.iter().map(|r| r.weight).sum();
    let score = if related.is_empty() { sum } else { sum / 2.0 };
    let relations = if keep == a { [da, db] } else { [db, da] };
    Candidate {
        keep: graph.company(keep).id.clone(),
        duplicate: graph.company(duplicate).id.clone(),
        score: (score * 1000.0).round() / 1000.0,
        reasons,
        related,
        differing: differing(graph.company(keep), graph.company(duplicate)),
        relations,
    }
}

/// The single-valued fields in which two companies differ, as `field: one / other`.
fn differing(one: &Company, other: &Company) -> Vec<String> {
    [
        ("wikidata", &one.wikidata, &other.wikidata),
        ("lei", &one.lei, &other.lei),
        ("crunchbase", &one.crunchbase, &other.crunchbase),
        ("ticker", &one.ticker, &other.ticker),
        ("country", &one.country, &other.country),
        ("url", &one.url, &other.url),
    ]
    .into_iter()
    .filter_map(|(field, a, b)| match (a, b) {
        (Some(a), Some(b)) if a != b => Some(format!("{field}: {a} / {b}")),
        _ => None,
    })
    .collect()
}
