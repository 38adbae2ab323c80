//! Accepting the proposed links (strongest evidence first, under the `not_same_group` judgements)
//! and making the groups: their heads, names, headquarters with the reason, and stable ids.

use std::borrow::Cow;
use std::collections::BTreeMap;

use fairwatch_ingest::{Dataset, Iso2};
use fairwatch_resolve::ids::{ids_in_order, Id};
use fairwatch_resolve::normalise::split_name;
use fairwatch_resolve::runs::Runs;
use fairwatch_resolve::{extends_with_descriptors, Resolution};
use rayon::prelude::*;

use crate::everyday::is_everyday_word;
use crate::evidence::{GroupEvidence, HEADQUARTERS_MAJORITY};
use crate::links::{first_word, CompanyIndex, Proposal, Proposals};
use crate::unions::Unions;
use crate::{Group, GroupLink, HeadquartersReason, Member};
use fairwatch_refdata::CuratedLink;

pub struct Built {
    pub groups: Vec<Group>,
    pub company_group: Vec<usize>,
    pub links: Vec<GroupLink>,
    /// For each judgement, why its link was refused, if it was.
    pub refused_judgements: Vec<Option<String>>,
}

/// Accepts links in order of strength; gives the accepted and refused links and the unions.
fn accept(
    companies: usize,
    index: &CompanyIndex,
    proposals: &mut Proposals<'_>,
) -> (Unions, Vec<GroupLink>, Vec<Option<String>>) {
    let mut unions = Unions::new(companies);
    for &(a, b) in &proposals.forbidden {
        unions.forbid(a, b);
    }
    proposals.list.sort_by_key(|p| (p.evidence, p.from, p.to));
    let mut refused = vec![None; proposals.judgements];
    let mut links = Vec::with_capacity(proposals.list.len());
    let mut parents = Parents {
        curated_of_root: curated_brands(index, proposals),
        stated_of_root: vec![None; companies],
    };
    for p in &proposals.list {
        let ambiguous = p.all_of.iter().any(|&c| unions.find(c) != unions.find(p.to));
        let roots = (unions.find(p.from), unions.find(p.to));
        let disagreement = parents.disagreement(index, p, roots);
        let accepted = p.current && !ambiguous && disagreement.is_none() && unions.union(p.from, p.to);
        if accepted {
            parents.joined(index, p, roots, unions.find(p.from));
        }
        if let (Some(j), false) = (p.judgement, accepted) {
            refused[j] = Some("a not-same-group judgement forbids it".to_owned());
        }
        let detail = match (ambiguous, disagreement) {
            (true, _) => format!("{} (refused: the brand names several groups)", p.detail),
            (false, Some(reason)) => format!("{} (refused: {reason})", p.detail),
            (false, None) => p.detail.clone(),
        };
        links.push(GroupLink {
            from: p.from,
            to: p.to,
            evidence: p.evidence,
            detail,
            source: p.source.clone(),
            accepted,
        });
    }
    (unions, links, refused)
}

/// The parents the clusters built so far are known to have, by root: the first word of a curated
/// parent ("thales"), and of the parent a member's name states ("lockheed" for "Sikorsky, a
/// Lockheed Martin company"). Evidence that names no parent (a domain, a brand, a place) may not
/// join two clusters of different parents.
struct Parents<'a> {
    curated_of_root: Vec<Option<&'a str>>,
    stated_of_root: Vec<Option<&'a str>>,
}

