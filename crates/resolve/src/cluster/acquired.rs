//! Firms bought and renamed under their buyer's brand ("Teledyne FLIR", "Leonardo DRS", "Hensoldt
//! Kelvin Hughes") are still the bought legal entity, not the buyer's: the curated groups file
//! (`data/groups.csv`, its `acquired` rows, each with a source read) says which firm bought which. A
//! name that puts the buyer's brand before the bought firm's own name is kept from the buyer's
//! company, whatever an address or a shared word says (one shared stand address had joined all of
//! Teledyne to Teledyne FLIR); the group stage puts both in the buyer's group.

use std::sync::OnceLock;

use fairwatch_refdata::{curated_links, CuratedKind};

use super::keys::{first_word, is_descriptor};
use super::nodes::Node;
use crate::normalise::name_key;

/// A buyer's name keys (its whole name's, and its brand's: without the descriptor words it ends in,
/// "smiths" for "smiths group") and the first word of the bought firm's own name.
struct Acquisition {
    buyer: String,
    brand: String,
    bought: String,
}

/// The curated acquisitions whose bought firm's name begins with a word the buyer's lacks, keyed once
/// for every resolution of the process.
fn acquisitions() -> &'static [Acquisition] {
    static ACQUISITIONS: OnceLock<Vec<Acquisition>> = OnceLock::new();
    ACQUISITIONS.get_or_init(|| {
        curated_links()
            .iter()
            .filter(|link| link.kind == CuratedKind::Acquired)
            .filter_map(|link| {
                let buyer = name_key(&link.parent);
                let bought = first_word(&name_key(&link.member)).to_owned();
                let brand = brand_of(&buyer).to_owned();
                (!bought.is_empty() && !buyer.split(' ').any(|word| word == bought)).then_some(Acquisition {
                    buyer,
                    brand,
                    bought,
                })
            })
            .collect()
    })
}

/// A key without the descriptor words it ends in, keeping its first word.
fn brand_of(key: &str) -> &str {
    let mut brand = key;
    while let Some((rest, last)) = brand.rsplit_once(' ') {
        if !is_descriptor(last) {
            break;
        }
        brand = rest;
    }
    brand
}

/// Whether `key` is the buyer's brand followed by words among which the bought firm's name begins:
/// "teledyne flir", "teledyne flir commercial systems".
fn renamed_under_buyer(key: &str, acquisition: &Acquisition) -> bool {
    key.strip_prefix(acquisition.brand.as_str())
        .and_then(|rest| rest.strip_prefix(' '))
        .is_some_and(|rest| rest.split(' ').any(|word| word == acquisition.bought))
}

/// Pairs of nodes (indices into `nodes`, sorted by key) that are a bought firm renamed under its
/// buyer's brand and the buyer's own name or brand: different legal entities.
pub(super) fn acquisition_conflicts(nodes: &[Node]) -> Vec<(usize, usize)> {
    let mut conflicts = Vec::new();
    for acquisition in acquisitions() {
        // Keys beginning with the brand are one run of the sorted nodes.
        let start = nodes.partition_point(|n| n.key < acquisition.brand.as_str());
        let run =
            start..start + nodes[start..].partition_point(|n| n.key.starts_with(acquisition.brand.as_str()));
        let is_buyer = |key: &str| key == acquisition.buyer || key == acquisition.brand;
        let renamed: Vec<usize> = run
            .clone()
            .filter(|&n| renamed_under_buyer(nodes[n].key, acquisition))
            .collect();
        for buyer in run.filter(|&n| is_buyer(nodes[n].key)) {
            conflicts.extend(renamed.iter().map(|&bought| (buyer, bought)));
        }
    }
    conflicts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curated_acquisitions_are_read_with_the_bought_firms_first_word() {
        let teledyne = acquisitions()
            .iter()
            .find(|a| a.buyer == "teledyne")
            .expect("data/groups.csv has Teledyne's purchase of FLIR Systems");
        assert_eq!(
            (teledyne.brand.as_str(), teledyne.bought.as_str()),
            ("teledyne", "flir")
        );
        assert!(renamed_under_buyer("teledyne flir", teledyne));
        assert!(renamed_under_buyer("teledyne flir commercial systems", teledyne));
        assert!(!renamed_under_buyer("teledyne technologies", teledyne));
        assert!(
            !renamed_under_buyer("flir systems", teledyne),
            "the bought firm's own name"
        );
        assert!(!renamed_under_buyer("teledyneflir", teledyne));
        assert_eq!(brand_of("smiths group"), "smiths");
        assert_eq!(brand_of("general dynamics"), "general dynamics");
        assert_eq!(brand_of("systems"), "systems");
    }
}
