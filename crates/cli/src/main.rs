//! The `fairwatch` command: wires the stages (ingest → resolve → assess → store / report) together. Each stage lives in its own
//! crate; this file only parses arguments, shows progress and prints results.

mod eval_assess;
mod paths;
mod pipeline;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use fairwatch_assess::{assess, Level, Scope, Settings};
use fairwatch_group::truth::{
    load_pairs, score_domain_truth, score_pairs as score_pairs_at_levels, PairTruthScores, Weighted,
};
use fairwatch_group::{curated_links, group, Grouping};
use fairwatch_ingest::{fetch, read_corpus, read_corpus_with, read_csv_list, Dataset};
use fairwatch_refdata::parse_adversaries;
use fairwatch_report::{render, Format, Report};
use fairwatch_resolve::domain::{is_generic, registrable_domain};
use fairwatch_resolve::eval::{
    domain_truth, load_truth_pairs, score_against, score_pairs, worst_errors, DomainTruth, MergePath,
};
use fairwatch_resolve::judgements::{self, Effect, Judgement, Verdict};
use fairwatch_resolve::metrics::ClusterScores;
use fairwatch_resolve::normalise::split_name;
use fairwatch_resolve::{resolve, Options, Resolution};
use fairwatch_store::{summarise, Builder, Summary};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// fairwatch turns the public record of arms and security fairs into evidence about the commercial
/// cyber-surveillance trade.
///
/// Start with `fairwatch build`: it fetches the Arms & Security Fair Exhibitor Data of Campaign
/// Against Arms Trade and Omega Research Foundation (or reads a local copy given with --source),
/// and writes everything into one SQLite file you can open with any SQLite tool.
#[derive(Parser)]
#[command(version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read every fair (and any CSV lists) and write the database.
    ///
    /// The database is written beside its target and renamed into place only when complete: a
    /// crash or a bad file never replaces the last good database.
    Build(BuildArgs),
    /// Download the corpus from its publisher into the cache (or unpack an archive you downloaded).
    Fetch(FetchArgs),
    /// Print what a built database holds.
    Stats(StatsArgs),
    /// Measure entity resolution: pairwise and B-cubed precision, recall and F1 against the truth
    /// built from shared website domains (with websites shown to and hidden from the matcher), and
    /// against the hand-labelled pairs.
    Eval(EvalArgs),
    /// Record a human judgement that two names are (not) the same company. It is kept in the
    /// judgements file and applied on every rebuild.
    Judge(JudgeArgs),
    /// Answer the four questions of the 2021 Atlantic Council study from the fairs: which firms market
    /// interception/intrusion, which market it outside their home continent, which fairs and host
    /// countries draw them, and which market it to US/NATO adversaries. Every firm comes with its
    /// evidence (file and place in it) and a plain-language rating.
    ///
    /// Runs the whole pipeline from the corpus files, so any window and fair set can be asked:
    /// `fairwatch report --from 2000 --to 2021 --fair milipol-paris --format html --out report.html`.
    Report(ReportArgs),
}

