//! Each distinct name analysed once. A corpus repeats names many times over (one firm at many fairs),
//! and normalising a name is the costliest step of resolving it, so every distinct spelling is split
//! into key, aliases and relations a single time, in parallel, and records point at their analysis.

use fairwatch_ingest::Dataset;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::RecordKind;
use crate::normalise::{non_exhibitor_kind, split_name, RelationKind};

/// Each distinct name analysed once, and which one each record carries.
pub(super) struct Names {
    pub(super) infos: Vec<NameInfo>,
    pub(super) name_of: Vec<u32>,
}

impl Names {
    pub(super) fn analyse(dataset: &Dataset) -> Names {
        let mut index_of: FxHashMap<&str, u32> = FxHashMap::default();
        let mut distinct: Vec<&str> = Vec::new();
        let mut name_of = Vec::with_capacity(dataset.records.len());
        for r in &dataset.records {
            let next = distinct.len() as u32;
            let index = *index_of.entry(r.name.as_str()).or_insert(next);
            if index == next {
                distinct.push(r.name.as_str());
            }
            name_of.push(index);
        }
        Names {
            infos: distinct.par_iter().map(|n| analyse(n)).collect(),
            name_of,
        }
    }

    /// The analysis of record `i`'s name.
    pub(super) fn of(&self, i: usize) -> &NameInfo {
        &self.infos[self.name_of[i] as usize]
    }
}

pub(super) struct NameInfo {
    pub(super) key: String,
    pub(super) aliases: Vec<String>,
    pub(super) primary: String,
    pub(super) relations: Vec<(RelationKind, String)>,
    pub(super) kind: RecordKind,
    /// Where its legal forms exist (sorted ISO codes), when they tie it to some jurisdictions.
    pub(super) jurisdiction: Option<Vec<String>>,
}

pub(super) fn analyse(name: &str) -> NameInfo {
    if let Some(kind) = non_exhibitor_kind(name) {
        return NameInfo {
            key: String::new(),
            aliases: vec![],
            primary: name.to_owned(),
            relations: vec![],
            kind: RecordKind::NotACompany(kind),
            jurisdiction: None,
        };
    }
    let parts = split_name(name);
    let kind = if parts.key.is_empty() {
        RecordKind::Unnamed
    } else {
        RecordKind::Company
    };
    NameInfo {
        key: parts.key,
        aliases: parts.aliases,
        primary: parts.primary,
        relations: parts.relations,
        kind,
        jurisdiction: parts.jurisdiction,
    }
}
