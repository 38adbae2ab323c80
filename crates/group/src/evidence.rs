//! The kinds of evidence that put two companies (legal entities) in one corporate group, in one named
//! table: what each means, and the order in which links are accepted. A stronger kind is applied first,
//! so that when a `not_same_group` judgement forbids a union, the weaker evidence is the one refused.

/// Why two companies are in one group. Its id (`as_str`) is what the database stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupEvidence {
    /// A person judged them one group (`fairwatch judge A B same-group`, `curation/judgements.csv`).
    Judgement,
    /// A row of the curated groups file (`data/groups.csv`) links them, quoting a source that was read.
    Curated,
    /// A name states it: "Sensecy (a Verint company)", "part of", "a division of", "a subsidiary of".
    StatedRelation,
    /// A name states a former name: "Cognyte, formerly a Verint company", "X (formerly Y)".
    FormerName,
    /// Their records give one registrable website domain, and the names agree with it: both hold a
    /// word the domain's name holds, or they are close spellings. A reseller's or agency's site
    /// listing other firms fails the name test.
    SharedDomain,
    /// A national or regional entity named by a distinctive brand and a place ("Cellebrite UK",
    /// "Verint Systems (Asia Pacific)", "Thales Australia"), joined to the one group that brand names.
    NationalEntity,
    /// A division kept apart from its brand's company ("Hanwha Aerospace" beside "Hanwha", whose
    /// names carry several lines of business: `fairwatch_resolve::Divisions`), joined to the brand's
    /// group.
    Division,
    /// Names that begin with one brand word ("rheinmetall waffe munition", "rheinmetall expal
    /// munitions"): a word that begins many keys and is found inside few, long enough not to be a
    /// common word or a code, naming no place or nationality; or, where the first word is none, with
    /// the two words of a known firm ("general dynamics land systems": the two begin many keys, are
    /// inside few, and the firm they name alone holds many records).
    SharedBrand,
    /// One distinctive name under the legal forms of several jurisdictions ("Marposs" in Britain,
    /// "MARPOSS SAS" in France): every word of it coined, not everyday English, no place, at least
    /// `BRAND_MIN_LETTERS` letters in all, so that "GAMMA SAS" and "GAMMA ZRT" stay apart.
    SameNameAbroad,
}

/// Every kind with a sentence for people, strongest first: the order in which links are accepted.
pub const GROUP_EVIDENCE: &[(GroupEvidence, &str)] = &[
    (
        GroupEvidence::Judgement,
        "a person judged them one corporate group",
    ),
    (
        GroupEvidence::Curated,
        "the curated groups file links them, citing a source",
    ),
    (
        GroupEvidence::StatedRelation,
        "a name states that one belongs to the other",
    ),
    (
        GroupEvidence::FormerName,
        "a name states that one was formerly the other",
    ),
    (
        GroupEvidence::SharedDomain,
        "their records share a website domain that their names agree with",
    ),
    (
        GroupEvidence::NationalEntity,
        "one is named by the other's distinctive brand and a country, region or city",
    ),
    (
        GroupEvidence::Division,
        "one is named by the other's brand and a line of business, one of several the brand's names carry",
    ),
    (
        GroupEvidence::SharedBrand,
        "their names begin with one brand (a word, or the two words of a known firm) that names no place and describes nothing",
    ),
    (
        GroupEvidence::SameNameAbroad,
        "they bear one distinctive name under the legal forms of different jurisdictions",
    ),
];

impl GroupEvidence {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupEvidence::Judgement => "judgement",
            GroupEvidence::Curated => "curated",
            GroupEvidence::StatedRelation => "stated_relation",
            GroupEvidence::FormerName => "former_name",
            GroupEvidence::SharedDomain => "shared_domain",
            GroupEvidence::NationalEntity => "national_entity",
            GroupEvidence::Division => "division",
            GroupEvidence::SharedBrand => "shared_brand",
            GroupEvidence::SameNameAbroad => "same_name_abroad",
        }
    }

    /// The sentence for people.
    pub fn describe(self) -> &'static str {
        GROUP_EVIDENCE
            .iter()
            .find(|(kind, _)| *kind == self)
            .map(|(_, text)| *text)
            .expect("every kind is in the table")
    }

    /// Whether the evidence only suggests a group without naming its parent (a domain, a brand, a
    /// place): such evidence gives way to the curated groups file.
    pub fn names_no_parent(self) -> bool {
        matches!(
            self,
            GroupEvidence::SharedDomain
                | GroupEvidence::NationalEntity
                | GroupEvidence::Division
                | GroupEvidence::SharedBrand
                | GroupEvidence::SameNameAbroad
        )
    }

    /// Position in [`GROUP_EVIDENCE`]: lower is stronger and accepted first.
    pub fn strength_rank(self) -> usize {
        GROUP_EVIDENCE
            .iter()
            .position(|(kind, _)| *kind == self)
            .expect("every kind is in the table")
    }
}