#[derive(Args)]
struct SourceArgs {
    /// The corpus: a checkout of caatdata/arms-and-security-fair-exhibitors, or its data/ folder.
    /// Default: the cache filled by `fairwatch fetch` (fetched now if empty).
    #[arg(long, env = "FAIRWATCH_SOURCE", value_name = "DIR")]
    source: Option<PathBuf>,
    /// Extra exhibitor or sponsor lists as CSV (columns name, event, year; optional country,
    /// website, category, role), such as ISS World attendance. Repeat for several files.
    #[arg(long, value_name = "FILE")]
    csv: Vec<PathBuf>,
    /// Skip files that cannot be read (they are listed, and stored in `ingest_problem`) instead of
    /// stopping at the first.
    #[arg(long)]
    keep_going: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LevelArg {
    Group,
    Entity,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    /// Markdown, for the terminal.
    Md,
    /// One self-contained HTML page with SVG charts.
    Html,
    Json,
    /// One row per flagged firm.
    Csv,
}

#[derive(Args)]
struct ReportArgs {
    #[command(flatten)]
    source: SourceArgs,
    #[command(flatten)]
    vendor_list: pipeline::VendorListArg,
    /// What a firm is: `group` (the corporate group people name, its entities beneath) or `entity`
    /// (each legal entity on its own).
    #[arg(long, value_enum, default_value = "group")]
    level: LevelArg,
    #[command(flatten)]
    judgements: JudgementsArg,
    /// First year of fairs to include.
    #[arg(long, value_name = "YEAR")]
    from: Option<i32>,
    /// Last year of fairs to include.
    #[arg(long, value_name = "YEAR")]
    to: Option<i32>,
    /// Only these fairs: a series slug ("milipol-qatar") or an edition ("milipol-qatar-2012").
    /// Repeat for several.
    #[arg(long, value_name = "SLUG")]
    fair: Vec<String>,
    #[arg(long, value_enum, default_value = "md")]
    format: ReportFormat,
    /// Write here instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace the default adversary list (data/adversaries.csv) with this CSV (column iso2).
    #[arg(long, value_name = "FILE", conflicts_with = "adversary")]
    adversaries: Option<PathBuf>,
    /// Replace the default adversary list with these ISO 3166 codes. Repeat for several.
    #[arg(long, value_name = "XX")]
    adversary: Vec<String>,
}

/// Where judgements are kept when no `--judgements` is given.
const DEFAULT_JUDGEMENTS: &str = "curation/judgements.csv";

#[derive(Args)]
pub(crate) struct JudgementsArg {
    /// Human judgements (same / not the same / unsure; same group / not the same group) applied on
    /// every build [default: curation/judgements.csv, which may be missing; a file named here must
    /// exist]
    #[arg(long = "judgements", value_name = "FILE")]
    given: Option<PathBuf>,
}

impl JudgementsArg {
    /// The judgements file: the one given, else the default.
    fn path(&self) -> &Path {
        self.given.as_deref().unwrap_or(Path::new(DEFAULT_JUDGEMENTS))
    }

    /// Loads the judgements; a file named on the command line that does not exist is an error (a
    /// typo would otherwise apply none, silently). What each judgement did is reported after the
    /// build applies them.
    pub(crate) fn load(&self) -> Result<Vec<Judgement>> {
        if let Some(path) = self.given.as_deref().filter(|p| !p.exists()) {
            bail!(
                "{}: no such judgements file (leave out --judgements to use {DEFAULT_JUDGEMENTS})",
                path.display()
            );
        }
        Ok(judgements::load(self.path())?)
    }
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
struct EvalArgs {
    #[command(subcommand)]
    what: Option<EvalWhat>,
    /// The corpus (as for `build`).
    #[arg(long, env = "FAIRWATCH_SOURCE", value_name = "DIR")]
    source: Option<PathBuf>,
    #[command(flatten)]
    judgements: JudgementsArg,
    /// Hand-labelled pairs of names (known traps).
    #[arg(long, value_name = "FILE", default_value = "curation/truth_pairs.csv")]
    truth: PathBuf,
    /// The hand-labelled sample of name pairs (same entity / same group / different), drawn by
    /// `crates/synth/examples/sample_truth_pairs.rs`; scored at entity and group level, weighted.
    #[arg(long, value_name = "FILE", default_value = "curation/pair_truth.csv")]
    pair_truth: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Also list the N worst splits and merges against the domain truth (websites hidden), to find
    /// what to fix or to judge.
    #[arg(long, value_name = "N", default_value_t = 0)]
    errors: usize,
    /// Also write every company record as JSON Lines (record, name, country, truth domain or null,
    /// fairwatch company with websites hidden), so another matcher can be run and scored on the same
    /// records and truth (`bench/splink/compare.py`).
    #[arg(long, value_name = "FILE")]
    export: Option<PathBuf>,
}

#[derive(Subcommand)]
enum EvalWhat {
    /// Measure the assessment against the labelled firms (curation/capability_labels.csv):
    /// precision per confidence level, recall of labelled vendors, leave-registry-out recall, and
    /// the precision of each category rule.
    Assess(eval_assess::AssessEvalArgs),
}

#[derive(Args)]
struct JudgeArgs {
    /// A name as it appears in the data.
    left: String,
    /// The other name.
    right: String,
    /// same, not-same or unsure (one legal entity or not); same-group or not-same-group (one
    /// corporate group or not).
    verdict: Verdict,
    /// Why (a source, a reason).
    #[arg(long, default_value = "")]
    note: String,
    /// Who decided.
    #[arg(long, env = "USER", default_value = "unknown")]
    author: String,
    #[command(flatten)]
    judgements: JudgementsArg,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    source: SourceArgs,
    #[command(flatten)]
    vendor_list: pipeline::VendorListArg,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    judgements: JudgementsArg,
    /// Replace the file at --db even if it is not a fairwatch database.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct DbArg {
    /// The SQLite database.
    #[arg(
        long,
        env = "FAIRWATCH_DB",
        value_name = "FILE",
        default_value = "fairwatch.sqlite"
    )]
    db: PathBuf,
}

