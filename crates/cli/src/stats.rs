//! `fairwatch stats`: what a built database holds.

use std::path::Path;

use crate::source::*;
use anyhow::Result;
use clap::Args;
use fairwatch_store::{summarise, Summary};

#[derive(Args)]
pub(crate) struct StatsArgs {
    #[command(flatten)]
    pub(crate) db: DbArg,
    /// Print JSON instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

pub(crate) fn run(args: StatsArgs) -> Result<()> {
    let conn = fairwatch_store::open(&args.db.db)?;
    let summary = summarise(&conn)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        print_summary(&summary, &args.db.db);
    }
    Ok(())
}

pub(crate) fn percent(part: i64, whole: i64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

pub(crate) fn print_summary(s: &Summary, path: &Path) {
    let records = s.exhibitor_records;
    println!("{}", shown(path));
    println!(
        "  fairs            {} editions of {} series, {}–{}; {} with exhibitor lists; {} with a host country",
        s.fairs,
        s.fair_series,
        s.first_year.map_or("?".into(), |y| y.to_string()),
        s.last_year.map_or("?".into(), |y| y.to_string()),
        s.fairs_with_exhibitor_list,
        s.fairs_with_host_country,
    );
    println!(
        "  records          {records} exhibitor records ({} exact repeats inside a list)",
        s.exact_duplicate_records
    );
    for (label, n) in [
        ("with a country", s.records_with_country),
        ("with a website", s.records_with_website),
        ("with categories", s.records_with_categories),
    ] {
        println!("  {label:<16} {n} ({:.1}%)", percent(n, records));
    }
    let list = |items: &[(String, i64)]| {
        items
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "  companies        {} ({} records are pavilions, lounges or unnamed); {} relations",
        s.companies, s.records_not_companies, s.company_relations
    );
    println!(
        "  groups           {} ({} of several companies, holding {} companies); {} curated member names \
         not found",
        s.groups,
        s.groups_of_several,
        s.companies_in_groups_of_several,
        s.curated_unmatched.len()
    );
    println!(
        "  judgements       {} ({} without effect)",
        s.judgements,
        s.ineffective_judgements.len()
    );
    // Names typed into the judgements file reach the terminal with their control characters escaped.
    for j in &s.ineffective_judgements {
        println!("                   {}", j.escape_debug());
    }
    println!("  host countries   {}", list(&s.top_host_countries));
    println!("  exhibitor from   {}", list(&s.top_exhibitor_countries));
    let unresolved: i64 = s.unresolved_country_values.iter().map(|v| v.2).sum();
    let not_country: i64 = s.not_a_country_values.iter().map(|v| v.2).sum();
    println!(
        "  country values   {} distinct values ({unresolved} uses) unresolved; {} ({not_country} uses) name no single country",
        s.unresolved_country_values.len(),
        s.not_a_country_values.len()
    );
    for (field, value, n) in s.unresolved_country_values.iter().take(12) {
        println!("                   {n:>5} × {value:?} in {field}");
    }
    if !s.ingest_problems.is_empty() {
        println!("  skipped files    {}", s.ingest_problems.len());
        for p in &s.ingest_problems {
            println!("                   {}", for_terminal(p));
        }
    }
}
