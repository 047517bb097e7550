//! Naming companies: by id, name or alias, ignoring case and punctuation.

use std::borrow::Borrow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use compact_str::CompactString;
use petgraph::graph::NodeIndex;
use unicode_normalization::UnicodeNormalization;

use crate::model::Company;
use crate::suggest::{self, MIN_SIMILARITY};

/// How many close names an unknown-company error suggests.
const MAX_SUGGESTIONS: usize = 3;
/// How many companies containing a mistyped name an error lists before saying how many more.
pub const MAX_PARTIAL: usize = 10;
/// How far below the best match a name may score and still be suggested beside it.
const SUGGESTION_MARGIN: f64 = 0.06;

/// Folds a name to its key: lowercase letters and digits only, so "Open AI", "open-ai" and
/// "OpenAI" share the key `openai`.
///
/// # Example
///
/// ```
/// use dealgraph::names::name_key;
///
/// assert_eq!(name_key("Open AI"), "openai");
/// assert_eq!(name_key("AT&T"), "att");
/// assert_eq!(name_key("Zürich Re"), "zürichre");
/// ```
pub fn name_key(name: &str) -> String {
    fold(name).into_string()
}

/// The keys of the words a name is made of (split at anything but letters and digits), in
/// order, empty words left out: what a search matches a word's start against.
///
/// # Example
///
/// ```
/// assert_eq!(dealgraph::names::word_keys("Open-AI Inc."), ["open", "ai", "inc"]);
/// ```
pub fn word_keys(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .map(name_key)
        .filter(|word| !word.is_empty())
        .collect()
}

/// [`name_key`] as an inline string: most keys fit in one, so indexing them allocates nothing.
pub(crate) fn fold(name: &str) -> CompactString {
    if name.is_ascii() {
        // The same result, byte by byte: most names and every id are ASCII.
        return name
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    // Composed first (NFC), so `Café` typed with a combining accent is the `Café` in the file.
    name.nfc()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The keys a ticker is looked up by: the ticker whole (`NASDAQ:NVDA`) and, with an exchange,
/// the symbol alone (`NVDA`).
///
/// # Example
///
/// ```
/// use dealgraph::names::ticker_keys;
///
/// assert_eq!(ticker_keys("NASDAQ:NVDA"), ["nasdaqnvda", "nvda"]);
/// assert_eq!(ticker_keys("ORCL"), ["orcl"]);
/// ```
pub fn ticker_keys(ticker: &str) -> Vec<CompactString> {
    let mut keys = vec![fold(ticker)];
    if let Some((_, symbol)) = ticker.rsplit_once(':') {
        keys.push(fold(symbol));
    }
    keys.retain(|key| !key.is_empty());
    keys.dedup();
    keys
}

/// The keys of companies' ids that another company's name or alias folds to as well, sorted
/// and without repeats: naming such an id is ambiguous.
pub(crate) fn shadowed_ids(companies: &[Company]) -> Vec<String> {
    let ids: FastMap<CompactString, usize> = companies
        .iter()
        .enumerate()
        .map(|(i, company)| (fold(company.id.as_str()), i))
        .collect();
    let mut shadowed: Vec<String> = Vec::new();
    for (i, company) in companies.iter().enumerate() {
        let names = std::iter::once(&company.name).chain(&company.aliases);
        for key in names.map(|name| fold(name)) {
            if ids.get(&key).is_some_and(|&owner| owner != i) {
                shadowed.push(key.into_string());
            }
        }
    }
    shadowed.sort_unstable();
    shadowed.dedup();
    shadowed
}

/// A company named in a query that could not be resolved to exactly one company.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// No company has that id, name or alias.
    #[error("unknown company `{query}`{}", did_you_mean(.suggestions))]
    Unknown {
        /// The name as given.
        query: String,
        /// The closest companies, as `id (Name)`.
        suggestions: Vec<String>,
    },
    /// The query is one company's id and another's name or alias.
    #[error("ambiguous company `{query}`: it is the id of {id} and names {}; write `id:{query}` for the first, or the other's id", .others.join(", "))]
    IdAlsoNamed {
        /// The name as given.
        query: String,
        /// The company whose id it is, as `id (Name)`.
        id: String,
        /// The companies it names, as `id (Name)`.
        others: Vec<String>,
    },
    /// Several companies share that name.
    #[error("ambiguous company `{query}`: it names {}; give the id instead", .candidates.join(", "))]
    Ambiguous {
        /// The name as given.
        query: String,
        /// Every company it names, as `id (Name)`.
        candidates: Vec<String>,
    },
}

fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        many => format!("; did you mean one of {}?", many.join(", ")),
    }
}

