"""The calendar reader of normalize/dates.py gives dateparser's answers, and only where it is sure.

Phrases with a real calendar day are read by arithmetic (dateparser's first calls are the costly
part of a short document's dates); everything else still goes to dateparser. These tests hold
the two to the same date for every month spelling the date patterns let through.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from enforcement_tracker.normalize import dates

# Every month spelling the patterns accept, as _resolve hands it on (period dropped, "Sept" -> "Sep").
SPELLINGS = sorted({dates._clean_month(m) for m in (
    "Jan January Jan. Feb February Feb. Mar March Mar. Apr April Apr. May Jun June Jul July Aug August "
    "Aug. Sep September Sept. Sep. Sept Oct October Oct. Nov November Nov. Dec December Dec.").split()})


@pytest.mark.parametrize("month", SPELLINGS)
@pytest.mark.parametrize("day,year", [("1", None), ("09", None), ("28", "2025"), ("29", "2024"), ("30", None),
                                      ("31", "1999")])
def test_calendar_reader_agrees_with_dateparser(month: str, day: str, year: str | None) -> None:
    text = f"{month} {day}" + (f" {year}" if year else "")
    by_calendar = dates._read_by_calendar(text)
    by_dateparser = dates._read_by_dateparser(text)
    # Where the calendar answers, it answers as dateparser does; where it does not, dateparser decides.
    if by_calendar is not None:
        assert by_calendar == by_dateparser
    assert dates._read(text) == by_dateparser


@pytest.mark.parametrize("text", ["Feb 29", "Feb 30 2024", "Apr 31", "Jan 0", "Jan 00 2025", "Dec 39",
                                  "Septembre 5", "Septembre 5 2025", "Mayo 3", "may 3"])
def test_phrases_without_a_real_day_are_left_to_dateparser(text: str) -> None:
    assert dates._read_by_calendar(text) is None
    assert dates._read(text) == dates._read_by_dateparser(text)


def test_calendar_reader_values() -> None:
    assert dates._read_by_calendar("January 26 2025") == (date(2025, 1, 26), True)
    assert dates._read_by_calendar("Sep 07") == (date(2001, 9, 7), False)  # the year is the fixed base's
    assert dates._read_by_calendar("Feb 29 2024") == (date(2024, 2, 29), True)
    assert dates._read_by_calendar("Feb 29 2025") is None


def test_dates_resolve_the_same_through_find_dates() -> None:
    found = dates.find_dates("Agents began on Jan. 26 and ended Sept. 3, 2024.", "2025-01-29")
    assert [(d.text, d.value["date"]) for d in found] == [("Jan. 26", "2025-01-26"), ("Sept. 3, 2024", "2024-09-03")]


def test_reading_dates_does_not_import_dateparser() -> None:
    code = ("import sys; from enforcement_tracker.normalize.dates import find_dates; "
            "find_dates('Agents arrived on Jan. 26, 2025 and left March 3.', '2025-04-01'); "
            "print('dateparser' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("words,published,expected", [
    ("Agents made 40 arrests on September 24, 2024.", "2024-10-02", "2024-09-24"),
    ("The sweep ran on Sept. 3 in two towns.", "2024-10-02", "2024-09-03"),
    ("It began September 9.", "2024-10-02", "2024-09-09"),
])
def test_september_reads_as_a_month(words: str, published: str, expected: str) -> None:
    # "September" once lost its "t" to the "Sept" -> "Sep" rewrite and no reader knew the word.
    [found] = dates.find_dates(words, published)
    assert found.value["date"] == expected


def test_september_ranges_and_months() -> None:
    [span] = dates.find_dates("from September 3 to September 9", "2024-10-02")
    assert (span.value["start"]["date"], span.value["end"]["date"]) == ("2024-09-03", "2024-09-09")
    [month] = dates.find_dates("arrests in September 2024", "2024-10-02")
    assert month.value["start"]["date"] == "2024-09-01"
