//! Charts as inline SVG, and the CSV cell guard, shared by the report's HTML and the web pages
//! (`crates/serve`), so that a figure looks and reads the same wherever it is shown. Every chart has
//! axes with counts, labelled bars or years, a legend and a text alternative; every label is escaped.

use std::fmt::Write;

/// One year's column: the total, and the part of it drawn darker.
#[derive(Debug, Clone, Copy)]
pub struct YearBar {
    pub year: i32,
    pub total: usize,
    pub part: usize,
}

/// Text made safe inside a double-quoted HTML or SVG attribute.
pub fn escape_attribute(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
}

/// Text made safe inside HTML and SVG.
pub fn escape(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

/// A round step for an axis up to `max` with about four ticks.
fn tick_step(max: usize) -> usize {
    let rough = (max.max(1) as f64 / 4.0).max(1.0);
    let magnitude = 10f64.powi(rough.log10().floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    step as usize
}

/// Columns per year with a count axis, year labels and a legend for the two colours.
pub fn years(rows: &[YearBar], title: &str, total_means: &str, part_means: &str) -> String {
    if rows.is_empty() {
        return "<p>Nothing to chart in scope.</p>".into();
    }
    let max = rows.iter().map(|t| t.total).max().unwrap_or(1).max(1);
    let step = tick_step(max);
    let top = max.div_ceil(step) * step;
    let (left, plot_h, col) = (44.0, 200.0, 18.0);
    let width = left as usize + rows.len() * col as usize + 10;
    let y = |v: usize| 10.0 + plot_h - plot_h * v as f64 / top as f64;
    let mut svg = format!(
        "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} 262\" width=\"{width}\" height=\"262\" role=\"img\" aria-label=\"{}\">",
        escape_attribute(title)
    );
    for tick in (0..=top).step_by(step) {
        let _ = write!(
            svg,
            "<line x1=\"{left}\" x2=\"{width}\" y1=\"{0:.1}\" y2=\"{0:.1}\" stroke=\"#ddd\"/><text x=\"{1}\" y=\"{2:.1}\" text-anchor=\"end\" font-size=\"11\">{tick}</text>",
            y(tick),
            left - 4.0,
            y(tick) + 4.0
        );
    }
    for (i, t) in rows.iter().enumerate() {
        let x = left + 2.0 + i as f64 * col;
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{:.1}\" width=\"14\" height=\"{:.1}\" fill=\"#6c9bd2\"><title>{}: {} {}</title></rect>\
<rect x=\"{x}\" y=\"{:.1}\" width=\"14\" height=\"{:.1}\" fill=\"#b22\"><title>{}: {} {}</title></rect>",
            y(t.total),
            10.0 + plot_h - y(t.total),
            t.year,
            t.total,
            escape(total_means),
            y(t.part),
            10.0 + plot_h - y(t.part),
            t.year,
            t.part,
            escape(part_means)
        );
        if i % 2 == 0 || rows.len() < 12 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"228\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-60 {:.1} 228)\">{}</text>",
                x + 10.0,
                x + 10.0,
                t.year
            );
        }
    }
    let _ = write!(
        svg,
        "<line x1=\"{left}\" x2=\"{left}\" y1=\"10\" y2=\"{:.1}\" stroke=\"#444\"/></svg>",
        10.0 + plot_h
    );
    let _ = write!(
        svg,
        "<figcaption>{}. <span class=\"key a\"></span> {} <span class=\"key b\"></span> {}</figcaption></figure>",
        escape(title),
        escape(total_means),
        escape(part_means)
    );
    svg
}

/// Horizontal bars with their labels and counts, and a count axis.
pub fn bars(rows: &[(String, usize)], title: &str) -> String {
    if rows.is_empty() {
        return "<p>Nothing to chart in scope.</p>".into();
    }
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let step = tick_step(max);
    let top = max.div_ceil(step) * step;
    let (left, plot_w) = (250.0, 340.0);
    let height = rows.len() * 20 + 30;
    let x = |v: usize| left + plot_w * v as f64 / top as f64;
    let mut svg = format!(
        "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 {height}\" width=\"640\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape_attribute(title)
    );
    let axis_y = rows.len() * 20 + 8;
    for tick in (0..=top).step_by(step) {
        let _ = write!(
            svg,
            "<line x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"2\" y2=\"{axis_y}\" stroke=\"#ddd\"/><text x=\"{0:.1}\" y=\"{1}\" text-anchor=\"middle\" font-size=\"11\">{tick}</text>",
            x(tick),
            axis_y + 14
        );
    }
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 5 + i * 20;
        let short: String = label.chars().take(40).collect();
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text><rect x=\"{left}\" y=\"{y}\" width=\"{:.1}\" height=\"14\" fill=\"#6c9bd2\"><title>{}: {value}</title></rect><text x=\"{:.1}\" y=\"{}\" font-size=\"11\">{value}</text>",
            left - 6.0,
            y + 11,
            escape(&short),
            x(*value) - left,
            escape(label),
            x(*value) + 4.0,
            y + 11
        );
    }
    let _ = writeln!(svg, "</svg><figcaption>{}</figcaption></figure>", escape(title));
    svg
}

/// A cell a spreadsheet will show as text, never run: control characters become spaces and a
/// leading `=`, `+`, `-` or `@` is quoted.
pub fn cell(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match clean.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{clean}"),
        _ => clean,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_have_round_ticks_and_labels_are_escaped() {
        assert_eq!(tick_step(52), 20);
        assert_eq!(tick_step(3), 1);
        let svg = bars(&[("<b>Milipol</b>".into(), 52), ("DSEI".into(), 22)], "Fairs");
        assert!(svg.contains("&lt;b&gt;Milipol&lt;/b&gt;") && !svg.contains("<b>"));
        assert!(svg.contains(">60<"), "axis up to a round 60: {svg}");
        let svg = years(
            &[YearBar {
                year: 2019,
                total: 5,
                part: 2,
            }],
            "By year",
            "all",
            "some",
        );
        assert!(svg.contains("2019") && svg.contains("figcaption"));
    }

    #[test]
    fn cells_are_neutralised() {
        assert_eq!(cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("Acme\u{7}Ltd"), "Acme Ltd");
        assert_eq!(cell("Acme"), "Acme");
    }
}
