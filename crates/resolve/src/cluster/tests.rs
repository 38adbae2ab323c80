//! Resolution of small hand-made datasets: each test states one rule of the matcher.

use super::contacts::{address_numbers, telephone_numbers};
use super::evidence::DISTINCTIVE_NAME_KEYS;
use super::*;
use crate::judgements::{Effect, Verdict};
use crate::normalise::RelationKind;
use fairwatch_ingest::{CountryValue, ExhibitorRecord, Fair, Iso2, Origin};

fn record(name: &str, country: Option<&str>) -> ExhibitorRecord {
    ExhibitorRecord {
        country: CountryValue {
            iso2: country.map(Iso2::new),
            raw: None,
            field: None,
        },
        ..ExhibitorRecord::new(0, 0, name)
    }
}

/// The records of one fair of 2020.
fn dataset(names: &[(&str, Option<&str>)]) -> Dataset {
    Dataset {
        fairs: vec![Fair {
            year: Some(2020),
            ..Fair::new("fair-2020".into(), Origin::Caat, "data/fair-2020.json".into())
        }],
        records: names.iter().map(|(n, c)| record(n, *c)).collect(),
        ..Dataset::default()
    }
}

fn judgement(left: &str, right: &str, verdict: Verdict) -> Judgement {
    Judgement {
        left: left.into(),
        right: right.into(),
        verdict,
        author: "t".into(),
        date: "d".into(),
        note: String::new(),
    }
}

fn same(resolution: &Resolution, a: usize, b: usize) -> bool {
    resolution.record_company[a] == resolution.record_company[b]
}

#[test]
fn spellings_merge_and_traps_stay_apart() {
    let data = dataset(&[
        ("CELLEBRITE LTD", Some("IL")),
        ("Cellebrite", Some("BR")),
        ("Nexter Systems", Some("FR")),
        ("NEXTER", Some("FR")),
        ("GAMMA ZRT", Some("HU")),
        ("Gamma International", Some("GB")),
        ("ADS", Some("GB")),
        ("ADS", Some("ZA")),
        ("GERMAN PAVILION", None),
    ]);
    let r = resolve(&data, &[], Options { use_websites: false });
    assert!(same(&r, 0, 1), "one firm whatever office registered it");
    assert!(same(&r, 2, 3), "descriptor words");
    assert!(!same(&r, 4, 5));
    assert!(!same(&r, 6, 7), "short names stay apart by country");
    assert_eq!(r.kinds[8], RecordKind::NotACompany("pavilion"));
    assert_eq!(r.record_company[8], None);
}

#[test]
fn a_short_name_without_a_country_is_the_firm_that_holds_nearly_all_its_listed_records() {
    let mut names = vec![("SAAB", None), ("SAAB", Some("FR")), ("SAAB S.p.A.", None)];
    names.extend([("Saab", Some("SE")); 10]);
    let r = resolve(&dataset(&names), &[], Options { use_websites: false });
    assert!(same(&r, 0, 3), "10 of the 11 listed records are Swedish");
    assert!(!same(&r, 1, 3), "short names stay apart by country");
    assert!(!same(&r, 2, 3), "an Italian form is no Swedish firm's");
    let mut names = vec![("SAAB", None)];
    names.extend([("Saab", Some("SE")); 4]);
    names.extend([("Saab", Some("FR")); 2]);
    let r = resolve(&dataset(&names), &[], Options { use_websites: false });
    assert!(!same(&r, 0, 1) && !same(&r, 0, 5), "no country holds nearly all");
}

