//! Stable ids. An id is minted from an anchor (a company's main name key, a group's parent), never
//! from a position or a counter, so it survives rebuilds, reordering and new data, and anything that
//! points at a company or group (a database row, a researcher's note) keeps pointing at it.

use fairwatch_ingest::inline_ascii::InlineAscii;
use rustc_hash::FxHashSet;

/// The 48 bits of the hash an id shows.
const ID_BITS: u64 = 0xffff_ffff_ffff;

/// FNV-1a: a hash fixed by definition, unlike std's, so ids never change with the compiler.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The hash of each anchor, in the order given (sorted by anchor, so the order is fixed), salted with
/// `#1`, `#2`, ... in the rare case that the hash is taken.
fn minted_hashes<'a>(anchors: impl IntoIterator<Item = &'a str>) -> Vec<u64> {
    let mut used = FxHashSet::default();
    anchors
        .into_iter()
        .map(|anchor| {
            let mut hash = stable_hash(anchor) & ID_BITS;
            let mut salt = 0u32;
            while !used.insert(hash) {
                salt += 1;
                hash = stable_hash(&format!("{anchor}#{salt}")) & ID_BITS;
            }
            hash
        })
        .collect()
}

/// An id as shown and stored: a prefix of two letters ("fw" for a company, "fg" for a group), a
/// dash and twelve hexadecimal digits, so ids sort as their hashes do. Kept inline, not as a string:
/// a large list makes millions of them.
pub type Id = InlineAscii<15>;

/// The id of a hash under a prefix of two ASCII letters.
fn shown(prefix: &str, hash: u64) -> Id {
    let prefix = prefix.as_bytes();
    assert!(
        prefix.len() == 2 && prefix.iter().all(u8::is_ascii_lowercase),
        "an id's prefix is two letters"
    );
    let mut id = [b'-'; 15];
    id[..2].copy_from_slice(prefix);
    for (place, digit) in id[3..].iter_mut().rev().enumerate() {
        *digit = b"0123456789abcdef"[(hash >> (4 * place) & 0xf) as usize];
    }
    Id::from_ascii(id)
}

/// The ids minted from the anchors of some items (`anchors[i]` is item `i`'s), the anchors taken in
/// sorted order (ties in the items' order): each item's index with its id, sorted by id, so that the
/// items can be made in the order they are kept. When no two anchors hash alike, as almost always,
/// no id is salted and the order of anchors cannot matter, so the anchors (strings) are not sorted
/// at all; otherwise they are, and the ids minted in their order.
pub fn ids_in_order(prefix: &str, anchors: &[&str]) -> Vec<(usize, Id)> {
    let mut by_hash: Vec<(u64, usize)> = anchors
        .iter()
        .enumerate()
        .map(|(i, anchor)| (stable_hash(anchor) & ID_BITS, i))
        .collect();
    by_hash.sort_unstable();
    if by_hash.windows(2).any(|w| w[0].0 == w[1].0) {
        let mut by_anchor: Vec<usize> = (0..anchors.len()).collect();
        by_anchor.sort_unstable_by(|&a, &b| anchors[a].cmp(anchors[b]).then(a.cmp(&b)));
        let hashes = minted_hashes(by_anchor.iter().map(|&i| anchors[i]));
        by_hash = hashes.into_iter().zip(by_anchor).collect();
        by_hash.sort_unstable();
    }
    by_hash
        .into_iter()
        .map(|(hash, i)| (i, shown(prefix, hash)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids of `anchors` minted in their order.
    fn mint_ids<'a>(prefix: &str, anchors: impl IntoIterator<Item = &'a str>) -> Vec<Id> {
        minted_hashes(anchors)
            .into_iter()
            .map(|hash| shown(prefix, hash))
            .collect()
    }

    #[test]
    fn ids_depend_on_the_anchor_alone_and_a_taken_one_is_salted() {
        let ids = mint_ids("fw", ["cellebrite", "gamma", "cellebrite"]);
        assert_eq!(ids[0], mint_ids("fw", ["cellebrite"])[0]);
        assert_eq!(ids[1], mint_ids("fw", ["gamma"])[0]);
        assert_ne!(ids[2], ids[0], "a second one of an anchor is salted");
        assert_eq!(
            ids[2].as_str(),
            format!("fw-{:012x}", stable_hash("cellebrite#1") & ID_BITS)
        );
        assert_eq!(shown("fg", 0xab_cdef), "fg-000000abcdef");
    }

    #[test]
    fn anchors_that_hash_alike_are_salted_in_anchor_order_whatever_the_items_order() {
        for order in [
            ["gamma", "cellebrite", "cellebrite"],
            ["cellebrite", "gamma", "cellebrite"],
        ] {
            let ids: Vec<Id> = ids_in_order("fw", &order).into_iter().map(|(_, id)| id).collect();
            let mut expected = mint_ids("fw", ["cellebrite", "cellebrite", "gamma"]);
            expected.sort();
            assert_eq!(ids, expected);
        }
    }

    #[test]
    fn items_get_the_ids_of_their_anchors_in_anchor_order_sorted_by_id() {
        let anchors = ["verint", "cellebrite", "gamma", "cellebrite"];
        let ids = ids_in_order("fg", &anchors);
        let expected = mint_ids("fg", ["cellebrite", "cellebrite", "gamma", "verint"]);
        let mut sorted = expected.clone();
        sorted.sort();
        assert_eq!(ids.iter().map(|(_, id)| *id).collect::<Vec<_>>(), sorted);
        for (item, id) in &ids {
            let first = expected.iter().position(|e| e == id).unwrap();
            assert_eq!(
                ["cellebrite", "cellebrite", "gamma", "verint"][first],
                anchors[*item]
            );
        }
        assert!(
            ids.contains(&(1, expected[0])),
            "of two items of one anchor, the first gets the unsalted id"
        );
    }
}
