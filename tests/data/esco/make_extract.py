"""Rebuild cited.csv: the ESCO concepts the shipped taxonomy cites, with their labels.

Run from the repository root with the ESCO download beside the clone:

    python tests/data/esco/make_extract.py [PATH-TO-ESCO-CSV-DIR]

This service uses the ESCO classification of the European Commission (ESCO v1.2.0, CC BY 4.0).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from crowdskills import load_taxonomy

here = Path(__file__).parent
esco = Path(sys.argv[1]) if len(sys.argv) > 1 else here.parents[3] / "shared" / "data" / "esco"
tax = load_taxonomy()
cited = {c.id for s in tax for c in s.crosswalk if c.scheme == "esco"}
cited |= {c.id for r in tax.roles.values() for c in r.crosswalk if c.scheme == "esco"}
rows = []
for name in ("skills_merged.csv", "occupations_en.csv"):
    with (esco / name).open(encoding="utf-8") as f:
        rows += [(r["conceptUri"], r["preferredLabel"]) for r in csv.DictReader(f) if r["conceptUri"] in cited]
found = {u for u, _ in rows}
with (here / "cited.csv").open("w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["conceptUri", "preferredLabel"])
    w.writerows(sorted(set(rows)))
print(f"{len(found)} of {len(cited)} cited ESCO concepts written to {here / 'cited.csv'}")
missing = sorted(cited - found)
if missing:
    print("not in ESCO:", *missing, sep="\n  ")
    sys.exit(1)
