//! Accuracy at entity and at group level against the project's hand-labelled pairs
//! (`curation/pair_truth.csv`, drawn by `crates/synth/examples/sample_truth_pairs.rs`).
//!
//! Each labelled pair of name entries (a name in a country) was drawn uniformly from one stratum of the
//! population of pairs a matcher could consider; it stands for `stratum_pairs / labelled pairs of the
//! stratum` pairs (pairs labelled `unsure` are left out, so the rest of their stratum stands for them).
//! Weighted counts of true and false positives and of misses estimate the pairwise confusion matrix
//! over the whole population, and so precision, recall and F1 at two levels: one legal entity
//! (`same_entity`) and one group (`same_entity` or `same_group`). The groups are also scored against
//! the resolver's domain truth, which mixes the two levels.

use std::collections::BTreeMap;
use std::path::Path;

use fairwatch_ingest::Dataset;
use fairwatch_resolve::eval::{load_labelled, why_joined, DomainTruth, MergePath};
use fairwatch_resolve::metrics::{score, ClusterScores, Scores};
use fairwatch_resolve::Resolution;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::Grouping;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairLabel {
    SameEntity,
    SameGroup,
    Different,
    Unsure,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LabelledPair {
    pub pair: String,
    pub stratum: String,
    pub stratum_pairs: u64,
    pub left_name: String,
    pub left_country: Option<String>,
    pub right_name: String,
    pub right_country: Option<String>,
    pub label: Option<PairLabel>,
    pub reason: String,
}

/// Reads the labelled pairs; an unreadable row names its line.
pub fn load_pairs(path: &Path) -> Result<Vec<LabelledPair>, String> {
    load_labelled(path)
}

/// Weighted counts of one level's confusion matrix.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Weighted {
    pub true_positive: f64,
    pub false_positive: f64,
    pub false_negative: f64,
}

impl Weighted {
    fn add(&mut self, truth: bool, predicted: bool, weight: f64) {
        match (truth, predicted) {
            (true, true) => self.true_positive += weight,
            (false, true) => self.false_positive += weight,
            (true, false) => self.false_negative += weight,
            (false, false) => {}
        }
    }

    pub fn scores(&self) -> Scores {
        let ratio = |a: f64, b: f64| if a + b == 0.0 { 1.0 } else { a / (a + b) };
        Scores::new(
            ratio(self.true_positive, self.false_positive),
            ratio(self.true_positive, self.false_negative),
        )
    }
}

/// One pair the matcher gets wrong, for reading.
#[derive(Debug, Clone, Serialize)]
pub struct PairError {
    pub pair: String,
    pub level: &'static str,
    pub label: PairLabel,
    pub predicted_same: bool,
    pub left: String,
    pub right: String,
    pub reason: String,
    /// For two names wrongly put in one company: the resolver's links that joined them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joined_by: Option<MergePath>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairTruthScores {
    pub pairs: usize,
    pub labelled: usize,
    pub unsure: usize,
    /// Pairs whose names are no longer in the data.
    pub missing: usize,
    pub entity: Scores,
    pub group: Scores,
    pub entity_counts: Weighted,
    pub group_counts: Weighted,
    /// Unweighted: how many labelled pairs each level gets right.
    pub entity_right: usize,
    pub group_right: usize,
    /// Weighted counts by stratum, to see where the errors weigh.
    pub strata: BTreeMap<String, (Weighted, Weighted)>,
    pub errors: Vec<PairError>,
}

/// The groups scored against the domain truth (records sharing a registrable domain), which mixes
/// the two levels: a firm's several legal entities under one site count as one.
pub fn score_domain_truth(
    truth: &DomainTruth,
    resolution: &Resolution,
    grouping: &Grouping,
) -> ClusterScores {
    score(truth.items.iter().map(|(i, domain)| {
        (
            domain.as_str(),
            resolution.record_company[*i].map(|c| grouping.company_group[c]),
        )
    }))
}

/// The company most records of a name entry belong to.
fn entry_companies<'a>(
    dataset: &'a Dataset,
    resolution: &Resolution,
) -> FxHashMap<(&'a str, Option<&'a str>), usize> {
    let mut counts: FxHashMap<(&str, Option<&str>), BTreeMap<usize, usize>> = FxHashMap::default();
    for (i, r) in dataset.records.iter().enumerate() {
        if let Some(c) = resolution.record_company[i] {
            *counts
                .entry((r.name.as_str(), r.country.iso2.as_deref()))
                .or_default()
                .entry(c)
                .or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(entry, by)| {
            by.into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(c, _)| (entry, c))
        })
        .collect()
}

/// Scores the resolution and grouping against the labelled pairs.
pub fn score_pairs(
    dataset: &Dataset,
    resolution: &Resolution,
    grouping: &Grouping,
    pairs: &[LabelledPair],
) -> PairTruthScores {
    let company_of = entry_companies(dataset, resolution);
    let mut labelled_in: BTreeMap<&str, usize> = BTreeMap::new();
    for p in pairs
        .iter()
        .filter(|p| p.label.is_some_and(|l| l != PairLabel::Unsure))
    {
        *labelled_in.entry(p.stratum.as_str()).or_default() += 1;
    }
    let mut scores = PairTruthScores {
        pairs: pairs.len(),
        labelled: labelled_in.values().sum(),
        unsure: pairs
            .iter()
            .filter(|p| p.label == Some(PairLabel::Unsure))
            .count(),
        missing: 0,
        entity: Scores::new(0.0, 0.0),
        group: Scores::new(0.0, 0.0),
        entity_counts: Weighted::default(),
        group_counts: Weighted::default(),
        entity_right: 0,
        group_right: 0,
        strata: BTreeMap::new(),
        errors: Vec::new(),
    };
    for p in pairs {
        let Some(label) = p.label.filter(|&l| l != PairLabel::Unsure) else {
            continue;
        };
        let left = company_of.get(&(p.left_name.as_str(), p.left_country.as_deref()));
        let right = company_of.get(&(p.right_name.as_str(), p.right_country.as_deref()));
        let (Some(&left), Some(&right)) = (left, right) else {
            scores.missing += 1;
            continue;
        };
        let weight = p.stratum_pairs as f64 / labelled_in[p.stratum.as_str()] as f64;
        let same_company = left == right;
        let same_group = grouping.company_group[left] == grouping.company_group[right];
        let entity_truth = label == PairLabel::SameEntity;
        let group_truth = label != PairLabel::Different;
        scores.entity_counts.add(entity_truth, same_company, weight);
        scores.group_counts.add(group_truth, same_group, weight);
        let stratum = scores.strata.entry(p.stratum.clone()).or_default();
        stratum.0.add(entity_truth, same_company, weight);
        stratum.1.add(group_truth, same_group, weight);
        for (level, truth, predicted, right_count) in [
            ("entity", entity_truth, same_company, &mut scores.entity_right),
            ("group", group_truth, same_group, &mut scores.group_right),
        ] {
            if truth == predicted {
                *right_count += 1;
            } else {
                scores.errors.push(PairError {
                    pair: p.pair.clone(),
                    level,
                    label,
                    predicted_same: predicted,
                    left: format!("{} ({})", p.left_name, p.left_country.as_deref().unwrap_or("-")),
                    right: format!("{} ({})", p.right_name, p.right_country.as_deref().unwrap_or("-")),
                    reason: p.reason.clone(),
                    joined_by: (level == "entity" && predicted)
                        .then(|| why_joined(resolution, left, &p.left_name, &p.right_name)),
                });
            }
        }
    }
    scores.entity = scores.entity_counts.scores();
    scores.group = scores.group_counts.scores();
    scores
}
