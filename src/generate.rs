//! Realistic random graphs in the graph format, for benchmarks and load tests.
//!
//! [`generate`] builds a graph of about `relations / 5` companies in sectors such as `ai-lab`,
//! `cloud`, `chipmaker` and `vc`, and exactly `relations` relations between them:
//!
//! - funding rounds grouped by `deal`, whose investors are drawn from a power law (Zipf), so a
//!   few investors hold huge portfolios and most hold a handful;
//! - supply tiers: chipmakers supply clouds and GPU clouds, data centres lease to clouds, and
//!   clouds sell compute to AI labs and apps, again with a few hubs of very high degree;
//! - competitor pairs within a sector, partnerships across tiers, acquisitions, parents owning
//!   subsidiary funds and joint-venture projects, and exclusivity clauses from AI labs to rivals;
//! - partial dates from 2010 to 2025 (more of them recent), a realistic mix of statuses,
//!   amounts, and one source (publisher, address, quote) on about 30% of the relations.
//!
//! The output is deterministic: the same [`Params`] give the same bytes on every platform
//! (ChaCha8 is portable, and no value goes through a floating-point function whose rounding
//! differs between math libraries). Every generated graph loads without errors.
//!
//! # Example
//!
//! ```
//! use dealgraph::generate::{self, Params};
//!
//! let params = Params { relations: 500, seed: 7 };
//! let texts = generate::texts(&params, 2);
//! assert_eq!(texts.len(), 2);
//! let graph = dealgraph::load::load(&texts).unwrap();
//! assert_eq!(graph.relation_count(), 500);
//! assert_eq!(graph.companies().len(), 100);
//! ```

use std::collections::HashSet;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::date::PartialDate;
use crate::format::usd;
use crate::load::GraphText;
use crate::model::{Company, CompanyId, GraphFile, Relation, RelationKind, Scope, Source, Status};
use crate::names::{name_key, slugify};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// How many relations; the graph has about a fifth as many companies (at least 50).
    pub relations: usize,
    /// The seed: the same seed gives the same graph.
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            relations: 10_000,
            seed: 0,
        }
    }
}

/// One file of a generated graph: a share of its companies and of its relations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part<'a> {
    /// The file's number, from 1; [`Part::name`] is made from it.
    pub number: usize,
    /// The companies the file defines.
    pub companies: &'a [Company],
    /// The relations the file states.
    pub relations: &'a [Relation],
}

impl Part<'_> {
    /// The file's name, such as `part-0001.json`; names sort in file order.
    pub fn name(&self) -> String {
        format!("part-{:04}.json", self.number)
    }

    /// The file's text, as [`to_json`] writes it.
    pub fn to_json(&self) -> String {
        json_text(self.companies, self.relations)
    }
}

/// The fewest companies a generated graph has, so that every sector has some.
const MIN_COMPANIES: usize = 50;
/// The share of relations that cite a source.
const SOURCED: f64 = 0.3;

/// Generates a graph: its companies, sorted by id, and exactly `params.relations` relations.
///
/// # Example
///
/// ```
/// use dealgraph::generate::{generate, Params};
///
/// let graph = generate(&Params { relations: 1_000, seed: 1 });
/// assert_eq!(graph.relations.len(), 1_000);
/// assert_eq!(graph.companies.len(), 200);
/// ```
pub fn generate(params: &Params) -> GraphFile {
    let (mut companies, relations) = Builder::new(params).build();
    companies.sort_by(|a, b| a.id.cmp(&b.id));
    GraphFile {
        companies,
        relations,
    }
}

/// Splits a graph into `files` parts (at least one) of near-equal numbers of companies and
/// relations, in order, for writing to a folder.
///
/// # Example
///
/// ```
/// use dealgraph::generate::{generate, split, Params};
///
/// let graph = generate(&Params { relations: 1_000, seed: 1 });
/// let parts = split(&graph, 3);
/// let names: Vec<String> = parts.iter().map(|part| part.name()).collect();
/// assert_eq!(names, ["part-0001.json", "part-0002.json", "part-0003.json"]);
/// assert_eq!(parts.iter().map(|part| part.relations.len()).sum::<usize>(), 1_000);
/// ```
pub fn split(graph: &GraphFile, files: usize) -> Vec<Part<'_>> {
    let files = files.max(1);
    let company_chunk = graph.companies.len().div_ceil(files).max(1);
    let relation_chunk = graph.relations.len().div_ceil(files).max(1);
    let mut companies = graph.companies.chunks(company_chunk);
    let mut relations = graph.relations.chunks(relation_chunk);
    (1..=files)
        .map(|number| Part {
            number,
            companies: companies.next().unwrap_or_default(),
            relations: relations.next().unwrap_or_default(),
        })
        .collect()
}

/// Generates a graph as the texts of `files` files (see [`split`] and [`to_json`]), ready for
/// [`crate::load::load`].
pub fn texts(params: &Params, files: usize) -> Vec<GraphText> {
    let graph = generate(params);
    split(&graph, files)
        .iter()
        .map(|part| GraphText::new(part.name(), part.to_json().into_bytes()))
        .collect()
}

/// A graph file as JSON text, one company or relation per line, so that diagnostics point at a
/// record's line and files diff line by line.
///
/// # Example
///
/// ```
/// use dealgraph::{GraphFile, Relation, RelationKind};
///
/// let file = GraphFile {
///     companies: vec![],
///     relations: vec![Relation::new(RelationKind::Lease, "a", "b")],
/// };
/// assert_eq!(
///     dealgraph::generate::to_json(&file),
///     "{\n  \"companies\": [],\n  \"relations\": [\n    \
///      {\"type\":\"lease\",\"from\":\"a\",\"to\":\"b\"}\n  ]\n}\n"
/// );
/// ```
pub fn to_json(graph: &GraphFile) -> String {
    json_text(&graph.companies, &graph.relations)
}

