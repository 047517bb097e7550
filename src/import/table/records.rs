//! Rows made into records: each mapped cell read as its field's type, names resolved to
//! companies, sources attached to their relations.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::export::columns::{ColumnType, SOURCE_COLUMNS};
use crate::graph::KnowledgeGraph;
use crate::model::{Company, GraphFile, Relation, Source};
use crate::names::slugify;

use super::cells::CellProblem;
use super::directory::{Directory, EXTERNAL_IDS, Matched, Resolved};
use super::fields::{extra_cells, list, read_money, translated, value_of};
use super::mapping::{FieldSpec, Invalid, Mapping, TableMapping};
use super::plan::{CompanyColumns, Kind, Mapped, Piece, Plan, TemplateProblem, parse_template};
use super::read::{Row, Table};
use super::{ImportProblem, Imported, Origin};

/// One cell's place, for problems.
struct Place<'t> {
    table: &'t Table,
    row: &'t Row,
}

impl Place<'_> {
    fn problem(&self, mapped: Option<&Mapped>, problem: CellProblem) -> ImportProblem {
        let column = mapped.and_then(|m| m.column.as_ref());
        ImportProblem {
            file: self.table.name.clone(),
            line: Some(self.row.line),
            column: column.map(|(index, _)| index + 1),
            header: column.map(|(_, header)| header.clone()),
            message: problem.message,
            hint: Some(problem.hint),
        }
    }

    /// The cell `mapped` reads, trimmed, or its fixed value; `None` when empty.
    fn text(&self, mapped: &Mapped) -> Option<String> {
        let cell = |index: usize| {
            self.row
                .cells
                .get(index)
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
        };
        let text = match (&mapped.column, &mapped.spec.value) {
            (Some((index, _)), _) => cell(*index).map(str::to_owned),
            (None, Some(value)) => Some(value.clone()),
            (None, None) => mapped
                .template
                .iter()
                .map(|piece| match piece {
                    Piece::Text(text) => Some(text.as_str()),
                    Piece::Cell(index) => cell(*index),
                })
                .collect::<Option<String>>(),
        }?;
        (!text.is_empty()).then_some(text)
    }
}

