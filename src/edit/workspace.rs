//! The graph an edit reads and writes: every file of every source, each parsed when an edit
//! needs its records, and written back only when changed.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use super::canonical::{canonical_bytes, is_canonical, parse_file};
use super::{EditError, FolderLock};
use crate::graph::KnowledgeGraph;
use crate::load::{self, Diagnostics, GraphSource, GraphText, LoadError};
use crate::model::{Company, GraphFile, Relation, RelationKey};
use crate::{journal, write};
use xxhash_rust::xxh3::xxh3_128;

/// Where a record lies: its file (by position among every source's files) and its index in
/// that file's `companies` or `relations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// The file, counted in reading order across the sources.
    pub file: usize,
    /// The record's index in the file's array.
    pub index: usize,
}

/// One graph file.
#[derive(Debug)]
struct Document {
    /// Where it is read from and written to.
    path: PathBuf,
    /// Its bytes as read; `None` for a file the edit creates.
    bytes: Option<Cow<'static, [u8]>>,
    /// Its records, once an edit needed them.
    parsed: Option<GraphFile>,
    /// Whether it belongs to the graph being written (not the built-in dataset or another
    /// source read beside it).
    writable: bool,
    /// Whether an edit changed its records.
    changed: bool,
    /// Whether an edit changed its companies: such files are written after the others, so
    /// that a process killed between two files leaves relations changed before the companies
    /// they need (see [`Workspace::commit`]).
    companies_changed: bool,
    /// Whether its bytes were in canonical form before the first change: found when an edit
    /// first changes it, so that writing it can say it was reformatted.
    was_canonical: bool,
}

/// A graph opened for editing: the files of every source, the one graph on disk that edits
/// are written to, and the lock on its folder, held until the workspace is dropped.
#[derive(Debug)]
pub struct Workspace {
    documents: Vec<Document>,
    target: PathBuf,
    target_is_file: bool,
    _lock: FolderLock,
}

/// What a committed edit wrote.
#[derive(Debug)]
pub struct Committed {
    /// The files written, in the order written: those whose relations alone changed first,
    /// each group in reading order.
    pub written: Vec<PathBuf>,
    /// The written files that were not in canonical form before: their layout changed too.
    pub reformatted: Vec<PathBuf>,
    /// The graph as it now is.
    pub graph: KnowledgeGraph,
}

impl Workspace {
    /// Opens the graph made of `sources` for editing: edits are written to the one source on
    /// disk, whose folder (or the folder of the file) is locked first; `waiting` is called
    /// when another edit holds the lock, before waiting for it.
    ///
    /// # Errors
    ///
    /// [`EditError::Refused`] when no source, or more than one, is on disk, or the one on disk
    /// does not exist; [`EditError::Lock`] when the folder cannot be locked; [`EditError::Load`]
    /// when a file cannot be read.
    pub fn open(sources: &[GraphSource], waiting: impl FnOnce()) -> Result<Workspace, EditError> {
        let target = writable_source(sources)?;
        let target_is_file = match std::fs::metadata(&target) {
            Ok(meta) => !meta.is_dir(),
            Err(_) => {
                return Err(EditError::refused(format!(
                    "no graph at {}; create one with `dealgraph init {}` (or `init --empty`)",
                    crate::display::path(&target),
                    target.display()
                )));
            }
        };
        let folder = if target_is_file {
            parent_folder(&target)
        } else {
            target.clone()
        };
        let lock = FolderLock::acquire(&folder, waiting).map_err(|source| EditError::Lock {
            folder: folder.clone(),
            source,
        })?;
        finish_interrupted(&folder)?;
        let mut documents = Vec::new();
        for source in sources {
            let writable = *source == GraphSource::Path(target.clone());
            for text in read_source(source, writable)? {
                documents.push(Document {
                    path: text.path,
                    bytes: Some(text.bytes),
                    parsed: None,
                    writable,
                    changed: false,
                    companies_changed: false,
                    was_canonical: true,
                });
            }
        }
        Ok(Workspace {
            documents,
            target,
            target_is_file,
            _lock: lock,
        })
    }