fn json_text(companies: &[Company], relations: &[Relation]) -> String {
    let mut out = Vec::with_capacity(200 * companies.len() + 300 * relations.len());
    out.extend_from_slice(b"{\n");
    write_array(&mut out, "companies", companies);
    out.extend_from_slice(b",\n");
    write_array(&mut out, "relations", relations);
    out.extend_from_slice(b"\n}\n");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

fn write_array<T: Serialize>(out: &mut Vec<u8>, key: &str, items: &[T]) {
    out.extend_from_slice(format!("  \"{key}\": [").as_bytes());
    for (i, item) in items.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        serde_json::to_writer(&mut *out, item).expect("records have string keys only");
    }
    out.extend_from_slice(if items.is_empty() { b"]" } else { b"\n  ]" });
}

/// What a company does; it fixes its sectors, its name and the relations it takes part in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Vc,
    Fund,
    Investor,
    Sovereign,
    Pension,
    Bank,
    Lab,
    Search,
    App,
    Software,
    Fintech,
    Crypto,
    Autonomy,
    Automaker,
    Cloud,
    GpuCloud,
    Datacenter,
    Chipmaker,
    Hardware,
    Energy,
    Conglomerate,
    Project,
}

/// A role's share of the companies (per mille), its sectors and the words its names end in.
struct RoleSpec {
    role: Role,
    per_mille: usize,
    sectors: &'static [&'static str],
    suffixes: &'static [&'static str],
}

#[rustfmt::skip]
const ROLES: [RoleSpec; 22] = [
    spec(Role::Vc, 70, &["investor", "vc"], &["Ventures", "Capital", "Partners", "VC"]),
    spec(Role::Fund, 40, &["investor", "vc"], &[]),
    spec(Role::Investor, 20, &["investor"], &["Investments", "Asset Management", "Growth"]),
    spec(Role::Sovereign, 5, &["investor", "sovereign-fund"], &["Investment Authority"]),
    spec(Role::Pension, 5, &["investor", "pension-fund"], &["Pension Plan", "Retirement Fund"]),
    spec(Role::Bank, 15, &["bank", "investor"], &["Bank", "Financial", "Securities"]),
    spec(Role::Lab, 40, &["ai-lab"], &["AI", "Labs", "Intelligence", "Research"]),
    spec(Role::Search, 15, &["ai-search"], &["Search", "Answers", "Find"]),
    spec(Role::App, 250, &["ai-app"], &["AI", "App", "Studio", "Assist"]),
    spec(Role::Software, 220, &["software"], &["Software", "Systems", "Data", "Works"]),
    spec(Role::Fintech, 60, &["fintech"], &["Pay", "Finance", "Money"]),
    spec(Role::Crypto, 30, &["crypto"], &["Chain", "Coin", "Protocol"]),
    spec(Role::Autonomy, 15, &["autonomous-vehicles"], &["Autonomy", "Robotics", "Drive"]),
    spec(Role::Automaker, 10, &["automaker"], &["Motors", "Automotive"]),
    spec(Role::Cloud, 15, &["cloud"], &["Cloud", "Cloud Services"]),
    spec(Role::GpuCloud, 25, &["gpu-cloud"], &["Compute", "GPU Cloud", "Scale"]),
    spec(Role::Datacenter, 50, &["datacenter"], &["Data Centers", "Digital", "Infrastructure"]),
    spec(Role::Chipmaker, 15, &["chipmaker"], &["Semiconductor", "Silicon", "Micro", "Devices"]),
    spec(Role::Hardware, 40, &["hardware"], &["Networks", "Hardware", "Photonics"]),
    spec(Role::Energy, 30, &["energy"], &["Energy", "Power", "Renewables"]),
    spec(Role::Conglomerate, 10, &["conglomerate"], &["Group", "Industries", "Holdings"]),
    spec(Role::Project, 20, &["project"], &["Campus", "Site", "Project"]),
];

const fn spec(
    role: Role,
    per_mille: usize,
    sectors: &'static [&'static str],
    suffixes: &'static [&'static str],
) -> RoleSpec {
    RoleSpec {
        role,
        per_mille,
        sectors,
        suffixes,
    }
}

/// Syllables that names are made of: two or three make a stem such as "Kelvor" or "Norzarion".
const SYLLABLES: [&str; 48] = [
    "ar", "bel", "cor", "da", "el", "fen", "gal", "hel", "io", "ju", "ka", "lu", "mer", "no", "or",
    "pa", "qui", "ra", "sol", "ta", "ul", "ve", "wen", "xa", "yo", "ze", "ax", "bri", "ca", "dor",
    "eon", "fy", "gen", "ha", "ion", "jo", "kel", "ly", "mo", "nex", "ora", "py", "rho", "sy",
    "tal", "va", "vor", "zar",
];

const LEGAL_FORMS: [&str; 7] = ["Inc.", "Ltd.", "Corp.", "LLC", "GmbH", "S.A.", "PLC"];

const COUNTRIES: [(&str, u32); 15] = [
    ("US", 55),
    ("CN", 8),
    ("GB", 7),
    ("FR", 4),
    ("DE", 4),
    ("IL", 3),
    ("CA", 3),
    ("JP", 3),
    ("IN", 3),
    ("SG", 2),
    ("AE", 2),
    ("SA", 2),
    ("KR", 2),
    ("SE", 1),
    ("NL", 1),
];

/// Relative weights of the years 2010 to 2025: deals grow more frequent towards the present.
const YEAR_WEIGHTS: [u32; 16] = [1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 9, 11, 14, 18, 24, 30];
const FIRST_YEAR: u16 = 2010;
const LAST_YEAR: u16 = 2025;

const STAGES: [&str; 10] = [
    "Pre-Seed", "Seed", "Series A", "Series B", "Series C", "Series D", "Series E", "Series F",
    "Series G", "Series H",
];

const PUBLISHERS: [(&str, &str); 9] = [
    ("Reuters", "www.reuters.com"),
    ("Bloomberg", "www.bloomberg.com"),
    ("The Information", "www.theinformation.com"),
    ("TechCrunch", "techcrunch.com"),
    ("Financial Times", "www.ft.com"),
    ("The Wall Street Journal", "www.wsj.com"),
    ("CNBC", "www.cnbc.com"),
    ("DatacenterDynamics", "www.datacenterdynamics.com"),
    ("Data Center Frontier", "www.datacenterfrontier.com"),
];

