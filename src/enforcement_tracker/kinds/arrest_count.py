"""arrest_count: how many people were arrested, when and where ("1,200 arrests on Sunday")."""

from __future__ import annotations

from typing import Any

from enforcement_tracker.describe import date_words, number_words, place_words
from enforcement_tracker.kinds import compare
from enforcement_tracker.kinds.base import Kind
from enforcement_tracker.kinds.examples import Draw, day
from enforcement_tracker.kinds.listing import number_part, period_part, tail_parts
from enforcement_tracker.kinds.values import first_date, ledger_columns, number_key, period_dates, place_key
from enforcement_tracker.publish import words


def describe(record: dict[str, Any]) -> str:
    when = date_words(record.get("period"))
    return f"{number_words(record.get('count'))} arrests" + (f" on {when}" if when else "") + \
        f" ({place_words(record.get('places'))})"


def fields_in_words(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [("Arrests", words.number(data.get("count"))), ("When", words.when(data.get("period"))),
            ("Where", words.places(data.get("places"))), ("Agencies", words.agencies(data.get("agencies")))]


def summary(row: dict[str, Any]) -> str:
    return f"{words.row_amount(row) or 'An unstated number of'} arrests, {words.row_where(row)}, {words.row_day(row)}"


def claim_key(record: dict[str, Any]) -> tuple:
    return (number_key(record.get("count")), first_date(record.get("period")), place_key(record))


def same_claim(a: dict[str, Any], b: dict[str, Any]) -> bool:
    # Parts of a list ("40 in Chicago, 12 in Aurora") are separate claims even when equal.
    return number_key(a.get("count")) == number_key(b.get("count")) and not (a.get("listed") or b.get("listed"))


def columns(fields: dict[str, Any]) -> dict[str, Any]:
    return ledger_columns(fields, dates=period_dates(fields.get("period")))


def listing(record: dict[str, Any]) -> list[str]:
    # A count's period is its point: "no period" is shown, not left out.
    return [number_part(record.get("count"))] + period_part(record, always=True) + tail_parts(record)


def example(draw: Draw) -> tuple[str, dict[str, Any], list[Any]]:
    n = draw.rng.randint(20, 1500)
    place = draw.place if draw.rng.random() < 0.7 else None
    where = f"in {place['name']}" if place else "nationwide"
    code, words = draw.agency
    text = f"{words} said it made {n:,} arrests {where} on {draw.when:%B} {draw.when.day}."
    fields = {"count": {"value": n, "qualifier": "exact"}, "period": day(draw.when),
              "places": [place] if place else [], "agencies": draw.agencies}
    return text, fields, [draw.source(kind="agency", outlet=code)]


KIND = Kind(
    name="arrest_count",
    version=6,
    title="Arrest count",
    fields=(("count", "how many were arrested: a number or a range, with its qualifier"),
            ("period", "the day or range of days the arrests were made in"),
            ("places", "where; empty means nationwide"),
            ("agencies", "the agencies that made the arrests")),
    describe=describe,
    words=fields_in_words,
    summary=summary,
    claim_key=claim_key,
    same_claim=same_claim,
    match=compare.same_count,
    columns=columns,
    headline=True,
    rank=20,
    finder="enforcement_tracker.extract.claims:find_claims",
    scored_fields=("places", "period", "scope", "qualifier", "sources"),
    checker="enforcement_tracker.analyze.check:check_arrest_count_claim",
    summary_order=30,
    listing=listing,
    example=example,
)
