//! Stable ids. An id is minted from an anchor (a company's main name key, a group's parent), never
//! from a position or a counter, so it survives rebuilds, reordering and new data, and anything that
//! points at a company or group (a database row, a researcher's note) keeps pointing at it.

use std::collections::HashSet;

/// FNV-1a: a hash fixed by definition, unlike std's, so ids never change with the compiler.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Mints one id per anchor, in the order given (sorted by anchor, so the order is fixed): `prefix`
/// and the hash of the anchor, salted with `#1`, `#2`, ... in the rare case that the id is taken.
pub fn mint_ids<'a>(prefix: &str, anchors: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut used = HashSet::new();
    anchors
        .into_iter()
        .map(|anchor| {
            let mut salt = 0u32;
            loop {
                let seed = if salt == 0 {
                    anchor.to_owned()
                } else {
                    format!("{anchor}#{salt}")
                };
                let id = format!("{prefix}-{:012x}", stable_hash(&seed) & 0xffff_ffff_ffff);
                if used.insert(id.clone()) {
                    break id;
                }
                salt += 1;
            }
        })
        .collect()
}
