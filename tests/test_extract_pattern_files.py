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


def test_extraction_reads_phrases_with_the_models_own_tokenizer():
    # A fresh process, as `etrack extract` is: the model loads first, and the phrase patterns then
    # cut their phrases with its tokenizer rather than building a second English tokenizer.
    import subprocess
    import sys

    script = (
        "from enforcement_tracker.extract.nlp import load_nlp\n"
        "from enforcement_tracker.extract.patterns_file import blank_tokenizer\n"
        "from enforcement_tracker.settings import ExtractSettings\n"
        "nlp = load_nlp(ExtractSettings().model)\n"
        "print(blank_tokenizer() is nlp.tokenizer)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "True", done.stderr[-500:]


def test_the_models_tokenizer_cuts_phrases_as_a_blank_english_one():
    import spacy

    from enforcement_tracker.extract.nlp import load_nlp
    from enforcement_tracker.settings import ExtractSettings

    model, blank = load_nlp(ExtractSettings().model).tokenizer, spacy.blank("en").tokenizer
    for text in ["ICE's St. Louis office said 1,200 were arrested Jan. 5 -- about 45% of them re-arrests.",
                 "\u201cWe won't stop,\u201d Sen. Ada Voss (D-Ore.) said at 9 a.m. on U.S.-Mexico border policy."]:
        assert [t.text for t in model(text)] == [t.text for t in blank(text)]


@pytest.mark.parametrize("pattern,words", [
    ([{"LOWER": "called"}, {"LOWER": "off"}], {"called"}),
    ([{"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["year", "Years"]}}], {"-", "year", "years"}),
    ([{"LOWER": {"IN": ["arrested", "detained"], "NOT_IN": ["arrests"]}}], {"arrested", "detained"}),
    ([{"TEXT": {"REGEX": "^\\w+$"}}, {"LOWER": "arrests"}], None),  # any word may open it
    ([{"LOWER": "not", "OP": "!"}], None),
    ([{"LOWER": "the", "OP": "*"}], None),  # every token optional
    ([{"LIKE_NUM": True}], None),
])
def test_the_words_a_pattern_may_open_with(pattern, words):
    from enforcement_tracker.extract.phrase_patterns import opening_words

    assert opening_words(pattern) == (frozenset(words) if words is not None else None)


OUR_SENTENCES = [
    "Agents arrested 45 people in the operation, which was called off on Friday.",
    "The sweep, postponed indefinitely, would have targeted 3 cities a week.",
    "Officers detained another 12 men and 30 women, respectively, on Tuesday.",
    "A goal of 3,000 arrests a day was set; 1,200 arrests were made Sunday, 40% of them re-arrests.",
    "The 24-year-old was not part of an operation, a spokeswoman said.",
    "It began on March 3 and ran through the end of the month, with 150 of the 400 arrests in Ogden.",
    "Nobody was arrested.",
]


@pytest.mark.parametrize("module", FILES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_skipping_texts_without_an_opening_word_changes_no_answer(module, monkeypatch):
    import re

    patterns = module.PATTERNS
    families = tuple(sorted({label.split(":")[0] for label in patterns.labels}))

    def answers():
        out = []
        for text in OUR_SENTENCES:
            out.append(sorted(patterns._anywhere(text, families)))
            for n in re.finditer(r"\d[\d,]*", text):
                out.append((patterns.after(text, n.end(), families), sorted(patterns.before(text, n.start(), families))))
        return out

    gated = answers()
    patterns._seen.clear(), patterns._beside.clear()
    monkeypatch.setattr(type(patterns), "_may_match", lambda self, families, side, words: True)
    assert answers() == gated
    patterns._seen.clear(), patterns._beside.clear()


@pytest.mark.parametrize("text", [
    "Officers arrested 45 people  in Greeley on Monday, the agency said.",
    "Of those,\n  12 had\tpending charges; 3 more were\nreleased.",
    "  A goal of 75 arrests per day  ",
])
def test_the_words_beside_an_offset_are_found_as_a_walk_over_the_tokens_finds_them(text):
    from enforcement_tracker.extract import phrase_patterns

    doc = phrase_patterns._tokens(text)
    for offset in range(len(text) + 1):
        walked_after = next((t.i for t in doc if t.idx >= offset and not t.is_space), None)
        walked_before = next((t.i for t in reversed(doc) if t.idx + len(t) <= offset and not t.is_space), None)
        assert phrase_patterns._first_word_from(text, offset) == walked_after, offset
        assert phrase_patterns._last_word_before(text, offset) == walked_before, offset
