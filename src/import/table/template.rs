//! Templates: a value made of a row's cells (`{Header}`), of the fields of the companies its
//! `from` and `to` cells name (`{@to}`, `{@to.crunchbase}`), and of text.

use super::read::Table;

/// A piece of a template: text as it is, the cell of a column, or a field of the company a
/// `from` or `to` cell named (`{@to}` its id, `{@to.crunchbase}` its Crunchbase permalink).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    /// Text written as it is.
    Text(String),
    /// The cell of the column at this index.
    Cell(usize),
    /// `from` or `to`, and the field of its company (`None` for its id).
    Company(String, Option<String>),
}

/// The fields of a company a template may name after `@from.` or `@to.`.
pub(super) const COMPANY_PIECES: [&str; 5] = ["id", "name", "crunchbase", "wikidata", "lei"];

/// Why a template cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TemplateProblem {
    /// A brace without its partner.
    Unmatched,
    /// `{Header}` names no column of the table.
    NoColumn(String),
    /// `{@...}` names no field of a row's company.
    NoCompanyField(String),
}

/// The pieces of a template: `{Header}` a column's cell, `{@to}` and `{@to.FIELD}` the
/// company of a row's `from` or `to`, `{{` and `}}` a brace, the rest text.
pub(super) fn parse(text: &str, table: &Table) -> Result<Vec<Piece>, TemplateProblem> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        literal.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("{{").or_else(|| tail.strip_prefix("}}")) {
            literal.push_str(&tail[..1]);
            rest = after;
            continue;
        }
        let (header, after) = tail
            .strip_prefix('{')
            .and_then(|t| t.split_once('}'))
            .ok_or(TemplateProblem::Unmatched)?;
        let piece = match header.strip_prefix('@') {
            Some(named) => company_piece(named)
                .ok_or_else(|| TemplateProblem::NoCompanyField(header.to_owned()))?,
            None => Piece::Cell(
                table
                    .column(header)
                    .ok_or_else(|| TemplateProblem::NoColumn(header.to_owned()))?,
            ),
        };
        if !literal.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut literal)));
        }
        pieces.push(piece);
        rest = after;
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    Ok(pieces)
}

/// `to`, `from.crunchbase`, ... as a piece naming a row's company.
fn company_piece(named: &str) -> Option<Piece> {
    let (side, field) = match named.split_once('.') {
        Some((side, field)) => (side, Some(field)),
        None => (named, None),
    };
    if !matches!(side, "from" | "to") {
        return None;
    }
    match field {
        None | Some("id") => Some(Piece::Company(side.to_owned(), None)),
        Some(field) if COMPANY_PIECES.contains(&field) => {
            Some(Piece::Company(side.to_owned(), Some(field.to_owned())))
        }
        Some(_) => None,
    }
}
