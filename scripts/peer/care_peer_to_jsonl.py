#!/usr/bin/env python3
"""Writes the Fides peer harness's synthetic care data (PostgreSQL database `care_peer`, tables
`clients` and `notes`, see ../shared/peers/fides/RUN.md) as a `zorgkluis import` file
(docs/import.md), so both products hold exactly the same persons and notes.

Per client: a person (name, birth date, BSN where it passes the 11-check, client number
P-<id>), zorg-1 in the care team, the e-mail and address as one `contact` record by the
administration, and each note as a `rapportage` record by zorg-1.

Usage: care_peer_to_jsonl.py OUT.jsonl [--url postgres://postgres@127.0.0.1:5432/care_peer]
"""
import csv
import json
import subprocess
import sys


def copy(url, query):
    proc = subprocess.Popen(
        ["psql", url, "-X", "-q", "-c", f"COPY ({query}) TO STDOUT WITH CSV"],
        stdout=subprocess.PIPE, text=True, bufsize=1 << 20)
    yield from csv.reader(proc.stdout)
    if proc.wait() != 0:
        sys.exit(f"psql failed on: {query}")


def bsn_ok(bsn):
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(bsn[:8], range(9, 1, -1))) - int(bsn[8])
    return total % 11 == 0 and bsn != "000000000"


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out_path = args[0]
    url = args[args.index("--url") + 1] if "--url" in args else \
        "postgres://postgres@127.0.0.1:5432/care_peer"
    persons = records = 0
    with open(out_path, "w", encoding="utf-8") as out:
        w = lambda obj: out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        for cid, name, email, bsn, born, address in copy(
                url, "SELECT id, name, email, bsn, birth_date, address FROM clients ORDER BY id"):
            ref = f"c{cid}"
            person = {"type": "person", "ref": ref, "name": name, "client_number": f"P-{cid}"}
            if born:
                person["birth_date"] = born
            if bsn_ok(bsn):
                person["bsn"] = bsn
            w(person)
            w({"type": "care", "person": ref, "user": "zorg-1", "from": "2020-01-01"})
            w({"type": "record", "person": ref, "category": "contact",
               "text": f"{email}; {address}"})
            persons += 1
            records += 1
        for _nid, cid, text in copy(url, "SELECT id, client_id, text FROM notes ORDER BY id"):
            w({"type": "record", "person": f"c{cid}", "category": "rapportage", "text": text,
               "by": "zorg-1"})
            records += 1
    print(f"{out_path}: {persons} persons, {records} records", file=sys.stderr)


if __name__ == "__main__":
    main()
