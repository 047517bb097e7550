//! Parsing one graph file into records, reporting every record that does not parse.
//!
//! The whole file is parsed in one pass first. Only when that fails is it parsed again record
//! by record, so that one bad record does not hide the problems of the others.

use std::collections::BTreeMap;

use std::fmt;

use serde::Deserialize;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::value::RawValue;

use super::locate::{RawSections, Section, SourceMap};
use super::{At, Pending, Severity};
use crate::model::{Company, Relation};

/// The records of one array that parsed, with their positions in the array.
#[derive(Debug)]
pub(crate) struct Records<T> {
    pub(crate) items: Vec<T>,
    /// The `id` of each record that did not parse, where it can be read: a relation naming
    /// such a company is not reported as naming an unknown one.
    pub(crate) unparsed_ids: Vec<String>,
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
            unparsed_ids: Vec::new(),
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

/// Takes each relation of a file as it is parsed, so a large file's relations are never all
/// held as records at once.
pub(crate) trait RelationSink {
    /// A relation that parsed, with its index in the file's array.
    fn accept(&mut self, index: usize, relation: Relation);
    /// Forgets every relation accepted so far: the file is being parsed again.
    fn reset(&mut self);
}

/// The companies of one file that parsed; its relations went to the sink.
#[derive(Debug, Default)]
pub(crate) struct ParsedFile {
    pub(crate) companies: Records<Company>,
}

/// Parses `text`, the contents of file number `file`, adding a problem for each record that does
/// not parse.
pub(crate) fn parse_file(
    file: usize,
    text: &str,
    map: &SourceMap<'_>,
    problems: &mut Vec<Pending>,
    sink: &mut dyn RelationSink,
) -> ParsedFile {
    if let Some(problem) = not_an_object(file, text) {
        problems.push(problem);
        return ParsedFile::default();
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let whole = deserializer
        .deserialize_map(FileVisitor { sink: &mut *sink })
        .and_then(|companies| deserializer.end().map(|()| companies));
    if let Ok(companies) = whole {
        return ParsedFile {
            companies: Records::all(companies),
        };
    }
    sink.reset();
    let sections: RawSections<'_> = match serde_json::from_str(text) {
        Ok(sections) => sections,
        Err(error) => {
            let reported = map.offset_in(text, error.line(), error.column());
            let mut problem = Pending::from_json(file, At::Offset(reported), None, &error);
            problem.at = At::Offset(pinpoint(text, None, reported, &problem.message, map));
            problems.push(problem);
            return ParsedFile::default();
        }
    };
    let relations: Records<Relation> =
        parse_records(file, &sections.relations, Section::Relations, map, problems);
    let indexes: Vec<usize> = relations.indexed().map(|(index, _)| index).collect();
    for (index, relation) in indexes.into_iter().zip(relations.items) {
        sink.accept(index, relation);
    }
    ParsedFile {
        companies: parse_records(file, &sections.companies, Section::Companies, map, problems),
    }
}

/// The whole of a well-formed file in one pass: its companies as records, each relation handed
/// to the sink as soon as it is parsed. Any error sends the file to the record-by-record path,
/// which reports it precisely.
struct FileVisitor<'a> {
    sink: &'a mut dyn RelationSink,
}

/// The two arrays of a graph file.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum FileField {
    Companies,
    Relations,
}

impl<'de> Visitor<'de> for FileVisitor<'_> {
    type Value = Vec<Company>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a graph file")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Company>, A::Error> {
        let mut companies = None;
        let mut relations = false;
        while let Some(key) = map.next_key::<FileField>()? {
            match key {
                FileField::Companies if companies.is_none() => companies = Some(map.next_value()?),
                FileField::Relations if !relations => {
                    relations = true;
                    map.next_value_seed(RelationsSeed {
                        sink: &mut *self.sink,
                    })?;
                }
                _ => return Err(de::Error::custom("duplicate field")),
            }
        }
        Ok(companies.unwrap_or_default())
    }
}

struct RelationsSeed<'a> {
    sink: &'a mut dyn RelationSink,
}

impl<'de> DeserializeSeed<'de> for RelationsSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RelationsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of relations")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(relation) = seq.next_element::<Relation>()? {
            self.sink.accept(index, relation);
            index += 1;
        }
        Ok(())
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
    let mut unparsed_ids = Vec::new();
    for (index, record) in raw.iter().enumerate() {
        match serde_json::from_str::<T>(record.get()) {
            Ok(item) => {
                items.push(item);
                indexes.push(index);
            }
            Err(error) => {
                let reported = map.offset_in(record.get(), error.line(), error.column());
                let fields = raw_fields(record);
                let label = describe_raw(section, index, &fields);
                let mut problem =
                    Pending::from_json(file, At::Offset(reported), Some(label), &error);
                let field = field_at(record.get(), &fields, reported, map);
                problem.at = At::Offset(pinpoint(
                    record.get(),
                    field,
                    reported,
                    &problem.message,
                    map,
                ));
                if let Some((name, _)) = field {
                    problem.message = format!("`{name}`: {}", problem.message);
                }
                problems.push(problem);
                unparsed_ids.extend(raw_text(&fields, "id"));
            }
        }
    }
    Records {
        items,
        unparsed_ids,
        indexes: Some(indexes),
    }
}

/// The fields of a record that did not parse, as raw text; empty when it is not an object.
fn raw_fields(record: &RawValue) -> BTreeMap<String, &RawValue> {
    serde_json::from_str(record.get()).unwrap_or_default()
}

