//! The checks that need more than one record, or more than JSON types: ids, names, references,
//! dates, amounts and the fields each relation type allows.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use super::locate::Section;
use super::parse::ParsedFile;
use super::{At, Locator, Mode, Pending, Severity, describe_company, describe_relation};
use crate::model::{Company, Relation, RelationKind};
use crate::names::{NameIndex, name_key};

/// The companies (sorted by id), their name index and the relations, when nothing is wrong
/// enough to stop the graph from being built.
pub(crate) type Valid = (Vec<Company>, NameIndex, Vec<Relation>);

/// Validates every record, adding a problem for each thing wrong.
pub(crate) fn validate(
    parsed: Vec<ParsedFile>,
    locator: &Locator<'_>,
    mode: Mode,
    problems: &mut Vec<Pending>,
) -> Option<Valid> {
    let mut report = Reporter { problems, mode };
    let (companies, places) = unique_companies(&parsed, locator, &mut report);
    let names = NameIndex::new(&companies);
    check_aliases(&companies, &places, &mut report);
    // Companies whose records did not parse are reported there, not as unknown in relations.
    let unparsed: HashSet<String> = parsed
        .iter()
        .flat_map(|file| file.companies.unparsed_ids.iter().cloned())
        .collect();
    let known = Known {
        companies: &companies,
        names: &names,
        unparsed: &unparsed,
    };
    let count = parsed.iter().map(|file| file.relations.items.len()).sum();
    let mut relations = Vec::with_capacity(count);
    for (file, parsed) in parsed.into_iter().enumerate() {
        for (index, relation) in parsed.relations.indexed() {
            check_relation(file, index, relation, &known, &mut report);
        }
        relations.extend(parsed.relations.items);
    }
    Some((companies, names, relations))
}

/// The companies a relation may name.
struct Known<'a> {
    companies: &'a [Company],
    names: &'a NameIndex,
    /// The ids of company records that did not parse.
    unparsed: &'a HashSet<String>,
}

/// Where a record is: its file and its index in the file's array.
#[derive(Debug, Clone, Copy)]
struct Place {
    file: usize,
    index: usize,
}

struct Reporter<'a> {
    problems: &'a mut Vec<Pending>,
    mode: Mode,
}

impl Reporter<'_> {
    fn error(&mut self, file: usize, at: At, record: String, message: String, hint: &str) {
        self.push(Severity::Error, file, at, record, message, hint);
    }

    /// A warning, left out when only loading and raised to an error under `--strict`.
    fn warning(&mut self, file: usize, at: At, record: String, message: String, hint: &str) {
        match self.mode {
            Mode::Load => {}
            Mode::Check => self.push(Severity::Warning, file, at, record, message, hint),
            Mode::Strict => self.push(Severity::Error, file, at, record, message, hint),
        }
    }

    fn push(
        &mut self,
        severity: Severity,
        file: usize,
        at: At,
        record: String,
        message: String,
        hint: &str,
    ) {
        self.problems.push(Pending {
            severity,
            file,
            at,
            record: Some(record),
            message,
            hint: (!hint.is_empty()).then(|| hint.to_owned()),
        });
    }
}

