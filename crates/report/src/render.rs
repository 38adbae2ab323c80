//! Output formats. Scraped names are hostile: Markdown and HTML escape them, CSV neutralises cells
//! that a spreadsheet would run as formulas.

use std::fmt::Write;

use minijinja::{context, Environment, Value};

use crate::{charts, Firm, Report, Tally};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
    Csv,
}

/// Rows of long tables shown in Markdown (the other formats show all).
const MARKDOWN_ROWS: usize = 40;

pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Markdown => markdown(report),
        Format::Html => html(report),
        Format::Json => serde_json::to_string_pretty(report).expect("a report serialises"),
        Format::Csv => csv_firms(report),
    }
}

fn scope_line(report: &Report) -> String {
    let s = &report.scope;
    let years = match (s.from, s.to) {
        (None, None) => "all years".to_owned(),
        (from, to) => format!(
            "{}–{}",
            from.map_or("…".to_owned(), |y| y.to_string()),
            to.map_or("…".to_owned(), |y| y.to_string())
        ),
    };
    let fairs = if s.fairs.is_empty() {
        "all fairs".to_owned()
    } else {
        s.fairs.join(", ")
    };
    format!(
        "{years}; {fairs}; {} fair editions, {} company records; adversary list: {}",
        s.fair_editions,
        s.company_records,
        s.adversaries.join(", ")
    )
}

fn headline(report: &Report) -> Vec<String> {
    let c = &report.counts;
    let o = &report.outside_home_continent;
    vec![
        format!(
            "Firms marketing interception/intrusion: {} (high {}, medium {}, low {})",
            c.flagged, c.high, c.medium, c.low
        ),
        format!(
            "Exhibited outside their home continent: {:.0}% ({} of {} flagged firms with a known headquarters; {} unknown)",
            o.percent, o.firms, o.with_headquarters, o.unknown_headquarters
        ),
        format!(
            "Irresponsible proliferators (exhibited in NATO member states and in adversary states): {}",
            c.irresponsible_proliferators
        ),
    ]
}

/// Escapes text for a Markdown table cell.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' => {
                out.push('\\');
                out.push(ch);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# fairwatch report\n\nScope: {}\n", md(&scope_line(report)));
    for line in headline(report) {
        let _ = writeln!(out, "- {}", md(&line));
    }
    let _ = writeln!(
        out,
        "\n## 1. Which firms market interception/intrusion capabilities at arms fairs?\n"
    );
    let _ = writeln!(
        out,
        "| Firm | Confidence | Capabilities | HQ | Fairs | Rating |\n|---|---|---|---|---:|---|"
    );
    for f in report.firms.iter().take(MARKDOWN_ROWS) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            md(&f.shown_name()),
            f.confidence.as_str(),
            md(&f.capabilities.join(", ")),
            f.headquarters.as_deref().unwrap_or("?"),
            f.fairs,
            md(&f.rating)
        );
    }
    more(&mut out, report.firms.len());
    let o = &report.outside_home_continent;
    let _ = writeln!(
        out,
        "\n## 2. Which market them outside their headquartered region?\n\n{}",
        outside_sentence(o)
    );
    let _ = writeln!(
        out,
        "\n## 3. Which fairs and host countries draw the most high/medium-confidence firms?\n"
    );
    tally_md(&mut out, "Fair", &report.fairs);
    let _ = writeln!(out);
    tally_md(&mut out, "Host country", &report.host_countries);
    let _ = writeln!(out, "\n## 4. Which market them to US/NATO adversaries?\n");
    let _ = writeln!(out, "| Firm | Confidence | Rating | Why |\n|---|---|---|---|");
    let adversary: Vec<&Firm> = report.adversary_firms().collect();
    for f in adversary.iter().take(MARKDOWN_ROWS) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md(&f.shown_name()),
            f.confidence.as_str(),
            md(&f.rating),
            md(&f.explanation)
        );
    }
    more(&mut out, adversary.len());
    let _ = writeln!(
        out,
        "\n## Trends by year\n\n| Year | High/medium firms | …at adversary fairs |\n|---|---:|---:|"
    );
    for t in &report.trends {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            t.year, t.high_medium_firms, t.at_adversary_fairs
        );
    }
    let _ = writeln!(out, "\n## Limits\n");
    for l in &report.limits {
        let _ = writeln!(out, "- {}", md(l));
    }
    out
}

fn more(out: &mut String, total: usize) {
    if total > MARKDOWN_ROWS {
        let _ = writeln!(
            out,
            "\n…and {} more (all of them with `--format html`, `json` or `csv`).",
            total - MARKDOWN_ROWS
        );
    }
}

