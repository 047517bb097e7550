//! The edits: add, set, remove and rename records of a [`Workspace`].

use std::path::Path;

use super::assign::{Assignment, assign};
use super::workspace::Place;
use super::{COMPANIES_FILE, EditError, RELATIONS_FILE, Workspace};
use crate::model::{Company, CompanyId, Relation, RelationKey};

/// What `set` and `rm` name: a company by id, or a relation by key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A company, by its id.
    Company(CompanyId),
    /// A relation, by its key.
    Relation(RelationKey),
}

impl std::str::FromStr for Target {
    type Err = crate::model::KeyError;

    /// A relation key when the text holds a colon, else a company id.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if RelationKey::looks_like_key(text) {
            text.parse().map(Target::Relation)
        } else {
            Ok(Target::Company(CompanyId(text.to_owned())))
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Company(id) => write!(f, "{id}"),
            Target::Relation(key) => write!(f, "{key}"),
        }
    }
}

/// Adds `company` to `file` of the graph (by default [`COMPANIES_FILE`]).
///
/// # Errors
///
/// [`Workspace::file`]'s and [`Workspace::records_mut`]'s; the company itself is checked on
/// commit.
pub fn add_company(
    workspace: &mut Workspace,
    company: Company,
    file: Option<&Path>,
) -> Result<(), EditError> {
    let file = workspace.file(file, COMPANIES_FILE)?;
    workspace.companies_mut(file)?.push(company);
    Ok(())
}

/// Adds `relation` to `file` of the graph (by default [`RELATIONS_FILE`]), and gives the key
/// that names it.
///
/// # Errors
///
/// [`Workspace::file`]'s and [`Workspace::records_mut`]'s; the relation itself is checked on
/// commit.
pub fn add_relation(
    workspace: &mut Workspace,
    relation: Relation,
    file: Option<&Path>,
) -> Result<RelationKey, EditError> {
    let file = workspace.file(file, RELATIONS_FILE)?;
    let relations = &mut workspace.records_mut(file)?.relations;
    relations.push(relation);
    let index = relations.len() - 1;
    workspace.key_at(Place { file, index })
}

/// Sets fields of a company or relation (see [`Assignment`]), and gives the target as it
/// now reads: a relation's key changes with its ends, type or date.
///
/// # Errors
///
/// [`EditError::Refused`] when the target is not in the graph, or an assignment does not fit
/// the record (an unknown field, a value of the wrong type).
pub fn set(
    workspace: &mut Workspace,
    target: &Target,
    assignments: &[Assignment],
) -> Result<Target, EditError> {
    match target {
        Target::Company(id) => {
            if let Some(assignment) = assignments.iter().find(|a| a.field == "id") {
                return Err(EditError::refused(format!(
                    "`{assignment}`: a company's id is changed with `dealgraph rename {id} NEW`, \
                     which also rewrites the relations that name it"
                )));
            }
            let place = company_place(workspace, id)?;
            let company = &mut workspace.companies_mut(place.file)?[place.index];
            *company = assign(company, assignments).map_err(refused_at(target))?;
            Ok(target.clone())
        }
        Target::Relation(key) => {
            let place = relation_place(workspace, key)?;
            let relation = &mut workspace.records_mut(place.file)?.relations[place.index];
            *relation = assign(relation, assignments).map_err(refused_at(target))?;
            Ok(Target::Relation(workspace.key_at(place)?))
        }
    }
}

/// What `rm` removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// The company removed, if a company was named.
    pub company: Option<CompanyId>,
    /// The relations removed, by the keys they had.
    pub relations: Vec<RelationKey>,
}

