"""Turning contract records (DESIGN.md) into the gold shapes the matcher compares.

Most fields already share a shape (numbers, places); dates and people are read by the matcher in
either form. What needs work: a kind whose gold names something otherwise (criminality's `of`, a
record id, is gold's `of_count`, the count's value) says so in its `gold_fields` slot; and the
record's `quote` is its evidence.
"""

from __future__ import annotations

from typing import Any, Iterable

from enforcement_tracker.kinds import registry
from enforcement_tracker.models import Record

# Provenance and bookkeeping: not compared, and noisy in a listing.
_DROPPED = {"sources", "document_id", "extractor", "quote", "of"}


def predictions_from_records(records: Iterable[Record | dict[str, Any]]) -> list[dict[str, Any]]:
    """One prediction per record, in record order, each keeping `id`, `span` and `evidence`."""
    rows = [r.to_dict() if isinstance(r, Record) else dict(r) for r in records]
    by_id = {row.get("id"): row for row in rows if row.get("id")}
    return [prediction_from_record(row, by_id) for row in rows]


def prediction_from_record(row: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k not in _DROPPED}
    out["evidence"] = row.get("quote")
    kind = registry.find(row.get("kind"))
    if kind is not None and kind.gold_fields is not None:
        out.update(kind.gold_fields(row, by_id))
    return out

