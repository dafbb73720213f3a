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


def _span(text: str, published: str | None) -> list:
    out = []
    for d in find_dates(text, published):
        v = d.value
        out.append((v["start"]["date"], v["end"]["date"]) if "start" in v else v["date"])
    return out


@pytest.mark.parametrize("text,published,expected", [
    # a calendar year named as such
    ("Agents made 900 arrests in calendar 2023.", "2024-02-01", [("2023-01-01", "2023-12-31")]),
    ("Arrests in calendar year 2022 fell.", "2024-02-01", [("2022-01-01", "2022-12-31")]),
    # a sentence that opens with its year
    ("In 2017, officers arrested 80 people.", "2024-02-01", [("2017-01-01", "2017-12-31")]),
    # this month and last month, from the publication day
    ("Nine people were arrested this month.", "2024-02-20", [("2024-02-01", "2024-02-29")]),
    ("Nine people were arrested last month.", "2024-01-09", [("2023-12-01", "2023-12-31")]),
    # two weekdays joined make one period
    ("Agents arrested 14 people on Friday and Saturday.", "2024-02-20", [("2024-02-16", "2024-02-17")]),
    # halves of a fiscal or calendar year
    ("Arrests in the first half of fiscal 2021 rose.", "2024-02-20", [("2020-10-01", "2021-03-31")]),
    # a quarter of a fiscal year (October to September) or of a calendar year
    ("Agents apprehended 34 people in the first quarter of fiscal year 2021.", "2021-01-12", [("2020-10-01", "2020-12-31")]),
    ("Arrests in the third quarter of FY2019 fell.", "2020-01-10", [("2019-04-01", "2019-06-30")]),
    ("Arrests in the fourth quarter of 2023 rose.", "2024-02-20", [("2023-10-01", "2023-12-31")]),
    ("Arrests in the second half of fiscal year 2021 fell.", "2024-02-20", [("2021-04-01", "2021-09-30")]),
    ("Arrests in the first half of 2022 rose.", "2024-02-20", [("2022-01-01", "2022-06-30")]),
    ("Arrests in the first six months of 2022 rose.", "2024-02-20", [("2022-01-01", "2022-06-30")]),
    ("Arrests in the last six months of fiscal 2021 fell.", "2024-02-20", [("2021-04-01", "2021-09-30")]),
    # a month after "for" or "during" as after "in"
    ("The figure for June was 28,115.", "2024-08-06", [("2024-06-01", "2024-06-30")]),
    # "fiscal 2020" without the word year
    ("Officers made 3,000 arrests in fiscal 2020.", "2024-02-20", [("2019-10-01", "2020-09-30")]),
])
def test_periods_named_in_words(text, published, expected):
    assert _span(text, published) == expected


def test_this_month_needs_a_publication_day():
    assert _span("Nine people were arrested this month.", None) == []


@pytest.mark.parametrize("text,published,expected", [
    ("The sweep ended in March of 2019.", "2024-02-20", [("2019-03-01", "2019-03-31")]),
    ("Arrests were made in March of this year.", "2019-06", [("2019-03-01", "2019-03-31")]),
    ("Arrests were made in October of last year.", "2019-06-02", [("2018-10-01", "2018-10-31")]),
])
def test_a_month_of_a_year_named_in_words(text, published, expected):
    assert _span(text, published) == expected


def test_every_date_pattern_is_of_a_kind_the_quick_test_was_written_for():
    # find_dates skips a text with none of the words every pattern holds; a pattern of a new kind
    # must be checked against that list of words (normalize/dates.py) and its kind added.
    from enforcement_tracker.normalize.dates import GATED_KINDS, PATTERNS

    assert {kind for kind, _ in PATTERNS} <= GATED_KINDS


@pytest.mark.parametrize("text", ["the first week of March", "over the weekend", "Oct. 8 to Nov. 11, 2017",
                                  "the second half of 2024", "the first quarter of fiscal 2021", "in FY2025", "in fiscal 2020", "last fiscal year",
                                  "on June 3", "on Saturday and Sunday", "next Tuesday", "in January and February 2016",
                                  "in May 2021", "in May of this year", "in December", "tonight", "this morning",
                                  "last year", "this week", "next month", "in 2019", "calendar year 2020",
                                  "since the administration took office"])
def test_each_kind_of_date_passes_the_quick_test(text):
    assert _span(text, "2025-03-04"), text


@pytest.mark.parametrize("text", ["workshops on Saturday mornings", "every Monday", "Each Friday the office opens",
                                  "on Monday nights"])
def test_a_weekday_said_as_a_habit_is_no_date(text):
    assert find_dates(text, "2019-02-14", tense="past") == []


def test_one_weekday_morning_is_still_a_date():
    [d] = find_dates("on Saturday morning", "2019-02-14", tense="past")
    assert d.value["date"] == "2019-02-09" and d.value["part_of_day"] == "morning"


def test_a_span_of_months_of_this_year_or_last():
    from enforcement_tracker.normalize.dates import find_dates

    [d] = find_dates("officers arrested 500 people from March through May of this year", published="2021-08-05")
    assert (d.value["start"]["date"], d.value["end"]["date"]) == ("2021-03-01", "2021-05-31")
    [d] = find_dates("between March and May last year", published="2021-08-05")
    assert (d.value["start"]["date"], d.value["end"]["date"]) == ("2020-03-01", "2020-05-31")
