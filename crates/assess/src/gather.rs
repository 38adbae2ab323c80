//! Gathering a firm's evidence: every category its records were listed under, its names, the
//! registry and vendor-list rows naming its companies, and its attendance at surveillance-specific
//! events, each kept with the record or the source it came from; then graded per capability.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::grade;
use crate::place::CompanyRecords;
use crate::registry::{Lookup, Match};
use crate::rules::{Rules, Strength, Target};
use crate::{CapabilityFinding, Evidence, EvidenceKind, Inputs};

/// What the evidence of one firm comes to.
pub(crate) struct Gathered {
    pub capabilities: Vec<CapabilityFinding>,
    /// Registry and list rows that name one of its companies by the row's own name, with that company:
    /// whose headquarters the row states.
    pub principal_rows: Vec<(usize, Match)>,
}

/// Evidence gatherer, knowing what each category string in scope fires; shared by the threads that
/// assess.
pub(crate) struct Gatherer<'a> {
    inputs: Inputs<'a>,
    lookup: Lookup<'a>,
    surveillance_event: Vec<bool>,
    lawful_interception: Option<usize>,
    category_rules: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Gatherer<'a> {
    pub fn new(inputs: Inputs<'a>, records: &'a CompanyRecords) -> Gatherer<'a> {
        let rules = Rules::get();
        Gatherer {
            lookup: Lookup::new(inputs, records),
            surveillance_event: inputs
                .dataset
                .fairs
                .iter()
                .map(|f| rules.is_surveillance_event(&f.series))
                .collect(),
            lawful_interception: rules.capability("lawful_interception"),
            category_rules: category_rules(inputs, records),
            inputs,
        }
    }

    /// The evidence of the firm made of `companies`, from its records in scope.
    pub fn gather(&self, companies: &[usize], records: &[usize]) -> Gathered {
        let mut evidence: BTreeMap<usize, Vec<Evidence>> = BTreeMap::new();
        let spread = grade::Spread::new(self.inputs.dataset);
        self.gather_records(records, &spread, &mut evidence);
        let mut principal_rows = Vec::new();
        let mut seen = BTreeSet::new();
        for &c in companies {
            for found in self.inputs.registry.rows_naming(&self.lookup, c) {
                if found.principal {
                    principal_rows.push((c, found.clone()));
                }
                if !seen.insert(found.row) {
                    continue;
                }
                for (capability, item) in self.inputs.registry.evidence(&found, c) {
                    evidence.entry(capability).or_default().push(item);
                }
            }
        }
        Gathered {
            capabilities: grade::capabilities(evidence),
            principal_rows,
        }
    }

    fn gather_records(
        &self,
        records: &[usize],
        spread: &grade::Spread,
        evidence: &mut BTreeMap<usize, Vec<Evidence>>,
    ) {
        let rules = Rules::get();
        let dataset = self.inputs.dataset;
        let mut seen_names = BTreeSet::new();
        for &r in records {
            let record = &dataset.records[r];
            let company = self.inputs.resolution.record_company[r].expect("records in scope have a company");
            let strength_cap = spread.strength_cap(r);
            for category in &record.details().categories {
                for &rule in &self.category_rules[category.as_str()] {
                    let rule = &rules.rules[rule];
                    evidence.entry(rule.capability).or_default().push(Evidence {
                        kind: EvidenceKind::Category,
                        strength: rule.strength.min(strength_cap),
                        company,
                        record: Some(r),
                        text: category.clone(),
                        basis: spread.basis(r, &rule.phrase),
                    });
                }
            }
            // A name says the same at every record of a fair edition: once per edition, so that a
            // window keeps a name's evidence exactly when it keeps one of its editions.
            if seen_names.insert((record.name.as_str(), record.fair)) {
                for (_, rule) in rules.matching(Target::Name, &record.name) {
                    evidence.entry(rule.capability).or_default().push(Evidence {
                        kind: EvidenceKind::Name,
                        strength: rule.strength,
                        company,
                        record: Some(r),
                        text: record.name.clone(),
                        basis: rule.phrase.clone(),
                    });
                }
            }
            if let (true, Some(cap)) = (self.surveillance_event[record.fair], self.lawful_interception) {
                evidence.entry(cap).or_default().push(Evidence {
                    kind: EvidenceKind::Event,
                    strength: Strength::Weak,
                    company,
                    record: Some(r),
                    text: dataset.fairs[record.fair].name.clone(),
                    basis: "surveillance-specific event (data/surveillance_events.csv)".into(),
                });
            }
        }
    }
}

/// The category rules each category string of the records in scope fires, by position in `rules`.
fn category_rules<'a>(inputs: Inputs<'a>, records: &CompanyRecords) -> HashMap<&'a str, Vec<usize>> {
    let rules = Rules::get();
    let mut fired: HashMap<&str, Vec<usize>> = HashMap::new();
    for &r in records.all_in_scope() {
        for category in &inputs.dataset.records[r].details().categories {
            fired.entry(category.as_str()).or_insert_with(|| {
                rules
                    .matching(Target::Category, category)
                    .map(|(i, _)| i)
                    .collect()
            });
        }
    }
    fired
}
