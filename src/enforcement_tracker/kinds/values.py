"""Value helpers the kinds share for reconcile keys and ledger columns.

Kept here, below every layer, so that a kind's module never imports a layer that imports the
registry back.
"""

from __future__ import annotations

from typing import Any

from enforcement_tracker.normalize.numbers import number_key

__all__ = ["date_of", "first_date", "ledger_columns", "number_key", "period_dates", "place_key"]


def first_date(value: Any) -> str | None:
    """The first ISO date a value names: a date object's date, a range's start (else its end)."""
    if isinstance(value, dict):
        if "date" in value:
            return value.get("date")
        return first_date(value.get("start")) or first_date(value.get("end"))
    return value if isinstance(value, str) else None


def place_key(record: dict[str, Any]) -> tuple:
    """The record's places as a sorted key: a geonameid where known, else the name, with the state."""
    places = record.get("places") or []
    return tuple(sorted(f"{p.get('geonameid') or p.get('name')}|{p.get('state')}" for p in places))


def date_of(value: Any) -> str | None:
    if isinstance(value, dict):
        return value.get("date")
    return value


def period_dates(period: Any) -> tuple[str | None, str | None]:
    """(start, end) of a period: a single date is both ends; anything else is undated."""
    if isinstance(period, dict):
        if "start" in period or "end" in period:
            return date_of(period.get("start")), date_of(period.get("end"))
        return period.get("date"), period.get("date")
    return None, None


def ledger_columns(fields: dict[str, Any], *, dates: tuple[str | None, str | None],
                   places: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The indexed columns every kind fills the same way; the kind says which dates and places count."""
    places = (fields.get("places") or []) if places is None else places
    number = fields.get("count") or fields.get("share") or {}
    return {
        "date_start": dates[0],
        "date_end": dates[1],
        "state": next((p.get("state") for p in places if p.get("state")), None),
        "places": "; ".join(p.get("name", "") for p in places) or None,
        "agencies": "; ".join(sorted({a["code"] for a in fields.get("agencies") or []})) or None,
        "count_value": (fields.get("count") or {}).get("value"),
        "count_low": (fields.get("count") or {}).get("low"),
        "count_high": (fields.get("count") or {}).get("high"),
        "share": (fields.get("share") or {}).get("value"),
        "qualifier": number.get("qualifier"),
        "status": fields.get("status"),
        "category": fields.get("category"),
        "per": fields.get("per"),
        "of_record": fields.get("of"),
    }
