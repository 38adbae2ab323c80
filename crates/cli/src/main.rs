//! The `fairwatch` command: wires the stages (ingest → resolve → group → assess → store / report /
//! serve) together. Each stage lives in its own crate; each subcommand in its own file here, with its
//! `Args` and its `run` (as xsv does); `pipeline.rs` is the one place that runs the stages after
//! reading, and `source.rs` holds what several subcommands share. This file only parses the command.

mod build;
mod eval;
mod eval_assess;
mod fetch;
mod interrupt;
mod judge;
mod paths;
mod pipeline;
mod report;
mod serve;
mod source;
mod stats;

use clap::{Parser, Subcommand};

/// The stages make and free millions of small strings and vectors; mimalloc's per-thread free lists
/// spend far less time on them than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    Build(build::BuildArgs),
    /// Download the corpus from its publisher into the cache (or unpack an archive you downloaded).
    Fetch(fetch::FetchArgs),
    /// Print what a built database holds.
    Stats(stats::StatsArgs),
    /// Measure entity resolution: pairwise and B-cubed precision, recall and F1 against the truth
    /// built from shared website domains (with websites shown to and hidden from the matcher), and
    /// against the hand-labelled pairs.
    Eval(eval::EvalArgs),
    /// Record a human judgement that two names are (not) the same company. It is kept in the
    /// judgements file and applied on every rebuild.
    Judge(judge::JudgeArgs),
    /// Answer the four questions of the 2021 Atlantic Council study from the fairs: which firms market
    /// interception/intrusion, which market it outside their home continent, which fairs and host
    /// countries draw them, and which market it to US/NATO adversaries. Every firm comes with its
    /// evidence (file and place in it) and a plain-language rating.
    ///
    /// Reads the assessment `fairwatch build` stored, so any window and fair set can be asked at once:
    /// `fairwatch report --from 2000 --to 2021 --fair milipol-paris --format html --out report.html`;
    /// `--source DIR` re-reads and re-assesses the corpus instead (the same figures).
    Report(report::ReportArgs),
    /// Serve the web pages and the JSON API (with its OpenAPI description at /api/openapi.json) on a
    /// built database, read-only: overview, search that forgives spelling, firm, fair, country, the
    /// four questions for any window, and download pages.
    Serve(serve::ServeArgs),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build::run(args),
        Command::Fetch(args) => fetch::run(args).map(|_| ()),
        Command::Stats(args) => stats::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Judge(args) => judge::run(args),
        Command::Report(args) => report::run(args),
        Command::Serve(args) => serve::run(args),
    };
    if let Err(error) = result {
        eprintln!("error: {}", source::for_terminal(&message(&error)));
        std::process::exit(1);
    }
}

/// An error and its causes in one line, each said once: a wrapper's text often quotes its cause
/// already ("fw.sqlite: CHECK constraint failed"), which `{:#}` would repeat.
fn message(error: &anyhow::Error) -> String {
    let mut text = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}
