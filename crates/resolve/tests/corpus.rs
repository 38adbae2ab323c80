//! Resolution of the real corpus in `../shared/data/caat`, scored against the domain truth and the
//! hand-labelled pairs; and determinism under reordering.

use std::path::PathBuf;
use std::sync::OnceLock;

use fairwatch_ingest::{read_corpus, Dataset};
use fairwatch_resolve::eval::{domain_truth, load_truth_pairs, score_against, score_pairs};
use fairwatch_resolve::{resolve, Options};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| read_corpus(&repo().join("../shared/data/caat"), false).unwrap())
}

/// Floors just under the accuracy last measured (blind pairwise F1 0.884, recall 0.883, precision
/// 0.884; with websites 0.892), so a change that loses accuracy fails. With websites the figure fell
/// from 0.909 on purpose: a shared domain now joins legal entities only when their names are
/// spellings of each other, and the group stage links a group's entities under one site, which this
/// truth counts as one (BENCHMARKS.md, "Entity resolution").
#[test]
fn accuracy_against_the_domain_truth() {
    let data = corpus();
    let blind = resolve(data, &[], Options { use_websites: false });
    let truth = domain_truth(data, &blind);
    assert!(truth.records > 30_000 && truth.domains > 15_000, "{truth:?}");
    let scores = score_against(&truth, &blind);
    assert!(scores.pairwise.f1 >= 0.88, "{scores:?}");
    assert!(scores.pairwise.precision >= 0.88, "{scores:?}");
    assert!(scores.pairwise.recall >= 0.88, "{scores:?}");
    let seeing = score_against(&truth, &resolve(data, &[], Options { use_websites: true }));
    assert!(seeing.pairwise.f1 >= 0.885, "{seeing:?}");
}

#[test]
fn hand_labelled_traps() {
    let data = corpus();
    let resolution = resolve(data, &[], Options { use_websites: false });
    let pairs = load_truth_pairs(&repo().join("curation/truth_pairs.csv")).unwrap();
    let scored = score_pairs(data, &resolution, &pairs);
    assert_eq!(scored.missing, 0);
    let wrong: Vec<_> = scored
        .outcomes
        .iter()
        .filter(|o| o.predicted_same != Some(o.pair.same))
        .map(|o| format!("{} ~ {}", o.pair.left, o.pair.right))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn same_input_in_any_order_gives_the_same_companies() {
    let data = corpus();
    let first = resolve(data, &[], Options { use_websites: true });
    // Reverse the fairs and the records inside them.
    let mut reordered = Dataset {
        fairs: data.fairs.iter().rev().cloned().collect(),
        ..Dataset::default()
    };
    let fairs = data.fairs.len();
    reordered.records = data
        .records
        .iter()
        .rev()
        .map(|r| {
            let mut r = r.clone();
            r.fair = fairs - 1 - r.fair;
            r
        })
        .collect();
    let second = resolve(&reordered, &[], Options { use_websites: true });
    assert_eq!(first.companies, second.companies);
    let n = data.records.len();
    for i in (0..n).step_by(97) {
        let a = first.record_company[i].map(|c| &first.companies[c].id);
        let b = second.record_company[n - 1 - i].map(|c| &second.companies[c].id);
        assert_eq!(a, b, "record {i}");
    }
}
