//! The builder that draws a graph from one random stream: the companies first, then each kind
//! of relation as its spec in [`super::kinds`] says, and the helpers those specs share.

use std::collections::HashSet;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::kinds::KINDS;
use super::roles::{ROLES, Role, RoleSpec, role_index};
use super::vocabulary::{
    COUNTRIES, FIRST_YEAR, LAST_YEAR, LEGAL_FORMS, NOTES, PUBLISHERS, SYLLABLES, YEAR_WEIGHTS,
    capitalize, roman,
};
use super::{MIN_COMPANIES, Params, SOURCED};
use crate::date::PartialDate;
use crate::format::usd;
use crate::load::RepeatKey;
use crate::model::{Company, CompanyId, Relation, RelationKind, Source, Status};
use crate::names::{name_key, slugify};

/// Draws members of one or more roles, each with a weight: by Zipf rank (1/rank), so the first
/// members of a role are hubs, or all alike.
pub(super) struct Pool {
    pub(super) members: Vec<u32>,
    cumulative: Vec<f64>,
}

impl Pool {
    pub(super) fn sample(&self, rng: &mut ChaCha8Rng) -> u32 {
        let total = *self.cumulative.last().expect("pools are not empty");
        let point = rng.random::<f64>() * total;
        let i = self.cumulative.partition_point(|&c| c <= point);
        self.members[i.min(self.members.len() - 1)]
    }
}

/// Builds the companies, then the relations, from one random stream.
pub(super) struct Builder {
    pub(super) rng: ChaCha8Rng,
    pub(super) target: usize,
    pub(super) count: usize,
    pub(super) companies: Vec<Company>,
    pub(super) roles: Vec<Role>,
    pub(super) by_role: Vec<Vec<u32>>,
    pub(super) keys: HashSet<String>,
    /// Each fund and the investor that manages it.
    pub(super) funds: Vec<(u32, u32)>,
    pub(super) relations: Vec<Relation>,
    /// What makes each relation drawn so far one relation, as `check` tells repeats apart.
    drawn: HashSet<RepeatKey>,
}

/// How many times a kind is drawn again for the relations its draws repeated; a graph too
/// small to hold that many distinct relations of a kind ends up with fewer.
const REDRAWS: usize = 50;

