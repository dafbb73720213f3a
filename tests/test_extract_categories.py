"""The criminality categories as spaCy Matcher patterns: they load, bad lines are named, phrases of ours."""

from __future__ import annotations

import pytest
import spacy

from enforcement_tracker.errors import ExtractError
from enforcement_tracker.extract.categories import category_matches, parse_categories
from enforcement_tracker.extract.claims import category_of


@pytest.mark.parametrize("text,category", [
    ("had illegally re-entered the country", "other"),
    ("were non-criminal arrests", "not_criminal"),
    ("were confirmed MS-13 members", "gang_member"),
    ("had final orders of deportation", "final_order"),
    ("had pending charges or prior convictions", "convicted_or_charged"),
    ("were arrested on state and federal criminal charges", "charged"),
    ("had no prior criminal record", "no_record"),
    ("had been charged but not convicted", "charged"),
    ("had never been convicted of anything", "no_record"),
    ("were immigration violators encountered during the sweep", "collateral"),
    ("were either convicted or previously removed", "other"),
])
def test_category_of_a_clause(text, category):
    assert category_of(text)[0] == category


def test_no_category_in_plain_words():
    assert category_of("were taken to a processing center") is None
    assert category_matches("were taken to a processing center") == ()


@pytest.mark.parametrize("text,words", [
    ('{"label": "convicted", "pattern": [{"LOWER": "x"}]}\n{"label": "nope", "pattern": [{"LOWER": "y"}]}\n',
     "line 2: unknown category"),
    ('{"label": "convicted", "pattern": []}\n', "line 1: a pattern is a non-empty list"),
    ('{"label": "convicted", "pattern": [{"LOWR": "x"}]}\n', "line 1: spaCy refused"),
    ("not json\n", "line 1: not JSON"),
])
def test_a_bad_pattern_line_is_named(text, words):
    with pytest.raises(ExtractError) as err:
        parse_categories(text, "crim.jsonl", spacy.blank("en").vocab, ["convicted", "charged"])
    assert f"crim.jsonl, {words}" in str(err.value)
