"""A review list of corporate groups for a curator: the groups whose companies' names begin with
different words, heaviest first, with the evidence that brought each company in.

Usage: python3 bench/truth/group_review.py DB [--min-records N] [--limit N]

DB is a database written by `fairwatch build`. A group whose members' names share their first word
("Cellebrite", "Cellebrite UK") is rarely wrong; one that holds several first words is either a group
the evidence shows (a curated acquisition, a stated "a Boeing company", a shared website) or a join a
shared word or a stray domain made: "Spectra Group" with a Turkish textile maker, Samsung Electronics
under Hanwha, an airport of Augusta, Georgia under AgustaWestland's group. Those were all found this
way (2026-12-06). A group is listed when its second most frequent first word holds at least
--min-records records (default 5). For each member: records, country, how it is linked (the strongest
link's evidence) and the accepted links that touch it. A wrong join is fixed with a `fairwatch judge
... not-same-group` judgement or a curated row, each with a source read, never here.
"""
import argparse
import collections
import sqlite3


def first_word(name):
    words = name.lower().replace("-", " ").replace(".", " ").split()
    return words[0] if words else ""


def review(db, min_records, limit):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    members = collections.defaultdict(list)
    for group, company, name, country, records, link in conn.execute(
        "SELECT gm.group_id, c.id, c.name, c.country, c.records, gm.link "
        "FROM group_member gm JOIN company c ON c.id = gm.company_id"
    ):
        members[group].append((company, name, country or "-", records, link or "-"))
    names = dict(conn.execute("SELECT id, name FROM corporate_group"))
    listed = []
    for group, companies in members.items():
        words = collections.Counter()
        for _, name, _, records, _ in companies:
            words[first_word(name)] += records
        ranked = words.most_common()
        if len(ranked) >= 2 and ranked[1][1] >= min_records:
            listed.append((sum(c[3] for c in companies), group, ranked))
    links = collections.defaultdict(list)
    for a, b, evidence, detail in conn.execute(
        "SELECT company_id, other_company_id, evidence, detail FROM group_link WHERE accepted = 1"
    ):
        links[a].append((b, evidence, detail))
        links[b].append((a, evidence, detail))
    company_names = dict(conn.execute("SELECT id, name FROM company"))
    for total, group, ranked in sorted(listed, reverse=True)[:limit]:
        words = ", ".join(f"{w} {n}" for w, n in ranked[:5])
        print(f"## {names[group]} ({group}): {total} records; first words {words}")
        for company, name, country, records, link in sorted(members[group], key=lambda m: -m[3]):
            print(f"- {name} ({country}, {records} records, {link})")
            for other, evidence, detail in links[company][:3]:
                print(f"    {evidence}: {company_names[other]} ({detail})")
        print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("--min-records", type=int, default=5)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    review(args.db, args.min_records, args.limit)


if __name__ == "__main__":
    main()