impl Builder {
    pub(super) fn new(params: &Params) -> Builder {
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
            drawn: HashSet::with_capacity(params.relations),
        }
    }

    pub(super) fn build(mut self) -> (Vec<Company>, Vec<Relation>) {
        self.add_companies();
        let target = self.target;
        let budget = |share: f64| ((target as f64) * share) as usize;
        let mut left = target;
        let mut take = |n: usize| {
            let n = n.min(left);
            left -= n;
            n
        };
        let plan: Vec<usize> = KINDS
            .iter()
            .map(|kind| kind.share.map_or(0, |share| take(budget(share))))
            .collect();
        for (kind, planned) in KINDS.iter().zip(plan) {
            // The kind without a share takes what the others left.
            let count = if kind.share.is_some() { planned } else { left };
            let before = self.relations.len();
            // A draw that repeats an earlier relation is dropped, so draw the shortfall again.
            for _ in 0..REDRAWS {
                let short = count.saturating_sub(self.relations.len() - before);
                if short == 0 {
                    break;
                }
                (kind.draw)(&mut self, short);
            }
            debug_assert!(self.relations[before..].iter().all(|r| r.kind == kind.kind));
        }
        (self.companies, self.relations)
    }

    // Companies.

    pub(super) fn add_companies(&mut self) {
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
    pub(super) fn fresh_name(&mut self, suffixes: &[&str]) -> String {
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

    pub(super) fn add_company(&mut self, spec: &RoleSpec, name: String) -> u32 {
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
        let ticker = if listed { self.ticker(&name) } else { None };
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

    /// A ticker for a listed company: the first four letters of its name on NASDAQ or NYSE,
    /// or more letters when those name another company (as a name, alias or ticker: a ticker
    /// names its company); none when every length is taken.
    pub(super) fn ticker(&mut self, name: &str) -> Option<String> {
        let exchange = if self.rng.random_bool(0.5) {
            "NASDAQ"
        } else {
            "NYSE"
        };
        let letters = name_key(name);
        let symbol = (4..=letters.len().max(4))
            .map(|len| letters.chars().take(len).collect::<String>())
            .find(|symbol| *symbol == letters || !self.keys.contains(symbol))?;
        self.keys.insert(symbol.clone());
        Some(format!("{exchange}:{}", symbol.to_uppercase()))
    }

    /// Other names for about one company in twelve: the legal name, or the stem alone.
    pub(super) fn aliases(&mut self, name: &str) -> Vec<String> {
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

    pub(super) fn country(&mut self) -> &'static str {
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
    pub(super) fn pool(&self, roles: &[(Role, f64)], zipf: bool) -> Pool {
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

    pub(super) fn year(&mut self) -> u16 {
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
    pub(super) fn date_in(&mut self, year: u16) -> PartialDate {
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

    pub(super) fn date(&mut self) -> PartialDate {
        let year = self.year();
        self.date_in(year)
    }

    /// An end date that is not before `start`.
    pub(super) fn end_after(&mut self, start: PartialDate) -> PartialDate {
        let year = start.year();
        if year >= LAST_YEAR {
            return format!("{year}").parse().expect("a year is a date");
        }
        let year = self.rng.random_range(year + 1..=(year + 4).min(LAST_YEAR));
        format!("{year}-{:02}", self.rng.random_range(1..=12))
            .parse()
            .expect("generated dates exist")
    }

    /// Dates `relation` at `date` and draws its status from `statuses`, with an end after
    /// the date when the status drawn is `ended`.
    pub(super) fn date_and_status(
        &mut self,
        relation: &mut Relation,
        date: PartialDate,
        statuses: &[(Status, u32)],
    ) {
        relation.date = Some(date);
        let status = self.status(statuses);
        relation.status = Some(status);
        if status == Status::Ended {
            relation.end = Some(self.end_after(date));
        }
    }

    pub(super) fn status(&mut self, weights: &[(Status, u32)]) -> Status {
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
    pub(super) fn amount(&mut self, low: u32, high: u32) -> f64 {
        let exponent = self.rng.random_range(low..=high);
        let u = self.rng.random::<f64>();
        let mantissa = 10 + (u * u * 90.0) as u64;
        (mantissa * 10u64.pow(exponent.saturating_sub(1))) as f64
    }

    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.random_range(0..items.len())]
    }

    /// Two different members of `pool`, even when it has only two.
    pub(super) fn two(&mut self, pool: &Pool) -> (u32, u32) {
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

    pub(super) fn name(&self, company: u32) -> &str {
        &self.companies[company as usize].name
    }

    pub(super) fn id(&self, company: u32) -> &str {
        self.companies[company as usize].id.as_str()
    }

    pub(super) fn relation(&self, kind: RelationKind, from: u32, to: u32) -> Relation {
        Relation::new(kind, self.id(from), self.id(to))
    }

    /// Adds a relation, with a note now and then, and a source about 30% of the time whose
    /// quote `quote` writes; drops it when it repeats one drawn before (the same type, ends,
    /// dates, amounts and deal), which `check` refuses.
    pub(super) fn push(&mut self, mut relation: Relation, quote: impl FnOnce(&Builder) -> String) {
        if !self.drawn.insert(RepeatKey::of(&relation)) {
            return;
        }
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

    pub(super) fn source(&mut self, relation: &Relation, quote: Option<String>) -> Source {
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
            reliability: None,
        }
    }

    /// Adds an amount as it is usually reported: disclosed or not, sometimes estimated or
    /// phrased as a cap.
    pub(super) fn set_amount(&mut self, relation: &mut Relation, amount: f64) {
        relation.amount_usd = Some(amount);
        match self.rng.random_range(0..100) {
            0..10 => relation.estimated = Some(true),
            10..20 => relation.amount_text = Some(format!("up to {}", usd(amount))),
            20..30 => relation.amount_text = Some(usd(amount)),
            _ => {}
        }
    }

    /// A member of `pool` other than `first`, avoiding `taken` when it can.
    pub(super) fn two_from(&mut self, pool: &Pool, first: u32, taken: &[u32]) -> (u32, u32) {
        for _ in 0..20 {
            let other = pool.sample(&mut self.rng);
            if other != first && !taken.contains(&other) {
                return (first, other);
            }
        }
        let i = pool.members.iter().position(|&m| m == first).unwrap_or(0);
        (first, pool.members[(i + 1) % pool.members.len()])
    }

    /// A chip model named after a chipmaker, such as "Kelvor H200".
    pub(super) fn chips(&mut self, chipmakers: &Pool) -> String {
        let maker = chipmakers.sample(&mut self.rng);
        let stem = self.name(maker).split(' ').next().unwrap_or("").to_owned();
        let letter = self.pick(&['H', 'B', 'X', 'M', 'T']);
        let model = self.rng.random_range(1..=5) * 100;
        format!("{stem} {letter}{model}")
    }
}
