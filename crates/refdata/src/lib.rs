//! Reference data that every stage reads: countries with their UN M49 areas and the spellings the
//! fairs use for them; alliances, adversaries and regime types by year; the curated corporate groups.
//! The tables live in `data/` at the repository root, each with its sources, and are compiled in so
//! the binary never depends on the working directory.

mod countries;
mod groups;
mod politics;

pub use countries::{data_rows, Countries, Country, CountryMatch};
pub use groups::{curated_links, CuratedKind, CuratedLink};
pub use politics::{adversary_codes, parse_adversaries, Politics, Regime, RegimeFor};