const SITES: [&str; 24] = [
    "Abilene, Texas",
    "Ashburn, Virginia",
    "Columbus, Ohio",
    "Phoenix, Arizona",
    "Atlanta, Georgia",
    "Dallas, Texas",
    "Reno, Nevada",
    "Hillsboro, Oregon",
    "Council Bluffs, Iowa",
    "Quincy, Washington",
    "New Albany, Ohio",
    "Memphis, Tennessee",
    "Mount Pleasant, Wisconsin",
    "Cheyenne, Wyoming",
    "Richland Parish, Louisiana",
    "Loudoun County, Virginia",
    "Dublin, Ireland",
    "Frankfurt, Germany",
    "Amsterdam, Netherlands",
    "Johor, Malaysia",
    "Singapore",
    "Tokyo, Japan",
    "Abu Dhabi, UAE",
    "Narvik, Norway",
];

const NOTES: [&str; 4] = [
    "Terms were not disclosed.",
    "Figures from people familiar with the matter.",
    "Part of a multi-year agreement.",
    "Subject to regulatory approval.",
];

/// Draws members of one or more roles, each with a weight: by Zipf rank (1/rank), so the first
/// members of a role are hubs, or all alike.
struct Pool {
    members: Vec<u32>,
    cumulative: Vec<f64>,
}

impl Pool {
    fn sample(&self, rng: &mut ChaCha8Rng) -> u32 {
        let total = *self.cumulative.last().expect("pools are not empty");
        let point = rng.random::<f64>() * total;
        let i = self.cumulative.partition_point(|&c| c <= point);
        self.members[i.min(self.members.len() - 1)]
    }
}

/// Builds the companies, then the relations, from one random stream.
struct Builder {
    rng: ChaCha8Rng,
    target: usize,
    count: usize,
    companies: Vec<Company>,
    roles: Vec<Role>,
    by_role: Vec<Vec<u32>>,
    keys: HashSet<String>,
    /// Each fund and the investor that manages it.
    funds: Vec<(u32, u32)>,
    relations: Vec<Relation>,
}

impl Builder {
    fn new(params: &Params) -> Builder {
        Builder {
            rng: ChaCha8Rng::seed_from_u64(params.seed),
            target: params.relations,
            count: (params.relations / 5).max(MIN_COMPANIES),
            companies: Vec::new(),
            roles: Vec::new(),
            by_role: vec![Vec::new(); ROLES.len()],
            keys: HashSet::new(),
            funds: Vec::new(),
            relations: Vec::with_capacity(params.relations),
        }
    }

    fn build(mut self) -> (Vec<Company>, Vec<Relation>) {
        self.add_companies();
        let target = self.target;
        let budget = |share: f64| ((target as f64) * share) as usize;
        let mut left = target;
        let mut take = |n: usize| {
            let n = n.min(left);
            left -= n;
            n
        };
        let plan = [
            take(budget(0.02)),
            take(budget(0.01)),
            take(budget(0.45)),
            take(budget(0.12)),
            take(budget(0.08)),
            take(budget(0.07)),
            take(budget(0.03)),
            take(budget(0.08)),
        ];
        let competitors = left;
        self.ownerships(plan[0]);
        self.exclusivities(plan[1]);
        self.investments(plan[2]);
        self.computes(plan[3]);
        self.supplies(plan[4]);
        self.leases(plan[5]);
        self.acquisitions(plan[6]);
        self.partnerships(plan[7]);
        self.competitors(competitors);
        debug_assert_eq!(self.relations.len(), self.target);
        (self.companies, self.relations)
    }

    // Companies.

    fn add_companies(&mut self) {
        let n = self.count;
        let mut sizes: Vec<usize> = ROLES
            .iter()
            .map(|spec| (n * spec.per_mille / 1000).max(2))
            .collect();
        // The largest role takes up the rounding, so there are exactly `n` companies.
        let app = role_index(Role::App);
        let others: usize = sizes.iter().sum::<usize>() - sizes[app];
        sizes[app] = n.saturating_sub(others).max(2);
        for (spec, &size) in ROLES.iter().zip(&sizes) {
            if spec.role == Role::Fund || spec.role == Role::Project {
                continue;
            }
            for _ in 0..size {
                let name = self.fresh_name(spec.suffixes);
                self.add_company(spec, name);
            }
        }
        let managers = self.pool(&[(Role::Vc, 1.0)], true);
        let mut fund_counts = vec![0u32; self.companies.len()];
        for _ in 0..sizes[role_index(Role::Fund)] {
            let manager = managers.sample(&mut self.rng);
            fund_counts[manager as usize] += 1;
            let name = format!(
                "{} Fund {}",
                self.companies[manager as usize].name,
                roman(fund_counts[manager as usize])
            );
            let name = if self.keys.contains(&name_key(&name)) {
                self.fresh_name(&["Fund"])
            } else {
                name
            };
            let fund = self.add_company(&ROLES[role_index(Role::Fund)], name);
            self.funds.push((fund, manager));
        }
        let project = &ROLES[role_index(Role::Project)];
        for _ in 0..sizes[role_index(Role::Project)] {
            let name = self.fresh_name(project.suffixes);
            self.add_company(project, name);
        }
    }

    /// A name no other company's name folds to, such as "Kelvor Labs".
    fn fresh_name(&mut self, suffixes: &[&str]) -> String {
        for attempt in 0.. {
            let syllables = if attempt < 4 && self.rng.random_bool(0.5) {
                2
            } else {
                3
            };
            let mut stem = String::new();
            for _ in 0..syllables {
                stem.push_str(SYLLABLES[self.rng.random_range(0..SYLLABLES.len())]);
            }
            let mut name = capitalize(&stem);
            if !suffixes.is_empty() {
                name.push(' ');
                name.push_str(suffixes[self.rng.random_range(0..suffixes.len())]);
            }
            if attempt >= 8 {
                name = format!("{name} {attempt}");
            }
            if !self.keys.contains(&name_key(&name)) {
                return name;
            }
        }
        unreachable!("the loop returns once a name is free")
    }