/// Words shared by more keys than this in other positions, relative to the keys they begin, describe
/// rather than name: a brand leads its names ("thales" begins 81 keys and is inside 6), a common word
/// is everywhere ("global" begins 215 and is inside 385). A brand's first word may be inside at most
/// one key for every `BRAND_LEAD_RATIO` keys it begins.
pub const BRAND_LEAD_RATIO: usize = 4;

/// A brand word must begin at least this many keys: a word of one or two names says nothing of a
/// group.
pub const BRAND_MIN_KEYS: usize = 3;

/// A brand of one word shorter than this is too likely a common word or a code ("gamma", "alpha",
/// "area", "rcs") to name a group on its own, unless it leads many keys and is found inside almost
/// none: `SHORT_BRAND_MIN_KEYS` and `SHORT_BRAND_LEAD_RATIO` ("saab" begins 57 keys and is inside 2,
/// "gkn" 23 and 0; "first" 51 and 12, "alpha" 52 and 12, "gamma" 11 and 2 fail). Below three letters
/// a word is never a brand.
pub const BRAND_MIN_LETTERS: usize = 6;
pub const SHORT_BRAND_MIN_KEYS: usize = 15;
pub const SHORT_BRAND_LEAD_RATIO: usize = 8;
pub const BRAND_MIN_LETTERS_EVER: usize = 3;

/// A brand word of everyday English (`data/everyday_words.csv`: "golden", "premier", "axon") is taken
/// by many unrelated firms, so it names one firm's group only when the company named by the word alone
/// holds at least this share of the records under names beginning with it ("Siemens"); otherwise the
/// brand is the name's first two words ("Axon Cable", "Senior Aerospace"). A majority, as for a
/// group's headquarters.
pub const EVERYDAY_BRAND_SHARE: f64 = 0.5;

/// One name under several jurisdictions' legal forms joins them in a group when it has
/// `BRAND_MIN_LETTERS` letters; a shorter coined name of at least `ABROAD_SHORT_MIN_LETTERS` only when
/// its largest company holds `ABROAD_SHORT_MIN_RECORDS` records or more. Read on the corpus
/// (2026-12-02): of the 4- and 5-letter names shared abroad, those whose largest company has 20 records
/// or more are one firm's ("mbda", "moog", "saft", "ceia", "cnim", "dcns", "sako", "hiab", "nyco"),
/// while names of small firms are often homonyms or codes ("argo" 9 and 1, "ares", "nebo", "pico").
/// The same two bounds let a coined word of four or five letters be a shared brand word with the
/// long words' key counts (`BRAND_MIN_KEYS`, `BRAND_LEAD_RATIO`) when the companies it names alone hold
/// that many records and at least `EVERYDAY_BRAND_SHARE` of those under names beginning with it
/// ("mbda uk", "nammo lapua", "sagem ds").
pub const ABROAD_SHORT_MIN_LETTERS: usize = 4;
pub const ABROAD_SHORT_MIN_RECORDS: usize = 20;

/// A domain given by more companies than this is a host, a placeholder or a fair's service, not one
/// group's site.
pub const DOMAIN_MAX_COMPANIES: usize = 60;

/// Indel similarity of two compact keys from which two names sharing a domain count as spellings of
/// one another whatever their first words.
pub const CLOSE_NAMES: f64 = 0.8;

/// Share of a group's records with a known country that one country must hold to be taken as the
/// headquarters when no parent says it.
pub const HEADQUARTERS_MAJORITY: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_row_and_ids_are_distinct() {
        let mut ids: Vec<&str> = GROUP_EVIDENCE.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(ids.len(), 9);
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 9);
        assert!(GroupEvidence::Judgement.strength_rank() < GroupEvidence::SharedDomain.strength_rank());
    }
}
