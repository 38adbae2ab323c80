//! Shared contacts as evidence: a telephone number, a postal address or (when websites are used) a
//! registrable domain that the records of two nodes share, when their names agree too, since a contact
//! alone chains unrelated firms (shared hosting, an agent's number, a business park).

use std::collections::BTreeMap;

use fairwatch_ingest::{Dataset, ExhibitorRecord};

use super::compare::similarity;
use super::evidence::{
    Candidate, Evidence, ADDRESS_MIN_NUMBERS, CONTACT_NAME_SIMILARITY, MAX_CONTACT_CROWD, TELEPHONE_DIGITS,
};
use super::keys::{extends_in_order, first_word};
use super::nodes::{countries_compatible, Node};
use crate::domain::{is_generic, registrable_domain};

/// Pairs of nodes whose records share a telephone number, when the names are compatible too: an
/// agent's or a switchboard's number serves unrelated firms.
pub(super) fn telephone_pairs(dataset: &Dataset, nodes: &[Node]) -> Vec<Candidate> {
    shared_contact_pairs(dataset, nodes, Evidence::SharedTelephone, telephone_numbers)
}

/// Pairs of nodes whose records share a postal address, when the names are close: a building serves
/// every company of a group.
pub(super) fn address_pairs(dataset: &Dataset, nodes: &[Node]) -> Vec<Candidate> {
    shared_contact_pairs(dataset, nodes, Evidence::SharedAddress, address_numbers)
}

/// Pairs of nodes whose records share a registrable domain, when the names are compatible too: a
/// domain alone chains unrelated firms (shared hosting, placeholders, group-wide sites).
pub(super) fn domain_pairs(dataset: &Dataset, nodes: &[Node]) -> Vec<Candidate> {
    shared_contact_pairs(dataset, nodes, Evidence::SharedDomain, |record| {
        record
            .details()
            .websites
            .iter()
            .filter_map(|w| registrable_domain(w).filter(|d| !is_generic(d)))
            .collect()
    })
}

/// Telephone numbers as their last [`TELEPHONE_DIGITS`] digits, which survive the many ways catalogues write
/// country and area codes ("+44 (0)1234 567890", "01234 567890"); a text may hold several.
pub fn telephone_numbers(record: &ExhibitorRecord) -> Vec<String> {
    record
        .details()
        .telephones
        .iter()
        .flat_map(|text| text.split(|c: char| c.is_alphabetic() || ",;/".contains(c)))
        .filter_map(|part| {
            let digits: String = part.chars().filter(char::is_ascii_digit).collect();
            (digits.len() >= TELEPHONE_DIGITS).then(|| digits[digits.len() - TELEPHONE_DIGITS..].to_owned())
        })
        .collect()
}

/// A postal address as the numbers in it (house number, postcode, suite), which survive the many ways
/// catalogues lay an address out and spell its street; an address with fewer than
/// [`ADDRESS_MIN_NUMBERS`] is too vague to tell one firm's door from its neighbours'.
pub fn address_numbers(record: &ExhibitorRecord) -> Vec<String> {
    let Some(address) = &record.details().address else {
        return Vec::new();
    };
    let mut numbers: Vec<String> = crate::normalise::tokens(address)
        .into_iter()
        .filter(|t| t.bytes().any(|b| b.is_ascii_digit()))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    if numbers.len() < ADDRESS_MIN_NUMBERS {
        return Vec::new();
    }
    vec![numbers.join(" ")]
}

/// How alike two names must be for a shared contact to join them.
#[derive(Clone, Copy)]
enum NameAgreement {
    /// Compact keys [`CONTACT_NAME_SIMILARITY`] alike: spellings of one name (websites). A group's site
    /// serves all its companies ("Rheinmetall AG", "Rheinmetall Waffe Munition" under rheinmetall.com),
    /// so a domain alone joins legal entities only when their names are spellings of each other; the
    /// group stage links the rest.
    Spelling,
    /// The same first word, or compact keys [`CONTACT_NAME_SIMILARITY`] alike (telephones).
    FirstWord,
    /// Compact keys [`CONTACT_NAME_SIMILARITY`] alike, or one name's words in order in the other:
    /// companies of one group share a building and a first word ("Teledyne FLIR", "Teledyne Marine").
    Close,
}

/// Pairs of nodes whose records share a contact (a website domain, a telephone number, an address),
/// when the names agree too: a contact alone chains unrelated firms (shared hosting, placeholders,
/// group-wide sites, an agent's number, a business park).
fn shared_contact_pairs(
    dataset: &Dataset,
    nodes: &[Node],
    evidence: Evidence,
    contacts: impl Fn(&ExhibitorRecord) -> Vec<String>,
) -> Vec<Candidate> {
    let agreement = match evidence {
        Evidence::SharedAddress => NameAgreement::Close,
        Evidence::SharedDomain => NameAgreement::Spelling,
        _ => NameAgreement::FirstWord,
    };
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
        if members.len() > MAX_CONTACT_CROWD {
            continue;
        }
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let (na, nb) = (&nodes[a], &nodes[b]);
                let agree = similarity(na, nb) >= CONTACT_NAME_SIMILARITY
                    || match agreement {
                        NameAgreement::Spelling => false,
                        NameAgreement::FirstWord => first_word(na.key) == first_word(nb.key),
                        NameAgreement::Close => {
                            let home = na.country.filter(|_| na.shares_country(nb));
                            extends_in_order(na.key, nb.key, home) || extends_in_order(nb.key, na.key, home)
                        }
                    };
                if agree && countries_compatible(na.country, nb.country) {
                    pairs.push(Candidate::new(evidence, a, b));
                }
            }
        }
    }
    pairs
}