    fn add_company(&mut self, spec: &RoleSpec, name: String) -> u32 {
        let index = u32::try_from(self.companies.len()).expect("fewer than 2^32 companies");
        let rank = self.by_role[role_index(spec.role)].len();
        self.keys.insert(name_key(&name));
        let id = slugify(&name);
        let country = self.country();
        let aliases = self.aliases(&name);
        let listed = rank < 3
            && matches!(
                spec.role,
                Role::Chipmaker
                    | Role::Cloud
                    | Role::Hardware
                    | Role::Conglomerate
                    | Role::Automaker
                    | Role::Bank
                    | Role::Datacenter
                    | Role::Energy
            );
        let ticker = listed.then(|| {
            let exchange = if self.rng.random_bool(0.5) {
                "NASDAQ"
            } else {
                "NYSE"
            };
            let letters: String = name_key(&name).chars().take(4).collect();
            format!("{exchange}:{}", letters.to_uppercase())
        });
        let wikidata = self
            .rng
            .random_bool(if rank < 10 { 0.9 } else { 0.1 })
            .then(|| format!("Q{}", self.rng.random_range(1_000u32..130_000_000)));
        let url = self
            .rng
            .random_bool(0.7)
            .then(|| format!("https://{}.com", id.replace('-', "")));
        let notes = self
            .rng
            .random_bool(0.02)
            .then(|| "Generated company.".to_owned());
        self.companies.push(Company {
            id: CompanyId(id),
            name,
            aliases,
            sectors: spec.sectors.iter().map(|s| (*s).to_owned()).collect(),
            country: Some(country.to_owned()),
            ticker,
            wikidata,
            lei: None,
            crunchbase: None,
            url,
            notes,
            extra: None,
        });
        self.roles.push(spec.role);
        self.by_role[role_index(spec.role)].push(index);
        index
    }

    /// Other names for about one company in twelve: the legal name, or the stem alone.
    fn aliases(&mut self, name: &str) -> Vec<String> {
        if !self.rng.random_bool(0.08) {
            return Vec::new();
        }
        let alias = if self.rng.random_bool(0.7) {
            let form = LEGAL_FORMS[self.rng.random_range(0..LEGAL_FORMS.len())];
            format!("{name} {form}")
        } else {
            name.split(' ').next().unwrap_or(name).to_owned()
        };
        let key = name_key(&alias);
        if self.keys.insert(key) {
            vec![alias]
        } else {
            Vec::new()
        }
    }

