//! Suggestions for mistyped words: the "did you mean" of every error that names something
//! unknown. A leaf: it knows strings, not companies, so the model and the name index both use
//! it without using each other.

/// The least Jaro-Winkler similarity for a word to be suggested.
pub(crate) const MIN_SIMILARITY: f64 = 0.82;

/// How alike two words are, from 0 (nothing in common) to 1 (the same).
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}

/// The known word closest to `unknown`, when one is close enough to suggest: for "did you
/// mean" on field names, types and statuses.
///
/// # Example
///
/// ```
/// use dealgraph::suggest::closest_word;
///
/// assert_eq!(closest_word("compte", &["compute", "lease"]), Some("compute"));
/// assert_eq!(closest_word("banana", &["compute", "lease"]), None);
/// ```
pub fn closest_word<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|word| (similarity(unknown, word), *word))
        .filter(|(score, _)| *score >= MIN_SIMILARITY)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, word)| word)
}
