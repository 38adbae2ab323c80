//! The one place that runs the stages after reading: resolve → group → assess, with the registry
//! (curated rows and the published vendor list) that the assessment reads. Build, report and eval
//! all call it, so they cannot disagree on how a finding is made.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args;
use fairwatch_assess::{assess_both, Findings, Inputs, Registry, Scope, Settings};
use fairwatch_group::{curated_links, group, Grouping};
use fairwatch_ingest::{fetch, read_vendor_list, Dataset, VendorList};
use fairwatch_resolve::judgements::Judgement;
use fairwatch_resolve::{resolve, Options, Resolution};

#[derive(Args, Clone)]
pub struct VendorListArg {
    /// The published vendor list (digitalfreedom/data-vendors): its vendors.csv, or a folder holding
    /// it. Default: the cache filled by `fairwatch fetch --vendor-list` (fetched now if empty).
    #[arg(
        long,
        env = "FAIRWATCH_VENDOR_LIST",
        value_name = "PATH",
        conflicts_with = "no_vendor_list"
    )]
    pub vendor_list: Option<PathBuf>,
    /// Assess without the published vendor list (the curated registry only).
    #[arg(long)]
    pub no_vendor_list: bool,
}

impl VendorListArg {
    pub fn load(&self) -> Result<Option<VendorList>> {
        if self.no_vendor_list {
            return Ok(None);
        }
        let path = match &self.vendor_list {
            Some(path) => path.clone(),
            None => {
                let cache = crate::paths::cache("digitalfreedom-vendors")?;
                if !cache.join("vendors.csv").is_file() {
                    eprintln!(
                        "no vendor list in {} yet: fetching it from its publisher",
                        crate::source::shown(&cache)
                    );
                    fetch_vendor_list(&cache)?;
                }
                cache
            }
        };
        if !path.exists() {
            bail!("--vendor-list {}: no such file or folder", path.display());
        }
        Ok(Some(read_vendor_list(&path)?))
    }
}

/// Downloads the vendor list into `dest`.
pub fn fetch_vendor_list(dest: &std::path::Path) -> Result<PathBuf> {
    let fetched = fetch::download_vendor_list(dest).with_context(|| {
        "no network? Download vendors.csv of https://github.com/digitalfreedom/data-vendors by hand and \
         pass it with --vendor-list FILE, or build without it (--no-vendor-list)"
    })?;
    eprintln!("vendor list in {}", crate::source::shown(&fetched));
    Ok(fetched)
}

/// Companies, groups and the registry of one dataset.
pub struct Resolved {
    pub resolution: Resolution,
    pub grouping: Grouping,
    pub registry: Registry,
}

/// The companies of a dataset (websites used, as every stage after it expects).
pub fn resolve_companies(dataset: &Dataset, judgements: &[Judgement]) -> Resolution {
    resolve(dataset, judgements, Options { use_websites: true })
}

/// The groups of the companies, with the curated groups file.
pub fn group_companies(dataset: &Dataset, resolution: &Resolution, judgements: &[Judgement]) -> Grouping {
    group(dataset, resolution, curated_links(), judgements)
}

impl Resolved {
    pub fn new(dataset: &Dataset, judgements: &[Judgement], list: Option<&VendorList>) -> Resolved {
        let resolution = resolve_companies(dataset, judgements);
        let grouping = group_companies(dataset, &resolution, judgements);
        Resolved {
            resolution,
            grouping,
            registry: Registry::new(list),
        }
    }

    pub fn inputs<'a>(&'a self, dataset: &'a Dataset) -> Inputs<'a> {
        Inputs {
            dataset,
            resolution: &self.resolution,
            grouping: &self.grouping,
            registry: &self.registry,
        }
    }

    /// The findings at both levels (group, entity) with the default settings, in one pass.
    pub fn assess_both(&self, dataset: &Dataset) -> (Findings, Findings) {
        assess_both(self.inputs(dataset), &Scope::default(), &Settings::default())
    }
}
