//! The kinds of evidence that two nodes are one company, in one table: what each means, how strong it
//! is (candidates are accepted strongest first, so a strong union is never pre-empted by a weak one
//! that a cannot-link would then forbid), and whether it may join clusters that have no country in
//! common. The thresholds the evidence is found with are here too, each with the reason for its value.

use rayon::prelude::*;

/// A kind of evidence that joined two nodes into one company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    Judgement,
    SameKey,
    SameKeyWithoutCountry,
    SameCompactKey,
    ReorderedWords,
    SharedTelephone,
    SharedAddress,
    SharedDomain,
    NearIdentical,
    Truncated,
    Alias,
    DescriptorWords,
    DistinctiveName,
    DominantFirm,
}

/// When a kind of evidence is accepted, relative to the others.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Strength {
    /// Before every candidate pair: a human's word.
    BeforeAll,
    /// A fixed score; higher scores are accepted first, equal scores in the order of the table.
    Score(f64),
    /// The pair's own similarity, between `NEAR_IDENTICAL_SIMILARITY` (0.93) and 1.
    Similarity,
    /// After every candidate pair, since it reads the clusters they built.
    AfterAll,
}

/// One row of [`EVIDENCE`].
#[derive(Debug)]
pub struct EvidenceKind {
    pub evidence: Evidence,
    /// Stable snake_case id, for output and data.
    pub id: &'static str,
    pub strength: Strength,
    /// Whether it may join clusters with no country in common. Only an identical name (or a human)
    /// may: anything weaker would let a record without a country bridge firms of different countries
    /// ("Gamma" in Hungary, "Gamma Group International" without one, "Gamma Group" in Britain).
    pub crosses_countries: bool,
    /// What it means and why it has that strength.
    pub meaning: &'static str,
}