/// Builds the records from every table.
pub(super) struct Builder<'g> {
    directory: Directory<'g>,
    problems: Vec<ImportProblem>,
    relations: Vec<Relation>,
    origins: Vec<Origin>,
    keys: HashMap<String, usize>,
    merged: Vec<Matched>,
    rows: Vec<(String, usize)>,
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
            kept_in_extra: Vec::new(),
        }
    }

    /// Reads every table as the mapping says, companies first, sources last.
    pub fn build(
        mut self,
        tables: &[Table],
        mapping: &Mapping,
    ) -> Result<Imported, Vec<ImportProblem>> {
        let sections = [
            (Kind::Companies, mapping.companies.as_ref()),
            (Kind::Relations, mapping.relations.as_ref()),
            (Kind::Sources, mapping.sources.as_ref()),
        ];
        let assigned = self.assign(tables, &sections, &mapping.name);
        for (kind, section, tables) in assigned {
            let headerless: Vec<Table>;
            let tables: Vec<&Table> = if section.header {
                tables
            } else {
                headerless = tables.iter().map(|table| table.headerless()).collect();
                headerless.iter().collect()
            };
            for table in tables {
                let Some(plan) = self.plan(kind, section, table, &mapping.name) else {
                    continue;
                };
                self.rows.push((table.name.clone(), table.rows.len()));
                for row in &table.rows {
                    let place = Place { table, row };
                    match kind {
                        Kind::Companies => self.company_row(&place, &plan),
                        Kind::Relations => self.relation_row(&place, &plan),
                        Kind::Sources => self.source_row(&place, &plan),
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
            kept_in_extra,
        })
    }

    /// Which tables each section reads: those its `file` names, or else every table no other
    /// section names (which only one section without `file` may claim).
    fn assign<'t, 'm>(
        &mut self,
        tables: &'t [Table],
        sections: &[(Kind, Option<&'m TableMapping>)],
        mapping_name: &str,
    ) -> Vec<(Kind, &'m TableMapping, Vec<&'t Table>)> {
        let named: Vec<&str> = sections
            .iter()
            .filter_map(|(_, section)| section.and_then(|s| s.file.as_deref()))
            .collect();
        let unnamed: Vec<&'t Table> = tables
            .iter()
            .filter(|table| !named.iter().any(|name| is_file(table, name)))
            .collect();
        let open: Vec<Kind> = sections
            .iter()
            .filter(|(_, section)| section.is_some_and(|s| s.file.is_none()))
            .map(|(kind, _)| *kind)
            .collect();
        if open.len() > 1 && !unnamed.is_empty() {
            self.mapping_problem(
                mapping_name,
                format!(
                    "the tables [{}] do not say which file each reads",
                    open.iter()
                        .map(|k| k.name())
                        .collect::<Vec<_>>()
                        .join("], [")
                ),
                "give each a `file = \"NAME.csv\"` naming one of the files imported",
            );
            return Vec::new();
        }
        let mut assigned = Vec::new();
        for (kind, section) in sections {
            let Some(section) = section else { continue };
            let chosen: Vec<&Table> = match &section.file {
                Some(name) => tables.iter().filter(|t| is_file(t, name)).collect(),
                None => unnamed.clone(),
            };
            if chosen.is_empty() {
                let names: Vec<&str> = tables.iter().map(|t| t.file_name.as_str()).collect();
                self.mapping_problem(
                    mapping_name,
                    format!(
                        "[{}] reads {}, which is not among the files imported ({})",
                        kind.name(),
                        section
                            .file
                            .as_deref()
                            .map_or("no file".to_owned(), |f| format!("`{f}`")),
                        names.join(", ")
                    ),
                    "name the file on the command line, or correct `file` in the mapping",
                );
                continue;
            }
            assigned.push((*kind, *section, chosen));
        }
        assigned
    }

    fn mapping_problem(&mut self, mapping_name: &str, message: String, hint: &str) {
        self.problems.push(ImportProblem {
            file: mapping_name.to_owned(),
            line: None,
            column: None,
            header: None,
            message,
            hint: Some(hint.to_owned()),
        });
    }

    /// The plan of `table` under `section`, or `None` (with the problems said) when the mapping
    /// names unknown fields or columns the table lacks.
    fn plan(
        &mut self,
        kind: Kind,
        section: &TableMapping,
        table: &Table,
        mapping_name: &str,
    ) -> Option<Plan> {
        let before = self.problems.len();
        let fields = kind.fields();
        let mut plan = Plan {
            invalid: section.invalid,
            ..Plan::default()
        };
        for (name, field) in &section.fields {
            let Some(&(_, column_type)) = fields.iter().find(|(known, _)| known == name) else {
                let known: Vec<&str> = fields.iter().map(|(known, _)| *known).collect();
                let closest = crate::suggest::closest_word(name, &known)
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                self.mapping_problem(
                    mapping_name,
                    format!(
                        "[{}] maps `{name}`, which is not a field{closest}",
                        kind.name()
                    ),
                    &format!("the fields of [{}] are: {}", kind.name(), known.join(", ")),
                );
                continue;
            };
            if let Some(mapped) = self.mapped(name, column_type, &field.spec(), table, mapping_name)
            {
                plan.fields.push(mapped);
            }
        }
        for (name, field) in &section.source {
            let Some(column) = SOURCE_COLUMNS.iter().find(|c| c.name == name) else {
                self.mapping_problem(
                    mapping_name,
                    format!(
                        "[{}.source] maps `{name}`, which is not a field of a source",
                        kind.name()
                    ),
                    "the fields of a source are: publisher, title, url, date, quote, reliability",
                );
                continue;
            };
            if let Some(mapped) = self.mapped(name, column.kind, &field.spec(), table, mapping_name)
            {
                plan.source.push(mapped);
            }
        }
        for header in &section.extra_columns {
            match table.column(header) {
                Some(index) => plan.extra.push((index, table.headers[index].clone())),
                None => self.missing_column(table, header, mapping_name),
            }
        }
        (self.problems.len() == before).then_some(plan)
    }

    fn mapped(
        &mut self,
        field: &str,
        kind: ColumnType,
        spec: &FieldSpec,
        table: &Table,
        mapping_name: &str,
    ) -> Option<Mapped> {
        let mut template = Vec::new();
        let column = match (&spec.column, &spec.value, &spec.template) {
            (Some(header), None, None) => {
                let Some(index) = table.column(header) else {
                    self.missing_column(table, header, mapping_name);
                    return None;
                };
                Some((index, table.headers[index].clone()))
            }
            (None, Some(_), None) => None,
            (None, None, Some(text)) => {
                template = self.template(field, text, table, mapping_name)?;
                None
            }
            _ => {
                self.mapping_problem(
                    mapping_name,
                    format!("`{field}` needs one of `column`, `value` and `template`"),
                    "write `field = \"Header\"`, `{ column = \"Header\" }`, `{ value = \"fixed\" }` or `{ template = \"https://example.com/{Header}\" }`",
                );
                return None;
            }
        };
        let company = self.company_columns(field, spec, table, mapping_name)?;
        Some(Mapped {
            field: field.to_owned(),
            kind,
            column,
            spec: spec.clone(),
            company,
            template,
        })
    }

    /// The pieces of `field`'s template `text`; `None` (the problem said) when a brace is
    /// unmatched or a column is missing.
    fn template(
        &mut self,
        field: &str,
        text: &str,
        table: &Table,
        mapping_name: &str,
    ) -> Option<Vec<Piece>> {
        match parse_template(text, table) {
            Ok(pieces) => Some(pieces),
            Err(TemplateProblem::Unmatched) => {
                self.mapping_problem(
                    mapping_name,
                    format!("the template of `{field}` has an unmatched brace: `{text}`"),
                    "write {Header} for a column's cell, and {{ or }} for a brace",
                );
                None
            }
            Err(TemplateProblem::NoColumn(header)) => {
                self.missing_column(table, &header, mapping_name);
                None
            }
        }
    }

    /// The company options of `from` and `to` (`match`, `name`, `sectors`, `country`), with
    /// their columns found; `None` (the problem said) when one is wrong.
    fn company_columns(
        &mut self,
        field: &str,
        spec: &FieldSpec,
        table: &Table,
        mapping_name: &str,
    ) -> Option<CompanyColumns> {
        let given = [&spec.match_by, &spec.name, &spec.sectors, &spec.country];
        if !matches!(field, "from" | "to") {
            if given.iter().any(|option| option.is_some()) {
                self.mapping_problem(
                    mapping_name,
                    format!("`{field}` takes no `match`, `name`, `sectors` or `country`"),
                    "those say how `from` and `to` name companies",
                );
                return None;
            }
            return Some(CompanyColumns::default());
        }
        let by = match spec.match_by.as_deref() {
            None | Some("name") => None,
            Some("id") => Some("id"),
            Some(other) => {
                match EXTERNAL_IDS.iter().find(|f| **f == other) {
                    Some(found) => Some(*found),
                    None => {
                        self.mapping_problem(
                        mapping_name,
                        format!("`{field}` matches by `{other}`, which is not a company field it can"),
                        "match by name (the default), id, crunchbase, wikidata or lei",
                    );
                        return None;
                    }
                }
            }
        };
        let mut column = |header: &Option<String>| -> Result<Option<(usize, String)>, ()> {
            let Some(header) = header else {
                return Ok(None);
            };
            match table.column(header) {
                Some(index) => Ok(Some((index, table.headers[index].clone()))),
                None => {
                    self.missing_column(table, header, mapping_name);
                    Err(())
                }
            }
        };
        let (name, sectors, country) = (
            column(&spec.name),
            column(&spec.sectors),
            column(&spec.country),
        );
        Some(CompanyColumns {
            by,
            name: name.ok()?,
            sectors: sectors.ok()?,
            country: country.ok()?,
        })
    }

    fn missing_column(&mut self, table: &Table, header: &str, mapping_name: &str) {
        let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
        let closest = crate::suggest::closest_word(header, &headers)
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        self.problems.push(ImportProblem {
            file: table.name.clone(),
            line: Some(1),
            column: None,
            header: None,
            message: format!("no column `{header}`{closest}, which {mapping_name} names"),
            hint: Some(format!("the columns are: {}", headers.join(", "))),
        });
    }

    /// A row of the companies table: a new company, or one merged into a known company.
    fn company_row(&mut self, place: &Place<'_>, plan: &Plan) {
        let Some(mut fields) = self.fields(place, plan, &plan.fields) else {
            return;
        };
        extra_cells(place.row, &plan.extra, &mut fields);
        let name = fields
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_owned);
        if !fields.contains_key("id")
            && let Some(name) = &name
        {
            fields.insert("id".to_owned(), Value::String(slugify(name)));
        }
        let company: Company = match serde_json::from_value(Value::Object(fields)) {
            Ok(company) => company,
            Err(error) => {
                let problem = CellProblem {
                    message: format!("the row makes no company: {error}"),
                    hint: "map `name` (and `id`, or ids are made from names) to columns that are filled in"
                        .to_owned(),
                };
                self.problems
                    .push(place.problem(plan.field("name"), problem));
                return;
            }
        };
        if let Some((id, by)) = self.directory.existing(&company) {
            self.merged.push(merged(&company.name, &id, by));
            return;
        }
        if self.directory.added_mut(company.id.as_str()).is_some() {
            self.merged
                .push(merged(&company.name, company.id.as_str(), "id"));
            return;
        }
        match self.directory.resolve(&company.name) {
            Resolved::One(id) => self.merged.push(merged(&company.name, &id, "name")),
            Resolved::Several(candidates) => {
                let problem = several(&company.name, &candidates);
                self.problems
                    .push(place.problem(plan.field("name"), problem));
            }
            Resolved::Nobody => {
                self.directory.add(company);
            }
        }
    }

    /// A row of the relations table.
    fn relation_row(&mut self, place: &Place<'_>, plan: &Plan) {
        let Some(mut fields) = self.fields(place, plan, &plan.fields) else {
            return;
        };
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

    /// A row of the sources table: a source of the relation its `relation` cell names.
    fn source_row(&mut self, place: &Place<'_>, plan: &Plan) {
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
    /// not be read (the problems are kept).
    fn fields(
        &mut self,
        place: &Place<'_>,
        plan: &Plan,
        mapped: &[Mapped],
    ) -> Option<Map<String, Value>> {
        let before = self.problems.len();
        let mut fields = Map::new();
        for mapped in mapped {
            let Some(text) = place.text(mapped) else {
                continue;
            };
            let text = translated(&text, &mapped.spec);
            let read = match mapped.field.as_str() {
                "from" | "to" => self.company_at(place, mapped, &text).map(Value::String),
                "money" => read_money(&text, |field| plan.field(field).is_some(), &mut fields),
                _ => value_of(&mapped.field, mapped.kind, &text, &mapped.spec),
            };
            match read {
                Ok(Value::Null) => {}
                Ok(value) => {
                    fields.insert(mapped.field.clone(), value);
                }
                Err(problem) if plan.invalid == Invalid::Extra && mapped.keepable() => {
                    let raw = place.text(mapped).unwrap_or_default();
                    let extra = fields
                        .entry("extra")
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(extra) = extra {
                        extra.insert(mapped.kept_name(), Value::String(raw));
                    }
                    self.kept_in_extra
                        .push(place.problem(Some(mapped), problem));
                }
                Err(problem) => self.problems.push(place.problem(Some(mapped), problem)),
            }
        }
        (self.problems.len() == before).then_some(fields)
    }

    /// The id of the company a `from` or `to` cell names, as its options say: by a field it
    /// holds exactly, or by name; a new company, described by the row, when none is found.
    fn company_at(
        &mut self,
        place: &Place<'_>,
        mapped: &Mapped,
        text: &str,
    ) -> Result<String, CellProblem> {
        let columns = &mapped.company;
        let cell = |column: &Option<(usize, String)>| {
            column
                .as_ref()
                .and_then(|(index, _)| place.row.cells.get(*index))
                .map(|cell| cell.trim())
                .filter(|cell| !cell.is_empty())
        };
        if let Some(field) = columns.by
            && let Some(id) = self.directory.by_field(field, text)
        {
            return Ok(id);
        }
        let name = cell(&columns.name).unwrap_or(text);
        if columns.by.is_none() {
            match self.directory.resolve(name) {
                Resolved::One(id) => return Ok(id),
                Resolved::Several(candidates) => return Err(several(name, &candidates)),
                Resolved::Nobody => {}
            }
        }
        let mut company = serde_json::json!({ "id": slugify(name), "name": name });
        if let Some(field) = columns.by.filter(|field| *field != "id") {
            company[field] = Value::String(text.to_owned());
        }
        if let Some(sectors) = cell(&columns.sectors) {
            let separator = mapped.spec.split.as_deref().unwrap_or(";");
            company["sectors"] = serde_json::json!(list(sectors, separator, true));
        }
        if let Some(country) = cell(&columns.country) {
            company["country"] =
                value_of("country", ColumnType::Text, country, &FieldSpec::default())?;
        }
        if slugify(name).is_empty() {
            return Err(CellProblem {
                message: format!("`{name}` has no letter or digit to make a company id of"),
                hint: "name the company with letters or digits, or give its id".to_owned(),
            });
        }
        let company: Company = serde_json::from_value(company).map_err(|error| CellProblem {
            message: format!("the row makes no company: {error}"),
            hint: "check the columns of `name`, `sectors` and `country`".to_owned(),
        })?;
        Ok(self.directory.add(company))
    }
}

fn merged(name: &str, id: &str, by: &str) -> Matched {
    Matched {
        name: name.to_owned(),
        id: id.to_owned(),
        by: by.to_owned(),
    }
}

fn several(name: &str, candidates: &[String]) -> CellProblem {
    CellProblem {
        message: format!(
            "`{name}` names several companies: {}",
            candidates.join(", ")
        ),
        hint: "write the id of the one meant in the cell, or map the cell to an id with `values`"
            .to_owned(),
    }
}

fn is_file(table: &Table, name: &str) -> bool {
    table.file_name.eq_ignore_ascii_case(name) || table.name == name
}
