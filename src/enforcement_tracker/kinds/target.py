"""target: a rate of arrests someone set as a goal or quota ("1,200 to 1,500 a day")."""

from __future__ import annotations

from typing import Any

from enforcement_tracker.describe import number_words
from enforcement_tracker.kinds import compare
from enforcement_tracker.kinds.base import Kind
from enforcement_tracker.kinds.examples import Draw, day
from enforcement_tracker.kinds.listing import number_part, period_part, tail_parts
from enforcement_tracker.kinds.values import date_of, ledger_columns, number_key, place_key
from enforcement_tracker.publish import words


def describe(record: dict[str, Any]) -> str:
    by = record.get("issued_by") or {}
    who = ", ".join(x for x in (by.get("name"), by.get("title")) if x)
    chars = "/".join(record.get("characterizations") or []) or "target"
    return f"{chars} of {number_words(record.get('count'))} arrests per {record.get('per')}" + \
        f" ({record.get('scope')})" + (f", set by {who}" if who else "")


def fields_in_words(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [("Target", f"{words.number(data.get('count'))} arrests per {data.get('per') or '?'}"),
            ("Scope", (data.get("scope") or "unstated").replace("_", " ")),
            ("Where", words.places(data.get("places"))), ("Set by", words.person(data.get("issued_by"))),
            ("Set on", words.when(data.get("issued_on"))),
            ("Called", ", ".join(data.get("characterizations") or []) or "—"),
            ("Agencies", words.agencies(data.get("agencies")))]


def summary(row: dict[str, Any]) -> str:
    return f"{words.row_amount(row) or 'An unstated number of'} arrests {words.per_words(row.get('per'))}"


def claim_key(record: dict[str, Any]) -> tuple:
    return (number_key(record.get("count")), record.get("per"), place_key(record))


def same_claim(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return number_key(a.get("count")) == number_key(b.get("count"))


def columns(fields: dict[str, Any]) -> dict[str, Any]:
    # A target is dated by when it was set, not by a period of arrests.
    return ledger_columns(fields, dates=(date_of(fields.get("issued_on")), None))


def listing(record: dict[str, Any]) -> list[str]:
    rate = " ".join(str(x) for x in (record.get("unit"), "per", record.get("per")) if x)
    return [number_part(record.get("count")), rate] + period_part(record) + tail_parts(record)


def example(draw: Draw) -> tuple[str, dict[str, Any], list[Any]]:
    low = draw.rng.choice([1000, 1200, 1500])
    text = f"Officials set a goal of {low:,} to {low + 300:,} arrests a day across the country."
    return text, {"count": {"low": low, "high": low + 300, "qualifier": "exact"}, "per": "day",
                  "scope": "nationwide", "places": [], "issued_by": {"name": None, "title": "ICE official"},
                  "issued_on": day(draw.when), "characterizations": ["goal"], "agencies": draw.agencies}, \
        [draw.anonymous]


KIND = Kind(
    name="target",
    version=4,
    title="Arrest target",
    fields=(("count", "the arrests asked for: a number or a range"),
            ("per", "the unit of time the count is for: day, week, month or year"),
            ("scope", "nationwide, per_field_office or place"),
            ("places", "where, when the scope is a place"),
            ("issued_by", "the official who set it (a public role), or null"),
            ("issued_on", "when it was set"),
            ("characterizations", "what the sources called it, e.g. goal, quota"),
            ("agencies", "the agencies it applies to")),
    describe=describe,
    words=fields_in_words,
    summary=summary,
    claim_key=claim_key,
    same_claim=same_claim,
    match=compare.same_count_and_per,
    columns=columns,
    headline=True,
    rank=30,
    finder="enforcement_tracker.extract.claims:find_claims",
    scored_fields=("places", "scope", "qualifier", "sources"),
    checker="enforcement_tracker.analyze.attainment:check_target",
    summary_order=20,
    listing=listing,
    example=example,
)
