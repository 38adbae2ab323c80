//! Cleaning of scraped text. Scraped names carry HTML entities, soft hyphens, zero-width spaces,
//! control characters and ragged whitespace; the cleaned value is what later stages compare, the
//! raw value is kept beside it as evidence.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Characters that render as nothing and only break comparison, or that reorder the text around
/// them when shown: soft hyphen, zero-width characters, the bidirectional marks, embeddings,
/// overrides and isolates (U+061C, U+200E/F, U+202A-E, U+2066-9), word joiners and the BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

fn needs_cleaning(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first().is_some_and(|b| *b == b' ')
        || bytes.last().is_some_and(|b| *b == b' ')
        || bytes.windows(2).any(|w| w == b"  ")
        || bytes
            .iter()
            .any(|&b| b == b'&' || b < 0x20 || b == 0x7F || b >= 0x80)
}

/// One line of clean text: entities decoded, invisible and control characters removed, Unicode in
/// NFC, whitespace (line breaks included) collapsed to single spaces.
pub fn clean_text(raw: &str) -> Cow<'_, str> {
    if !needs_cleaning(raw) {
        return Cow::Borrowed(raw);
    }
    let decoded = html_escape::decode_html_entities(raw);
    let decoded = one_ampersand(&decoded);
    let mut out = String::with_capacity(decoded.len());
    let mut pending_space = false;
    for c in decoded.chars() {
        if c.is_whitespace() || (c.is_control() && matches!(c, '\t' | '\n' | '\r')) {
            pending_space = !out.is_empty();
        } else if c.is_control() || is_invisible(c) {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    // Composed only now: a removed character may have stood between a letter and its accent
    // ("c\u{202A}\u{301}" is "ć"), which composing first would have left apart.
    Cow::Owned(compose(out))
}

/// Decoded text with each ampersand that was encoded more than once ("&amp;amp;amp;", as lists
/// escape their own output again) or cut before its semicolon ("AEROSPACE &amp", a name cut at a
/// field's length) made one ampersand. Other entities stay decoded once: "&amp;lt;" is the text
/// "&lt;".
fn one_ampersand(decoded: &str) -> Cow<'_, str> {
    const AMP: &str = "&amp";
    if !decoded.contains(AMP) {
        return Cow::Borrowed(decoded);
    }
    let mut out = String::with_capacity(decoded.len());
    let mut rest = decoded;
    while let Some(at) = rest.find(AMP) {
        out.push_str(&rest[..at]);
        out.push('&');
        rest = &rest[at + AMP.len()..];
        while let Some(after) = rest.strip_prefix(";amp") {
            rest = after;
        }
        rest = rest.strip_prefix(';').unwrap_or(rest);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `text` in NFC, without copying text that already is.
fn compose(text: String) -> String {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// Like [`clean_text`] but keeps line breaks, for postal addresses whose last line is the country.
pub fn clean_multiline(raw: &str) -> String {
    raw.lines()
        .map(clean_text)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text as it may be shown on a terminal: every control character (escape sequences, carriage
/// returns, line breaks) and every invisible or bidirectional character is written as a visible
/// `\u{..}` escape, so a file name, a JSON key or a stored problem can neither drive the terminal
/// nor reorder or hide what is printed around it. The one sanitiser for terminal output.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || is_invisible(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() || is_invisible(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_is_borrowed() {
        assert!(matches!(clean_text("CELLEBRITE LTD"), Cow::Borrowed(_)));
    }

    #[test]
    fn removes_scraping_noise() {
        assert_eq!(clean_text("  AT&amp;T\u{00AD}  Inc.\t"), "AT&T Inc.");
        assert_eq!(
            clean_text("WEAPONS MANUFACTURE\u{200B} INDUSTRIES\u{200B} COMPANY"),
            "WEAPONS MANUFACTURE INDUSTRIES COMPANY"
        );
        assert_eq!(clean_text("Line\u{0007}one\nline two"), "Lineone line two");
        assert_eq!(clean_text("Cafe\u{0301}"), "Café");
        assert_eq!(clean_text("&lt;script&gt;"), "<script>");
        assert_eq!(clean_text("\u{00AD}"), "");
    }

    #[test]
    fn an_ampersand_encoded_twice_or_cut_short_is_one() {
        assert_eq!(
            clean_text("Microspring &amp;amp;amp;amp; Presswork Ltd"),
            "Microspring & Presswork Ltd"
        );
        assert_eq!(
            clean_text("AEROTECH PEISSENBERG GMBH &amp"),
            "AEROTECH PEISSENBERG GMBH &"
        );
        assert_eq!(clean_text("TL&amp;amp;CO Solutions"), "TL&CO Solutions");
        assert_eq!(clean_text("Bill &amp; Hillary"), "Bill & Hillary");
        assert_eq!(
            clean_text("&amp;lt;b&amp;gt;"),
            "&lt;b&gt;",
            "other entities are decoded once"
        );
    }

    #[test]
    fn terminal_text_shows_controls_and_bidi_characters_as_escapes() {
        assert!(matches!(for_terminal("plain: Cellebrite Ltd"), Cow::Borrowed(_)));
        assert_eq!(
            for_terminal("evil\u{1b}[31m\n\u{2066}x\u{202E}"),
            "evil\\u{1b}[31m\\u{a}\\u{2066}x\\u{202e}"
        );
        assert_eq!(for_terminal("Société 東京"), "Société 東京");
    }

    #[test]
    fn removes_every_bidirectional_control() {
        let hostile = "Evil\u{2066}Corp\u{2069} \u{202E}gnp.exe\u{202C} \u{2067}x\u{2068}y\u{061C}";
        let clean = clean_text(hostile);
        assert_eq!(clean, "EvilCorp gnp.exe xy");
        assert!(!clean
            .chars()
            .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')));
    }

    #[test]
    fn an_accent_joins_its_letter_across_a_removed_character() {
        // Found by the property tests (tests/clean_properties.rs): the result was "c\u{301}", not NFC.
        assert_eq!(clean_text("c\u{202A}\u{301}"), "\u{107}");
        assert_eq!(clean_text("e\u{0007}\u{301} x"), "\u{e9} x");
    }

    #[test]
    fn multiline_keeps_lines() {
        assert_eq!(clean_multiline(" a \n\n b\u{00AD}c \n"), "a\nbc");
    }
}