#[derive(Args)]
struct FetchArgs {
    /// Fetch the published vendor list (digitalfreedom/data-vendors, at its default branch's commit)
    /// instead of the corpus.
    #[arg(long, conflicts_with = "archive")]
    vendor_list: bool,
    /// Where the archive of the publisher's default branch is downloaded from.
    #[arg(long, default_value = fetch::CAAT_ARCHIVE_URL)]
    url: String,
    /// Unpack this .tar.gz of the repository instead of downloading.
    #[arg(long, value_name = "FILE", conflicts_with = "url")]
    archive: Option<PathBuf>,
    /// Where to put the corpus. Default: the fairwatch cache folder.
    #[arg(long, value_name = "DIR")]
    dest: Option<PathBuf>,
}

#[derive(Args)]
struct StatsArgs {
    #[command(flatten)]
    db: DbArg,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(args),
        Command::Fetch(args) => fetch_corpus(args).map(|_| ()),
        Command::Stats(args) => stats(args),
        Command::Eval(args) => eval(args),
        Command::Judge(args) => judge(args),
        Command::Report(args) => report(args),
    };
    if let Err(error) = result {
        eprintln!("error: {error:#}");
        std::process::exit(1);
    }
}

fn spinner(message: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("valid template"));
    bar.set_message(message.to_owned());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

fn fetch_corpus(args: FetchArgs) -> Result<PathBuf> {
    if args.vendor_list {
        let dest = match args.dest {
            Some(dest) => dest,
            None => paths::cache("digitalfreedom-vendors")?,
        };
        return pipeline::fetch_vendor_list(&dest);
    }
    let dest = match args.dest {
        Some(dest) => dest,
        None => paths::corpus_cache()?,
    };
    let fetched = match &args.archive {
        Some(archive) => fetch::unpack_corpus_file(archive, &dest)?,
        None => {
            let bar = spinner(&format!("downloading {}", args.url));
            let fetched = fetch::download_corpus(&args.url, &dest);
            bar.finish_and_clear();
            fetched.with_context(|| {
                format!(
                    "no network? Download {} by hand and run `fairwatch fetch --archive FILE`, \
                     or pass a local copy to `fairwatch build --source DIR`",
                    args.url
                )
            })?
        }
    };
    eprintln!("{} fair files in {}", fetched.files, fetched.dir.display());
    Ok(fetched.dir)
}

pub(crate) fn corpus_source(source: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(source) = source {
        if !source.is_dir() {
            bail!("--source {}: no such folder", source.display());
        }
        return Ok(source);
    }
    let cache = paths::corpus_cache()?;
    if cache.join("data").is_dir() {
        return Ok(cache);
    }
    eprintln!(
        "no corpus in {} yet: fetching it from its publisher",
        cache.display()
    );
    fetch_corpus(FetchArgs {
        vendor_list: false,
        url: fetch::CAAT_ARCHIVE_URL.to_owned(),
        archive: None,
        dest: Some(cache),
    })
}

/// Reads the corpus and any CSV lists, with a progress bar, handing the growing dataset to
/// `on_file` as each fair is added; reports skipped files.
fn load_dataset(
    source: &Path,
    args: &SourceArgs,
    mut on_file: impl FnMut(&Dataset) -> Result<()>,
) -> Result<Dataset> {
    let (_, files) = fairwatch_ingest::corpus_files(source)?;
    let bar = ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("reading fairs {bar:40} {pos}/{len} {elapsed}").expect("valid template"),
    );
    let mut dataset = read_corpus_with(source, args.keep_going, |d| {
        bar.inc(1);
        on_file(d)
    })?;
    bar.finish_and_clear();
    for csv in &args.csv {
        dataset.extend(read_csv_list(csv)?);
    }
    for problem in &dataset.problems {
        eprintln!("skipped {problem}");
    }
    Ok(dataset)
}

