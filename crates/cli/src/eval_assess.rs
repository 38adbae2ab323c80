//! `fairwatch eval assess`: the assessment measured against the project's labelled firms
//! (`curation/capability_labels.csv`, drawn by `bench/truth/sample_capability_labels.py`, each firm
//! judged `vendor`, `not_vendor` or `unsure` from what is known of it): precision per confidence
//! level, recall of the labelled vendors, leave-registry-out recall (what the fairs' own evidence
//! finds with the registry switched off), how well exhibitor kinds are told, and the precision of
//! each category rule, which is what the rules' strengths are set from.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use fairwatch_assess::{
    assess, Confidence, EvidenceKind, ExhibitorKind, Findings, Registry, Scope, Settings,
};
use fairwatch_ingest::read_corpus;
use serde::Serialize;

use crate::pipeline::{Resolved, VendorListArg};
use crate::source::{corpus_source, JudgementsArg};

#[derive(Args)]
pub struct AssessEvalArgs {
    /// The corpus (as for `build`).
    #[arg(long, env = "FAIRWATCH_SOURCE", value_name = "DIR")]
    source: Option<PathBuf>,
    #[command(flatten)]
    judgements: JudgementsArg,
    #[command(flatten)]
    vendor_list: VendorListArg,
    /// The labelled firms the rules were set on.
    #[arg(long, value_name = "FILE", default_value = "curation/capability_labels.csv")]
    labels: PathBuf,
    /// A fresh sample of flagged firms labelled blind after the rules were set (optional).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "curation/capability_labels_fresh.csv"
    )]
    fresh: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// One labelled firm.
#[derive(Debug, Clone)]
struct Label {
    group_id: String,
    name: String,
    kind: String,
    label: String,
}

/// How many labelled firms fall in a cell, by label.
#[derive(Debug, Default, Clone, Copy, Serialize)]
struct Tally {
    vendor: usize,
    not_vendor: usize,
    unsure: usize,
}

impl Tally {
    fn add(&mut self, label: &str) {
        match label {
            "vendor" => self.vendor += 1,
            "not_vendor" => self.not_vendor += 1,
            _ => self.unsure += 1,
        }
    }

    /// Share of vendors among the firms judged either way.
    fn precision(&self) -> Option<f64> {
        let judged = self.vendor + self.not_vendor;
        (judged > 0).then(|| self.vendor as f64 / judged as f64)
    }

    /// The same if every unsure firm were a vendor: the upper bound.
    fn precision_if_unsure_right(&self) -> Option<f64> {
        let all = self.vendor + self.not_vendor + self.unsure;
        (all > 0).then(|| (self.vendor + self.unsure) as f64 / all as f64)
    }
}

#[derive(Debug, Serialize)]
struct LevelScore {
    level: &'static str,
    tally: Tally,
    precision: Option<f64>,
    precision_if_unsure_right: Option<f64>,
}

#[derive(Debug, Serialize)]
struct Recall {
    found: usize,
    of: usize,
    recall: Option<f64>,
    /// Labelled vendors not flagged, for reading.
    missed: Vec<String>,
}

#[derive(Debug, Serialize)]
struct RuleScore {
    rule: String,
    tally: Tally,
    precision: Option<f64>,
}

#[derive(Debug, Serialize)]
struct SetScore {
    file: String,
    labelled: usize,
    not_found: usize,
    levels: Vec<LevelScore>,
    flagged: LevelScore,
    recall: Recall,
    /// Labelled firms that are not companies, and how many fairwatch keeps as their kind.
    non_companies_told: (usize, usize),
    /// Labelled companies fairwatch takes for another kind.
    companies_mistaken: Vec<String>,
}

#[derive(Debug, Serialize)]
struct AssessEval {
    tuned: SetScore,
    fresh: Option<SetScore>,
    rules: Vec<RuleScore>,
    leave_registry_out: Recall,
    leave_registry_out_labelled: Recall,
}

