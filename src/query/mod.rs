//! The questions a graph answers, one file each, usable without the command line.

pub mod conflicts;
pub mod cycles;
pub mod diff;
pub mod duplicates;
pub mod filter;
pub mod hops;
pub mod impact;
pub mod keyed;
pub mod money;
pub mod neighbors;
pub mod no_path;
pub mod path;
pub mod profile;
pub mod rank;
pub mod search;
pub mod stats;
pub mod supply;
pub mod timeline;
pub mod view;

pub use conflicts::{Conflict, ConflictKind, ConflictOptions, Conflicts, Timing, conflicts};
pub use duplicates::{Candidate, Duplicates, Reason, duplicates};
pub use filter::{FilterError, RelationFilter};
pub use hops::{Hop, Traversal};
pub use keyed::{KeyCache, KeyedRelation};
pub use neighbors::neighbors;
pub use path::{Path, PathOptions, PathStep, Paths, paths};
pub use profile::{Profile, RelationGroup, Side, profile};
pub use stats::{Stats, stats};
pub use supply::{SUPPLY_KINDS, Side as SupplySide, Tier, supply_chain};
pub use view::{RelationView, Step};
