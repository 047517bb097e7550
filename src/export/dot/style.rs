//! The palette: how companies are drawn by sector, and relations by type and status.

use crate::model::{Company, RelationKind, Status};

/// How companies of one sector are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectorStyle {
    /// The sector tag, e.g. `ai-lab`; `other` for [`OTHER_SECTOR`].
    pub sector: &'static str,
    /// The Graphviz node shape.
    pub shape: &'static str,
    /// Whether the box has rounded corners.
    pub rounded: bool,
    /// The fill colour, `#rrggbb`.
    pub fill: &'static str,
}

pub(super) const fn style(
    sector: &'static str,
    shape: &'static str,
    rounded: bool,
    fill: &'static str,
) -> SectorStyle {
    SectorStyle {
        sector,
        shape,
        rounded,
        fill,
    }
}

/// The palette: how each known sector is drawn, sorted by sector.
pub const SECTOR_STYLES: [SectorStyle; 21] = [
    style("ai-app", "box", true, "#d4e9f7"),
    style("ai-lab", "box", true, "#8ec5ea"),
    style("ai-search", "box", true, "#b5d9f2"),
    style("automaker", "box", false, "#d9dee3"),
    style("autonomous-vehicles", "box", false, "#c4ced6"),
    style("bank", "house", false, "#f6c1bc"),
    style("chipmaker", "component", false, "#9fdbb5"),
    style("cloud", "box3d", false, "#ffd27a"),
    style("conglomerate", "box", false, "#f3e3b3"),
    style("crypto", "box", false, "#f7cde0"),
    style("datacenter", "cylinder", false, "#f7b27c"),
    style("energy", "cylinder", false, "#f9d29c"),
    style("fintech", "box", false, "#eed8f0"),
    style("gpu-cloud", "box3d", false, "#ffe6ad"),
    style("hardware", "component", false, "#c6ebd2"),
    style("investor", "ellipse", false, "#e2d9f3"),
    style("pension-fund", "octagon", false, "#e6dcf7"),
    style("project", "hexagon", false, "#efdcbf"),
    style("software", "box", true, "#e3eef7"),
    style("sovereign-fund", "octagon", false, "#c9b8e8"),
    style("vc", "ellipse", false, "#d3c4ee"),
];

/// How companies are drawn whose first sector is not in [`SECTOR_STYLES`], or who have none.
pub const OTHER_SECTOR: SectorStyle = style("other", "box", false, "#e0e0e0");

/// How a company is drawn: by its first sector.
///
/// # Example
///
/// ```
/// use dealgraph::export::dot::sector_style;
///
/// let graph = dealgraph::curated::load();
/// let openai = graph.company(graph.resolve("openai").unwrap());
/// assert_eq!(sector_style(openai).sector, "ai-lab");
/// assert_eq!(sector_style(openai).fill, "#8ec5ea");
/// ```
pub fn sector_style(company: &Company) -> SectorStyle {
    company
        .sectors
        .first()
        .and_then(|sector| {
            SECTOR_STYLES
                .binary_search_by(|style| style.sector.cmp(sector.as_str()))
                .ok()
        })
        .map_or(OTHER_SECTOR, |at| SECTOR_STYLES[at])
}

/// The colour of a relation type, `#rrggbb`.
///
/// # Example
///
/// ```
/// use dealgraph::export::dot::relation_color;
/// use dealgraph::RelationKind;
///
/// assert_eq!(relation_color(RelationKind::Exclusivity), "#e31a1c");
/// ```
pub fn relation_color(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Investment => "#6a51a3",
        RelationKind::Loan => "#9e9ac8",
        RelationKind::Lease => "#e6700a",
        RelationKind::Compute => "#1f78b4",
        RelationKind::Supply => "#33a02c",
        RelationKind::Acquisition => "#222222",
        RelationKind::Ownership => "#8c510a",
        RelationKind::Exclusivity => "#e31a1c",
        RelationKind::Partnership => "#1b9e9e",
        RelationKind::Competitor => "#d4368f",
    }
}

/// The width of a relation's line, by its amount: 1 for $10M or less or no amount, then one
/// more for each factor of about 18 (0.8 per factor of 10), at most 6; an "up to" amount counts
/// at its ceiling. The largest deals stand out without drowning the rest.
///
/// # Example
///
/// ```
/// use dealgraph::export::dot::amount_width;
///
/// assert_eq!(amount_width(None), 1.0);
/// assert_eq!(amount_width(Some(5e6)), 1.0);
/// assert!((amount_width(Some(1e9)) - 2.6).abs() < 1e-9);
/// assert_eq!(amount_width(Some(1e15)), 6.0);
/// ```
pub fn amount_width(amount_usd: Option<f64>) -> f64 {
    match amount_usd {
        Some(amount) if amount > 1e7 => (1.0 + 0.8 * (amount / 1e7).log10()).min(6.0),
        _ => 1.0,
    }
}

/// The colour of ended and cancelled relations, whatever their type.
pub const ENDED_COLOR: &str = "#a6a6a6";

/// The Graphviz line style of a status: `solid`, `dashed` or `dotted`.
///
/// # Example
///
/// ```
/// use dealgraph::export::dot::line_style;
/// use dealgraph::Status;
///
/// assert_eq!(line_style(Some(Status::Reported)), "dashed");
/// assert_eq!(line_style(Some(Status::Rumored)), "dotted");
/// assert_eq!(line_style(Some(Status::Completed)), "solid");
/// assert_eq!(line_style(None), "dashed");
/// ```
pub fn line_style(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Rumored) => "dotted",
        Some(Status::Reported) | None => "dashed",
        Some(Status::Cancelled) => "dashed",
        Some(Status::Announced | Status::Completed | Status::Ended) => "solid",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn sector_styles_are_sorted_for_binary_search() {
        assert!(SECTOR_STYLES.is_sorted_by_key(|style| style.sector));
    }
}
