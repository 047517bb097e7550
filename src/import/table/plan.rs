//! How a table's columns make one kind of record: which field each column gives, how `from`
//! and `to` cells name companies, and what is wrong with a mapping that does not fit its table.

use regex::Regex;

use crate::export::columns::{COMPANY_COLUMNS, ColumnType, RELATION_COLUMNS, SOURCE_COLUMNS};

use super::ImportProblem;
use super::directory::EXTERNAL_IDS;
use super::mapping::{Field, FieldSpec, Invalid, TableMapping};
use super::read::Table;
use super::template::{self, COMPANY_PIECES, Piece, TemplateProblem};

/// The kinds of table a mapping describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Companies,
    Relations,
    Sources,
}

impl Kind {
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Companies => "companies",
            Kind::Relations => "relations",
            Kind::Sources => "sources",
        }
    }

    /// The fields a table of this kind may map, with their types.
    pub(super) fn fields(self) -> Vec<(&'static str, ColumnType)> {
        let derived = ["symmetric", "reliability", "sources"];
        let mut fields: Vec<(&str, ColumnType)> = match self {
            Kind::Companies => COMPANY_COLUMNS.iter().map(|c| (c.name, c.kind)).collect(),
            Kind::Relations => RELATION_COLUMNS
                .iter()
                .filter(|c| !derived.contains(&c.name))
                .map(|c| (c.name, c.kind))
                .collect(),
            Kind::Sources => SOURCE_COLUMNS.iter().map(|c| (c.name, c.kind)).collect(),
        };
        match self {
            Kind::Relations => fields.push(("money", ColumnType::Text)),
            Kind::Sources => fields.push(("relation", ColumnType::Text)),
            Kind::Companies => {}
        }
        fields
    }
}

/// The ways a companies row may find a company already known, by default.
const DEFAULT_MATCHING: [&str; 5] = ["id", "crunchbase", "wikidata", "lei", "name"];

/// Where a field's text comes from.
#[derive(Debug, Clone)]
pub(super) enum Producer {
    /// The cell of the column at this index.
    Column(usize),
    /// The same text for every row.
    Fixed(String),
    /// Text and cells, as a template says.
    Template(Vec<Piece>),
    /// The filled-in cells of these columns, joined by the text.
    Joined(Vec<usize>, String),
}

/// Where one field's value comes from in a table.
#[derive(Debug, Clone)]
pub(super) struct Mapped {
    pub(super) field: String,
    pub(super) kind: ColumnType,
    /// The column, when the field reads one: where its problems are reported.
    pub(super) column: Option<(usize, String)>,
    pub(super) producer: Producer,
    /// What the text must match, its first group being the value.
    pub(super) pattern: Option<Regex>,
    /// The text used when the producer gives none.
    pub(super) default: Option<Vec<Piece>>,
    /// `money`: the column of the amount's currency code.
    pub(super) currency: Option<usize>,
    pub(super) spec: FieldSpec,
    /// `from`, `to`: how the cell names its company, and what describes one the import makes.
    pub(super) company: CompanyColumns,
}

impl Mapped {
    /// Whether a cell of this field that cannot be read may be kept under `extra`: not one
    /// naming a company, which the record cannot do without.
    pub(super) fn keepable(&self) -> bool {
        !matches!(self.field.as_str(), "from" | "to" | "relation")
    }

    /// The key a cell kept under `extra` goes by: its column's header, or the field's name.
    pub(super) fn kept_name(&self) -> String {
        self.column
            .as_ref()
            .map_or_else(|| self.field.clone(), |(_, header)| header.clone())
    }

    /// The columns the field reads, by index.
    fn columns_read(&self) -> Vec<usize> {
        let cells = |pieces: &[Piece]| -> Vec<usize> {
            pieces
                .iter()
                .filter_map(|piece| match piece {
                    Piece::Cell(index) => Some(*index),
                    _ => None,
                })
                .collect()
        };
        let mut read = match &self.producer {
            Producer::Column(index) => vec![*index],
            Producer::Fixed(_) => Vec::new(),
            Producer::Template(pieces) => cells(pieces),
            Producer::Joined(indices, _) => indices.clone(),
        };
        read.extend(self.default.as_deref().map(cells).unwrap_or_default());
        read.extend(self.currency);
        read
    }
}

