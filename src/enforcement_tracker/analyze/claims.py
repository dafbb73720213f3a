"""The checkable part of a ledger record: its number, its period, its place.

Records arrive as contract dicts (records.json); a period may be a date object, a range, a
plain string, or missing, and a criminality record borrows its period and place from the
arrest count it qualifies.
"""

from __future__ import annotations

import calendar
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from enforcement_tracker.kinds import registry
from enforcement_tracker.official.aor import area_for_place



@dataclass
class Claim:
    record_id: str
    kind: str
    document_id: str
    published: str | None
    quote: str
    sources: str | None
    value: float | None = None         # count (or share for criminality shares)
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    share: float | None = None
    category: str | None = None
    per: str | None = None
    scope: str | None = None
    start: str | None = None            # ISO dates of the period the claim is about
    end: str | None = None
    precision: str | None = None
    places: list[dict[str, Any]] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)     # ICE areas covering the places, when known
    states: list[str] = field(default_factory=list)
    of: str | None = None
    of_value: float | None = None      # the count of the arrest_count a criminality record qualifies
    issued_on: str | None = None
    review: str = "machine"            # the record's review state (store/review.py): who has checked it

    @property
    def nationwide(self) -> bool:
        return not self.places

    @property
    def place_label(self) -> str:
        if not self.places:
            return "nationwide"
        return "; ".join(", ".join(x for x in (p.get("name"), p.get("state")) if x) for p in self.places)

    @property
    def number_text(self) -> str:
        if self.low is not None and self.high is not None:
            return f"{self.low:,.0f} to {self.high:,.0f}"
        if self.share is not None:
            return f"{self.share:.0%}"
        return f"{self.value:,.0f}" if self.value is not None else ""

    def to_dict(self) -> dict[str, Any]:
        number: dict[str, Any] = {"qualifier": self.qualifier}
        if self.low is not None:
            number.update(low=self.low, high=self.high)
        elif self.share is not None:
            number.update(share=self.share)
        else:
            number.update(value=self.value)
        return {"kind": self.kind, "number": number, "category": self.category, "per": self.per,
                "period": {"start": self.start, "end": self.end, "precision": self.precision},
                "issued_on": self.issued_on, "published": self.published,
                "place": self.place_label, "areas": self.areas, "sources": self.sources, "quote": self.quote,
                "review": self.review}


def _date_text(value: Any) -> tuple[str | None, str | None]:
    if isinstance(value, dict):
        return value.get("date"), value.get("precision")
    if isinstance(value, str) and value:
        return value, None
    return None, None


def period_bounds(period: Any) -> tuple[str | None, str | None, str | None]:
    """(start, end, precision) of a contract period; a week or month widens to its days."""
    if period is None:
        return None, None, None
    if isinstance(period, str) and "/" in period:
        start, end = period.split("/", 1)
        return start[:10], end[:10], "range"
    if isinstance(period, dict) and ("start" in period or "end" in period):
        s, _ = _date_text(period.get("start"))
        e, _ = _date_text(period.get("end"))
        return s, e or s, "range"
    text, precision = _date_text(period)
    if not text:
        return None, None, None
    return widen(text, precision or ("month" if len(text) == 7 else "year" if len(text) == 4 else "day"))


def widen(text: str, precision: str) -> tuple[str | None, str | None, str | None]:
    try:
        if precision == "month" or len(text) == 7:
            y, m = int(text[:4]), int(text[5:7])
            return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}", "month"
        if precision == "year" or len(text) == 4:
            return f"{text[:4]}-01-01", f"{text[:4]}-12-31", "year"
        d = date.fromisoformat(text[:10])
    except ValueError:
        return None, None, None
    if precision == "week":
        monday = d - timedelta(days=d.weekday())
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week"
    return d.isoformat(), d.isoformat(), "day"


def _number(obj: Any) -> dict[str, Any]:
    return obj if isinstance(obj, dict) else ({"value": obj} if isinstance(obj, (int, float)) else {})


def claim_from(data: dict[str, Any], published: str | None) -> Claim:
    count, share = _number(data.get("count")), _number(data.get("share"))
    claim = Claim(record_id=data["id"], kind=data["kind"], document_id=data.get("document_id", ""),
                  published=published, quote=data.get("quote", ""), sources=None,
                  value=count.get("value"), low=count.get("low"), high=count.get("high"),
                  qualifier=(count or share).get("qualifier"), share=share.get("value"),
                  category=data.get("category"), per=data.get("per"), scope=data.get("scope"),
                  of=data.get("of"), places=[p for p in data.get("places") or [] if isinstance(p, dict)])
    claim.issued_on, _ = _date_text(data.get("issued_on"))
    claim.start, claim.end, claim.precision = period_bounds(data.get("period"))
    set_places(claim, claim.places)
    return claim


def set_places(claim: Claim, places: list[dict[str, Any]]) -> None:
    claim.places = places
    claim.states = sorted({p["state"] for p in places if p.get("state")})
    found = [area_for_place(p) for p in places]
    claim.areas = sorted({a.name for a in found if a}) if found and all(found) else []


def load_claims(conn: sqlite3.Connection) -> list[Claim]:
    """Every record of a kind checked against official data (arrest counts, targets, criminality),
    with its document's date and sources."""
    checked = registry.checked_names()
    rows = conn.execute(
        "SELECT r.json, r.sources_text, d.published, r.review FROM records r JOIN documents d ON d.id = r.document_id"
        f" WHERE r.kind IN ({','.join('?' for _ in checked)}) AND r.review != 'rejected'"  # not a claim the text makes
        " ORDER BY d.published, r.document_id, r.span_start",
        checked).fetchall()
    claims = []
    for row in rows:
        claim = claim_from(json.loads(row[0]), row[2])
        claim.sources, claim.review = row[1], row[3]
        claims.append(claim)
    _borrow_periods(claims)
    return claims


def _borrow_periods(claims: list[Claim]) -> None:
    """A criminality share is about the arrests it qualifies: same period, same place."""
    by_id = {c.record_id: c for c in claims}
    for c in claims:
        if c.kind == "criminality" and c.of in by_id:
            c.of_value = by_id[c.of].value
        if c.kind != "criminality" or c.start or (c.share is None and c.value is None):
            continue
        parent = by_id.get(c.of) if c.of else None
        if parent is None:
            # No link: the document's one dated arrest count, if it has exactly one.
            dated = [p for p in claims if p.kind == "arrest_count" and p.document_id == c.document_id and p.start]
            parent = dated[0] if len(dated) == 1 else None
        if parent is not None:
            c.of, c.of_value = parent.record_id, parent.value
            c.start, c.end, c.precision = parent.start, parent.end, parent.precision
            if not c.places:
                set_places(c, parent.places)