#[test]
fn judgements_override_the_matcher_and_ids_stay_stable() {
    let data = dataset(&[
        ("Nexter Systems", Some("FR")),
        ("NEXTER", Some("FR")),
        ("KNDS France", Some("FR")),
    ]);
    let plain = resolve(&data, &[], Options { use_websites: false });
    let judged = resolve(
        &data,
        &[
            judgement("NEXTER", "Nexter Systems", Verdict::NotSame),
            judgement("Nexter", "KNDS France", Verdict::Same),
        ],
        Options { use_websites: false },
    );
    assert!(same(&plain, 0, 1) && !same(&plain, 1, 2));
    assert!(!same(&judged, 0, 1) && same(&judged, 1, 2));
    // Adding an unrelated company changes no existing id.
    let mut more = Dataset {
        records: data.records.clone(),
        ..Dataset::default()
    };
    more.records.push(record("Cellebrite", None));
    let again = resolve(&more, &[], Options { use_websites: false });
    for c in &plain.companies {
        assert!(again.companies.iter().any(|d| d.id == c.id), "{c:?}");
    }
}

#[test]
fn acronyms_and_distinctive_short_names_join() {
    let data = dataset(&[
        ("ISRAEL AIRCRAFT INDUSTRIES, Ltd (IAI)", Some("IL")),
        ("IAI", Some("IL")),
        ("IAI", Some("IN")),
        ("PLASAN SASA LTD.", Some("IL")),
        ("Plasan", Some("IL")),
        ("Plasan North America", Some("US")),
        ("Global", Some("US")),
        ("Global Ordnance", Some("US")),
        ("Global Ordnance Supply", Some("US")),
        ("Global Aviation Group", Some("US")),
        ("Global Radar", Some("US")),
        ("Global Eye", Some("US")),
        ("Global Tactical", Some("US")),
    ]);
    let r = resolve(&data, &[], Options { use_websites: false });
    assert!(same(&r, 0, 1), "an acronym in parentheses is an alias");
    assert!(!same(&r, 0, 2), "a weak alias stays within its country");
    assert!(same(&r, 3, 4), "a distinctive one-word name joins what it begins");
    assert!(!same(&r, 4, 5), "but not across countries");
    assert!((7..13).all(|i| !same(&r, 6, i)), "a common word names no firm");
}

#[test]
fn a_name_with_a_distinctive_first_word_joins_longer_names_holding_its_words() {
    let mut data = dataset(&[
        ("GARANTI KOMPOZIT", Some("TR")),
        (
            "GARANTI Giyim Kompozit Teknolojileri Sanayi ve Ticaret A.S.",
            Some("TR"),
        ),
        ("Garanti Tekstil", Some("TR")),
        ("Peli Products", Some("DE")),
        ("Peli Products Sweden", Some("DE")),
        ("Altay Savunma", Some("TR")),
        ("Altay Yazilim Savunma", Some("TR")),
        ("Sofex", Some("JO")),
        ("Sofex Jordan", Some("JO")),
        ("Hologarde", None),
        ("Hologarde Drone Detection", Some("FR")),
        ("Ultrak", None),
        ("Ultrak UK", None),
    ]);
    // Make "altay" a word of many keys, so it only names a firm together with a second word.
    for (i, extra) in ["Altay A", "Altay B", "Altay C", "Altay D", "Altay E"]
        .iter()
        .enumerate()
    {
        data.records
            .push(record(extra, Some(if i % 2 == 0 { "KZ" } else { "RU" })));
    }
    let r = resolve(&data, &[], Options { use_websites: false });
    assert!(same(&r, 0, 1), "its words recur in order");
    assert!(!same(&r, 0, 2) && !same(&r, 1, 2), "another word is another firm");
    assert!(!same(&r, 3, 4), "a country added names a national subsidiary");
    assert!(!same(&r, 5, 6), "a descriptor is no second naming word");
    assert!(
        same(&r, 7, 8),
        "the country it is listed in names the firm itself"
    );
    assert!(same(&r, 9, 10), "a word of these two names only needs no country");
    assert!(!same(&r, 11, 12), "a national subsidiary stays apart");
}

