//! Text and attribute values for the XML formats (GraphML, GEXF).
//!
//! XML 1.0 cannot hold control characters other than tab, line feed and carriage return, not
//! even as character references, so a value that has one is written with U+FFFD in its place;
//! the writer counts them, and the command says so rather than losing them without a word.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::export::columns::{COMPANY_COLUMNS, Column, ColumnType, RELATION_COLUMNS};

/// How list cells are joined in the XML formats.
pub(crate) const LIST_SEPARATOR: &str = "; ";

/// The company columns written as node attributes, with their index among
/// [`COMPANY_COLUMNS`]: all but the id, which names the node.
pub(crate) fn node_columns() -> impl Iterator<Item = (usize, &'static Column)> {
    COMPANY_COLUMNS
        .iter()
        .enumerate()
        .filter(|(_, column)| column.name != "id")
}

/// The relation columns written as edge attributes, with their index among
/// [`RELATION_COLUMNS`]: all but the key and the ends, which the edge's id and ends are.
pub(crate) fn edge_columns() -> impl Iterator<Item = (usize, &'static Column)> {
    RELATION_COLUMNS
        .iter()
        .enumerate()
        .filter(|(_, column)| !matches!(column.name, "key" | "from" | "to"))
}

/// The attribute type GraphML and GEXF give a column: lists and JSON go as text.
pub(crate) fn attribute_type(kind: ColumnType) -> &'static str {
    match kind {
        ColumnType::Integer => "long",
        ColumnType::Number => "double",
        ColumnType::Boolean => "boolean",
        ColumnType::Text | ColumnType::TextList | ColumnType::Json => "string",
    }
}

/// A writer of XML that escapes what it is given and counts the characters it had to replace.
pub struct XmlOut<'w> {
    out: &'w mut dyn Write,
    /// How many characters XML cannot hold were replaced with U+FFFD.
    pub replaced: usize,
}

impl<'w> XmlOut<'w> {
    /// A writer onto `out`.
    pub fn new(out: &'w mut dyn Write) -> XmlOut<'w> {
        XmlOut { out, replaced: 0 }
    }

    /// Writes markup as it is.
    pub fn raw(&mut self, markup: &str) -> io::Result<()> {
        self.out.write_all(markup.as_bytes())
    }

    /// Writes `value` escaped for text or a double-quoted attribute.
    pub fn escaped(&mut self, value: &str) -> io::Result<()> {
        let holdable = self.holdable(value);
        let escaped = quick_xml::escape::escape(holdable.as_ref());
        self.out.write_all(escaped.as_bytes())
    }

    /// Writes the XML declaration and the root element's start tag: its namespace, where its
    /// schema is, and `more` attributes (` version="1.3"`).
    pub fn document(
        &mut self,
        root: &str,
        namespace: &str,
        schema: &str,
        more: &str,
    ) -> io::Result<()> {
        self.raw(&format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} xmlns=\"{namespace}\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xsi:schemaLocation=\"{namespace} {schema}\"{more}>\n"
        ))
    }

    /// Writes the start tag `<name` with its attributes (values escaped); `close` ends it
    /// (`>` or `/>`).
    pub fn start(
        &mut self,
        indent: &str,
        name: &str,
        attributes: &[(&str, &str)],
        close: &str,
    ) -> io::Result<()> {
        self.raw(indent)?;
        self.raw("<")?;
        self.raw(name)?;
        for (attribute, value) in attributes {
            self.raw(" ")?;
            self.raw(attribute)?;
            self.raw("=\"")?;
            self.escaped(value)?;
            self.raw("\"")?;
        }
        self.raw(close)?;
        self.raw("\n")
    }

    /// An edge's start tag: its id (the relation's key) and ends, then `more` attributes.
    pub fn edge_start(
        &mut self,
        indent: &str,
        key: &crate::model::RelationKey,
        more: &[(&str, &str)],
    ) -> io::Result<()> {
        let id = key.to_string();
        let mut attributes = vec![
            ("id", id.as_str()),
            ("source", key.from.as_str()),
            ("target", key.to.as_str()),
        ];
        attributes.extend_from_slice(more);
        self.start(indent, "edge", &attributes, ">")
    }

    /// `value` with the characters XML 1.0 cannot hold replaced, counting them.
    fn holdable<'v>(&mut self, value: &'v str) -> Cow<'v, str> {
        if !value.chars().any(cannot_hold) {
            return Cow::Borrowed(value);
        }
        let mut replaced = 0;
        let text = value
            .chars()
            .map(|c| {
                if cannot_hold(c) {
                    replaced += 1;
                    char::REPLACEMENT_CHARACTER
                } else {
                    c
                }
            })
            .collect();
        self.replaced += replaced;
        Cow::Owned(text)
    }
}

/// Whether XML 1.0 cannot hold `c` at all.
fn cannot_hold(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_unholdable_characters_are_counted() {
        let mut bytes = Vec::new();
        let mut out = XmlOut::new(&mut bytes);
        out.escaped("a<b & \"c\"\u{1b}[31m\tok").unwrap();
        assert_eq!(out.replaced, 1);
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "a&lt;b &amp; &quot;c&quot;\u{fffd}[31m\tok"
        );
    }
}
