//! Synthetic exhibitor records with a known truth: firms with invented names, each listed many times
//! in the ways fair catalogues vary a name (case, legal form, descriptor words, typos, booth numbers,
//! acronyms, missing countries). A few firms are listed very often and most rarely, as in the corpus,
//! and a share of names start with the same common words, so the blocks the matcher builds grow with
//! the corpus as real ones do. Its generator also draws the hand-labelled pair sample of the real
//! corpus (`examples/sample_truth_pairs.rs`).

use fairwatch_ingest::{CountryValue, Dataset, ExhibitorRecord, Fair, Iso2, Origin, RecordDetails};
use fairwatch_resolve::metrics::{score, ClusterScores};
use fairwatch_resolve::Resolution;

/// SplitMix64: a small generator fixed by definition, so a seed gives the same corpus (or the same
/// sample of the real one) everywhere.
pub struct Random(pub u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() <= p
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st", "kr", "pl",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ae", "io"];
const COMMON_WORDS: &[&str] = &[
    "Global", "Advanced", "Defence", "Security", "Tactical", "Marine", "Optics", "Aero", "Cyber", "Smart",
];
const DESCRIPTORS: &[&str] = &[
    "Systems",
    "Technologies",
    "Group",
    "International",
    "Industries",
    "Solutions",
    "Engineering",
];
/// Countries and the legal forms their firms write, in the spellings catalogues use.
const COUNTRIES: &[(&str, &[&str])] = &[
    ("GB", &["Ltd", "Ltd.", "LTD", "Limited"]),
    ("US", &["Inc", "Inc.", "INC", "LLC", "Corp."]),
    ("FR", &["SAS", "S.A.S.", "SA", "S.A."]),
    ("DE", &["GmbH", "GMBH", "GmbH & Co. KG"]),
    ("IT", &["S.p.A.", "SPA", "Srl", "S.r.l."]),
    ("TR", &["A.S.", "A.Ş.", "San. ve Tic. A.Ş."]),
    ("IL", &["Ltd", "Ltd.", "LTD"]),
    ("CZ", &["s.r.o.", "a.s.", "spol. s r.o."]),
    ("CN", &["Co., Ltd.", "Co. Ltd", "CO., LTD"]),
    ("RU", &["JSC", "OOO", "AO"]),
    ("AE", &["LLC", "FZE", "L.L.C."]),
    ("PL", &["Sp. z o.o.", "S.A."]),
    ("KR", &["Co., Ltd.", "Corp."]),
    ("IN", &["Pvt Ltd", "Private Limited", "Ltd"]),
    ("BR", &["Ltda", "S.A."]),
];

struct Firm {
    words: Vec<String>,
    country: usize,
    domain: String,
}

fn invented_word(random: &mut Random) -> String {
    let syllables = 2 + random.below(3);
    let mut word: String = (0..syllables)
        .map(|_| format!("{}{}", random.pick(ONSETS), random.pick(VOWELS)))
        .collect();
    if random.chance(0.4) {
        word.push_str(random.pick(&["n", "x", "s", "l", "k"]));
    }
    capitalise(&word)
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

fn firm(random: &mut Random) -> Firm {
    let mut words = Vec::new();
    if random.chance(0.1) {
        words.push(random.pick(COMMON_WORDS).to_owned());
    }
    words.push(invented_word(random));
    if random.chance(0.3) {
        words.push(invented_word(random));
    }
    if random.chance(0.4) {
        words.push(random.pick(DESCRIPTORS).to_owned());
    }
    let compact: String = words.concat().to_lowercase();
    let country = random.below(COUNTRIES.len());
    let tld = match COUNTRIES[country].0 {
        "US" => "com".to_owned(),
        code => code.to_lowercase(),
    };
    Firm {
        words,
        country,
        domain: format!("{compact}.{tld}"),
    }
}

/// One listing of `firm`, spelled as some catalogue might.
fn spelling(firm: &Firm, random: &mut Random) -> String {
    let mut words: Vec<String> = firm.words.clone();
    if words.len() > 1 && DESCRIPTORS.contains(&words[words.len() - 1].as_str()) && random.chance(0.15) {
        words.pop();
    }
    if random.chance(0.03) {
        let i = random.below(words.len());
        words[i] = typo(&words[i], random);
    }
    let (_, forms) = COUNTRIES[firm.country];
    let mut name = words.join(" ");
    if random.chance(0.02) && words.len() > 1 {
        let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
        name = format!("{name} ({})", initials.to_uppercase());
    }
    if random.chance(0.6) {
        name = format!("{name} {}", random.pick(forms));
    }
    if random.chance(0.02) {
        name = format!(
            "{name} (Hall {} - Stand {})",
            1 + random.below(9),
            random.below(400)
        );
    }
    match random.below(20) {
        0..=7 => name.to_uppercase(),
        8 => name.to_lowercase(),
        _ => name,
    }
}

/// A dropped, doubled or swapped letter.
fn typo(word: &str, random: &mut Random) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() < 4 {
        return word.to_owned();
    }
    let at = 1 + random.below(chars.len() - 2);
    match random.below(3) {
        0 => {
            chars.remove(at);
        }
        1 => chars.insert(at, chars[at]),
        _ => chars.swap(at, at + 1),
    }
    chars.into_iter().collect()
}

