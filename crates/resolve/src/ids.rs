//! Stable ids. An id is minted from an anchor (a company's main name key, a group's parent), never
//! from a position or a counter, so it survives rebuilds, reordering and new data, and anything that
//! points at a company or group (a database row, a researcher's note) keeps pointing at it.

use rustc_hash::FxHashSet;

/// The 48 bits of the hash an id shows.
const ID_BITS: u64 = 0xffff_ffff_ffff;

/// FNV-1a: a hash fixed by definition, unlike std's, so ids never change with the compiler.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Mints one id per anchor, in the order given (sorted by anchor, so the order is fixed): `prefix`
/// and the hash of the anchor, salted with `#1`, `#2`, ... in the rare case that the id is taken.
fn mint_ids<'a>(prefix: &str, anchors: impl IntoIterator<Item = &'a str>) -> Vec<String> {
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
            format!("{prefix}-{hash:012x}")
        })
        .collect()
}

/// Gives each item the id minted from its anchor, the anchors taken in sorted order (ties in the
/// items' order), and leaves the items sorted by id. Only indices are sorted: the items (companies,
/// groups: a million of them from a large list) are moved once.
pub fn assign_ids<T>(
    items: &mut Vec<T>,
    prefix: &str,
    anchor: impl Fn(&T) -> &str,
    mut set_id: impl FnMut(&mut T, String),
) {
    let mut by_anchor: Vec<usize> = (0..items.len()).collect();
    by_anchor.sort_unstable_by(|&a, &b| anchor(&items[a]).cmp(anchor(&items[b])).then(a.cmp(&b)));
    let ids = mint_ids(prefix, by_anchor.iter().map(|&i| anchor(&items[i])));
    let mut by_id: Vec<(String, usize)> = ids.into_iter().zip(by_anchor).collect();
    by_id.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(by_id.into_iter().map(|(id, i)| {
        let mut item = slots[i].take().expect("each index once");
        set_id(&mut item, id);
        item
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_depend_on_the_anchor_alone_and_a_taken_one_is_salted() {
        let ids = mint_ids("fw", ["cellebrite", "gamma", "cellebrite"]);
        assert_eq!(ids[0], mint_ids("fw", ["cellebrite"])[0]);
        assert_eq!(ids[1], mint_ids("fw", ["gamma"])[0]);
        assert_ne!(ids[2], ids[0], "a second one of an anchor is salted");
        assert_eq!(
            ids[2],
            format!("fw-{:012x}", stable_hash("cellebrite#1") & ID_BITS)
        );
    }

    #[test]
    fn items_get_the_ids_of_their_anchors_in_anchor_order_and_end_sorted_by_id() {
        let mut items: Vec<(String, String)> = ["verint", "cellebrite", "gamma", "cellebrite"]
            .iter()
            .map(|a| (a.to_string(), String::new()))
            .collect();
        assign_ids(
            &mut items,
            "fg",
            |(a, _)| a.as_str(),
            |(_, id), minted| *id = minted,
        );
        let expected = mint_ids("fg", ["cellebrite", "cellebrite", "gamma", "verint"]);
        let mut sorted = expected.clone();
        sorted.sort();
        assert_eq!(items.iter().map(|(_, id)| id.clone()).collect::<Vec<_>>(), sorted);
        for (anchor, id) in &items {
            let first = expected.iter().position(|e| e == id).unwrap();
            assert_eq!(["cellebrite", "cellebrite", "gamma", "verint"][first], anchor);
        }
    }
}
