"""The words around a number that make it an arrest count, as token patterns (patterns/arrest_words.jsonl)."""

from __future__ import annotations

import pytest

from _extract_helpers import number, records
from enforcement_tracker.extract.arrest_words import words_after, words_before
from enforcement_tracker.extract.target_words import before_number, speaks_of_a_goal


def _around(text: str, num: str) -> frozenset[str]:
    at = text.index(num)
    return words_before(text, at) | words_after(text, at + len(num))


@pytest.mark.parametrize("text,num,target", [
    ("Officials set a goal of 3,000 arrests a day.", "3,000", True),
    ("The memo ordered field offices to make at least 75 a day.", "75", True),
    ("Officials demanded 1,500 a day from each office.", "1,500", True),
    ("The quota was set at 300 per office.", "300", True),
    ("Officers must now reach 40 a week.", "40", True),
    ("Officers reached 40 homes a week.", "40", False),
])
def test_words_before_a_number_that_make_a_target(text, num, target):
    assert before_number(text, text.index(num)) is target


def test_a_sentence_that_speaks_of_a_goal():
    assert speaks_of_a_goal("The White House called for more arrests.")
    assert speaks_of_a_goal("Its demands grew by the week.")
    assert not speaks_of_a_goal("Agents made 40 arrests.")


def test_counts_reach_the_ledger_through_the_patterns():
    found = records("ICE officers arrested 31 people in Fresno, Calif., on Monday. Another 12 were taken into "
                    "custody on Tuesday. The agency plans to arrest 200 more.", kind="arrest_count")
    assert sorted(number(r["count"]) for r in found) == [12, 31]


@pytest.mark.parametrize("text,num,found", [
    # classes of words are the lexicons of lexicon.jsonl, one place for every pattern file
    ("Agents arrested 14 fugitives in the county.", "14", {"before"}),                 # @arrest_verb
    ("Officers said 14 fugitives detained overnight were moved.", "14", {"after"}),    # @people_noun
    ("Volunteers confirmed agents at 14 locations.", "14", {"not_after"}),             # @uncounted_noun
    ("The court heard 14 defendants on Monday.", "14", {"not_after"}),
    ("Below are profiles of 14 people arrested in the sweep.", "14", {"not_before", "after"}),
    # 'arrests' before a number is as often the noun: '46 arrests 5 blocks away'
    ("Officers made 46 arrests 5 blocks from the school.", "5", set()),
])
def test_word_classes_come_from_the_lexicons(text, num, found):
    assert _around(text, num) == found


def test_profiles_of_people_arrested_are_no_count():
    found = records("ICE officers arrested 40 people in Reno, Nev., this week. Below are profiles of three people "
                    "arrested in the sweep.", kind="arrest_count")
    assert [number(r["count"]) for r in found] == [40]