/// A synthetic corpus and, for each record, the firm it lists.
pub struct Synthetic {
    pub dataset: Dataset,
    pub truth: Vec<u32>,
}

impl Synthetic {
    /// How well `resolution` of this corpus finds the generator's firms.
    pub fn score(&self, resolution: &Resolution) -> ClusterScores {
        score(
            self.truth
                .iter()
                .zip(&resolution.record_company)
                .map(|(t, c)| (*t, *c)),
        )
    }
}

/// About three records per firm, as in the corpus (222,845 records, some 80,000 companies).
const RECORDS_PER_FIRM: usize = 3;
/// Records per fair edition, about the corpus's average list length.
const RECORDS_PER_FAIR: usize = 400;

/// Offset of the Zipf–Mandelbrot popularity law: the most listed firm gets some 0.2-0.3% of the
/// records, near the corpus's most listed companies, rather than Zipf's several percent.
const POPULARITY_OFFSET: f64 = 50.0;

/// `records` records from `seed`. Firm popularity follows the Zipf–Mandelbrot law (weight 1 / (rank
/// + 50)), so a few firms appear at most fairs and most at one or two.
pub fn generate(records: usize, seed: u64) -> Synthetic {
    let mut random = Random(seed);
    let firms: Vec<Firm> = (0..records.div_ceil(RECORDS_PER_FIRM).max(1))
        .map(|_| firm(&mut random))
        .collect();
    // Cumulative Zipf weights, sampled by binary search.
    let mut cumulative = Vec::with_capacity(firms.len());
    let mut total = 0.0;
    for rank in 1..=firms.len() {
        total += 1.0 / (rank as f64 + POPULARITY_OFFSET);
        cumulative.push(total);
    }
    let fairs: Vec<Fair> = (0..records.div_ceil(RECORDS_PER_FAIR).max(1))
        .map(|k| Fair {
            name: format!("Synthetic Fair {}", k / 20),
            year: Some(2000 + (k % 20) as i32),
            ..Fair::new(format!("synthetic-{k}"), Origin::CsvList, "synthetic".into())
        })
        .collect();
    let mut dataset = Dataset {
        fairs,
        ..Dataset::default()
    };
    let mut truth = Vec::with_capacity(records);
    for i in 0..records {
        let target = random.unit() * total;
        let f = cumulative.partition_point(|&c| c < target).min(firms.len() - 1);
        let firm = &firms[f];
        let name = spelling(firm, &mut random);
        let country = (!random.chance(0.15)).then_some(COUNTRIES[firm.country].0);
        let websites = if random.chance(0.5) {
            vec![format!("https://www.{}", firm.domain)]
        } else {
            Vec::new()
        };
        dataset.records.push(ExhibitorRecord {
            country: CountryValue {
                iso2: country.map(Iso2::new),
                raw: country.map(Into::into),
                field: Some("country"),
            },
            details: RecordDetails {
                websites,
                ..RecordDetails::default()
            }
            .boxed(),
            ..ExhibitorRecord::new(i / RECORDS_PER_FAIR, (i % RECORDS_PER_FAIR) as u32, &name)
        });
        truth.push(f as u32);
    }
    Synthetic { dataset, truth }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fairwatch_resolve::{resolve, Options};

    #[test]
    fn a_seed_gives_one_corpus() {
        let a = generate(2_000, 7);
        let b = generate(2_000, 7);
        let names = |s: &Synthetic| {
            s.dataset
                .records
                .iter()
                .map(|r| r.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&a), names(&b));
        assert_eq!(a.truth, b.truth);
        assert_ne!(names(&a), names(&generate(2_000, 8)));
    }

    #[test]
    fn firms_repeat_in_varied_spellings_and_resolution_finds_most_of_them() {
        let synthetic = generate(20_000, 1);
        let firms: std::collections::HashSet<u32> = synthetic.truth.iter().copied().collect();
        assert!(firms.len() > 2_000 && firms.len() < 20_000, "{}", firms.len());
        let top = synthetic.truth.iter().filter(|&&f| f == 0).count();
        let spellings: std::collections::HashSet<&str> = synthetic
            .dataset
            .records
            .iter()
            .zip(&synthetic.truth)
            .filter(|(_, &f)| f == 0)
            .map(|(r, _)| r.name.as_str())
            .collect();
        assert!(
            top > 30 && spellings.len() >= 8,
            "{top} records, {} spellings",
            spellings.len()
        );
        let resolution = resolve(&synthetic.dataset, &[], Options { use_websites: false });
        let scores = synthetic.score(&resolution);
        assert!(scores.pairwise.f1 > 0.8 && scores.bcubed.f1 > 0.8, "{scores:?}");
    }
}
