//! Shared contacts as evidence: a telephone number, a postal address or (when websites are used) a
//! registrable domain that the records of two nodes share, when their names agree too, since a contact
//! alone chains unrelated firms (shared hosting, an agent's number, a business park).

use std::collections::BTreeMap;

use fairwatch_ingest::{Dataset, ExhibitorRecord};

use super::keys::{extends_in_order, first_word};
use super::nodes::{countries_compatible, Node};
use crate::domain::{is_generic, registrable_domain};

/// Pairs of nodes whose records share a registrable domain, when the names are compatible too: a
/// domain alone chains unrelated firms (shared hosting, placeholders, group-wide sites).
pub(super) fn domain_pairs(dataset: &Dataset, nodes: &[Node]) -> Vec<(f64, usize, usize)> {
    shared_contact_pairs(dataset, nodes, NameAgreement::FirstWord, |record| {
        record
            .websites
            .iter()
            .filter_map(|w| registrable_domain(w).filter(|d| !is_generic(d)))
            .collect()
    })
}

/// Telephone numbers as their last eight digits, which survive the many ways catalogues write
/// country and area codes ("+44 (0)1234 567890", "01234 567890"); a text may hold several.
pub(super) fn telephone_numbers(record: &ExhibitorRecord) -> Vec<String> {
    record
        .telephones
        .iter()
        .flat_map(|text| text.split(|c: char| c.is_alphabetic() || ",;/".contains(c)))
        .filter_map(|part| {
            let digits: String = part.chars().filter(char::is_ascii_digit).collect();
            (digits.len() >= 8).then(|| digits[digits.len() - 8..].to_owned())
        })
        .collect()
}

/// A postal address as the numbers in it (house number, postcode, suite), which survive the many ways
/// catalogues lay an address out and spell its street; an address with fewer than two numbers is
/// too vague to tell one firm's door from its neighbours'.
pub(super) fn address_numbers(record: &ExhibitorRecord) -> Vec<String> {
    let Some(address) = &record.address else {
        return Vec::new();
    };
    let mut numbers: Vec<String> = crate::normalise::tokens(address)
        .into_iter()
        .filter(|t| t.bytes().any(|b| b.is_ascii_digit()))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    if numbers.len() < 2 {
        return Vec::new();
    }
    vec![numbers.join(" ")]
}

/// How alike two names must be for a shared contact to join them.
#[derive(Clone, Copy)]
pub(super) enum NameAgreement {
    /// The same first word, or compact keys at least 0.8 alike (websites, telephones).
    FirstWord,
    /// Compact keys at least 0.8 alike, or one name's words in order in the other: companies of one
    /// group share a building and a first word ("Teledyne FLIR", "Teledyne Marine").
    Close,
}

/// Pairs of nodes whose records share a contact (a website domain, a telephone number, an address),
/// when the names agree too: a contact alone chains unrelated firms (shared hosting, placeholders,
/// group-wide sites, an agent's number, a business park).
pub(super) fn shared_contact_pairs(
    dataset: &Dataset,
    nodes: &[Node],
    agreement: NameAgreement,
    contacts: impl Fn(&ExhibitorRecord) -> Vec<String>,
) -> Vec<(f64, usize, usize)> {
    let mut by_contact: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (n, node) in nodes.iter().enumerate() {
        for &i in &node.records {
            for contact in contacts(&dataset.records[i]) {
                by_contact.entry(contact).or_default().push(n);
            }
        }
    }
    let mut pairs = Vec::new();
    for members in by_contact.values_mut() {
        members.sort_unstable();
        members.dedup();
        if members.len() > 12 {
            continue;
        }
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let (na, nb) = (&nodes[a], &nodes[b]);
                let alike =
                    rapidfuzz::distance::indel::normalized_similarity(na.compact.chars(), nb.compact.chars())
                        >= 0.8;
                let agree = alike
                    || match agreement {
                        NameAgreement::FirstWord => first_word(na.key) == first_word(nb.key),
                        NameAgreement::Close => {
                            let home = na.country.filter(|_| na.shares_country(nb));
                            extends_in_order(na.key, nb.key, home) || extends_in_order(nb.key, na.key, home)
                        }
                    };
                if agree && countries_compatible(na.country, nb.country) {
                    pairs.push((0.95, a, b));
                }
            }
        }
    }
    pairs
}
