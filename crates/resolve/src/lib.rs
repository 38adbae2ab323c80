//! The `resolve` stage: exhibitor records to companies and corporate groups.
//!
//! Names are normalised ([`normalise`]), records grouped by name key, candidate pairs proposed from
//! blocks and accepted in a fixed order under human judgements ([`judgements`]); corporate relations
//! stated in names become relations between companies, never merges. [`eval`] measures the result.

mod cluster;
pub mod domain;
pub mod eval;
pub mod ids;
pub mod judgements;
pub mod metrics;
pub mod normalise;
pub mod runs;

pub use cluster::{
    address_numbers, extends_with_descriptors, resolve, telephone_numbers, Company, Divisions, Evidence,
    EvidenceKind, Link, Options, RecordKind, Relation, Resolution, Strength, EVIDENCE,
};
