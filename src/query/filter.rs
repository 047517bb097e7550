//! Which relations a question may follow: by type, by the date they were in force, by status,
//! by the reliability of their sources.

use std::collections::BTreeSet;

use crate::date::PartialDate;
use crate::model::{Relation, RelationKind, Reliability, Status};
use crate::store::RelationFacts;

/// A test on relations, shared by every question.
///
/// The default allows every relation.
///
/// # Example
///
/// ```
/// use dealgraph::query::RelationFilter;
/// use dealgraph::{Relation, RelationKind, Status};
///
/// let mut lease = Relation::new(RelationKind::Lease, "crusoe", "oracle");
/// lease.date = Some("2024-10".parse().unwrap());
/// lease.status = Some(Status::Reported);
///
/// let filter = RelationFilter {
///     as_of: Some("2024-06".parse().unwrap()),
///     ..RelationFilter::default()
/// };
/// assert!(!filter.allows(&lease), "not begun by June 2024");
///
/// let filter = RelationFilter { min_status: Some(Status::Announced), ..RelationFilter::default() };
/// assert!(!filter.allows(&lease), "only reported");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelationFilter {
    /// Only these types, when given.
    pub via: Option<BTreeSet<RelationKind>>,
    /// Never these types.
    pub exclude: BTreeSet<RelationKind>,
    /// Only relations in force on this date, a partial date meaning its last day (`2025` is
    /// 2025-12-31): begun on or before it (undated relations count as begun, unless `dated`),
    /// not ended before it, and neither cancelled nor ended at an unknown date.
    pub as_of: Option<PartialDate>,
    /// Only relations with a date.
    pub dated: bool,
    /// Only relations at least this confirmed, in the order rumored < reported < announced <
    /// completed; an ended relation counts as completed; cancelled relations and relations with
    /// no status never pass.
    pub min_status: Option<Status>,
    /// Only relations with a source at least this reliable, in the order low < syndicated <
    /// press < primary; relations whose sources give no reliability never pass.
    pub min_reliability: Option<Reliability>,
}

/// Why a filter cannot be built from the options given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// A type is both required and excluded.
    #[error("`{0}` is both a type to follow and a type to exclude")]
    ViaAndExclude(RelationKind),
    /// Every type the filter would allow is excluded.
    #[error("the types to follow, less those excluded, leave no relation type")]
    NothingLeft,
}

impl RelationFilter {
    /// A filter on types: only `via` (every type when empty), never `exclude`.
    ///
    /// # Errors
    ///
    /// When a type is in both lists.
    pub fn for_kinds(
        via: &[RelationKind],
        exclude: &[RelationKind],
    ) -> Result<RelationFilter, FilterError> {
        if let Some(kind) = via.iter().find(|kind| exclude.contains(kind)) {
            return Err(FilterError::ViaAndExclude(*kind));
        }
        let filter = RelationFilter {
            via: (!via.is_empty()).then(|| via.iter().copied().collect()),
            exclude: exclude.iter().copied().collect(),
            ..RelationFilter::default()
        };
        if RelationKind::ALL
            .iter()
            .all(|kind| !filter.allows_kind(*kind))
        {
            return Err(FilterError::NothingLeft);
        }
        Ok(filter)
    }

    /// Whether relations of this type may be followed.
    pub fn allows_kind(&self, kind: RelationKind) -> bool {
        self.via.as_ref().is_none_or(|via| via.contains(&kind)) && !self.exclude.contains(&kind)
    }

    /// Whether `relation` passes every test.
    pub fn allows(&self, relation: &Relation) -> bool {
        self.allows_facts(&RelationFacts::of(relation))
    }

    /// Whether a relation with these facts passes every test: what questions call on a loaded
    /// graph, through [`KnowledgeGraph::facts`](crate::KnowledgeGraph::facts).
    pub fn allows_facts(&self, relation: &RelationFacts) -> bool {
        self.allows_kind(relation.kind) && self.allows_time_and_status(relation)
    }