/// A hash map keyed by ids and names. foldhash hashes short strings several times faster than
/// the standard SipHash, and still seeds each map at random.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// An index from name keys (see [`name_key`]) to the companies that bear them.
///
/// Keys and ids are inline strings, and a key borne by one company (nearly all are) holds its
/// node in place, so indexing 200,000 companies allocates next to nothing.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    ids: FastMap<CompactString, NodeIndex>,
    /// The first company under each key.
    keys: FastMap<CompactString, NodeIndex>,
    /// Every company under the keys more than one company bears, in company order.
    shared: FastMap<CompactString, Vec<NodeIndex>>,
}

impl NameIndex {
    /// Indexes every company's id, name, aliases and ticker; the `i`-th company is node `i`.
    pub fn new<C: Borrow<Company>>(companies: impl ExactSizeIterator<Item = C>) -> NameIndex {
        // Sized up front: growing a map rehashes every key it holds.
        let count = companies.len();
        let mut index = NameIndex {
            ids: FastMap::with_capacity_and_hasher(count, Default::default()),
            keys: FastMap::with_capacity_and_hasher(count, Default::default()),
            shared: FastMap::default(),
        };
        for (i, company) in companies.enumerate() {
            let company = company.borrow();
            let node = NodeIndex::new(i);
            index.ids.insert(company.id.as_str().into(), node);
            let id_key = fold(company.id.as_str());
            let name = fold(&company.name);
            // An id is usually its name as a slug: then the name adds nothing to look up.
            let name = (name != id_key).then_some(name);
            index.insert(id_key, node);
            let tickers = company.ticker.iter().flat_map(|ticker| ticker_keys(ticker));
            for key in name
                .into_iter()
                .chain(company.aliases.iter().map(|alias| fold(alias)))
                .chain(tickers)
            {
                index.insert(key, node);
            }
        }
        index
    }

    fn insert(&mut self, key: CompactString, node: NodeIndex) {
        if key.is_empty() {
            return;
        }
        match self.keys.entry(key) {
            Entry::Vacant(slot) => {
                slot.insert(node);
            }
            Entry::Occupied(first) if *first.get() != node => {
                let first_node = *first.get();
                let nodes = self
                    .shared
                    .entry(first.key().clone())
                    .or_insert_with(|| vec![first_node]);
                if !nodes.contains(&node) {
                    nodes.push(node);
                }
            }
            Entry::Occupied(_) => {}
        }
    }

    /// The company with exactly this id.
    pub fn id(&self, id: &str) -> Option<NodeIndex> {
        self.ids.get(id).copied()
    }

    /// The companies whose id, name or alias folds to the same key as `name`.
    pub fn lookup(&self, name: &str) -> &[NodeIndex] {
        self.nodes_with_key(&fold(name))
    }

    /// The companies whose id, name or alias folds to `key`, a key [`name_key`] made, in
    /// company order. Keys are not folded again: folding is not idempotent for every script.
    pub(crate) fn nodes_with_key(&self, key: &str) -> &[NodeIndex] {
        match self.shared.get(key) {
            Some(nodes) => nodes,
            None => self.keys.get(key).map_or(&[], std::slice::from_ref),
        }
    }

