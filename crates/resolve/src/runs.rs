//! Values grouped by a small integer key (a company, a cluster's root): one table of all values,
//! sorted by key, and where each key's run begins. A million keys from a large list would otherwise
//! cost a million small vectors (or a map of them).

/// `values[starts[k]..starts[k + 1]]` are the values of key `k`, in the order they were given.
#[derive(Debug, Clone, Default)]
pub struct Runs {
    values: Vec<usize>,
    starts: Vec<usize>,
}

impl Runs {
    /// The values of `pairs` (key, value) grouped by key, for keys below `keys`: a counting sort, so
    /// each key's values keep their order. The pairs are gone through twice.
    pub fn new(keys: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> Runs {
        let mut starts = vec![0; keys + 1];
        for (key, _) in pairs.clone() {
            starts[key + 1] += 1;
        }
        for key in 1..starts.len() {
            starts[key] += starts[key - 1];
        }
        let mut next = starts.clone();
        let mut values = vec![0; starts[keys]];
        for (key, value) in pairs {
            values[next[key]] = value;
            next[key] += 1;
        }
        Runs { values, starts }
    }

    /// The values of `key`.
    pub fn of(&self, key: usize) -> &[usize] {
        &self.values[self.starts[key]..self.starts[key + 1]]
    }

    /// Every value, by key.
    pub fn values(&self) -> &[usize] {
        &self.values
    }

    /// The keys that have values, in order.
    pub fn keys(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.starts.len() - 1).filter(|&key| self.starts[key] < self.starts[key + 1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_grouped_by_key_in_their_order() {
        let runs = Runs::new(4, [(2, 10), (0, 11), (2, 12), (3, 13), (2, 14)].into_iter());
        assert_eq!(runs.of(0), [11]);
        assert_eq!(runs.of(1), [] as [usize; 0]);
        assert_eq!(runs.of(2), [10, 12, 14]);
        assert_eq!(runs.values(), [11, 10, 12, 14, 13]);
        assert_eq!(runs.keys().collect::<Vec<_>>(), [0, 2, 3]);
    }
}
