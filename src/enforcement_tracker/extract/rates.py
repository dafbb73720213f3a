"""Rate words: the unit a figure is stated per ("a day", "weekly", "every month") and phrases of
an average rate ("on a typical day", "averaged 1,900 a day").

The patterns are spaCy Matcher patterns over tokens, kept as data in `patterns/rates.jsonl`
(one a line, a label each: a unit, or "average"). A target's `per` and an average count's
missing period are read here.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.matcher import Matcher

from enforcement_tracker.extract.patterns_file import blank_tokenizer, labelled_matcher

PATTERNS_FILE = "patterns/rates.jsonl"
UNITS = ("day", "week", "month", "year")   # in the order a sentence naming two is read
LABELS = (*UNITS, "average")


def parse_rates(text: str, source: str, vocab) -> Matcher:
    """A Matcher from JSONL rate patterns, or an ExtractError naming the bad line."""
    return labelled_matcher(text, source, vocab, LABELS)


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    text = resources.files("enforcement_tracker.extract").joinpath(PATTERNS_FILE).read_text("utf-8")
    return parse_rates(text, f"enforcement_tracker/extract/{PATTERNS_FILE}", blank_tokenizer().vocab)


@lru_cache(maxsize=4096)
def _labels(text: str) -> frozenset[str]:
    doc = blank_tokenizer()(text)
    return frozenset(doc.vocab.strings[match_id] for match_id, _, _ in _matcher()(doc))


def rate_unit(text: str) -> str | None:
    """The unit a rate in the text is stated per ("day" for "1,200 arrests a day"), or None."""
    found = _labels(text)
    return next((unit for unit in UNITS if unit in found), None)


def states_average(text: str) -> bool:
    """Whether the text states an average rate ("averaged 1,900 a day"), which has no one period."""
    return "average" in _labels(text)
