//! Problems found while loading a graph, each with its position and a hint.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Loading goes on; `check --strict` treats it as an error.
    Warning,
    /// The graph does not load.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem in a graph file.
///
/// Displayed as `path:line:column: error: record: message`, with the hint on a second line,
/// so editors can jump to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file. In JSON, a name that is not UTF-8 has each invalid byte written as `\xNN`,
    /// and control characters escaped, as [`crate::display::path`] writes them.
    #[serde(serialize_with = "crate::display::serialize_path")]
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in bytes from the start of the line.
    pub column: usize,
    /// The record concerned, such as `relations[3] (investment a -> b)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: ",
            crate::display::path(&self.path),
            self.line,
            self.column,
            self.severity
        )?;
        let text = crate::display::text;
        if let Some(record) = &self.record {
            write!(f, "{}: ", text(record))?;
        }
        write!(f, "{}", text(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", text(hint))?;
        }
        Ok(())
    }
}

/// The problems that stopped a graph from loading, in file and position order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// How many of the problems are errors.
    pub fn error_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

impl fmt::Display for Diagnostics {
    /// A count, then each problem on its own lines, so that after an error chain's `: ` every
    /// problem still starts a line where an editor can find its position.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.error_count();
        write!(
            f,
            "the graph has {errors} error{}:",
            if errors == 1 { "" } else { "s" }
        )?;
        for diagnostic in &self.0 {
            write!(f, "\n{diagnostic}")?;
        }
        Ok(())
    }
}