#[test]
fn a_chinese_region_before_a_distinctive_trade_name_is_dropped_within_china() {
    let mut data = dataset(&[
        ("Jiangsu Dongrun Safety Technology Co., Ltd", Some("CN")),
        ("Dongrun Safety Technology", Some("CN")),
        ("Nanjing Arrowhead Products Co. Ltd", None),
        ("Arrowhead Products", Some("US")),
        ("Beijing Institute of Technology", Some("CN")),
        ("Harbin Institute of Technology", Some("CN")),
        ("Shenzhen Droview Technology Co., Ltd", None),
        ("DroView", Some("CN")),
    ]);
    // "institute" names no firm: it is a word of many keys.
    for n in 0..=DISTINCTIVE_NAME_KEYS {
        data.records.push(record(&format!("Institute {n}"), Some("FR")));
    }
    let r = resolve(&data, &[], Options { use_websites: false });
    assert!(same(&r, 0, 1), "the region is no part of the trade name");
    assert!(
        !same(&r, 2, 3),
        "a name that begins with a Chinese region is a Chinese firm's"
    );
    assert!(!same(&r, 4, 5), "the region is what tells these apart");
    assert!(same(&r, 6, 7), "the trade name is distinctive");
}

#[test]
fn a_short_name_joins_the_firm_that_dominates_its_country() {
    let mut names = vec![("FN", Some("BE")), ("FN", Some("US"))];
    names.extend([("FN HERSTAL SA", Some("BE")); 9]);
    names.push(("FN Herstal and Frequentis", Some("BE")));
    // Too many "FN" names elsewhere for "FN" to be a distinctive word.
    names.extend([
        ("FN America", Some("US")),
        ("FN Manufacturing", Some("US")),
        ("FN UK", Some("GB")),
        ("FN Nouvelle", Some("FR")),
    ]);
    names.extend([
        ("JD", Some("FR")),
        ("JD Alpha", Some("FR")),
        ("JD Alpha", Some("FR")),
    ]);
    names.extend([("JD Beta", Some("FR")), ("JD Beta", Some("FR"))]);
    let r = resolve(&dataset(&names), &[], Options { use_websites: false });
    assert!(same(&r, 0, 2), "FN Herstal holds most Belgian FN names");
    assert!(!same(&r, 1, 2), "not in another country");
    assert!(!same(&r, 16, 17) && !same(&r, 16, 19), "no JD firm dominates");
}

#[test]
fn a_shared_address_joins_close_names_only() {
    let mut data = dataset(&[
        ("Bharat Dynamics Ltd.", Some("IN")),
        ("Bharat Dyanmics Limited", Some("IN")),
        ("Teledyne FLIR", Some("US")),
        ("Teledyne Marine", Some("US")),
        ("Vista Outdoor", Some("US")),
    ]);
    let address = |street: &str| Some(format!("Plot 4, {street}\nHyderabad\n500058\nIndia"));
    data.records[0].details_mut().address = address("Kanchanbagh");
    data.records[1].details_mut().address = address("Kanchanbagh");
    data.records[2].details_mut().address = Some("27700 SW Parkway Ave\nWilsonville, OR 97070".into());
    data.records[3].details_mut().address = Some("27700 SW Parkway Avenue\nWilsonville OR 97070\nUSA".into());
    data.records[4].details_mut().address = Some("1 Vista Way\nAnoka".into());
    let r = resolve(&data, &[], Options { use_websites: false });
    assert!(same(&r, 0, 1), "one address, one firm misspelt");
    assert!(!same(&r, 2, 3), "one building, two companies of a group");
    assert_eq!(address_numbers(&data.records[2]), ["27700 97070"]);
    assert_eq!(address_numbers(&data.records[3]), ["27700 97070"]);
    assert!(
        address_numbers(&data.records[4]).is_empty(),
        "one number is too vague"
    );
}