fn report(args: ReportArgs) -> Result<()> {
    let settings = Settings {
        adversaries: match (&args.adversaries, args.adversary.is_empty()) {
            (Some(file), _) => {
                let text =
                    std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
                parse_adversaries(&file.display().to_string(), &text).map_err(anyhow::Error::msg)?
            }
            (None, false) => {
                let list: Vec<String> = args.adversary.iter().map(|a| format!("{a}\n")).collect();
                parse_adversaries("--adversary", &format!("iso2\n{}", list.concat()))
                    .map_err(anyhow::Error::msg)?
            }
            (None, true) => Settings::default().adversaries,
        },
        level: match args.level {
            LevelArg::Group => Level::Group,
            LevelArg::Entity => Level::Entity,
        },
    };
    let scope = Scope {
        from: args.from,
        to: args.to,
        fairs: args.fair,
    };
    let judgements = args.judgements.load()?;
    let list = args.vendor_list.load()?;
    let source = corpus_source(args.source.source.clone())?;
    let dataset = load_dataset(&source, &args.source, |_| Ok(()))?;
    let bar = spinner("resolving, grouping and assessing");
    let resolved = pipeline::Resolved::new(&dataset, &judgements, list.as_ref());
    let findings = assess(resolved.inputs(&dataset), &scope, &settings);
    let report = Report::build(&dataset, &resolved.resolution, &findings);
    bar.finish_and_clear();
    if findings.fairs.is_empty() {
        bail!("no fair edition matches --from/--to/--fair: nothing to report");
    }
    let format = match args.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Json => Format::Json,
        ReportFormat::Csv => Format::Csv,
    };
    let text = render(&report, format);
    match &args.out {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}

/// Records are written as the files are read, and indexed on a thread of their own while companies
/// are resolved, so the database costs little time beyond reading and resolving.
fn build(args: BuildArgs) -> Result<()> {
    let started = Instant::now();
    let judgements = args.judgements.load()?;
    let list = args.vendor_list.load()?;
    fairwatch_store::check_target(&args.db.db, args.force)?;
    let source = corpus_source(args.source.source.clone())?;
    let mut builder = Builder::create(&args.db.db)?;
    builder.write_reference(&[
        ("fairwatch_version", env!("CARGO_PKG_VERSION").to_owned()),
        ("built_at", paths::build_time()?),
        ("corpus", source.display().to_string()),
    ])?;
    let dataset = load_dataset(&source, &args.source, |d| Ok(builder.write_records(d)?))?;
    let read_seconds = started.elapsed().as_secs_f64();
    let bar = spinner("resolving, grouping and assessing companies");
    let (resolved, (groups, entities), builder) = std::thread::scope(|scope| {
        let records = scope.spawn(|| -> Result<Builder> {
            builder.write_dataset(&dataset)?;
            builder.index_records()?;
            Ok(builder)
        });
        let resolved = pipeline::Resolved::new(&dataset, &judgements, list.as_ref());
        let findings = resolved.assess_both(&dataset);
        let builder = records
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (resolved, findings, builder)
    });
    let (resolution, grouping) = (&resolved.resolution, &resolved.grouping);
    let effects = judgement_effects(resolution, grouping);
    report_ineffective_judgements(args.judgements.path(), &judgements, &effects);
    bar.finish_and_clear();
    let mut builder = builder?;
    let resolve_seconds = started.elapsed().as_secs_f64() - read_seconds;
    let bar = spinner("writing companies");
    let written = builder
        .write_resolution(&dataset, resolution)
        .and_then(|()| builder.write_groups(resolution, grouping, &judgements, &effects))
        .and_then(|()| builder.write_findings(resolution, &groups))
        .and_then(|()| builder.write_findings(resolution, &entities))
        .and_then(|()| builder.commit());
    bar.finish_and_clear();
    let path = written?;
    let built_seconds = started.elapsed().as_secs_f64();
    let summary = summarise(&fairwatch_store::open(&path)?)?;
    print_summary(&summary, &path);
    eprintln!(
        "built in {built_seconds:.2} s (reading and writing records {read_seconds:.2} s, resolving and assessing \
         {resolve_seconds:.2} s, writing companies {:.2} s)",
        built_seconds - read_seconds - resolve_seconds
    );
    Ok(())
}

