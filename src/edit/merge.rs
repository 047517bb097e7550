//! Merging two records of one company.

use super::ops::{company_place, list_keys};
use super::{EditError, Workspace};
use crate::model::{Company, CompanyId};
use crate::names::name_key;

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// How many relations were re-pointed from the duplicate to the company kept.
    pub repointed: usize,
    /// The names added to the kept company's aliases.
    pub aliases_added: Vec<String>,
}

/// Merges the company `duplicate` into `keep`: the duplicate's relations are re-pointed to
/// `keep`; its id, name and aliases become aliases of `keep`; its sectors join `keep`'s; its
/// external ids, country and home page fill those `keep` lacks; its notes are added after
/// `keep`'s; its `extra` keys join `keep`'s. The duplicate's record is removed.
///
/// # Errors
///
/// [`EditError::Refused`] when either company is not in the graph being written, when the two
/// hold different values of one field that has room for one (an external id, the country, the
/// home page, an `extra` key: the message names each), or when a relation between the two
/// would relate `keep` to itself (the message lists them).
pub fn merge(
    workspace: &mut Workspace,
    keep: &CompanyId,
    duplicate: &CompanyId,
) -> Result<Merged, EditError> {
    if keep == duplicate {
        return Err(EditError::refused(format!(
            "`{keep}` is named twice; name the company to keep, then its duplicate"
        )));
    }
    let keep_place = company_place(workspace, keep)?;
    let duplicate_place = company_place(workspace, duplicate)?;
    let kept = workspace.records(keep_place.file)?.companies[keep_place.index].clone();
    let other = workspace.records(duplicate_place.file)?.companies[duplicate_place.index].clone();
    let (merged, aliases_added) = merged_company(&kept, &other)?;

    let naming = workspace.relations_naming(duplicate.as_str())?;
    let mut loops = Vec::new();
    for &at in &naming {
        let relation = &workspace.records(at.file)?.relations[at.index];
        let ends = [&relation.from, &relation.to];
        if ends.contains(&keep) || relation.from == relation.to {
            loops.push(workspace.key_at(at)?);
        }
    }
    if !loops.is_empty() {
        return Err(EditError::refused(format!(
            "merging {duplicate} into {keep} would relate {keep} to itself through:\n{}\n  \
             hint: remove those relations first (`dealgraph rm KEY`)",
            list_keys(&loops)
        )));
    }
    for at in &naming {
        let relation = &mut workspace.records_mut(at.file)?.relations[at.index];
        for end in [&mut relation.from, &mut relation.to] {
            if end == duplicate {
                *end = keep.clone();
            }
        }
    }
    workspace.companies_mut(keep_place.file)?[keep_place.index] = merged;
    workspace
        .companies_mut(duplicate_place.file)?
        .remove(duplicate_place.index);
    Ok(Merged {
        repointed: naming.len(),
        aliases_added,
    })
}

/// `keep` with what `duplicate` adds, and the aliases added; refused on any field both hold
/// with different values that only one can be kept of.
fn merged_company(
    keep: &Company,
    duplicate: &Company,
) -> Result<(Company, Vec<String>), EditError> {
    let mut merged = keep.clone();
    let mut clashes = Vec::new();
    let single_fields = [
        ("wikidata", &mut merged.wikidata, &duplicate.wikidata),
        ("lei", &mut merged.lei, &duplicate.lei),
        ("crunchbase", &mut merged.crunchbase, &duplicate.crunchbase),
        ("ticker", &mut merged.ticker, &duplicate.ticker),
        ("country", &mut merged.country, &duplicate.country),
        ("url", &mut merged.url, &duplicate.url),
    ];
    for (field, kept, other) in single_fields {
        match (kept.as_ref(), other) {
            (Some(a), Some(b)) if a != b => {
                clashes.push(format!(
                    "  {field}: `{a}` in {}, `{b}` in {}",
                    keep.id, duplicate.id
                ));
            }
            (None, Some(b)) => *kept = Some(b.clone()),
            _ => {}
        }
    }
    if let Some(extra) = &duplicate.extra {
        let target = merged.extra.get_or_insert_with(Default::default);
        for (key, value) in extra {
            match target.get(key) {
                Some(kept) if kept != value => clashes.push(format!(
                    "  extra.{key}: {kept} in {}, {value} in {}",
                    keep.id, duplicate.id
                )),
                Some(_) => {}
                None => {
                    target.insert(key.clone(), value.clone());
                }
            }
        }
    }
    if !clashes.is_empty() {
        return Err(EditError::refused(format!(
            "{} and {} disagree, and merging would drop one value of each:\n{}\n  hint: make \
             them agree first (`dealgraph set {} FIELD=VALUE`), or leave them apart",
            keep.id,
            duplicate.id,
            clashes.join("\n"),
            duplicate.id
        )));
    }
    merged.notes = match (&keep.notes, &duplicate.notes) {
        (Some(a), Some(b)) if a != b => Some(format!("{a}\n\n{b}")),
        (a, b) => a.clone().or_else(|| b.clone()),
    };
    for sector in &duplicate.sectors {
        if !merged.sectors.contains(sector) {
            merged.sectors.push(sector.clone());
        }
    }
    let mut added = Vec::new();
    let names = [duplicate.id.as_str(), duplicate.name.as_str()]
        .into_iter()
        .chain(duplicate.aliases.iter().map(String::as_str));
    for name in names {
        let key = name_key(name);
        // Against the names only: a name that folds to the kept id is still a name written.
        let known = std::iter::once(merged.name.as_str())
            .chain(merged.aliases.iter().map(String::as_str))
            .any(|known| name_key(known) == key);
        if !known {
            merged.aliases.push(name.to_owned());
            added.push(name.to_owned());
        }
    }
    Ok((merged, added))
}
