//! The checks that need more than one record, or more than JSON types: ids, names, references,
//! dates, amounts and the fields each relation type allows.

use std::cell::OnceCell;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use super::locate::Section;
use super::parse::{Records, RelationSink};
use super::relations;
use super::repeats::{self, RelationKey};
use super::{At, Mode, Pending, Severity, describe_company, describe_relation};
use compact_str::CompactString;
use petgraph::graph::NodeIndex;
use unicode_security::MixedScript;

use crate::model::{Company, CompanyId, Relation};
use crate::names::{FastMap, NameIndex, fold, is_slug, name_key, slugify};
use crate::store::RelationStore;

/// The companies (sorted by id) and the relations, when nothing is wrong enough to stop the
/// graph from being built.
pub(crate) struct Valid {
    pub(crate) companies: Vec<Company>,
    pub(crate) store: RelationStore,
    /// The nodes each relation joins.
    pub(crate) ends: Vec<(NodeIndex, NodeIndex)>,
}

/// One file's relations, checked on their own and stored compactly, with their ends as ids
/// still to be found among the companies of every file.
pub(crate) struct Chunk {
    store: RelationStore,
    /// The ids the relations name, each once.
    ids: Vec<CompactString>,
    /// Each relation's `from` and `to`, as indexes into `ids`.
    ends: Vec<(u32, u32)>,
    /// Each relation's index in the file's array.
    indexes: Vec<usize>,
    /// Under `check`, what makes each relation the same as another.
    keys: Vec<RelationKey>,
}

impl Default for Chunk {
    fn default() -> Self {
        Chunk {
            store: RelationStore::with_capacity(0),
            ids: Vec::new(),
            ends: Vec::new(),
            indexes: Vec::new(),
            keys: Vec::new(),
        }
    }
}

impl Chunk {
    fn label(&self, position: usize) -> String {
        let (from, to) = self.ends[position];
        describe_relation(
            self.indexes[position],
            Some(self.store.facts[position].kind.as_str()),
            Some(&self.ids[from as usize]),
            Some(&self.ids[to as usize]),
        )
    }
}

/// Builds a file's [`Chunk`]: checks each relation on its own (dates, amounts, type fields,
/// sources, deal) as it is parsed, and stores it compactly; the record is let go at once.
pub(crate) struct ChunkBuilder {
    file: usize,
    mode: Mode,
    file_len: usize,
    chunk: Chunk,
    /// Inline strings: most ids fit in one, so a lookup compares them without a second load.
    interned: FastMap<CompactString, u32>,
    problems: Vec<Pending>,
}

impl ChunkBuilder {
    /// A builder for the relations of a file of `file_len` bytes.
    pub(crate) fn new(file: usize, mode: Mode, file_len: usize) -> ChunkBuilder {
        let mut chunk = Chunk::default();
        // Encoded details take about a third of the JSON they come from; room for half of it
        // spares growing by copying, and costs nothing where it is not written.
        chunk.store.details.reserve(file_len / 2);
        ChunkBuilder {
            file,
            mode,
            file_len,
            chunk,
            interned: FastMap::default(),
            problems: Vec::new(),
        }
    }

    fn intern(&mut self, id: &CompanyId) -> u32 {
        if let Some(&index) = self.interned.get(id.as_str()) {
            return index;
        }
        let index = u32::try_from(self.interned.len()).expect("fewer than 2^32 ids in one file");
        self.interned.insert(id.as_str().into(), index);
        index
    }

    /// The chunk, and the problems its relations have on their own.
    pub(crate) fn finish(mut self) -> (Chunk, Vec<Pending>) {
        let mut ids: Vec<(u32, CompactString)> = self
            .interned
            .into_iter()
            .map(|(id, index)| (index, id))
            .collect();
        ids.sort_unstable_by_key(|&(index, _)| index);
        self.chunk.ids = ids.into_iter().map(|(_, id)| id).collect();
        (self.chunk, self.problems)
    }
}

impl RelationSink for ChunkBuilder {
    fn accept(&mut self, index: usize, relation: Relation) {
        let mut report = Reporter {
            problems: &mut self.problems,
            mode: self.mode,
        };
        relations::check_relation(self.file, index, &relation, &mut report);
        if self.mode != Mode::Load {
            self.chunk.keys.push(RelationKey::of(&relation));
        }
        let ends = (self.intern(&relation.from), self.intern(&relation.to));
        self.chunk.ends.push(ends);
        self.chunk.indexes.push(index);
        self.chunk.store.push(&relation);
    }

    fn reset(&mut self) {
        *self = ChunkBuilder::new(self.file, self.mode, self.file_len);
    }
}