pub fn run(args: AssessEvalArgs) -> Result<()> {
    let source = corpus_source(args.source.clone())?;
    let dataset = read_corpus(&source, false)?;
    let judgements = args.judgements.load()?;
    let list = args.vendor_list.load()?;
    let resolved = Resolved::new(&dataset, &judgements, list.as_ref());
    let settings = Settings::default();
    let findings = assess(resolved.inputs(&dataset), &Scope::default(), &settings);
    let empty = Registry::none();
    let without = assess(
        fairwatch_assess::Inputs {
            registry: &empty,
            ..resolved.inputs(&dataset)
        },
        &Scope::default(),
        &settings,
    );
    let labels = load_labels(&args.labels)?;
    let groups: BTreeSet<&str> = resolved.grouping.groups.iter().map(|g| g.id.as_str()).collect();
    let fresh = if args.fresh.exists() {
        Some(score_set(
            &args.fresh,
            &load_labels(&args.fresh)?,
            &findings,
            &groups,
        ))
    } else {
        None
    };
    let report = AssessEval {
        tuned: score_set(&args.labels, &labels, &findings, &groups),
        fresh,
        rules: rule_precision(&labels, &findings),
        leave_registry_out: leave_registry_out(&findings, &without, None),
        leave_registry_out_labelled: leave_registry_out(&findings, &without, Some(&labels)),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print(&report);
    }
    Ok(())
}

fn load_labels(path: &Path) -> Result<Vec<Label>> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_path(path)
        .with_context(|| format!("reading {}", path.display()))?;
    let mut labels = Vec::new();
    for row in reader.deserialize::<HashMap<String, String>>() {
        let row = row.with_context(|| format!("reading {}", path.display()))?;
        let field = |k: &str| row.get(k).cloned().unwrap_or_default();
        let label = field("label");
        if !matches!(label.as_str(), "vendor" | "not_vendor" | "unsure") {
            anyhow::bail!(
                "{}: group {}: label must be vendor, not_vendor or unsure, not {label:?}",
                path.display(),
                field("group_id")
            );
        }
        labels.push(Label {
            group_id: field("group_id"),
            name: field("name"),
            kind: field("kind"),
            label,
        });
    }
    Ok(labels)
}

fn score_set(path: &Path, labels: &[Label], findings: &Findings, groups: &BTreeSet<&str>) -> SetScore {
    let by_id: HashMap<&str, usize> = findings
        .firms
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let mut per_level: BTreeMap<Confidence, Tally> = BTreeMap::new();
    let mut flagged = Tally::default();
    let (mut vendors, mut found, mut not_found) = (0, 0, 0);
    let mut missed = Vec::new();
    let (mut non_companies, mut told) = (0, 0);
    let mut mistaken = Vec::new();
    for label in labels {
        let firm = by_id.get(label.group_id.as_str()).map(|&i| &findings.firms[i]);
        if !groups.contains(label.group_id.as_str()) {
            not_found += 1;
        }
        let confidence = firm.and_then(|f| f.confidence);
        if let Some(c) = confidence {
            per_level.entry(c).or_default().add(&label.label);
            flagged.add(&label.label);
        }
        if label.label == "vendor" {
            vendors += 1;
            match confidence {
                Some(_) => found += 1,
                None => missed.push(label.name.clone()),
            }
        }
        let kind = firm.map_or(ExhibitorKind::Company, |f| f.kind);
        match label.kind.as_str() {
            "company" if kind != ExhibitorKind::Company => {
                mistaken.push(format!("{} (taken for {})", label.name, kind.as_str()))
            }
            "company" | "unsure" | "" => {}
            _ => {
                non_companies += 1;
                told += usize::from(kind != ExhibitorKind::Company);
            }
        }
    }
    let score = |level: &'static str, tally: Tally| LevelScore {
        level,
        tally,
        precision: tally.precision(),
        precision_if_unsure_right: tally.precision_if_unsure_right(),
    };
    SetScore {
        file: path.display().to_string(),
        labelled: labels.len(),
        not_found,
        levels: [Confidence::High, Confidence::Medium, Confidence::Low]
            .into_iter()
            .map(|c| score(c.as_str(), per_level.get(&c).copied().unwrap_or_default()))
            .collect(),
        flagged: score("flagged", flagged),
        recall: Recall {
            found,
            of: vendors,
            recall: (vendors > 0).then(|| found as f64 / vendors as f64),
            missed,
        },
        non_companies_told: (non_companies, told),
        companies_mistaken: mistaken,
    }
}

/// For each category rule, the labels of the firms it gives evidence for.
fn rule_precision(labels: &[Label], findings: &Findings) -> Vec<RuleScore> {
    let label_of: HashMap<&str, &str> = labels
        .iter()
        .map(|l| (l.group_id.as_str(), l.label.as_str()))
        .collect();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for firm in &findings.firms {
        let Some(label) = label_of.get(firm.id.as_str()) else {
            continue;
        };
        let rules: BTreeSet<String> = firm
            .capabilities
            .iter()
            .flat_map(|c| c.evidence.iter())
            .filter(|e| e.kind == EvidenceKind::Category)
            .map(|e| {
                format!(
                    "{} ({})",
                    fairwatch_assess::grade::heading_rule(&e.basis),
                    e.strength.as_str()
                )
            })
            .collect();
        for rule in rules {
            tallies.entry(rule).or_default().add(label);
        }
    }
    let mut scores: Vec<RuleScore> = tallies
        .into_iter()
        .map(|(rule, tally)| RuleScore {
            rule,
            precision: tally.precision(),
            tally,
        })
        .collect();
    scores.sort_by(|a, b| {
        let n = |s: &RuleScore| s.tally.vendor + s.tally.not_vendor + s.tally.unsure;
        n(b).cmp(&n(a)).then(a.rule.cmp(&b.rule))
    });
    scores
}