#[test]
fn a_shared_telephone_joins_compatible_names_only() {
    let mut data = dataset(&[
        ("Elbit Systems Land", Some("IL")),
        ("ELBIT LAND", Some("IL")),
        ("Rafael", Some("IL")),
    ]);
    data.records[0].details_mut().telephones = vec!["+972 (0)4 831 5315".into()];
    data.records[1].details_mut().telephones = vec!["04-8315315 Fax: 04-8315000".into()];
    data.records[2].details_mut().telephones = vec!["+972 4 8315315".into()];
    let r = resolve(&data, &[], Options { use_websites: false });
    assert!(same(&r, 0, 1), "one number, similar names");
    assert!(!same(&r, 0, 2), "one number, unrelated names");
    assert_eq!(telephone_numbers(&data.records[1]), ["48315315", "48315000"]);
}

#[test]
fn a_record_without_a_country_bridges_no_countries() {
    let data = dataset(&[
        ("GAMMA ZRT", Some("HU")),
        ("Gamma Group International", None),
        ("Gamma Group", Some("GB")),
    ]);
    let r = resolve(&data, &[], Options { use_websites: false });
    assert!(!same(&r, 0, 2), "{:?}", r.companies);
    assert!(
        same(&r, 0, 1) || same(&r, 1, 2),
        "the country-less record still joins one of them"
    );
}

#[test]
fn relations_come_from_names() {
    let data = dataset(&[("SENSECY (A VERINT COMPANY)", Some("IL")), ("VERINT", Some("IL"))]);
    let r = resolve(&data, &[], Options { use_websites: false });
    assert!(!same(&r, 0, 1));
    assert_eq!(r.relations.len(), 1);
    let relation = &r.relations[0];
    assert_eq!(relation.kind, RelationKind::MemberOfGroup);
    assert_eq!(
        (relation.company, relation.other),
        (r.record_company[0].unwrap(), r.record_company[1])
    );
    assert_eq!(relation.latest_year, Some(2020));
}

#[test]
fn every_union_is_kept_as_a_link_with_its_evidence() {
    let mut data = dataset(&[
        ("Nexter Systems", Some("FR")),
        ("NEXTER", Some("FR")),
        ("Nexter", Some("FR")),
        ("Thales", Some("FR")),
        ("Elbit Systems Land", Some("IL")),
        ("ELBIT LAND", Some("IL")),
    ]);
    data.records[4].details_mut().telephones = vec!["+972 (0)4 831 5315".into()];
    data.records[5].details_mut().telephones = vec!["04-8315315".into()];
    let r = resolve(&data, &[], Options { use_websites: false });
    let nexter = r.record_company[0].unwrap();
    let elbit = r.record_company[4].unwrap();
    let mut expected = vec![
        Link {
            company: nexter,
            left: "NEXTER".into(),
            right: "Nexter Systems".into(),
            evidence: Evidence::DescriptorWords,
        },
        Link {
            company: elbit,
            left: "ELBIT LAND".into(),
            right: "Elbit Systems Land".into(),
            evidence: Evidence::SharedTelephone,
        },
    ];
    expected.sort_by_key(|l| l.company);
    assert_eq!(r.links, expected);
    assert!(!same(&r, 0, 3), "no link, no union");
}

