"""Draws the truth domains that fairwatch splits, for a hand audit of the domain truth's "false splits".

Usage: fairwatch eval --source DIR --export records.jsonl
       python3 bench/audit/sample_splits.py records.jsonl [COUNT] [SEED]

Each domain is drawn with probability proportional to the truth pairs fairwatch splits in it (so the
audit estimates the share of missed pairs, not of domains), without replacement, and printed with the
pieces fairwatch made of it: their countries and most frequent spellings.
"""
import collections
import json
import random
import sys


def main(path, count=34, seed=11):
    records = [json.loads(line) for line in open(path, encoding="utf-8")]
    by_domain = collections.defaultdict(list)
    for record in records:
        if record["truth"]:
            by_domain[record["truth"]].append(record)
    split = []
    for domain, members in by_domain.items():
        pieces = collections.defaultdict(list)
        for record in members:
            pieces[record["fairwatch"]].append(record)
        if len(pieces) > 1:
            n = len(members)
            missed = n * (n - 1) // 2 - sum(len(p) * (len(p) - 1) // 2 for p in pieces.values())
            split.append((domain, missed, list(pieces.values())))
    rng = random.Random(seed)
    chosen, seen = [], set()
    while len(chosen) < min(count, len(split)):
        domain, missed, pieces = rng.choices(split, [s[1] for s in split])[0]
        if domain not in seen:
            seen.add(domain)
            chosen.append((domain, missed, pieces))
    for domain, missed, pieces in chosen:
        print(f"## {domain} ({missed} missed pairs)")
        for piece in pieces:
            countries = sorted({r["country"] for r in piece}, key=str)
            names = collections.Counter(r["name"] for r in piece)
            print("   ", countries, " | ".join(n for n, _ in names.most_common(4)))


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:4]))
