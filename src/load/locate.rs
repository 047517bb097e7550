//! Positions in a graph file: the line and column of a record, or of one of its fields.
//!
//! Records are located only when a problem needs reporting: the file is parsed again into
//! borrowed [`RawValue`]s, whose addresses give their byte offsets in the text.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::value::RawValue;

/// The two arrays of a graph file, each record kept as raw text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSections<'a> {
    #[serde(borrow, default)]
    pub(crate) companies: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    pub(crate) relations: Vec<&'a RawValue>,
}

/// Which array of the file a record is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Companies,
    Relations,
}

/// Converts byte offsets in one file's text to 1-based lines and columns, and finds records.
pub(crate) struct SourceMap<'a> {
    text: &'a str,
    line_starts: OnceLock<Vec<usize>>,
    sections: OnceLock<Option<RawSections<'a>>>,
}

impl<'a> SourceMap<'a> {
    pub(crate) fn new(text: &'a str) -> SourceMap<'a> {
        SourceMap {
            text,
            line_starts: OnceLock::new(),
            sections: OnceLock::new(),
        }
    }

    /// The 1-based line and byte column of `offset`.
    pub(crate) fn line_column(&self, offset: usize) -> (usize, usize) {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&start| start <= offset);
        let column = offset - starts[line - 1] + 1;
        (line, column)
    }

    /// The byte offset of a 1-based line and column, as serde_json reports them, counted in
    /// `fragment`, a slice of this file's text.
    pub(crate) fn offset_in(&self, fragment: &str, line: usize, column: usize) -> usize {
        let line_start = match line {
            0 | 1 => 0,
            _ => fragment
                .match_indices('\n')
                .nth(line - 2)
                .map_or(fragment.len(), |(i, _)| i + 1),
        };
        let offset = (line_start + column.saturating_sub(1)).min(fragment.len());
        self.offset_of(fragment) + offset
    }

    /// The byte offset of `fragment`, which must be a slice of this file's text.
    pub(crate) fn offset_of(&self, fragment: &str) -> usize {
        (fragment.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
    }

    /// The raw records of the file, or `None` when it is not a well-formed graph file.
    pub(crate) fn sections(&self) -> Option<&RawSections<'a>> {
        self.sections
            .get_or_init(|| serde_json::from_str(self.text).ok())
            .as_ref()
    }

    /// The raw text of one record.
    pub(crate) fn record(&self, section: Section, index: usize) -> Option<&'a RawValue> {
        let sections = self.sections()?;
        let records = match section {
            Section::Companies => &sections.companies,
            Section::Relations => &sections.relations,
        };
        records.get(index).copied()
    }

    /// The offset of a record, or of the value of one of its fields when that field is given
    /// and present; the start of the file when the record cannot be found.
    pub(crate) fn locate(&self, section: Section, index: usize, field: Option<&str>) -> usize {
        let Some(record) = self.record(section, index) else {
            return 0;
        };
        let value = field.and_then(|field| {
            let fields: BTreeMap<String, &RawValue> = serde_json::from_str(record.get()).ok()?;
            fields.get(field).copied()
        });
        self.offset_of(value.unwrap_or(record).get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_records_and_fields() {
        let text = "{\n  \"relations\": [\n    {\"type\": \"lease\", \"from\": \"a\"},\n    {\"type\": \"x\"}\n  ]\n}\n";
        let map = SourceMap::new(text);
        let record = map.locate(Section::Relations, 1, None);
        assert_eq!(map.line_column(record), (4, 5));
        let field = map.locate(Section::Relations, 0, Some("from"));
        assert_eq!(map.line_column(field), (3, 31));
        assert_eq!(map.locate(Section::Companies, 0, None), 0);
    }

    #[test]
    fn converts_fragment_positions_to_file_offsets() {
        let text = "{\"relations\": [\n {\"a\": 1,\n  \"b\": 2}]}";
        let map = SourceMap::new(text);
        let record = map.record(Section::Relations, 0).expect("record").get();
        let offset = map.offset_in(record, 2, 3);
        assert_eq!(map.line_column(offset), (3, 3));
        let offset = map.offset_in(record, 1, 2);
        assert_eq!(map.line_column(offset), (2, 3));
    }
}