fn tally_md(out: &mut String, what: &str, rows: &[Tally]) {
    let _ = writeln!(out, "| {what} | High/medium firms | Editions |\n|---|---:|---:|");
    for t in rows.iter().take(15) {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            md(&t.label),
            t.high_medium_firms,
            t.editions
        );
    }
}

/// The report's templates: `four_questions.html` (the body, which the web page /questions shares)
/// and `report.html` (the self-contained page).
pub const TEMPLATES: [(&str, &str); 2] = [
    (
        "four_questions.html",
        include_str!("../templates/four_questions.html"),
    ),
    ("report.html", include_str!("../templates/report.html")),
];

/// What `four_questions.html` is rendered with; `link_firms` links each firm to its web page
/// (`/firm/{id}`, groups only).
pub fn context(report: &Report, link_firms: bool) -> Value {
    let firm = |f: &Firm| context! { shown_name => f.shown_name(), ..Value::from_serialize(f) };
    context! {
        report => Value::from_serialize(report),
        scope_line => scope_line(report),
        headline => headline(report),
        trend_chart => Value::from_safe_string(trend_chart(report)),
        fairs_chart => Value::from_safe_string(bar_chart(&report.fairs[..report.fairs.len().min(15)])),
        outside => outside_sentence(&report.outside_home_continent),
        firms => report.firms.iter().map(firm).collect::<Vec<_>>(),
        adversary_firms => report.adversary_firms().map(firm).collect::<Vec<_>>(),
        link_firms,
    }
}

fn html(report: &Report) -> String {
    let mut env = Environment::new();
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .unwrap_or_else(|e| panic!("template {name}: {e}"));
    }
    let page =
        context! { style => Value::from_safe_string(crate::STYLE.to_owned()), ..context(report, false) };
    env.get_template("report.html")
        .and_then(|t| t.render(page))
        .unwrap_or_else(|e| panic!("the report template renders: {e:#}"))
}

/// Columns per year: high/medium firms, with the part at adversary fairs drawn darker.
fn trend_chart(report: &Report) -> String {
    let years: Vec<charts::YearBar> = report
        .trends
        .iter()
        .map(|t| charts::YearBar {
            year: t.year,
            total: t.high_medium_firms,
            part: t.at_adversary_fairs,
        })
        .collect();
    charts::years(
        &years,
        "High/medium-confidence firms by year",
        "high/medium-confidence firms exhibiting that year",
        "of them, at fairs in adversary states",
    )
}

fn bar_chart(rows: &[Tally]) -> String {
    let bars: Vec<(String, usize)> = rows
        .iter()
        .map(|t| (t.label.clone(), t.high_medium_firms))
        .collect();
    charts::bars(&bars, "Fairs by high/medium-confidence firms")
}

fn csv_firms(report: &Report) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "name",
        "confidence",
        "capabilities",
        "headquarters",
        "headquarters_reason",
        "home_region",
        "home_continent",
        "outside_home_continent",
        "fairs",
        "host_countries",
        "rating",
        "explanation",
        "evidence_text",
        "evidence_file",
        "evidence_position",
    ];
    writer.write_record(header).expect("writing to memory");
    for f in &report.firms {
        let first = f.evidence.first();
        let row = [
            f.id.clone(),
            f.name.clone(),
            f.confidence.as_str().to_owned(),
            f.capabilities.join(";"),
            f.headquarters.clone().unwrap_or_default(),
            f.headquarters_reason.clone(),
            f.home_region.clone().unwrap_or_default(),
            f.home_continent.clone().unwrap_or_default(),
            f.outside_home_continent.to_string(),
            f.fairs.to_string(),
            f.host_countries.join(";"),
            f.rating.clone(),
            f.explanation.clone(),
            first.map(|e| e.text.clone()).unwrap_or_default(),
            first.and_then(|e| e.file.clone()).unwrap_or_default(),
            first
                .and_then(|e| e.position)
                .map(|p| p.to_string())
                .unwrap_or_default(),
        ];
        writer
            .write_record(row.iter().map(|c| charts::cell(c)))
            .expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("flush to memory")).expect("CSV of UTF-8 text")
}

/// Question 2's answer; numbers only, so it needs no escaping in any format.
fn outside_sentence(o: &crate::Share) -> String {
    format!(
        "{:.0}% of flagged firms with a known headquarters ({} of {}) exhibited on another continent; {} \
         flagged firm(s) with an unknown headquarters (no clear majority of their records, or no country) \
         are not counted.",
        o.percent, o.firms, o.with_headquarters, o.unknown_headquarters
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_are_escaped_or_neutralised() {
        assert_eq!(md("A|B <script>"), "A\\|B \\<script\\>");
    }
}
