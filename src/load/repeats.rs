//! Records written twice: the same relation twice, a symmetric relation written both ways,
//! two companies of one name, and an alias that is another company's ticker. Run by `check`
//! only: loading does not need them.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::locate::Section;
use super::validate::{Place, Reporter};
use super::{At, describe_company};
use crate::model::{Company, Relation};
use crate::names::{FastMap, fold, ticker_keys};

/// What makes two relation records the same relation, hashed: every field but its status,
/// sources, notes, wording of the amount and `extra` (what merging two records of one deal
/// reconciles), with the ends in id order for a symmetric type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct RelationKey {
    hash: u128,
    /// Whether a symmetric relation was written with its ends against id order.
    reversed: bool,
}

impl RelationKey {
    /// The key of `relation`.
    pub(crate) fn of(relation: &Relation) -> RelationKey {
        let reversed = relation.kind.is_symmetric() && relation.from > relation.to;
        let mut facts = Relation {
            status: None,
            amount_text: None,
            estimated: None,
            sources: Vec::new(),
            notes: None,
            extra: None,
            ..relation.clone()
        };
        if reversed {
            std::mem::swap(&mut facts.from, &mut facts.to);
        }
        let text = serde_json::to_string(&facts).expect("a relation always serializes");
        RelationKey {
            hash: xxhash_rust::xxh3::xxh3_128(text.as_bytes()),
            reversed,
        }
    }
}

/// Reports each relation that repeats an earlier one, citing the earlier record, given every
/// relation's key and record in file order, each with its position among its file's
/// relations; `label` names the record at a place and position when it is reported.
pub(super) fn repeated_relations(
    keys: impl IntoIterator<Item = (usize, (RelationKey, Place))>,
    label: impl Fn(Place, usize) -> String,
    report: &mut Reporter<'_>,
) {
    let mut first: HashMap<u128, (bool, Place)> = HashMap::new();
    for (position, (key, here)) in keys {
        let earlier = match first.entry(key.hash) {
            Entry::Vacant(slot) => {
                slot.insert((key.reversed, here));
                continue;
            }
            Entry::Occupied(earlier) => *earlier.get(),
        };
        let (reversed, cited) = earlier;
        let (message, hint) = if reversed == key.reversed {
            (
                "the same relation as an earlier record",
                "first written at {cited}, with the same type, companies, dates, amounts and deal: merge the two records' sources into one",
            )
        } else {
            (
                "a symmetric relation written both ways",
                "also written the other way at {cited}: a symmetric type reads both ways, so keep one of the two records",
            )
        };
        let at = At::Record(Section::Relations, here.index, None);
        report.error(
            here.file,
            at,
            label(here, position),
            message.to_owned(),
            hint,
        );
        if let Some(problem) = report.problems.last_mut() {
            problem.cite = Some((
                cited.file,
                At::Record(Section::Relations, cited.index, None),
            ));
        }
    }
}

/// Warns of companies that share a name (ignoring case and punctuation), and reports an alias
/// that is another company's ticker.
pub(super) fn repeated_names(companies: &[Company], places: &[Place], report: &mut Reporter<'_>) {
    let mut named: FastMap<compact_str::CompactString, usize> = FastMap::default();
    let mut tickers: FastMap<compact_str::CompactString, usize> = FastMap::default();
    for (i, company) in companies.iter().enumerate() {
        for key in company.ticker.iter().flat_map(|ticker| ticker_keys(ticker)) {
            tickers.entry(key).or_insert(i);
        }
    }
    for (i, company) in companies.iter().enumerate() {
        let place = places[i];
        let record = || describe_company(place.index, Some(company.id.as_str()));
        match named.entry(fold(&company.name)) {
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
            Entry::Occupied(first) => {
                let other = &companies[*first.get()];
                let at = At::Record(Section::Companies, place.index, Some("name"));
                let message = format!(
                    "the name `{}` is also that of `{}` ({})",
                    company.name, other.id, other.name
                );
                let hint = "naming it on the command line is ambiguous: tell the names apart, or merge the two records";
                report.warning(place.file, at, record(), message, hint);
            }
        }
        for alias in &company.aliases {
            if let Some(&owner) = tickers.get(&fold(alias))
                && owner != i
            {
                let other = &companies[owner];
                let at = At::Record(Section::Companies, place.index, Some("aliases"));
                let message = format!(
                    "alias `{alias}` is the ticker of `{}` ({})",
                    other.id, other.name
                );
                let hint = "a ticker names its company: remove the alias or fix the ticker";
                report.error(place.file, at, record(), message, hint);
            }
        }
    }
}