/// Removes a company or a relation. A company that relations still name is removed only with
/// `cascade`, and its relations with it.
///
/// # Errors
///
/// [`EditError::Refused`] when the target is not in the graph, or is a company relations
/// name and `cascade` is off (the message lists them).
pub fn remove(
    workspace: &mut Workspace,
    target: &Target,
    cascade: bool,
) -> Result<Removed, EditError> {
    match target {
        Target::Relation(key) => {
            let place = relation_place(workspace, key)?;
            workspace
                .records_mut(place.file)?
                .relations
                .remove(place.index);
            Ok(Removed {
                company: None,
                relations: vec![key.clone()],
            })
        }
        Target::Company(id) => {
            let place = company_place(workspace, id)?;
            let naming = workspace.relations_naming(id.as_str())?;
            let keys = naming
                .iter()
                .map(|&at| workspace.key_at(at))
                .collect::<Result<Vec<_>, _>>()?;
            if !naming.is_empty() && !cascade {
                return Err(EditError::refused(format!(
                    "{id} is named by {}:\n{}\n  hint: remove them first, or pass --cascade to \
                     remove them with the company",
                    crate::format::count(keys.len(), "relation"),
                    list_keys(&keys)
                )));
            }
            for at in naming.iter().rev() {
                workspace.records_mut(at.file)?.relations.remove(at.index);
            }
            workspace.companies_mut(place.file)?.remove(place.index);
            Ok(Removed {
                company: Some(id.clone()),
                relations: keys,
            })
        }
    }
}

/// Gives the company `old` the id `new`: every relation that names it, in every file, is
/// rewritten, and `old` is kept as an alias so that it still names the company. Gives how many
/// relations were rewritten.
///
/// # Errors
///
/// [`EditError::Refused`] when `old` is not a company of the graph being written, or a
/// relation in a graph not being written names it.
pub fn rename(
    workspace: &mut Workspace,
    old: &CompanyId,
    new: &CompanyId,
) -> Result<usize, EditError> {
    let place = company_place(workspace, old)?;
    let naming = workspace.relations_naming(old.as_str())?;
    for at in &naming {
        let relation = &mut workspace.records_mut(at.file)?.relations[at.index];
        for end in [&mut relation.from, &mut relation.to] {
            if end == old {
                *end = new.clone();
            }
        }
    }
    let company = &mut workspace.companies_mut(place.file)?[place.index];
    company.id = new.clone();
    if !company.aliases.iter().any(|alias| alias == old.as_str()) {
        company.aliases.push(old.as_str().to_owned());
    }
    Ok(naming.len())
}

/// Where the company `id` is defined, or a refusal with the closest id.
pub(super) fn company_place(workspace: &mut Workspace, id: &CompanyId) -> Result<Place, EditError> {
    if let Some(place) = workspace.find_company(id.as_str())? {
        return Ok(place);
    }
    let ids = workspace.company_ids()?;
    let known: Vec<&str> = ids.iter().map(String::as_str).collect();
    let closest = crate::suggest::closest_word(id.as_str(), &known)
        .map(|closest| format!("; did you mean `{closest}`?"))
        .unwrap_or_default();
    Err(EditError::refused(format!(
        "unknown company `{id}`{closest}\n  hint: name a company by its id, as `dealgraph show` prints it"
    )))
}

/// Where the relation `key` names is, or a refusal.
fn relation_place(workspace: &mut Workspace, key: &RelationKey) -> Result<Place, EditError> {
    workspace.find_relation(key)?.ok_or_else(|| {
        EditError::refused(format!(
            "no relation has the key `{key}`; `dealgraph show {}` lists its relations with their keys",
            key.from
        ))
    })
}

/// The refusal of an assignment to `target`.
fn refused_at(target: &Target) -> impl FnOnce(super::AssignmentError) -> EditError + '_ {
    move |err| EditError::refused(format!("{target}: {err}"))
}

/// Up to twenty keys, one a line, and how many more.
pub(super) fn list_keys(keys: &[RelationKey]) -> String {
    const SHOWN: usize = 20;
    let mut lines: Vec<String> = keys
        .iter()
        .take(SHOWN)
        .map(|key| format!("  {key}"))
        .collect();
    if keys.len() > SHOWN {
        lines.push(format!("  and {} more", keys.len() - SHOWN));
    }
    lines.join("\n")
}