fn eval(args: EvalArgs) -> Result<()> {
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
    let grouping = group(&dataset, &seeing, &curated_links(), &judgements);
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

fn export_for_comparison(
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
            "telephones": record.telephones,
            "address": record.address,
            "categories": record.categories,
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
fn print_merge_path(path: &MergePath) {
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

fn print_pair_truth(path: &Path, s: &PairTruthScores, errors: usize) {
    println!(
        "{}: {} pairs, {} labelled, {} unsure, {} missing (weighted by stratum, websites shown)",
        path.display(),
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

fn print_scores(label: &str, s: &ClusterScores) {
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

/// What each judgement did: the group stage reports on group verdicts, the resolver on the others.
fn judgement_effects(resolution: &Resolution, grouping: &Grouping) -> Vec<Option<Effect>> {
    resolution
        .judgement_effects
        .iter()
        .zip(&grouping.judgement_effects)
        .map(|(entity, group)| entity.clone().or_else(|| group.clone()))
        .collect()
}

/// A judgement that did nothing is said, never ignored.
fn report_ineffective_judgements(path: &Path, judgements: &[Judgement], effects: &[Option<Effect>]) {
    for (j, effect) in judgements.iter().zip(effects) {
        if let Some(effect) = effect.as_ref().filter(|e| **e != Effect::Applied) {
            eprintln!(
                "warning: {}: the {} judgement {:?} ~ {:?} had no effect: {} ({})",
                path.display(),
                j.verdict.as_str(),
                j.left,
                j.right,
                effect.as_str(),
                effect.detail().escape_debug()
            );
        }
    }
}

fn judge(args: JudgeArgs) -> Result<()> {
    let judgement = Judgement {
        left: args.left,
        right: args.right,
        verdict: args.verdict,
        author: args.author,
        date: paths::utc_now()[..10].to_owned(),
        note: args.note,
    };
    if let Some(key) = judgement.unenforceable_key() {
        bail!(
            "{:?} and {:?} both read as the company name {key:?}, so they cannot be kept apart; \
             judge a pair of names that differ after normalisation",
            judgement.left,
            judgement.right
        );
    }
    judgements::append(args.judgements.path(), &judgement)
        .with_context(|| format!("writing {}", args.judgements.path().display()))?;
    eprintln!(
        "recorded in {}; applied on the next `fairwatch build`",
        args.judgements.path().display()
    );
    Ok(())
}

fn stats(args: StatsArgs) -> Result<()> {
    let conn = fairwatch_store::open(&args.db.db)?;
    let summary = summarise(&conn)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        print_summary(&summary, &args.db.db);
    }
    Ok(())
}

fn percent(part: i64, whole: i64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn print_summary(s: &Summary, path: &Path) {
    let records = s.exhibitor_records;
    println!("{}", path.display());
    println!(
        "  fairs            {} editions of {} series, {}–{}; {} with exhibitor lists; {} with a host country",
        s.fairs,
        s.fair_series,
        s.first_year.map_or("?".into(), |y| y.to_string()),
        s.last_year.map_or("?".into(), |y| y.to_string()),
        s.fairs_with_exhibitor_list,
        s.fairs_with_host_country,
    );
    println!(
        "  records          {records} exhibitor records ({} exact repeats inside a list)",
        s.exact_duplicate_records
    );
    for (label, n) in [
        ("with a country", s.records_with_country),
        ("with a website", s.records_with_website),
        ("with categories", s.records_with_categories),
    ] {
        println!("  {label:<16} {n} ({:.1}%)", percent(n, records));
    }
    let list = |items: &[(String, i64)]| {
        items
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "  companies        {} ({} records are pavilions, lounges or unnamed); {} relations",
        s.companies, s.records_not_companies, s.company_relations
    );
    println!(
        "  groups           {} ({} of several companies, holding {} companies); {} curated member names \
         not found",
        s.groups,
        s.groups_of_several,
        s.companies_in_groups_of_several,
        s.curated_unmatched.len()
    );
    println!(
        "  judgements       {} ({} without effect)",
        s.judgements,
        s.ineffective_judgements.len()
    );
    // Names typed into the judgements file reach the terminal with their control characters escaped.
    for j in &s.ineffective_judgements {
        println!("                   {}", j.escape_debug());
    }
    println!("  host countries   {}", list(&s.top_host_countries));
    println!("  exhibitor from   {}", list(&s.top_exhibitor_countries));
    let unresolved: i64 = s.unresolved_country_values.iter().map(|v| v.2).sum();
    let not_country: i64 = s.not_a_country_values.iter().map(|v| v.2).sum();
    println!(
        "  country values   {} distinct values ({unresolved} uses) unresolved; {} ({not_country} uses) name no single country",
        s.unresolved_country_values.len(),
        s.not_a_country_values.len()
    );
    for (field, value, n) in s.unresolved_country_values.iter().take(12) {
        println!("                   {n:>5} × {value:?} in {field}");
    }
    if !s.ingest_problems.is_empty() {
        println!("  skipped files    {}", s.ingest_problems.len());
        for p in &s.ingest_problems {
            println!("                   {p}");
        }
    }
}