impl<'a> Parents<'a> {
    /// Why `p` may not join its two clusters (`roots`), if it may not.
    fn disagreement(
        &self,
        index: &CompanyIndex,
        p: &Proposal,
        (from_root, to_root): (usize, usize),
    ) -> Option<&'static str> {
        if !p.evidence.names_no_parent() {
            return None;
        }
        if curation_disagrees(index, &self.curated_of_root, (p.from, from_root), (p.to, to_root)) {
            return Some("the curated groups file puts one side in another group");
        }
        match (self.stated_of_root[from_root], self.stated_of_root[to_root]) {
            (Some(x), Some(y)) if x != y => Some("the two sides' names state different parents"),
            _ => None,
        }
    }

    /// Records what the cluster `root`, made of `roots` by accepting `p`, is known to belong to.
    fn joined(
        &mut self,
        index: &CompanyIndex<'a>,
        p: &Proposal,
        (from_root, to_root): (usize, usize),
        root: usize,
    ) {
        self.curated_of_root[root] = self.curated_of_root[from_root].or(self.curated_of_root[to_root]);
        let stated = (p.evidence == GroupEvidence::StatedRelation && p.to_is_head)
            .then(|| first_word(index.keys[p.to]));
        self.stated_of_root[root] = stated
            .or(self.stated_of_root[from_root])
            .or(self.stated_of_root[to_root]);
    }
}

/// The first word of each company's current curated parent ("thales", "idemia"), indexed by company
/// (each company is its own root before any union).
fn curated_brands<'a>(index: &CompanyIndex, proposals: &Proposals<'a>) -> Vec<Option<&'a str>> {
    (0..index.keys.len())
        .map(|c| {
            proposals.curated_parent[c].map(|row| {
                let parent = proposals.curated[row].parent.as_str();
                parent.split_whitespace().next().unwrap_or(parent)
            })
        })
        .collect()
}

/// Evidence that names no parent (a domain, a brand, a place) may not undo the curated file: it
/// may not join groups curated under two parents, nor bring a company into a curated group unless
/// its name begins with the parent's first word ("Thales Nederland" is curated under Thales, so
/// every "Thales ..." may follow), or with the curated member's own first word when that word is
/// the member's own brand: no company is named by the word alone, or the member is the word, alone
/// or with descriptor words ("Selex Galileo" under Leonardo brings "Selex ES"; "FLIR Systems" under
/// Teledyne brings "FLIR" and "FLIR Commercial Systems"; "Safran Morpho", curated under IDEMIA,
/// does not bring Safran, which is a company of its own). A member whose first word is everyday
/// English has its first two words for a brand too, as for shared brands ("Axis Communications" under
/// Canon brings "Axis Communications Video Sdn Bhd", though a company is named "Axis").
fn curation_disagrees(
    index: &CompanyIndex,
    curated_of_root: &[Option<&str>],
    (a, root_a): (usize, usize),
    (b, root_b): (usize, usize),
) -> bool {
    let first = |c: usize| first_word(index.keys[c]);
    let member_brand = |member: usize, other: usize, brand: &str| {
        begins_with(index.keys[other], brand)
            && (!index.names_a_company(brand)
                || index.keys[member] == brand
                || extends_with_descriptors(brand, index.keys[member]))
    };
    let may_follow = |member: usize, other: usize, parent: &str| {
        first(other).eq_ignore_ascii_case(parent)
            || member_brand(member, other, first(member))
            || everyday_brand(index.keys[member]).is_some_and(|brand| member_brand(member, other, brand))
    };
    match (curated_of_root[root_a], curated_of_root[root_b]) {
        (Some(x), Some(y)) => !x.eq_ignore_ascii_case(y),
        (Some(parent), None) => !may_follow(a, b, parent),
        (None, Some(parent)) => !may_follow(b, a, parent),
        (None, None) => false,
    }
}

/// The first two words of a name of two words or more whose first is everyday English, which many
/// firms take ("axis communications"): the brand it is known by beside its first word.
fn everyday_brand(key: &str) -> Option<&str> {
    let (first, _) = key.split_once(' ')?;
    is_everyday_word(first).then(|| key.match_indices(' ').nth(1).map_or(key, |(at, _)| &key[..at]))
}

