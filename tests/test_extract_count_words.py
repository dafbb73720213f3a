"""Words around a number that say what it is besides an arrest count (patterns/count_words.jsonl)."""

from __future__ import annotations

import pytest

from _extract_helpers import number, records
from enforcement_tracker.extract.count_words import AFTER, follows, precedes


def _after(text: str, num: str, family: str) -> bool:
    return follows(text, text.index(num) + len(num), family)


def _before(text: str, num: str, family: str) -> bool:
    return precedes(text, text.index(num), family)


@pytest.mark.parametrize("text,num,family,found", [
    ("Agents held a 19-year-old student.", "19", "age_after", True),
    ("The woman, 19 years old, was released.", "19", "age_after", True),
    ("It was a 5-day operation.", "5", "age_after", True),
    ("Agents held 19 students.", "19", "age_after", False),
    ("Officers made 600 arrests, compared with 410 in March.", "410", "compared_before", True),
    ("Arrests rose to 600, up from 410.", "410", "compared_before", True),
    ("Officers made 410 arrests.", "410", "compared_before", False),
    ("Officers made 600 arrests, against 410 a year earlier.", "410", "year_earlier_after", True),
    ("There were 410 in the same month last year.", "410", "year_earlier_after", True),
    ("Of the 60 held, the remaining 12 were released.", "12", "remaining_before", True),
    ("Officers held 60, including 12 with convictions.", "12", "including_before", True),
    ("Officers held 60, of whom 12 had convictions.", "12", "including_before", True),
    ("Of the 40 held, all but three had records.", "three", "all_but_before", True),
    ("All of those 40 had records.", "40", "all_of_before", True),
    ("The share of those 800 who had records fell.", "800", "share_base_before", True),
    ("Agents made 12 collateral arrests.", "12", "collateral", True),
    ("Agents said 31 of the arrests were collateral.", "31", "of_the_arrests_after", True),
    ("Agents held 31 of the workers.", "31", "of_the_arrests_after", False),
    ("They held 410 and 960 at the two sites, respectively.", "960", "respectively_after", True),
])
def test_words_beside_a_number(text, num, family, found):
    side = _after if family in AFTER else _before
    assert side(text, num, family) is found


def test_the_day_that_dates_a_statement():
    text = "ICE said Friday that 40 were held."
    assert precedes(text, text.index("Friday"), "stated_before")
    text = "The agency on Friday announced 40 arrests."
    assert follows(text, text.index("Friday") + len("Friday"), "stated_after")


def test_a_period_open_at_its_end():
    for text, day in [("Arrests have continued since Saturday.", "Saturday"),
                      ("Agents made 90 arrests since the operation began Saturday.", "Saturday")]:
        assert precedes(text, text.index(day), "since_before")


def test_an_age_is_no_count_and_a_comparison_is_dated_a_year_back():
    found = records("ICE officers arrested 600 people in Ohio in March 2025, compared with 410 a year earlier. "
                    "One was a 19-year-old student.", kind="arrest_count")
    counts = {number(r["count"]): r["period"] for r in found}
    assert set(counts) == {600, 410}
    assert counts[410]["start"]["date"].startswith("2024-03")
