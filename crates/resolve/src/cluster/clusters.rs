//! Union-find over nodes with the two rules no evidence may break: a cannot-link (a human `not_same`
//! judgement, or one name of disjoint jurisdictions) is checked before every union, and evidence short of an identical name must find the
//! two clusters' countries compatible, so that a record without a country cannot bridge firms of
//! different countries.

/// Why two nodes must never be in one cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CannotLink {
    /// The `not_same` judgement of this index.
    Judgement(usize),
    /// One name key, legal forms of disjoint jurisdictions: different legal entities.
    Jurisdictions,
    /// A firm bought and renamed under its buyer's brand, and the buyer (`data/groups.csv`).
    Acquisition,
}

/// What became of a union.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Union {
    /// Two clusters became one.
    Joined,
    /// They were one already.
    AlreadyOne,
    /// A cannot-link forbids it.
    Forbidden(CannotLink),
}

/// Union-find with cannot-link constraints checked before every union.
pub(super) struct Clusters<'a> {
    parent: Vec<usize>,
    /// For each root, the nodes its cluster must never join, and why.
    forbidden: Vec<Vec<(usize, CannotLink)>>,
    /// The known countries of each root's records, sorted.
    countries: Vec<Vec<&'a str>>,
}

impl<'a> Clusters<'a> {
    /// One cluster per node, with the known countries of each node's records.
    pub(super) fn new(countries: Vec<Vec<&'a str>>) -> Clusters<'a> {
        Clusters {
            parent: (0..countries.len()).collect(),
            forbidden: vec![Vec::new(); countries.len()],
            countries,
        }
    }

    /// Forbids every union that would put `a` and `b` in one cluster.
    pub(super) fn cannot_link(&mut self, a: usize, b: usize, why: CannotLink) {
        let (ra, rb) = (self.find(a), self.find(b));
        self.forbidden[ra].push((b, why));
        self.forbidden[rb].push((a, why));
    }

    /// Whether the clusters of `a` and `b` share a country or either has none known. Evidence short
    /// of an identical name must pass this, so that a record without a country cannot bridge firms
    /// of different countries ("Gamma" in France and Hungary, "Gamma Group International" without a
    /// country, "Gamma Group" in Britain).
    pub(super) fn countries_meet(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        let (ca, cb) = (&self.countries[ra], &self.countries[rb]);
        ca.is_empty() || cb.is_empty() || ca.iter().any(|c| cb.binary_search(c).is_ok())
    }

    pub(super) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the clusters of `a` and `b` unless a cannot-link forbids it.
    pub(super) fn union(&mut self, a: usize, b: usize) -> Union {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return Union::AlreadyOne;
        }
        // Each cannot-link is listed under both its clusters, so the shorter list is enough.
        let (small, other) = if self.forbidden[ra].len() <= self.forbidden[rb].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        for k in 0..self.forbidden[small].len() {
            let (x, why) = self.forbidden[small][k];
            if self.find(x) == other {
                return Union::Forbidden(why);
            }
        }
        let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[high] = low;
        let moved = std::mem::take(&mut self.forbidden[high]);
        self.forbidden[low].extend(moved);
        let mut merged = std::mem::take(&mut self.countries[high]);
        merged.extend_from_slice(&self.countries[low]);
        merged.sort_unstable();
        merged.dedup();
        self.countries[low] = merged;
        Union::Joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cannot_link_holds_through_other_unions() {
        let mut clusters = Clusters::new(vec![vec![]; 4]);
        clusters.cannot_link(0, 3, CannotLink::Judgement(7));
        assert_eq!(clusters.union(0, 1), Union::Joined);
        assert_eq!(clusters.union(2, 3), Union::Joined);
        assert_eq!(clusters.union(1, 2), Union::Forbidden(CannotLink::Judgement(7)));
        assert_eq!(clusters.union(1, 0), Union::AlreadyOne);
    }
}
