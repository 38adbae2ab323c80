//! `fairwatch eval`: entity resolution and grouping measured against the domain truth and the
//! hand-labelled pairs (`fairwatch eval assess` is in eval_assess.rs).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::eval_assess;
use crate::source::*;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use fairwatch_group::truth::{
    load_pairs, score_domain_truth, score_pairs as score_pairs_at_levels, PairTruthScores, Weighted,
};
use fairwatch_group::{curated_links, group};
use fairwatch_ingest::read_corpus;
use fairwatch_resolve::domain::{is_generic, registrable_domain};
use fairwatch_resolve::eval::{
    domain_truth, load_truth_pairs, score_against, score_pairs, worst_errors, DomainTruth, MergePath,
};
use fairwatch_resolve::metrics::ClusterScores;
use fairwatch_resolve::normalise::split_name;
use fairwatch_resolve::{resolve, Options};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct EvalArgs {
    #[command(subcommand)]
    pub(crate) what: Option<EvalWhat>,
    /// The corpus (as for `build`).
    #[arg(long, env = "FAIRWATCH_SOURCE", value_name = "DIR")]
    pub(crate) source: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) judgements: JudgementsArg,
    /// Hand-labelled pairs of names (known traps).
    #[arg(long, value_name = "FILE", default_value = "curation/truth_pairs.csv")]
    pub(crate) truth: PathBuf,
    /// The hand-labelled sample of name pairs (same entity / same group / different), drawn by
    /// `crates/synth/examples/sample_truth_pairs.rs`; scored at entity and group level, weighted.
    #[arg(long, value_name = "FILE", default_value = "curation/pair_truth.csv")]
    pub(crate) pair_truth: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub(crate) json: bool,
    /// Also list the N worst splits and merges against the domain truth (websites hidden), to find
    /// what to fix or to judge.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) errors: usize,
    /// Also write every company record as JSON Lines (record, name, country, truth domain or null,
    /// fairwatch company with websites hidden), so another matcher can be run and scored on the same
    /// records and truth (`bench/splink/compare.py`).
    #[arg(long, value_name = "FILE")]
    pub(crate) export: Option<PathBuf>,
}

#[derive(Subcommand)]
pub(crate) enum EvalWhat {
    /// Measure the assessment against the labelled firms (curation/capability_labels.csv):
    /// precision per confidence level, recall of labelled vendors, leave-registry-out recall, and
    /// the precision of each category rule.
    Assess(eval_assess::AssessEvalArgs),
}