/// The field whose value holds the byte at `offset`, where a value error such as a bad date or
/// an unknown type lies, with its raw value. serde_json reports a value it only peeked at, such
/// as an array where an object belongs, just before it, so a value that follows `offset` after
/// nothing but blanks and the colon counts too.
fn field_at<'a>(
    record: &str,
    fields: &'a BTreeMap<String, &RawValue>,
    offset: usize,
    map: &SourceMap<'_>,
) -> Option<(&'a str, &'a RawValue)> {
    let base = map.offset_of(record);
    fields.iter().find_map(|(name, value)| {
        let start = map.offset_of(value.get());
        let inside = (start..start + value.get().len()).contains(&offset);
        let just_before = offset < start
            && record
                .as_bytes()
                .get(offset.saturating_sub(base)..start - base)
                .is_some_and(|gap| gap.iter().all(|b| b" \t\r\n:".contains(b)));
        (inside || just_before).then_some((name.as_str(), *value))
    })
}

/// Where to point for a record that did not parse: the key of an unknown field, a trailing
/// comma (serde_json reports the bracket after it), the start of a bad plain value (serde_json
/// reports its end), the record itself when a field is missing, and otherwise where serde_json
/// stopped.
fn pinpoint(
    record: &str,
    field: Option<(&str, &RawValue)>,
    reported: usize,
    message: &str,
    map: &SourceMap<'_>,
) -> usize {
    let base = map.offset_of(record);
    if let Some(key) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    {
        let quoted = format!("\"{key}\"");
        let before = &record.as_bytes()[..(reported + 1).saturating_sub(base).min(record.len())];
        if let Some(at) = before
            .windows(quoted.len())
            .rposition(|window| window == quoted.as_bytes())
        {
            return base + at;
        }
        return reported;
    }
    if message.starts_with("trailing comma") {
        let before = &record.as_bytes()[..reported.saturating_sub(base).min(record.len())];
        if let Some(comma) = before.iter().rposition(|&b| b == b',') {
            return base + comma;
        }
    }
    match field {
        Some((_, value))
            if !value.get().starts_with(['[', '{']) || reported < map.offset_of(value.get()) =>
        {
            map.offset_of(value.get())
        }
        None if message.starts_with("missing field") => base,
        _ => reported,
    }
}

/// A problem with a file that is blank, or holds an array: serde would read an array as a
/// graph's fields in order, so `[]` would load as an empty graph.
fn not_an_object(file: usize, text: &str) -> Option<Pending> {
    let value = text.trim_start_matches([' ', '\t', '\r', '\n']);
    let (at, message) = match value.as_bytes().first() {
        None => (0, "the file is empty"),
        Some(b'[') => (
            text.len() - value.len(),
            "invalid type: array, expected an object",
        ),
        Some(_) => return None,
    };
    Some(Pending {
        severity: Severity::Error,
        file,
        at: At::Offset(at),
        record: None,
        message: message.to_owned(),
        hint: Some(super::hints::GRAPH_FILE_HINT.to_owned()),
        cite: None,
    })
}

/// The string value of a field of a record that did not parse, when it is a string.
fn raw_text(fields: &BTreeMap<String, &RawValue>, key: &str) -> Option<String> {
    fields
        .get(key)
        .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
}

/// Names a record that did not parse by whatever of its id, type and ends can be read.
fn describe_raw(section: Section, index: usize, fields: &BTreeMap<String, &RawValue>) -> String {
    let text = |key: &str| raw_text(fields, key);
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
            cite: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The relations a parse handed over, with their indexes, and how often it started over.
    #[derive(Default)]
    struct Collected {
        relations: Vec<(usize, Relation)>,
        resets: usize,
    }

    impl RelationSink for Collected {
        fn accept(&mut self, index: usize, relation: Relation) {
            self.relations.push((index, relation));
        }

        fn reset(&mut self) {
            self.relations.clear();
            self.resets += 1;
        }
    }

    /// A well-formed file is read in one pass: the record-by-record path, which reports
    /// problems precisely, is never needed, and every record comes through with its index.
    #[test]
    fn a_well_formed_file_is_read_in_one_pass() {
        let text = r#"{"companies": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "relations": [{"type": "lease", "from": "a", "to": "b"},
                          {"type": "supply", "from": "b", "to": "a"}]}"#;
        let mut sink = Collected::default();
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let companies = deserializer
            .deserialize_map(FileVisitor { sink: &mut sink })
            .expect("one pass reads it");
        deserializer.end().expect("nothing after the object");
        let ids: Vec<&str> = companies.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        let read: Vec<(usize, &str)> = sink
            .relations
            .iter()
            .map(|(index, relation)| (*index, relation.kind.as_str()))
            .collect();
        assert_eq!(read, [(0, "lease"), (1, "supply")]);
        assert_eq!(sink.resets, 0);
    }

    #[test]
    fn the_one_pass_reader_refuses_what_it_cannot_read_whole() {
        for (text, expected) in [
            (r#"{"companies": [], "companies": []}"#, "duplicate field"),
            (r#"{"relations": [], "relations": []}"#, "duplicate field"),
            (r#"{"relations": 5}"#, "expected an array of relations"),
            (r#"[1]"#, "expected a graph file"),
        ] {
            let mut sink = Collected::default();
            let mut deserializer = serde_json::Deserializer::from_str(text);
            let error = deserializer
                .deserialize_map(FileVisitor { sink: &mut sink })
                .expect_err("not one pass");
            assert!(error.to_string().contains(expected), "{text}: {error}");
        }
    }
}
