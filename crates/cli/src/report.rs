//! `fairwatch report`: the four questions of the 2021 study for any window, fair set and adversary
//! list, at group or entity level, as Markdown, HTML, JSON or CSV. It reads the database `build`
//! wrote (the window is computed from the stored assessment); `--source` re-reads the corpus and
//! assesses it afresh instead, with the same figures (a test compares them).

use std::path::PathBuf;

use crate::pipeline;
use crate::source::*;
use anyhow::{bail, Context, Result};
use clap::Args;
use fairwatch_assess::{assess, within, Catalogue, Findings, Level, Scope, Settings};
use fairwatch_refdata::{adversary_codes, parse_adversaries};
use fairwatch_report::{render, Format, Report};
use fairwatch_store::Assessment;

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum LevelArg {
    Group,
    Entity,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum ReportFormat {
    /// Markdown, for the terminal.
    Md,
    /// One self-contained HTML page with SVG charts.
    Html,
    Json,
    /// One row per flagged firm.
    Csv,
}

#[derive(Args)]
pub(crate) struct ReportArgs {
    /// The database `fairwatch build` wrote, read unless --source is given.
    #[command(flatten)]
    pub(crate) db: DbArg,
    /// With --source (or --csv): the corpus is read and assessed afresh instead of the database, with
    /// --vendor-list and --judgements as a build would take them.
    #[command(flatten)]
    pub(crate) source: SourceArgs,
    #[command(flatten)]
    pub(crate) vendor_list: pipeline::VendorListArg,
    /// What a firm is: `group` (the corporate group people name, its entities beneath) or `entity`
    /// (each legal entity on its own).
    #[arg(long, value_enum, default_value = "group")]
    pub(crate) level: LevelArg,
    #[command(flatten)]
    pub(crate) judgements: JudgementsArg,
    /// First year of fairs to include.
    #[arg(long, value_name = "YEAR")]
    pub(crate) from: Option<i32>,
    /// Last year of fairs to include.
    #[arg(long, value_name = "YEAR")]
    pub(crate) to: Option<i32>,
    /// Only these fairs: a series slug ("milipol-qatar") or an edition ("milipol-qatar-2012").
    /// Repeat for several.
    #[arg(long, value_name = "SLUG")]
    pub(crate) fair: Vec<String>,
    #[arg(long, value_enum, default_value = "md")]
    pub(crate) format: ReportFormat,
    /// Write here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
    /// Replace the default adversary list (data/adversaries.csv) with this CSV (column iso2).
    #[arg(long, value_name = "FILE", conflicts_with = "adversary")]
    pub(crate) adversaries: Option<PathBuf>,
    /// Replace the default adversary list with these ISO 3166 codes. Repeat for several.
    #[arg(long, value_name = "XX")]
    pub(crate) adversary: Vec<String>,
}

pub(crate) fn run(args: ReportArgs) -> Result<()> {
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if from > to {
            bail!("--from {from} is after --to {to}: give the earlier year first");
        }
    }
    let settings = Settings {
        adversaries: match (&args.adversaries, args.adversary.is_empty()) {
            (Some(file), _) => {
                let text =
                    std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
                parse_adversaries(&file.display().to_string(), &text).map_err(anyhow::Error::msg)?
            }
            (None, false) => adversary_codes("--adversary", args.adversary.iter().map(String::as_str))
                .map_err(anyhow::Error::msg)?,
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
        fairs: args.fair.clone(),
    };
    let corpus = args.source.source.is_some() || !args.source.csv.is_empty();
    let (catalogue, findings) = if corpus {
        from_corpus(&args, &scope, &settings)?
    } else {
        from_database(&args.db.db, &scope, &settings)?
    };
    if findings.fairs.is_empty() {
        bail!("no fair edition matches --from/--to/--fair: nothing to report");
    }
    let report = Report::build(&catalogue, &findings);
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
            eprintln!("wrote {}", shown(path));
        }
        None => print!("{text}"),
    }
    Ok(())
}

/// The findings of the scope from the stored assessment.
fn from_database(db: &std::path::Path, scope: &Scope, settings: &Settings) -> Result<(Catalogue, Findings)> {
    let assessment =
        Assessment::open(db).context("reading the assessment (or give --source DIR to read the corpus)")?;
    let stored = assessment.stored(settings.level)?;
    let findings = within(&stored, &assessment.catalogue, scope, &settings.adversaries);
    Ok((assessment.catalogue, findings))
}

/// The findings of the scope from the corpus, resolved, grouped and assessed afresh.
fn from_corpus(args: &ReportArgs, scope: &Scope, settings: &Settings) -> Result<(Catalogue, Findings)> {
    let judgements = args.judgements.load()?;
    let list = args.vendor_list.load()?;
    let source = corpus_source(args.source.source.clone())?;
    let dataset = load_dataset(&source, &args.source, |_| Ok(()))?;
    let bar = spinner("resolving, grouping and assessing");
    let resolved = pipeline::Resolved::new(&dataset, &judgements, list.as_ref());
    let findings = assess(resolved.inputs(&dataset), scope, settings);
    bar.finish_and_clear();
    Ok((Catalogue::of(&dataset, &resolved.resolution), findings))
}
