//! Parsing one graph file into records, reporting every record that does not parse.
//!
//! The whole file is parsed in one pass first. Only when that fails is it parsed again record
//! by record, so that one bad record does not hide the problems of the others.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::locate::{RawSections, Section, SourceMap};
use super::{At, Pending, Severity};
use crate::model::{Company, GraphFile, Relation};

/// The records of one array that parsed, with their positions in the array.
#[derive(Debug)]
pub(crate) struct Records<T> {
    pub(crate) items: Vec<T>,
    /// The array index of each item, or `None` when every record parsed (item `i` is record `i`).
    indexes: Option<Vec<usize>>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records::all(Vec::new())
    }
}

impl<T> Records<T> {
    fn all(items: Vec<T>) -> Records<T> {
        Records {
            items,
            indexes: None,
        }
    }

    /// Each record with its index in the file's array.
    pub(crate) fn indexed(&self) -> impl Iterator<Item = (usize, &T)> {
        self.items
            .iter()
            .enumerate()
            .map(|(i, item)| (self.indexes.as_ref().map_or(i, |indexes| indexes[i]), item))
    }
}

/// The records of one file that parsed.
#[derive(Debug, Default)]
pub(crate) struct ParsedFile {
    pub(crate) companies: Records<Company>,
    pub(crate) relations: Records<Relation>,
}

/// Parses `text`, the contents of file number `file`, adding a problem for each record that does
/// not parse.
pub(crate) fn parse_file(
    file: usize,
    text: &str,
    map: &SourceMap<'_>,
    problems: &mut Vec<Pending>,
) -> ParsedFile {
    if let Ok(whole) = serde_json::from_str::<GraphFile>(text) {
        return ParsedFile {
            companies: Records::all(whole.companies),
            relations: Records::all(whole.relations),
        };
    }
    let sections: RawSections<'_> = match serde_json::from_str(text) {
        Ok(sections) => sections,
        Err(error) => {
            let offset = map.offset_in(text, error.line(), error.column());
            problems.push(Pending::from_json(file, At::Offset(offset), None, &error));
            return ParsedFile::default();
        }
    };
    ParsedFile {
        companies: parse_records(file, &sections.companies, Section::Companies, map, problems),
        relations: parse_records(file, &sections.relations, Section::Relations, map, problems),
    }
}

fn parse_records<T: DeserializeOwned>(
    file: usize,
    raw: &[&RawValue],
    section: Section,
    map: &SourceMap<'_>,
    problems: &mut Vec<Pending>,
) -> Records<T> {
    let mut items = Vec::with_capacity(raw.len());
    let mut indexes = Vec::with_capacity(raw.len());
    for (index, record) in raw.iter().enumerate() {
        match serde_json::from_str::<T>(record.get()) {
            Ok(item) => {
                items.push(item);
                indexes.push(index);
            }
            Err(error) => {
                let offset = map.offset_in(record.get(), error.line(), error.column());
                let fields = raw_fields(record);
                let label = describe_raw(section, index, &fields);
                let mut problem = Pending::from_json(file, At::Offset(offset), Some(label), &error);
                if let Some(field) = field_at(&fields, offset, map) {
                    problem.message = format!("`{field}`: {}", problem.message);
                }
                problems.push(problem);
            }
        }
    }
    Records {
        items,
        indexes: Some(indexes),
    }
}

/// The fields of a record that did not parse, as raw text; empty when it is not an object.
fn raw_fields(record: &RawValue) -> BTreeMap<String, &RawValue> {
    serde_json::from_str(record.get()).unwrap_or_default()
}

/// The field whose value holds the byte at `offset`, where a value error such as a bad date or
/// an unknown type lies.
fn field_at<'a>(
    fields: &'a BTreeMap<String, &RawValue>,
    offset: usize,
    map: &SourceMap<'_>,
) -> Option<&'a str> {
    fields.iter().find_map(|(name, value)| {
        let start = map.offset_of(value.get());
        (start..=start + value.get().len())
            .contains(&offset)
            .then_some(name.as_str())
    })
}

/// Names a record that did not parse by whatever of its id, type and ends can be read.
fn describe_raw(section: Section, index: usize, fields: &BTreeMap<String, &RawValue>) -> String {
    let text = |key: &str| {
        fields
            .get(key)
            .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
    };
    match section {
        Section::Companies => super::describe_company(index, text("id").as_deref()),
        Section::Relations => super::describe_relation(
            index,
            text("type").as_deref(),
            text("from").as_deref(),
            text("to").as_deref(),
        ),
    }
}

impl Pending {
    /// A problem from serde_json, with its message split into what is wrong and a hint.
    fn from_json(
        file: usize,
        at: At,
        record: Option<String>,
        error: &serde_json::Error,
    ) -> Pending {
        let (message, hint) = super::hints::explain_json_error(error);
        Pending {
            severity: Severity::Error,
            file,
            at,
            record,
            message,
            hint,
        }
    }
}
