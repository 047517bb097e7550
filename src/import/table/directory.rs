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

/// Reads one of a company's external ids.
type ExternalId = fn(&Company) -> Option<&str>;

/// The fields that hold a company's id in another database.
pub(super) const EXTERNAL_IDS: [&str; 3] = ["crunchbase", "wikidata", "lei"];

/// The reader of the external id `field`, one of [`EXTERNAL_IDS`].
fn external_id(field: &str) -> ExternalId {
    match field {
        "crunchbase" => |c| c.crunchbase.as_deref(),
        "wikidata" => |c| c.wikidata.as_deref(),
        _ => |c| c.lei.as_deref(),
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
    /// The companies by the value of an external id field, the graph's (indexed on first use
    /// of the field) and the added ones: `(field, value)` to id.
    external: HashMap<(&'static str, String), String>,
    indexed: Vec<&'static str>,
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
        }
    }

    /// The company whose `field` (`crunchbase`, `wikidata`, `lei` or `id`) is exactly `value`.
    pub fn by_field(&mut self, field: &'static str, value: &str) -> Option<String> {
        if field == "id" {
            let graph_has = self.graph.and_then(|graph| graph.node(value)).is_some();
            return (graph_has || self.ids.contains_key(value)).then(|| value.to_owned());
        }
        if let Some(graph) = self.graph
            && !self.indexed.contains(&field)
        {
            self.indexed.push(field);
            let read = external_id(field);
            for company in graph.companies() {
                if let Some(value) = read(company) {
                    self.external
                        .entry((field, value.to_owned()))
                        .or_insert_with(|| company.id.to_string());
                }
            }
        }
        self.external.get(&(field, value.to_owned())).cloned()
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

    /// The company of the graph that `company` is, by id or by an external id it gives.
    pub fn existing(&mut self, company: &Company) -> Option<(String, &'static str)> {
        let graph = self.graph?;
        if graph.node(company.id.as_str()).is_some() {
            return Some((company.id.to_string(), "id"));
        }
        for field in EXTERNAL_IDS {
            let Some(wanted) = external_id(field)(company) else {
                continue;
            };
            if let Some(id) = self.by_field(field, wanted)
                && graph.node(&id).is_some()
            {
                return Some((id, field));
            }
        }
        None
    }

    /// Adds a company the import defines, under an id no other company has.
    pub fn add(&mut self, mut company: Company) -> String {
        company.id = CompanyId(self.free_id(company.id.as_str()));
        let index = self.added.len();
        let id = company.id.to_string();
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
        self.ids.insert(id.clone(), index);
        for field in EXTERNAL_IDS {
            if let Some(value) = external_id(field)(&company) {
                self.external
                    .entry((field, value.to_owned()))
                    .or_insert_with(|| id.clone());
            }
        }
        self.added.push(company);
        id
    }

    /// The added company with this id.
    pub fn added_mut(&mut self, id: &str) -> Option<&mut Company> {
        self.ids.get(id).map(|&index| &mut self.added[index])
    }

    /// `wanted`, or `wanted-2`, `wanted-3`, ... when that id is taken.
    fn free_id(&self, wanted: &str) -> String {
        let taken = |id: &str| {
            self.ids.contains_key(id) || self.graph.is_some_and(|graph| graph.node(id).is_some())
        };
        if !taken(wanted) {
            return wanted.to_owned();
        }
        (2..)
            .map(|n| format!("{wanted}-{n}"))
            .find(|id| !taken(id))
            .expect("some number is free")
    }
}
