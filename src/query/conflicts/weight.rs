//! What a conflict weighs among conflicts equally serious by kind and timing: the money the
//! investor has at stake on both sides, how recent its stakes are, and how large the two rivals
//! are.

use std::cmp::Reverse;

use crate::date::PartialDate;
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::{Relation, Status};

/// The investments on one side of a conflict, summed up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Side {
    /// The amounts they state, in whole US dollars.
    pub(super) usd: u64,
    /// The date of the latest of them (the one whose last day is latest).
    pub(super) latest: Option<PartialDate>,
}

impl Side {
    /// The sum of `relations`' amounts and their latest date. An amount stated only as a
    /// ceiling ("up to $5B") counts at its ceiling; a cancelled deal moved no money and counts
    /// for nothing.
    pub(super) fn of(
        graph: &KnowledgeGraph,
        relations: impl IntoIterator<Item = RelationId>,
    ) -> Side {
        let mut side = Side::default();
        for id in relations {
            let relation = graph.relation(id);
            if relation.status == Some(Status::Cancelled) {
                continue;
            }
            side.usd = side.usd.saturating_add(whole_usd(relation));
            side.latest = later(side.latest, relation.date);
        }
        side
    }

    /// Both sides together.
    pub(super) fn and(self, other: Side) -> Side {
        Side {
            usd: self.usd.saturating_add(other.usd),
            latest: later(self.latest, other.latest),
        }
    }
}

/// The later of two dates by their last day (`2024` ends after `2024-10-02`); the first on a tie.
pub(super) fn later(a: Option<PartialDate>, b: Option<PartialDate>) -> Option<PartialDate> {
    if b.map(PartialDate::last_day) > a.map(PartialDate::last_day) {
        b
    } else {
        a
    }
}

/// A relation's amount in whole dollars: its stated amount, or the top of an "up to" range
/// when only that is stated; 0 when it states none.
fn whole_usd(relation: &Relation) -> u64 {
    let amount = relation
        .amount_usd
        .or(relation.amount_max_usd)
        .unwrap_or(0.0);
    // `as` saturates: a negative or non-finite amount (refused on load) would count as 0.
    amount.round() as u64
}

/// The weight of one conflict, heaviest least, to sort after kind and timing: more money at
/// stake on both sides together, then a more recent stake, then larger rivals (the smaller of
/// the two, by relations, so a giant beside a company of one deal weighs as that one deal).
pub(super) type Weight = (Reverse<u64>, Reverse<Option<PartialDate>>, Reverse<u32>);

/// The weight of a conflict over `stakes` (both sides) between companies of `sizes` relations.
pub(super) fn weight(stakes: Side, sizes: (u32, u32)) -> Weight {
    (
        Reverse(stakes.usd),
        Reverse(stakes.latest.map(PartialDate::last_day)),
        Reverse(sizes.0.min(sizes.1)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<PartialDate> {
        Some(text.parse().expect("a date"))
    }

    #[test]
    fn more_money_weighs_more_whatever_the_dates_and_sizes() {
        let rich = Side {
            usd: 10,
            latest: date("2001"),
        };
        let recent = Side {
            usd: 9,
            latest: date("2025"),
        };
        assert!(weight(rich, (1, 1)) < weight(recent, (100, 100)));
    }

    #[test]
    fn equal_money_is_told_by_recency_then_by_the_smaller_rival() {
        let old = Side {
            usd: 5,
            latest: date("2020"),
        };
        let new = Side {
            usd: 5,
            latest: date("2021"),
        };
        let undated = Side {
            usd: 5,
            latest: None,
        };
        assert!(weight(new, (1, 1)) < weight(old, (9, 9)));
        assert!(
            weight(old, (1, 1)) < weight(undated, (9, 9)),
            "undated last"
        );
        assert!(weight(old, (3, 50)) < weight(old, (2, 900)));
    }

    #[test]
    fn sides_add_up_and_keep_the_latest_date() {
        let a = Side {
            usd: u64::MAX,
            latest: date("2020-05"),
        };
        let b = Side {
            usd: 1,
            latest: None,
        };
        assert_eq!(
            a.and(b),
            Side {
                usd: u64::MAX,
                latest: date("2020-05")
            }
        );
        let year = Side {
            usd: 0,
            latest: date("2020"),
        };
        assert_eq!(a.and(year).latest, date("2020"), "2020 ends after 2020-05");
        assert_eq!(year.and(a).latest, date("2020"));
    }

    #[test]
    fn a_year_weighs_as_recent_as_its_last_day() {
        let year = Side {
            usd: 0,
            latest: date("2020"),
        };
        let december = Side {
            usd: 0,
            latest: date("2020-12-31"),
        };
        let november = Side {
            usd: 0,
            latest: date("2020-11"),
        };
        assert_eq!(weight(year, (1, 1)), weight(december, (1, 1)));
        assert!(weight(year, (1, 1)) < weight(november, (1, 1)));
    }
}
