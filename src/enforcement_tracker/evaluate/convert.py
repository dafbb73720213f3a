"""Turning contract records (DESIGN.md) into the gold shapes the matcher compares.

Most fields already share a shape (numbers, places); dates and people are read by the matcher in
either form. What needs work: a criminality record names the count it qualifies by record id
(`of`), while gold gives that count's value (`of_count`); and the record's `quote` is its evidence.
"""

from __future__ import annotations

from typing import Any, Iterable

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
    if row.get("kind") == "criminality":
        out["of_count"] = _count_value(by_id.get(row.get("of"))) if row.get("of") else None
    return out


def _count_value(row: dict[str, Any] | None) -> Any:
    """The value of the count a criminality record qualifies, as gold writes `of_count`."""
    if not row:
        return None
    count = row.get("count")
    if isinstance(count, dict):
        if count.get("value") is not None:
            return count["value"]
        if count.get("low") is not None or count.get("high") is not None:
            return [count.get("low"), count.get("high")]
    return count
