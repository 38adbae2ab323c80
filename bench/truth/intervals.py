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


def figures(rows):
    counts = {"entity": [0.0, 0.0, 0.0], "group": [0.0, 0.0, 0.0]}
    labelled = collections.Counter(r["stratum"] for r in rows)
    for r in rows:
        weight = r["stratum_pairs"] / labelled[r["stratum"]]
        for level in ("entity", "group"):
            truth, predicted = r[level]
            c = counts[level]
            if truth and predicted:
                c[0] += weight
            elif predicted:
                c[1] += weight
            elif truth:
                c[2] += weight
    out = {}
    for level, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[level] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


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
    point = figures(rows)
    by_stratum = collections.defaultdict(list)
    for r in rows:
        by_stratum[r["stratum"]].append(r)
    rng = random.Random(seed)
    draws = {level: [[], [], []] for level in point}
    for _ in range(int(rounds)):
        sample = [rng.choice(members) for members in by_stratum.values() for _ in members]
        for level, values in figures(sample).items():
            for k, v in enumerate(values):
                draws[level][k].append(v)
    for level in ("entity", "group"):
        cells = []
        for k, name in enumerate(("precision", "recall", "F1")):
            values = sorted(draws[level][k])
            low, high = values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1]
            cells.append(f"{name} {point[level][k]:.3f} [{low:.3f}, {high:.3f}]")
        print(f"{level:<7} " + ", ".join(cells))


if __name__ == "__main__":
    main(*sys.argv[1:])
