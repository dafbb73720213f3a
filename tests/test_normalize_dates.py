"""Dates as reports write them, resolved against the publication date: sentences we wrote."""

from __future__ import annotations

import pytest

from enforcement_tracker.normalize.dates import find_dates


def _dates(text: str, published: str | None) -> list:
    return [d.value.get("date") if "date" in d.value else (d.value["start"]["date"], d.value["end"]["date"])
            for d in find_dates(text, published)]


@pytest.mark.parametrize("text,published,expected", [
    ("arrests since the Trump administration began", "2025-03-01", ["2025-01-20"]),
    ("arrests since President Trump took office", "2019-05-01", ["2017-01-20"]),
    ("removals since President Biden took office", "2022-02-01", ["2021-01-20"]),
    ("since the administration took office", "2013-06-01", ["2009-01-20"]),
    ("since the start of the Obama administration", "2012-06-01", ["2009-01-20"]),
    ("since the Riverside operation began", "2025-03-01", []),
    ("since the Smith administration began", "2025-03-01", []),
])
def test_since_an_administration_began(text, published, expected):
    assert _dates(text, published) == expected


@pytest.mark.parametrize("text,expected", [
    ("agents arrived early Tuesday", ["2025-11-18"]),   # the publication day itself
    ("agents arrived last Tuesday", ["2025-11-11"]),
    ("agents arrived Sunday", ["2025-11-16"]),
])
def test_weekdays_in_a_tuesday_story(text, expected):
    assert _dates(text, "2025-11-18") == expected


def test_an_end_never_comes_before_its_start():
    from enforcement_tracker.normalize.dates import order_range

    start = {"date": "2020-02-14", "text": "Friday"}
    assert order_range(start, {"date": "2020-02-09", "text": "Sunday"})[1]["date"] == "2020-02-16"
    assert order_range(start, {"date": "2020-02-01", "text": "Feb. 1"}) == (start, None)
    assert order_range(start, {"date": "2020-02-20", "text": "Feb. 20"})[1]["date"] == "2020-02-20"


@pytest.mark.parametrize("text,expected", [
    ("it first ran in January and February 2016", [("2016-01-01", "2016-02-29")]),
    ("agents arrested 20 people today", ["2017-08-01"]),
    ("the raid yesterday", ["2017-07-31"]),
])
def test_month_pairs_and_days_named_from_the_publication_day(text, expected):
    assert _dates(text, "2017-08-01") == expected


@pytest.mark.parametrize("text,published,expected", [
    ("last fiscal year", "2025-03-14", [("2023-10-01", "2024-09-30")]),
    ("this fiscal year", "2025-11-14", [("2025-10-01", "2026-09-30")]),
])
def test_fiscal_years_named_from_the_publication_day(text, published, expected):
    assert _dates(text, published) == expected
