"""Every phrase-pattern file of extract/patterns/ loads, and a bad line in one is named by file and line."""

from __future__ import annotations

import pytest

from enforcement_tracker.errors import ExtractError
from enforcement_tracker.extract import arrest_words, cadence_words, count_words, operation_words, rates, target_words
from enforcement_tracker.extract.patterns_file import blank_tokenizer

FILES = [arrest_words, cadence_words, count_words, operation_words, rates, target_words]


@pytest.mark.parametrize("module", FILES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_the_shipped_file_loads_and_every_label_is_known(module):
    patterns = module.PATTERNS
    family = next(iter(patterns.labels))
    matcher, reach = patterns._family(family)
    assert matcher is not None and reach >= 1


@pytest.mark.parametrize("module", FILES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@pytest.mark.parametrize("line,words", [
    ('{"label": "nowhere", "pattern": [{"LOWER": "x"}]}', "nowhere"),
    ('{"label": "@FAMILY:name:except", "pattern": [{"LOWER": "x"}]}', ":name:except"),
    ('{"label": "@FAMILY", "pattern": [{"LOWER": {"IN": "arrested"}}]}', "refused"),
    ('{"label": "@FAMILY", "pattern": [{"LOWER": {"IN": ["@no_such_lexicon"]}}]}', "no_such_lexicon"),
    ('{"label": "@FAMILY", "pattern": []}', "non-empty"),
    ('not json', "not JSON"),
])
def test_a_bad_line_is_named(module, line, words):
    family = next(iter(module.PATTERNS.labels))
    text = ('{"label": "@FAMILY", "pattern": [{"LOWER": "x"}]}\n' + line + "\n").replace("@FAMILY", family)
    with pytest.raises(ExtractError) as err:
        module.PATTERNS.parse(text, "some.jsonl", blank_tokenizer().vocab)
    assert "some.jsonl, line 2" in str(err.value) and words in str(err.value)
