//! `fairwatch build`: reads every fair, resolves, groups and assesses, and writes the database
//! atomically; records are written while companies are resolved.

use std::time::Instant;

use crate::source::*;
use crate::stats::print_summary;
use crate::{interrupt, paths, pipeline};
use anyhow::Result;
use clap::Args;
use fairwatch_assess::Registry;
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

/// Records are written as the files are read; then each stage's product is written on a thread of
/// its own while the next stage runs (records indexed while companies are resolved, companies written
/// while they are grouped, groups while they are assessed), in the order a one-thread build writes
/// them, so the database is the same and costs little time beyond reading, resolving and assessing.
pub(crate) fn run(args: BuildArgs) -> Result<()> {
    let started = Instant::now();
    // Every path is checked before any work, the target first; the list may need fetching.
    fairwatch_store::check_target(&args.db.db, args.force)?;
    let judgements = args.judgements.load()?;
    let source = corpus_source(args.source.source.clone())?;
    let list = args.vendor_list.load()?;
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
    let (stored, resolution) = beside(
        || {
            builder
                .write_dataset(&dataset)
                .and_then(|()| builder.index_records())
        },
        || pipeline::resolve_companies(&dataset, &judgements),
    );
    stored?;
    let (stored, grouping) = beside(
        || builder.write_resolution(&dataset, &resolution),
        || pipeline::group_companies(&dataset, &resolution, &judgements),
    );
    stored?;
    let effects = judgement_effects(&resolution, &grouping);
    let resolved = pipeline::Resolved {
        resolution,
        grouping,
        registry: Registry::new(list.as_ref()),
    };
    let (resolution, grouping) = (&resolved.resolution, &resolved.grouping);
    let (stored, (groups, entities)) = beside(
        || builder.write_groups(resolution, grouping, &judgements, &effects),
        || resolved.assess_both(&dataset),
    );
    stored?;
    report_ineffective_judgements(args.judgements.path(), &judgements, &effects);
    bar.finish_and_clear();
    let resolve_seconds = started.elapsed().as_secs_f64() - read_seconds;
    let bar = spinner("writing companies");
    let written = builder
        .write_findings(resolution, &groups)
        .and_then(|()| builder.write_findings(resolution, &entities));
    // Freeing the stages' millions of small allocations takes a quarter of a second: it is done
    // while the database is committed.
    let (committed, ()) = beside(
        move || written.and_then(|()| builder.commit()),
        move || drop((dataset, resolved, groups, entities)),
    );
    bar.finish_and_clear();
    let path = committed?;
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

/// Runs `side` on a thread of its own while `main` runs on this one.
fn beside<S: Send, M>(side: impl FnOnce() -> S + Send, main: impl FnOnce() -> M) -> (S, M) {
    std::thread::scope(|scope| {
        let side = scope.spawn(side);
        let main = main();
        let side = side
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (side, main)
    })
}