/// Whether a key is `brand` or begins with it and more words.
fn begins_with(key: &str, brand: &str) -> bool {
    key.strip_prefix(brand)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// The most frequent country of some records, if it holds a majority of those with a country.
fn majority_country(counts: impl Iterator<Item = (Iso2, usize)>) -> Result<Iso2, HeadquartersReason> {
    let mut merged: Vec<(Iso2, usize)> = counts.collect();
    merged.sort_unstable();
    let mut totals: Vec<(Iso2, usize)> = Vec::with_capacity(merged.len());
    for (country, n) in merged {
        match totals.last_mut() {
            Some(last) if last.0 == country => last.1 += n,
            _ => totals.push((country, n)),
        }
    }
    let total: usize = totals.iter().map(|(_, n)| n).sum();
    let Some(&(country, held)) = totals.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))) else {
        return Err(HeadquartersReason::NoCountry);
    };
    if held as f64 > HEADQUARTERS_MAJORITY * total as f64 {
        Ok(country)
    } else {
        Err(HeadquartersReason::NoClearMajority)
    }
}

/// How many records of each company give each country: one sorted run per company.
struct CountryCounts {
    counts: Vec<(Iso2, usize)>,
    /// Where each company's run begins in `counts` (one more entry than companies).
    starts: Vec<usize>,
}

impl CountryCounts {
    fn new(dataset: &Dataset, resolution: &Resolution) -> CountryCounts {
        let mut pairs: Vec<(usize, Iso2)> = dataset
            .records
            .iter()
            .zip(&resolution.record_company)
            .filter_map(|(r, c)| Some(((*c)?, r.country.iso2?)))
            .collect();
        pairs.sort_unstable();
        let mut counts: Vec<(Iso2, usize)> = Vec::new();
        let mut starts = vec![0; resolution.companies.len() + 1];
        let mut previous: Option<(usize, Iso2)> = None;
        for (c, country) in pairs {
            if previous == Some((c, country)) {
                counts.last_mut().expect("a run is open").1 += 1;
            } else {
                counts.push((country, 1));
                starts[c + 1] = counts.len();
            }
            previous = Some((c, country));
        }
        for c in 1..starts.len() {
            starts[c] = starts[c].max(starts[c - 1]);
        }
        CountryCounts { counts, starts }
    }

    fn of(&self, company: usize) -> impl Iterator<Item = (Iso2, usize)> + '_ {
        self.counts[self.starts[company]..self.starts[company + 1]]
            .iter()
            .copied()
    }
}

pub fn groups(
    dataset: &Dataset,
    resolution: &Resolution,
    index: &CompanyIndex,
    mut proposals: Proposals<'_>,
) -> Built {
    let companies = resolution.companies.len();
    let (mut unions, links, refused_judgements) = accept(companies, index, &mut proposals);
    let country_counts = CountryCounts::new(dataset, resolution);
    let mut is_head_candidate = vec![false; companies];
    let mut strongest: Vec<Option<GroupEvidence>> = vec![None; companies];
    for link in links.iter().filter(|l| l.accepted) {
        for c in [link.from, link.to] {
            strongest[c] = Some(strongest[c].map_or(link.evidence, |s| s.min(link.evidence)));
        }
    }
    for p in proposals.list.iter().filter(|p| p.to_is_head) {
        is_head_candidate[p.to] = true;
    }
    // Each group's companies, groups in the order of their roots.
    let root_of: Vec<usize> = (0..companies).map(|c| unions.find(c)).collect();
    let by_root = Runs::new(companies, root_of.iter().copied().zip(0..));
    let roots: Vec<usize> = by_root.keys().collect();
    let draft = Draft {
        resolution,
        index,
        proposals: &proposals,
        country_counts: &country_counts,
        is_head_candidate: &is_head_candidate,
        strongest: &strongest,
    };
    // Heads and anchors first, for the ids, as the resolver mints company ids; then the groups,
    // made in the order of their ids.
    let heads: Vec<(Head, Cow<str>)> = roots
        .par_iter()
        .map(|&root| draft.head(by_root.of(root)))
        .collect();
    let anchors: Vec<&str> = heads.iter().map(|(_, anchor)| anchor.as_ref()).collect();
    let ids = ids_in_order("fg", &anchors);
    drop(anchors);
    let groups: Vec<Group> = ids
        .into_par_iter()
        .map(|(g, id)| {
            let (head, anchor) = &heads[g];
            draft.group(by_root.of(roots[g]), *head, id, anchor)
        })
        .collect();
    let mut company_group = vec![0; companies];
    for (g, group) in groups.iter().enumerate() {
        for m in &group.members {
            company_group[m.company] = g;
        }
    }
    Built {
        groups,
        company_group,
        links,
        refused_judgements,
    }
}