/// Validates what spans files (company ids, aliases, the companies relations name) and joins
/// the files' relations, adding a problem for each thing wrong.
pub(crate) fn validate(
    mut parts: Vec<(Records<Company>, Chunk)>,
    mode: Mode,
    problems: &mut Vec<Pending>,
) -> Option<Valid> {
    let mut report = Reporter { problems, mode };
    let (companies, places) = unique_companies(&mut parts, &mut report);
    check_aliases(&companies, &places, &mut report);
    if mode.warns() {
        check_look_alikes(&companies, &places, &mut report);
    }
    if mode != Mode::Load {
        repeats::repeated_names(&companies, &places, &mut report);
        let keys = parts.iter().enumerate().flat_map(|(file, (_, chunk))| {
            let places = chunk
                .indexes
                .iter()
                .map(move |&index| Place { file, index });
            chunk.keys.iter().copied().zip(places).enumerate()
        });
        let label = |place: Place, position: usize| parts[place.file].1.label(position);
        repeats::repeated_relations(keys, label, &mut report);
    }
    let ids: FastMap<&str, NodeIndex> = companies
        .iter()
        .enumerate()
        .map(|(i, company)| (company.id.as_str(), NodeIndex::new(i)))
        .collect();
    // Companies whose records did not parse are reported there, not as unknown in relations.
    let unparsed: HashSet<String> = parts
        .iter()
        .flat_map(|(companies, _)| companies.unparsed_ids.iter().cloned())
        .collect();
    let known = Known {
        companies: &companies,
        names: OnceCell::new(),
        unparsed: &unparsed,
    };
    let count = parts.iter().map(|(_, chunk)| chunk.ends.len()).sum();
    let mut store = RelationStore::with_capacity(count);
    let mut ends = Vec::with_capacity(count);
    let mut complete = true;
    for (file, (_, chunk)) in parts.into_iter().enumerate() {
        let nodes: Vec<Option<NodeIndex>> = chunk
            .ids
            .iter()
            .map(|id| ids.get(id.as_str()).copied())
            .collect();
        for position in 0..chunk.ends.len() {
            match check_ends(file, &chunk, position, &nodes, &known, &mut report) {
                Some(pair) => ends.push(pair),
                None => complete = false,
            }
        }
        store.append(chunk.store);
    }
    complete.then_some(Valid {
        companies,
        store,
        ends,
    })
}

/// Checks that a relation names known companies, and two different ones; returns its nodes
/// when it does.
fn check_ends(
    file: usize,
    chunk: &Chunk,
    position: usize,
    nodes: &[Option<NodeIndex>],
    known: &Known<'_>,
    report: &mut Reporter<'_>,
) -> Option<(NodeIndex, NodeIndex)> {
    let index = chunk.indexes[position];
    let at = |field| At::Record(Section::Relations, index, Some(field));
    let (from, to) = chunk.ends[position];
    for (field, end) in [("from", from), ("to", to)] {
        let id = &chunk.ids[end as usize];
        if nodes[end as usize].is_none() && !known.unparsed.contains(id.as_str()) {
            let message = format!("unknown company `{id}` in `{field}`");
            let names = known
                .names
                .get_or_init(|| NameIndex::new(known.companies.iter()));
            let hint = unknown_company_hint(id, known.companies, names);
            report.error(file, at(field), chunk.label(position), message, &hint);
        }
    }
    if from == to {
        let message = format!("relation from `{}` to itself", chunk.ids[from as usize]);
        report.error(
            file,
            at("to"),
            chunk.label(position),
            message,
            "a relation joins two different companies: check `from` and `to`",
        );
        return None;
    }
    nodes[from as usize].zip(nodes[to as usize])
}

/// The companies a relation may name.
struct Known<'a> {
    companies: &'a [Company],
    /// Made for the first unknown company, to suggest names.
    names: OnceCell<NameIndex>,
    /// The ids of company records that did not parse.
    unparsed: &'a HashSet<String>,
}

/// Where a record is: its file and its index in the file's array.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    pub(super) file: usize,
    pub(super) index: usize,
}

/// Collects the problems found, as errors or, by mode, warnings.
pub(super) struct Reporter<'a> {
    pub(super) problems: &'a mut Vec<Pending>,
    pub(super) mode: Mode,
}

impl Reporter<'_> {
    /// An error, whatever the mode.
    pub(super) fn error(
        &mut self,
        file: usize,
        at: At,
        record: String,
        message: String,
        hint: &str,
    ) {
        self.push(Severity::Error, file, at, record, message, hint);
    }

    /// A warning, left out when only loading and raised to an error under `--strict`.
    pub(super) fn warning(
        &mut self,
        file: usize,
        at: At,
        record: String,
        message: String,
        hint: &str,
    ) {
        match self.mode {
            Mode::Load | Mode::Errors => {}
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
            cite: None,
        });
    }
}

