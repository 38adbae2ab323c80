//! `fairwatch report`: the four questions of the 2021 study for any window, fair set and adversary
//! list, at group or entity level, as Markdown, HTML, JSON or CSV.

use std::path::PathBuf;

use crate::pipeline;
use crate::source::*;
use anyhow::{bail, Context, Result};
use clap::Args;
use fairwatch_assess::{assess, Level, Scope, Settings};
use fairwatch_refdata::parse_adversaries;
use fairwatch_report::{render, Format, Report};

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
