//! The world map: Natural Earth country shapes (via npm `world-atlas`, ISC; converted once by
//! `bench/map/convert.mjs` into `assets/world.csv`), drawn as inline SVG with each country shaded by a
//! count or marked by a class, a `<title>` per country and a legend, so the map reads without
//! JavaScript and every figure on it can be hovered.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

use rusqlite::Connection;

const SHAPES: &str = include_str!("../assets/world.csv");

/// The fills of the shaded map, none to most (the stylesheet's `.key.s0`..`.s4` match them).
const SHADES: [&str; 5] = ["#dde3ea", "#c6dbef", "#6baed6", "#2171b5", "#08306b"];

/// How a country is marked on a firm's map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Nato,
    Adversary,
    Other,
}

/// Each country's shape, by ISO alpha-2 code (from the database's M49 codes).
pub struct World {
    shapes: Vec<(String, String, String)>,
}

fn shapes() -> &'static Vec<(u32, String, String)> {
    static SHAPES_BY_M49: OnceLock<Vec<(u32, String, String)>> = OnceLock::new();
    SHAPES_BY_M49.get_or_init(|| {
        csv::Reader::from_reader(SHAPES.as_bytes())
            .records()
            .filter_map(Result::ok)
            .filter_map(|r| {
                Some((
                    r.get(0)?.parse().ok()?,
                    r.get(1)?.to_owned(),
                    r.get(2)?.to_owned(),
                ))
            })
            .collect()
    })
}

impl World {
    /// Matches the shapes to the database's countries by their M49 codes.
    pub fn load(conn: &Connection) -> rusqlite::Result<World> {
        let mut stmt = conn.prepare("SELECT iso2, m49, name FROM country WHERE m49 IS NOT NULL")?;
        let by_m49: HashMap<u32, (String, String)> = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .filter_map(Result::ok)
            .filter_map(|(iso2, m49, name)| Some((m49.parse().ok()?, (iso2, name))))
            .collect();
        let shapes = shapes()
            .iter()
            .filter_map(|(m49, _, path)| {
                let (iso2, name) = by_m49.get(m49)?;
                Some((iso2.clone(), name.clone(), path.clone()))
            })
            .collect();
        Ok(World { shapes })
    }

    /// `role` is `img` for a picture, `group` for a map whose countries are links.
    fn svg(&self, title: &str, role: &str, mut country: impl FnMut(&str, &str, &str, &mut String)) -> String {
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 360\" width=\"720\" height=\"360\" role=\"{role}\" aria-label=\"{}\"><rect width=\"720\" height=\"360\" fill=\"#f4f7fb\"/>",
            attribute(title)
        );
        for (iso2, name, path) in &self.shapes {
            country(iso2, name, path, &mut svg);
        }
        svg.push_str("</svg>");
        svg
    }

    /// Countries shaded by `counts` (darker is more), with a legend of the shades.
    pub fn shaded(&self, counts: &HashMap<String, usize>, title: &str, what: &str) -> String {
        let max = counts.values().copied().max().unwrap_or(0).max(1);
        // Five shades: none, then quarters of the largest count.
        let step = |n: usize| if n == 0 { 0 } else { (1 + 4 * (n - 1) / max).min(4) };
        let map = self.svg(title, "group", |iso2, name, path, svg| {
            let n = counts.get(iso2).copied().unwrap_or(0);
            let label = format!("{name}: {n} {what}");
            let _ = write!(
                svg,
                "<a href=\"/country/{iso2}\" aria-label=\"{}\"><title>{}</title><path d=\"{path}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"0.4\"/></a>",
                attribute(&label),
                esc(&label),
                SHADES[step(n)]
            );
        });
        let legend: String = (1..SHADES.len())
            .map(|s| format!("<span class=\"key s{s}\"></span> {}+ ", 1 + (s - 1) * max / 4))
            .collect();
        figure(&map, title, &format!("{} {legend}", esc(what)))
    }

    /// Countries marked by `marks` (NATO, adversary, other host), for a firm's markets.
    pub fn marked(&self, marks: &HashMap<String, Mark>, title: &str) -> String {
        let colour = |m: Option<&Mark>| match m {
            Some(Mark::Nato) => "#2171b5",
            Some(Mark::Adversary) => "#b22",
            Some(Mark::Other) => "#e6a23c",
            None => "#dde3ea",
        };
        let map = self.svg(title, "img", |iso2, name, path, svg| {
            let mark = marks.get(iso2);
            let label = match mark {
                Some(Mark::Nato) => "NATO member host",
                Some(Mark::Adversary) => "adversary host",
                Some(Mark::Other) => "other host",
                None => "not a host of its fairs",
            };
            let _ = write!(
                svg,
                "<path d=\"{path}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"0.4\"><title>{}: {label}</title></path>",
                colour(mark),
                esc(name)
            );
        });
        let legend = "<span class=\"key nato\"></span> NATO member <span class=\"key adversary\"></span> on \
                      the adversary list <span class=\"key other\"></span> other host";
        figure(&map, title, legend)
    }
}

fn figure(svg: &str, title: &str, legend: &str) -> String {
    format!(
        "<figure class=\"chart map\">{svg}<figcaption>{}. {legend}</figcaption></figure>",
        esc(title)
    )
}

use fairwatch_report::charts::{escape as esc, escape_attribute as attribute};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_has_an_m49_code_and_a_path() {
        assert!(shapes().len() > 170);
        assert!(shapes()
            .iter()
            .all(|(_, name, path)| !name.is_empty() && path.starts_with('M')));
        assert!(shapes()
            .iter()
            .any(|(m49, name, _)| *m49 == 250 && name == "France"));
    }
}
