"""Rate words as token patterns (patterns/rates.jsonl): the unit a rate is stated per, averages."""

from __future__ import annotations

import pytest

from _extract_helpers import records
from enforcement_tracker.extract.rates import rate_unit, states_average


@pytest.mark.parametrize("text,unit", [
    ("The office was told to reach 400 arrests a day.", "day"),
    ("Officials set a weekly quota of 900.", "week"),
    ("The goal is 12,000 removals per month.", "month"),
    ("It aims for a million deportations every year.", "year"),
    ("Each office had a 40-a-week quota.", "week"),
    ("The budget is set annually by the council.", "year"),
    ("Agents made 71 arrests on Monday.", None),
    # a sentence naming two units is read by the shorter one first, as the target rule always did
    ("From 300 a week the figure rose to 90 a day.", "day"),
])
def test_the_unit_a_rate_is_stated_per(text, unit):
    assert rate_unit(text) == unit


def test_rate_words_are_tokens_not_letters():
    assert rate_unit("Dailyness is not a word of rates.") is None
    assert rate_unit("They met a weekday crowd.") is None


@pytest.mark.parametrize("text,average", [
    ("has averaged 1,900 a day since March", True),
    ("on a typical week the office books 300", True),
    ("arrested 1,900 on Monday", False),
])
def test_average_rates(text, average):
    assert states_average(text) is average


def test_a_target_takes_its_unit_from_the_rate_words():
    [target] = records("Managers were ordered to meet a quota of 75 arrests a week in each office.", kind="target")
    assert target["per"] == "week"


def test_an_average_count_has_no_period():
    found = records("Agents have averaged 640 arrests a day since Jan. 20, the agency said.", kind="arrest_count")
    assert [r["period"] for r in found] == [None]


# The words after a number that make it a target (patterns/target_words.jsonl).
from enforcement_tracker.extract.target_words import after_number  # noqa: E402


def _after(text: str, number: str) -> frozenset[str]:
    return after_number(text, text.index(number) + len(number))


@pytest.mark.parametrize("text,number,labels", [
    ("Each office got a 300-per-day arrest quota.", "300", {"target"}),
    ("Field offices were handed a 40-a-week goal.", "40", {"target"}),
    ("He set it at 2,500 — the number of arrests a day he wanted.", "2,500", {"target"}),
    ("The memo called for 1,500 daily arrests.", "1,500", {"rate"}),
    ("The memo called for 90 arrests a week in each office.", "90", {"rate"}),
    ("The 5,000 goal was set for each month.", "5,000", {"word"}),
    ("Agents made 71 arrests on Monday.", "71", set()),
    # the words must follow the number itself, not come later in the sentence
    ("Agents made 71 arrests before the quota was set.", "71", set()),
])
def test_words_after_a_number(text, number, labels):
    assert _after(text, number) == labels


@pytest.mark.parametrize("body,per", [
    ("Supervisors were told each office had a 300-per-day arrest quota.", "day"),
    ("The directive set a 75-a-week arrest goal for every field office.", "week"),
])
def test_a_joined_rate_makes_a_target(body, per):
    [target] = records(body, kind="target")
    assert target["per"] == per


# The words after a number that make it a cadence (patterns/cadence_words.jsonl).
from enforcement_tracker.extract.cadence_words import cadence_after  # noqa: E402


@pytest.mark.parametrize("text,number,cadence", [
    ("The plan is to reach four cities a week by spring.", "four", ("cities", "week")),
    ("Teams moved into two new metro areas per month.", "two", ("metro areas", "month")),
    ("Agents reached 3 U.S. cities every week.", "3", ("cities", "week")),
    ("Agents made 40 arrests a week.", "40", None),
    ("Four of the cities saw raids a week later.", "Four", None),
])
def test_words_after_a_number_that_state_a_cadence(text, number, cadence):
    assert cadence_after(text, text.index(number) + len(number)) == cadence


def test_a_cadence_reaches_the_record():
    [record] = records("Officials said ICE agents would move through five cities a week this spring.", kind="cadence")
    assert (record["unit"], record["per"]) == ("cities", "week")