pub(crate) fn run(args: EvalArgs) -> Result<()> {
    if let Some(EvalWhat::Assess(args)) = args.what {
        return eval_assess::run(args);
    }
    let source = corpus_source(args.source)?;
    let dataset = read_corpus(&source, false)?;
    let judgements = args.judgements.load()?;
    let started = Instant::now();
    let blind = resolve(&dataset, &judgements, Options { use_websites: false });
    let blind_seconds = started.elapsed().as_secs_f64();
    let seeing = resolve(&dataset, &judgements, Options { use_websites: true });
    let truth = domain_truth(&dataset, &blind);
    let without = score_against(&truth, &blind);
    let with = score_against(&truth, &seeing);
    let pairs = load_truth_pairs(&args.truth).map_err(anyhow::Error::msg)?;
    let hand = score_pairs(&dataset, &blind, &pairs);
    let errors = worst_errors(&dataset, &truth, &blind, args.errors);
    let started = Instant::now();
    let grouping = group(&dataset, &seeing, curated_links(), &judgements);
    let group_seconds = started.elapsed().as_secs_f64();
    let labelled = load_pairs(&args.pair_truth).map_err(anyhow::Error::msg)?;
    let sample = score_pairs_at_levels(&dataset, &seeing, &grouping, &labelled);
    let grouped = score_domain_truth(&truth, &seeing, &grouping);
    if let Some(path) = &args.export {
        export_for_comparison(path, &dataset, &truth, &blind)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if args.json {
        let report = serde_json::json!({
            "domain_truth": truth,
            "websites_hidden": without,
            "websites_shown": with,
            "groups_websites_shown": grouped,
            "hand_labelled": hand,
            "pair_truth": sample,
            "groups": grouping.groups.len(),
            "companies_websites_hidden": blind.companies.len(),
            "companies_websites_shown": seeing.companies.len(),
            "resolve_seconds": blind_seconds,
            "group_seconds": group_seconds,
            "worst_errors_websites_hidden": errors,
            "judgement_effects_websites_hidden": blind.judgement_effects,
        });
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    println!(
        "domain truth: {} records, {} domains (excluded: {} generic, {} fairs' own, {} group-wide, {} crowded)",
        truth.records, truth.domains, truth.excluded_generic, truth.excluded_fair_own,
        truth.excluded_group_wide, truth.excluded_crowded
    );
    println!(
        "{:<18} {:>9} {:>9} {:>9}   {:>9} {:>9} {:>9}",
        "", "pair P", "pair R", "pair F1", "B3 P", "B3 R", "B3 F1"
    );
    for (label, s) in [
        ("websites hidden", &without),
        ("websites shown", &with),
        ("groups (shown)", &grouped),
    ] {
        print_scores(label, s);
    }
    println!(
        "hand-labelled pairs: {} ({} missing from the data): precision {:.3}, recall {:.3}, F1 {:.3}",
        hand.pairs, hand.missing, hand.scores.precision, hand.scores.recall, hand.scores.f1
    );
    for o in hand
        .outcomes
        .iter()
        .filter(|o| o.predicted_same != Some(o.pair.same))
    {
        let verdict = if o.pair.same { "same" } else { "not the same" };
        println!(
            "  wrong: {:?} ~ {:?} should be {verdict} ({})",
            o.pair.left, o.pair.right, o.pair.note
        );
    }
    print_pair_truth(&args.pair_truth, &sample, args.errors);
    let effects = judgement_effects(&blind, &grouping);
    report_ineffective_judgements(args.judgements.path(), &judgements, &effects);
    println!(
        "{} companies (websites hidden), {} (shown) in {} groups; resolved in {blind_seconds:.2} s, grouped in \
         {group_seconds:.2} s",
        blind.companies.len(),
        seeing.companies.len(),
        grouping.groups.len()
    );
    for (title, list) in [("split", &errors.splits), ("merged", &errors.merges)] {
        for error in list {
            println!("{title} {} ({} pairs):", error.label, error.pairs);
            for part in &error.parts {
                println!("    {}", part.join(" | "));
            }
            for path in &error.joined_by {
                print_merge_path(path);
            }
        }
    }
    Ok(())
}

pub(crate) fn export_for_comparison(
    path: &Path,
    dataset: &fairwatch_ingest::Dataset,
    truth: &DomainTruth,
    blind: &fairwatch_resolve::Resolution,
) -> Result<()> {
    let label: std::collections::HashMap<usize, &str> =
        truth.items.iter().map(|(i, d)| (*i, d.as_str())).collect();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for (i, record) in dataset.records.iter().enumerate() {
        let Some(company) = blind.record_company[i] else {
            continue;
        };
        let fair = &dataset.fairs[record.fair];
        let domains: Vec<String> = record
            .details()
            .websites
            .iter()
            .filter_map(|w| registrable_domain(w).filter(|d| !is_generic(d)))
            .collect();
        let line = serde_json::json!({
            "record": i,
            "name": record.name,
            "key": split_name(&record.name).key,
            "country": record.country.iso2,
            "domains": domains,
            "telephones": record.details().telephones,
            "address": record.details().address,
            "categories": record.details().categories,
            "fair": format!("{} {}", fair.series, fair.year.map_or(String::new(), |y| y.to_string())),
            "duplicate": record.duplicate_of.is_some(),
            "truth": label.get(&i),
            "fairwatch": blind.companies[company].id,
        });
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}

/// The links that put two parts of a company together.
pub(crate) fn print_merge_path(path: &MergePath) {
    match &path.shared_key {
        Some(key) => println!("  part {} shares the name key {key:?} with part 0", path.part),
        None if path.links.is_empty() => println!("  part {}: no link found", path.part),
        None => {
            for link in &path.links {
                println!(
                    "  joined by {}: {:?} ~ {:?}",
                    link.evidence, link.left, link.right
                );
            }
        }
    }
}

pub(crate) fn print_pair_truth(path: &Path, s: &PairTruthScores, errors: usize) {
    println!(
        "{}: {} pairs, {} labelled, {} unsure, {} missing (weighted by stratum, websites shown)",
        crate::source::shown(path),
        s.pairs,
        s.labelled,
        s.unsure,
        s.missing
    );
    for (level, scores, right) in [
        ("entity", &s.entity, s.entity_right),
        ("group", &s.group, s.group_right),
    ] {
        println!(
            "  {level:<7} precision {:.3}, recall {:.3}, F1 {:.3} ({right} of {} right unweighted)",
            scores.precision,
            scores.recall,
            scores.f1,
            s.labelled - s.missing
        );
    }
    if errors > 0 {
        println!(
            "  {:<18} {:>28} {:>28}",
            "stratum", "entity TP / FP / FN", "group TP / FP / FN"
        );
        for (stratum, (entity, group)) in &s.strata {
            let counts = |w: &Weighted| {
                format!(
                    "{:.0} / {:.0} / {:.0}",
                    w.true_positive, w.false_positive, w.false_negative
                )
            };
            println!("  {stratum:<18} {:>28} {:>28}", counts(entity), counts(group));
        }
    }
    for e in s.errors.iter().take(errors) {
        let said = if e.predicted_same { "joined" } else { "apart" };
        println!(
            "  {} {} {said}: {} ~ {} is {:?} ({})",
            e.pair.escape_debug(),
            e.level,
            e.left.escape_debug(),
            e.right.escape_debug(),
            e.label,
            e.reason.escape_debug()
        );
        if let Some(path) = &e.joined_by {
            print_merge_path(path);
        }
    }
}

pub(crate) fn print_scores(label: &str, s: &ClusterScores) {
    println!(
        "{label:<18} {:>9.3} {:>9.3} {:>9.3}   {:>9.3} {:>9.3} {:>9.3}",
        s.pairwise.precision,
        s.pairwise.recall,
        s.pairwise.f1,
        s.bcubed.precision,
        s.bcubed.recall,
        s.bcubed.f1
    );
}