/// How a `from` or `to` cell names its company, and the fields that describe a company the
/// import makes of it.
#[derive(Debug, Clone, Default)]
pub(super) struct CompanyColumns {
    /// The field the cell holds exactly (`crunchbase`, `id`, ...) or `exact-name`; `None` for
    /// names matched ignoring case and punctuation.
    pub(super) by: Option<&'static str>,
    /// The new company's id, name, sectors and country.
    pub(super) id: Option<Box<Mapped>>,
    pub(super) name: Option<Box<Mapped>>,
    pub(super) sectors: Option<Box<Mapped>>,
    pub(super) country: Option<Box<Mapped>>,
}

/// How a table's columns make one kind of record.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// The record's fields, `from` and `to` first (other fields' templates may name them).
    pub(super) fields: Vec<Mapped>,
    /// The fields of the source a relation row cites.
    pub(super) source: Vec<Mapped>,
    /// The columns kept under `extra`.
    pub(super) extra: Vec<(usize, String)>,
    /// What a cell that does not read does.
    pub(super) invalid: Invalid,
    /// Companies: how a row finds a company already known.
    pub(super) matching: Vec<&'static str>,
    /// Relations: the `extra` key a row naming one company twice is kept under.
    pub(super) self_deals: Option<String>,
    /// The columns a row kept as a self deal keeps: those its fields read, other than the
    /// companies'.
    pub(super) deal_columns: Vec<(usize, String)>,
    /// Whether a template names a field of a row's companies.
    pub(super) names_companies: bool,
}

impl Plan {
    /// The mapped field `name`, if it is mapped.
    pub(super) fn field(&self, name: &str) -> Option<&Mapped> {
        self.fields.iter().find(|m| m.field == name)
    }
}

/// Checks a mapping against the tables it reads, collecting what does not fit.
pub(super) struct Planner<'p> {
    pub(super) problems: &'p mut Vec<ImportProblem>,
    pub(super) mapping: &'p str,
}