/// Whether `text` is a lowercase slug: `a-z` and `0-9` in words joined by single hyphens.
fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `text` made into a slug, for hints: "Open AI" becomes `open-ai`.
fn slugify(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn slug_hint(what: &str, text: &str) -> String {
    let example = slugify(text);
    if example.is_empty() {
        format!("{what} are lowercase slugs: a-z, 0-9 and single hyphens")
    } else {
        format!("{what} are lowercase slugs: a-z, 0-9 and single hyphens, e.g. `{example}`")
    }
}

/// Checks each company record on its own and drops repeated ids, keeping the first; returns
/// the companies sorted by id with the place of each.
fn unique_companies(
    parsed: &[ParsedFile],
    locator: &Locator<'_>,
    report: &mut Reporter<'_>,
) -> (Vec<Company>, Vec<Place>) {
    let mut first: HashMap<&str, Place> = HashMap::new();
    let mut unique: Vec<(Company, Place)> = Vec::new();
    for (file, parsed) in parsed.iter().enumerate() {
        for (index, company) in parsed.companies.indexed() {
            let place = Place { file, index };
            check_company(place, company, report);
            match first.entry(company.id.as_str()) {
                Entry::Vacant(slot) => {
                    slot.insert(place);
                    unique.push((company.clone(), place));
                }
                Entry::Occupied(earlier) => {
                    let earlier = earlier.get();
                    let at = At::Record(Section::Companies, earlier.index, Some("id"));
                    let hint = format!(
                        "first defined at {}; merge the two records or rename one",
                        locator.position(earlier.file, at)
                    );
                    report.error(
                        file,
                        At::Record(Section::Companies, index, Some("id")),
                        describe_company(index, Some(company.id.as_str())),
                        format!("duplicate company id `{}`", company.id),
                        &hint,
                    );
                }
            }
        }
    }
    unique.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    unique.into_iter().unzip()
}

fn check_company(place: Place, company: &Company, report: &mut Reporter<'_>) {
    let record = || describe_company(place.index, Some(company.id.as_str()));
    let at = |field| At::Record(Section::Companies, place.index, Some(field));
    if !is_slug(company.id.as_str()) {
        let message = format!("invalid id `{}`", company.id);
        report.error(
            place.file,
            at("id"),
            record(),
            message,
            &slug_hint("ids", company.id.as_str()),
        );
    }
    if name_key(&company.name).is_empty() {
        let message = format!("name `{}` has no letters or digits", company.name);
        report.error(
            place.file,
            at("name"),
            record(),
            message,
            "give the company's display name",
        );
    }
    for sector in &company.sectors {
        if !is_slug(sector) {
            let message = format!("invalid sector `{sector}`");
            report.error(
                place.file,
                at("sectors"),
                record(),
                message,
                &slug_hint("sectors", sector),
            );
        }
    }
}

/// Reports aliases with no letters or digits, and aliases that name another company too.
fn check_aliases(companies: &[Company], places: &[Place], report: &mut Reporter<'_>) {
    let mut primary: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, company) in companies.iter().enumerate() {
        for name in [company.id.as_str(), company.name.as_str()] {
            primary.entry(name_key(name)).or_default().push(i);
        }
    }
    let mut claimed: HashMap<String, usize> = HashMap::new();
    for (i, company) in companies.iter().enumerate() {
        let place = places[i];
        let at = At::Record(Section::Companies, place.index, Some("aliases"));
        let record = || describe_company(place.index, Some(company.id.as_str()));
        for alias in &company.aliases {
            let key = name_key(alias);
            let other = primary
                .get(&key)
                .and_then(|owners| owners.iter().find(|&&owner| owner != i))
                .map(|&owner| ("the name or id", owner))
                .or_else(|| match claimed.get(&key) {
                    Some(&owner) if owner != i => Some(("an alias", owner)),
                    _ => None,
                });
            if key.is_empty() {
                let message = format!("alias `{alias}` has no letters or digits");
                report.error(place.file, at, record(), message, "remove it");
            } else if let Some((what, owner)) = other {
                let owner = &companies[owner];
                let message = format!(
                    "alias `{alias}` is also {what} of `{}` ({})",
                    owner.id, owner.name
                );
                report.error(
                    place.file,
                    at,
                    record(),
                    message,
                    "an alias names one company only: remove it from one of them",
                );
            } else {
                claimed.entry(key).or_insert(i);
            }
        }
    }
}

fn check_relation(
    file: usize,
    index: usize,
    relation: &Relation,
    known: &Known<'_>,
    report: &mut Reporter<'_>,
) {
    let record = || relation_label(index, relation);
    let at = |field| At::Record(Section::Relations, index, Some(field));
    for (field, id) in [("from", &relation.from), ("to", &relation.to)] {
        if known.names.id(id.as_str()).is_none() && !known.unparsed.contains(id.as_str()) {
            let message = format!("unknown company `{id}` in `{field}`");
            let hint = unknown_company_hint(id.as_str(), known.companies, known.names);
            report.error(file, at(field), record(), message, &hint);
        }
    }
    if relation.from == relation.to {
        let message = format!("relation from `{}` to itself", relation.from);
        report.error(
            file,
            at("to"),
            record(),
            message,
            "a relation joins two different companies: check `from` and `to`",
        );
    }
    if let (Some(start), Some(end)) = (relation.date, relation.end)
        && end.last_day() < start.first_day()
    {
        let message = format!("ends ({end}) before it begins ({start})");
        report.error(file, at("end"), record(), message, "check `date` and `end`");
    }
    check_amounts(file, index, relation, report);
    check_type_fields(file, index, relation, report);
    check_sources(file, index, relation, report);
    if let Some(deal) = &relation.deal
        && !is_slug(deal)
    {
        let message = format!("invalid deal id `{deal}`");
        report.error(
            file,
            at("deal"),
            record(),
            message,
            &slug_hint("deal ids", deal),
        );
    }
}

