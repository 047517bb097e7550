//! Text shared by the commands: company names, hop arrows and one-line relation details.

use std::fmt;

use dealgraph::{KnowledgeGraph, Relation, RelationId, RelationKey};
use dealgraph::{display, format};
use petgraph::graph::NodeIndex;

/// The display name of a node, with control characters escaped.
pub fn name(graph: &KnowledgeGraph, node: NodeIndex) -> display::Escaped<'_> {
    display::text(&graph.company(node).name)
}

/// The arrow of a step from `from` made by `relations`: `-lease->` along them, `<-investment-`
/// against them, `-competitor-` for symmetric ones or a mix.
pub fn arrow(graph: &KnowledgeGraph, from: NodeIndex, relations: &[RelationId]) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    let (mut along, mut against) = (false, false);
    for &index in relations {
        let relation = graph.relation(index);
        if !kinds.contains(&relation.kind.as_str()) {
            kinds.push(relation.kind.as_str());
        }
        if relation.kind.is_symmetric() {
            continue;
        }
        if relation.from == graph.company(from).id {
            along = true;
        } else {
            against = true;
        }
    }
    let label = kinds.join("/");
    match (along, against) {
        (true, false) => format!("-{label}->"),
        (false, true) => format!("<-{label}-"),
        _ => format!("-{label}-"),
    }
}

/// The relation `id` on one line: its ends, type, date, amount, status, type-specific facts
/// and first source, e.g. `Crusoe -lease-> Oracle  2024-10  reported  Abilene, Texas, 206 MW
/// [Investor newsletter]`; written by its `Display`, straight into the output. With
/// [`RelationLine::with_key`], the line ends with the relation's key.
pub fn relation_line(graph: &KnowledgeGraph, id: RelationId) -> RelationLine<'_> {
    let (from, to) = graph.ends(id);
    RelationLine {
        from: name(graph, from),
        to: name(graph, to),
        relation: graph.relation(id),
        key: None,
    }
}

/// A relation on one line, written by its `Display`: see [`relation_line`].
pub struct RelationLine<'a> {
    from: display::Escaped<'a>,
    to: display::Escaped<'a>,
    relation: &'a Relation,
    key: Option<RelationKey>,
}

impl RelationLine<'_> {
    /// The line, ending with `key`, the relation's key: `  key: crusoe:lease:oracle:2024-10`.
    pub fn with_key(mut self, key: RelationKey) -> Self {
        self.key = Some(key);
        self
    }
}

/// The key of a relation as lines end with it: `  key: crusoe:lease:oracle:2024-10`.
pub fn key_suffix(key: &RelationKey) -> String {
    format!("  key: {}", display::text(&key.to_string()))
}

impl fmt::Display for RelationLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let relation = self.relation;
        let head = if relation.kind.is_symmetric() {
            ""
        } else {
            ">"
        };
        write!(f, "{} -{}-{head} {}", self.from, relation.kind, self.to)?;
        match relation.date {
            Some(date) => write!(f, "  {date}")?,
            None => f.write_str("  undated")?,
        }
        if let Some(amount) = format::amount(relation) {
            write!(f, "  {amount}")?;
        }
        if let Some(status) = relation.status {
            write!(f, "  {status}")?;
        }
        let mut facts = type_facts(relation).peekable();
        if facts.peek().is_some() {
            f.write_str("  ")?;
            for (i, fact) in facts.enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{fact}")?;
            }
        }
        if let Some(source) = relation.sources.first() {
            let cited = [source.publisher.as_deref(), source.url.as_deref()];
            f.write_str("  [")?;
            for (i, part) in cited.into_iter().flatten().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(part)?;
            }
            f.write_str("]")?;
        }
        match &self.key {
            Some(key) => f.write_str(&key_suffix(key)),
            None => Ok(()),
        }
    }
}

/// One type-specific fact of a relation, in words.
enum Fact<'a> {
    Text(&'a str),
    Valuation(f64),
    Capacity(f64),
    Gpus(u64),
    Scope(&'static str),
    Stake(f64),
    Term(f64),
    Stated(&'a str, f64),
}

impl fmt::Display for Fact<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fact::Text(text) => f.write_str(text),
            Fact::Valuation(usd) => write!(f, "at {}", format::usd(*usd)),
            Fact::Capacity(mw) if *mw >= 1000.0 => write!(f, "{} GW", mw / 1000.0),
            Fact::Capacity(mw) => write!(f, "{mw} MW"),
            Fact::Gpus(gpus) => write!(f, "{gpus} GPUs"),
            Fact::Scope(scope) => write!(f, "scope: {scope}"),
            Fact::Stake(percent) => write!(f, "{percent}% stake"),
            Fact::Term(years) => write!(f, "{years}-year term"),
            Fact::Stated(currency, amount) => {
                let stated = format::usd(*amount);
                write!(f, "stated as {currency} {}", stated.trim_start_matches('$'))
            }
        }
    }
}

/// The type-specific facts of a relation joined by commas: `Series D, lead, at $4.4B`,
/// `4.5 GW, 5-year term`; empty when it has none.
pub fn facts_text(relation: &Relation) -> String {
    let facts: Vec<String> = type_facts(relation).map(|fact| fact.to_string()).collect();
    facts.join(", ")
}

/// The type-specific fields that are set, in order: `Series D`, `lead`, `at $4.4B`.
fn type_facts(relation: &Relation) -> impl Iterator<Item = Fact<'_>> {
    let yes_no =
        |flag: Option<bool>, yes, no| flag.map(|set| Fact::Text(if set { yes } else { no }));
    [
        relation.round.as_deref().map(Fact::Text),
        (relation.lead == Some(true)).then_some(Fact::Text("lead")),
        relation.valuation_usd.map(Fact::Valuation),
        relation.stake_percent.map(Fact::Stake),
        relation
            .currency
            .as_deref()
            .zip(relation.amount)
            .map(|(currency, amount)| Fact::Stated(currency, amount)),
        relation.site.as_deref().map(Fact::Text),
        relation.capacity_mw.map(Fact::Capacity),
        relation.term_years.map(Fact::Term),
        relation.chips.as_deref().map(Fact::Text),
        relation.gpus.map(Fact::Gpus),
        relation.scope.map(|scope| Fact::Scope(scope.as_str())),
        yes_no(relation.binding, "binding", "not binding"),
        yes_no(relation.retroactive, "retroactive", "not retroactive"),
    ]
    .into_iter()
    .flatten()
}
