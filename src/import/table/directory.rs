//! Which company a cell names: one already in the graph, one the import's companies table
//! defines, or a new one made from the name. Names are matched by id, then by name, alias or
//! ticker ignoring case and punctuation; a name that fits several companies is reported,
//! never guessed.

use std::collections::HashMap;

use crate::graph::KnowledgeGraph;
use crate::model::{Company, CompanyId};
use crate::names::{describe, name_key, ticker_keys};

/// How a name was matched to a company of the graph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Matched {
    /// The name as the cell gives it.
    pub name: String,
    /// The company's id.
    pub id: String,
    /// How: `id`, `name`, `alias`, `ticker`, or the external id's field (`crunchbase`).
    pub by: String,
}

/// The fields that hold a company's id in another database.
pub(super) const EXTERNAL_IDS: [&str; 3] = ["crunchbase", "wikidata", "lei"];

/// The fields a company is found by exactly: its external ids, and `exact-name`, its name as
/// written (the first company given it).
const EXACT_FIELDS: [&str; 4] = ["crunchbase", "wikidata", "lei", "exact-name"];

/// The value of an exactly matched field of `company`.
fn exact_value<'c>(company: &'c Company, field: &str) -> Option<&'c str> {
    match field {
        "exact-name" => Some(company.name.as_str()),
        external => company.external_id(external),
    }
}

/// The companies a cell may name.
pub(super) struct Directory<'g> {
    graph: Option<&'g KnowledgeGraph>,
    /// The companies the import adds.
    pub added: Vec<Company>,
    /// Each name key of an added company, and the companies bearing it.
    keys: HashMap<String, Vec<usize>>,
    ids: HashMap<String, usize>,
    /// Names matched to companies of the graph, once each.
    pub matched: Vec<Matched>,
    /// The companies by the value of an exactly matched field, the graph's (indexed on first
    /// use of the field) and the added ones: `(field, value)` to the first bearer's id.
    external: HashMap<(&'static str, String), String>,
    indexed: Vec<&'static str>,
    /// For each id wanted and taken, the next number to try after it.
    next_number: HashMap<String, usize>,
}

/// What a name resolves to.
pub(super) enum Resolved {
    /// One company: its id.
    One(String),
    /// Several companies bear the name: each as `id (Name)`.
    Several(Vec<String>),
    /// None does.
    Nobody,
}

impl<'g> Directory<'g> {
    pub fn new(graph: Option<&'g KnowledgeGraph>) -> Directory<'g> {
        Directory {
            graph,
            added: Vec::new(),
            keys: HashMap::new(),
            ids: HashMap::new(),
            matched: Vec::new(),
            external: HashMap::new(),
            indexed: Vec::new(),
            next_number: HashMap::new(),
        }
    }

    /// The company whose `field` (`crunchbase`, `wikidata`, `lei`, `id`, or `exact-name` for
    /// the name as written) is exactly `value`: the first given it.
    pub fn by_field(&mut self, field: &'static str, value: &str) -> Option<String> {
        if field == "id" {
            let graph_has = self.graph.and_then(|graph| graph.node(value)).is_some();
            return (graph_has || self.ids.contains_key(value)).then(|| value.to_owned());
        }
        if let Some(graph) = self.graph
            && !self.indexed.contains(&field)
        {
            self.indexed.push(field);
            for company in graph.companies() {
                if let Some(value) = exact_value(company, field) {
                    self.external
                        .entry((field, value.to_owned()))
                        .or_insert_with(|| company.id.to_string());
                }
            }
        }
        self.external
            .get(&(field, value.trim().to_owned()))
            .cloned()
    }

    /// The company with this id, of the graph or the import.
    pub fn company(&self, id: &str) -> Option<&Company> {
        if let Some(&index) = self.ids.get(id) {
            return Some(&self.added[index]);
        }
        let graph = self.graph?;
        graph.node(id).map(|node| graph.company(node))
    }

    /// The company `name` names, among the graph's and the added ones.
    pub fn resolve(&mut self, name: &str) -> Resolved {
        let name = name.trim();
        if let Some(graph) = self.graph
            && let Some(node) = graph.node(name)
        {
            self.note(name, graph.company_id(node), "id");
            return Resolved::One(graph.company_id(node).to_owned());
        }
        if let Some(&index) = self.ids.get(name) {
            return Resolved::One(self.added[index].id.to_string());
        }
        let key = name_key(name);
        let mut found: Vec<(String, String)> = Vec::new();
        if let Some(graph) = self.graph {
            for &node in graph.names().lookup(name) {
                let company = graph.company(node);
                found.push((company.id.to_string(), describe(company)));
            }
        }
        for &index in self.keys.get(&key).into_iter().flatten() {
            let company = &self.added[index];
            found.push((company.id.to_string(), describe(company)));
        }
        found.sort();
        found.dedup();
        match found.as_slice() {
            [] => Resolved::Nobody,
            [(id, _)] => {
                let id = id.clone();
                if let Some(graph) = self.graph
                    && let Some(node) = graph.node(&id)
                    && graph.company(node).name != name
                {
                    let by = self.how_named(&id, &key);
                    self.note(name, &id, by);
                }
                Resolved::One(id)
            }
            several => Resolved::Several(several.iter().map(|(_, d)| d.clone()).collect()),
        }
    }

    /// How a graph company bears the name key `key`.
    fn how_named(&self, id: &str, key: &str) -> &'static str {
        let graph = self.graph.expect("named in the graph");
        let company = graph.company(graph.node(id).expect("a company of the graph"));
        if name_key(&company.name) == key {
            "name"
        } else if company.aliases.iter().any(|alias| name_key(alias) == key) {
            "alias"
        } else if company
            .ticker
            .as_deref()
            .is_some_and(|t| ticker_keys(t).iter().any(|k| k == key))
        {
            "ticker"
        } else {
            "id"
        }
    }

