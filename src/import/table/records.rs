//! Rows made into records: each mapped cell read as its field's type, names resolved to
//! companies, sources attached to their relations.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::graph::KnowledgeGraph;
use crate::model::{GraphFile, Relation, Source};

use super::cells::CellProblem;
use super::directory::{Directory, Matched};
use super::fields::{extra_cells, read_money, translated, value_of};
use super::mapping::{Invalid, Mapping};
use super::place::Place;
use super::plan::{Kind, Mapped, Plan, Planner};
use super::read::Table;
use super::{ImportProblem, Imported, Origin};

/// Builds the records from every table.
pub(super) struct Builder<'g> {
    pub(super) directory: Directory<'g>,
    pub(super) problems: Vec<ImportProblem>,
    relations: Vec<Relation>,
    origins: Vec<Origin>,
    keys: HashMap<String, usize>,
    pub(super) merged: Vec<Matched>,
    rows: Vec<(String, usize)>,
    blank_rows: usize,
    self_deals: usize,
    kept_in_extra: Vec<ImportProblem>,
}

impl<'g> Builder<'g> {
    pub fn new(graph: Option<&'g KnowledgeGraph>) -> Builder<'g> {
        Builder {
            directory: Directory::new(graph),
            problems: Vec::new(),
            relations: Vec::new(),
            origins: Vec::new(),
            keys: HashMap::new(),
            merged: Vec::new(),
            rows: Vec::new(),
            blank_rows: 0,
            self_deals: 0,
            kept_in_extra: Vec::new(),
        }
    }

    /// Reads every table as the mapping says: the companies tables first, then the relations
    /// tables, the sources tables last, each in the mapping's order.
    pub fn build(
        mut self,
        tables: &[Table],
        mapping: &Mapping,
    ) -> Result<Imported, Vec<ImportProblem>> {
        let sections: Vec<_> = [
            (Kind::Companies, &mapping.companies),
            (Kind::Relations, &mapping.relations),
            (Kind::Sources, &mapping.sources),
        ]
        .into_iter()
        .flat_map(|(kind, sections)| sections.iter().map(move |section| (kind, section)))
        .collect();
        let mut planner = Planner {
            problems: &mut self.problems,
            mapping: &mapping.name,
        };
        let assigned = planner.assign(tables, &sections);
        for (kind, section, tables) in assigned {
            let headerless: Vec<Table>;
            let tables: Vec<&Table> = if section.header {
                tables
            } else {
                headerless = tables
                    .iter()
                    .map(|table| table.headerless(&section.columns))
                    .collect();
                headerless.iter().collect()
            };
            for table in tables {
                let mut planner = Planner {
                    problems: &mut self.problems,
                    mapping: &mapping.name,
                };
                let Some(plan) = planner.plan(kind, section, table) else {
                    continue;
                };
                self.rows.push((table.name.clone(), table.rows.len()));
                self.blank_rows += table.blank_rows;
                for row in &table.rows {
                    let mut place = Place::new(table, row);
                    match kind {
                        Kind::Companies => self.company_row(&mut place, &plan),
                        Kind::Relations => self.relation_row(&mut place, &plan),
                        Kind::Sources => self.source_row(&mut place, &plan),
                    }
                }
            }
        }
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        let mut matched = self.directory.matched;
        matched.sort();
        let mut kept_in_extra = self.kept_in_extra;
        kept_in_extra.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        Ok(Imported {
            records: GraphFile {
                companies: self.directory.added,
                relations: self.relations,
            },
            relation_origins: self.origins,
            matched,
            merged: self.merged,
            rows: self.rows,
            blank_rows: self.blank_rows,
            self_deals: self.self_deals,
            kept_in_extra,
        })
    }

    /// A row of the relations table.
    fn relation_row(&mut self, place: &mut Place<'_>, plan: &Plan) {
        let Some(mut fields) = self.fields(place, plan, &plan.fields) else {
            return;
        };
        if let Some(key) = &plan.self_deals
            && let (Some(from), Some(to)) = (fields.get("from"), fields.get("to"))
            && from == to
        {
            let id = from.as_str().unwrap_or_default().to_owned();
            self.keep_self_deal(place, plan, &id, key);
            return;
        }
        let key = fields
            .remove("key")
            .and_then(|key| key.as_str().map(str::to_owned));
        let source_fields = self.fields(place, plan, &plan.source);
        let Some(source_fields) = source_fields else {
            return;
        };
        if !source_fields.is_empty() {
            fields.insert(
                "sources".to_owned(),
                Value::Array(vec![Value::Object(source_fields)]),
            );
        }
        extra_cells(place.row, &plan.extra, &mut fields);
        let relation: Relation = match serde_json::from_value(Value::Object(fields)) {
            Ok(relation) => relation,
            Err(error) => {
                let problem = CellProblem {
                    message: format!("the row makes no relation: {error}"),
                    hint:
                        "map `type` (or fix it: type = { value = \"investment\" }), `from` and `to`"
                            .to_owned(),
                };
                self.problems.push(place.problem(None, problem));
                return;
            }
        };
        if let Some(key) = key
            && self
                .keys
                .insert(key.clone(), self.relations.len())
                .is_some()
        {
            let problem = CellProblem {
                message: format!("the key `{key}` names an earlier row too"),
                hint: "give each relation a key of its own".to_owned(),
            };
            self.problems
                .push(place.problem(plan.field("key"), problem));
        }
        self.relations.push(relation);
        self.origins.push(Origin {
            file: place.table.name.clone(),
            line: place.row.line,
        });
    }

    /// Keeps a row naming company `id` on both sides in that company's `extra[key]`, as the
    /// cells its fields read, by header.
    fn keep_self_deal(&mut self, place: &Place<'_>, plan: &Plan, id: &str, key: &str) {
        let cells: Map<String, Value> = plan
            .deal_columns
            .iter()
            .map(|(index, header)| {
                let cell = place.row.cells.get(*index).map_or("", |c| c.trim());
                (header.clone(), Value::String(cell.to_owned()))
            })
            .collect();
        let Some(company) = self.directory.added_mut(id) else {
            let problem = CellProblem {
                message: format!(
                    "the row names `{id}` on both sides, and `{id}` is a company of the graph, whose `extra` an import does not change"
                ),
                hint: "correct one side, or leave the row out".to_owned(),
            };
            self.problems.push(place.problem(None, problem));
            return;
        };
        let extra = company.extra.get_or_insert_with(Map::new);
        let list = extra.entry(key).or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            list.push(Value::Object(cells));
        }
        self.self_deals += 1;
    }