/// Every kind of evidence, in the order of [`Evidence`]. The scores only order acceptance (they are
/// not probabilities); they reproduce the order that was tuned on the domain truth.
pub const EVIDENCE: &[EvidenceKind] = &[
    EvidenceKind {
        evidence: Evidence::Judgement,
        id: "judgement",
        strength: Strength::BeforeAll,
        crosses_countries: true,
        meaning: "a human `same` judgement: applied first, and overruled only by a `not_same` one",
    },
    EvidenceKind {
        evidence: Evidence::SameKey,
        id: "same_key",
        strength: Strength::Score(1.0),
        crosses_countries: true,
        meaning: "identical name keys (of one country when the key is country-bound): the surest \
                  evidence the names give, so it goes first and may cross countries",
    },
    EvidenceKind {
        evidence: Evidence::SameKeyWithoutCountry,
        id: "same_key_without_country",
        strength: Strength::Score(1.0),
        crosses_countries: true,
        meaning: "records of a country-bound key without a country join the key's only country, or the \
                  one holding DOMINANT_SHARE of its listed records: an identical name with nothing to tell \
                  it apart",
    },
    EvidenceKind {
        evidence: Evidence::SameCompactKey,
        id: "same_compact_key",
        strength: Strength::Score(0.99),
        crosses_countries: true,
        meaning: "identical keys once spaces go (\"hacking team\" / \"hackingteam\"): the same \
                  letters, so nearly as sure as an identical key, and like it may cross countries",
    },
    EvidenceKind {
        evidence: Evidence::ReorderedWords,
        id: "reordered_words",
        strength: Strength::Score(0.95),
        crosses_countries: false,
        meaning: "keys of three words or more holding the same words in another order: every word \
                  agrees, only their order differs",
    },
    EvidenceKind {
        evidence: Evidence::SharedTelephone,
        id: "shared_telephone",
        strength: Strength::Score(0.95),
        crosses_countries: false,
        meaning: "one telephone number (its last digits) and compatible names: two independent \
                  signals agreeing",
    },
    EvidenceKind {
        evidence: Evidence::SharedAddress,
        id: "shared_address",
        strength: Strength::Score(0.95),
        crosses_countries: false,
        meaning: "one postal address (its numbers) and close names: a building serves a whole \
                  group, so the names must be closer than for a telephone",
    },
    EvidenceKind {
        evidence: Evidence::SharedDomain,
        id: "shared_domain",
        strength: Strength::Score(0.95),
        crosses_countries: false,
        meaning: "one registrable website domain and compatible names (only when websites are used)",
    },
    EvidenceKind {
        evidence: Evidence::NearIdentical,
        id: "near_identical",
        strength: Strength::Similarity,
        crosses_countries: false,
        meaning: "compact keys whose indel similarity reaches NEAR_IDENTICAL_SIMILARITY: a misspelling; \
                  the closer the spelling the sooner it is accepted",
    },
    EvidenceKind {
        evidence: Evidence::Truncated,
        id: "truncated",
        strength: Strength::Score(0.92),
        crosses_countries: false,
        meaning: "a name of TRUNCATED_MIN_WORDS words or more whose last word was cut, and the one \
                  name that finishes it (\"Aerospace Industries Assoc\" / \"Aerospace Industries \
                  Association\"): every word but a cut one agrees, so it ranks with an alias",
    },
    EvidenceKind {
        evidence: Evidence::Alias,
        id: "alias",
        strength: Strength::Score(0.92),
        crosses_countries: false,
        meaning: "a name and the acronym or expansion another name gives it (\"Israel Aircraft \
                  Industries (IAI)\" / \"IAI\"): an acronym may stand for several firms, so it comes \
                  after the spellings",
    },
    EvidenceKind {
        evidence: Evidence::DescriptorWords,
        id: "descriptor_words",
        strength: Strength::Score(0.9),
        crosses_countries: false,
        meaning: "keys that differ only by descriptor words (\"Nexter\" / \"Nexter Systems\"): \
                  a group's divisions differ the same way, so it is weaker than a spelling (and a \
                  brand of several lines of business keeps its divisions apart: `Divisions`)",
    },
    EvidenceKind {
        evidence: Evidence::DistinctiveName,
        id: "distinctive_name",
        strength: Strength::Score(0.85),
        crosses_countries: false,
        meaning: "a name with a distinctive first word and a longer name of its country holding its \
                  words in order (\"Plasan\" / \"Plasan Sasa\"): the weakest name evidence, last",
    },
    EvidenceKind {
        evidence: Evidence::DominantFirm,
        id: "dominant_firm",
        strength: Strength::AfterAll,
        crosses_countries: false,
        meaning: "a short name and the firm that holds nearly all its country's records under names \
                  beginning with it (\"FN\" / \"FN Herstal\"): needs the finished clusters",
    },
];

impl Evidence {
    fn row(self) -> &'static EvidenceKind {
        &EVIDENCE[self as usize]
    }

    /// The stable snake_case id ("shared_domain").
    pub fn as_str(self) -> &'static str {
        self.row().id
    }

    pub fn strength(self) -> Strength {
        self.row().strength
    }

    /// What the evidence means and why it has its strength.
    pub fn meaning(self) -> &'static str {
        self.row().meaning
    }

    /// Whether it may join clusters that have no country in common.
    pub fn crosses_countries(self) -> bool {
        self.row().crosses_countries
    }
}

