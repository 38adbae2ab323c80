//! Turning the country values of any reader into ISO codes, and counting what would not resolve.

use fairwatch_refdata::{Countries, CountryMatch};

use crate::json_shapes::Place;
use crate::model::{CountryTally, CountryValue, Iso2};

/// Resolves country values for one file and tallies the failures by the field they came from.
pub(crate) struct CountryReader {
    countries: &'static Countries,
    pub tally: CountryTally,
}

impl CountryReader {
    pub fn new() -> Self {
        CountryReader {
            countries: Countries::get(),
            tally: CountryTally::default(),
        }
    }

    /// A value of a `country` field (text, or text with a code). The first one that names a country
    /// wins; every one that does not is counted under `tally_field`.
    pub fn read_country_field(&mut self, places: &[Place], tally_field: &str) -> CountryValue {
        let mut found = CountryValue::default();
        for place in places {
            let resolved = self.place(place, tally_field, true);
            if found.iso2.is_none() && resolved.is_some() {
                found = CountryValue {
                    iso2: resolved,
                    raw: Some(place_raw(place).into()),
                    field: Some("country"),
                };
            } else if found.raw.is_none() {
                found.raw = Some(place_raw(place).into());
            }
        }
        found
    }

    /// The country of an address: its code if it has one, else the last line of its text. Addresses
    /// without a recognisable country are common and are not counted as failures.
    pub fn read_address(&mut self, places: &[Place]) -> Option<CountryValue> {
        places.iter().find_map(|place| {
            self.place(place, "address", false).map(|iso2| CountryValue {
                iso2: Some(iso2),
                raw: Some(place_raw(place).into()),
                field: Some("address"),
            })
        })
    }

    /// A free-text value from a CSV column.
    pub fn read_text(&mut self, text: &str, tally_field: &str) -> CountryValue {
        let place = Place {
            text: text.to_owned(),
            ..Place::default()
        };
        self.read_country_field(std::slice::from_ref(&place), tally_field)
    }

    fn place(&mut self, place: &Place, tally_field: &str, count_failures: bool) -> Option<Iso2> {
        if let Some(code) = place.iso2.as_deref() {
            if let Some(country) = self.countries.by_iso2(code) {
                return Some(Iso2::new(&country.iso2));
            }
        }
        match self.countries.resolve(&place.text) {
            CountryMatch::Country(c) => Some(Iso2::new(&c.iso2)),
            CountryMatch::NotACountry if count_failures => {
                let key = (tally_field.to_owned(), place_raw(place));
                *self.tally.not_a_country.entry(key).or_default() += 1;
                None
            }
            CountryMatch::Unknown if count_failures => {
                let key = (tally_field.to_owned(), place_raw(place));
                *self.tally.unresolved.entry(key).or_default() += 1;
                None
            }
            _ => None,
        }
    }
}

fn place_raw(place: &Place) -> String {
    match &place.iso2 {
        Some(code) if place.text.is_empty() => code.clone(),
        Some(code) => format!("{} [{code}]", place.text),
        None => place.text.clone(),
    }
}