    fn country(&mut self) -> &'static str {
        let total: u32 = COUNTRIES.iter().map(|(_, w)| w).sum();
        let mut point = self.rng.random_range(0..total);
        for (code, weight) in COUNTRIES {
            if point < weight {
                return code;
            }
            point -= weight;
        }
        "US"
    }

    /// A pool over some roles, each member weighted by the role's factor and, when `zipf`, by
    /// 1/rank within its role.
    fn pool(&self, roles: &[(Role, f64)], zipf: bool) -> Pool {
        let mut members = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0.0;
        for &(role, factor) in roles {
            for (rank, &member) in self.by_role[role_index(role)].iter().enumerate() {
                total += if zipf {
                    factor / (rank as f64 + 1.0)
                } else {
                    factor
                };
                members.push(member);
                cumulative.push(total);
            }
        }
        Pool {
            members,
            cumulative,
        }
    }

    // Random values.

    fn year(&mut self) -> u16 {
        let total: u32 = YEAR_WEIGHTS.iter().sum();
        let mut point = self.rng.random_range(0..total);
        for (offset, weight) in (0u16..).zip(YEAR_WEIGHTS) {
            if point < weight {
                return FIRST_YEAR + offset;
            }
            point -= weight;
        }
        LAST_YEAR
    }

    /// A date in `year`, known to the year, the month or the day, as news gives them.
    fn date_in(&mut self, year: u16) -> PartialDate {
        let text = match self.rng.random_range(0..100) {
            0..20 => format!("{year}"),
            20..75 => format!("{year}-{:02}", self.rng.random_range(1..=12)),
            _ => format!(
                "{year}-{:02}-{:02}",
                self.rng.random_range(1..=12),
                self.rng.random_range(1..=28)
            ),
        };
        text.parse().expect("generated dates exist")
    }

    fn date(&mut self) -> PartialDate {
        let year = self.year();
        self.date_in(year)
    }

    /// An end date that is not before `start`.
    fn end_after(&mut self, start: PartialDate) -> PartialDate {
        let year = start.year();
        if year >= LAST_YEAR {
            return format!("{year}").parse().expect("a year is a date");
        }
        let year = self.rng.random_range(year + 1..=(year + 4).min(LAST_YEAR));
        format!("{year}-{:02}", self.rng.random_range(1..=12))
            .parse()
            .expect("generated dates exist")
    }

    fn status(&mut self, weights: &[(Status, u32)]) -> Status {
        let total: u32 = weights.iter().map(|(_, w)| w).sum();
        let mut point = self.rng.random_range(0..total);
        for &(status, weight) in weights {
            if point < weight {
                return status;
            }
            point -= weight;
        }
        Status::Completed
    }

    /// A round amount between `10^low` and `10^high * 9.9`, such as 4.5e9: an exponent drawn
    /// evenly and a mantissa skewed towards small values.
    fn amount(&mut self, low: u32, high: u32) -> f64 {
        let exponent = self.rng.random_range(low..=high);
        let u = self.rng.random::<f64>();
        let mantissa = 10 + (u * u * 90.0) as u64;
        (mantissa * 10u64.pow(exponent.saturating_sub(1))) as f64
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.random_range(0..items.len())]
    }

    /// Two different members of `pool`, even when it has only two.
    fn two(&mut self, pool: &Pool) -> (u32, u32) {
        let a = pool.sample(&mut self.rng);
        for _ in 0..20 {
            let b = pool.sample(&mut self.rng);
            if b != a {
                return (a, b);
            }
        }
        let i = pool.members.iter().position(|&m| m == a).unwrap_or(0);
        (a, pool.members[(i + 1) % pool.members.len()])
    }

    fn name(&self, company: u32) -> &str {
        &self.companies[company as usize].name
    }

    fn id(&self, company: u32) -> &str {
        self.companies[company as usize].id.as_str()
    }

    fn relation(&self, kind: RelationKind, from: u32, to: u32) -> Relation {
        Relation::new(kind, self.id(from), self.id(to))
    }

    /// Adds a relation, with a note now and then, and a source about 30% of the time whose
    /// quote `quote` writes.
    fn push(&mut self, mut relation: Relation, quote: impl FnOnce(&Builder) -> String) {
        if self.rng.random_bool(0.03) {
            relation.notes = Some(self.pick(&NOTES).to_owned());
        }
        if self.rng.random_bool(SOURCED) {
            let quote = self.rng.random_bool(0.85).then(|| quote(self));
            let source = self.source(&relation, quote);
            relation.sources.push(source);
        }
        self.relations.push(relation);
    }

    fn source(&mut self, relation: &Relation, quote: Option<String>) -> Source {
        let date = relation.date;
        let (year, month) = date.map_or((LAST_YEAR, 1), |d| (d.year(), d.month().unwrap_or(1)));
        let path = format!(
            "{year}/{month:02}/{}-{}-{}/",
            relation.from, relation.kind, relation.to
        );
        let (publisher, url) = if self.rng.random_bool(0.15) {
            let from = relation.from.as_str();
            let url = format!("https://{}.com/news/{path}", from.replace('-', ""));
            (None, Some(url))
        } else {
            let (publisher, host) = self.pick(&PUBLISHERS);
            let url = self
                .rng
                .random_bool(0.9)
                .then(|| format!("https://{host}/{path}"));
            (Some(publisher.to_owned()), url)
        };
        let title = quote
            .as_ref()
            .filter(|_| self.rng.random_bool(0.3))
            .map(|quote| quote.chars().take(60).collect::<String>());
        Source {
            publisher,
            title,
            url,
            date,
            quote,
        }
    }

    /// Adds an amount as it is usually reported: disclosed or not, sometimes estimated or
    /// phrased as a cap.
    fn set_amount(&mut self, relation: &mut Relation, amount: f64) {
        relation.amount_usd = Some(amount);
        match self.rng.random_range(0..100) {
            0..10 => relation.estimated = Some(true),
            10..20 => relation.amount_text = Some(format!("up to {}", usd(amount))),
            20..30 => relation.amount_text = Some(usd(amount)),
            _ => {}
        }
    }

    // Relations, by type.

    /// Parents own their funds; conglomerates, investors and operators own subsidiaries and
    /// share joint-venture projects.
    fn ownerships(&mut self, budget: usize) {
        let funds = std::mem::take(&mut self.funds);
        for &(fund, manager) in funds.iter().take(budget) {
            let mut relation = self.relation(RelationKind::Ownership, manager, fund);
            relation.date = Some(self.date());
            relation.status = Some(Status::Completed);
            self.push(relation, |b| {
                format!("{} is managed by {}", b.name(fund), b.name(manager))
            });
        }
        let owners = self.pool(
            &[
                (Role::Conglomerate, 2.0),
                (Role::Investor, 1.0),
                (Role::Datacenter, 1.0),
                (Role::Cloud, 1.0),
                (Role::Energy, 0.5),
                (Role::Bank, 0.5),
            ],
            true,
        );
        let subsidiaries = self.pool(
            &[
                (Role::Project, 3.0),
                (Role::Energy, 0.5),
                (Role::Hardware, 0.3),
                (Role::Software, 0.2),
            ],
            false,
        );
        let mut done = budget.min(funds.len());
        while done < budget {
            let subsidiary = subsidiaries.sample(&mut self.rng);
            let partners = if budget - done >= 2 && self.rng.random_bool(0.3) {
                2
            } else {
                1
            };
            let deal = (partners == 2).then(|| format!("{}-joint-venture", self.id(subsidiary)));
            let date = self.date();
            let mut first = None;
            for _ in 0..partners {
                let mut owner = owners.sample(&mut self.rng);
                while owner == subsidiary || Some(owner) == first {
                    owner = owners.sample(&mut self.rng);
                }
                first = Some(owner);
                let mut relation = self.relation(RelationKind::Ownership, owner, subsidiary);
                relation.date = Some(date);
                relation.status = Some(self.status(&[
                    (Status::Completed, 80),
                    (Status::Announced, 15),
                    (Status::Reported, 5),
                ]));
                relation.deal.clone_from(&deal);
                self.push(relation, |b| {
                    format!("{} is owned by {}", b.name(subsidiary), b.name(owner))
                });
                done += 1;
            }
        }
    }

    /// AI labs and search companies ask their investors not to fund a few rivals.
    fn exclusivities(&mut self, budget: usize) {
        let labs = self.pool(&[(Role::Lab, 1.0)], true);
        let searches = self.pool(&[(Role::Search, 1.0)], true);
        let mut clauses = vec![0u32; self.companies.len()];
        let mut done = 0;
        while done < budget {
            let pool = if self.rng.random_bool(0.8) {
                &labs
            } else {
                &searches
            };
            let imposer = pool.sample(&mut self.rng);
            let rivals = self.rng.random_range(1..=5).min(budget - done);
            let date = self.date();
            clauses[imposer as usize] += 1;
            let deal = format!(
                "{}-{}-clause-{}",
                self.id(imposer),
                date.year(),
                clauses[imposer as usize]
            );
            let scope = match self.rng.random_range(0..100) {
                0..70 => Scope::Investors,
                70..80 => Scope::Compute,
                80..90 => Scope::Talent,
                90..95 => Scope::Customers,
                _ => Scope::Supply,
            };
            let status = self.status(&[
                (Status::Reported, 60),
                (Status::Rumored, 20),
                (Status::Announced, 15),
                (Status::Ended, 5),
            ]);
            let end = (status == Status::Ended).then(|| self.end_after(date));
            let binding = match self.rng.random_range(0..10) {
                0..6 => Some(false),
                6..8 => Some(true),
                _ => None,
            };
            let retroactive = match self.rng.random_range(0..10) {
                0..5 => Some(false),
                5 => Some(true),
                _ => None,
            };
            let mut excluded: Vec<u32> = Vec::new();
            for _ in 0..rivals {
                let (_, rival) = self.two_from(pool, imposer, &excluded);
                excluded.push(rival);
                let mut relation = self.relation(RelationKind::Exclusivity, imposer, rival);
                relation.date = Some(date);
                relation.end = end;
                relation.status = Some(status);
                relation.deal = Some(deal.clone());
                relation.scope = Some(scope);
                relation.binding = binding;
                relation.retroactive = retroactive;
                self.push(relation, |b| {
                    format!(
                        "{} asked its investors not to fund {}",
                        b.name(imposer),
                        b.name(rival)
                    )
                });
                done += 1;
            }
        }
    }

    /// A member of `pool` other than `first`, avoiding `taken` when it can.
    fn two_from(&mut self, pool: &Pool, first: u32, taken: &[u32]) -> (u32, u32) {
        for _ in 0..20 {
            let other = pool.sample(&mut self.rng);
            if other != first && !taken.contains(&other) {
                return (first, other);
            }
        }
        let i = pool.members.iter().position(|&m| m == first).unwrap_or(0);
        (first, pool.members[(i + 1) % pool.members.len()])
    }

    /// Funding rounds: a startup raises its rounds in order, each from a few investors drawn
    /// from a power law, one of whom leads.
    fn investments(&mut self, budget: usize) {
        let investees = self.pool(
            &[
                (Role::Lab, 3.0),
                (Role::Search, 1.0),
                (Role::App, 2.0),
                (Role::Software, 1.5),
                (Role::Fintech, 1.0),
                (Role::Crypto, 0.6),
                (Role::Autonomy, 0.5),
                (Role::GpuCloud, 0.8),
                (Role::Datacenter, 0.6),
                (Role::Hardware, 0.4),
                (Role::Energy, 0.3),
            ],
            true,
        );
        let investors = self.pool(
            &[
                (Role::Vc, 1.0),
                (Role::Fund, 0.6),
                (Role::Investor, 0.6),
                (Role::Sovereign, 2.0),
                (Role::Pension, 1.0),
                (Role::Bank, 0.8),
                (Role::Chipmaker, 0.3),
                (Role::Cloud, 0.3),
                (Role::Conglomerate, 0.5),
            ],
            true,
        );
        let mut rounds = vec![0usize; self.companies.len()];
        let mut last_year = vec![0u16; self.companies.len()];
        let mut done = 0;
        while done < budget {
            let investee = investees.sample(&mut self.rng);
            let stage = rounds[investee as usize];
            rounds[investee as usize] += 1;
            let year = if stage == 0 {
                self.year()
            } else {
                (last_year[investee as usize] + self.rng.random_range(0..=2)).min(LAST_YEAR)
            };
            last_year[investee as usize] = year;
            let (round, slug) = match STAGES.get(stage) {
                Some(name) => ((*name).to_owned(), slugify(name)),
                None => {
                    let n = stage + 2 - STAGES.len();
                    (format!("Growth {n}"), format!("growth-{n}"))
                }
            };
            let deal = format!("{}-{slug}", self.id(investee));
            let is_lab = self.roles[investee as usize] == Role::Lab;
            let scale = u32::try_from(stage.min(8)).expect("small") / 2 + 5 + u32::from(is_lab);
            let total = self.amount(scale, scale + 1);
            let valuation = total * f64::from(self.rng.random_range(4u32..=15));
            let mut size = 1 + usize::from(stage >= 2) + usize::from(is_lab);
            while size < 12 && self.rng.random_bool(0.55) {
                size += 1;
            }
            let size = size.min(budget - done);
            let date = self.date_in(year);
            let status = self.status(&[
                (Status::Completed, 60),
                (Status::Announced, 20),
                (Status::Reported, 12),
                (Status::Rumored, 5),
                (Status::Cancelled, 3),
            ]);
            let disclosed = self.rng.random_bool(0.6);
            let valued = self.rng.random_bool(0.4);
            let mut chosen: Vec<u32> = Vec::with_capacity(size);
            for n in 0..size {
                let mut investor = investors.sample(&mut self.rng);
                for _ in 0..20 {
                    if investor != investee && !chosen.contains(&investor) {
                        break;
                    }
                    investor = investors.sample(&mut self.rng);
                }
                if investor == investee {
                    investor = investors.members[0];
                }
                chosen.push(investor);
                let mut relation = self.relation(RelationKind::Investment, investor, investee);
                relation.date = Some(date);
                relation.status = Some(status);
                relation.deal = Some(deal.clone());
                relation.round = Some(round.clone());
                relation.lead = match (n, self.rng.random_bool(0.5)) {
                    (0, _) => Some(true),
                    (_, true) => Some(false),
                    (_, false) => None,
                };
                if disclosed {
                    let share = if size == 1 {
                        total
                    } else if n == 0 {
                        (total * 0.4).round()
                    } else {
                        (total * 0.6 / (size - 1) as f64).round()
                    };
                    self.set_amount(&mut relation, share);
                }
                if valued {
                    relation.valuation_usd = Some(valuation);
                }
                let led = n == 0;
                self.push(relation, |b| {
                    let (investor, investee) = (b.name(investor), b.name(investee));
                    if led {
                        format!("{investor} led {investee}'s {} round", usd(total))
                    } else {
                        format!("{investor} joined the round in {investee}")
                    }
                });
                done += 1;
            }
        }
    }

    /// A chip model named after a chipmaker, such as "Kelvor H200".
    fn chips(&mut self, chipmakers: &Pool) -> String {
        let maker = chipmakers.sample(&mut self.rng);
        let stem = self.name(maker).split(' ').next().unwrap_or("").to_owned();
        let letter = self.pick(&['H', 'B', 'X', 'M', 'T']);
        let model = self.rng.random_range(1..=5) * 100;
        format!("{stem} {letter}{model}")
    }

    /// Clouds and GPU clouds rent capacity to AI labs and apps.
    fn computes(&mut self, budget: usize) {
        let providers = self.pool(&[(Role::Cloud, 2.0), (Role::GpuCloud, 1.0)], true);
        let customers = self.pool(
            &[
                (Role::Lab, 3.0),
                (Role::App, 1.0),
                (Role::Search, 1.0),
                (Role::Software, 0.7),
                (Role::Autonomy, 0.5),
                (Role::Fintech, 0.3),
                (Role::Crypto, 0.3),
            ],
            true,
        );
        let chipmakers = self.pool(&[(Role::Chipmaker, 1.0)], true);
        for _ in 0..budget {
            let provider = providers.sample(&mut self.rng);
            let customer = customers.sample(&mut self.rng);
            let mut relation = self.relation(RelationKind::Compute, provider, customer);
            let date = self.date();
            relation.date = Some(date);
            let status = self.status(&[
                (Status::Completed, 40),
                (Status::Announced, 25),
                (Status::Reported, 20),
                (Status::Rumored, 5),
                (Status::Ended, 8),
                (Status::Cancelled, 2),
            ]);
            relation.status = Some(status);
            if status == Status::Ended {
                relation.end = Some(self.end_after(date));
            }
            if self.rng.random_bool(0.6) {
                relation.chips = Some(self.chips(&chipmakers));
            }
            if self.rng.random_bool(0.5) {
                relation.gpus = Some(self.amount(2, 5) as u64);
            }
            if self.rng.random_bool(0.4) {
                let amount = self.amount(7, 10);
                self.set_amount(&mut relation, amount);
            }
            self.push(relation, |b| {
                format!(
                    "{} will rent computing capacity from {}",
                    b.name(customer),
                    b.name(provider)
                )
            });
        }
    }

    /// Chipmakers and hardware makers supply clouds, GPU clouds and data centres.
    fn supplies(&mut self, budget: usize) {
        let suppliers = self.pool(&[(Role::Chipmaker, 2.0), (Role::Hardware, 1.0)], true);
        let customers = self.pool(
            &[
                (Role::Cloud, 2.0),
                (Role::GpuCloud, 2.0),
                (Role::Datacenter, 1.0),
                (Role::Hardware, 0.5),
                (Role::Lab, 0.5),
                (Role::Automaker, 0.3),
            ],
            true,
        );
        let chipmakers = self.pool(&[(Role::Chipmaker, 1.0)], true);
        for _ in 0..budget {
            let (supplier, customer) = loop {
                let pair = (
                    suppliers.sample(&mut self.rng),
                    customers.sample(&mut self.rng),
                );
                if pair.0 != pair.1 {
                    break pair;
                }
            };
            let mut relation = self.relation(RelationKind::Supply, supplier, customer);
            let date = self.date();
            relation.date = Some(date);
            let status = self.status(&[
                (Status::Completed, 50),
                (Status::Announced, 20),
                (Status::Reported, 20),
                (Status::Rumored, 4),
                (Status::Ended, 5),
                (Status::Cancelled, 1),
            ]);
            relation.status = Some(status);
            if status == Status::Ended {
                relation.end = Some(self.end_after(date));
            }
            if self.rng.random_bool(0.3) {
                let amount = self.amount(7, 10);
                self.set_amount(&mut relation, amount);
            }
            if self.rng.random_bool(0.2) && self.roles[supplier as usize] == Role::Chipmaker {
                relation.notes = Some(format!("{} accelerators", self.chips(&chipmakers)));
            }
            self.push(relation, |b| {
                format!("{} will supply {}", b.name(supplier), b.name(customer))
            });
        }
    }

    /// Data centres lease capacity to clouds, GPU clouds and labs, sometimes in phases of one
    /// campus grouped as a deal.
    fn leases(&mut self, budget: usize) {
        let lessors = self.pool(&[(Role::Datacenter, 1.0)], true);
        let lessees = self.pool(
            &[
                (Role::Cloud, 3.0),
                (Role::GpuCloud, 2.0),
                (Role::Lab, 1.0),
                (Role::Software, 0.3),
            ],
            true,
        );
        let mut campuses = 0;
        let mut done = 0;
        while done < budget {
            let lessor = lessors.sample(&mut self.rng);
            let lessee = lessees.sample(&mut self.rng);
            let site = self.pick(&SITES);
            let phases = if self.rng.random_bool(0.25) {
                self.rng.random_range(2..=3).min(budget - done)
            } else {
                1
            };
            let deal = (phases > 1).then(|| {
                campuses += 1;
                format!("{}-{}-{campuses}", self.id(lessor), slugify(site))
            });
            let mut year = self.year();
            for phase in 1..=phases {
                let mut relation = self.relation(RelationKind::Lease, lessor, lessee);
                let date = self.date_in(year);
                relation.date = Some(date);
                let status = self.status(&[
                    (Status::Completed, 45),
                    (Status::Announced, 25),
                    (Status::Reported, 20),
                    (Status::Rumored, 4),
                    (Status::Ended, 4),
                    (Status::Cancelled, 2),
                ]);
                relation.status = Some(status);
                if status == Status::Ended {
                    relation.end = Some(self.end_after(date));
                }
                relation.site = Some(site.to_owned());
                let capacity = self.amount(1, 2);
                relation.capacity_mw = Some(capacity);
                if self.rng.random_bool(0.4) {
                    let amount = self.amount(8, 10);
                    self.set_amount(&mut relation, amount);
                }
                relation.deal.clone_from(&deal);
                if phases > 1 {
                    relation.notes = Some(format!("Phase {phase}"));
                }
                self.push(relation, |b| {
                    format!(
                        "{} has leased {capacity} MW in {site} to {}",
                        b.name(lessor),
                        b.name(lessee)
                    )
                });
                year = (year + 1).min(LAST_YEAR);
                done += 1;
            }
        }
    }

    /// Large companies buy startups.
    fn acquisitions(&mut self, budget: usize) {
        let acquirers = self.pool(
            &[
                (Role::Conglomerate, 1.0),
                (Role::Cloud, 1.0),
                (Role::Chipmaker, 0.7),
                (Role::Software, 0.5),
                (Role::Hardware, 0.4),
                (Role::Lab, 0.3),
                (Role::Fintech, 0.2),
            ],
            true,
        );
        let targets = self.pool(
            &[
                (Role::App, 1.0),
                (Role::Software, 1.0),
                (Role::Hardware, 0.5),
                (Role::Search, 0.3),
                (Role::Crypto, 0.3),
                (Role::Fintech, 0.3),
                (Role::Autonomy, 0.3),
            ],
            false,
        );
        for _ in 0..budget {
            let (acquirer, target) = loop {
                let pair = (
                    acquirers.sample(&mut self.rng),
                    targets.sample(&mut self.rng),
                );
                if pair.0 != pair.1 {
                    break pair;
                }
            };
            let mut relation = self.relation(RelationKind::Acquisition, acquirer, target);
            relation.date = Some(self.date());
            relation.status = Some(self.status(&[
                (Status::Completed, 65),
                (Status::Announced, 15),
                (Status::Reported, 8),
                (Status::Rumored, 5),
                (Status::Cancelled, 7),
            ]));
            if self.rng.random_bool(0.6) {
                let amount = self.amount(7, 10);
                self.set_amount(&mut relation, amount);
            }
            self.push(relation, |b| {
                format!("{} agreed to acquire {}", b.name(acquirer), b.name(target))
            });
        }
    }

    /// Partnerships across tiers: labs with clouds, apps with labs, energy with data centres.
    fn partnerships(&mut self, budget: usize) {
        const PAIRS: [(Role, Role); 8] = [
            (Role::Lab, Role::Cloud),
            (Role::App, Role::Lab),
            (Role::Software, Role::Cloud),
            (Role::Energy, Role::Datacenter),
            (Role::Chipmaker, Role::Lab),
            (Role::Automaker, Role::Autonomy),
            (Role::Fintech, Role::Crypto),
            (Role::Search, Role::Lab),
        ];
        let pools: Vec<(Pool, Pool)> = PAIRS
            .iter()
            .map(|&(a, b)| (self.pool(&[(a, 1.0)], true), self.pool(&[(b, 1.0)], true)))
            .collect();
        for _ in 0..budget {
            let (left, right) = &pools[self.rng.random_range(0..pools.len())];
            let a = left.sample(&mut self.rng);
            let b = right.sample(&mut self.rng);
            let mut relation = self.relation(RelationKind::Partnership, a, b);
            let date = self.date();
            relation.date = Some(date);
            let status = self.status(&[
                (Status::Announced, 50),
                (Status::Completed, 25),
                (Status::Reported, 15),
                (Status::Ended, 7),
                (Status::Cancelled, 3),
            ]);
            relation.status = Some(status);
            if status == Status::Ended {
                relation.end = Some(self.end_after(date));
            }
            self.push(relation, |builder| {
                format!(
                    "{} and {} announced a partnership",
                    builder.name(a),
                    builder.name(b)
                )
            });
        }
    }

    /// Competitor pairs within a sector, each written once with `from` before `to`.
    fn competitors(&mut self, budget: usize) {
        const SECTORS: [(Role, u32); 11] = [
            (Role::Lab, 30),
            (Role::Search, 15),
            (Role::App, 20),
            (Role::Software, 10),
            (Role::Cloud, 10),
            (Role::GpuCloud, 15),
            (Role::Chipmaker, 10),
            (Role::Datacenter, 10),
            (Role::Fintech, 5),
            (Role::Crypto, 3),
            (Role::Autonomy, 5),
        ];
        let pools: Vec<(Pool, u32)> = SECTORS
            .iter()
            .map(|&(role, weight)| (self.pool(&[(role, 1.0)], true), weight))
            .collect();
        let total: u32 = SECTORS.iter().map(|(_, w)| w).sum();
        let mut seen: HashSet<(u32, u32)> = HashSet::with_capacity(budget);
        for _ in 0..budget {
            let mut pair = (0, 0);
            for _ in 0..20 {
                let mut point = self.rng.random_range(0..total);
                let pool = pools
                    .iter()
                    .find(|(_, weight)| {
                        let hit = point < *weight;
                        point = point.saturating_sub(*weight);
                        hit
                    })
                    .map_or(&pools[0].0, |(pool, _)| pool);
                let (a, b) = self.two(pool);
                pair = if self.id(a) < self.id(b) {
                    (a, b)
                } else {
                    (b, a)
                };
                if seen.insert(pair) {
                    break;
                }
            }
            let (a, b) = pair;
            let mut relation = self.relation(RelationKind::Competitor, a, b);
            if self.rng.random_bool(0.2) {
                relation.date = Some(self.date());
            }
            if self.rng.random_bool(0.4) {
                relation.status = Some(Status::Reported);
            }
            self.push(relation, |builder| {
                format!("{} competes with {}", builder.name(b), builder.name(a))
            });
        }
    }
}

