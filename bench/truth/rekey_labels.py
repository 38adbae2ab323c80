"""Re-key labelled firms whose group id changed, so the labels keep judging the same firms.

Usage: python3 bench/truth/rekey_labels.py OLD.sqlite NEW.sqlite LABELS.csv [LABELS.csv ...]

A label judges a firm, kept by its group id. A group's id follows its anchor (its head company, or its
curated parent), so a new row in data/groups.csv or a new rule can give a labelled firm a new id, or put
it in another labelled firm's group. For every label whose group id is not in NEW (both databases built
by `fairwatch build`), the companies of its group in OLD are looked up in NEW: if they all sit in one
group that no other label of the file holds, the label takes that group's id (its name, stratum, label
and reason stay as judged); if that group already has a label (two labelled firms became one group), the
moved label is dropped when it agrees with the one there or is `unsure`, and is kept under its old id
and reported when they disagree, for a person to settle. Labels whose companies are split over several groups, or found in none,
are left as they are and reported. A company NEW no longer has is followed by its records. Comment
lines are kept; the file is rewritten in place.
"""
import csv
import io
import sqlite3
import sys


def group_of_companies(old, new, group_id):
    """The groups of NEW holding the companies of `group_id` in OLD; a company that NEW no longer has
    (its records joined another company) is followed by its records (both databases built from the
    same sources, so record ids are the same)."""
    companies = [c for (c,) in old.execute("SELECT company_id FROM group_member WHERE group_id = ?", (group_id,))]
    groups = set()
    for c in companies:
        row = new.execute("SELECT group_id FROM group_member WHERE company_id = ?", (c,)).fetchone()
        if row:
            groups.add(row[0])
            continue
        records = [r for (r,) in old.execute("SELECT record_id FROM record_company WHERE company_id = ?", (c,))]
        for r in records:
            row = new.execute(
                "SELECT gm.group_id FROM record_company rc JOIN group_member gm ON gm.company_id = rc.company_id"
                " WHERE rc.record_id = ?",
                (r,),
            ).fetchone()
            if row:
                groups.add(row[0])
    return groups


def rekey(old, new, path):
    text = open(path, encoding="utf-8").read()
    comments = [line for line in text.splitlines(keepends=True) if line.startswith("#")]
    body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
    reader = csv.DictReader(io.StringIO(body))
    rows = list(reader)
    ids = {gid for (gid,) in new.execute("SELECT id FROM corporate_group")}
    holders = {r["group_id"]: r for r in rows if r["group_id"] in ids}
    out = []
    for r in rows:
        if r["group_id"] in ids:
            out.append(r)
            continue
        groups = group_of_companies(old, new, r["group_id"])
        if len(groups) != 1:
            print(f"{path}: {r['group_id']} {r['name']}: left as it is (its companies are in {len(groups)} groups)")
            out.append(r)
            continue
        (target,) = groups
        holder = holders.get(target)
        if holder is None:
            print(f"{path}: {r['group_id']} {r['name']} -> {target}")
            holders[target] = dict(r, group_id=target)
            out.append(holders[target])
        elif holder["label"] == r["label"] or r["label"] == "unsure":
            print(f"{path}: {r['group_id']} {r['name']} ({r['label']}) dropped: now in {target}, "
                  f"labelled {holder['label']} as {holder['name']}")
        else:
            print(f"{path}: {r['group_id']} {r['name']} ({r['label']}) now in {target} with "
                  f"{holder['name']} ({holder['label']}): settle by hand")
            out.append(r)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(out)
    open(path, "w", encoding="utf-8").write("".join(comments) + buffer.getvalue())


def main(args):
    old, new = sqlite3.connect(args[0]), sqlite3.connect(args[1])
    for path in args[2:]:
        rekey(old, new, path)


if __name__ == "__main__":
    main(sys.argv[1:])
