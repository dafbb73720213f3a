"""Quantity frames over the parse: the patterns load, bad lines are named, frames read sentences we wrote."""

from __future__ import annotations

import pytest

from _extract_helpers import number, records
from enforcement_tracker.errors import ExtractError
from enforcement_tracker.extract.frames import find_frames, parse_frames
from enforcement_tracker.extract.nlp import load_nlp
from enforcement_tracker.settings import ExtractSettings


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(ExtractSettings().model)


def _frame(nlp, text: str, word: str):
    doc = nlp(text)
    return find_frames(doc).get(text.index(word))


def test_the_noun_a_number_counts(nlp):
    assert _frame(nlp, "The hotline fielded 340 calls about arrests.", "340").counted == "calls"


def test_an_arrest_verb_governs_its_object(nlp):
    frame = _frame(nlp, "Officers arrested 45 Venezuelans on Monday.", "45")
    assert frame.governed and frame.counted == "venezuelans"


def test_parts_of_a_group(nlp):
    assert _frame(nlp, "Nine of those arrested were fugitives.", "Nine").part_of == "those"
    assert _frame(nlp, "Officers arrested 28 people, including four with convictions.", "four").included


@pytest.mark.parametrize("text,words", [
    ('{"label": "COUNTS", "pattern": []}\n', "list of nodes"),
    ('{"label": "NOPE", "pattern": [{"RIGHT_ID": "number", "RIGHT_ATTRS": {}}]}\n', "unknown frame label"),
    ('\n{"label": "COUNTS", "pattern": [{"RIGHT_ID": "number", "RIGHT_ATTRS": {"LOWER": {"IN": "@nothing"}}}]}\n',
     "lexicon 'nothing'"),
    ('{"label": "COUNTS", "pattern": [{"RIGHT_ID": "number", "RIGHT_ATTRS": {"DEP": "nummod", "LIKE_NUM": true}}, '
     '{"LEFT_ID": "x", "REL_OP": ">", "RIGHT_ID": "y", "RIGHT_ATTRS": {}}]}\n', "refused"),
    # find_frames skips a text without a number, so a frame must be anchored on one
    ('{"label": "COUNTS", "pattern": [{"RIGHT_ID": "number", "RIGHT_ATTRS": {"DEP": "nummod"}}]}\n', "LIKE_NUM true"),
])
def test_a_bad_pattern_line_is_named(nlp, text, words):
    with pytest.raises(ExtractError) as err:
        parse_frames(text, "frames.jsonl", nlp.vocab)
    line = 2 if text.startswith("\n") else 1
    assert f"frames.jsonl, line {line}" in str(err.value) and words in str(err.value)


@pytest.mark.parametrize("body,expected", [
    ("Agents arrested 12 on Monday near the border.", [12]),
    ("Deputies and federal agents together arrested roughly 60 workers at the plant.", [60]),
    ("Agents detained some 300 workers at the plant on Tuesday.", [300]),
    ("Volunteers logged 75 reports of arrests near schools.", []),
])
def test_frames_decide_counts(body, expected):
    assert [number(r["count"]) for r in records(body, kind="arrest_count")] == expected
