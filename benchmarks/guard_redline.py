"""The red-line reports (tests/data/redline/) with and without the guard, in one run.

For each report: records that extraction finds, quote records whose speaker is not one of the
report's officials, records that cross a red line (tests/data/redline/audit.py decides: a private
name, a vehicle or plate, a street-level place, a place taken from a street or a live sighting),
and the legitimate claims listed in expected.json that some record still carries; first without
the guard stage, then with it; and what the guard refused, by reason.

    .venv/bin/python benchmarks/guard_redline.py
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import enforcement_tracker.extract as extract
from enforcement_tracker.guard import guard_records
from enforcement_tracker.ingest import read_document

REDLINE = Path(__file__).resolve().parents[1] / "tests" / "data" / "redline"


def _audit():
    spec = importlib.util.spec_from_file_location("redline_audit", REDLINE / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _crossing(records, case: dict, audit) -> int:
    return sum(1 for r in records if audit.violations(r.to_dict(), case))


def _private_quotes(records, case: dict) -> int:
    return sum(1 for r in records if r.kind == "quote" and r.fields["speaker"].get("name") not in case["officials"])


def main() -> None:
    expected = json.loads((REDLINE / "expected.json").read_text("utf-8"))
    names = sorted(expected)
    shipped = extract.guard_extraction
    extract.guard_extraction = lambda extraction: extraction
    try:
        raw = list(extract.extract_documents([read_document(REDLINE / n) for n in names]))
    finally:
        extract.guard_extraction = shipped
    audit = _audit()
    totals: Counter = Counter()
    print(f"{'report':40} {'records':>12} {'quotes, no official':>20} {'crossing a line':>16} "
          f"{'legitimate':>12}  refused")
    for name, extraction in zip(names, raw):
        case = expected[name]
        result = guard_records(extraction.document.text, extraction.records)
        before, after = extraction.records, result.kept
        legit_before = audit.kept([r.to_dict() for r in before], case["legitimate"])
        legit_after = audit.kept([r.to_dict() for r in after], case["legitimate"])
        row = {"records": (len(before), len(after)),
               "quotes": (_private_quotes(before, case), _private_quotes(after, case)),
               "crossing": (_crossing(before, case, audit), _crossing(after, case, audit)),
               "legit": (legit_before[0], legit_after[0])}
        for key, (b, a) in row.items():
            totals[key + "_before"] += b
            totals[key + "_after"] += a
        totals["wanted"] += legit_before[1]
        totals["reports_quotes_before"] += row["quotes"][0] > 0
        totals["reports_quotes_after"] += row["quotes"][1] > 0
        reasons = ", ".join(f"{n} {r}" for r, n in sorted(result.counts().items())) or "-"
        cells = [f"{b:>5} -> {a:<4}" for b, a in row.values()]
        print(f"{name:40} {cells[0]:>12} {cells[1]:>20} {cells[2]:>16} {cells[3]:>12}  {reasons}")
    print(f"total: records {totals['records_before']} -> {totals['records_after']}; quote records whose speaker is "
          f"no official {totals['quotes_before']} -> {totals['quotes_after']} (in {totals['reports_quotes_before']} -> "
          f"{totals['reports_quotes_after']} of {len(names)} reports); records crossing a red line "
          f"{totals['crossing_before']} -> {totals['crossing_after']}; legitimate claims carried "
          f"{totals['legit_before']} -> {totals['legit_after']} of {totals['wanted']}")


if __name__ == "__main__":
    main()
