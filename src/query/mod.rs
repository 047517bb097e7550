//! The questions a graph answers, one file each, usable without the command line.

pub mod profile;
pub mod stats;

pub use profile::{Profile, RelationGroup, Side, profile};
pub use stats::{Stats, stats};
