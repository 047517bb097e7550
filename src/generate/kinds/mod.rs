//! One spec per kind of relation: its share of a generated graph and how it is drawn, in the
//! order the kinds are drawn from the random stream.
//!
//! Each kind's file holds its tables (who takes part, with what weight; how its statuses are
//! mixed; how often it carries an amount, a site or a chip) and the function that draws it.

mod acquisition;
mod competitor;
mod compute;
mod exclusivity;
mod investment;
mod lease;
mod ownership;
mod partnership;
mod supply;

use super::builder::Builder;
use crate::model::RelationKind;

/// How one kind of relation is drawn.
pub(super) struct KindSpec {
    /// The kind drawn.
    pub(super) kind: RelationKind,
    /// The share of the relations it makes up; `None` for the one kind that takes the rest.
    pub(super) share: Option<f64>,
    /// Draws this many relations of the kind into the builder.
    pub(super) draw: fn(&mut Builder, usize),
}

/// Every kind drawn, in the order drawn: owners first, so that funds have their managers
/// before anyone invests in them. Loans are not drawn: the generated graphs keep the mix and
/// the bytes of the graphs every benchmark so far was measured on, which earlier builds, with
/// no loan type, can still read.
pub(super) const KINDS: [KindSpec; 9] = [
    spec(RelationKind::Ownership, Some(0.02), ownership::draw),
    spec(RelationKind::Exclusivity, Some(0.01), exclusivity::draw),
    spec(RelationKind::Investment, Some(0.45), investment::draw),
    spec(RelationKind::Compute, Some(0.12), compute::draw),
    spec(RelationKind::Supply, Some(0.08), supply::draw),
    spec(RelationKind::Lease, Some(0.07), lease::draw),
    spec(RelationKind::Acquisition, Some(0.03), acquisition::draw),
    spec(RelationKind::Partnership, Some(0.08), partnership::draw),
    spec(RelationKind::Competitor, None, competitor::draw),
];

const fn spec(kind: RelationKind, share: Option<f64>, draw: fn(&mut Builder, usize)) -> KindSpec {
    KindSpec { kind, share, draw }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_spec_and_one_takes_the_rest() {
        let mut kinds: Vec<RelationKind> = KINDS.iter().map(|spec| spec.kind).collect();
        kinds.sort();
        let generated: Vec<RelationKind> = RelationKind::ALL
            .into_iter()
            .filter(|&kind| kind != RelationKind::Loan)
            .collect();
        assert_eq!(kinds, generated, "every type but loans, as KINDS says");
        assert_eq!(KINDS.iter().filter(|spec| spec.share.is_none()).count(), 1);
        let shares: f64 = KINDS.iter().filter_map(|spec| spec.share).sum();
        assert!(
            shares < 1.0,
            "the shared kinds leave some for the rest: {shares}"
        );
    }
}
