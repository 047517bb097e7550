//! Companies, held as loaded from JSON, or encoded (from a snapshot) with only their ids at
//! hand and each company decoded on first use.

use std::borrow::Cow;

use super::encoding::encoded_record;
use super::{Arena, Bytes};
use crate::model::{Company, CompanyId};

encoded_record! {
    Company {
        name: string,
        aliases: list<String>,
        sectors: list<String>,
        country: text,
        ticker: text,
        url: text,
        notes: text,
        wikidata: text,
        lei: text,
        crunchbase: text,
        extra: json,
    }
    pub(crate) fn encode;
    pub(super) fn decode(bytes: &[u8], id: &str) {
        id: CompanyId(id.to_owned()),
    }
}

/// Every id, laid end to end in one text, and where each lies in it.
#[derive(Debug)]
pub(crate) struct IdTable {
    text: Bytes,
    spans: Vec<(u32, u32)>,
}

impl IdTable {
    /// The table of these ids, in order.
    pub(crate) fn of<'a>(ids: impl Iterator<Item = &'a str>) -> IdTable {
        let mut text = String::new();
        let mut spans = Vec::new();
        for id in ids {
            let start = text.len();
            text.push_str(id);
            let offset = |at: usize| u32::try_from(at).expect("ids fit in 4 GB");
            spans.push((offset(start), offset(text.len())));
        }
        IdTable {
            text: Bytes::Owned(text.into_bytes()),
            spans,
        }
    }

    /// A table from its text and where each id ends, or `None` unless the ends rise to the
    /// end of the text, the text is UTF-8 and the ids are sorted, each once.
    pub(crate) fn from_parts(text: Bytes, ends: &[u32]) -> Option<IdTable> {
        let utf8 = std::str::from_utf8(text.as_slice()).ok()?;
        let starts = std::iter::once(0).chain(ends.iter().copied());
        let spans: Vec<(u32, u32)> = starts.zip(ends.iter().copied()).collect();
        let ids: Option<Vec<&str>> = spans
            .iter()
            .map(|&(start, end)| utf8.get(start as usize..end as usize))
            .collect();
        let sorted = ids?.windows(2).all(|pair| pair[0] < pair[1]);
        let whole = ends.last().map_or(0, |&end| end as usize) == utf8.len();
        (sorted && whole).then_some(IdTable { text, spans })
    }

    /// How many ids there are.
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The id at `index`.
    pub(crate) fn id(&self, index: usize) -> &str {
        let (start, end) = self.spans[index];
        std::str::from_utf8(&self.text.as_slice()[start as usize..end as usize])
            .expect("the table's ids were checked to be UTF-8 when it was made")
    }

    /// Where `id` is, by binary search.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        let text = self.text.as_slice();
        self.spans
            .binary_search_by(|&(start, end)| text[start as usize..end as usize].cmp(id.as_bytes()))
            .ok()
    }

    /// The text, and where each id ends in it, to be written.
    pub(crate) fn parts(&self) -> (&[u8], impl Iterator<Item = u32> + '_) {
        (self.text.as_slice(), self.spans.iter().map(|&(_, end)| end))
    }
}

/// The companies of a graph, sorted by id; company `i` is node `i`.
#[derive(Debug)]
pub(crate) enum CompanyStore {
    /// As loaded from JSON.
    Decoded(Vec<Company>),
    /// As a snapshot holds them: the ids, and the rest decoded on first use.
    Encoded {
        /// The ids.
        ids: IdTable,
        /// Everything else.
        details: Arena<Company>,
    },
}

impl Clone for CompanyStore {
    fn clone(&self) -> Self {
        match self {
            CompanyStore::Decoded(companies) => CompanyStore::Decoded(companies.clone()),
            CompanyStore::Encoded { .. } => {
                CompanyStore::Decoded((0..self.len()).map(|i| self.get(i).clone()).collect())
            }
        }
    }
}

impl CompanyStore {
    /// Encoded companies from the parts a snapshot holds, or `None` when they disagree.
    pub(crate) fn from_parts(ids: IdTable, details: Arena<Company>) -> Option<CompanyStore> {
        (ids.len() == details.len()).then_some(CompanyStore::Encoded { ids, details })
    }

    /// How many companies there are.
    pub(crate) fn len(&self) -> usize {
        match self {
            CompanyStore::Decoded(companies) => companies.len(),
            CompanyStore::Encoded { ids, .. } => ids.len(),
        }
    }

    /// The id of company `index`, without decoding the company.
    pub(crate) fn id(&self, index: usize) -> &str {
        match self {
            CompanyStore::Decoded(companies) => companies[index].id.as_str(),
            CompanyStore::Encoded { ids, .. } => ids.id(index),
        }
    }

    /// Where the company with this id is, by binary search.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        match self {
            CompanyStore::Decoded(companies) => companies
                .binary_search_by(|company| company.id.as_str().cmp(id))
                .ok(),
            CompanyStore::Encoded { ids, .. } => ids.position(id),
        }
    }

    /// The company at `index`, decoded on first use.
    pub(crate) fn get(&self, index: usize) -> &Company {
        match self {
            CompanyStore::Decoded(companies) => &companies[index],
            CompanyStore::Encoded { ids, details } => {
                details.get(index, |bytes| decode(bytes, ids.id(index)))
            }
        }
    }

    /// The company at `index`, decoded anew unless it is at hand: for passes over every
    /// company that should not keep them all decoded.
    pub(crate) fn get_passing(&self, index: usize) -> Cow<'_, Company> {
        match self {
            CompanyStore::Decoded(companies) => Cow::Borrowed(&companies[index]),
            CompanyStore::Encoded { ids, details } => {
                Cow::Owned(decode(details.encoded(index), ids.id(index)))
            }
        }
    }
}