    /// The file of the graph being written that `file` names (relative to the graph folder),
    /// or `default` when `file` is `None`; a file not yet in the graph is created on commit.
    /// A single-file graph has only itself.
    ///
    /// # Errors
    ///
    /// [`EditError::Refused`] when `file` leaves the folder, is hidden or is not a `.json`
    /// file, or names another file than a single-file graph's.
    pub fn file(&mut self, file: Option<&Path>, default: &str) -> Result<usize, EditError> {
        if self.target_is_file {
            let own = self.target.file_name();
            if let Some(file) = file
                && file.file_name() != own
            {
                return Err(EditError::refused(format!(
                    "the graph {} is a single file; leave out --file, or make the graph a folder",
                    crate::display::path(&self.target)
                )));
            }
            let target = self.target.clone();
            return Ok(self
                .documents
                .iter()
                .position(|document| document.writable && document.path == target)
                .expect("a single-file graph holds its file"));
        }
        let relative = file.unwrap_or(Path::new(default));
        check_relative(relative)?;
        let path = self.target.join(relative);
        if let Some(found) = self
            .documents
            .iter()
            .position(|document| document.writable && document.path == path)
        {
            return Ok(found);
        }
        let after = self
            .documents
            .iter()
            .rposition(|document| document.writable && document.path < path);
        let at = match after {
            Some(before) => before + 1,
            None => self
                .documents
                .iter()
                .position(|document| document.writable)
                .unwrap_or(self.documents.len()),
        };
        self.documents.insert(
            at,
            Document {
                path,
                bytes: None,
                parsed: Some(GraphFile::default()),
                writable: true,
                changed: false,
                companies_changed: false,
                was_canonical: true,
            },
        );
        Ok(at)
    }

    /// The files of the graph being written, in reading order.
    pub fn writable_files(&self) -> Vec<usize> {
        (0..self.documents.len())
            .filter(|&file| self.documents[file].writable)
            .collect()
    }

    /// How many files the graph has, in every source.
    pub fn file_count(&self) -> usize {
        self.documents.len()
    }

    /// The path of file `file`.
    pub fn path(&self, file: usize) -> &Path {
        &self.documents[file].path
    }

    /// The records of file `file`, parsed on first use.
    ///
    /// # Errors
    ///
    /// [`EditError::Parse`] when the file is not a graph file.
    pub fn records(&mut self, file: usize) -> Result<&GraphFile, EditError> {
        self.parse(file)?;
        Ok(self.documents[file].parsed.as_ref().expect("parsed above"))
    }

    /// The records of file `file`, to change: the file is written on commit.
    ///
    /// # Errors
    ///
    /// [`EditError::Refused`] when the file belongs to a source that is not written (the
    /// built-in dataset, or a graph read beside the one written); [`EditError::Parse`] when it
    /// is not a graph file.
    pub fn records_mut(&mut self, file: usize) -> Result<&mut GraphFile, EditError> {
        if !self.documents[file].writable {
            return Err(EditError::refused(format!(
                "{} belongs to a graph that is not being edited (only {} is); \
                 copy the record into it to change it",
                crate::display::path(&self.documents[file].path),
                crate::display::path(&self.target)
            )));
        }
        self.parse(file)?;
        let document = &mut self.documents[file];
        let parsed = document.parsed.as_mut().expect("parsed above");
        if !document.changed {
            document.changed = true;
            document.was_canonical = document
                .bytes
                .as_deref()
                .is_none_or(|bytes| is_canonical(parsed, bytes));
        }
        Ok(parsed)
    }

    /// The companies of file `file`, to change: as [`Workspace::records_mut`], and the file is
    /// written after those whose relations alone changed.
    ///
    /// # Errors
    ///
    /// As [`Workspace::records_mut`].
    pub fn companies_mut(&mut self, file: usize) -> Result<&mut Vec<Company>, EditError> {
        self.records_mut(file)?;
        let document = &mut self.documents[file];
        document.companies_changed = true;
        Ok(&mut document.parsed.as_mut().expect("parsed above").companies)
    }

    /// The files that may name any of `ids` (as a company's id, or a relation's end), in
    /// reading order: a file whose text holds none of them, quoted, names none, unless it
    /// writes strings with escapes, which are read to be sure.
    pub fn files_naming(&self, ids: &[&str]) -> Vec<usize> {
        (0..self.documents.len())
            .filter(|&file| {
                let document = &self.documents[file];
                match (&document.parsed, &document.bytes) {
                    (Some(_), _) | (None, None) => true,
                    (None, Some(bytes)) => {
                        memchr::memmem::find(bytes, b"\\u").is_some()
                            || ids.iter().any(|id| {
                                memchr::memmem::find(bytes, format!("\"{id}\"").as_bytes())
                                    .is_some()
                            })
                    }
                }
            })
            .collect()
    }

