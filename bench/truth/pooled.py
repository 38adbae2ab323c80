"""The blind pair samples pooled into one estimate of the matcher's accuracy over the corpus.

Usage: for each blind sample, fairwatch eval --source DIR --pair-truth FILE --json --errors 1000 > FILE.json
       python3 bench/truth/pooled.py TRUTH1.csv EVAL1.json [TRUTH2.csv EVAL2.json ...] [--rounds N] [--seed S]

Every sample is drawn by the same script from the same strata with its own seed, and each one's
stratum-weighted counts (true positives, false positives, false negatives) estimate the corpus's; their
mean is an estimate with a smaller spread than any one sample's, where a few pairs of a heavy stratum
(one pair of `first_word_far` weighs about 76,000 pairs) can move a single sample's F1 by 0.1. Prints
each sample's figures, then the pooled precision, recall and F1 with bootstrap 95% intervals (pairs of
each stratum of each sample resampled with replacement, ROUNDS times with a fixed seed). The samples
are independent draws; a pair drawn twice counts twice, as it would in one larger sample.
"""
import collections
import random
import sys

from intervals import labelled_rows


def counts(rows):
    """Weighted (tp, fp, fn) per level of one sample, with the weights of `crates/group/src/truth.rs`."""
    out = {"entity": [0.0, 0.0, 0.0], "group": [0.0, 0.0, 0.0]}
    labelled = collections.Counter(r["stratum"] for r in rows)
    for r in rows:
        weight = r["stratum_pairs"] / labelled[r["stratum"]]
        for level, c in out.items():
            truth, predicted = r[level]
            if truth or predicted:
                c[0 if truth and predicted else 1 if predicted else 2] += weight
    return out


def scores(samples):
    """Precision, recall and F1 per level of the mean of the samples' counts."""
    out = {}
    for level in ("entity", "group"):
        tp, fp, fn = (sum(counts(s)[level][k] for s in samples) for k in range(3))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[level] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def resample(rows, rng):
    by_stratum = collections.defaultdict(list)
    for r in rows:
        by_stratum[r["stratum"]].append(r)
    return [rng.choice(members) for members in by_stratum.values() for _ in members]


def main(args):
    rounds, seed = 1000, 7
    if "--rounds" in args:
        i = args.index("--rounds")
        rounds = int(args[i + 1])
        del args[i : i + 2]
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i : i + 2]
    samples = [labelled_rows(truth, report) for truth, report in zip(args[::2], args[1::2])]
    for truth, rows in zip(args[::2], samples):
        one = scores([rows])
        print(f"{truth:<40} " + "  ".join(f"{lvl} F1 {one[lvl][2]:.3f}" for lvl in one))
    point = scores(samples)
    rng = random.Random(seed)
    draws = [scores([resample(rows, rng) for rows in samples]) for _ in range(rounds)]
    print(f"pooled over {len(samples)} samples ({sum(len(s) for s in samples)} labelled pairs):")
    for level in ("entity", "group"):
        cells = []
        for k, name in enumerate(("precision", "recall", "F1")):
            values = sorted(d[level][k] for d in draws)
            low, high = values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1]
            cells.append(f"{name} {point[level][k]:.3f} [{low:.3f}, {high:.3f}]")
        print(f"  {level:<7} " + ", ".join(cells))


if __name__ == "__main__":
    main(sys.argv[1:])
