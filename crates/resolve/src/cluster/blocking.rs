//! Blocks and candidate pairs: which nodes are worth comparing at all. Comparing every pair of nodes
//! grows with the square of the corpus, so nodes are compared only within blocks that share a first
//! word or the first six letters of their compact key, and a block too large is split by a longer
//! prefix so that cost stays near-linear. A first word misspelt early ("Junchans Microtec" /
//! "Junghans Microtec") shares neither: names that agree after their first word are compared too,
//! when their first words are one letter apart.

use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::compare::compare;
use super::evidence::{Candidate, MISSPELT_FIRST_WORD_MIN_LETTERS};
use super::keys::{first_word, is_descriptor};
use super::nodes::Node;

/// Blocks larger than this are split by a longer prefix of the compact key, so that a common first
/// word ("global", "advanced") does not make the comparisons grow with the square of the corpus.
const MAX_BLOCK: usize = 400;

/// Splits `members` into blocks of nodes whose compact keys share their first `length` bytes,
/// lengthening the prefix of any block still too large. A block of one node holds no pair, so it
/// is dropped.
fn refine_block(nodes: &[Node], mut members: Vec<usize>, length: usize, blocks: &mut Vec<Vec<usize>>) {
    let longest = members.iter().map(|&n| nodes[n].compact.len()).max().unwrap_or(0);
    if members.len() <= MAX_BLOCK || length >= longest {
        if members.len() > 1 {
            blocks.push(members);
        }
        return;
    }
    let prefix = |n: usize| {
        let compact = nodes[n].compact.as_str();
        &compact[..length.min(compact.len())]
    };
    members.sort_by_key(|&n| prefix(n));
    for sub in members.chunk_by(|&a, &b| prefix(a) == prefix(b)) {
        refine_block(nodes, sub.to_vec(), length + 4, blocks);
    }
}

/// The blocks of two nodes or more: nodes of a shared first word, and nodes of a shared compact
/// prefix, each refined until small enough. Their order does not matter: the pairs are sorted into
/// the order of acceptance.
fn blocks(nodes: &[Node]) -> Vec<Vec<usize>> {
    // Keys are ASCII, so byte prefixes are character prefixes.
    let mut by_first_word: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut by_prefix: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, node) in nodes.iter().enumerate() {
        let first_word = node.key.split(' ').next().unwrap_or(node.key);
        by_first_word.entry(first_word).or_default().push(i);
        by_prefix
            .entry(&node.compact[..node.compact.len().min(6)])
            .or_default()
            .push(i);
    }
    let mut block_list = Vec::new();
    for (word, members) in by_first_word {
        refine_block(nodes, members, word.len() + 4, &mut block_list);
    }
    for (_, members) in by_prefix {
        refine_block(nodes, members, 10, &mut block_list);
    }
    block_list
}

/// Nodes of two words or more by the words after their first, when those hold a word that names
/// rather than describes ("microtec", not "systems"). A block too large is a common phrase, dropped.
/// Found by sorting hashes of the rest on every core (a million names would make a map of a million
/// strings), the rare equal hashes of different rests told apart after.
fn rest_blocks(nodes: &[Node]) -> Vec<Vec<usize>> {
    let mut by_hash: Vec<(u64, usize)> = nodes
        .par_iter()
        .enumerate()
        .filter_map(|(i, node)| {
            let (_, rest) = node.key.split_once(' ')?;
            rest.split(' ')
                .any(|word| !is_descriptor(word))
                .then(|| (rustc_hash::FxBuildHasher.hash_one(rest), i))
        })
        .collect();
    by_hash.par_sort_unstable();
    let rest = |i: usize| nodes[i].key.split_once(' ').map_or("", |(_, rest)| rest);
    let mut blocks = Vec::new();
    for run in by_hash.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        let mut members: Vec<usize> = run.iter().map(|&(_, i)| i).collect();
        members.sort_by_key(|&i| rest(i));
        blocks.extend(
            members
                .chunk_by(|&a, &b| rest(a) == rest(b))
                .filter(|block| block.len() > 1 && block.len() <= MAX_BLOCK)
                .map(<[usize]>::to_vec),
        );
    }
    blocks
}

/// Whether two keys' first words differ by one letter (changed, added or dropped), both long enough
/// that one letter does not make another word ("158" / "558 Aircraft Repair Plant").
fn first_words_one_letter_apart(a: &str, b: &str) -> bool {
    let (x, y) = (first_word(a), first_word(b));
    x.len().min(y.len()) >= MISSPELT_FIRST_WORD_MIN_LETTERS && one_edit_apart(x.as_bytes(), y.as_bytes())
}

/// Whether one letter changed, added or dropped turns `x` into `y` (and they differ): checked in
/// one pass, since most pairs asked differ in length or early.
fn one_edit_apart(x: &[u8], y: &[u8]) -> bool {
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    if long.len() - short.len() > 1 || x == y {
        return false;
    }
    let same = short.iter().zip(long).take_while(|(a, b)| a == b).count();
    let skip_short = usize::from(short.len() == long.len());
    short[(same + skip_short).min(short.len())..] == long[same + 1..]
}

/// The evidence between each pair of `block` that `worth` lets through.
fn block_pairs(nodes: &[Node], block: &[usize], worth: impl Fn(usize, usize) -> bool) -> Vec<Candidate> {
    let mut found = Vec::new();
    for (x, &a) in block.iter().enumerate() {
        for &b in &block[x + 1..] {
            if worth(a, b) {
                found.extend(compare(nodes, a, b));
            }
        }
    }
    found
}

/// Pairs of nodes of one block whose names alone are evidence that they are one company (see
/// [`compare`]).
pub(super) fn candidate_pairs(nodes: &[Node]) -> Vec<Candidate> {
    let misspelt = |a: usize, b: usize| first_words_one_letter_apart(nodes[a].key, nodes[b].key);
    let by_rest = rest_blocks(nodes);
    blocks(nodes)
        .par_iter()
        .flat_map_iter(|block| block_pairs(nodes, block, |_, _| true))
        .chain(
            by_rest
                .par_iter()
                .flat_map_iter(|block| block_pairs(nodes, block, misspelt)),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::first_words_one_letter_apart;

    #[test]
    fn a_misspelt_first_word_is_one_letter_off_and_long() {
        assert!(first_words_one_letter_apart(
            "junchans microtec",
            "junghans microtec"
        ));
        assert!(first_words_one_letter_apart(
            "roketsan missiles",
            "rocketsan missiles"
        ));
        assert!(!first_words_one_letter_apart(
            "158 aircraft repair plant",
            "558 aircraft repair plant"
        ));
        assert!(!first_words_one_letter_apart(
            "junghans microtec",
            "junghans defence"
        ));
        assert!(!first_words_one_letter_apart("alpine systems", "alkane systems"));
        assert!(first_words_one_letter_apart(
            "ilyushin aviation",
            "llyushin aviation"
        ));
        assert!(
            first_words_one_letter_apart("garrett metal", "garett metal"),
            "a letter dropped"
        );
        assert!(
            first_words_one_letter_apart("logisitics update", "logistics update"),
            "added"
        );
        assert!(!first_words_one_letter_apart(
            "logistics update",
            "logistics update"
        ));
    }
}
