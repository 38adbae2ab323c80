//! Registrable domains of websites (`https://www.uk.cellebrite.com/x` -> `cellebrite.com`), by the
//! Public Suffix List, and the domains that are never evidence of identity.

use std::collections::HashSet;
use std::sync::OnceLock;

const GENERIC: &str = include_str!("../../../data/generic_domains.csv");

fn generic() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        fairwatch_refdata::data_rows::<(String, String)>("generic_domains.csv", GENERIC)
            .into_iter()
            .map(|(domain, _why)| domain)
            .collect()
    })
}

/// The registrable domain of a website value, or None for e-mail links, placeholders and junk.
pub fn registrable_domain(website: &str) -> Option<String> {
    let lower = website.trim().to_ascii_lowercase();
    if lower.starts_with("mailto:") || lower.contains('@') {
        return None;
    }
    let without_scheme = lower.split_once("://").map_or(lower.as_str(), |(_, rest)| rest);
    let host = without_scheme
        .split(['/', '?', '#', ':', ' ', '\\'])
        .next()
        .unwrap_or("")
        .trim_matches('.');
    if !host.contains('.')
        || !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return None;
    }
    let domain = psl::domain_str(host)?;
    Some(domain.to_owned())
}

/// Whether a registrable domain says nothing about who a record is (webmail, social networks,
/// government umbrellas: `data/generic_domains.csv`).
pub fn is_generic(domain: &str) -> bool {
    let set = generic();
    set.contains(domain)
        || domain
            .split_once('.')
            .is_some_and(|(_, parent)| set.contains(parent))
}

/// Each fair's own registrable domains (its websites and the page its exhibitor list came from):
/// catalogue pages given as exhibitors' websites say nothing of the exhibitor.
pub fn fair_domains(dataset: &fairwatch_ingest::Dataset) -> Vec<std::collections::BTreeSet<String>> {
    dataset
        .fairs
        .iter()
        .map(|f| {
            f.websites
                .iter()
                .chain(f.exhibitor_list_url.iter())
                .filter_map(|w| registrable_domain(w))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrable_domains() {
        assert_eq!(
            registrable_domain("https://www.nokia.com/industries/defense/").as_deref(),
            Some("nokia.com")
        );
        assert_eq!(
            registrable_domain("WWW.NOKIASIEMENSNETWORKS.COM").as_deref(),
            Some("nokiasiemensnetworks.com")
        );
        assert_eq!(
            registrable_domain("http://www.3m.co.uk/3M/en_GB/").as_deref(),
            Some("3m.co.uk")
        );
        assert_eq!(registrable_domain("mailto:info@x.com"), None);
        assert_eq!(registrable_domain("http://."), None);
        assert_eq!(registrable_domain("n/a"), None);
    }

    #[test]
    fn generic_domains_are_not_evidence() {
        assert!(is_generic("gmail.com"));
        assert!(is_generic(
            &registrable_domain("https://www.gov.uk/government/x").unwrap()
        ));
        assert!(!is_generic("cellebrite.com"));
    }
}
