//! Union-find over companies with cannot-link pairs: a `not_same_group` judgement forbids every union
//! that would put its two companies in one group, whatever evidence proposes it.

pub struct Unions {
    parent: Vec<usize>,
    cannot_link: Vec<(usize, usize)>,
}

impl Unions {
    pub fn new(size: usize) -> Unions {
        Unions {
            parent: (0..size).collect(),
            cannot_link: Vec::new(),
        }
    }

    pub fn forbid(&mut self, a: usize, b: usize) {
        self.cannot_link.push((a, b));
    }

    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Whether a union of `a` and `b` would join a forbidden pair.
    pub fn forbidden(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        (0..self.cannot_link.len()).any(|i| {
            let (x, y) = self.cannot_link[i];
            let (rx, ry) = (self.find(x), self.find(y));
            (rx == ra && ry == rb) || (rx == rb && ry == ra)
        })
    }

    /// Joins the groups of `a` and `b` unless forbidden; true when they end up in one group.
    pub fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if self.forbidden(a, b) {
            return false;
        }
        self.parent[ra.max(rb)] = ra.min(rb);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forbidden_pair_is_never_joined_even_through_a_third() {
        let mut u = Unions::new(3);
        u.forbid(0, 2);
        assert!(u.union(0, 1));
        assert!(!u.union(1, 2));
        assert_ne!(u.find(0), u.find(2));
    }
}
