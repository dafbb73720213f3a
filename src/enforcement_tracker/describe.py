"""Records in plain words, for tables, pages and feeds."""

from __future__ import annotations

from typing import Any

_QUALIFIER_WORDS = {"exact": "", "about": "about ", "nearly": "nearly ", "at_least": "at least ",
                    "more_than": "more than ", "fewer_than": "fewer than ", "up_to": "up to "}


def number_words(value: dict[str, Any] | None, *, share: bool = False) -> str:
    if not value:
        return "no number"
    q = _QUALIFIER_WORDS.get(value.get("qualifier") or "exact", "")
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
    """One line: what the record claims."""
    kind = record["kind"]
    if kind == "arrest_count":
        when = date_words(record.get("period"))
        return f"{number_words(record.get('count'))} arrests" + (f" on {when}" if when else "") + \
            f" ({place_words(record.get('places'))})"
    if kind == "target":
        by = record.get("issued_by") or {}
        who = ", ".join(x for x in (by.get("name"), by.get("title")) if x)
        chars = "/".join(record.get("characterizations") or []) or "target"
        return f"{chars} of {number_words(record.get('count'))} arrests per {record.get('per')}" + \
            f" ({record.get('scope')})" + (f", set by {who}" if who else "")
    if kind == "criminality":
        amount = number_words(record["share"], share=True) if record.get("share") else \
            number_words(record.get("count")) if record.get("count") else "some"
        return f"{amount} {record.get('category', '').replace('_', ' ')}"
    if kind == "cadence":
        return f"{number_words(record.get('count'))} {record.get('unit')} per {record.get('per')}"
    if kind == "operation":
        name = record.get("name") or "operation"
        start, end = date_words(record.get("start")), date_words(record.get("end"))
        span = f" from {start}" if start else ""
        span += f" to {end}" if end else ""
        return f"{name} in {place_words(record.get('places'))}{span}, {record.get('status', 'unknown').replace('_', ' ')}"
    if kind == "quote":
        sp = record.get("speaker") or {}
        who = ", ".join(x for x in (sp.get("name"), sp.get("title")) if x)
        return f"{who}: “{record.get('text')}”"
    return kind


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