impl serde::Serialize for Evidence {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Compact keys at least this alike (indel similarity) are taken for one name misspelt; lower values
/// join more names of different firms a letter or two apart.
pub const NEAR_IDENTICAL_SIMILARITY: f64 = 0.93;

/// Compact keys shorter than this are never compared by similarity: one letter is too large a part
/// of a short name.
pub const NEAR_IDENTICAL_MIN_LETTERS: usize = 8;

/// The fewest letters two first words one letter apart must each have for names that agree after
/// them to be compared: "junchans" / "junghans" is a misreading, "158" / "558" another number.
pub const MISSPELT_FIRST_WORD_MIN_LETTERS: usize = 5;

/// The fewest words a key cut short must keep for the one name that finishes it to be taken as its
/// whole: with two ("gulf bus") the cut leaves too little to tell firms apart.
pub const TRUNCATED_MIN_WORDS: usize = 3;

/// A brand is taken to list divisions apart (`divisions`) when its names carry at least this many
/// lines of business ("Leonardo Electronics", "Leonardo Defence Systems"): with one line the longer
/// name is most often the firm's own full name ("Aernnova Aerospace"). Measured 2026-12-07 on the five
/// pair truths: every line word apart (one line enough) gained pooled blind entity F1 0.873 -> 0.892
/// but made 469 more companies, among them many one-line firms read as one entity (Aernnova, Acutec,
/// Aero Vodochody); two lines gained 0.873 -> 0.883 and made 122 more, mostly divisions and
/// subsidiaries (Bombardier Aerospace, GKN Aerospace, Meggitt Defence Systems, Diehl Defence).
pub const DIVISION_MIN_LINES: usize = 2;

/// Compact keys at least this alike agree well enough for a shared contact to join them, whatever
/// their first words.
pub const CONTACT_NAME_SIMILARITY: f64 = 0.8;

/// A contact (telephone, address, domain) shared by more nodes than this is a switchboard, a
/// business park or a host, and joins none of them.
pub const MAX_CONTACT_CROWD: usize = 12;

/// A telephone number is compared by its last this many digits, which survive the many ways
/// catalogues write country and area codes; shorter numbers are ignored.
pub const TELEPHONE_DIGITS: usize = 8;

/// An address with fewer numbers than this (house, postcode, suite) is too vague to tell one firm's
/// door from its neighbours'.
pub const ADDRESS_MIN_NUMBERS: usize = 2;

/// At most this many distinct keys may contain a one-word name for it to count as distinctive. Set on
/// the domain truth (2: F1 0.814, 4: 0.825, 6: 0.830, 10: 0.828 with websites hidden), where larger
/// values start to cost precision.
pub const DISTINCTIVE_WORD_KEYS: usize = 5;

/// The same for the first word of a name of several words, whose other words must recur in order in
/// the longer name: a stronger signal, so the word may be commoner (5: F1 0.861, 10: 0.864, 20: 0.868,
/// 40: 0.869 with websites hidden; 20 keeps precision within 0.004 of 5).
pub const DISTINCTIVE_NAME_KEYS: usize = 20;

/// A first word found in at most this many keys is so rare that the two names holding it need only
/// compatible countries, not a shared one ("Hologarde" / "Hologarde Drone Detection").
pub const DISTINCTIVE_PAIR_KEYS: usize = 2;

/// A legal form that exists in one of these countries is English ("Ltd", "Inc", "LLC"): on a record
/// without a country it ties the name to no jurisdiction, as catalogues translate forms into English.
/// Measured on the domain truth: blind F1 0.8835 -> 0.8842 (recall 0.883 -> 0.885, precision 0.884 ->
/// 0.884); the pair truth unchanged.
pub const ENGLISH_FORM_COUNTRIES: &[&str] = &["GB", "US"];

/// Share of a contested key's records that its largest jurisdiction set must have taken, and more
/// (by legal form, by a country it holds, or by a countryless English form only it meets), for a
/// record with none of these to be taken as that set's: a bare "Glenair" beside many "Glenair, Inc."
/// and "Glenair" in the US and fewer "Glenair GmbH" is the principal, US, firm; a bare "Gamma" beside
/// "GAMMA SAS" and "Gamma" in France, "GAMMA ZRT" and "Gamma GmbH" could be any of them. Counting formed
/// records only, half against two thirds: blind F1 0.8835 against 0.8834, entity F1 on the pair truth
/// 0.868 against 0.866. Counting every record taken (2026-12-07), more than half against more than two
/// thirds: tuned entity F1 0.917 against 0.910, domain blind F1 0.88681 against 0.88679.
pub const PRINCIPAL_FORM_SHARE: f64 = 0.5;

/// Share of a country's records under names beginning with a short name that one firm must hold for
/// the short name to be taken as that firm's ("FN" in Belgium, where FN Herstal holds nearly every
/// "FN ..." record), and the fewest records it must hold. Set on the domain truth and by reading the
/// merges each adds: 0.8 and 1 add 252 merges (recall +0.006, precision -0.001, about a quarter of
/// them wrong: "JD" / "JD'C Innovation"); 0.9 and 3 add 90, nearly all right, for recall +0.005.
/// The same bounds give a short name without a country to the country whose node holds that share of
/// the name's listed records ("SAAB", "DCNS", "CNIM", "JFD"; 2026-12-07: 13 companies on the corpus,
/// domain blind F1 0.8855 -> 0.8869, the pair samples unchanged).
pub const DOMINANT_SHARE: f64 = 0.9;
/// See [`DOMINANT_SHARE`].
pub const DOMINANT_MIN_RECORDS: usize = 3;

/// A pair of nodes and the evidence that they are one company.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub(super) evidence: Evidence,
    /// For [`Evidence::NearIdentical`], the similarity of the two compact keys.
    pub(super) similarity: Option<f64>,
    /// The two nodes, the smaller index first.
    pub(super) a: usize,
    pub(super) b: usize,
}

