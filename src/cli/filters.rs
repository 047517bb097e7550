//! The relation filters shared by the questions: --via, --exclude, --as-of, --min-status,
//! --min-reliability.

use anyhow::{anyhow, bail};
use dealgraph::query::{FilterError, RelationFilter};
use dealgraph::{PartialDate, RelationKind, Reliability, Status};

/// Options that choose which relations a question may follow.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Follow only these relation types (comma list: investment, loan, lease, compute, supply,
    /// acquisition, ownership, exclusivity, partnership, competitor).
    #[arg(long, value_delimiter = ',', value_name = "TYPES")]
    pub via: Vec<RelationKind>,
    /// Never follow these relation types (comma list).
    #[arg(long, value_delimiter = ',', value_name = "TYPES")]
    pub exclude: Vec<RelationKind>,
    /// Only relations in force on this date (YYYY, YYYY-MM or YYYY-MM-DD; a partial date means
    /// the end of that period, so 2025 is 2025-12-31): begun on or before it, not ended before
    /// it, not cancelled. Undated relations count as begun unless --dated.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<PartialDate>,
    /// Only relations with a date.
    #[arg(long)]
    pub dated: bool,
    /// Only relations at least this confirmed: rumored < reported < announced < completed.
    #[arg(long, value_name = "STATUS")]
    pub min_status: Option<Status>,
    /// Only relations with a source at least this reliable: low < syndicated < press <
    /// primary (relations whose sources say nothing of it are left out).
    #[arg(long, value_name = "LEVEL")]
    pub min_reliability: Option<Reliability>,
}

impl FilterArgs {
    /// Whether no filter is given.
    pub fn is_empty(&self) -> bool {
        self.via.is_empty()
            && self.exclude.is_empty()
            && self.as_of.is_none()
            && !self.dated
            && self.min_status.is_none()
            && self.min_reliability.is_none()
    }

    /// The filter, with `default_via` when --via is not given; --exclude narrows the default
    /// types rather than contradicting them.
    pub fn filter(&self, default_via: &[RelationKind]) -> anyhow::Result<RelationFilter> {
        let via = if self.via.is_empty() {
            let kept: Vec<RelationKind> = default_via
                .iter()
                .filter(|kind| !self.exclude.contains(kind))
                .copied()
                .collect();
            if kept.is_empty() && !default_via.is_empty() {
                let names: Vec<&str> = default_via.iter().map(|kind| kind.as_str()).collect();
                bail!(
                    "--exclude removes every type followed by default ({}), so no relation could be followed; name the types to follow with --via",
                    names.join(", ")
                );
            }
            kept
        } else {
            self.via.clone()
        };
        let mut filter =
            RelationFilter::for_kinds(&via, &self.exclude).map_err(|error| match error {
                FilterError::ViaAndExclude(kind) => {
                    anyhow!("`{kind}` is in both --via and --exclude; keep it in one of them")
                }
                FilterError::NothingLeft => {
                    anyhow!("--via and --exclude leave no relation type to follow")
                }
            })?;
        filter.as_of = self.as_of;
        filter.dated = self.dated;
        filter.min_status = self.min_status;
        filter.min_reliability = self.min_reliability;
        Ok(filter)
    }
}
