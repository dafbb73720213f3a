"""The lexicons every rule reads, and the check that names a bad line."""

from __future__ import annotations

import pytest

from _extract_helpers import records
from enforcement_tracker.errors import ExtractError
from enforcement_tracker.extract.lexicon import lexicons, parse_lexicons


def test_every_shipped_lexicon_loads_and_is_not_empty():
    found = lexicons()
    for name in ("speech_verb", "quote_verb", "statement_verb", "title_word", "role_noun", "arrest_verb",
                 "people_noun", "target_word"):
        assert found[name], name


@pytest.mark.parametrize("text,line,words", [
    ('{"lexicon": "a", "words": ["x"]}\nnot json\n', 2, "not JSON"),
    ('{"lexicon": "a", "words": []}\n', 1, "non-empty list"),
    ('{"words": ["x"]}\n', 1, "names no lexicon"),
    ('{"lexicon": "a", "words": ["x"]}\n\n{"lexicon": "a", "words": ["y"]}\n', 3, "defined twice"),
])
def test_a_bad_line_is_named(text, line, words):
    with pytest.raises(ExtractError) as err:
        parse_lexicons(text, "lex.jsonl")
    assert f"lex.jsonl, line {line}" in str(err.value) and words in str(err.value)


def test_a_city_inside_a_title_is_part_of_the_title():
    body = ('ICE officers arrested 40 people in the region on Monday.\n\n'
            '"We focused on public safety," said ICE Omaha Field Office Director Lena Marsh.')
    [q] = records(body, kind="quote")
    assert q["speaker"] == {"name": "Lena Marsh", "title": "ICE Omaha Field Office Director"}