    /// A row of the sources table: a source of the relation its `relation` cell names.
    fn source_row(&mut self, place: &mut Place<'_>, plan: &Plan) {
        let Some(mut fields) = self.fields(place, plan, &plan.fields) else {
            return;
        };
        let Some(Value::String(key)) = fields.remove("relation") else {
            let problem = CellProblem {
                message: "the row names no relation".to_owned(),
                hint: "map `relation` to the column holding the key of the relation it supports"
                    .to_owned(),
            };
            self.problems
                .push(place.problem(plan.field("relation"), problem));
            return;
        };
        let Some(&index) = self.keys.get(&key) else {
            let problem = CellProblem {
                message: format!("no relation has the key `{key}`"),
                hint: "map the relations table's `key` to the column holding each relation's key"
                    .to_owned(),
            };
            self.problems
                .push(place.problem(plan.field("relation"), problem));
            return;
        };
        match serde_json::from_value::<Source>(Value::Object(fields)) {
            Ok(source) => self.relations[index].sources.push(source),
            Err(error) => {
                let problem = CellProblem {
                    message: format!("the row makes no source: {error}"),
                    hint:
                        "map the source's fields: publisher, title, url, date, quote, reliability"
                            .to_owned(),
                };
                self.problems.push(place.problem(None, problem));
            }
        }
    }

    /// The row's values of `mapped` fields as a record's JSON object; `None` when a cell could
    /// not be read (the problems are kept). `from` and `to` come first, and what they resolve
    /// to is noted on `place` for the templates of the fields after them.
    pub(super) fn fields(
        &mut self,
        place: &mut Place<'_>,
        plan: &Plan,
        mapped: &[Mapped],
    ) -> Option<Map<String, Value>> {
        let before = self.problems.len();
        let mut fields = Map::new();
        for mapped in mapped {
            let read = match place.value(mapped) {
                Err(problem) => Err(problem),
                Ok(None) if mapped.company.name.is_some() => {
                    self.company_cell(place, plan, mapped, None)
                }
                Ok(None) => Ok(Value::Null),
                Ok(Some(text)) => self.read(place, plan, mapped, &text, &mut fields),
            };
            match read {
                Ok(Value::Null) => {}
                Ok(value) => match mapped.field.strip_prefix("extra.") {
                    Some(key) => insert_extra(&mut fields, key, value),
                    None => {
                        fields.insert(mapped.field.clone(), value);
                    }
                },
                Err(problem) if plan.invalid == Invalid::Extra && mapped.keepable() => {
                    let raw = place.text(mapped).unwrap_or_default();
                    insert_extra(&mut fields, &mapped.kept_name(), Value::String(raw));
                    self.kept_in_extra
                        .push(place.problem(Some(mapped), problem));
                }
                Err(problem) => self.problems.push(place.problem(Some(mapped), problem)),
            }
        }
        (self.problems.len() == before).then_some(fields)
    }

    /// One field's text read as its value.
    fn read(
        &mut self,
        place: &mut Place<'_>,
        plan: &Plan,
        mapped: &Mapped,
        text: &str,
        fields: &mut Map<String, Value>,
    ) -> Result<Value, CellProblem> {
        let text = translated(text, &mapped.spec);
        match mapped.field.as_str() {
            "from" | "to" => self.company_cell(place, plan, mapped, Some(&text)),
            "money" => {
                let currency = mapped.currency.and_then(|index| place.cell(index));
                read_money(&text, currency, |field| plan.field(field).is_some(), fields)
            }
            _ => value_of(&mapped.field, mapped.kind, &text, &mapped.spec),
        }
    }
}

impl Builder<'_> {
    /// The company a `from` or `to` cell names, as its id; noted on `place` when templates
    /// name the row's companies.
    fn company_cell(
        &mut self,
        place: &mut Place<'_>,
        plan: &Plan,
        mapped: &Mapped,
        text: Option<&str>,
    ) -> Result<Value, CellProblem> {
        let Some(id) = self.company_at(place, mapped, text)? else {
            return Ok(Value::Null);
        };
        if plan.names_companies {
            self.note_company(place, &mapped.field, &id);
        }
        Ok(Value::String(id))
    }
}

/// Puts `value` under `key` of the record's `extra`.
fn insert_extra(fields: &mut Map<String, Value>, key: &str, value: Value) {
    let extra = fields
        .entry("extra")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(extra) = extra {
        extra.insert(key.to_owned(), value);
    }
}
