//! The ingest-and-store stage alone, as `bench/build.sh` measures it: read, clean and
//! country-resolve the corpus while writing the records database, then index and sync it (no entity
//! resolution). With `--store-only`, the corpus is read first, untimed, and only the database write
//! is timed: the share of the stage that is SQLite's own work.
//! Usage: `ingest_store CORPUS_DIR DB_FILE [--store-only]`; prints the split on stderr.

use std::path::PathBuf;
use std::time::Instant;

use fairwatch_store::Builder;

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let mut args = std::env::args_os().skip(1);
    let (Some(corpus), Some(db)) = (args.next().map(PathBuf::from), args.next().map(PathBuf::from)) else {
        return Err("usage: ingest_store CORPUS_DIR DB_FILE [--store-only]".into());
    };
    let store_only = args.next().is_some_and(|a| a == "--store-only");
    let read_first = store_only
        .then(|| fairwatch_ingest::read_corpus(&corpus, false))
        .transpose()?;
    let started = Instant::now();
    let mut builder = Builder::create(&db)?;
    builder.write_reference(&[("corpus", corpus.display().to_string())])?;
    let dataset = match read_first {
        Some(dataset) => dataset,
        None => fairwatch_ingest::read_corpus_with(&corpus, false, |d| {
            builder.write_records(d).map_err(Error::from)
        })?,
    };
    builder.write_dataset(&dataset)?;
    let written = started.elapsed().as_secs_f64();
    builder.commit()?;
    let total = started.elapsed().as_secs_f64();
    let what = if store_only { "write" } else { "read and write" };
    eprintln!(
        "{} records in {total:.3} s ({what} {written:.3} s, index and sync {:.3} s)",
        dataset.records.len(),
        total - written
    );
    Ok(())
}
