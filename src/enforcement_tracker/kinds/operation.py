"""operation: an enforcement operation in a place, over days, with a status ("surge in Chicago")."""

from __future__ import annotations

from typing import Any

from enforcement_tracker.describe import date_words, place_words
from enforcement_tracker.kinds.base import Kind, place_name_discriminator
from enforcement_tracker.kinds.compare import date_intervals, days_apart, place_keys
from enforcement_tracker.kinds.examples import Draw, day
from enforcement_tracker.kinds.listing import date_part, period_part, tail_parts
from enforcement_tracker.kinds.values import date_of, ledger_columns, place_key
from enforcement_tracker.publish import words


def describe(record: dict[str, Any]) -> str:
    name = record.get("name") or "operation"
    start, end = date_words(record.get("start")), date_words(record.get("end"))
    span = f" from {start}" if start else ""
    span += f" to {end}" if end else ""
    return f"{name} in {place_words(record.get('places'))}{span}, {record.get('status', 'unknown').replace('_', ' ')}"


def fields_in_words(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [("Name", data.get("name") or "none given"), ("Where", words.places(data.get("places"), "no place")),
            ("Started", words.when(data.get("start"))), ("Ended", words.when(data.get("end"))),
            ("Status", (data.get("status") or "unknown").replace("_", " ")),
            ("Agencies", words.agencies(data.get("agencies")))]


def summary(row: dict[str, Any]) -> str:
    return f"Operation in {row.get('places') or 'an unnamed place'}, {words.row_day(row)}" \
        f" ({(row.get('status') or 'unknown').replace('_', ' ')})"


def claim_key(record: dict[str, Any]) -> tuple:
    # Dates are not in the key: reconcile also needs the reports' dates to be near each other.
    return (place_key(record), record.get("name") or "")


def same_claim(a: dict[str, Any], b: dict[str, Any]) -> bool:
    # Mentions of one operation are merged by extraction's own operation rules (place, name,
    # "the operation"), not as restatements.
    return False


def match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    gold_places = place_keys(gold.get("places"))
    if gold_places:
        pred_places = place_keys(pred.get("places"))
        names = {name for name, _ in pred_places if name}
        states = {state for _, state in pred_places if state}
        if not any(name in names or (state and state in states) for name, state in gold_places):
            return False
    gold_dates = date_intervals([gold.get("start"), gold.get("end")])
    if gold_dates:
        pred_dates = date_intervals([pred.get("start"), pred.get("end"), pred.get("period")])
        if not any(days_apart(g, p) <= 1 for g in gold_dates for p in pred_dates):
            return False
    return True


def columns(fields: dict[str, Any]) -> dict[str, Any]:
    return ledger_columns(fields, dates=(date_of(fields.get("start")), date_of(fields.get("end"))))


def listing(record: dict[str, Any]) -> list[str]:
    parts = period_part(record) + [f"{date_part(record.get('start'))} to {date_part(record.get('end'))}",
                                   str(record.get("status"))]
    if record.get("name"):
        parts.append(str(record["name"]))
    return parts + tail_parts(record)


STATUSES = ("planned", "under_way", "ended", "called_off", "unknown")


def example(draw: Draw) -> tuple[str, dict[str, Any], list[Any]]:
    place, when, status = draw.place, draw.when, draw.rng.choice(STATUSES)
    text = (f"Agents of {draw.agency[1]} began an enforcement operation in {place['name']}, {place['state']},"
            f" on {when:%B} {when.day}, and its status was reported as {status.replace('_', ' ')}.")
    return text, {"places": [place], "start": day(when), "end": None, "status": status,
                  "agencies": draw.agencies, "name": None}, [draw.anonymous]


KIND = Kind(
    name="operation",
    version=5,
    title="Operation",
    fields=(("places", "the towns, cities or states it is in (never finer than a town)"),
            ("start", "when it began or is to begin"),
            ("end", "when it ended or is to end"),
            ("status", "planned, under_way, ended, called_off or unknown"),
            ("agencies", "the agencies carrying it out"),
            ("name", "its name as reported, e.g. \"Operation At Large\", or null")),
    describe=describe,
    words=fields_in_words,
    summary=summary,
    claim_key=claim_key,
    same_claim=same_claim,
    match=match,
    columns=columns,
    headline=True,
    rank=10,
    finder="enforcement_tracker.extract.operations:find_operations",
    scored_fields=("places", "start", "end", "status", "name", "sources"),
    summary_order=10,
    listing=listing,
    example=example,
    discriminator=place_name_discriminator,
)
