//! `fairwatch-synth`: generate a synthetic corpus, resolve it with the websites hidden, group the
//! companies, and report the time of each stage, the size and the accuracy against the generator's
//! truth as one JSON line. Peak memory
//! is measured from outside (`bench/scaling.sh` runs it under `/usr/bin/time`).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;
use fairwatch_group::{curated_links, group};
use fairwatch_resolve::{resolve, Options};
use fairwatch_synth::{generate, Synthetic};

#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// How many exhibitor records to generate.
    #[arg(long, default_value_t = 1_000_000)]
    records: usize,
    /// The same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also write the records as CSV (name, country, website, event, year, and truth: the firm each
    /// record lists) for other tools to run on.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Only generate (with --csv), do not resolve.
    #[arg(long)]
    no_resolve: bool,
}

fn write_csv(synthetic: &Synthetic, path: &PathBuf) -> Result<()> {
    let mut out = csv::Writer::from_path(path).with_context(|| format!("creating {}", path.display()))?;
    out.write_record(["name", "country", "website", "event", "year", "truth"])?;
    for (record, truth) in synthetic.dataset.records.iter().zip(&synthetic.truth) {
        let fair = &synthetic.dataset.fairs[record.fair];
        out.write_record([
            record.name.as_str(),
            record.country.iso2.as_deref().unwrap_or(""),
            record.details().websites.first().map_or("", String::as_str),
            fair.name.as_str(),
            &fair.year.map_or(String::new(), |y| y.to_string()),
            &truth.to_string(),
        ])?;
    }
    out.flush().with_context(|| format!("writing {}", path.display()))
}

fn main() -> Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    let synthetic = generate(args.records, args.seed);
    let generate_seconds = started.elapsed().as_secs_f64();
    if let Some(path) = &args.csv {
        write_csv(&synthetic, path)?;
    }
    if args.no_resolve {
        return Ok(());
    }
    let started = Instant::now();
    let resolution = resolve(&synthetic.dataset, &[], Options { use_websites: false });
    let resolve_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let grouping = group(&synthetic.dataset, &resolution, curated_links(), &[]);
    let group_seconds = started.elapsed().as_secs_f64();
    let scores = synthetic.score(&resolution);
    let report = serde_json::json!({
        "records": args.records,
        "seed": args.seed,
        "firms_listed": scores.truth_clusters,
        "companies": resolution.companies.len(),
        "generate_seconds": generate_seconds,
        "resolve_seconds": resolve_seconds,
        "groups": grouping.groups.len(),
        "group_seconds": group_seconds,
        "websites_hidden": scores,
    });
    println!("{report}");
    Ok(())
}