/// The hint for a text that should be a slug, with the slug it could be.
pub(super) fn slug_hint(what: &str, text: &str) -> String {
    let example = slugify(text);
    if example.is_empty() {
        format!("{what} are lowercase slugs: a-z, 0-9 and single hyphens")
    } else {
        format!("{what} are lowercase slugs: a-z, 0-9 and single hyphens, e.g. `{example}`")
    }
}

/// Checks each of a file's company records on its own; run as the file is loaded, beside the
/// other files.
pub(crate) fn check_companies(
    file: usize,
    companies: &Records<Company>,
    mode: Mode,
    problems: &mut Vec<Pending>,
) {
    let mut report = Reporter { problems, mode };
    for (index, company) in companies.indexed() {
        check_company(Place { file, index }, company, &mut report);
    }
}

/// Drops repeated company ids, keeping the first record of each (each record was checked on
/// its own as its file was loaded); returns the companies sorted by id with the place of
/// each. The companies are moved out of `parsed`.
fn unique_companies(
    parts: &mut [(Records<Company>, Chunk)],
    report: &mut Reporter<'_>,
) -> (Vec<Company>, Vec<Place>) {
    // The first record of each id, as its position in its file's items and its place.
    let mut kept: Vec<(usize, Place)> = Vec::new();
    let count = parts
        .iter()
        .map(|(companies, _)| companies.items.len())
        .sum();
    let mut first: FastMap<&str, Place> =
        FastMap::with_capacity_and_hasher(count, Default::default());
    for (file, (companies, _)) in parts.iter().enumerate() {
        for (position, (index, company)) in companies.indexed().enumerate() {
            let place = Place { file, index };
            match first.entry(company.id.as_str()) {
                Entry::Vacant(slot) => {
                    slot.insert(place);
                    kept.push((position, place));
                }
                Entry::Occupied(earlier) => {
                    let earlier = earlier.get();
                    report.error(
                        file,
                        At::Record(Section::Companies, index, Some("id")),
                        describe_company(index, Some(company.id.as_str())),
                        format!("duplicate company id `{}`", company.id),
                        "first defined at {cited}; merge the two records or rename one",
                    );
                    let cited = At::Record(Section::Companies, earlier.index, Some("id"));
                    if let Some(problem) = report.problems.last_mut() {
                        problem.cite = Some((earlier.file, cited));
                    }
                }
            }
        }
    }
    drop(first);
    let mut companies: Vec<Company> = Vec::with_capacity(kept.len());
    let mut places: Vec<Place> = Vec::with_capacity(kept.len());
    let mut kept = kept.into_iter().peekable();
    for (file, (records, _)) in parts.iter_mut().enumerate() {
        let items = std::mem::take(&mut records.items);
        for (position, company) in items.into_iter().enumerate() {
            if let Some((_, place)) =
                kept.next_if(|(p, place)| place.file == file && *p == position)
            {
                companies.push(company);
                places.push(place);
            }
        }
    }
    // Sorting indexes and then moving each company once, in place, is cheaper in time than
    // sorting the records, and in memory than moving them to a second vector.
    let mut order: Vec<usize> = (0..companies.len()).collect();
    order.sort_unstable_by(|&a, &b| companies[a].id.cmp(&companies[b].id));
    reorder(&mut companies, &mut places, &mut order);
    (companies, places)
}

