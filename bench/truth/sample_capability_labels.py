#!/usr/bin/env python3
"""Draws the firms (corporate groups) of the capability labelled set from a fairwatch database.

Strata, each drawn with one fixed seed so anyone can redraw the same set from the same database:
  high      every group whose strongest member was rated high
  medium    a random sample of groups rated medium
  low       a random sample of groups rated low
  evidence  a random sample of groups with evidence of some capability but no flag
  registry  every group the registry names: in a database of schema 5 or later, every group with
            registry or vendor-list evidence; in an older one, every group with a name that the published
            vendor list (digitalfreedom/data-vendors) names, matched loosely on lower-case words without
            legal forms (a candidate, labelled like the rest)
A group drawn by an earlier stratum is not drawn again. The output is the blank labelling sheet (no
stratum, no confidence: the labeller judges the firm, not the tool) and a context file per firm with
what the fairs say of it (names, countries, websites, categories). Usage:

  sample_capability_labels.py DB VENDORS_CSV LEGAL_FORMS_CSV SEED OUT.csv CONTEXT.md STRATA.csv \
      [MEDIUM LOW EVIDENCE]   (default 90 150 100)

With TOP_UP=LABELS.csv in the environment, groups already labelled there are skipped and only the
registry stratum is drawn: the sheet for the registry vendors a newer build finds. With FRESH=N as well
(schema 5 or later) and no TOP_UP, N random flagged groups are drawn instead: the fresh blind sample,
labelled again by labellers who never saw the first labels, that tells how well the rules do beyond the
labels they were set on.
"""

import csv
import json
import os
import random
import re
import sqlite3
import sys


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower().replace("&", " and "))


def legal_forms(path):
    forms = set()
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            forms.add(tuple(words(row["form"])))
    return forms


def key(name, forms):
    """The name's words without trailing legal forms and without a parenthesised aside."""
    w = words(re.sub(r"\(.*?\)", " ", name))
    changed = True
    while changed and w:
        changed = False
        for n in (3, 2, 1):
            if len(w) > n and tuple(w[-n:]) in forms:
                w = w[:-n]
                changed = True
                break
    return " ".join(w)


def list_keys(path, forms):
    keys = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for part in re.split(r"\baka\b|/|\(formerly:?", row["company"], flags=re.I):
                k = key(part.strip(" )"), forms)
                if len(k.replace(" ", "")) >= 3:
                    keys[k] = row["company"]
    return keys


def main():
    db, vendors, forms_path, seed, out, context, strata_out = sys.argv[1:8]
    sizes = [int(x) for x in sys.argv[8:11]] or [90, 150, 100]
    rng = random.Random(int(seed))
    con = sqlite3.connect(db)
    (schema,) = con.execute("SELECT value FROM build_info WHERE key = 'schema_version'").fetchone()
    level = levels(con) if int(schema) < 5 else {}
    registry = registry_groups(con, vendors, forms_path, int(schema))
    top_up = os.environ.get("TOP_UP")
    chosen, strata = [], {}
    if top_up:
        with open(top_up, encoding="utf-8") as f:
            rows = csv.DictReader(line for line in f if not line.startswith("#"))
            strata = {row["group_id"]: "labelled" for row in rows}

    def take(stratum, groups, n=None):
        pool = sorted(g for g in groups if g not in strata)
        picked = pool if n is None else rng.sample(pool, min(n, len(pool)))
        for g in sorted(picked):
            strata[g] = stratum
            chosen.append(g)

    fresh = int(os.environ.get("FRESH", "0"))
    if fresh:
        flagged = con.execute(
            "SELECT firm_id FROM assessment WHERE level = 'group' AND confidence IS NOT NULL"
        )
        take("fresh", [g for (g,) in flagged], fresh)
        level, registry = {}, set()
    take("high", [g for g, r in level.items() if r == 3])
    take("medium", [g for g, r in level.items() if r == 2], sizes[0])
    take("low", [g for g, r in level.items() if r == 1], sizes[1])
    take("evidence", [g for g, r in level.items() if r == 0], sizes[2])
    take("registry", registry)
    strata = {g: s for g, s in strata.items() if s != "labelled"}
    order = sorted(chosen)
    rng.shuffle(order)
    write(con, order, strata, out, context, strata_out)


def levels(con):
    """Each group's strongest member confidence (3 high .. 0 evidence only), schema 4."""
    rank = {"high": 3, "medium": 2, "low": 1}
    level = {}
    for group, confidence in con.execute(
        "SELECT m.group_id, a.confidence FROM assessment a JOIN group_member m USING (company_id)"
    ):
        level[group] = max(level.get(group, 0), rank.get(confidence, 0))
    return level


def registry_groups(con, vendors, forms_path, schema):
    if schema >= 5:
        rows = con.execute(
            """SELECT DISTINCT firm_id FROM evidence
               WHERE level = 'group' AND kind IN ('registry', 'vendor_list')"""
        )
        return {g for (g,) in rows}
    forms = legal_forms(forms_path)
    listed = list_keys(vendors, forms)
    registry = set()
    for group, name in con.execute(
        "SELECT m.group_id, n.name FROM company_name n JOIN group_member m USING (company_id)"
    ):
        if key(name, forms) in listed:
            registry.add(group)
    return registry


def write(con, order, strata, out, context, strata_out):
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["group_id", "name", "label", "reason", "source_url"])
        for g in order:
            (name,) = con.execute("SELECT name FROM corporate_group WHERE id = ?", (g,)).fetchone()
            w.writerow([g, name, "", "", ""])
    with open(strata_out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["group_id", "stratum"])
        for g in sorted(order):
            w.writerow([g, strata[g]])
    with open(context, "w", encoding="utf-8") as f:
        for i, g in enumerate(order, 1):
            f.write(describe(con, i, g))


def describe(con, i, group):
    (name, hq) = con.execute(
        "SELECT name, headquarters FROM corporate_group WHERE id = ?", (group,)
    ).fetchone()
    names = con.execute(
        """SELECT n.name, n.records FROM company_name n JOIN group_member m USING (company_id)
           WHERE m.group_id = ? ORDER BY n.records DESC LIMIT 8""",
        (group,),
    ).fetchall()
    rows = con.execute(
        """SELECT r.country, r.websites, r.categories, f.name FROM record_group rg
           JOIN exhibitor_record r ON r.id = rg.record_id JOIN fair f ON f.id = r.fair_id
           WHERE rg.group_id = ?""",
        (group,),
    ).fetchall()
    countries = sorted({r[0] for r in rows if r[0]})
    sites = sorted({s for r in rows if r[1] for s in json.loads(r[1])})[:4]
    categories = sorted({c for r in rows if r[2] for c in json.loads(r[2])})[:14]
    fairs = sorted({r[3] for r in rows})
    lines = [
        f"## {i}. {name}  ({group})",
        "names: " + "; ".join(f"{n} ({c})" for n, c in names),
        f"countries on records: {', '.join(countries) or '-'}; headquarters in data: {hq or '-'}",
        f"websites: {', '.join(sites) or '-'}",
        f"fairs ({len(fairs)}): {', '.join(fairs[:6])}{' ...' if len(fairs) > 6 else ''}",
        "fair categories (self-declared by the exhibitor, not proof): " + ("; ".join(categories) or "-"),
        "",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
