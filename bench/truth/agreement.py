"""How far two labellers of the same name pairs agree: the ceiling a matcher can be measured against.

Usage: python3 bench/truth/agreement.py FIRST1.csv SECOND1.csv [FIRST2.csv SECOND2.csv ...] [--rounds N] [--seed S]

FIRST is a labelled truth file (`curation/pair_truth_*.csv`, with its strata and weights); SECOND holds
the same pairs labelled again by someone who saw neither the first labels nor the matcher's answers
(drawn by `sample_truth_pairs --relabel`, labelled with the brief in README.md), matched by pair id.
The second labeller's answers are scored as if they were a matcher's, with the weights `fairwatch eval`
uses, over the pairs neither labeller called unsure: weighted precision, recall and F1 at entity level
(same_entity) and group level (same_entity or same_group), and their pooled value over the samples with
bootstrap intervals (as `pooled.py`). F1 is symmetric: swapping the two labellers swaps precision and
recall. Also prints each sample's plain agreement on the three labels and the pairs they disagree on.
"""
import csv
import random
import sys

from intervals import print_intervals, resample
from pooled import pooled


def rows_of(path):
    """The rows of a truth file, its comment lines (`#`) left out."""
    return csv.DictReader(line for line in open(path, encoding="utf-8") if not line.startswith("#"))


def paired_rows(first_path, second_path):
    """The pairs both labellers labelled (neither unsure), as (truth, predicted) per level, and the
    disagreements as printable lines."""
    second = {r["pair"]: r for r in rows_of(second_path)}
    rows, disagreements, both = [], [], 0
    for r in rows_of(first_path):
        other = second.get(r["pair"])
        if other is None:
            sys.exit(f"{second_path}: pair {r['pair']} of {first_path} is missing")
        a, b = r["label"], other["label"]
        if a in ("", "unsure") or b in ("", "unsure"):
            continue
        both += 1
        if a != b:
            disagreements.append(f"  {r['pair']} {r['stratum']:<16} {a:<11} / {b:<11} {r['left_name']} || "
                                 f"{r['right_name']}")
        rows.append({
            "stratum": r["stratum"],
            "stratum_pairs": int(r["stratum_pairs"]),
            "entity": (a == "same_entity", b == "same_entity"),
            "group": (a != "different", b != "different"),
        })
    return rows, disagreements


def main(args):
    rounds, seed = 1000, 7
    for flag in ("--rounds", "--seed"):
        if flag in args:
            i = args.index(flag)
            value = int(args[i + 1])
            del args[i : i + 2]
            rounds, seed = (value, seed) if flag == "--rounds" else (rounds, value)
    samples = []
    for first, second in zip(args[::2], args[1::2]):
        rows, disagreements = paired_rows(first, second)
        samples.append(rows)
        one = pooled([rows])
        agree = len(rows) - len(disagreements)
        print(f"{first} against {second}: {len(rows)} pairs labelled by both, {agree} alike "
              f"({agree / len(rows):.3f}); " + "  ".join(f"{lvl} F1 {one[lvl][2]:.3f}" for lvl in one))
        print("\n".join(disagreements))
    rng = random.Random(seed)
    draws = [pooled([resample(rows, rng) for rows in samples]) for _ in range(rounds)]
    print(f"second labeller scored against the first, pooled over {len(samples)} samples "
          f"({sum(len(s) for s in samples)} pairs):")
    print_intervals(pooled(samples), draws, indent="  ")


if __name__ == "__main__":
    main(sys.argv[1:])