fn relation_label(index: usize, relation: &Relation) -> String {
    describe_relation(
        index,
        Some(relation.kind.as_str()),
        Some(relation.from.as_str()),
        Some(relation.to.as_str()),
    )
}

fn unknown_company_hint(id: &str, companies: &[Company], names: &NameIndex) -> String {
    if let [node] = names.lookup(id) {
        let company = &companies[node.index()];
        return format!(
            "`{id}` names `{}` ({}); relations name companies by id",
            company.id, company.name
        );
    }
    match names.suggest(id, companies).as_slice() {
        [] => "define it under `companies`, or fix the id".to_owned(),
        [one] => format!("did you mean {one}?"),
        many => format!("did you mean one of {}?", many.join(", ")),
    }
}

fn check_amounts(file: usize, index: usize, relation: &Relation, report: &mut Reporter<'_>) {
    let amounts = [
        ("amount_usd", relation.amount_usd),
        ("valuation_usd", relation.valuation_usd),
        ("capacity_mw", relation.capacity_mw),
    ];
    for (field, value) in amounts {
        let Some(value) = value else { continue };
        if value.is_finite() && value >= 0.0 {
            continue;
        }
        let record = relation_label(index, relation);
        let message = format!("`{field}` must be a finite number, not negative: {value}");
        let at = At::Record(Section::Relations, index, Some(field));
        report.error(
            file,
            at,
            record,
            message,
            "a flow the other way is a relation the other way: swap `from` and `to`",
        );
    }
}

fn check_type_fields(file: usize, index: usize, relation: &Relation, report: &mut Reporter<'_>) {
    let record = || relation_label(index, relation);
    for (field, owner) in relation.type_fields() {
        if owner != relation.kind {
            let message = format!(
                "`{field}` belongs to {owner} relations, not to {}",
                relation.kind
            );
            let at = At::Record(Section::Relations, index, Some(field));
            report.error(
                file,
                at,
                record(),
                message,
                "remove it, fix the `type`, or move it into `extra`",
            );
        }
    }
    if relation.kind == RelationKind::Exclusivity && relation.scope.is_none() {
        let at = At::Record(Section::Relations, index, None);
        let message = "exclusivity relation without a `scope`".to_owned();
        report.error(
            file,
            at,
            record(),
            message,
            "add `scope`: one of investors, compute, supply, customers, talent",
        );
    }
}

fn check_sources(file: usize, index: usize, relation: &Relation, report: &mut Reporter<'_>) {
    let record = || relation_label(index, relation);
    if relation.sources.is_empty() {
        let at = At::Record(Section::Relations, index, None);
        let hint = "add `sources`: [{\"publisher\": ..., \"url\": ..., \"quote\": ...}]";
        report.warning(file, at, record(), "no sources".to_owned(), hint);
    }
    for (n, source) in relation.sources.iter().enumerate() {
        if source.publisher.is_none() && source.url.is_none() {
            let at = At::Record(Section::Relations, index, Some("sources"));
            let message = format!("sources[{n}] names neither a `publisher` nor a `url`");
            report.error(
                file,
                at,
                record(),
                message,
                "say where the information comes from",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_single_hyphens() {
        for good in ["openai", "blue-owl-capital", "a16z", "x"] {
            assert!(is_slug(good), "{good}");
        }
        for bad in ["", "OpenAI", "open ai", "-a", "a-", "a--b", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert_eq!(slugify("Open AI, Inc."), "open-ai-inc");
    }
}
