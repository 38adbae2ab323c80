//! `fairwatch build`: reads every fair, resolves, groups and assesses, and writes the database
//! atomically; records are written while companies are resolved.

use std::time::Instant;

use crate::source::*;
use crate::stats::print_summary;
use crate::{interrupt, paths, pipeline};
use anyhow::Result;
use clap::Args;
use fairwatch_store::{summarise, Builder};

#[derive(Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) source: SourceArgs,
    #[command(flatten)]
    pub(crate) vendor_list: pipeline::VendorListArg,
    #[command(flatten)]
    pub(crate) db: DbArg,
    #[command(flatten)]
    pub(crate) judgements: JudgementsArg,
    /// Replace the file at --db even if it is not a fairwatch database.
    #[arg(long)]
    pub(crate) force: bool,
}

/// Records are written as the files are read, and indexed on a thread of their own while companies
/// are resolved, so the database costs little time beyond reading and resolving.
pub(crate) fn run(args: BuildArgs) -> Result<()> {
    let started = Instant::now();
    let judgements = args.judgements.load()?;
    let list = args.vendor_list.load()?;
    fairwatch_store::check_target(&args.db.db, args.force)?;
    let source = corpus_source(args.source.source.clone())?;
    let mut builder = Builder::create(&args.db.db)?;
    interrupt::remove_on_signal(builder.staging());
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
    interrupt::committed();
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
