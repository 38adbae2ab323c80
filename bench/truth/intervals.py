"""Bootstrap intervals for the weighted pair-truth figures that `fairwatch eval` prints.

Usage: fairwatch eval --source DIR --json --errors 1000 > eval.json
       python3 bench/truth/intervals.py curation/pair_truth.csv eval.json [ROUNDS] [SEED]

Each labelled pair's outcome is read back from the evaluation (a pair listed among the errors of a
level was decided against its label there; every other pair agreed with it), then the pairs of each
stratum are resampled with replacement, ROUNDS times with a fixed seed, and the weighted precision,
recall and F1 recomputed with the same weights as `crates/group/src/truth.rs`. Prints the 2.5% and
97.5% points of each figure: how much the figures could move on another draw of the same size.
"""
import collections
import csv
import json
import random
import sys


def counts(rows):
    """Weighted (tp, fp, fn) per level, with the weights of `crates/group/src/truth.rs`."""
    out = {"entity": [0.0, 0.0, 0.0], "group": [0.0, 0.0, 0.0]}
    labelled = collections.Counter(r["stratum"] for r in rows)
    for r in rows:
        weight = r["stratum_pairs"] / labelled[r["stratum"]]
        for level, c in out.items():
            truth, predicted = r[level]
            if truth or predicted:
                c[0 if truth and predicted else 1 if predicted else 2] += weight
    return out


def scores(counted):
    """Precision, recall and F1 per level of weighted counts."""
    out = {}
    for level, (tp, fp, fn) in counted.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[level] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def figures(rows):
    return scores(counts(rows))


def resample(rows, rng):
    """The pairs of each stratum drawn again with replacement, as many as it has."""
    by_stratum = collections.defaultdict(list)
    for r in rows:
        by_stratum[r["stratum"]].append(r)
    return [rng.choice(members) for members in by_stratum.values() for _ in members]


def print_intervals(point, draws, indent=""):
    """Each figure of `point` with the 2.5% and 97.5% points of the same figure over `draws`."""
    for level in ("entity", "group"):
        cells = []
        for k, name in enumerate(("precision", "recall", "F1")):
            values = sorted(d[level][k] for d in draws)
            low, high = values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1]
            cells.append(f"{name} {point[level][k]:.3f} [{low:.3f}, {high:.3f}]")
        print(f"{indent}{level:<7} " + ", ".join(cells))


def labelled_rows(truth_path, eval_path):
    """The labelled pairs of a truth file (not unsure), each with (truth, predicted) per level."""
    report = json.load(open(eval_path, encoding="utf-8"))["pair_truth"]
    wrong = {(e["pair"], e["level"]) for e in report["errors"]}
    rows = []
    for r in csv.DictReader(open(truth_path, encoding="utf-8")):
        if r["label"] in ("", "unsure"):
            continue
        entity, group = r["label"] == "same_entity", r["label"] != "different"
        rows.append({
            "stratum": r["stratum"],
            "stratum_pairs": int(r["stratum_pairs"]),
            "entity": (entity, entity != ((r["pair"], "entity") in wrong)),
            "group": (group, group != ((r["pair"], "group") in wrong)),
        })
    return rows


def main(truth_path, eval_path, rounds=1000, seed=7):
    rows = labelled_rows(truth_path, eval_path)
    rng = random.Random(seed)
    print_intervals(figures(rows), [figures(resample(rows, rng)) for _ in range(int(rounds))])


if __name__ == "__main__":
    main(*sys.argv[1:])