impl Candidate {
    pub(super) fn new(evidence: Evidence, a: usize, b: usize) -> Candidate {
        Candidate {
            evidence,
            similarity: None,
            a: a.min(b),
            b: a.max(b),
        }
    }

    pub(super) fn near_identical(similarity: f64, a: usize, b: usize) -> Candidate {
        Candidate {
            similarity: Some(similarity),
            ..Candidate::new(Evidence::NearIdentical, a, b)
        }
    }

    /// The score that orders acceptance.
    fn score(&self) -> f64 {
        match self.evidence.strength() {
            Strength::Score(score) => score,
            Strength::Similarity => self.similarity.unwrap_or(NEAR_IDENTICAL_SIMILARITY),
            Strength::BeforeAll => f64::INFINITY,
            Strength::AfterAll => f64::NEG_INFINITY,
        }
    }
}

/// Sorts candidates into the order of acceptance: strongest first; ties by the pair, then by the
/// table's order, so any input order gives the same clusters (candidates that tie on all three are
/// the same pair found twice, alike in every field). A pair found by several kinds of evidence of
/// one strength is kept once, under the first.
pub(super) fn in_acceptance_order(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.par_sort_unstable_by(|x, y| {
        y.score()
            .total_cmp(&x.score())
            .then((x.a, x.b).cmp(&(y.a, y.b)))
            .then(x.evidence.cmp(&y.evidence))
    });
    candidates.dedup_by(|x, y| (x.a, x.b) == (y.a, y.b));
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_follows_the_enum_and_ids_are_distinct() {
        for (i, row) in EVIDENCE.iter().enumerate() {
            assert_eq!(row.evidence as usize, i, "{row:?}");
        }
        let mut ids: Vec<&str> = EVIDENCE.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), EVIDENCE.len());
        assert_eq!(Evidence::SharedDomain.as_str(), "shared_domain");
    }

    #[test]
    fn candidates_are_accepted_strongest_first() {
        let order = in_acceptance_order(vec![
            Candidate::new(Evidence::DistinctiveName, 0, 1),
            Candidate::near_identical(0.96, 2, 3),
            Candidate::new(Evidence::SharedAddress, 2, 3),
            Candidate::new(Evidence::SameKey, 5, 4),
            Candidate::new(Evidence::ReorderedWords, 2, 3),
        ]);
        let kinds: Vec<Evidence> = order.iter().map(|c| c.evidence).collect();
        // (2, 3) is kept once, under its strongest evidence.
        assert_eq!(
            kinds,
            [
                Evidence::SameKey,
                Evidence::NearIdentical,
                Evidence::DistinctiveName
            ]
        );
        assert_eq!((order[0].a, order[0].b), (4, 5));
    }
}
