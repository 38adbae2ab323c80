#!/usr/bin/env python3
"""Hostile inputs for the cost bounds of the hardening issue, drawn with a fixed seed so anyone can redraw.

Usage: make_inputs.py CORPUS_DATA_DIR OUT_DIR [NEAR_DUPLICATES] [CSV_ROWS]

- OUT_DIR/caat/data/: the corpus's files (symbolic links) plus `near-duplicates-2020.json`, one valid fair
  file of NEAR_DUPLICATES (default 252,101) exhibitor names that all share their first word and most
  other words, differ by a letter here and there, and give a country: built to fill one block of the
  matcher and to make every comparison in it close.
- OUT_DIR/million.csv: a CSV list of CSV_ROWS (default 1,000,000) rows (name, event, year, country),
  names from a small vocabulary with random words, spread over 20 events and 10 years.
"""
import csv
import json
import os
import random
import sys

WORDS = ("defence systems security technologies solutions electronics engineering international "
         "industries group global tactical aerospace optics communications marine cyber intelligence "
         "protection services").split()
COUNTRIES = ["GB", "FR", "DE", "US", "IT", "ES", "IL", "AE", "CN", "IN"]


def jitter(rng, word):
    """The word with one letter changed, dropped or doubled, one time in three."""
    if len(word) < 4 or rng.random() > 1 / 3:
        return word
    i = rng.randrange(1, len(word) - 1)
    return rng.choice([word[:i] + rng.choice("aeioulnrst") + word[i + 1:], word[:i] + word[i + 1:],
                       word[:i] + word[i] + word[i:]])


def near_duplicate(rng):
    words = ["Apex"] + [jitter(rng, rng.choice(WORDS)) for _ in range(rng.randint(2, 4))]
    return " ".join(words) + rng.choice(["", " Ltd", " GmbH", " SAS", " Inc"])


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    near = int(sys.argv[3]) if len(sys.argv) > 3 else 252_101
    rows = int(sys.argv[4]) if len(sys.argv) > 4 else 1_000_000
    rng = random.Random(20261206)
    data = os.path.join(out, "caat", "data")
    os.makedirs(data, exist_ok=True)
    for name in os.listdir(corpus):
        link = os.path.join(data, name)
        if not os.path.lexists(link):
            os.symlink(os.path.abspath(os.path.join(corpus, name)), link)
    fair = {"name": "Near Duplicates 2020", "series": "Near Duplicates", "edition": "2020",
            "startDate": "2020-01-01", "address": "Paris, France", "country": {"text": "France", "iso2": "FR"},
            "exhibitor": [{"name": near_duplicate(rng), "country": {"iso2": rng.choice(COUNTRIES)}}
                          for _ in range(near)]}
    with open(os.path.join(data, "near-duplicates-2020.json"), "w") as f:
        json.dump(fair, f)
    with open(os.path.join(out, "million.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "event", "year", "country"])
        for _ in range(rows):
            name = " ".join([rng.choice(WORDS).title()] + ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz")
                                                                 for _ in range(rng.randint(3, 8)))
                                                         for _ in range(rng.randint(1, 3))])
            w.writerow([name, f"Event {rng.randrange(20)}", 2010 + rng.randrange(10), rng.choice(COUNTRIES)])


if __name__ == "__main__":
    main()
