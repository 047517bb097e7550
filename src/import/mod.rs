//! Importing other datasets into the graph format.

pub mod crunchbase;
pub mod table;