    fn note(&mut self, name: &str, id: &str, by: &str) {
        if name == id && by == "id" {
            return;
        }
        let matched = Matched {
            name: name.to_owned(),
            id: id.to_owned(),
            by: by.to_owned(),
        };
        if !self.matched.contains(&matched) {
            self.matched.push(matched);
        }
    }

    /// Adds a company the import defines, under an id no other company has (`acme-2` when
    /// `acme` is taken).
    pub fn add(&mut self, mut company: Company) -> String {
        company.id = CompanyId(self.free_id(company.id.as_str()));
        let index = self.added.len();
        let id = company.id.to_string();
        self.ids.insert(id.clone(), index);
        self.added.push(company);
        self.index(index);
        id
    }

    /// Indexes the names, ticker and exactly matched fields of the added company at `index`.
    fn index(&mut self, index: usize) {
        let company = &self.added[index];
        let names = [company.id.as_str(), company.name.as_str()];
        let keys = names
            .into_iter()
            .chain(company.aliases.iter().map(String::as_str))
            .map(name_key)
            .chain(
                company
                    .ticker
                    .iter()
                    .flat_map(|t| ticker_keys(t))
                    .map(|k| k.to_string()),
            );
        for key in keys.filter(|key| !key.is_empty()) {
            let bearers = self.keys.entry(key).or_default();
            if !bearers.contains(&index) {
                bearers.push(index);
            }
        }
        for field in EXACT_FIELDS {
            if let Some(value) = exact_value(company, field) {
                self.external
                    .entry((field, value.to_owned()))
                    .or_insert_with(|| company.id.to_string());
            }
        }
    }

    /// Adds what `row` says to the added company `id`: its sectors and aliases not yet
    /// listed, its `extra` keys, and the fields the company lacks.
    pub fn fill(&mut self, id: &str, row: Company) {
        let Some(&index) = self.ids.get(id) else {
            return;
        };
        let company = &mut self.added[index];
        for sector in row.sectors {
            if !company.sectors.contains(&sector) {
                company.sectors.push(sector);
            }
        }
        for alias in row.aliases {
            if alias != company.name && !company.aliases.contains(&alias) {
                company.aliases.push(alias);
            }
        }
        if let Some(extra) = row.extra {
            company
                .extra
                .get_or_insert_with(Default::default)
                .extend(extra);
        }
        let fill = |field: &mut Option<String>, value: Option<String>| {
            if field.is_none() {
                *field = value;
            }
        };
        fill(&mut company.country, row.country);
        fill(&mut company.ticker, row.ticker);
        fill(&mut company.wikidata, row.wikidata);
        fill(&mut company.lei, row.lei);
        fill(&mut company.crunchbase, row.crunchbase);
        fill(&mut company.url, row.url);
        fill(&mut company.notes, row.notes);
        self.index(index);
    }

    /// The added company with this id.
    pub fn added_mut(&mut self, id: &str) -> Option<&mut Company> {
        self.ids.get(id).map(|&index| &mut self.added[index])
    }

    /// `wanted`, or `wanted-2`, `wanted-3`, ... when that id is taken; the next number to try
    /// is kept for each id, so that many companies wanting one id get theirs in constant time.
    fn free_id(&mut self, wanted: &str) -> String {
        let graph = self.graph;
        let ids = &self.ids;
        let taken =
            |id: &str| ids.contains_key(id) || graph.is_some_and(|graph| graph.node(id).is_some());
        if !taken(wanted) {
            return wanted.to_owned();
        }
        let next = self.next_number.entry(wanted.to_owned()).or_insert(2);
        let (number, id) = (*next..)
            .map(|n| (n, format!("{wanted}-{n}")))
            .find(|(_, id)| !taken(id))
            .expect("some number is free");
        *next = number + 1;
        id
    }
}
