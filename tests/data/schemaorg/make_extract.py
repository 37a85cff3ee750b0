"""Rebuild vocabulary.json from a clone of github.com/schemaorg/schemaorg (see README.md).

Usage: python tests/data/schemaorg/make_extract.py SCHEMAORG_CLONE [RELEASE]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path


def _names(cell: str) -> list[str]:
    return sorted(x.strip().removeprefix("https://schema.org/") for x in cell.split(",") if x.strip())


def main() -> None:
    root = Path(sys.argv[1])
    release = sys.argv[2] if len(sys.argv) > 2 else "30.0"
    folder = root / "data" / "releases" / release
    with open(folder / "schemaorg-current-https-properties.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    props = {r["label"]: _names(r["domainIncludes"]) for r in rows}
    ranges = {r["label"]: _names(r["rangeIncludes"]) for r in rows}
    superseded = sorted(r["label"] for r in rows if r["supersededBy"].strip())
    with open(folder / "schemaorg-current-https-types.csv", encoding="utf-8") as f:
        types = {r["label"]: _names(r["subTypeOf"]) for r in csv.DictReader(f)}
    out = Path(__file__).with_name("vocabulary.json")
    out.write_text(json.dumps({"release": release, "properties": props, "ranges": ranges,
                                          "superseded": superseded, "types": types},
                              sort_keys=True, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