#[test]
fn one_name_of_disjoint_jurisdictions_is_several_legal_entities() {
    let mut data = dataset(&[
        ("GAMMA SAS", Some("FR")),
        ("GAMMA ZRT", Some("HU")),
        ("Gamma GmbH", Some("DE")),
        ("Gamma", Some("FR")),
        ("Cellebrite Ltd", Some("IL")),
        ("CELLEBRITE LTD", Some("IL")),
        ("Hacking Team Srl", Some("IT")),
        ("HACKING TEAM S.R.L.", Some("IT")),
        ("HackingTeam S.r.l.", Some("IT")),
        ("Hacking Team SAS", Some("FR")),
        ("Croshield d.o.o.", Some("HR")),
        ("Croshield Ltd.", Some("HR")),
        ("Croshield SAS", Some("FR")),
        ("Gamma", None),
    ]);
    data.records[1].details_mut().telephones = vec!["+36 1 234 5678".into()];
    data.records[2].details_mut().telephones = vec!["+36 1 234 5678".into()];
    let r = resolve(&data, &[], Options { use_websites: false });
    assert!(!same(&r, 0, 1) && !same(&r, 0, 2), "France, Hungary, Germany");
    assert!(!same(&r, 1, 2), "a shared telephone does not bridge them either");
    assert!(
        same(&r, 0, 3),
        "a name without a form joins the form of its country"
    );
    assert!(same(&r, 4, 5), "one form, one entity");
    assert!(
        same(&r, 6, 7) && same(&r, 6, 8),
        "the same form in other spellings"
    );
    assert!(!same(&r, 6, 9));
    assert!(
        same(&r, 10, 11),
        "an English form in Croatia translates the local one"
    );
    assert!(!same(&r, 10, 12));
    assert!(
        (0..3).all(|i| !same(&r, 13, i)),
        "no form, no country: no way to tell"
    );
    let jurisdiction = |i: usize| r.companies[r.record_company[i].unwrap()].jurisdiction.as_deref();
    assert_eq!(
        (jurisdiction(0), jurisdiction(1), jurisdiction(2)),
        (Some("FR"), Some("HU"), Some("AT CH DE"))
    );
    assert_eq!(jurisdiction(13), None);
    let ids: std::collections::BTreeSet<&str> = (0..3)
        .map(|i| r.companies[r.record_company[i].unwrap()].id.as_str())
        .collect();
    assert_eq!(ids.len(), 3);

    // A human may still say they are one.
    let judged = resolve(
        &data,
        &[judgement("GAMMA SAS", "GAMMA ZRT", Verdict::Same)],
        Options { use_websites: false },
    );
    let same_judged = |a: usize, b: usize| judged.record_company[a] == judged.record_company[b];
    assert!(same_judged(0, 1) && !same_judged(0, 2));
}

#[test]
fn each_judgement_says_what_became_of_it() {
    let data = dataset(&[
        ("Nexter Systems", Some("FR")),
        ("NEXTER", Some("FR")),
        ("KNDS France", Some("FR")),
        ("CELLEBRITE LTD", Some("IL")),
        ("Cellebrite", Some("IL")),
    ]);
    let judgements = [
        judgement("Nexter", "KNDS France", Verdict::Same),
        judgement("NEXTER", "Nexter Systems", Verdict::NotSame),
        judgement("Nexter Systems", "KNDS France", Verdict::Same),
        judgement("Cellebrite", "CELLEBRITE LTD", Verdict::NotSame),
        judgement("Nobody Ltd", "NEXTER", Verdict::Same),
        judgement("NEXTER", "Cellebrite", Verdict::SameGroup),
        judgement("NEXTER", "Cellebrite", Verdict::Unsure),
    ];
    let r = resolve(&data, &judgements, Options { use_websites: false });
    assert_eq!(r.judgement_effects.len(), judgements.len());
    assert_eq!(r.judgement_effects[0], Some(Effect::Applied));
    assert_eq!(r.judgement_effects[1], Some(Effect::Applied));
    assert!(
        matches!(&r.judgement_effects[2], Some(Effect::Overruled { reason }) if reason.contains("NEXTER")),
        "{:?}",
        r.judgement_effects[2]
    );
    assert_eq!(
        r.judgement_effects[3],
        Some(Effect::Unenforceable {
            key: "cellebrite".into()
        })
    );
    assert_eq!(
        r.judgement_effects[4],
        Some(Effect::NameNotFound {
            name: "Nobody Ltd".into()
        })
    );
    assert_eq!(r.judgement_effects[5], None);
    assert_eq!(r.judgement_effects[6], Some(Effect::Applied));
    assert!(same(&r, 1, 2) && !same(&r, 0, 2) && same(&r, 3, 4));
    assert!(r
        .links
        .iter()
        .any(|l| l.evidence == Evidence::Judgement && l.right == "KNDS France"));
}

