//! Groups of the real corpus in `../shared/data/caat`: the firms the issue names, renames, the
//! curated file and group judgements, and the accuracy on the hand-labelled pair truth.

use std::path::PathBuf;
use std::sync::OnceLock;

use fairwatch_group::truth::{load_pairs, score_pairs};
use fairwatch_group::{curated_links, group, GroupEvidence, Grouping, HeadquartersReason};
use fairwatch_ingest::{read_corpus, Dataset};
use fairwatch_resolve::judgements::{Effect, Judgement, Verdict};
use fairwatch_resolve::{resolve, Options, Resolution};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus() -> &'static (Dataset, Resolution, Grouping) {
    static DATA: OnceLock<(Dataset, Resolution, Grouping)> = OnceLock::new();
    DATA.get_or_init(|| {
        let dataset = read_corpus(&repo().join("../shared/data/caat"), false).unwrap();
        let resolution = resolve(&dataset, &[], Options { use_websites: true });
        let grouping = group(&dataset, &resolution, curated_links(), &[]);
        (dataset, resolution, grouping)
    })
}

/// The company holding a record with exactly this name.
fn company_of(resolution: &Resolution, dataset: &Dataset, name: &str) -> usize {
    let record = dataset
        .records
        .iter()
        .position(|r| r.name == name)
        .unwrap_or_else(|| panic!("{name:?} is in the corpus"));
    resolution.record_company[record].expect("a company")
}

/// The group of the company holding a record with exactly this name.
fn group_of(resolution: &Resolution, grouping: &Grouping, dataset: &Dataset, name: &str) -> usize {
    grouping.company_group[company_of(resolution, dataset, name)]
}

#[test]
fn cellebrite_national_entities_form_one_group_headquartered_in_israel() {
    let (dataset, resolution, grouping) = corpus();
    let names = [
        "CELLEBRITE",
        "Cellebrite UK Ltd",
        "CELLEBRITE FRANCE SAS",
        "CELLEBRITE ASIA PACIFIC PTE LTD",
        "Cellebrite USA",
        "Cellebrite DI LTD",
    ];
    let groups: Vec<usize> = names
        .iter()
        .map(|n| group_of(resolution, grouping, dataset, n))
        .collect();
    assert!(groups.iter().all(|&g| g == groups[0]), "{groups:?}");
    let cellebrite = &grouping.groups[groups[0]];
    assert_eq!(cellebrite.headquarters.as_deref(), Some("IL"), "{cellebrite:?}");
    let companies: std::collections::BTreeSet<usize> =
        names.iter().map(|n| company_of(resolution, dataset, n)).collect();
    assert!(
        companies.len() >= 4,
        "national entities stay companies of their own"
    );
}

#[test]
fn gamma_group_stays_apart_from_the_french_and_hungarian_gamma_firms() {
    let (dataset, resolution, grouping) = corpus();
    let gamma_group = group_of(resolution, grouping, dataset, "Gamma TSE Ltd");
    for member in ["FinFisher GmbH", "GAMMA INTERNATIONAL"] {
        assert_eq!(
            group_of(resolution, grouping, dataset, member),
            gamma_group,
            "{member}"
        );
    }
    let french = group_of(resolution, grouping, dataset, "GAMMA SAS");
    let hungarian = group_of(resolution, grouping, dataset, "GAMMA ZRT");
    assert_ne!(french, gamma_group, "{:?}", grouping.groups[french]);
    assert_ne!(hungarian, gamma_group);
    assert_ne!(french, hungarian);
}

#[test]
fn one_distinctive_name_in_several_jurisdictions_is_one_group() {
    let (dataset, resolution, grouping) = corpus();
    let british = group_of(resolution, grouping, dataset, "Marposs");
    let french = group_of(resolution, grouping, dataset, "MARPOSS SAS");
    assert_eq!(british, french);
    let legal_entities = grouping.groups[british]
        .members
        .iter()
        .filter(|m| resolution.companies[m.company].anchor.starts_with("marposs"))
        .count();
    assert!(legal_entities >= 2, "they stay legal entities of their own");
    let link = grouping
        .links
        .iter()
        .find(|l| l.evidence == GroupEvidence::SameNameAbroad && l.detail == "marposs")
        .expect("the link says why");
    assert!(link.accepted);
}

#[test]
fn the_units_of_a_two_word_brand_form_one_group() {
    let (dataset, resolution, grouping) = corpus();
    for (brand, units) in [
        (
            "General Dynamics Land Systems",
            &[
                "GENERAL DYNAMICS EUROPEAN LAND SYSTEMS",
                "General Dynamics Mission Systems",
                "General Dynamics Ordnance and Tactical Systems",
            ][..],
        ),
        (
            "BAE Systems",
            &["BAE Systems Hagglunds AB", "BAE Systems Bofors"][..],
        ),
    ] {
        let group = group_of(resolution, grouping, dataset, brand);
        for unit in units {
            assert_eq!(group_of(resolution, grouping, dataset, unit), group, "{unit}");
        }
    }
    // The first word alone names no firm: other "General" firms stay apart.
    let dynamics = group_of(resolution, grouping, dataset, "General Dynamics Mission Systems");
    for other in ["General Atomics", "General Electric"] {
        assert_ne!(
            group_of(resolution, grouping, dataset, other),
            dynamics,
            "{other}"
        );
    }
}

