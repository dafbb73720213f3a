"""Shared by the evaluation tests: gold and predicted records in a few words."""

from __future__ import annotations

from enforcement_tracker.evaluate import TextResult, match_records


def count(value=None, low=None, high=None, qualifier="exact"):
    if low is not None:
        return {"low": low, "high": high, "qualifier": qualifier}
    return {"value": value, "qualifier": qualifier}


def ac(value, **extra):
    return {"kind": "arrest_count", "count": count(value), **extra}


def crim(category, number=None, *, share=None, **extra):
    record = {"kind": "criminality", "category": category}
    record["count"] = None if number is None else count(number)
    if share is not None:
        record.pop("count")
        record["share"] = count(share)
    return {**record, **extra}


def op(places=(), start=None, end=None, **extra):
    return {"kind": "operation", "places": [{"name": n, "state": s} for n, s in places],
            "start": start, "end": end, **extra}


def day(iso):
    """A contract date object, as extraction writes it."""
    return {"date": iso, "precision": "day", "part_of_day": None}


def result_of(gold, predicted, file="a.txt"):
    return TextResult(file, gold, predicted, match_records(gold, predicted))
