//! Human judgements applied before any evidence: a `not_same` forbids every union that would join
//! its two names, a `same` joins them unless a `not_same` forbids it; and what became of each, so a
//! curator can see the judgements that did nothing (a name no longer in the data, two spellings the
//! matcher reads as one name, a `same` that a `not_same` overrules).

use super::clusters::{CannotLink, Clusters, Union};
use super::names::analyse;
use super::nodes::{nodes_of_name, Node};
use super::Evidence;
use crate::judgements::{Effect, Judgement, Verdict};

/// Applies `judgements` to `clusters`, adding each union made to `joins`; the effect of each
/// judgement, in their order.
pub(super) fn apply(
    judgements: &[Judgement],
    nodes: &[Node],
    clusters: &mut Clusters,
    joins: &mut Vec<(usize, usize, Evidence)>,
) -> Vec<Option<Effect>> {
    let mut effects = Vec::with_capacity(judgements.len());
    let mut forced = Vec::new();
    for (index, j) in judgements.iter().enumerate() {
        if j.verdict.is_about_groups() {
            // Groups are judged by the group stage.
            effects.push(None);
            continue;
        }
        let (left_name, right_name) = (analyse(&j.left), analyse(&j.right));
        let left = nodes_of_name(nodes, &left_name.key, left_name.jurisdiction.as_deref());
        let right = nodes_of_name(nodes, &right_name.key, right_name.jurisdiction.as_deref());
        let missing = [(&left, &j.left), (&right, &j.right)]
            .into_iter()
            .find(|(found, _)| found.is_empty());
        if let Some((_, name)) = missing {
            effects.push(Some(Effect::NameNotFound { name: name.clone() }));
            continue;
        }
        let shared = left.iter().find(|n| right.contains(n));
        effects.push(Some(match (j.verdict, shared) {
            (Verdict::NotSame, Some(&n)) => Effect::Unenforceable {
                key: nodes[n].key.to_owned(),
            },
            (Verdict::NotSame, None) => {
                for &a in &left {
                    for &b in &right {
                        clusters.cannot_link(a, b, CannotLink::Judgement(index));
                    }
                }
                Effect::Applied
            }
            (Verdict::Same, _) => {
                forced.extend(
                    left.iter()
                        .flat_map(|&a| right.iter().map(move |&b| (index, a, b))),
                );
                Effect::Applied
            }
            _ => Effect::Applied,
        }));
    }
    // After every `not_same`, so that one overrules a `same` whatever their order.
    for (index, a, b) in forced {
        match clusters.union(a, b) {
            Union::Joined => joins.push((a, b, Evidence::Judgement)),
            Union::AlreadyOne => {}
            Union::Forbidden(why) => {
                let reason = match why {
                    CannotLink::Judgement(k) => format!(
                        "the not_same judgement {:?} ~ {:?} forbids it",
                        judgements[k].left, judgements[k].right
                    ),
                    CannotLink::Jurisdictions => "their legal forms are of disjoint jurisdictions".to_owned(),
                    CannotLink::Acquisition => {
                        "one is a firm bought and renamed under the other's brand (data/groups.csv)"
                            .to_owned()
                    }
                };
                if effects[index] == Some(Effect::Applied) {
                    effects[index] = Some(Effect::Overruled { reason });
                }
            }
        }
    }
    effects
}