#[test]
fn divisions_of_a_brand_of_several_lines_are_companies_of_its_group() {
    let (dataset, resolution, grouping) = corpus();
    let company_of = |name: &str| company_of(resolution, dataset, name);
    for (brand, division) in [
        ("Leonardo", "Leonardo Electronics"),
        ("Northrop Grumman", "Northrop Grumman Aerospace Systems"),
        ("Hanwha", "Hanwha Aerospace"),
    ] {
        assert_ne!(
            company_of(brand),
            company_of(division),
            "{division} is a company of its own"
        );
        assert_eq!(
            group_of(resolution, grouping, dataset, brand),
            group_of(resolution, grouping, dataset, division),
            "{division} is in {brand}'s group"
        );
    }
    assert!(grouping
        .links
        .iter()
        .any(|l| l.evidence == GroupEvidence::Division && l.accepted));
    // One line beside the brand is the firm's own full name.
    assert_eq!(company_of("AERNNOVA"), company_of("AERNNOVA AEROSPACE"));
}

#[test]
fn a_firm_bought_and_renamed_under_its_buyers_brand_is_no_company_of_the_buyer() {
    let (dataset, resolution, grouping) = corpus();
    let company_of = |name: &str| company_of(resolution, dataset, name);
    // A shared stand address had joined every Teledyne name to Teledyne FLIR.
    assert_ne!(company_of("Teledyne FLIR"), company_of("TELEDYNE TECHNOLOGIES"));
    assert_ne!(company_of("Teledyne FLIR"), company_of("Teledyne"));
    assert_eq!(
        group_of(resolution, grouping, dataset, "Teledyne FLIR"),
        group_of(resolution, grouping, dataset, "TELEDYNE TECHNOLOGIES")
    );
}

#[test]
fn words_for_a_kind_of_body_or_a_nation_name_no_group() {
    let (dataset, resolution, grouping) = corpus();
    let group = |name: &str| group_of(resolution, grouping, dataset, name);
    assert_ne!(
        group("Ministerstvo obrany České republiky"),
        group("Ministerstvo obrany Slovenskej republiky"),
        "two countries' ministries"
    );
    assert_ne!(group("Bharat Forge Ltd"), group("BHARAT ELECTRONICS LIMITED"));
    assert_eq!(
        group("BHARAT ELECTRONICS LIMITED - CHENNAI"),
        group("BHARAT ELECTRONICS LIMITED"),
        "a firm named by two words still joins its units"
    );
}

#[test]
fn a_stated_rename_joins_the_old_and_new_names_in_one_group() {
    let (dataset, resolution, grouping) = corpus();
    let old = group_of(resolution, grouping, dataset, "Rockwell Collins");
    assert_eq!(group_of(resolution, grouping, dataset, "Collins Aerospace"), old);
    let link = grouping
        .links
        .iter()
        .find(|l| l.detail.contains("formerly Rockwell Collins"))
        .expect("the rename is a link");
    assert!(link.accepted);
    // A membership that ended is history: Cognyte left Verint.
    assert_ne!(
        group_of(resolution, grouping, dataset, "Cognyte"),
        group_of(resolution, grouping, dataset, "Verint Systems Ltd")
    );
}

#[test]
fn a_firm_sold_to_another_group_does_not_join_its_old_and_new_parents() {
    let (dataset, resolution, grouping) = corpus();
    // Sikorsky was "a United Technologies company" until Lockheed Martin bought it; United
    // Technologies became part of RTX with Raytheon. The parent stated latest holds.
    let sikorsky = group_of(
        resolution,
        grouping,
        dataset,
        "SIKORSKY AIRCRAFT, A UNITED TECHNOLOGIES COMPANY",
    );
    assert_eq!(
        group_of(resolution, grouping, dataset, "Lockheed Martin"),
        sikorsky
    );
    assert_eq!(
        group_of(
            resolution,
            grouping,
            dataset,
            "SIKORSKY, A LOCKHEED MARTIN COMPANY"
        ),
        sikorsky
    );
    assert_ne!(
        group_of(resolution, grouping, dataset, "United Technologies Corporation"),
        sikorsky
    );
    assert_ne!(
        group_of(resolution, grouping, dataset, "Raytheon Company"),
        sikorsky
    );
    assert!(grouping.links.iter().any(|l| !l.accepted
        && l.detail
            == "member_of_group UNITED TECHNOLOGIES (history: a later record names LOCKHEED MARTIN)"));
}

