//! Union-find over nodes with the two rules no evidence may break: a cannot-link (a human `not_same`
//! judgement) is checked before every union, and evidence short of an identical name must find the
//! two clusters' countries compatible, so that a record without a country cannot bridge firms of
//! different countries.

/// Union-find with cannot-link constraints checked before every union.
pub(super) struct Clusters<'a> {
    parent: Vec<usize>,
    pub(super) cannot_link: Vec<(usize, usize)>,
    /// The known countries of each root's records, sorted.
    countries: Vec<Vec<&'a str>>,
}

impl<'a> Clusters<'a> {
    /// One cluster per node, with the known countries of each node's records.
    pub(super) fn new(countries: Vec<Vec<&'a str>>) -> Clusters<'a> {
        Clusters {
            parent: (0..countries.len()).collect(),
            cannot_link: Vec::new(),
            countries,
        }
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

    /// Joins the clusters of `a` and `b` unless a cannot-link forbids it; whether they are now one.
    pub(super) fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        for i in 0..self.cannot_link.len() {
            let (x, y) = self.cannot_link[i];
            let (rx, ry) = (self.find(x), self.find(y));
            if (rx == ra && ry == rb) || (rx == rb && ry == ra) {
                return false;
            }
        }
        let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[high] = low;
        let mut merged = std::mem::take(&mut self.countries[high]);
        merged.extend_from_slice(&self.countries[low]);
        merged.sort_unstable();
        merged.dedup();
        self.countries[low] = merged;
        true
    }
}