/// Reorders both vectors in place so that item `i` becomes the one that was at `order[i]`,
/// following each cycle of the permutation; `order` is left as `0..n`.
fn reorder(companies: &mut [Company], places: &mut [Place], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            companies.swap(at, from);
            places.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
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
    if let Some(country) = &company.country
        && !is_country_code(country)
    {
        let message = format!("country `{country}` is not an ISO 3166-1 alpha-2 code");
        let hint = match isocountry::CountryCode::for_alpha3_caseless(country) {
            Ok(code) => format!(
                "use `{}`, the two-letter code of {}",
                code.alpha2(),
                code.name()
            ),
            Err(_) => "use the two capital letters of ISO 3166-1: US, GB, FR, JP".to_owned(),
        };
        report.error(place.file, at("country"), record(), message, &hint);
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
    let owners = owners_of_alias_keys(companies);
    let mut claimed: HashMap<CompactString, usize> = HashMap::new();
    for (i, company) in companies.iter().enumerate() {
        let place = places[i];
        let at = At::Record(Section::Companies, place.index, Some("aliases"));
        let record = || describe_company(place.index, Some(company.id.as_str()));
        for alias in &company.aliases {
            let key = fold(alias);
            let primary = owners
                .get(&key)
                .and_then(|owners| owners.iter().copied().find(|&owner| owner != i));
            let other = primary.map(|owner| ("the name or id", owner)).or_else(|| {
                match claimed.get(&key) {
                    Some(&owner) if owner != i => Some(("an alias", owner)),
                    _ => None,
                }
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

/// Warns of names that could pass for others: a name mixing scripts with letters that imitate
/// another script's (`аpple` with a Cyrillic `а`), and two companies whose names differ but
/// look the same (their UTS #39 skeletons are equal), at least one of them not ASCII.
fn check_look_alikes(companies: &[Company], places: &[Place], report: &mut Reporter<'_>) {
    let mut by_skeleton: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, company) in companies.iter().enumerate() {
        let key = fold(&company.name);
        by_skeleton
            .entry(unicode_security::skeleton(&key).collect())
            .or_default()
            .push(i);
    }
    for (i, company) in companies.iter().enumerate() {
        let name = &company.name;
        if name.is_ascii() {
            continue;
        }
        let place = places[i];
        let at = At::Record(Section::Companies, place.index, Some("name"));
        let record = || describe_company(place.index, Some(company.id.as_str()));
        let key = fold(name);
        let skeleton: String = unicode_security::skeleton(&key).collect();
        let twin = by_skeleton[&skeleton]
            .iter()
            .map(|&other| &companies[other])
            .find(|other| fold(&other.name) != key);
        if let Some(twin) = twin {
            let message = format!(
                "name `{name}` looks like `{}`, the name of `{}`",
                twin.name, twin.id
            );
            let hint =
                "if they are one company, keep one record; if not, check the letters of each";
            report.warning(place.file, at, record(), message, hint);
        } else if !name.as_str().is_single_script() {
            let odd: Vec<String> = name
                .chars()
                .filter(|&c| {
                    !c.is_ascii() && unicode_security::is_potential_mixed_script_confusable_char(c)
                })
                .map(|c| format!("U+{:04X} `{c}`", u32::from(c)))
                .collect();
            if !odd.is_empty() {
                let message = format!("name `{name}` mixes scripts: {}", odd.join(", "));
                let hint = "check that every letter is the one meant: some imitate letters of another script";
                report.warning(place.file, at, record(), message, hint);
            }
        }
    }
}

/// For each key an alias folds to, the companies whose id or name folds to it too, in company
/// order. Only alias keys are kept, so this is small however many companies there are.
fn owners_of_alias_keys(companies: &[Company]) -> FastMap<CompactString, Vec<usize>> {
    let mut owners: FastMap<CompactString, Vec<usize>> = companies
        .iter()
        .flat_map(|company| &company.aliases)
        .map(|alias| (fold(alias), Vec::new()))
        .collect();
    if owners.is_empty() {
        return owners;
    }
    for (i, company) in companies.iter().enumerate() {
        let id = fold(company.id.as_str());
        let name = fold(&company.name);
        let keys = if name == id {
            [Some(id), None]
        } else {
            [Some(id), Some(name)]
        };
        for key in keys.into_iter().flatten() {
            if let Some(list) = owners.get_mut(&key) {
                list.push(i);
            }
        }
    }
    owners
}

/// Checks what a relation says on its own: its dates, amounts, type fields, sources and deal.
fn unknown_company_hint(id: &str, companies: &[Company], names: &NameIndex) -> String {
    if let [node] = names.lookup(id) {
        let company = &companies[node.index()];
        return format!(
            "`{id}` names `{}` ({}); relations name companies by id",
            company.id, company.name
        );
    }
    match names
        .suggest(id, |node| &companies[node.index()])
        .as_slice()
    {
        [] => "define it under `companies`, or fix the id".to_owned(),
        [one] => format!("did you mean {one}?"),
        many => format!("did you mean one of {}?", many.join(", ")),
    }
}

/// Whether `code` is an ISO 3166-1 alpha-2 code: a binary search of the codes in order, where
/// `isocountry`'s own lookup tries each code in turn (a cost on every company loaded).
fn is_country_code(code: &str) -> bool {
    isocountry::CountryCode::as_array_alpha2()
        .binary_search_by(|country| country.alpha2().cmp(code))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_the_alpha_2_codes_of_iso_3166() {
        for code in ["US", "GB", "AD", "ZW", "TW"] {
            assert!(is_country_code(code), "{code}");
        }
        for not in ["us", "USA", "UK", "XX", "", "U"] {
            assert!(!is_country_code(not), "{not:?}");
        }
    }

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
