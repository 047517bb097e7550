//! Where to place each company of a selection on a map: a force-directed layout
//! (ForceAtlas2, as Gephi and graphology lay out networks), computed once when the map is
//! written, so the page opens at once, however large, and always in the same places.

use std::collections::{BTreeSet, HashMap};

use fa2::{FA2Data, FA2Settings};
use petgraph::graph::NodeIndex;

use crate::export::Selection;
use crate::graph::KnowledgeGraph;

/// The mean distance between two related companies on the map, in the page's pixels at zoom 1.
const SPACING: f64 = 160.0;

/// The position of each company of `selection`, in its order: `(x, y)` with y downwards,
/// rounded to a tenth of a pixel. The layout starts from a circle in the selection's order and
/// runs a fixed number of rounds on one thread, so the same selection is always placed alike.
///
/// # Example
///
/// ```
/// use dealgraph::export::{Selection, layout};
///
/// let graph = dealgraph::curated::load();
/// let all = Selection::whole(&graph);
/// let places = layout::positions(&graph, &all);
/// assert_eq!(places.len(), all.companies.len());
/// assert_eq!(places, layout::positions(&graph, &all));
/// ```
pub fn positions(graph: &KnowledgeGraph, selection: &Selection) -> Vec<(f64, f64)> {
    let order = selection.companies.len();
    if order == 0 {
        return Vec::new();
    }
    let slot: HashMap<NodeIndex, usize> = (selection.companies.iter())
        .enumerate()
        .map(|(slot, &node)| (node, slot))
        .collect();
    let links = links(graph, selection, &slot);
    let mut data = FA2Data::<f64>::with_capacity(order, links.len());
    for _ in 0..order {
        data.add_node();
    }
    data.apply_circular_layout();
    for &(a, b) in &links {
        data.add_edge(a, b);
    }
    let mut layout = FA2Settings::from_graph_order(order).build(data);
    layout.run(rounds(order));
    let placed: Vec<(f64, f64)> = layout.data().positions().collect();
    scaled(&placed, &links)
}

/// The pairs of companies joined by at least one relation, each once, smaller slot first.
fn links(
    graph: &KnowledgeGraph,
    selection: &Selection,
    slot: &HashMap<NodeIndex, usize>,
) -> Vec<(usize, usize)> {
    let mut pairs = BTreeSet::new();
    for &id in &selection.relations {
        let (from, to) = graph.ends(id);
        let (a, b) = (slot[&from], slot[&to]);
        if a != b {
            pairs.insert((a.min(b), a.max(b)));
        }
    }
    pairs.into_iter().collect()
}

/// How many rounds to run: enough for a few hundred companies to settle, fewer per company on
/// large maps, where each round costs more.
fn rounds(order: usize) -> usize {
    match order {
        0..=500 => 600,
        501..=5_000 => 300,
        _ => 150,
    }
}

/// The positions scaled so that related companies lie [`SPACING`] apart on average, centred on
/// the origin, rounded to a tenth.
fn scaled(placed: &[(f64, f64)], links: &[(usize, usize)]) -> Vec<(f64, f64)> {
    let distance = |&(a, b): &(usize, usize)| {
        let (dx, dy) = (placed[a].0 - placed[b].0, placed[a].1 - placed[b].1);
        (dx * dx + dy * dy).sqrt()
    };
    let mean = if links.is_empty() {
        1.0
    } else {
        links.iter().map(distance).sum::<f64>() / links.len() as f64
    };
    let factor = if mean > 0.0 && mean.is_finite() {
        SPACING / mean
    } else {
        1.0
    };
    let count = placed.len() as f64;
    let centre = (
        placed.iter().map(|p| p.0).sum::<f64>() / count,
        placed.iter().map(|p| p.1).sum::<f64>() / count,
    );
    let tenth = |v: f64| {
        let rounded = (v * 10.0).round() / 10.0;
        if rounded == 0.0 { 0.0 } else { rounded }
    };
    placed
        .iter()
        .map(|&(x, y)| {
            (
                tenth((x - centre.0) * factor),
                tenth((y - centre.1) * factor),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_companies_lie_the_spacing_apart_on_average_around_the_origin() {
        let placed = [(0.0, 0.0), (2.0, 0.0), (4.0, 0.0)];
        let scaled = scaled(&placed, &[(0, 1), (1, 2)]);
        assert_eq!(scaled, [(-SPACING, 0.0), (0.0, 0.0), (SPACING, 0.0)]);
    }

    #[test]
    fn a_single_company_or_unrelated_ones_stay_finite() {
        assert_eq!(scaled(&[(3.0, 4.0)], &[]), [(0.0, 0.0)]);
        let same = scaled(&[(1.0, 1.0), (1.0, 1.0)], &[(0, 1)]);
        assert!(same.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
    }
}
