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
import random
import sys

from intervals import counts, labelled_rows, print_intervals, resample, scores


def pooled(samples):
    """Precision, recall and F1 per level of the samples' counts added up (their mean, scaled)."""
    total = {"entity": [0.0, 0.0, 0.0], "group": [0.0, 0.0, 0.0]}
    for rows in samples:
        for level, c in counts(rows).items():
            total[level] = [t + x for t, x in zip(total[level], c)]
    return scores(total)


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
        one = pooled([rows])
        print(f"{truth:<40} " + "  ".join(f"{lvl} F1 {one[lvl][2]:.3f}" for lvl in one))
    rng = random.Random(seed)
    draws = [pooled([resample(rows, rng) for rows in samples]) for _ in range(rounds)]
    print(f"pooled over {len(samples)} samples ({sum(len(s) for s in samples)} labelled pairs):")
    print_intervals(pooled(samples), draws, indent="  ")


if __name__ == "__main__":
    main(sys.argv[1:])
