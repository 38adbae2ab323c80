//! Short ASCII codes kept inline rather than as strings: a country's ISO code on every record, a
//! company's or group's id. A large list makes millions of them, and a `String` would cost an
//! allocation and 24 bytes each.

/// `N` ASCII bytes, read as a `str`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InlineAscii<const N: usize>([u8; N]);

impl<const N: usize> InlineAscii<N> {
    /// The code of these bytes, which must be ASCII.
    pub fn from_ascii(bytes: [u8; N]) -> InlineAscii<N> {
        assert!(bytes.is_ascii(), "{bytes:?} is not ASCII");
        InlineAscii(bytes)
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("checked ASCII when made")
    }
}

impl<const N: usize> std::ops::Deref for InlineAscii<N> {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl<const N: usize> std::fmt::Display for InlineAscii<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<const N: usize> std::fmt::Debug for InlineAscii<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl<const N: usize> serde::Serialize for InlineAscii<N> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<const N: usize> PartialEq<str> for InlineAscii<N> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl<const N: usize> PartialEq<&str> for InlineAscii<N> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_its_text() {
        let code = InlineAscii::from_ascii(*b"fw-0a");
        assert_eq!(code.as_str(), "fw-0a");
        assert_eq!(code, "fw-0a");
        assert_eq!(format!("{code} {code:?}"), "fw-0a \"fw-0a\"");
        assert!(InlineAscii::from_ascii(*b"AB") < InlineAscii::from_ascii(*b"BA"));
    }

    #[test]
    #[should_panic(expected = "is not ASCII")]
    fn refuses_other_bytes() {
        InlineAscii::from_ascii([0xc3, 0xa9]);
    }
}
