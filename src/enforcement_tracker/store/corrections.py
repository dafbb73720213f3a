"""A reviewer's correction, `field=value` in words a person types, into the record contract.

`etrack review correct ID --set count=956 --set period=2025-01-26` and the review page's inputs
both come through `apply_changes`, which returns the corrected record (a new dict: the machine
revision is never touched) or a ReviewError naming the field and how to write it.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any, Callable

from enforcement_tracker.kinds import registry
from enforcement_tracker.kinds.operation import STATUSES
from enforcement_tracker.store.reviewers import ReviewError

QUALIFIERS = ("exact", "about", "nearly", "at_least", "more_than", "fewer_than", "up_to")
CATEGORIES = ("not_criminal", "no_record", "convicted", "charged", "convicted_or_charged", "final_order", "collateral")
PERS = ("day", "week", "month", "year")
SOURCE_KINDS = ("anonymous", "named", "unnamed_official", "outlet", "agency", "document")
# The fields a review form offers for each record (others of a kind can still be set by name).
EDITABLE = ("count", "share", "period", "start", "end", "places", "category", "status", "per", "speaker",
            "sources", "span")
MAX_VALUE = 2000

_NUMBER = re.compile(r"^(?:(?P<q>[a-z_ ]+?)\s+)?(?P<a>[\d,]+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(?P<b>[\d,]+(?:\.\d+)?))?$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_SPAN = re.compile(r"^(\d+)\s*[-:,–]\s*(\d+)$")


def _bad(field: str, message: str, hint: str) -> ReviewError:
    return ReviewError(message, source=field, hint=hint)


def parse_number(field: str, text: str, old: Any, *, share: bool = False) -> dict[str, Any]:
    raw = text.strip().lower()
    percent = share and raw.endswith("%")
    raw = raw.rstrip("%").strip()
    m = _NUMBER.match(raw)
    if not m:
        raise _bad(field, f"{text[:60]!r} is not a number",
                   hint="write 956, 1200-1500 or 'about 1200'" + (" (a share: 0.5 or 50%)" if share else ""))
    qualifier = (m.group("q") or "").replace(" ", "_") or ((old or {}).get("qualifier") if isinstance(old, dict)
                                                            else None) or "exact"
    if qualifier not in QUALIFIERS:
        raise _bad(field, f"unknown qualifier {qualifier!r}", hint="one of " + ", ".join(QUALIFIERS))

    def num(s: str) -> int | float:
        value = float(s.replace(",", ""))
        if percent:
            value /= 100
        return int(value) if value.is_integer() and not share else value

    a = num(m.group("a"))
    if share and not 0 <= a <= 1:
        raise _bad(field, f"a share is between 0 and 1, not {a}", hint="write 0.5 or 50%")
    if m.group("b"):
        b = num(m.group("b"))
        low, high = sorted((a, b))
        return {"low": low, "high": high, "qualifier": qualifier}
    return {"value": a, "qualifier": qualifier}


def parse_date(field: str, text: str) -> dict[str, Any]:
    raw = text.strip()
    if not _DATE.match(raw):
        raise _bad(field, f"{raw[:60]!r} is not a date", hint="write YYYY-MM-DD, YYYY-MM or YYYY")
    padded = raw + "-01-01"[len(raw) - 4:] if len(raw) < 10 else raw
    try:
        date.fromisoformat(padded)
    except ValueError as exc:
        raise _bad(field, f"{raw!r} is not a calendar date", hint="write YYYY-MM-DD") from exc
    precision = {4: "year", 7: "month", 10: "day"}[len(raw)]
    return {"date": raw, "precision": precision, "part_of_day": None}


def parse_period(field: str, text: str) -> dict[str, Any]:
    raw = text.strip()
    for sep in ("..", " to ", "/"):
        if sep in raw:
            a, b = (s.strip() for s in raw.split(sep, 1))
            start, end = sorted((parse_date(field, a), parse_date(field, b)), key=lambda d: d["date"])
            return {"start": start, "end": end}
    return parse_date(field, raw)


def parse_places(field: str, text: str) -> list[dict[str, Any]]:
    """'Chicago, IL; Aurora, CO' (empty: nationwide), each resolved in the gazetteer when it can be."""
    from enforcement_tracker.normalize.gazetteer import Gazetteer
    from enforcement_tracker.normalize.placenames import state_code

    places = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        name, _, state = (s.strip() for s in part.rpartition(",")) if "," in part else (part, "", "")
        code = state_code(state) if state else None
        if state and not code:
            raise _bad(field, f"{state!r} is not a US state", hint="write places as 'Chicago, IL; Aurora, CO'")
        found = Gazetteer.open().resolve(name, code)
        if found is not None:
            places.append(found.to_dict())
        else:
            places.append({"name": name, "kind": "state" if state_code(name) and not code else "city",
                           "state": code or state_code(name), "geonameid": None, "lat": None, "lon": None})
    return places


def parse_person(field: str, text: str) -> dict[str, Any] | None:
    raw = text.strip()
    if not raw:
        return None
    name, _, title = (s.strip() for s in raw.partition(","))
    return {"name": name or None, "title": title or None}


def parse_sources(field: str, text: str) -> list[dict[str, Any]]:
    """A JSON list, or 'outlet: NBC News; named: Jane Roe, ICE spokesperson; anonymous: 3 officials'."""
    raw = text.strip()
    if raw.startswith("["):
        try:
            items = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise _bad(field, f"not JSON ({exc.msg})", hint="a list of sources as in the record contract") from exc
    else:
        items = []
        for part in (p.strip() for p in raw.split(";") if p.strip()):
            kind, _, rest = (s.strip() for s in part.partition(":"))
            if kind not in SOURCE_KINDS:
                raise _bad(field, f"unknown source kind {kind!r}", hint="one of " + ", ".join(SOURCE_KINDS))
            item: dict[str, Any] = {"kind": kind}
            if kind == "named":
                item["person"] = parse_person(field, rest)
            elif kind in ("outlet", "agency", "document"):
                item["outlet"] = rest or None
            else:
                m = re.match(r"^(\d+)\s+(.*)$", rest)
                item["count"], item["description"] = (int(m.group(1)), m.group(2)) if m else (None, rest or None)
            items.append(item)
    out = []
    for item in items:
        if not isinstance(item, dict) or item.get("kind") not in SOURCE_KINDS:
            raise _bad(field, "every source needs a kind", hint="one of " + ", ".join(SOURCE_KINDS))
        out.append({"kind": item["kind"], "count": item.get("count"), "description": item.get("description"),
                    "person": item.get("person"), "outlet": item.get("outlet"),
                    "first_reported": bool(item.get("first_reported"))})
    if not out:
        raise _bad(field, "a record needs at least one source", hint="e.g. 'outlet: The Daily Example'")
    return out


def _choice(options: tuple[str, ...]) -> Callable[[str, str], str]:
    def parse(field: str, text: str) -> str:
        value = text.strip().lower().replace(" ", "_")
        if value not in options:
            raise _bad(field, f"{text[:40]!r} is not a {field}", hint="one of " + ", ".join(options))
        return value
    return parse


_PARSERS: dict[str, Callable[[str, str], Any]] = {
    "period": parse_period, "start": parse_date, "end": parse_date, "issued_on": parse_date,
    "places": parse_places, "speaker": parse_person, "issued_by": parse_person,
    "category": _choice(CATEGORIES), "status": _choice(STATUSES), "per": _choice(PERS),
}


def apply_changes(record: dict[str, Any], changes: dict[str, str], document_text: str) -> dict[str, Any]:
    """The record with `changes` ({field: typed value}) applied; the contract is checked after."""
    kind = registry.get(record["kind"])
    allowed = set(kind.field_names) | {"sources", "span"}
    out = json.loads(json.dumps(record))
    if not changes:
        raise ReviewError("a correction changes at least one field", source="--set",
                          hint="e.g. --set count=956 (fields: " + ", ".join(sorted(allowed)) + ")")
    for field, text in changes.items():
        if field not in allowed:
            raise _bad(field, f"a {record['kind']} record has no field {field!r}",
                       hint="its fields: " + ", ".join(sorted(allowed)))
        if not isinstance(text, str) or len(text) > MAX_VALUE:
            raise _bad(field, f"a value is text of at most {MAX_VALUE} characters", hint="shorten it")
        if field == "span":
            m = _SPAN.match(text.strip())
            if not m:
                raise _bad(field, f"{text[:40]!r} is not a span", hint="write START-END in characters, e.g. 120-245")
            start, end = int(m.group(1)), int(m.group(2))
            if not 0 <= start < end <= len(document_text):
                raise _bad(field, f"{start}-{end} is outside the document (0-{len(document_text)})",
                           hint="a span is [start, end) of the stored text")
            out["span"], out["quote"] = [start, end], document_text[start:end]
        elif field == "sources":
            out["sources"] = parse_sources(field, text)
        elif field in ("count", "share"):
            out[field] = parse_number(field, text, record.get(field), share=field == "share") if text.strip() else None
        elif field in _PARSERS:
            out[field] = _PARSERS[field](field, text) if text.strip() or field in ("places", "speaker") else None
        else:
            raw = text.strip()
            try:
                out[field] = json.loads(raw) if raw[:1] in "[{" else (raw or None)
            except json.JSONDecodeError as exc:
                raise _bad(field, f"not JSON ({exc.msg})", hint="write plain text or JSON") from exc
    return out


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for every field that differs (the extractor's name aside)."""
    names = sorted((set(before) | set(after)) - {"extractor", "id", "document_id"})
    return {n: [before.get(n), after.get(n)] for n in names if before.get(n) != after.get(n)}