    /// Resolves `query` to one company: an exact id first, then any id, name or alias that
    /// folds to the same key. An exact id that is also another company's name or alias is
    /// ambiguous.
    ///
    /// # Errors
    ///
    /// [`ResolveError::Unknown`] with the closest names when nothing matches, and
    /// [`ResolveError::Ambiguous`] when several companies share the name.
    pub fn resolve<'c>(
        &self,
        query: &str,
        company: impl Fn(NodeIndex) -> &'c Company,
    ) -> Result<NodeIndex, ResolveError> {
        if let Some(id) = query.strip_prefix("id:") {
            return self.id(id).ok_or_else(|| ResolveError::Unknown {
                query: query.to_owned(),
                suggestions: self.suggest(id, &company),
            });
        }
        if let Some(node) = self.id(query) {
            let key = fold(query);
            let named_too = |other: &NodeIndex| {
                let other = company(*other);
                fold(&other.name) == key || other.aliases.iter().any(|alias| fold(alias) == key)
            };
            let others: Vec<NodeIndex> = (self.lookup(query).iter())
                .filter(|&&other| other != node)
                .filter(|other| named_too(other))
                .copied()
                .collect();
            if others.is_empty() {
                return Ok(node);
            }
            let mut others: Vec<String> =
                others.into_iter().map(|n| describe(company(n))).collect();
            others.sort();
            return Err(ResolveError::IdAlsoNamed {
                query: query.to_owned(),
                id: describe(company(node)),
                others,
            });
        }
        match self.lookup(query) {
            [one] => Ok(*one),
            [] => Err(ResolveError::Unknown {
                query: query.to_owned(),
                suggestions: self.suggest(query, &company),
            }),
            many => {
                let mut candidates: Vec<String> =
                    many.iter().map(|&n| describe(company(n))).collect();
                candidates.sort();
                Err(ResolveError::Ambiguous {
                    query: query.to_owned(),
                    candidates,
                })
            }
        }
    }

    /// The companies a mistyped `query` may mean, as `id (Name)`: every company whose id, name
    /// or alias contains it (shortest name first; past [`MAX_PARTIAL`], a last entry says how
    /// many more `dealgraph search` lists), then those whose names are closest, best first.
    pub fn suggest<'c>(
        &self,
        query: &str,
        company: impl Fn(NodeIndex) -> &'c Company,
    ) -> Vec<String> {
        let wanted = name_key(query);
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut partial: Vec<(usize, &str, NodeIndex)> = Vec::new();
        if wanted.chars().count() >= 3 {
            for key in self.keys.keys().filter(|key| key.contains(wanted.as_str())) {
                for &node in self.nodes_with_key(key) {
                    partial.push((key.len(), company(node).id.as_str(), node));
                }
            }
        }
        partial.sort_unstable();
        let mut seen: HashSet<NodeIndex> = HashSet::new();
        partial.retain(|(_, _, node)| seen.insert(*node));
        let more = partial.len().saturating_sub(MAX_PARTIAL);
        let mut suggestions: Vec<String> = partial
            .iter()
            .take(MAX_PARTIAL)
            .map(|&(_, _, node)| describe(company(node)))
            .collect();
        if more > 0 {
            suggestions.push(format!(
                "and {more} more (`dealgraph search {query}` lists them)"
            ));
        }
        for close in self.closest(&wanted, &company) {
            if !seen.contains(&close) {
                suggestions.push(describe(company(close)));
            }
        }
        suggestions
    }

    /// The companies whose names are closest to the key `wanted`, best first.
    fn closest<'c>(
        &self,
        wanted: &str,
        company: impl Fn(NodeIndex) -> &'c Company,
    ) -> Vec<NodeIndex> {
        let mut best: HashMap<NodeIndex, f64> = HashMap::new();
        for key in self.keys.keys() {
            let score = similarity(wanted, key);
            if score < MIN_SIMILARITY {
                continue;
            }
            for node in self.nodes_with_key(key) {
                let entry = best.entry(*node).or_insert(score);
                *entry = entry.max(score);
            }
        }
        let mut ranked: Vec<(NodeIndex, f64)> = best.into_iter().collect();
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| company(a.0).id.cmp(&company(b.0).id))
        });
        let top = ranked.first().map_or(0.0, |&(_, score)| score);
        ranked
            .into_iter()
            .take_while(|&(_, score)| score >= top - SUGGESTION_MARGIN)
            .take(MAX_SUGGESTIONS)
            .map(|(node, _)| node)
            .collect()
    }
}

/// How alike two name keys are, from 0 to 1; a key that starts with the other counts as close.
fn similarity(wanted: &str, key: &str) -> f64 {
    let score = suggest::similarity(wanted, key);
    if wanted.len() >= 3 && key.starts_with(wanted) {
        score.max(MIN_SIMILARITY)
    } else {
        score
    }
}

/// Whether `text` is a lowercase slug: `a-z` and `0-9` in words joined by single hyphens, as
/// company ids, sectors and deal ids are.
///
/// # Example
///
/// ```
/// use dealgraph::names::{is_slug, slugify};
///
/// assert!(is_slug("blue-owl-capital"));
/// assert!(!is_slug("Blue Owl"));
/// assert_eq!(slugify("Blue Owl, Inc."), "blue-owl-inc");
/// ```
pub fn is_slug(text: &str) -> bool {
    // One pass over the bytes, not a split into words: every relation's deal id is tested.
    let word = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let bytes = text.as_bytes();
    bytes.first().is_some_and(word)
        && bytes.last().is_some_and(word)
        && bytes.iter().all(|b| word(b) || *b == b'-')
        && !text.contains("--")
}

