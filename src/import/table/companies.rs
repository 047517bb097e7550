//! The companies of an import: rows of a companies table matched to known companies or added,
//! and the companies `from` and `to` cells name.

use serde_json::Value;

use crate::export::columns::ColumnType;
use crate::model::Company;
use crate::names::{name_key, slugify};

use super::cells::CellProblem;
use super::directory::{Matched, Resolved};
use super::fields::{extra_cells, value_of};
use super::mapping::FieldSpec;
use super::place::Place;
use super::plan::{Mapped, Plan};
use super::records::Builder;

/// What a companies row found among the known companies.
enum Known {
    /// One company: its id, how it was found, and whether the import added it.
    One(String, &'static str, bool),
    /// A name several companies bear: each described.
    Several(Vec<String>),
    Nobody,
}

impl Builder<'_> {
    /// A row of a companies table: a new company, or one merged into a known company (what
    /// it says added to a company of the import).
    pub(super) fn company_row(&mut self, place: &mut Place<'_>, plan: &Plan) {
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
            let id = slugify(name);
            if id.is_empty() {
                let problem = CellProblem {
                    message: format!(
                        "`{name}` has no letter or digit to make a company id of, and the row gives no id"
                    ),
                    hint: "map `id` to a column of ids, or name the company with letters or digits"
                        .to_owned(),
                };
                self.problems
                    .push(place.problem(plan.field("name"), problem));
                return;
            }
            fields.insert("id".to_owned(), Value::String(id));
        }
        name_by_id_if_unnamed(&mut fields);
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
        match self.known(&company, &plan.matching) {
            Known::One(id, by, added) => {
                self.merged.push(merged(&company.name, &id, by));
                if added {
                    self.directory.fill(&id, company);
                }
            }
            Known::Several(candidates) => {
                let problem = several(&company.name, &candidates);
                self.problems
                    .push(place.problem(plan.field("name"), problem));
            }
            Known::Nobody => {
                self.directory.add(company);
            }
        }
    }

    /// The known company `company` is, found in the ways `matching` lists, in turn.
    fn known(&mut self, company: &Company, matching: &[&'static str]) -> Known {
        for &way in matching {
            let found = match way {
                "name" => match self.directory.resolve(&company.name) {
                    Resolved::One(id) => Some(id),
                    Resolved::Several(candidates) => return Known::Several(candidates),
                    Resolved::Nobody => None,
                },
                "exact-name" => self.directory.by_field(way, &company.name),
                "id" => self.directory.by_field(way, company.id.as_str()),
                external => company
                    .external_id(external)
                    .and_then(|value| self.directory.by_field(external, value)),
            };
            if let Some(id) = found {
                let added = self.directory.added_mut(&id).is_some();
                return Known::One(id, way, added);
            }
        }
        Known::Nobody
    }

    /// The id of the company a `from` or `to` cell names, as its options say: by a field it
    /// holds exactly, or by name; a new company, described by the row, when none is found.
    /// An empty cell names the company first given exactly the name of the `name` option.
    pub(super) fn company_at(
        &mut self,
        place: &Place<'_>,
        mapped: &Mapped,
        text: Option<&str>,
    ) -> Result<Option<String>, CellProblem> {
        let columns = &mapped.company;
        let part = |part: &Option<Box<Mapped>>| -> Result<Option<String>, CellProblem> {
            match part {
                Some(part) => place.value(part),
                None => Ok(None),
            }
        };
        let given_name = part(&columns.name)?;
        let Some(text) = text else {
            let Some(name) = given_name else {
                return Ok(None);
            };
            if let Some(id) = self.directory.by_field("exact-name", &name) {
                return Ok(Some(id));
            }
            return self.new_company(place, mapped, None, &name).map(Some);
        };
        if let Some(field) = columns.by
            && let Some(id) = self.directory.by_field(field, text)
        {
            return Ok(Some(id));
        }
        let name = given_name.unwrap_or_else(|| text.to_owned());
        if columns.by.is_none() {
            match self.directory.resolve(&name) {
                Resolved::One(id) => return Ok(Some(id)),
                Resolved::Several(candidates) => return Err(several(&name, &candidates)),
                Resolved::Nobody => {}
            }
        }
        self.new_company(place, mapped, Some(text), &name).map(Some)
    }

    /// A company the row names that no company is, made of the row: `cell` is the `from` or
    /// `to` cell when it holds an external id.
    fn new_company(
        &mut self,
        place: &Place<'_>,
        mapped: &Mapped,
        cell: Option<&str>,
        name: &str,
    ) -> Result<String, CellProblem> {
        let columns = &mapped.company;
        let wanted = match &columns.id {
            Some(id) => place.value(id)?.map(|id| slugify(&id)),
            None => None,
        };
        let wanted = wanted
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| slugify(name));
        if wanted.is_empty() || (columns.id.is_none() && name_key(name).is_empty()) {
            return Err(CellProblem {
                message: format!("`{name}` has no letter or digit to make a company id of"),
                hint: "name the company with letters or digits, or give its id".to_owned(),
            });
        }
        let mut company = serde_json::json!({ "id": wanted, "name": name });
        if let Value::Object(fields) = &mut company {
            name_by_id_if_unnamed(fields);
        }
        if let (Some(field), Some(cell)) = (columns.by, cell)
            && !matches!(field, "id" | "exact-name")
        {
            company[field] = Value::String(cell.to_owned());
        }
        if let Some(sectors) = &columns.sectors
            && let Some(text) = place.value(sectors)?
        {
            let separator = sectors
                .spec
                .split
                .as_deref()
                .or(mapped.spec.split.as_deref());
            let spec = FieldSpec {
                split: separator.map(str::to_owned),
                ..FieldSpec::default()
            };
            company["sectors"] = value_of("sectors", ColumnType::TextList, &text, &spec)?;
        }
        if let Some(country) = &columns.country
            && let Some(text) = place.value(country)?
        {
            company["country"] = value_of("country", ColumnType::Text, &text, &country.spec)?;
        }
        let company: Company = serde_json::from_value(company).map_err(|error| CellProblem {
            message: format!("the row makes no company: {error}"),
            hint: "check what `name`, `sectors` and `country` read".to_owned(),
        })?;
        Ok(self.directory.add(company))
    }

    /// Notes the id and fields of the company `side` (`from`, `to`) resolved to, for the
    /// templates of the row's other fields.
    pub(super) fn note_company(&self, place: &mut Place<'_>, side: &str, id: &str) {
        place.companies.insert(side.to_owned(), id.to_owned());
        let Some(company) = self.directory.company(id) else {
            return;
        };
        let mut note = |field: &str, value: Option<&str>| {
            if let Some(value) = value {
                place
                    .companies
                    .insert(format!("{side}.{field}"), value.to_owned());
            }
        };
        note("name", Some(&company.name));
        for field in ["crunchbase", "wikidata", "lei"] {
            note(field, company.external_id(field));
        }
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

/// A company whose name has no letter or digit (`***`), which the graph format refuses, is
/// named by its id; the name as written is kept under `extra.name_as_given`.
fn name_by_id_if_unnamed(fields: &mut serde_json::Map<String, Value>) {
    let Some(Value::String(name)) = fields.get("name") else {
        return;
    };
    if !name_key(name).is_empty() {
        return;
    }
    let Some(id) = fields.get("id").cloned().filter(|id| id != "") else {
        return;
    };
    let written = fields.insert("name".to_owned(), id).unwrap_or_default();
    let extra = fields
        .entry("extra")
        .or_insert_with(|| Value::Object(serde_json::Map::new()));
    if let Value::Object(extra) = extra {
        extra.insert("name_as_given".to_owned(), written);
    }
}