    /// Where the company `id` is defined.
    ///
    /// # Errors
    ///
    /// [`EditError::Parse`] when a file that may hold it is not a graph file.
    pub fn find_company(&mut self, id: &str) -> Result<Option<Place>, EditError> {
        for file in self.files_naming(&[id]) {
            let records = self.records(file)?;
            if let Some(index) = records.companies.iter().position(|c| c.id.as_str() == id) {
                return Ok(Some(Place { file, index }));
            }
        }
        Ok(None)
    }

    /// Where the relation `key` names is.
    ///
    /// # Errors
    ///
    /// [`EditError::Parse`] when a file that may hold it is not a graph file.
    pub fn find_relation(&mut self, key: &RelationKey) -> Result<Option<Place>, EditError> {
        let mut seen = 0;
        for file in self.files_naming(&[key.from.as_str(), key.to.as_str()]) {
            let records = self.records(file)?;
            for (index, relation) in records.relations.iter().enumerate() {
                if key.is_alike(relation) {
                    seen += 1;
                    if seen == key.nth {
                        return Ok(Some(Place { file, index }));
                    }
                }
            }
        }
        Ok(None)
    }

    /// The key of the relation at `place`: which of the relations alike in ends, type and
    /// date it is, counted in reading order.
    ///
    /// # Errors
    ///
    /// [`EditError::Parse`] when a file that may hold one alike is not a graph file.
    pub fn key_at(&mut self, place: Place) -> Result<RelationKey, EditError> {
        let relation = self.records(place.file)?.relations[place.index].clone();
        let mut nth = 1;
        for file in self.files_naming(&[relation.from.as_str(), relation.to.as_str()]) {
            if file > place.file {
                break;
            }
            let records = self.records(file)?;
            let end = if file == place.file {
                place.index
            } else {
                records.relations.len()
            };
            nth += records.relations[..end]
                .iter()
                .filter(|other| same_key(other, &relation))
                .count();
        }
        Ok(RelationKey::of(&relation, nth))
    }

    /// The id of every company of the graph, in reading order: for suggestions.
    ///
    /// # Errors
    ///
    /// [`EditError::Parse`] when a file is not a graph file.
    pub fn company_ids(&mut self) -> Result<Vec<String>, EditError> {
        let mut ids = Vec::new();
        for file in 0..self.documents.len() {
            let records = self.records(file)?;
            ids.extend(records.companies.iter().map(|company| company.id.0.clone()));
        }
        Ok(ids)
    }

    /// Every relation that has the company `id` at either end, in reading order.
    ///
    /// # Errors
    ///
    /// [`EditError::Parse`] when a file that may hold one is not a graph file.
    pub fn relations_naming(&mut self, id: &str) -> Result<Vec<Place>, EditError> {
        let mut places = Vec::new();
        for file in self.files_naming(&[id]) {
            let records = self.records(file)?;
            places.extend(
                records
                    .relations
                    .iter()
                    .enumerate()
                    .filter(|(_, relation)| {
                        relation.from.as_str() == id || relation.to.as_str() == id
                    })
                    .map(|(index, _)| Place { file, index }),
            );
        }
        Ok(places)
    }