/// `text` made into a slug: lowercase ASCII words joined by hyphens; empty when `text` has no
/// ASCII letter or digit.
pub fn slugify(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The words that end a company's legal name without telling companies apart.
const LEGAL_SUFFIXES: &[&str] = &[
    "ab",
    "ag",
    "bv",
    "co",
    "company",
    "corp",
    "corporation",
    "gmbh",
    "inc",
    "incorporated",
    "kg",
    "kk",
    "limited",
    "llc",
    "llp",
    "lp",
    "ltd",
    "nv",
    "oy",
    "plc",
    "pte",
    "pty",
    "sa",
    "sarl",
    "sas",
    "se",
    "spa",
    "srl",
];

/// [`name_key`] of a name with its trailing legal suffixes dropped, so `Alteryx, Inc.`,
/// `ALTERYX` and `Alteryx Co., Ltd.` share the key `alteryx`; a name that is nothing but
/// suffixes keeps them.
///
/// # Example
///
/// ```
/// use dealgraph::names::legal_name_key;
///
/// assert_eq!(legal_name_key("Alteryx, Inc."), "alteryx");
/// assert_eq!(legal_name_key("Samsung Electronics Co., Ltd."), "samsungelectronics");
/// assert_eq!(legal_name_key("Co. Inc."), "coinc");
/// ```
pub fn legal_name_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let all = words.clone();
    while words
        .last()
        .is_some_and(|word| LEGAL_SUFFIXES.contains(word))
    {
        words.pop();
    }
    let kept = if words.is_empty() { all } else { words };
    name_key(&kept.concat())
}

/// A company as `` `id` (Name) ``, the form errors use.
pub fn describe(company: &Company) -> String {
    format!("`{}` ({})", company.id, company.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(id: &str, name: &str, aliases: &[&str]) -> Company {
        serde_json::from_value(serde_json::json!({"id": id, "name": name, "aliases": aliases}))
            .expect("valid company")
    }

    fn companies() -> Vec<Company> {
        vec![
            company("openai", "OpenAI", &["Open AI"]),
            company("oracle", "Oracle", &["OCI"]),
            company("apex-1", "Apex", &[]),
            company("apex-2", "Apex", &[]),
        ]
    }

    #[test]
    fn ascii_names_fold_as_the_general_rule_folds_them() {
        let general = |name: &str| -> String {
            name.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let every_ascii: String = (0u8..128).map(char::from).collect();
        for name in [
            every_ascii.as_str(),
            "Open AI",
            "AT&T",
            "Blue-Owl Capital 2",
            "",
        ] {
            assert_eq!(name_key(name), general(name), "{name:?}");
        }
    }

    #[test]
    fn resolves_id_name_and_alias_ignoring_case_and_punctuation() {
        let companies = companies();
        let index = NameIndex::new(companies.iter());
        for query in ["openai", "OpenAI", "Open AI", "open-ai", "OPENAI"] {
            assert_eq!(
                index.resolve(query, |n| &companies[n.index()]),
                Ok(NodeIndex::new(0)),
                "{query}"
            );
        }
        assert_eq!(
            index.resolve("oci", |n| &companies[n.index()]),
            Ok(NodeIndex::new(1))
        );
    }

    #[test]
    fn suggests_close_names_for_typos() {
        let companies = companies();
        let index = NameIndex::new(companies.iter());
        let err = index
            .resolve("opneai", |n| &companies[n.index()])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown company `opneai`; did you mean `openai` (OpenAI)?"
        );
        let err = index
            .resolve("zzzz", |n| &companies[n.index()])
            .unwrap_err();
        assert_eq!(err.to_string(), "unknown company `zzzz`");
    }

    #[test]
    fn reports_shared_names_as_ambiguous() {
        let companies = companies();
        let index = NameIndex::new(companies.iter());
        let err = index
            .resolve("apex", |n| &companies[n.index()])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "ambiguous company `apex`: it names `apex-1` (Apex), `apex-2` (Apex); give the id instead"
        );
        assert_eq!(
            index.resolve("apex-2", |n| &companies[n.index()]),
            Ok(NodeIndex::new(3))
        );
    }
}