#[test]
fn the_curated_file_links_what_names_cannot() {
    let (dataset, resolution, grouping) = corpus();
    let nso = group_of(resolution, grouping, dataset, "Q CYBER TECHNOLOGIES");
    assert_eq!(&*grouping.groups[nso].name, "NSO Group");
    assert_eq!(
        grouping.groups[nso].headquarters_reason,
        HeadquartersReason::CuratedParent
    );
    assert!(
        grouping.curated_unmatched.is_empty(),
        "{:?}",
        grouping.curated_unmatched
    );
    // Every company is in exactly one group.
    let members: usize = grouping.groups.iter().map(|g| g.members.len()).sum();
    assert_eq!(members, resolution.companies.len());
}

#[test]
fn group_judgements_change_the_groups_and_report_what_they_did() {
    let (dataset, resolution, _) = corpus();
    let judgement = |left: &str, right: &str, verdict| Judgement {
        left: left.into(),
        right: right.into(),
        verdict,
        author: "test".into(),
        date: "2026-12-01".into(),
        note: String::new(),
    };
    let judgements = [
        judgement("GAMMA ZRT", "GAMMA SAS", Verdict::SameGroup),
        judgement("Cellebrite UK Ltd", "CELLEBRITE", Verdict::NotSameGroup),
        judgement("No Such Firm Anywhere", "CELLEBRITE", Verdict::SameGroup),
    ];
    let grouping = group(dataset, resolution, curated_links(), &judgements);
    assert_eq!(
        group_of(resolution, &grouping, dataset, "GAMMA ZRT"),
        group_of(resolution, &grouping, dataset, "GAMMA SAS")
    );
    assert_ne!(
        group_of(resolution, &grouping, dataset, "Cellebrite UK Ltd"),
        group_of(resolution, &grouping, dataset, "CELLEBRITE")
    );
    assert_eq!(grouping.judgement_effects[0], Some(Effect::Applied));
    assert!(matches!(
        grouping.judgement_effects[2],
        Some(Effect::NameNotFound { .. })
    ));
}

/// Floors just under the figures last measured on the hand-labelled pair truth, so a change that
/// loses accuracy fails (BENCHMARKS.md has the figures and the goals).
#[test]
fn accuracy_on_the_hand_labelled_pairs() {
    let (dataset, resolution, grouping) = corpus();
    let pairs = load_pairs(&repo().join("curation/pair_truth.csv")).unwrap();
    assert!(pairs.len() >= 600);
    let scores = score_pairs(dataset, resolution, grouping, &pairs);
    assert_eq!(scores.missing, 0, "every labelled name is still in the data");
    assert!(scores.group.f1 >= 0.90, "{:?}", scores.group);
    assert!(scores.entity.f1 >= 0.91, "{:?}", scores.entity);
}

/// The fresh blind sample, never tuned on: floors under today's figures (entity 0.944, group 0.876).
#[test]
fn accuracy_on_the_fresh_blind_sample() {
    let (dataset, resolution, grouping) = corpus();
    let pairs = load_pairs(&repo().join("curation/pair_truth_fresh.csv")).unwrap();
    assert!(pairs.len() >= 200);
    let scores = score_pairs(dataset, resolution, grouping, &pairs);
    assert_eq!(scores.missing, 0);
    assert!(scores.entity.f1 >= 0.94, "{:?}", scores.entity);
    assert!(scores.group.f1 >= 0.87, "{:?}", scores.group);
}

/// The third to eighth blind samples: floors under today's figures (third: entity 0.917, group 0.832;
/// fourth, measured untouched at entity 0.921, group 0.822, now 0.935 and 0.861; fifth, measured
/// untouched at entity 0.719, group 0.734, now 0.755 and 0.787; sixth, drawn 2026-12-07 and measured
/// untouched at entity 0.879, group 0.957, now 0.918 and 0.978; seventh, drawn at 039c928 and measured
/// untouched at entity 0.904, group 0.914; eighth, drawn at 7037cb6 and measured untouched at entity
/// 0.895, group 0.706, now 0.902 and 0.710).
#[test]
fn accuracy_on_the_later_blind_samples() {
    let (dataset, resolution, grouping) = corpus();
    for (file, entity, group) in [
        ("curation/pair_truth_third.csv", 0.91, 0.83),
        ("curation/pair_truth_fourth.csv", 0.93, 0.86),
        ("curation/pair_truth_fifth.csv", 0.75, 0.77),
        ("curation/pair_truth_sixth.csv", 0.91, 0.97),
        ("curation/pair_truth_seventh.csv", 0.90, 0.91),
        ("curation/pair_truth_eighth.csv", 0.90, 0.70),
    ] {
        let pairs = load_pairs(&repo().join(file)).unwrap();
        assert!(pairs.len() >= 200, "{file}");
        let scores = score_pairs(dataset, resolution, grouping, &pairs);
        assert_eq!(scores.missing, 0, "{file}");
        assert!(scores.entity.f1 >= entity, "{file}: {:?}", scores.entity);
        assert!(scores.group.f1 >= group, "{file}: {:?}", scores.group);
    }
}
