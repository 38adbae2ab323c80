"""Draws the domain truth's disagreements with fairwatch, for a hand audit of the truth itself.

Usage: fairwatch eval --source DIR --export records.jsonl
       python3 bench/audit/sample_errors.py splits|merges records.jsonl [COUNT] [SEED]

splits: truth domains whose records fairwatch puts in several companies ("false splits");
merges: fairwatch companies that hold records of several truth domains ("false merges").
Each group is drawn with probability proportional to the pairs the truth counts against fairwatch in
it (so the audit estimates the share of those pairs, not of groups), without replacement, and printed
with its pieces: their countries and most frequent spellings.
"""
import collections
import json
import random
import sys


def disagreements(records, group_by, split_by):
    """Groups (by `group_by`) that `split_by` cuts into several pieces, with the pairs cut."""
    groups = collections.defaultdict(list)
    for record in records:
        if record["truth"]:
            groups[record[group_by]].append(record)
    found = []
    for group, members in groups.items():
        pieces = collections.defaultdict(list)
        for record in members:
            pieces[record[split_by]].append(record)
        if len(pieces) > 1:
            n = len(members)
            cut = n * (n - 1) // 2 - sum(len(p) * (len(p) - 1) // 2 for p in pieces.values())
            found.append((group, cut, list(pieces.values())))
    return found


def main(kind, path, count=34, seed=11):
    records = [json.loads(line) for line in open(path, encoding="utf-8")]
    if kind == "splits":
        found = disagreements(records, "truth", "fairwatch")
    elif kind == "merges":
        found = disagreements(records, "fairwatch", "truth")
    else:
        sys.exit(f"unknown kind {kind!r}: splits or merges")
    rng = random.Random(seed)
    chosen, seen = [], set()
    while len(chosen) < min(count, len(found)):
        group, cut, pieces = rng.choices(found, [f[1] for f in found])[0]
        if group not in seen:
            seen.add(group)
            chosen.append((group, cut, pieces))
    for group, cut, pieces in chosen:
        print(f"## {group} ({cut} pairs)")
        for piece in pieces:
            countries = sorted({r["country"] for r in piece}, key=str)
            names = collections.Counter(r["name"] for r in piece)
            print("   ", countries, " | ".join(n for n, _ in names.most_common(4)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:5]))
