//! How evidence becomes confidence. Every weight and threshold is in [`GRADING`], documented there
//! and in docs/methodology.md with the precision measured on the labelled set
//! (`curation/capability_labels.csv`, `fairwatch eval assess`).

use std::collections::{BTreeMap, BTreeSet};

use fairwatch_ingest::Dataset;

use crate::rules::{Confidence, Rules, Strength};
use crate::{CapabilityFinding, Evidence, EvidenceKind};

/// The grading table. Measured on the labelled set (`fairwatch eval assess`, 2026-12-01): firms whose
/// in-scope evidence is a curated row describing their own product were vendors 14 of 14; a curated row
/// listing them among an industry 8 of 8 (1 unsure); a vendor-list row naming a specific solution 36 of 36
/// (4 unsure; most of these labels cite the list itself); a product-line row of the list 11 of 13, and 7 of 7
/// with a fair heading beside it. The fairs' own headings are weak evidence: a firm under one specific
/// interception or forensics heading was a vendor 13 times of 35 judged, under two distinct ones 9 of 13;
/// no heading or count of editions separated vendors better (`docs/methodology.md`).
#[derive(Debug, Clone, Copy)]
pub struct Grading {
    /// A record listed under more categories than this ticks headings wholesale (one 2019 Milipol
    /// record ticks 44): each of its categories draws weak evidence at most.
    pub broad_record_categories: usize,
    /// Low from the fairs alone: strong evidence for the capability under at least this many distinct
    /// headings (category rules). Fewer is kept and shown as evidence, and flags nothing.
    pub fair_strong_headings: usize,
}

pub const GRADING: Grading = Grading {
    broad_record_categories: 20,
    fair_strong_headings: 2,
};

/// How broadly each record of a firm ticks categories.
pub(crate) struct Spread<'a> {
    dataset: &'a Dataset,
}

impl<'a> Spread<'a> {
    pub fn new(dataset: &'a Dataset) -> Spread<'a> {
        Spread { dataset }
    }

    fn broad(&self, record: usize) -> Option<usize> {
        let n = self.dataset.records[record].details().categories.len();
        (n > GRADING.broad_record_categories).then_some(n)
    }

    /// The strongest a category of this record may count.
    pub fn strength_cap(&self, record: usize) -> Strength {
        match self.broad(record) {
            Some(_) => Strength::Weak,
            None => Strength::Strong,
        }
    }

    /// The rule phrase, with the reason when the record's breadth weakened it.
    pub fn basis(&self, record: usize, phrase: &str) -> String {
        match self.broad(record) {
            Some(n) => format!(
                "{phrase} (weak: one of {n} categories on the record, more than {})",
                GRADING.broad_record_categories
            ),
            None => phrase.to_owned(),
        }
    }
}

/// The confidence that the evidence shows the capability; None when it is too thin to flag.
/// `corroborated`: whether the firm has strong fair evidence of some interception/intrusion capability.
///
/// High: a curated registry row whose source describes the firm's own product (or an official listing).
/// Medium: a curated row listing it among an industry; a vendor-list row naming a specific solution; a
/// product-line row of the list that the fairs corroborate. Low: a product-line row alone; strong fair
/// evidence under [`Grading::fair_strong_headings`] distinct headings.
pub fn capability_confidence(evidence: &[Evidence], corroborated: bool) -> Option<Confidence> {
    let has = |kind: EvidenceKind, strength: Strength| {
        evidence.iter().any(|e| e.kind == kind && e.strength == strength)
    };
    let strong_headings = evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::Category && e.strength == Strength::Strong)
        .map(|e| heading_rule(&e.basis))
        .collect::<BTreeSet<&str>>()
        .len();
    let product_line = has(EvidenceKind::VendorList, Strength::Weak);
    if has(EvidenceKind::Registry, Strength::Strong) {
        Some(Confidence::High)
    } else if has(EvidenceKind::Registry, Strength::Weak)
        || has(EvidenceKind::VendorList, Strength::Strong)
        || (product_line && corroborated)
    {
        Some(Confidence::Medium)
    } else if product_line || strong_headings >= GRADING.fair_strong_headings {
        Some(Confidence::Low)
    } else {
        None
    }
}

/// The rule phrase a category's evidence names (its basis, without the breadth note).
pub fn heading_rule(basis: &str) -> &str {
    basis.split(" (").next().unwrap_or(basis)
}

/// A firm's evidence by capability, graded.
pub(crate) fn capabilities(evidence: BTreeMap<usize, Vec<Evidence>>) -> Vec<CapabilityFinding> {
    let corroborated = corroborated(&evidence);
    evidence
        .into_iter()
        .map(|(capability, evidence)| CapabilityFinding {
            capability,
            confidence: capability_confidence(&evidence, corroborated),
            evidence,
        })
        .collect()
}

/// Whether the firm's records carry strong evidence of an interception/intrusion capability.
fn corroborated(evidence: &BTreeMap<usize, Vec<Evidence>>) -> bool {
    let rules = Rules::get();
    evidence.iter().any(|(capability, items)| {
        rules.capabilities[*capability].scope
            && items
                .iter()
                .any(|e| e.kind == EvidenceKind::Category && e.strength == Strength::Strong)
    })
}

/// The firm's flag: its highest confidence over the interception/intrusion capabilities.
pub fn firm_confidence(capabilities: &[CapabilityFinding]) -> Option<Confidence> {
    let rules = Rules::get();
    capabilities
        .iter()
        .filter(|f| rules.capabilities[f.capability].scope)
        .filter_map(|f| f.confidence)
        .max()
}
