//! Escaping: every attribute value this exporter writes is escaped and quoted here, and HTML
//! labels are made only from escaped text.

use std::borrow::Cow;

use dot_writer::Attributes;

/// A DOT quoted string holding `text` exactly, as Graphviz will display it.
///
/// `"` and `\` are escaped; a line break (`\n`, `\r\n` or `\r`) becomes DOT's centred line
/// break `\n`; other control characters become spaces; `&` becomes `&amp;`, because Graphviz
/// reads HTML entities such as `&lt;` in labels. Everything else, `<`, `{`, `-` and any Unicode
/// included, is valid inside quotes and is kept.
///
/// # Example
///
/// ```
/// use dealgraph::export::dot::quoted;
///
/// assert_eq!(quoted(r#"Say "hi" \o/"#), r#""Say \"hi\" \\o/""#);
/// assert_eq!(quoted("AT&T\nWidget-Co"), r#""AT&amp;T\nWidget-Co""#);
/// assert_eq!(quoted("node"), r#""node""#);
/// ```
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

/// The inside of [`quoted`]: `text` itself when nothing in it needs escaping.
pub(super) fn escape(text: &str) -> Cow<'_, str> {
    let plain = |b: u8| matches!(b, b' '..=b'~') && !matches!(b, b'"' | b'\\' | b'&');
    if text.bytes().all(plain) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Escapes text for a Graphviz HTML-like label, or for HTML: the five characters with a
/// meaning escaped, control characters made spaces.
pub(crate) fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The only way this module sets attributes: every value escaped and quoted, and HTML labels
/// only from [`Html`], which escapes its text.
pub(super) trait SafeAttributes: Attributes {
    /// Sets `name` to `value`, escaped and quoted.
    fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.set(name, &escape(value), true)
    }

    /// Sets `name` to an HTML-like label.
    fn html(&mut self, name: &'static str, value: &Html) -> &mut Self {
        self.set(name, &format!("<{}>", value.0), false)
    }
}

impl<T: Attributes> SafeAttributes for T {}

/// Markup for an HTML-like label, built only by this module from fixed tags and escaped text.
pub(super) struct Html(pub(super) String);

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn escape_keeps_plain_text() {
        assert_eq!(escape("OpenAI"), "OpenAI");
        assert_eq!(escape(""), "");
        assert_eq!(escape("Widget-Co"), "Widget-Co");
    }

    #[test]
    fn escape_quotes_and_backslashes() {
        assert_eq!(escape(r#"a "b" c"#), r#"a \"b\" c"#);
        assert_eq!(escape(r"C:\dir\"), r"C:\\dir\\");
        assert_eq!(escape(r#"\""#), r#"\\\""#);
        assert_eq!(escape(r"\N \G \l"), r"\\N \\G \\l");
    }

    #[test]
    fn escape_line_breaks_and_controls() {
        assert_eq!(escape("a\nb"), r"a\nb");
        assert_eq!(escape("a\r\nb"), r"a\nb");
        assert_eq!(escape("a\rb"), r"a\nb");
        assert_eq!(escape("a\tb\u{0}c\u{7f}"), "a b c ");
    }

    #[test]
    fn escape_entities_and_markup() {
        assert_eq!(escape("AT&T"), "AT&amp;T");
        assert_eq!(escape("&lt;"), "&amp;lt;");
        assert_eq!(escape("<b>{x}</b>"), "<b>{x}</b>");
    }

    #[test]
    fn escape_keeps_unicode() {
        assert_eq!(escape("Société 🚀 שלום"), "Société 🚀 שלום");
        assert_eq!(quoted("graph"), "\"graph\"");
    }

    #[test]
    fn html_escape_escapes_markup() {
        assert_eq!(
            html_escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
