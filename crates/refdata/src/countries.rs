use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use serde::Deserialize;

const UN_M49: &str = include_str!("../../../data/un_m49.csv");
const CONTINENTS: &str = include_str!("../../../data/continents.csv");
const ALIASES: &str = include_str!("../../../data/country_aliases.csv");

/// A country or area of UN M49 (plus the few additions noted in `data/un_m49.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    pub m49: String,
    pub name: String,
    pub region: String,
    pub subregion: String,
    pub intermediate_region: String,
    pub continent: String,
}

/// What a free-text country value turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryMatch<'a> {
    Country(&'a Country),
    /// A value that names no single country ("Europe", "International"): counted, never guessed.
    NotACountry,
    Unknown,
}

/// Countries by code and by every known spelling.
#[derive(Debug)]
pub struct Countries {
    countries: Vec<Country>,
    by_iso2: FxHashMap<String, usize>,
    by_key: FxHashMap<String, Option<usize>>,
}

#[derive(Deserialize)]
struct M49Row {
    region_code: String,
    region: String,
    subregion_code: String,
    subregion: String,
    intermediate_code: String,
    intermediate: String,
    name: String,
    m49: String,
    iso2: String,
    iso3: String,
}

#[derive(Deserialize)]
struct ContinentRow {
    level: String,
    m49_code: String,
    continent: String,
}

#[derive(Deserialize)]
struct AliasRow {
    spelling: String,
    iso2: String,
}

/// Rows of a compiled-in data table (`#` lines are comments). A malformed table is a bug of the
/// build, so it panics naming the file and row.
pub fn data_rows<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Vec<T> {
    csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(text.as_bytes())
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.unwrap_or_else(|e| panic!("data/{name} row {}: {e}", i + 1)))
        .collect()
}

/// The matching key of a spelling: ASCII, upper case, letters and digits separated by single spaces,
/// with number-only words dropped ("USA 66047-1615" is "USA").
pub fn spelling_key(text: &str) -> String {
    // Text already in ASCII is read as it is, not copied.
    let ascii = deunicode::deunicode_with_tofu_cow(text, "[?]");
    let mut key = String::with_capacity(ascii.len());
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().map(|c| c.to_ascii_uppercase()));
    }
    key
}