fn role_index(role: Role) -> usize {
    ROLES
        .iter()
        .position(|spec| spec.role == role)
        .expect("every role has a spec")
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A fund's number as a Roman numeral: 1 is `I`, 14 is `XIV`.
fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut text = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            text.push_str(numeral);
            n -= value;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn params(relations: usize, seed: u64) -> Params {
        Params { relations, seed }
    }

    #[test]
    fn same_seed_gives_the_same_bytes() {
        let a = texts(&params(3_000, 42), 3);
        let b = texts(&params(3_000, 42), 3);
        assert_eq!(a, b);
        let c = texts(&params(3_000, 43), 3);
        assert_ne!(a, c);
    }

    #[test]
    fn generated_graph_loads_with_exact_counts() {
        let texts = texts(&params(5_000, 1), 4);
        let graph = load::load(&texts).expect("a generated graph loads");
        assert_eq!(graph.relation_count(), 5_000);
        assert_eq!(graph.companies().len(), 1_000);
        let report = load::check(&texts, false);
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| d.severity == crate::Severity::Warning && d.message == "no sources"),
            "{}",
            report.diagnostics[0]
        );
    }

    #[test]
    fn tiny_graphs_load() {
        for relations in [0, 1, 7, 60] {
            let texts = texts(&params(relations, 3), 2);
            let graph = load::load(&texts).expect("a tiny generated graph loads");
            assert_eq!(graph.relation_count(), relations);
        }
    }

    #[test]
    fn graphs_have_every_type_hubs_and_sources() {
        let graph = generate(&params(20_000, 5));
        let relations = &graph.relations;
        for kind in RelationKind::ALL {
            assert!(relations.iter().any(|r| r.kind == kind), "{kind}");
        }
        let sourced = relations.iter().filter(|r| !r.sources.is_empty()).count();
        assert!((5_000..7_000).contains(&sourced), "{sourced} sourced");
        let mut degree = std::collections::HashMap::<&str, usize>::new();
        for relation in relations {
            *degree.entry(relation.from.as_str()).or_default() += 1;
            *degree.entry(relation.to.as_str()).or_default() += 1;
        }
        let max = degree.values().max().copied().unwrap_or(0);
        assert!(max > 500, "the busiest company has {max} relations");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(49), "XLIX");
    }
}
