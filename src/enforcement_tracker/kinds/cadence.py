"""cadence: how often operations come ("three cities a week")."""

from __future__ import annotations

from typing import Any

from enforcement_tracker.describe import number_words
from enforcement_tracker.kinds import compare
from enforcement_tracker.kinds.base import Kind
from enforcement_tracker.kinds.examples import Draw
from enforcement_tracker.kinds.listing import number_part, period_part, tail_parts
from enforcement_tracker.kinds.values import ledger_columns, number_key, period_dates
from enforcement_tracker.publish import words


def describe(record: dict[str, Any]) -> str:
    return f"{number_words(record.get('count'))} {record.get('unit')} per {record.get('per')}"


def fields_in_words(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [("Cadence", f"{words.number(data.get('count'))} {data.get('unit') or ''} {words.per_words(data.get('per'))}")]


def summary(row: dict[str, Any]) -> str:
    return f"{words.row_amount(row) or 'An unstated number'} {words.per_words(row.get('per'))}"


def claim_key(record: dict[str, Any]) -> tuple:
    return (number_key(record.get("count")), record.get("unit"), record.get("per"))


def same_claim(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return number_key(a.get("count")) == number_key(b.get("count")) and a.get("per") == b.get("per")


def columns(fields: dict[str, Any]) -> dict[str, Any]:
    return ledger_columns(fields, dates=period_dates(fields.get("period")))


def listing(record: dict[str, Any]) -> list[str]:
    rate = " ".join(str(x) for x in (record.get("unit"), "per", record.get("per")) if x)
    return [number_part(record.get("count")), rate] + period_part(record) + tail_parts(record)


def example(draw: Draw) -> tuple[str, dict[str, Any], list[Any]]:
    n = draw.rng.randint(2, 5)
    text = f"The plan called for operations in {n} cities a week."
    return text, {"count": {"value": n, "qualifier": "exact"}, "unit": "cities", "per": "week"}, [draw.anonymous]


KIND = Kind(
    name="cadence",
    version=3,
    title="Cadence of operations",
    fields=(("count", "how many per unit of time"),
            ("unit", "what is counted, e.g. cities"),
            ("per", "the unit of time, e.g. week")),
    describe=describe,
    words=fields_in_words,
    summary=summary,
    claim_key=claim_key,
    same_claim=same_claim,
    match=compare.same_count_and_per,  # the numbers and `per` are equal, as for a target
    columns=columns,
    rank=50,
    finder="enforcement_tracker.extract.claims:find_claims",
    scored_fields=("unit", "qualifier", "sources"),
    summary_order=50,
    listing=listing,
    example=example,
)
