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
    let reference = [("corpus", corpus.display().to_string())];
    if store_only {
        let dataset = fairwatch_ingest::read_corpus(&corpus, false)?;
        let started = Instant::now();
        let mut builder = Builder::create(&db)?;
        builder.write_reference(&reference)?;
        builder.write_dataset(&dataset)?;
        let written = started.elapsed().as_secs_f64();
        builder.commit()?;
        let total = started.elapsed().as_secs_f64();
        eprintln!(
            "{} records stored in {total:.3} s (write {written:.3} s, index and sync {:.3} s)",
            dataset.records.len(),
            total - written
        );
        return Ok(());
    }
    let started = Instant::now();
    let mut builder = Builder::create(&db)?;
    builder.write_reference(&reference)?;
    let dataset = fairwatch_ingest::read_corpus_with(&corpus, false, |d| {
        builder.write_records(d).map_err(Error::from)
    })?;
    builder.write_dataset(&dataset)?;
    let read = started.elapsed().as_secs_f64();
    builder.commit()?;
    let total = started.elapsed().as_secs_f64();
    eprintln!(
        "{} records in {total:.3} s (read and write {read:.3} s, index and sync {:.3} s)",
        dataset.records.len(),
        total - read
    );
    Ok(())
}