impl Planner<'_> {
    pub(super) fn mapping_problem(&mut self, message: String, hint: &str) {
        self.problems.push(ImportProblem {
            file: self.mapping.to_owned(),
            line: None,
            column: None,
            header: None,
            message,
            hint: Some(hint.to_owned()),
        });
    }

    fn missing_column(&mut self, table: &Table, header: &str) {
        let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
        let closest = crate::suggest::closest_word(header, &headers)
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        self.problems.push(ImportProblem {
            file: table.name.clone(),
            line: Some(1),
            column: None,
            header: None,
            message: format!(
                "no column `{header}`{closest}, which {} names",
                self.mapping
            ),
            hint: Some(format!("the columns are: {}", headers.join(", "))),
        });
    }

    /// The column `header` of `table`, with its header as written; `None` (the problem said)
    /// when the table has none.
    fn column(&mut self, table: &Table, header: &str) -> Option<(usize, String)> {
        match table.column(header) {
            Some(index) => Some((index, table.headers[index].clone())),
            None => {
                self.missing_column(table, header);
                None
            }
        }
    }

    /// Which tables each section reads: those its `file` names, or else every table no other
    /// section names (which only one section without `file` may claim).
    pub(super) fn assign<'t, 'm>(
        &mut self,
        tables: &'t [Table],
        sections: &[(Kind, &'m TableMapping)],
    ) -> Vec<(Kind, &'m TableMapping, Vec<&'t Table>)> {
        let named: Vec<&str> = sections
            .iter()
            .filter_map(|(_, section)| section.file.as_deref())
            .collect();
        let unnamed: Vec<&'t Table> = tables
            .iter()
            .filter(|table| !named.iter().any(|name| is_file(table, name)))
            .collect();
        let open: Vec<Kind> = sections
            .iter()
            .filter(|(_, section)| section.file.is_none())
            .map(|(kind, _)| *kind)
            .collect();
        if open.len() > 1 && !unnamed.is_empty() {
            let open: Vec<&str> = open.iter().map(|k| k.name()).collect();
            self.mapping_problem(
                format!(
                    "the tables [{}] do not say which file each reads",
                    open.join("], [")
                ),
                "give each a `file = \"NAME.csv\"` naming one of the files imported",
            );
            return Vec::new();
        }
        let mut assigned = Vec::new();
        for (kind, section) in sections {
            let chosen: Vec<&Table> = match &section.file {
                Some(name) => tables.iter().filter(|t| is_file(t, name)).collect(),
                None => unnamed.clone(),
            };
            if chosen.is_empty() {
                let names: Vec<&str> = tables.iter().map(|t| t.file_name.as_str()).collect();
                let file = section
                    .file
                    .as_deref()
                    .map_or("no file".to_owned(), |f| format!("`{f}`"));
                self.mapping_problem(
                    format!(
                        "[{}] reads {file}, which is not among the files imported ({})",
                        kind.name(),
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

    /// The plan of `table` under `section`, or `None` (with the problems said) when the mapping
    /// names unknown fields or columns the table lacks.
    pub(super) fn plan(
        &mut self,
        kind: Kind,
        section: &TableMapping,
        table: &Table,
    ) -> Option<Plan> {
        let before = self.problems.len();
        let fields = kind.fields();
        let mut plan = Plan {
            invalid: section.invalid,
            self_deals: section.self_deals.clone(),
            ..Plan::default()
        };
        for (name, field) in &section.fields {
            let column_type = if name.strip_prefix("extra.").is_some_and(|k| !k.is_empty()) {
                ColumnType::Text
            } else if let Some(&(_, column_type)) = fields.iter().find(|(known, _)| known == name) {
                column_type
            } else {
                self.unknown_field(kind, name, &fields);
                continue;
            };
            if let Some(mapped) = self.mapped(name, column_type, &field.spec(), table) {
                plan.fields.push(mapped);
            }
        }
        plan.fields
            .sort_by_key(|m| !matches!(m.field.as_str(), "from" | "to"));
        for (name, field) in &section.source {
            let Some(column) = SOURCE_COLUMNS.iter().find(|c| c.name == name) else {
                self.mapping_problem(
                    format!(
                        "[{}.source] maps `{name}`, which is not a field of a source",
                        kind.name()
                    ),
                    "the fields of a source are: publisher, title, url, date, quote, reliability",
                );
                continue;
            };
            if let Some(mapped) = self.mapped(name, column.kind, &field.spec(), table) {
                plan.source.push(mapped);
            }
        }
        for header in &section.extra_columns {
            if let Some(column) = self.column(table, header) {
                plan.extra.push(column);
            }
        }
        plan.matching = self.matching(kind, section)?;
        self.check_self_deals(kind, section);
        plan.deal_columns = deal_columns(&plan, table);
        plan.names_companies = plan.fields.iter().chain(&plan.source).any(names_companies);
        (self.problems.len() == before).then_some(plan)
    }

    fn unknown_field(&mut self, kind: Kind, name: &str, fields: &[(&str, ColumnType)]) {
        let known: Vec<&str> = fields.iter().map(|(known, _)| *known).collect();
        let closest = crate::suggest::closest_word(name, &known)
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        self.mapping_problem(
            format!(
                "[{}] maps `{name}`, which is not a field{closest}",
                kind.name()
            ),
            &format!(
                "the fields of [{}] are: {}, and `extra.KEY` for a value kept under `extra`",
                kind.name(),
                known.join(", ")
            ),
        );
    }

    /// How the companies rows of `section` find known companies.
    fn matching(&mut self, kind: Kind, section: &TableMapping) -> Option<Vec<&'static str>> {
        let Some(ways) = &section.match_by else {
            return Some(DEFAULT_MATCHING.to_vec());
        };
        if kind != Kind::Companies {
            self.mapping_problem(
                format!("[{}] takes no `match`", kind.name()),
                "`match` of a table says how a companies row finds a known company; `from` and `to` take their own",
            );
            return None;
        }
        let mut matching = Vec::new();
        for way in ways {
            match DEFAULT_MATCHING
                .iter()
                .chain(&["exact-name"])
                .find(|known| *known == way)
            {
                Some(known) => matching.push(*known),
                None => {
                    self.mapping_problem(
                        format!("[companies] matches by `{way}`, which is not a way it can"),
                        "match by id, crunchbase, wikidata, lei, name or exact-name",
                    );
                    return None;
                }
            }
        }
        Some(matching)
    }

    fn check_self_deals(&mut self, kind: Kind, section: &TableMapping) {
        if section.self_deals.is_some() && kind != Kind::Relations {
            self.mapping_problem(
                format!("[{}] takes no `self_deals`", kind.name()),
                "`self_deals` keeps a relations row that names one company twice",
            );
        }
    }

    fn mapped(
        &mut self,
        field: &str,
        kind: ColumnType,
        spec: &FieldSpec,
        table: &Table,
    ) -> Option<Mapped> {
        let producer = self.producer(field, spec, table)?;
        let column = match &producer {
            Producer::Column(index) => Some((*index, table.headers[*index].clone())),
            _ => None,
        };
        let pattern = match &spec.pattern {
            None => None,
            Some(text) => Some(self.pattern(field, text)?),
        };
        let default = match &spec.default {
            None => None,
            Some(text) => Some(self.template(field, text, table)?),
        };
        let currency = match &spec.currency {
            None => None,
            Some(_) if field != "money" => {
                self.mapping_problem(
                    format!("`{field}` takes no `currency`"),
                    "`currency` names the column of the currency code of `money`",
                );
                return None;
            }
            Some(header) => Some(self.column(table, header)?.0),
        };
        let company = self.company_columns(field, spec, table)?;
        Some(Mapped {
            field: field.to_owned(),
            kind,
            column,
            producer,
            pattern,
            default,
            currency,
            spec: spec.clone(),
            company,
        })
    }

    /// Where `field` takes its text: exactly one of `column`, `value`, `template` and
    /// `columns` must be given.
    fn producer(&mut self, field: &str, spec: &FieldSpec, table: &Table) -> Option<Producer> {
        let given = [
            spec.column.is_some(),
            spec.value.is_some(),
            spec.template.is_some(),
            !spec.columns.is_empty(),
        ];
        if given.iter().filter(|given| **given).count() != 1 {
            self.mapping_problem(
                format!("`{field}` needs one of `column`, `value`, `template` and `columns`"),
                "write `field = \"Header\"`, `{ column = \"Header\" }`, `{ value = \"fixed\" }`, `{ template = \"https://example.com/{Header}\" }` or `{ columns = [\"City\", \"State\"], join = \", \" }`",
            );
            return None;
        }
        if let Some(header) = &spec.column {
            return Some(Producer::Column(self.column(table, header)?.0));
        }
        if let Some(value) = &spec.value {
            return Some(Producer::Fixed(value.clone()));
        }
        if let Some(text) = &spec.template {
            return Some(Producer::Template(self.template(field, text, table)?));
        }
        let mut indices = Vec::new();
        for header in &spec.columns {
            indices.push(self.column(table, header)?.0);
        }
        let join = spec.join.clone().unwrap_or_else(|| " ".to_owned());
        Some(Producer::Joined(indices, join))
    }

    fn pattern(&mut self, field: &str, text: &str) -> Option<Regex> {
        match Regex::new(text) {
            Ok(pattern) => Some(pattern),
            Err(error) => {
                self.mapping_problem(
                    format!("the pattern of `{field}` is not a regular expression: {error}"),
                    "write a regular expression whose first group is the value, such as `^/company/(.+)$`",
                );
                None
            }
        }
    }

    /// The pieces of `field`'s template `text`; `None` (the problem said) when a brace is
    /// unmatched or names a column the table lacks.
    fn template(&mut self, field: &str, text: &str, table: &Table) -> Option<Vec<Piece>> {
        match template::parse(text, table) {
            Ok(pieces) => Some(pieces),
            Err(TemplateProblem::Unmatched) => {
                self.mapping_problem(
                    format!("the template of `{field}` has an unmatched brace: `{text}`"),
                    "write {Header} for a column's cell, and {{ or }} for a brace",
                );
                None
            }
            Err(TemplateProblem::NoColumn(header)) => {
                self.missing_column(table, &header);
                None
            }
            Err(TemplateProblem::NoCompanyField(piece)) => {
                self.mapping_problem(
                    format!("the template of `{field}` names `{{{piece}}}`, which is no field of a row's company"),
                    &format!(
                        "write {{@from}} or {{@to}} for a company's id, or {{@to.FIELD}} with FIELD one of {}",
                        COMPANY_PIECES.join(", ")
                    ),
                );
                None
            }
        }
    }

    /// The company options of `from` and `to` (`match`, `id`, `name`, `sectors`, `country`);
    /// `None` (the problem said) when one is wrong.
    fn company_columns(
        &mut self,
        field: &str,
        spec: &FieldSpec,
        table: &Table,
    ) -> Option<CompanyColumns> {
        let given = [&spec.id, &spec.name, &spec.sectors, &spec.country];
        if !matches!(field, "from" | "to") {
            if spec.match_by.is_some() || given.iter().any(|option| option.is_some()) {
                self.mapping_problem(
                    format!("`{field}` takes no `match`, `id`, `name`, `sectors` or `country`"),
                    "those say how `from` and `to` name companies",
                );
                return None;
            }
            return Some(CompanyColumns::default());
        }
        let by = match spec.match_by.as_deref() {
            None | Some("name") => None,
            Some("id") => Some("id"),
            Some("exact-name") => Some("exact-name"),
            Some(other) => {
                match EXTERNAL_IDS.iter().find(|f| **f == other) {
                    Some(found) => Some(*found),
                    None => {
                        self.mapping_problem(
                        format!("`{field}` matches by `{other}`, which is not a company field it can"),
                        "match by name (the default), exact-name, id, crunchbase, wikidata or lei",
                    );
                        return None;
                    }
                }
            }
        };
        let mut part = |name: &str, part: &Option<Field>, kind: ColumnType| match part {
            None => Ok(None),
            Some(part) => {
                let label = format!("{field}.{name}");
                self.mapped(&label, kind, &part.spec(), table)
                    .map(|mapped| Some(Box::new(mapped)))
                    .ok_or(())
            }
        };
        let id = part("id", &spec.id, ColumnType::Text);
        let name = part("name", &spec.name, ColumnType::Text);
        let sectors = part("sectors", &spec.sectors, ColumnType::TextList);
        let country = part("country", &spec.country, ColumnType::Text);
        Some(CompanyColumns {
            by,
            id: id.ok()?,
            name: name.ok()?,
            sectors: sectors.ok()?,
            country: country.ok()?,
        })
    }
}

/// The columns the fields of `plan` read other than the companies', with their headers, in
/// the table's order.
fn deal_columns(plan: &Plan, table: &Table) -> Vec<(usize, String)> {
    let mut columns: Vec<usize> = plan
        .fields
        .iter()
        .filter(|m| !matches!(m.field.as_str(), "from" | "to"))
        .flat_map(Mapped::columns_read)
        .chain(plan.extra.iter().map(|(index, _)| *index))
        .collect();
    columns.sort_unstable();
    columns.dedup();
    columns
        .into_iter()
        .map(|index| (index, table.headers[index].clone()))
        .collect()
}

fn names_companies(mapped: &Mapped) -> bool {
    let named = |pieces: &[Piece]| pieces.iter().any(|p| matches!(p, Piece::Company(..)));
    matches!(&mapped.producer, Producer::Template(pieces) if named(pieces))
        || mapped.default.as_deref().is_some_and(named)
}

fn is_file(table: &Table, name: &str) -> bool {
    table.file_name.eq_ignore_ascii_case(name) || table.name == name
}