/// What making one group needs to look up.
struct Draft<'a> {
    resolution: &'a Resolution,
    index: &'a CompanyIndex<'a>,
    proposals: &'a Proposals<'a>,
    country_counts: &'a CountryCounts,
    is_head_candidate: &'a [bool],
    /// The strongest evidence among the accepted links touching each company.
    strongest: &'a [Option<GroupEvidence>],
}

/// Who heads a group: the company, and the curated row naming the group's parent, if one does.
#[derive(Clone, Copy)]
struct Head<'a> {
    company: usize,
    curated: Option<&'a CuratedLink>,
}

impl<'a> Draft<'a> {
    fn records(&self, c: usize) -> usize {
        self.resolution.companies[c].records
    }

    /// The largest of some companies, ties to the first id.
    fn largest(&self, list: impl Iterator<Item = usize>) -> Option<usize> {
        list.max_by(|&a, &b| self.records(a).cmp(&self.records(b)).then(b.cmp(&a)))
    }

    /// The head of the group of companies `list`, and the anchor its id is minted from: its curated
    /// parent, or its head company's anchor key.
    fn head(&self, list: &[usize]) -> (Head<'a>, Cow<'a, str>) {
        // The curated parent most members name, ties to the first row.
        let mut parents: BTreeMap<usize, usize> = BTreeMap::new();
        for &c in list {
            if let Some(row) = self.proposals.curated_parent[c] {
                *parents.entry(row).or_default() += 1;
            }
        }
        let curated = parents
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(&row, _)| &self.proposals.curated[row]);
        let parent_company = curated.and_then(|link| {
            let parents = self.index.lookup(&link.parent);
            self.largest(list.iter().copied().filter(|c| parents.contains(c)))
        });
        let company = parent_company
            .or_else(|| self.largest(list.iter().copied().filter(|&c| self.is_head_candidate[c])))
            .or_else(|| self.largest(list.iter().copied()))
            .expect("a group has members");
        let anchor = curated.map_or_else(
            || Cow::Borrowed(self.resolution.companies[company].anchor.as_str()),
            |l| Cow::Owned(format!("curated|{}", split_name(&l.parent).key)),
        );
        (Head { company, curated }, anchor)
    }

    fn group(&self, list: &[usize], head: Head, id: Id, anchor: &str) -> Group {
        let Head {
            company: head,
            curated,
        } = head;
        let has_parent = curated.is_some() || (list.len() > 1 && self.is_head_candidate[head]);
        let (headquarters, reason) = self.headquarters(
            list,
            head,
            has_parent,
            curated.and_then(|l| l.parent_country.as_deref().map(Iso2::new)),
        );
        let mut members: Box<[Member]> = list
            .iter()
            .map(|&c| Member {
                company: c,
                head: c == head,
                link: self.strongest[c],
            })
            .collect();
        members.sort_by_key(|m| (!m.head, m.company));
        Group {
            id,
            name: curated
                .map_or_else(|| self.resolution.companies[head].name(), |l| &l.parent)
                .into(),
            anchor: anchor.into(),
            headquarters,
            headquarters_reason: reason,
            records: list.iter().map(|&c| self.records(c)).sum(),
            members,
        }
    }

    fn headquarters(
        &self,
        list: &[usize],
        head: usize,
        has_parent: bool,
        curated_country: Option<Iso2>,
    ) -> (Option<Iso2>, HeadquartersReason) {
        if let Some(country) = curated_country {
            return (Some(country), HeadquartersReason::CuratedParent);
        }
        if has_parent {
            if let Ok(country) = majority_country(self.country_counts.of(head)) {
                return (Some(country), HeadquartersReason::ParentRecords);
            }
        }
        match majority_country(list.iter().flat_map(|&c| self.country_counts.of(c))) {
            Ok(country) => (Some(country), HeadquartersReason::RecordsMajority),
            Err(reason) => (None, reason),
        }
    }
}