    /// Checks the graph as the edits leave it and, when it has no errors, writes every changed
    /// file: each in canonical form, to a temporary file beside it, flushed and renamed over
    /// it; several files all or nothing, through the folder's [journal](crate::journal). A
    /// file whose canonical text is the bytes it had is left alone.
    ///
    /// # Errors
    ///
    /// [`EditError::Invalid`] with every error `check` finds, and nothing written;
    /// [`EditError::Write`] when a file cannot be written, and nothing changed;
    /// [`EditError::Refused`] when the journal is written but a rename fails: the edit counts
    /// as done, and the next one finishes it.
    pub fn commit(self) -> Result<Committed, EditError> {
        let mut texts = Vec::with_capacity(self.documents.len());
        let mut changed = Vec::new();
        for document in self.documents {
            let bytes = match (document.changed, document.parsed) {
                (true, Some(records)) => {
                    let before = document.bytes.as_deref();
                    let text = canonical_bytes(&records, before.map_or(0, <[u8]>::len));
                    drop(records);
                    if before != Some(&text[..]) {
                        changed.push(Change {
                            companies: document.companies_changed,
                            at: texts.len(),
                            reformatted: !document.was_canonical,
                            was: before.map(xxh3_128),
                        });
                    }
                    Cow::Owned(text)
                }
                (_, _) => match document.bytes {
                    Some(bytes) => bytes,
                    None => continue,
                },
            };
            texts.push(GraphText::new(document.path, bytes));
        }
        let report = load::check_errors(&texts);
        let graph = match report.graph {
            Some(graph) if report.diagnostics.is_empty() => graph,
            _ => return Err(EditError::Invalid(Diagnostics(report.diagnostics))),
        };
        // Files whose relations alone changed are written first, then those whose companies
        // changed, each group in reading order: without the journal (one file changed), a
        // process killed between two files then still leaves a graph that loads.
        changed.sort_by_key(|change| (change.companies, change.at));
        match changed.as_slice() {
            [] => {}
            [only] => write_one(&texts[only.at])?,
            several => write_several(&self.target, &texts, several)?,
        }
        let paths = |changes: &mut dyn Iterator<Item = &Change>| {
            changes
                .map(|change| texts[change.at].path.clone())
                .collect()
        };
        Ok(Committed {
            written: paths(&mut changed.iter()),
            reformatted: paths(&mut changed.iter().filter(|change| change.reformatted)),
            graph,
        })
    }

    /// Parses file `file` unless it is parsed already.
    fn parse(&mut self, file: usize) -> Result<(), EditError> {
        let document = &mut self.documents[file];
        if document.parsed.is_none() {
            let bytes = document.bytes.as_deref().unwrap_or(b"{}");
            let parsed = parse_file(bytes).map_err(|err| EditError::Parse {
                path: document.path.clone(),
                line: err.line(),
                column: err.column(),
                message: err.to_string(),
            })?;
            document.parsed = Some(parsed);
        }
        Ok(())
    }
}

/// A file an edit changed.
#[derive(Debug)]
struct Change {
    /// Whether its companies changed (not only its relations).
    companies: bool,
    /// Its place among the texts checked.
    at: usize,
    /// Whether it was not in canonical form before.
    reformatted: bool,
    /// The XXH3-128 hash of the bytes read, or `None` for a file the edit creates.
    was: Option<u128>,
}

/// Writes one changed file: to a temporary file beside it, flushed and renamed over it.
fn write_one(text: &GraphText) -> Result<(), EditError> {
    let made = make_folders(&text.path)?;
    remove_leftovers(&text.path);
    write::write_file(&text.path, |out| out.write_all(&text.bytes)).map_err(|err| {
        remove_folders(&made);
        err.into()
    })
}

/// Writes several changed files, all or nothing: each staged beside its file, then the
/// journal, then the renames (see [`crate::journal`]). Killed before the journal is written,
/// the edit has changed nothing; after, it counts as done.
fn write_several(folder: &Path, texts: &[GraphText], changes: &[Change]) -> Result<(), EditError> {
    let mut made = Vec::new();
    let mut staged = Vec::with_capacity(changes.len());
    let staging = changes.iter().try_for_each(|change| {
        let text = &texts[change.at];
        made.extend(make_folders(&text.path)?);
        remove_leftovers(&text.path);
        staged.push(write::stage_file(&text.path, |out| {
            out.write_all(&text.bytes)
        })?);
        Ok::<_, EditError>(())
    });
    let discard = |staged: Vec<write::Staged>, made: &[PathBuf]| {
        staged.into_iter().for_each(write::Staged::discard);
        remove_folders(made);
    };
    if let Err(err) = staging {
        discard(staged, &made);
        return Err(err);
    }
    let replacements: Vec<journal::Replacement<'_>> = changes
        .iter()
        .zip(&staged)
        .map(|(change, staged)| journal::Replacement {
            file: &texts[change.at].path,
            staged,
            was: change.was,
        })
        .collect();
    let begun = journal::begin(folder, &replacements);
    drop(replacements);
    match begun {
        Ok(journal) => journal::complete(folder, &journal).map_err(|err| interrupted(folder, err)),
        Err(err) => {
            discard(staged, &made);
            Err(err.into())
        }
    }
}

/// Finishes an edit of several files that was interrupted after its journal was written.
fn finish_interrupted(folder: &Path) -> Result<(), EditError> {
    let io = |source| {
        EditError::Load(LoadError::Io {
            path: folder.join(journal::FILE_NAME),
            source,
        })
    };
    match journal::pending(folder).map_err(io)? {
        Some(pending) => journal::finish(folder, &pending).map_err(io),
        None => Ok(()),
    }
}

