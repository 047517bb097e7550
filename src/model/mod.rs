//! The records of a graph file: companies, relations and their sources, as serde types.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::date::PartialDate;

/// A company's identifier: a lowercase slug such as `blue-owl-capital`.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct CompanyId(pub String);

impl Company {
    /// The company's id in another database: `field` is `crunchbase`, `wikidata` or `lei`.
    pub fn external_id(&self, field: &str) -> Option<&str> {
        match field {
            "crunchbase" => self.crunchbase.as_deref(),
            "wikidata" => self.wikidata.as_deref(),
            "lei" => self.lei.as_deref(),
            _ => None,
        }
    }
}

impl CompanyId {
    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CompanyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for CompanyId {
    fn from(id: &str) -> Self {
        CompanyId(id.to_owned())
    }
}

/// A company: a node of the graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Company {
    /// Unique lowercase slug.
    pub id: CompanyId,
    /// Display name.
    pub name: String,
    /// Other names, matched ignoring case and punctuation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Sector tags such as `ai-lab`, `cloud` or `investor`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<String>,
    /// ISO 3166 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Stock ticker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticker: Option<String>,
    /// Wikidata item id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// Legal Entity Identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lei: Option<String>,
    /// Crunchbase permalink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crunchbase: Option<String>,
    /// Home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The user's own data, kept as it is. A key given twice in one object is an error, not
    /// the last one silently kept.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "unique_keys::optional_map"
    )]
    pub extra: Option<Map<String, Value>>,
}

/// The type of a relation, which fixes the direction it reads in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// Investor → investee: equity.
    Investment,
    /// Lender → borrower: debt (loans, credit facilities, bonds), which is not equity.
    Loan,
    /// Lessor (owner of the site) → lessee.
    Lease,
    /// Provider of cloud or GPU capacity → customer.
    Compute,
    /// Supplier of chips or hardware → customer.
    Supply,
    /// Acquirer → target.
    Acquisition,
    /// Parent → subsidiary.
    Ownership,
    /// The party imposing an exclusivity clause → the company it excludes.
    Exclusivity,
    /// A partnership: symmetric.
    Partnership,
    /// Competitors: symmetric.
    Competitor,
}

impl RelationKind {
    /// Every kind, in declaration order.
    pub const ALL: [RelationKind; 10] = [
        RelationKind::Investment,
        RelationKind::Loan,
        RelationKind::Lease,
        RelationKind::Compute,
        RelationKind::Supply,
        RelationKind::Acquisition,
        RelationKind::Ownership,
        RelationKind::Exclusivity,
        RelationKind::Partnership,
        RelationKind::Competitor,
    ];

    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Investment => "investment",
            RelationKind::Loan => "loan",
            RelationKind::Lease => "lease",
            RelationKind::Compute => "compute",
            RelationKind::Supply => "supply",
            RelationKind::Acquisition => "acquisition",
            RelationKind::Ownership => "ownership",
            RelationKind::Exclusivity => "exclusivity",
            RelationKind::Partnership => "partnership",
            RelationKind::Competitor => "competitor",
        }
    }

    /// Whether the relation reads the same both ways (partnership, competitor).
    pub fn is_symmetric(self) -> bool {
        matches!(self, RelationKind::Partnership | RelationKind::Competitor)
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How far a relation is confirmed, from rumour to completion, or whether it ended.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Talk without a named source.
    Rumored,
    /// Press citing people familiar, or filings summarised by press.
    Reported,
    /// A party's own statement.
    Announced,
    /// Closed, or confirmed done.
    Completed,
    /// It happened, and is over.
    Ended,
    /// It was called off before it happened.
    Cancelled,
}

impl Status {
    /// Every status, in declaration order.
    pub const ALL: [Status; 6] = [
        Status::Rumored,
        Status::Reported,
        Status::Announced,
        Status::Completed,
        Status::Ended,
        Status::Cancelled,
    ];

    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Rumored => "rumored",
            Status::Reported => "reported",
            Status::Announced => "announced",
            Status::Completed => "completed",
            Status::Ended => "ended",
            Status::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an exclusivity clause covers.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The excluded company may not be funded by the imposer's investors.
    Investors,
    /// Compute capacity.
    Compute,
    /// Supply of chips or hardware.
    Supply,
    /// Customers.
    Customers,
    /// Hiring.
    Talent,
}

impl Scope {
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Investors => "investors",
            Scope::Compute => "compute",
            Scope::Supply => "supply",
            Scope::Customers => "customers",
            Scope::Talent => "talent",
        }
    }
}

/// How far a source can be relied on, from least to most: what `--min-reliability` tests.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Reliability {
    /// A blog, forum or rewrite site, or a page its publisher's sheet marks as unreliable.
    Low,
    /// A copy of another outlet's report: syndication, an archive, an aggregator, a rewrite
    /// that names its original.
    Syndicated,
    /// An outlet's own reporting.
    Press,
    /// A party's own statement: a press release, a filing, the company's own page.
    Primary,
}

