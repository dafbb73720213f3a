"""Words of an operation's status and dates, as token patterns (patterns/operation_words.jsonl)."""

from __future__ import annotations

import pytest

from _extract_helpers import records
from enforcement_tracker.extract.operation_words import precedes, says


@pytest.mark.parametrize("text,family", [
    ("The sweep was called off at the last minute.", "called_off"),
    ("The operation has been postponed indefinitely.", "called_off"),
    ("Officials said the surge will not go ahead.", "called_off"),
    ("The operation was pushed back a week.", "postponed"),
    ("The operation wrapped up on Sunday.", "ended"),
    ("The crackdown came to an end in May.", "ended"),
    ("The operation is under way in three towns.", "under_way"),
    ("Agents are targeting two counties this week.", "under_way"),
    ("The ongoing operation has reached the coast.", "under_way"),
    ("A second phase is slated for spring.", "planned"),
    ("The agency plans to send more officers.", "planned"),
    ("Teams are moving on to Omaha next.", "moves_on"),
    ("The arrests were made in Fresno and Modesto.", "places_of_previous"),
])
def test_words_anywhere_in_a_sentence(text, family):
    assert says(text, family)


def test_an_ongoing_investigation_is_no_operation_under_way():
    assert not says("It is part of an ongoing criminal investigation.", "under_way")
    assert not says("The agency cited its ongoing mission.", "under_way")


@pytest.mark.parametrize("text,day,family", [
    ("The operation began on Monday and ended Friday.", "Monday", "start_before"),
    ("The operation began on Monday and ended Friday.", "Friday", "end_before"),
    ("It ran through Sunday.", "Sunday", "end_before"),
    ("The sweep was pushed back to Tuesday.", "Tuesday", "rescheduled_before"),
    ("Arrests stood at 90 as of Thursday.", "Thursday", "as_of_before"),
    ("The operation entered its fourth day Tuesday.", "Tuesday", "nth_day_before"),
])
def test_words_before_a_date(text, day, family):
    assert precedes(text, text.index(day), family)


def test_statuses_and_dates_reach_the_record():
    [op] = records("ICE said Friday that its operation in Fresno, Calif., began on March 3 and wrapped up on March 7.",
                   published="2025-03-14", kind="operation")
    assert op["status"] == "ended"
    assert (op["start"]["date"], op["end"]["date"]) == ("2025-03-03", "2025-03-07")
