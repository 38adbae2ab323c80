"""Side-by-side of Splink (DuckDB backend) and fairwatch on the same records and the same truth.

Input: the JSON Lines file `fairwatch eval --export FILE` writes: every record fairwatch treats as a
company, with its cleaned name, country, the domain-truth label (or null) and the company fairwatch
gave it with websites hidden. Splink sees the same name and country (websites hidden from it too).

Splink's model, the usual set-up from its documentation for deduplicating organisation names:
names normalised (ASCII, lower case, punctuation removed), compared by Jaro-Winkler at 0.95 / 0.88 and
exactly; countries compared exactly; blocking on the first word and on the first six letters (as
fairwatch blocks); u from random sampling, m by expectation maximisation in two sessions (blocked on
the first word, then on the first six letters). Pairs are clustered by connected components at several
match-probability thresholds, and Splink is given its best one on this truth: generous to Splink,
since fairwatch's rules are fixed in advance of any one run. The time is training, prediction and one
clustering.

Both clusterings are scored here with the same code: pairwise and B-cubed precision, recall and F1
over the records that carry a truth label.
"""

import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict

import pandas as pd
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.backends.duckdb import DuckDBAPI


def normalise(name):
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(t for t in re.split(r"[^a-z0-9]+", ascii_name) if t)


def scores(pairs_of_labels):
    """Pairwise and B-cubed scores of (truth, predicted) labels, from the contingency table."""
    cells = Counter(pairs_of_labels)
    truth, predicted = Counter(), Counter()
    for (t, p), n in cells.items():
        truth[t] += n
        predicted[p] += n
    c2 = lambda n: n * (n - 1) // 2
    tp = sum(c2(n) for n in cells.values())
    truth_pairs = sum(c2(n) for n in truth.values())
    predicted_pairs = sum(c2(n) for n in predicted.values())
    items = sum(truth.values())
    precision = tp / predicted_pairs if predicted_pairs else 1.0
    recall = tp / truth_pairs if truth_pairs else 1.0
    b_p = sum(n * n / predicted[p] for (t, p), n in cells.items()) / items
    b_r = sum(n * n / truth[t] for (t, p), n in cells.items()) / items
    f1 = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0
    return {
        "pair_precision": precision,
        "pair_recall": recall,
        "pair_f1": f1(precision, recall),
        "b3_precision": b_p,
        "b3_recall": b_r,
        "b3_f1": f1(b_p, b_r),
    }


def run_splink(records):
    """Clusterings at each of THRESHOLDS, and the seconds to the first."""
    started = time.perf_counter()
    df = pd.DataFrame(
        {
            "unique_id": records["record"],
            "name_norm": records["name"].map(normalise),
            "country": records["country"],
        }
    )
    df = df[df["name_norm"] != ""]
    df["first_word"] = df["name_norm"].str.split(" ").str[0]
    df["prefix6"] = df["name_norm"].str.replace(" ", "").str[:6]
    db_api = DuckDBAPI()
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("name_norm", [0.95, 0.88]),
            cl.ExactMatch("country"),
        ],
        blocking_rules_to_generate_predictions=[block_on("first_word"), block_on("prefix6")],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(db_api.register(df), settings, log_level=40)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("name_norm")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_word"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("prefix6"))
    predictions = linker.inference.predict(threshold_match_probability=min(THRESHOLDS))
    clusterings = {}
    for threshold in THRESHOLDS:
        table = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=threshold
        ).as_pandas_dataframe()
        clusterings[threshold] = dict(zip(table["unique_id"], table["cluster_id"]))
        if threshold == THRESHOLDS[0]:
            seconds = time.perf_counter() - started
    return clusterings, seconds


THRESHOLDS = [0.1, 0.3, 0.5, 0.8, 0.9, 0.95]


def main():
    path, fairwatch_seconds = sys.argv[1], float(sys.argv[2])
    records = pd.read_json(path, lines=True)
    clusterings, splink_seconds = run_splink(records)
    labelled = records[records["truth"].notna()]
    by_threshold = {}
    for threshold, cluster_of in clusterings.items():
        # A record Splink dropped (no letters left) is its own cluster.
        by_threshold[threshold] = scores(
            (t, cluster_of.get(r, f"alone-{r}"))
            for t, r in zip(labelled["truth"], labelled["record"])
        )
    best = max(by_threshold, key=lambda t: by_threshold[t]["pair_f1"])
    result = {
        "records": len(records),
        "truth_records": len(labelled),
        "fairwatch": {"seconds": fairwatch_seconds, **scores(zip(labelled["truth"], labelled["fairwatch"]))},
        "splink": {"seconds": splink_seconds, "threshold": best, **by_threshold[best]},
        "splink_by_threshold": {str(t): s for t, s in by_threshold.items()},
    }
    print(json.dumps(result, indent=2))
    print(f"{'':10} {'seconds':>8} {'pair P':>7} {'pair R':>7} {'pair F1':>7} {'B3 F1':>7}", file=sys.stderr)
    for threshold, s in by_threshold.items():
        print(f"  splink at match probability {threshold}: pair F1 {s['pair_f1']:.3f}", file=sys.stderr)
    for name in ("fairwatch", "splink"):
        s = result[name]
        print(
            f"{name:10} {s['seconds']:8.2f} {s['pair_precision']:7.3f} {s['pair_recall']:7.3f} "
            f"{s['pair_f1']:7.3f} {s['b3_f1']:7.3f}",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
