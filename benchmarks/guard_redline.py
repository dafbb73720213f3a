"""The red-line reports (tests/data/redline/) with and without the guard, in one run.

For each report: records that extraction finds, quote records whose speaker is not one of the
report's officials, records whose words name a private person, a street or a vehicle
(expected.json lists them), first without the guard stage and then with it, and what the guard
refused by reason.

    .venv/bin/python benchmarks/guard_redline.py
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import enforcement_tracker.extract as extract
from enforcement_tracker.guard import guard_records
from enforcement_tracker.ingest import read_document

REDLINE = Path(__file__).resolve().parents[1] / "tests" / "data" / "redline"


def _leaks(records, case: dict) -> int:
    banned = case["private_names"] + case["forbidden_strings"] + case["street_places"]
    n = 0
    for record in records:
        blob = json.dumps(record.to_dict(), ensure_ascii=False)
        n += any(re.search(r"(?<![\w])" + re.escape(b) + r"(?![\w])", blob) for b in banned)
    return n


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
    totals: Counter = Counter()
    print(f"{'report':42} {'records':>13} {'private quotes':>15} {'leaking':>9}  refused")
    for name, extraction in zip(names, raw):
        case = expected[name]
        result = guard_records(extraction.document.text, extraction.records)
        row = (len(extraction.records), len(result.kept), _private_quotes(extraction.records, case),
               _private_quotes(result.kept, case), _leaks(extraction.records, case), _leaks(result.kept, case))
        totals.update(dict(zip(("before", "after", "pq_before", "pq_after", "leak_before", "leak_after"), row)))
        totals["reports_with_private_quote"] += row[2] > 0
        totals["reports_with_private_quote_after"] += row[3] > 0
        reasons = ", ".join(f"{n} {r}" for r, n in sorted(result.counts().items())) or "-"
        print(f"{name:42} {row[0]:>5} -> {row[1]:<5} {row[2]:>6} -> {row[3]:<6} {row[4]:>3} -> {row[5]:<3}  {reasons}")
    print(f"total: records {totals['before']} -> {totals['after']}; quotes by non-officials "
          f"{totals['pq_before']} -> {totals['pq_after']} (reports with one: {totals['reports_with_private_quote']}"
          f" -> {totals['reports_with_private_quote_after']} of {len(names)}); records naming a private person, "
          f"street or vehicle {totals['leak_before']} -> {totals['leak_after']}")


if __name__ == "__main__":
    main()
