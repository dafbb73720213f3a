"""Audit extraction against the red-line texts in this folder and print what it finds.

    python tests/data/redline/audit.py            # runs `etrack extract --jsonl` on every r*.txt
    python tests/data/redline/audit.py out.jsonl  # audits output saved earlier

It prints, per text, the records extracted, the records that cross a red line (a private name, a
vehicle or plate, or a street-level place anywhere in a record) and how many of the legitimate
claims listed in expected.json survived; then the totals. It exits 1 when any violation is found, so it can gate
a script, but it is a measuring tool: the guard's own tests assert on it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

HERE = Path(__file__).resolve().parent


def strings_in(value: Any) -> Iterator[str]:
    """Every string anywhere inside a record (keys excluded): speaker, sources, quote, places..."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def places_in(value: Any) -> Iterator[dict[str, Any]]:
    """Every place object: the members of any "places" list, and a quote's "about"."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "places" and isinstance(item, list):
                yield from (p for p in item if isinstance(p, dict))
            elif key == "about" and isinstance(item, dict):
                yield item
            else:
                yield from places_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from places_in(item)


def contains(text: str, phrase: str) -> bool:
    # Whole words only, so that a surname does not match inside a longer word.
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def violations(record: dict[str, Any], rules: dict[str, Any]) -> list[str]:
    found = []
    texts = list(strings_in(record))
    for phrase in rules["private_names"]:
        if any(contains(t, phrase) for t in texts):
            found.append(f"private name {phrase!r}")
    for phrase in rules["forbidden_strings"]:
        if any(contains(t, phrase) for t in texts):
            found.append(f"vehicle or plate {phrase!r}")
    for place in places_in(record):
        name = str(place.get("name") or "")
        if any(contains(name, street) or contains(street, name) for street in rules["street_places"]):
            found.append(f"street-level place {name!r}")
        if name in rules["not_places"]:
            found.append(f"place {name!r} taken from a street name or a live sighting")
    return found


def kept(records: list[dict[str, Any]], legitimate: dict[str, list]) -> tuple[int, int]:
    """How many of the legitimate claims some record still carries, out of how many."""
    counts = {r.get("count", {}).get("value") for r in records if r.get("kind") == "arrest_count"
              and isinstance(r.get("count"), dict)}
    op_places = {p.get("name") for r in records if r.get("kind") == "operation" for p in r.get("places") or []}
    speakers = {str((r.get("speaker") or {}).get("name")) for r in records if r.get("kind") == "quote"}
    wanted = ([c in counts for c in legitimate["arrest_counts"]]
              + [p in op_places for p in legitimate["operation_places"]]
              + [s in speakers for s in legitimate["quote_speakers"]])
    return sum(wanted), len(wanted)


def extraction(paths: list[Path]) -> list[dict[str, Any]]:
    run = subprocess.run(["etrack", "extract", "--jsonl", *map(str, paths)],
                         capture_output=True, text=True, check=True)
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


def main(argv: list[str]) -> int:
    expected = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    if argv:
        lines = [json.loads(l) for l in Path(argv[0]).read_text(encoding="utf-8").splitlines() if l.strip()]
    else:
        lines = extraction([HERE / name for name in sorted(expected)])
    by_name = {Path(line["file"]).name: line.get("records", []) for line in lines}
    total_records = total_bad = total_kept = total_wanted = bad_texts = 0
    for name in sorted(expected):
        rules, records = expected[name], by_name.get(name, [])
        bad = [(r.get("kind"), found) for r in records if (found := violations(r, rules))]
        got, wanted = kept(records, rules["legitimate"])
        total_records += len(records)
        total_bad += len(bad)
        bad_texts += bool(bad)
        total_kept += got
        total_wanted += wanted
        print(f"{name}: {len(records)} records, {len(bad)} crossing a red line, legitimate kept {got}/{wanted}")
        for kind, found in bad:
            print(f"    {kind}: {'; '.join(found)}")
    print(f"total: {len(expected)} texts, {total_records} records, {total_bad} crossing a red line in "
          f"{bad_texts} texts, legitimate claims kept {total_kept}/{total_wanted}")
    return 1 if total_bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