    /// Whether a relation with these facts passes the tests on dates, status and reliability,
    /// whatever its type: what a question that has already tested the type asks.
    pub fn allows_time_and_status(&self, relation: &RelationFacts) -> bool {
        (!self.dated || relation.date.is_some())
            && self.as_of.is_none_or(|date| in_force(relation, date))
            && self.min_status.is_none_or(|least| {
                relation
                    .status
                    .is_some_and(|s| confirmed_at_least(s, least))
            })
            && self
                .min_reliability
                .is_none_or(|least| relation.reliability.is_some_and(|r| r >= least))
    }
}

/// Whether a relation was in force on `date`, a partial date meaning its last day: begun by
/// then, and not ended before then.
fn in_force(relation: &RelationFacts, date: PartialDate) -> bool {
    let begun = relation
        .date
        .is_none_or(|start| start.first_day() <= date.last_day());
    let not_ended = match (relation.end, relation.status) {
        (_, Some(Status::Cancelled)) => false,
        (Some(end), _) => end.last_day() >= date.last_day(),
        (None, Some(Status::Ended)) => false,
        (None, _) => true,
    };
    begun && not_ended
}

/// How far a status is confirmed, from 0 (cancelled) up.
fn confirmation(status: Status) -> u8 {
    match status {
        Status::Cancelled => 0,
        Status::Rumored => 1,
        Status::Reported => 2,
        Status::Announced => 3,
        Status::Completed | Status::Ended => 4,
    }
}

fn confirmed_at_least(status: Status, least: Status) -> bool {
    status != Status::Cancelled && confirmation(status) >= confirmation(least)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relation(date: Option<&str>, end: Option<&str>, status: Option<Status>) -> Relation {
        let mut relation = Relation::new(RelationKind::Compute, "a", "b");
        relation.date = date.map(|d| d.parse().expect("valid date"));
        relation.end = end.map(|d| d.parse().expect("valid date"));
        relation.status = status;
        relation
    }

    fn as_of(date: &str) -> RelationFilter {
        RelationFilter {
            as_of: Some(date.parse().expect("valid date")),
            ..RelationFilter::default()
        }
    }

    #[test]
    fn as_of_keeps_relations_begun_and_not_ended() {
        let filter = as_of("2024-10-15");
        assert!(filter.allows(&relation(Some("2024-10"), None, None)));
        assert!(filter.allows(&relation(Some("2024-10-15"), None, None)));
        assert!(!filter.allows(&relation(Some("2024-10-16"), None, None)));
        assert!(filter.allows(&relation(None, None, None)));
        assert!(!filter.allows(&relation(Some("2023"), Some("2024-09"), None)));
        assert!(filter.allows(&relation(Some("2023"), Some("2024-10"), None)));
        assert!(!filter.allows(&relation(Some("2023"), None, Some(Status::Ended))));
        assert!(!filter.allows(&relation(Some("2023"), None, Some(Status::Cancelled))));
    }

    #[test]
    fn min_status_orders_confirmation() {
        let filter = RelationFilter {
            min_status: Some(Status::Reported),
            ..RelationFilter::default()
        };
        assert!(!filter.allows(&relation(None, None, Some(Status::Rumored))));
        assert!(filter.allows(&relation(None, None, Some(Status::Reported))));
        assert!(filter.allows(&relation(None, None, Some(Status::Ended))));
        assert!(!filter.allows(&relation(None, None, Some(Status::Cancelled))));
        assert!(!filter.allows(&relation(None, None, None)));
    }

    #[test]
    fn contradictory_kinds_are_refused() {
        use RelationKind::{Compute, Lease};
        assert_eq!(
            RelationFilter::for_kinds(&[Lease], &[Lease]),
            Err(FilterError::ViaAndExclude(Lease))
        );
        assert_eq!(
            RelationFilter::for_kinds(&[], &RelationKind::ALL),
            Err(FilterError::NothingLeft)
        );
        let filter = RelationFilter::for_kinds(&[Lease, Compute], &[]).expect("valid");
        assert!(filter.allows_kind(Lease) && !filter.allows_kind(RelationKind::Investment));
    }
}
