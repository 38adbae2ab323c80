//! What several subcommands share: where the corpus and the judgements are read from, the
//! database argument, progress spinners, reading the corpus with its CSV lists, and reporting the
//! judgements that had no effect.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use clap::Args;
use fairwatch_group::Grouping;
use fairwatch_ingest::{fetch as ingest_fetch, read_corpus_with, read_csv_list, Dataset, ReadError};
use fairwatch_resolve::judgements::{self, Effect, Judgement};
use fairwatch_resolve::Resolution;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub(crate) use fairwatch_ingest::clean::for_terminal;

/// A path as it may be printed: a file name can hold escape sequences and bidirectional characters.
pub(crate) fn shown(path: &Path) -> String {
    for_terminal(&path.display().to_string()).into_owned()
}

#[derive(Args)]
pub(crate) struct SourceArgs {
    /// The corpus: a checkout of caatdata/arms-and-security-fair-exhibitors, or its data/ folder.
    /// Default: the cache filled by `fairwatch fetch` (fetched now if empty).
    #[arg(long, env = "FAIRWATCH_SOURCE", value_name = "DIR")]
    pub(crate) source: Option<PathBuf>,
    /// Extra exhibitor or sponsor lists as CSV (columns name, event, year; optional country,
    /// website, category, role), such as ISS World attendance. Repeat for several files.
    #[arg(long, value_name = "FILE")]
    pub(crate) csv: Vec<PathBuf>,
    /// Skip files that cannot be read, fair files and CSV lists alike (they are listed, and stored
    /// in `ingest_problem`) instead of stopping at the first.
    #[arg(long)]
    pub(crate) keep_going: bool,
}

/// Where judgements are kept when no `--judgements` is given.
pub(crate) const DEFAULT_JUDGEMENTS: &str = "curation/judgements.csv";

#[derive(Args)]
pub(crate) struct JudgementsArg {
    /// Human judgements (same / not the same / unsure; same group / not the same group) applied on
    /// every build [default: curation/judgements.csv, which may be missing; a file named here must
    /// exist]
    #[arg(long = "judgements", value_name = "FILE")]
    pub(crate) given: Option<PathBuf>,
}

impl JudgementsArg {
    /// The judgements file: the one given, else the default.
    pub(crate) fn path(&self) -> &Path {
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
pub(crate) struct DbArg {
    /// The SQLite database.
    #[arg(
        long,
        env = "FAIRWATCH_DB",
        value_name = "FILE",
        default_value = "fairwatch.sqlite"
    )]
    pub(crate) db: PathBuf,
}

pub(crate) fn spinner(message: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("valid template"));
    bar.set_message(message.to_owned());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

pub(crate) fn corpus_source(source: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(source) = source {
        if !source.is_dir() {
            bail!("--source {}: no such folder", source.display());
        }
        return Ok(source);
    }
    let cache = crate::paths::corpus_cache()?;
    if cache.join("data").is_dir() {
        return Ok(cache);
    }
    eprintln!(
        "no corpus in {} yet: fetching it from its publisher",
        shown(&cache)
    );
    crate::fetch::run(crate::fetch::FetchArgs {
        vendor_list: false,
        url: ingest_fetch::CAAT_ARCHIVE_URL.to_owned(),
        archive: None,
        dest: Some(cache),
    })
}

/// Reads the corpus and any CSV lists, with a progress bar, handing the growing dataset to
/// `on_file` as each fair is added; reports skipped files.
pub(crate) fn load_dataset(
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
        match read_csv_list(csv, &mut dataset) {
            Ok(()) => {}
            Err(ReadError::Invalid(problem)) if args.keep_going => dataset.problems.push(problem),
            Err(error) => return Err(error.into()),
        }
    }
    for problem in &dataset.problems {
        eprintln!("skipped {}", for_terminal(&problem.to_string()));
    }
    Ok(dataset)
}

/// What each judgement did: the group stage reports on group verdicts, the resolver on the others.
pub(crate) fn judgement_effects(resolution: &Resolution, grouping: &Grouping) -> Vec<Option<Effect>> {
    resolution
        .judgement_effects
        .iter()
        .zip(&grouping.judgement_effects)
        .map(|(entity, group)| entity.clone().or_else(|| group.clone()))
        .collect()
}

/// A judgement that did nothing is said, never ignored.
pub(crate) fn report_ineffective_judgements(
    path: &Path,
    judgements: &[Judgement],
    effects: &[Option<Effect>],
) {
    for (j, effect) in judgements.iter().zip(effects) {
        if let Some(effect) = effect.as_ref().filter(|e| **e != Effect::Applied) {
            eprintln!(
                "warning: {}: the {} judgement {:?} ~ {:?} had no effect: {} ({})",
                shown(path),
                j.verdict.as_str(),
                j.left,
                j.right,
                effect.as_str(),
                effect.detail().escape_debug()
            );
        }
    }
}
