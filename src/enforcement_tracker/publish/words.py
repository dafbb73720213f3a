"""A record's fields said in words, for people: "1,200 arrests (exact) on 2025-01-26, nationwide"."""

from __future__ import annotations

from typing import Any

KIND_TITLES = {"operation": "Operation", "arrest_count": "Arrest count", "target": "Arrest target",
               "criminality": "Criminal history of those arrested", "cadence": "Cadence of operations",
               "quote": "Statement"}


def number(value: dict[str, Any] | None, share: bool = False) -> str:
    if not value:
        return "no number"
    q = value.get("qualifier")
    fmt = (lambda v: f"{v * 100:.0f}%") if share else (lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,}")
    if value.get("low") is not None or value.get("high") is not None:
        text = f"{fmt(value['low']) if value.get('low') is not None else '?'}–" \
               f"{fmt(value['high']) if value.get('high') is not None else '?'}"
    elif value.get("value") is not None:
        text = fmt(value["value"])
    else:
        text = "an unstated number"
    return f"{q.replace('_', ' ')} {text}" if q and q != "exact" else text


def when(value: Any) -> str:
    if not value:
        return "undated"
    if isinstance(value, str):
        return value
    if "start" in value or "end" in value:
        return f"{when(value.get('start'))} to {when(value.get('end'))}"
    if value.get("date") is None:
        return f"unresolved ({value.get('text') or 'no date'})"
    precision = value.get("precision")
    out = value["date"] + (f" (the {precision})" if precision and precision != "day" else "")
    return out + (f", {value['part_of_day']}" if value.get("part_of_day") else "")


def places(value: list[dict[str, Any]] | None, empty: str = "nationwide") -> str:
    if not value:
        return empty
    return "; ".join(f"{p.get('name')}" + (f", {p['state']}" if p.get("state") and p.get("kind") != "state" else "")
                     + (f" ({p['kind']})" if p.get("kind") and p.get("kind") != "city" else "") for p in value)


def agencies(value: list[dict[str, Any]] | None) -> str:
    return ", ".join(f"{a['code']}" + (f" (“{a['text']}”)" if a.get("text") else "") for a in value or []) or "not named"


def person(value: dict[str, Any] | None) -> str:
    if not value:
        return "not named"
    return ", ".join(x for x in (value.get("name"), value.get("title")) if x) or "not named"


def fields_in_words(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, words) pairs, in the order a reader checks them."""
    kind = data.get("kind")
    if kind == "operation":
        return [("Name", data.get("name") or "none given"), ("Where", places(data.get("places"), "no place")),
                ("Started", when(data.get("start"))), ("Ended", when(data.get("end"))),
                ("Status", (data.get("status") or "unknown").replace("_", " ")),
                ("Agencies", agencies(data.get("agencies")))]
    if kind == "arrest_count":
        return [("Arrests", number(data.get("count"))), ("When", when(data.get("period"))),
                ("Where", places(data.get("places"))), ("Agencies", agencies(data.get("agencies")))]
    if kind == "target":
        return [("Target", f"{number(data.get('count'))} arrests per {data.get('per') or '?'}"),
                ("Scope", (data.get("scope") or "unstated").replace("_", " ")),
                ("Where", places(data.get("places"))), ("Set by", person(data.get("issued_by"))),
                ("Set on", when(data.get("issued_on"))),
                ("Called", ", ".join(data.get("characterizations") or []) or "—"),
                ("Agencies", agencies(data.get("agencies")))]
    if kind == "criminality":
        amount = number(data["share"], share=True) if data.get("share") else number(data.get("count"))
        return [("Category", (data.get("category") or "?").replace("_", " ")), ("How many", amount),
                ("Of", data.get("of") or "no arrest count in the same document")]
    if kind == "cadence":
        return [("Cadence", f"{number(data.get('count'))} {data.get('unit') or ''} per {data.get('per') or '?'}")]
    if kind == "quote":
        return [("Speaker", person(data.get("speaker"))), ("Said", data.get("text") or ""),
                ("About", places([data["about"]]) if data.get("about") else "—")]
    return []


def summary(row: dict[str, Any]) -> str:
    """One line from a records row (indexed columns only), for lists and feeds."""
    kind = row.get("kind")
    where = row.get("places") or "nationwide"
    day = row.get("date_start") or row.get("published") or "undated"
    if row.get("count_low") is not None:
        amount = f"{row['count_low']:,.0f}–{row['count_high']:,.0f}" if row.get("count_high") is not None \
            else f"{row['count_low']:,.0f}+"
    elif row.get("count_value") is not None:
        amount = f"{row['count_value']:,.0f}"
    else:
        amount = ""
    if kind == "operation":
        return f"Operation in {row.get('places') or 'an unnamed place'}, {day} ({(row.get('status') or 'unknown').replace('_', ' ')})"
    if kind == "arrest_count":
        return f"{amount} arrests, {where}, {day}"
    if kind == "target":
        return f"Target: {amount} arrests per {row.get('per') or '?'}"
    if kind == "criminality":
        share = f"{row['share'] * 100:.0f}%" if row.get("share") is not None else amount
        return f"{share} {(row.get('category') or '').replace('_', ' ')}"
    if kind == "cadence":
        return f"{amount} per {row.get('per') or '?'}"
    return f"Statement about {where}" if row.get("places") else "Statement"