/// Of the firms the registry names (with it on), how many the fairs' own evidence flags with it off.
fn leave_registry_out(findings: &Findings, without: &Findings, labels: Option<&[Label]>) -> Recall {
    let vendor_ids: Option<BTreeSet<&str>> = labels.map(|ls| {
        ls.iter()
            .filter(|l| l.label == "vendor")
            .map(|l| l.group_id.as_str())
            .collect()
    });
    let registry_named: Vec<&fairwatch_assess::FirmFinding> = findings
        .firms
        .iter()
        .filter(|f| {
            f.capabilities
                .iter()
                .flat_map(|c| c.evidence.iter())
                .any(|e| matches!(e.kind, EvidenceKind::Registry | EvidenceKind::VendorList))
        })
        .filter(|f| vendor_ids.as_ref().is_none_or(|ids| ids.contains(f.id.as_str())))
        .collect();
    let flagged_without: BTreeSet<&str> = without
        .firms
        .iter()
        .filter(|f| f.flagged())
        .map(|f| f.id.as_str())
        .collect();
    let mut missed = Vec::new();
    let mut found = 0;
    for f in &registry_named {
        if flagged_without.contains(f.id.as_str()) {
            found += 1;
        } else {
            missed.push(f.name.clone());
        }
    }
    Recall {
        found,
        of: registry_named.len(),
        recall: (!registry_named.is_empty()).then(|| found as f64 / registry_named.len() as f64),
        missed,
    }
}

fn ratio(x: Option<f64>) -> String {
    x.map_or("-".into(), |x| format!("{x:.3}"))
}

fn print_set(title: &str, set: &SetScore) {
    println!(
        "{title}: {} ({} labelled firms, {} not found)",
        set.file, set.labelled, set.not_found
    );
    println!(
        "  {:<8} {:>7} {:>10} {:>7}   {:>9} {:>20}",
        "level", "vendor", "not_vendor", "unsure", "precision", "if unsure were right"
    );
    for l in set.levels.iter().chain(std::iter::once(&set.flagged)) {
        println!(
            "  {:<8} {:>7} {:>10} {:>7}   {:>9} {:>20}",
            l.level,
            l.tally.vendor,
            l.tally.not_vendor,
            l.tally.unsure,
            ratio(l.precision),
            ratio(l.precision_if_unsure_right)
        );
    }
    let r = &set.recall;
    println!(
        "  recall of labelled vendors: {} of {} = {}",
        r.found,
        r.of,
        ratio(r.recall)
    );
    if !r.missed.is_empty() {
        println!("    missed: {}", r.missed.join("; ").escape_debug());
    }
    println!(
        "  exhibitors labelled as not companies: {} of {} kept as their kind",
        set.non_companies_told.1, set.non_companies_told.0
    );
    if !set.companies_mistaken.is_empty() {
        println!(
            "  companies taken for another kind: {}",
            set.companies_mistaken.join("; ").escape_debug()
        );
    }
}

fn print(report: &AssessEval) {
    print_set("labelled set (rules set on it)", &report.tuned);
    if let Some(fresh) = &report.fresh {
        print_set("fresh blind sample", fresh);
    }
    for (title, r) in [
        (
            "leave-registry-out recall (every firm the registry names)",
            &report.leave_registry_out,
        ),
        (
            "leave-registry-out recall (labelled vendors the registry names)",
            &report.leave_registry_out_labelled,
        ),
    ] {
        println!("{title}: {} of {} = {}", r.found, r.of, ratio(r.recall));
    }
    println!("category rules on labelled firms (vendor / not_vendor / unsure, precision):");
    for rule in &report.rules {
        println!(
            "  {:>3} {:>3} {:>3}  {:>6}  {}",
            rule.tally.vendor,
            rule.tally.not_vendor,
            rule.tally.unsure,
            ratio(rule.precision),
            rule.rule.escape_debug()
        );
    }
}