def _number_text(value: Any, share: bool = False) -> str:
    if not isinstance(value, dict):
        return ""
    q = value.get("qualifier")
    prefix = f"{q.replace('_', ' ')} " if q and q != "exact" else ""
    fmt = (lambda v: f"{v:g}") if share else (lambda v: f"{v:g}" if isinstance(v, float) else str(v))
    if value.get("low") is not None:
        return f"{prefix}{fmt(value['low'])}-{fmt(value['high'])}"
    return f"{prefix}{fmt(value['value'])}" if value.get("value") is not None else ""


def _date_text(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    if "start" in value or "end" in value:
        a, b = _date_text(value.get("start")), _date_text(value.get("end"))
        return f"{a}..{b}" if a and b else a or b
    return value.get("date") or ""


def field_text(record: dict[str, Any], field: str) -> str:
    """A field as a person would type it: the review page's inputs start from this, and
    `apply_changes` reads the same notation back."""
    value = record.get(field)
    if field in ("count", "share"):
        return _number_text(value, share=field == "share")
    if field in ("period", "start", "end", "issued_on"):
        return _date_text(value)
    if field == "places":
        return "; ".join(", ".join(x for x in (p.get("name"), p.get("state") if p.get("kind") != "state" else None)
                                   if x) for p in value or [])
    if field in ("speaker", "issued_by"):
        return ", ".join(x for x in ((value or {}).get("name"), (value or {}).get("title")) if x)
    if field == "span":
        return f"{record['span'][0]}-{record['span'][1]}"
    if field == "sources":
        parts = []
        for s in value or []:
            if s.get("kind") == "named":
                parts.append("named: " + field_text({"speaker": s.get("person")}, "speaker"))
            elif s.get("kind") in ("outlet", "agency", "document"):
                parts.append(f"{s['kind']}: {s.get('outlet') or s.get('description') or ''}".rstrip())
            else:
                count = f"{s['count']} " if s.get("count") else ""
                parts.append(f"{s['kind']}: {count}{s.get('description') or ''}".rstrip())
        return "; ".join(parts)
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def editable_fields(record: dict[str, Any]) -> list[str]:
    """The inputs the review page offers for a record: its kind's editable fields, then sources and span."""
    names = set(registry.get(record["kind"]).field_names)
    return [f for f in EDITABLE if f in names or f in ("sources", "span")]
