//! Text shared by the commands: company names, hop arrows and one-line relation details.

use dealgraph::format;
use dealgraph::{CompanyId, KnowledgeGraph, Relation};
use petgraph::graph::NodeIndex;

/// The display name of a company id, or the id itself when unknown.
pub fn name_of(graph: &KnowledgeGraph, id: &CompanyId) -> String {
    graph
        .node(id.as_str())
        .map_or_else(|| id.to_string(), |node| graph.company(node).name.clone())
}

/// The display name of a node.
pub fn name(graph: &KnowledgeGraph, node: NodeIndex) -> &str {
    &graph.company(node).name
}

/// The arrow of a step from `from` made by `relations`: `-lease->` along them, `<-investment-`
/// against them, `-competitor-` for symmetric ones or a mix.
pub fn arrow(graph: &KnowledgeGraph, from: NodeIndex, relations: &[usize]) -> String {
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

/// A relation on one line: its ends, type, date, amount, status, type-specific facts and first
/// source, e.g. `Crusoe -lease-> Oracle  2024-10  reported  Abilene, Texas, 206 MW  [Investor newsletter]`.
pub fn relation_line(graph: &KnowledgeGraph, relation: &Relation) -> String {
    let arrow = if relation.kind.is_symmetric() {
        format!("-{}-", relation.kind)
    } else {
        format!("-{}->", relation.kind)
    };
    let mut parts = vec![
        format!(
            "{} {arrow} {}",
            name_of(graph, &relation.from),
            name_of(graph, &relation.to)
        ),
        relation
            .date
            .map_or_else(|| "undated".to_owned(), |d| d.to_string()),
    ];
    parts.extend(format::amount(relation));
    parts.extend(relation.status.map(|s| s.to_string()));
    let facts = type_facts(relation);
    if !facts.is_empty() {
        parts.push(facts);
    }
    if let Some(source) = relation.sources.first() {
        let cited = [source.publisher.as_deref(), source.url.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        parts.push(format!("[{cited}]"));
    }
    parts.join("  ")
}

/// The type-specific fields that are set, in words: `Series D, lead, at $4.4B`.
fn type_facts(relation: &Relation) -> String {
    let mut facts: Vec<String> = Vec::new();
    facts.extend(relation.round.clone());
    if relation.lead == Some(true) {
        facts.push("lead".to_owned());
    }
    facts.extend(
        relation
            .valuation_usd
            .map(|v| format!("at {}", format::usd(v))),
    );
    facts.extend(relation.site.clone());
    facts.extend(relation.capacity_mw.map(|mw| format!("{mw} MW")));
    facts.extend(relation.chips.clone());
    facts.extend(relation.gpus.map(|gpus| format!("{gpus} GPUs")));
    if let Some(scope) = relation.scope {
        facts.push(format!("scope: {}", scope.as_str()));
    }
    match relation.binding {
        Some(true) => facts.push("binding".to_owned()),
        Some(false) => facts.push("not binding".to_owned()),
        None => {}
    }
    match relation.retroactive {
        Some(true) => facts.push("retroactive".to_owned()),
        Some(false) => facts.push("not retroactive".to_owned()),
        None => {}
    }
    facts.join(", ")
}
