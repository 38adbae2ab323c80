//! Divisions: a brand whose names carry several lines of business ("Leonardo Electronics",
//! "Leonardo Defence Systems"; "Northrop Grumman Aerospace Systems", "Northrop Grumman Electronic
//! Systems") lists its divisions and subsidiaries as exhibitors of their own, so the brand plus line
//! words is a company of the brand's group, not a spelling of the brand. Beside a brand with one line
//! only, the longer name is most often the firm's full name ("Aernnova" / "Aernnova Aerospace") and
//! the descriptor-word evidence stands. The resolver keeps divisions apart; the group stage joins
//! them to their brand's group.

use rustc_hash::{FxHashMap, FxHashSet};

use super::evidence::DIVISION_MIN_LINES;
use super::keys::{is_weak_key, lines_of_business, names_something};
use super::nodes::countries_compatible;

/// The brands (name keys) that carry at least `DIVISION_MIN_LINES` lines of business among the names
/// they were made from. A line counts only from a name of the brand's own country (or of none):
/// "Pegasus Aerospace" in Poland and "Pegasus Savunma" in Turkey are no divisions of a Canadian
/// "Pegasus".
#[derive(Debug, Default)]
pub struct Divisions<'a> {
    brands: FxHashSet<&'a str>,
}

impl<'a> Divisions<'a> {
    /// From every name key with its country (repeats do no harm): a key is a brand's division when
    /// a shorter key that names something of its own, listed in a country it allows, begins it and
    /// the rest names lines of business only. Two passes over the keys, keeping only the names that
    /// end in line words and their brands: on a million names a map of every key would cost more
    /// memory than the rest of the stage.
    pub fn new(keys: impl Iterator<Item = (&'a str, Option<&'a str>)> + Clone) -> Divisions<'a> {
        // Every (brand, division's lines, division's country) the names could make.
        let mut candidates: Vec<(&str, Vec<&str>, Option<&str>)> = Vec::new();
        for (key, country) in keys.clone() {
            for (space, _) in key.match_indices(' ') {
                if let Some(lines) = lines_of_business(&key[space + 1..]) {
                    candidates.push((&key[..space], lines, country));
                }
            }
        }
        let mut brand_countries: FxHashMap<&str, Vec<Option<&str>>> = candidates
            .iter()
            .map(|&(brand, ..)| (brand, Vec::new()))
            .collect();
        for (key, country) in keys {
            if let Some(listed) = brand_countries.get_mut(key) {
                if !listed.contains(&country) {
                    listed.push(country);
                }
            }
        }
        let mut lines_of: FxHashMap<&str, FxHashSet<Vec<&str>>> = FxHashMap::default();
        for (brand, lines, country) in candidates {
            let listed = &brand_countries[brand];
            if listed.iter().any(|&b| Self::countries_allow(brand, b, country)) {
                lines_of.entry(brand).or_default().insert(lines);
            }
        }
        let brands = lines_of
            .into_iter()
            .filter(|(brand, lines)| lines.len() >= DIVISION_MIN_LINES && names_something(brand))
            .map(|(brand, _)| brand)
            .collect();
        Divisions { brands }
    }

    /// Whether a brand's name listed in `brand_country` and a division's in `division_country` may
    /// be one firm's: compatible countries, and for a short brand ("AR", "STG") the same known one,
    /// since short names are many firms' (as for the resolver's country-bound keys).
    pub fn countries_allow(brand: &str, brand_country: Option<&str>, division_country: Option<&str>) -> bool {
        if is_weak_key(brand) {
            brand_country.is_some() && brand_country == division_country
        } else {
            countries_compatible(brand_country, division_country)
        }
    }

    /// The brand `key` names a division of ("leonardo" for "leonardo defence systems"), if any.
    pub fn brand_of<'k>(&self, key: &'k str) -> Option<&'k str> {
        key.match_indices(' ')
            .map(|(space, _)| (&key[..space], &key[space + 1..]))
            .find_map(|(brand, rest)| {
                (self.brands.contains(brand) && lines_of_business(rest).is_some()).then_some(brand)
            })
    }

    /// Whether one of two keys names a division of the brand the other is. Asked of every candidate
    /// pair the resolver accepts, so the prefix and the brand set go before the words are read.
    pub fn apart(&self, a: &str, b: &str) -> bool {
        let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
        long.strip_prefix(short).is_some_and(|rest| rest.starts_with(' '))
            && self.brands.contains(short)
            && self.brand_of(long) == Some(short)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_brand_of_several_lines_has_divisions_a_brand_of_one_has_its_full_name() {
        let keys = [
            ("leonardo", Some("IT")),
            ("leonardo electronics", None),
            ("leonardo defence systems", Some("IT")),
            ("aernnova", Some("ES")),
            ("aernnova aerospace", Some("ES")),
            ("global", None),
            ("global aerospace", None),
            ("global defence", None),
            ("pegasus", Some("CA")),
            ("pegasus aerospace", Some("PL")),
            ("pegasus defence", Some("TR")),
        ];
        let divisions = Divisions::new(keys.into_iter());
        assert!(divisions.apart("leonardo", "leonardo electronics"));
        assert!(divisions.apart("leonardo defence systems", "leonardo"));
        assert!(
            !divisions.apart("leonardo electronics", "leonardo defence systems"),
            "two divisions: neither is the brand"
        );
        assert!(
            !divisions.apart("aernnova", "aernnova aerospace"),
            "one line: the firm's full name"
        );
        assert!(
            !divisions.apart("global", "global aerospace"),
            "a descriptor names no brand"
        );
        assert!(
            !divisions.apart("pegasus", "pegasus aerospace"),
            "lines of other countries' firms make no brand of several lines"
        );
        assert_eq!(divisions.brand_of("leonardo electronics"), Some("leonardo"));
        assert_eq!(divisions.brand_of("leonardo helicopters"), None);
    }
}
