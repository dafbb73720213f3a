"""Records in plain words, for tables, pages and feeds."""

from __future__ import annotations

from typing import Any

from enforcement_tracker.kinds import registry

_QUALIFIER_WORDS = {"exact": "", "about": "about ", "nearly": "nearly ", "at_least": "at least ",
                    "more_than": "more than ", "fewer_than": "fewer than ", "up_to": "up to "}


def number_words(value: dict[str, Any] | None, *, share: bool = False) -> str:
    if not value:
        return "no number"
    q = _QUALIFIER_WORDS.get(value.get("qualifier") or "exact", "")
    if share and "low" in value:
        return f"{q}{value['low'] * 100:.0f} to {value['high'] * 100:.0f}%"
    if share:
        return f"{q}{value['value'] * 100:.0f}%"
    if "low" in value:
        return f"{q}{value['low']:,} to {value['high']:,}"
    v = value.get("value")
    return f"{q}{v:,}" if isinstance(v, (int, float)) else f"{q}{v}"


def date_words(value: Any) -> str:
    if not value:
        return ""
    if isinstance(value, dict) and ("start" in value or "end" in value):
        a, b = date_words(value.get("start")), date_words(value.get("end"))
        return f"{a or '?'} to {b or '?'}"
    if isinstance(value, dict):
        d = value.get("date") or f"“{value.get('text')}” (unresolved)"
        return d + (f" {value['part_of_day']}" if value.get("part_of_day") else "")
    return str(value)


def place_words(places: list[dict[str, Any]] | None) -> str:
    if not places:
        return "nationwide"
    return "; ".join(p["name"] + (f", {p['state']}" if p.get("state") and p.get("kind") != "state" else "")
                     for p in places)


def describe(record: dict[str, Any]) -> str:
    """One line: what the record claims (the kind's own words; an unknown kind is its name)."""
    kind = registry.find(record["kind"])
    return kind.describe(record) if kind else str(record["kind"])


def sources_words(record: dict[str, Any]) -> str:
    out = []
    for s in record.get("sources") or []:
        if s["kind"] == "named":
            p = s.get("person") or {}
            out.append(", ".join(x for x in (p.get("name"), p.get("title")) if x))
        elif s["kind"] in ("outlet", "agency"):
            out.append((s.get("outlet") or s.get("description") or s["kind"]) + (" (first to report)" if s.get("first_reported") else ""))
        else:
            n = f"{s['count']} " if s.get("count") else ""
            out.append(f"{n}{s['kind'].replace('_', ' ')}: {s.get('description') or ''}".strip())
    return "; ".join(out)