/// The error of an edit whose files are staged and journaled but not all renamed: it counts as
/// done, and the next edit finishes it.
fn interrupted(folder: &Path, why: std::io::Error) -> EditError {
    EditError::refused(format!(
        "the edit is written to {} but not all its files are in place ({why}); every command \
         reads the graph as the edit left it, and the next edit of the folder finishes it",
        crate::display::path(&folder.join(journal::FILE_NAME))
    ))
}

/// Removes the folders an edit made, innermost first, when they are empty.
fn remove_folders(made: &[PathBuf]) {
    for folder in made.iter().rev() {
        let _ = std::fs::remove_dir(folder);
    }
}

/// Whether two relations would have the same key but for the count.
fn same_key(one: &Relation, other: &Relation) -> bool {
    one.kind == other.kind && one.from == other.from && one.to == other.to && one.date == other.date
}

/// The one source on disk, which edits are written to.
fn writable_source(sources: &[GraphSource]) -> Result<PathBuf, EditError> {
    let mut on_disk = sources.iter().filter_map(|source| match source {
        GraphSource::Path(path) => Some(path),
        GraphSource::Builtin => None,
    });
    match (on_disk.next(), on_disk.next()) {
        (Some(path), None) => Ok(path.clone()),
        (None, _) => Err(EditError::refused(
            "the built-in dataset cannot be written; copy it into a folder with \
             `dealgraph init DIR` and edit that with --graph DIR",
        )),
        (Some(first), Some(second)) => Err(EditError::refused(format!(
            "edits are written to one graph, and --graph names {} and {} (and maybe more); \
             give the one to write, beside --graph builtin if it builds on the built-in dataset",
            crate::display::path(first),
            crate::display::path(second)
        ))),
    }
}

/// Reads one source's files; the folder being written may hold none yet.
fn read_source(source: &GraphSource, writable: bool) -> Result<Vec<GraphText>, EditError> {
    match load::read_sources_locked(std::slice::from_ref(source)) {
        Err(LoadError::NoFiles { .. }) if writable => Ok(Vec::new()),
        other => Ok(other?),
    }
}

/// Refuses a `--file` that leaves the graph folder, is hidden (the loader skips it), or is
/// not a `.json` file.
fn check_relative(file: &Path) -> Result<(), EditError> {
    let refuse = |why: &str| {
        Err(EditError::refused(format!(
            "--file {}: {why}; name a .json file inside the graph folder, e.g. --file deals/2026.json",
            file.display()
        )))
    };
    if file.extension().is_none_or(|ext| ext != "json") {
        return refuse("not a .json file, which the graph would not read");
    }
    for component in file.components() {
        match component {
            Component::Normal(part) if part.to_string_lossy().starts_with('.') => {
                return refuse("a hidden file or folder, which the graph would not read");
            }
            Component::Normal(_) => {}
            _ => return refuse("not a plain path inside the graph folder"),
        }
    }
    Ok(())
}

/// Makes the folders a new file of the graph lies in (`--file deals/2026.json`), and gives
/// those it made, outermost first, so that a failed write can take them away again.
fn make_folders(path: &Path) -> Result<Vec<PathBuf>, EditError> {
    let mut missing = Vec::new();
    let mut folder = path.parent();
    while let Some(dir) = folder.filter(|dir| !dir.as_os_str().is_empty() && !dir.exists()) {
        missing.push(dir.to_owned());
        folder = dir.parent();
    }
    missing.reverse();
    for (made, dir) in missing.iter().enumerate() {
        if let Err(source) = std::fs::create_dir(dir) {
            for earlier in missing[..made].iter().rev() {
                let _ = std::fs::remove_dir(earlier);
            }
            return Err(EditError::refused(format!(
                "cannot make the folder {}: {source}",
                crate::display::path(dir)
            )));
        }
    }
    Ok(missing)
}

/// The folder a file lies in.
fn parent_folder(file: &Path) -> PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Removes the temporary files that an edit killed while writing `path` left beside it
/// (`.NAME.*.tmp`, as [`write::write_new`] names them); called with the folder locked, when
/// no other edit can be writing one.
fn remove_leftovers(path: &Path) {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let entry_name = entry.file_name();
        let entry_name = entry_name.to_string_lossy();
        if entry_name.starts_with(&prefix) && entry_name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