impl Reliability {
    /// Every level, least reliable first.
    pub const ALL: [Reliability; 4] = [
        Reliability::Low,
        Reliability::Syndicated,
        Reliability::Press,
        Reliability::Primary,
    ];

    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Reliability::Low => "low",
            Reliability::Syndicated => "syndicated",
            Reliability::Press => "press",
            Reliability::Primary => "primary",
        }
    }
}

impl fmt::Display for Reliability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a relation's information comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The outlet, e.g. "Reuters" or "Mint (WSJ syndication)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The article's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The article's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// A verbatim quote that supports the relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// How far the source can be relied on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Reliability>,
}

/// A relation: a typed, directed edge between two companies.
///
/// The fields after `deal` belong to one type each (see `graph/README.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The relation's type.
    #[serde(rename = "type")]
    pub kind: RelationKind,
    /// The company the relation reads from.
    pub from: CompanyId,
    /// The company the relation reads to.
    pub to: CompanyId,
    /// When it began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// When it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// How far it is confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The amount in US dollars.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_if_integral"
    )]
    pub amount_usd: Option<f64>,
    /// The top of the range for an amount stated as "up to", in US dollars; `amount_usd`, when
    /// also given, is the bottom.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_if_integral"
    )]
    pub amount_max_usd: Option<f64>,
    /// The amount as reported, e.g. "up to $4B".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_text: Option<String>,
    /// The currency the amount was stated in, as an ISO 4217 code (`EUR`), with `amount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The amount in `currency`, as stated.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_if_integral"
    )]
    pub amount: Option<f64>,
    /// Whether the amount is an estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated: Option<bool>,
    /// Groups the relations of one round, joint venture or clause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal: Option<String>,
    /// Investment or loan: the round or facility, e.g. "Series D".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    /// Investment or loan: whether the investor or lender led the round or facility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<bool>,
    /// Investment: the valuation in US dollars.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_if_integral"
    )]
    pub valuation_usd: Option<f64>,
    /// Investment or ownership: the share of the company held, in percent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_if_integral"
    )]
    pub stake_percent: Option<f64>,
    /// Lease: the site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Lease, compute or supply: the capacity in megawatts (4.5 GW is 4500).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_if_integral"
    )]
    pub capacity_mw: Option<f64>,
    /// Lease, compute, supply or loan: the term of the contract in years.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_if_integral"
    )]
    pub term_years: Option<f64>,
    /// Compute or supply: the chips, e.g. "Nvidia H100".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chips: Option<String>,
    /// Compute or supply: the number of GPUs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpus: Option<u64>,
    /// Exclusivity: what the clause covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// Whether the deal or clause binds legally: `false` for a letter of intent, a pledge or
    /// a request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binding: Option<bool>,
    /// Exclusivity: whether the clause reaches stakes taken before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retroactive: Option<bool>,
    /// Where the information comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The user's own data, kept as it is. A key given twice in one object is an error, not
    /// the last one silently kept.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "unique_keys::optional_map"
    )]
    pub extra: Option<Map<String, Value>>,
}

impl Relation {
    /// A relation with only its type and ends, as imported data often has.
    ///
    /// # Example
    ///
    /// ```
    /// use dealgraph::{Relation, RelationKind};
    ///
    /// let lease = Relation::new(RelationKind::Lease, "crusoe", "oracle");
    /// assert_eq!(lease.from.as_str(), "crusoe");
    /// assert!(lease.sources.is_empty());
    /// ```
    pub fn new(kind: RelationKind, from: &str, to: &str) -> Relation {
        Relation {
            kind,
            from: from.into(),
            to: to.into(),
            date: None,
            end: None,
            status: None,
            amount_usd: None,
            amount_max_usd: None,
            amount_text: None,
            currency: None,
            amount: None,
            estimated: None,
            deal: None,
            round: None,
            lead: None,
            valuation_usd: None,
            stake_percent: None,
            site: None,
            capacity_mw: None,
            term_years: None,
            chips: None,
            gpus: None,
            scope: None,
            binding: None,
            retroactive: None,
            sources: Vec::new(),
            notes: None,
            extra: None,
        }
    }

