//! The shapes the corpus gives a field: a value or a list of values, a place as free text or as an
//! object. Hand-written visitors keep decoding typed and fast (no intermediate `Value` trees).

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, StrDeserializer};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// A field that holds one value or a list of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrManyVisitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value or a list of values")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(OneOrMany(vec![T::deserialize(StrDeserializer::<E>::new(v))?]))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Ok(OneOrMany(vec![T::deserialize(MapAccessDeserializer::new(map))?]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(1));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(OneOrMany(items))
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor(PhantomData))
    }
}

/// What a JSON object of the corpus's schema is called in messages ("an exhibitor object").
pub trait Described {
    const WHAT: &'static str;
}

/// A value the schema makes an object: serde would also build a struct from a positional array
/// (`["Cellebrite", "IL", ...]`), which the corpus never means, so anything but an object is an
/// error that names what was expected in the schema's words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de> + Described> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Described> Visitor<'de> for ObjectVisitor<T> {
            type Value = Object<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(T::WHAT)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Ok(Object(T::deserialize(MapAccessDeserializer::new(map))?))
            }
        }
        deserializer.deserialize_any(ObjectVisitor(PhantomData))
    }
}

/// A country or an address: free text, or text with an ISO code (and, for addresses, coordinates).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Place {
    pub text: String,
    pub iso2: Option<String>,
    /// Latitude and longitude as bit patterns, so records can be compared and hashed exactly.
    pub coordinates: Option<(u64, u64)>,
}

impl<'de> Deserialize<'de> for Place {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PlaceVisitor;
        impl<'de> Visitor<'de> for PlaceVisitor {
            type Value = Place;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text or an object with text and iso2")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Place, E> {
                Ok(Place {
                    text: v.to_owned(),
                    ..Place::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Place, A::Error> {
                let mut place = Place::default();
                let (mut lat, mut lon) = (None, None);
                while let Some(key) = map.next_key::<&str>()? {
                    match key {
                        "text" => place.text = map.next_value()?,
                        "iso2" => place.iso2 = Some(map.next_value()?),
                        "lat" => lat = Some(map.next_value::<f64>()?),
                        "lon" => lon = Some(map.next_value::<f64>()?),
                        other => {
                            return Err(de::Error::unknown_field(other, &["text", "iso2", "lat", "lon"]))
                        }
                    }
                }
                place.coordinates = lat.zip(lon).map(|(a, b)| (a.to_bits(), b.to_bits()));
                Ok(place)
            }
        }
        deserializer.deserialize_any(PlaceVisitor)
    }
}

/// Any JSON value kept as its source text (social-media links, which fairwatch stores but does not read).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RawJson(pub String);

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = <Box<serde_json::value::RawValue>>::deserialize(deserializer)?;
        Ok(RawJson(raw.get().to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_or_many_accepts_every_shape() {
        let one: OneOrMany<String> = serde_json::from_str(r#""a""#).unwrap();
        let many: OneOrMany<String> = serde_json::from_str(r#"["a","b"]"#).unwrap();
        assert_eq!(one.0, ["a"]);
        assert_eq!(many.0, ["a", "b"]);
        let places: OneOrMany<Place> =
            serde_json::from_str(r#"[{"text":"France","iso2":"FR"},"SUEDE"]"#).unwrap();
        assert_eq!(places.0[0].iso2.as_deref(), Some("FR"));
        assert_eq!(places.0[1].text, "SUEDE");
        let place: OneOrMany<Place> =
            serde_json::from_str(r#"{"text":"Paris","iso2":"FR","lat":48.9,"lon":2.5}"#).unwrap();
        assert!(place.0[0].coordinates.is_some());
    }

    #[test]
    fn unknown_place_fields_are_errors() {
        assert!(serde_json::from_str::<Place>(r#"{"text":"x","zip":"1"}"#).is_err());
    }
}