impl Countries {
    /// The compiled-in tables, parsed once.
    pub fn get() -> &'static Countries {
        static TABLES: OnceLock<Countries> = OnceLock::new();
        TABLES.get_or_init(Countries::load)
    }

    fn load() -> Countries {
        let continents: Vec<ContinentRow> = data_rows("continents.csv", CONTINENTS);
        let continent_of = |level: &str, code: &str| {
            continents
                .iter()
                .find(|c| c.level == level && c.m49_code == code && !code.is_empty())
                .map(|c| c.continent.clone())
        };
        let countries: Vec<Country> = data_rows::<M49Row>("un_m49.csv", UN_M49)
            .into_iter()
            .map(|row| Country {
                continent: continent_of("country", &row.m49)
                    .or_else(|| continent_of("intermediate", &row.intermediate_code))
                    .or_else(|| continent_of("subregion", &row.subregion_code))
                    .or_else(|| continent_of("region", &row.region_code))
                    .unwrap_or_else(|| panic!("data/continents.csv has no continent for {}", row.name)),
                iso2: row.iso2,
                iso3: row.iso3,
                m49: row.m49,
                name: row.name,
                region: row.region,
                subregion: row.subregion,
                intermediate_region: row.intermediate,
            })
            .collect();
        let by_iso2: FxHashMap<String, usize> = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso2.clone(), i))
            .collect();
        let mut by_key = FxHashMap::default();
        for (i, c) in countries.iter().enumerate() {
            for spelling in [&c.iso2, &c.iso3, &c.name] {
                by_key.insert(spelling_key(spelling), Some(i));
            }
        }
        for alias in data_rows::<AliasRow>("country_aliases.csv", ALIASES) {
            let target = match alias.iso2.as_str() {
                "-" => None,
                code => Some(*by_iso2.get(code).unwrap_or_else(|| {
                    panic!(
                        "data/country_aliases.csv: {} names unknown code {code}",
                        alias.spelling
                    )
                })),
            };
            by_key.insert(spelling_key(&alias.spelling), target);
        }
        Countries {
            countries,
            by_iso2,
            by_key,
        }
    }

    pub fn all(&self) -> &[Country] {
        &self.countries
    }

    pub fn by_iso2(&self, iso2: &str) -> Option<&Country> {
        self.by_iso2.get(iso2).map(|&i| &self.countries[i])
    }

    /// Resolves a code or a name in any spelling the tables know. A multi-line value (an address) is
    /// matched on its last line, where addresses put the country.
    pub fn resolve(&self, text: &str) -> CountryMatch<'_> {
        let found = self.lookup(text).or_else(|| {
            let last_line = text.lines().rev().find(|l| !l.trim().is_empty())?;
            (last_line.len() < text.trim_end().len())
                .then(|| self.lookup(last_line))
                .flatten()
        });
        match found {
            Some(Some(i)) => CountryMatch::Country(&self.countries[i]),
            Some(None) => CountryMatch::NotACountry,
            None => CountryMatch::Unknown,
        }
    }

    fn lookup(&self, text: &str) -> Option<Option<usize>> {
        let key = spelling_key(text);
        if key.is_empty() {
            return None;
        }
        self.by_key.get(&key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso2(text: &str) -> Option<&'static str> {
        match Countries::get().resolve(text) {
            CountryMatch::Country(c) => Some(c.iso2.as_str()),
            _ => None,
        }
    }

    #[test]
    fn resolves_codes_names_and_corpus_spellings() {
        for (text, want) in [
            ("FR", "FR"),
            ("ISR", "IL"),
            ("Russian Federation", "RU"),
            ("UNITED KINGDOM", "GB"),
            ("Türkiye", "TR"),
            ("TÜRKIYE", "TR"),
            ("Korea, Republic of", "KR"),
            ("Iran, Islamic Republic of", "IR"),
            ("SUEDE", "SE"),
            ("Slovaque, République", "SK"),
            ("USA 66047-1615", "US"),
            ("R.O.Korea 韩国 (KP)", "KR"),
            ("Korea (DPR)", "KP"),
            (
                "Western Industrial Park 1 Hasollela St.\n9905415 BET SHEMESH\nISRAEL",
                "IL",
            ),
            ("Serbia & Montenegro", "RS"),
        ] {
            assert_eq!(iso2(text), Some(want), "{text}");
        }
    }

    #[test]
    fn regions_are_not_countries_and_junk_is_unknown() {
        let countries = Countries::get();
        assert_eq!(countries.resolve("Europe"), CountryMatch::NotACountry);
        assert_eq!(countries.resolve("유럽"), CountryMatch::NotACountry);
        assert_eq!(countries.resolve("+33 (0) 1 34 13 21 72"), CountryMatch::Unknown);
        assert_eq!(
            countries.resolve("TECHNOLOGIES LTD (SIATI)"),
            CountryMatch::Unknown
        );
        assert_eq!(countries.resolve(""), CountryMatch::Unknown);
    }

    #[test]
    fn every_country_has_m49_areas_and_a_continent() {
        let countries = Countries::get();
        assert!(countries.all().len() > 245);
        let us = countries.by_iso2("US").unwrap();
        assert_eq!(
            (us.region.as_str(), us.continent.as_str()),
            ("Americas", "North America")
        );
        assert_eq!(countries.by_iso2("BR").unwrap().continent, "South America");
        assert_eq!(countries.by_iso2("MX").unwrap().continent, "North America");
        let fr = countries.by_iso2("FR").unwrap();
        assert_eq!(
            (fr.subregion.as_str(), fr.m49.as_str()),
            ("Western Europe", "250")
        );
        for c in countries.all() {
            assert_eq!(c.iso2.len(), 2, "{c:?}");
            assert!(!c.continent.is_empty(), "{c:?}");
        }
    }
}
