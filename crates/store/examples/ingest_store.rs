//! The ingest-and-store stage alone, as `bench/build.sh` measures it: read, clean and
//! country-resolve the corpus, then write and sync the records database (no entity resolution).
//! Usage: `ingest_store CORPUS_DIR DB_FILE`; prints the split on stderr.

use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let (Some(corpus), Some(db)) = (args.next(), args.next()) else {
        return Err("usage: ingest_store CORPUS_DIR DB_FILE".into());
    };
    let started = Instant::now();
    let mut builder = fairwatch_store::Builder::create(&db)?;
    builder.write_reference(&[("corpus", corpus.display().to_string())])?;
    let dataset = fairwatch_ingest::read_corpus_with(&corpus, false, |d| {
        builder
            .write_records(d)
            .map_err(Box::<dyn std::error::Error>::from)
    })?;
    let read = started.elapsed().as_secs_f64();
    builder.write_dataset(&dataset)?;
    let written = started.elapsed().as_secs_f64();
    builder.commit()?;
    let total = started.elapsed().as_secs_f64();
    eprintln!(
        "{} records in {total:.3} s (read and write {read:.3} s, write the rest {:.3} s, index and sync {:.3} s)",
        dataset.records.len(),
        written - read,
        total - written
    );
    Ok(())
}