#[test]
fn a_name_cut_short_joins_the_one_name_that_finishes_it() {
    let data = dataset(&[
        ("Pacific Northwest Defense Coa", Some("US")),
        ("PACIFIC NORTHWEST DEFENSE COALITION (PNDC)", Some("US")),
        ("Aerospace Industries Assoc", Some("US")),
        ("Aerospace Industries Associates", Some("US")),
        ("Aerospace Industries Association", Some("US")),
    ]);
    let resolution = resolve(&data, &[], Options { use_websites: true });
    assert!(same(&resolution, 0, 1));
    assert!(
        !same(&resolution, 2, 3) && !same(&resolution, 2, 4),
        "two names finish the cut one: it could be either"
    );
}

#[test]
fn an_alias_of_several_legal_entities_needs_a_form_to_tell_which() {
    let data = dataset(&[
        ("Siemens AG", Some("DE")),
        ("Siemens Ltd.", Some("GB")),
        ("Siemens Digital Industries Software / Siemens", None),
        ("Cassidian / Cassidian SAS", Some("FR")),
        ("Cassidian SAS", Some("FR")),
        ("Cassidian GmbH", Some("DE")),
        // More keys beginning with the word, so that it is no pair's alone.
        ("Siemens Energy", Some("DE")),
        ("Siemens Mobility", Some("DE")),
    ]);
    let resolution = resolve(&data, &[], Options { use_websites: true });
    assert!(!same(&resolution, 2, 0) && !same(&resolution, 2, 1));
    assert!(same(&resolution, 3, 4), "one entity only is of the country");
}

#[test]
fn a_country_added_to_a_name_is_no_misspelling() {
    let data = dataset(&[
        ("TenCate Advanced Armor", None),
        ("Tencate Advanced Armour UK Ltd", None),
        ("Estonia Defence Forces", None),
        ("Estonian Defence Forces", Some("EE")),
    ]);
    let resolution = resolve(&data, &[], Options { use_websites: true });
    assert!(!same(&resolution, 0, 1), "the British entity of the group");
    assert!(same(&resolution, 2, 3), "the country they are listed in");
}

#[test]
fn a_first_word_misread_early_is_still_compared() {
    let data = dataset(&[
        ("JUNCHANS MICROTEC CMBH", None),
        ("JUNGHANS Microtec GmbH", Some("DE")),
        ("JUNGHANS Defence", Some("DE")),
    ]);
    let resolution = resolve(&data, &[], Options { use_websites: true });
    assert!(same(&resolution, 0, 1));
    assert!(!same(&resolution, 0, 2));
}

#[test]
fn a_short_name_without_a_country_goes_where_its_form_exists() {
    let data = dataset(&[
        ("MKU", Some("IN")),
        ("MKU GmbH", Some("DE")),
        ("MKU PVT. LIMITED", None),
        ("MKU GmbH", None),
        ("MKU", None),
    ]);
    let resolution = resolve(&data, &[], Options { use_websites: true });
    assert!(
        same(&resolution, 0, 2),
        "a private limited company of India or Pakistan"
    );
    assert!(same(&resolution, 1, 3));
    assert!(
        !same(&resolution, 0, 1) && !same(&resolution, 4, 0),
        "a bare short name tells nothing"
    );
}

#[test]
fn the_same_letters_cross_countries_but_not_into_another_jurisdictions_entity() {
    let names = [
        ("L3 Harris", Some("GB")),
        ("L3 Harris", Some("GB")),
        ("L3Harris", Some("US")),
        ("L3Harris", Some("US")),
        ("Agusta Westland", Some("IT")),
        ("AGUSTAWESTLAND SpA", Some("IT")),
        ("AGUSTAWESTLAND NV", Some("NL")),
    ];
    let r = resolve(&dataset(&names), &[], Options { use_websites: false });
    assert!(same(&r, 0, 2), "one firm's name with and without a space");
    assert!(same(&r, 4, 5));
    assert!(!same(&r, 4, 6), "the Dutch NV is a legal entity of its own");
}
