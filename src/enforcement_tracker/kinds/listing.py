"""Words for an evaluation's listing of misses and spurious records: one line per record, in
gold's shape or the contract's (a date may be a string or an object, a place a name or a dict).

A kind's `listing` slot builds its parts from these; `listing_parts` is what every kind may carry
and is used for a kind that declares no listing of its own.
"""

from __future__ import annotations

from typing import Any

__all__ = ["clip", "date_part", "listing_parts", "number_part", "period_part", "person_part", "places_part",
           "tail_parts"]


def clip(text: str, limit: int = 320) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def number_part(value: Any) -> str:
    if not isinstance(value, dict):
        return "no number" if value is None else str(value)
    qualifier = value.get("qualifier")
    hedge = "" if qualifier in (None, "exact") else f"{qualifier} "
    if value.get("low") is not None or value.get("high") is not None:
        return f"{hedge}{value.get('low')}–{value.get('high')}"
    return f"{hedge}{value.get('value')}"


def date_part(value: Any) -> str:
    if value is None:
        return "∅"
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        if "start" in value or "end" in value:
            return f"{date_part(value.get('start'))}..{date_part(value.get('end'))}"
        if value.get("date") is not None:
            return str(value["date"])
        return f"unresolved {value.get('text')!r}" if value.get("text") else "∅"
    return str(value)


def places_part(places: Any) -> str:
    if not places:
        return "nationwide/unplaced"
    out = []
    for p in places:
        if isinstance(p, dict):
            out.append(" ".join(str(x) for x in (p.get("name"), p.get("state")) if x))
        else:
            out.append(str(p))
    return ", ".join(out)


def person_part(person: Any) -> str:
    if isinstance(person, dict):
        return ", ".join(str(person[k]) for k in ("name", "title") if person.get(k)) or "?"
    return str(person or "?")


def period_part(record: dict[str, Any], *, always: bool = False) -> list[str]:
    """The record's period, when it has one (or always, for a kind whose period is its point)."""
    if record.get("period") is None and not always:
        return []
    return ["period " + date_part(record.get("period"))]


def tail_parts(record: dict[str, Any], *, places: bool = True) -> list[str]:
    """Where, and whether gold marks the record as a part of a larger figure."""
    out = []
    if places and record.get("places") is not None:
        out.append(places_part(record.get("places")))
    if record.get("scope") in ("part",):
        out.append("part")
    return out


def listing_parts(record: dict[str, Any]) -> list[str]:
    """The parts any kind may have: a period, places, a partial scope."""
    return period_part(record) + tail_parts(record)