    /// The type-specific fields that are set, with the types they belong to.
    pub fn type_fields(&self) -> impl Iterator<Item = (&'static str, &'static [RelationKind])> {
        use RelationKind::{Compute, Exclusivity, Investment, Lease, Loan, Ownership, Supply};
        const FUNDING: &[RelationKind] = &[Investment, Loan];
        const CAPACITY: &[RelationKind] = &[Lease, Compute, Supply];
        const CONTRACTS: &[RelationKind] = &[Lease, Compute, Supply, Loan];
        const HARDWARE: &[RelationKind] = &[Compute, Supply];
        const STAKES: &[RelationKind] = &[Investment, Ownership];
        [
            ("round", self.round.is_some(), FUNDING),
            ("lead", self.lead.is_some(), FUNDING),
            ("valuation_usd", self.valuation_usd.is_some(), &[Investment]),
            ("stake_percent", self.stake_percent.is_some(), STAKES),
            ("site", self.site.is_some(), &[Lease]),
            ("capacity_mw", self.capacity_mw.is_some(), CAPACITY),
            ("term_years", self.term_years.is_some(), CONTRACTS),
            ("chips", self.chips.is_some(), HARDWARE),
            ("gpus", self.gpus.is_some(), HARDWARE),
            ("scope", self.scope.is_some(), &[Exclusivity]),
            ("retroactive", self.retroactive.is_some(), &[Exclusivity]),
        ]
        .into_iter()
        .filter(|(_, set, _)| *set)
        .map(|(name, _, kinds)| (name, kinds))
    }

    /// The most reliable of the relation's sources' reliabilities, if any source gives one.
    pub fn reliability(&self) -> Option<Reliability> {
        self.sources
            .iter()
            .filter_map(|source| source.reliability)
            .max()
    }
}

/// Writes a number without a fraction as an integer (`1250000000`, not `1250000000.0`), so
/// amounts read as they were written.
fn whole_if_integral<S: serde::Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    /// The largest integer every f64 below it holds exactly.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    match value {
        Some(number) if number.fract() == 0.0 && number.abs() < EXACT =>
        {
            #[expect(clippy::cast_possible_truncation, reason = "integral and below 2^53")]
            serializer.serialize_i64(*number as i64)
        }
        Some(number) => serializer.serialize_f64(*number),
        None => serializer.serialize_none(),
    }
}

/// The contents of one graph file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GraphFile {
    /// The companies the file defines.
    #[serde(default)]
    pub companies: Vec<Company>,
    /// The relations the file states.
    #[serde(default)]
    pub relations: Vec<Relation>,
}

/// A name that is not one of a fixed set of words, with the closest word when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{given}`{}; use one of: {}", .closest.as_ref().map(|c| format!(" (did you mean `{c}`?)")).unwrap_or_default(), .known.join(", "))]
pub struct UnknownWord {
    /// What kind of word: `relation type`, `status`.
    pub what: &'static str,
    /// The word as given.
    pub given: String,
    /// The closest known word.
    pub closest: Option<&'static str>,
    /// Every known word.
    pub known: Vec<&'static str>,
}

fn parse_word<T: Copy>(
    what: &'static str,
    text: &str,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, UnknownWord> {
    let wanted = text.trim().to_lowercase();
    if let Some(found) = all.iter().find(|item| name(**item) == wanted) {
        return Ok(*found);
    }
    let known: Vec<&'static str> = all.iter().map(|item| name(*item)).collect();
    let closest = crate::suggest::closest_word(&wanted, &known);
    Err(UnknownWord {
        what,
        given: text.to_owned(),
        closest,
        known,
    })
}

impl std::str::FromStr for RelationKind {
    type Err = UnknownWord;

    /// Parses a type name as files and the command line write it.
    ///
    /// ```
    /// use dealgraph::RelationKind;
    ///
    /// assert_eq!("lease".parse::<RelationKind>(), Ok(RelationKind::Lease));
    /// let err = "leese".parse::<RelationKind>().unwrap_err();
    /// assert!(err.to_string().starts_with("unknown relation type `leese` (did you mean `lease`?)"));
    /// ```
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_word(
            "relation type",
            text,
            &RelationKind::ALL,
            RelationKind::as_str,
        )
    }
}

impl std::str::FromStr for Reliability {
    type Err = UnknownWord;

    /// Parses a reliability as files and the command line write it.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_word("reliability", text, &Reliability::ALL, Reliability::as_str)
    }
}

impl std::str::FromStr for Status {
    type Err = UnknownWord;

    /// Parses a status name as files and the command line write it.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_word("status", text, &Status::ALL, Status::as_str)
    }
}

/// The JSON Schema of a graph file: every record and field, with its type and meaning, for
/// editors to check files as they are typed.
///
/// # Example
///
/// ```
/// let schema = dealgraph::model::schema();
/// assert_eq!(schema["title"], "GraphFile");
/// assert!(schema["$defs"]["Relation"]["properties"]["amount_usd"].is_object());
/// ```
pub fn schema() -> Value {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(GraphFile)).expect("a schema serializes");
    schema["description"] = Value::String(
        "A dealgraph graph file: companies and the typed, directed, sourced relations between them (graph/README.md)."
            .to_owned(),
    );
    schema
}

/// The keys that address relations on the command line.
mod key;

pub use key::{KeyError, RelationKey};

/// Deserializing JSON objects that refuse a key given twice, at any depth: serde_json's own
/// map keeps the last value and drops the others without a word.
mod unique_keys;
