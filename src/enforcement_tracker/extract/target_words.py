"""The words right after a number that make it a target: "a 3,000-per-day quota", "the 3,000
goal", "3,000 daily arrests" (the last two only with a goal or a rate elsewhere in the sentence).

spaCy Matcher patterns over tokens, kept as data in `patterns/target_words.jsonl` (a label each:
"target" makes one alone, "rate" needs the sentence to speak of a goal or an order, "word" needs
it to state a rate). A pattern counts only where it starts at the first token after the number.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.matcher import Matcher

from enforcement_tracker.extract.patterns_file import blank_tokenizer, labelled_matcher

PATTERNS_FILE = "patterns/target_words.jsonl"
LABELS = ("target", "rate", "word")


def parse_target_words(text: str, source: str, vocab) -> Matcher:
    """A Matcher from JSONL target-word patterns, or an ExtractError naming the bad line."""
    return labelled_matcher(text, source, vocab, LABELS)


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    text = resources.files("enforcement_tracker.extract").joinpath(PATTERNS_FILE).read_text("utf-8")
    return parse_target_words(text, f"enforcement_tracker/extract/{PATTERNS_FILE}", blank_tokenizer().vocab)


@lru_cache(maxsize=1024)
def _starts(text: str) -> tuple[tuple[int, ...], dict[int, frozenset[str]]]:
    """The character offset of every token, and the labels of the patterns starting at each."""
    doc = blank_tokenizer()(text)
    found: dict[int, set[str]] = {}
    for match_id, start, _ in _matcher()(doc):
        found.setdefault(doc[start].idx, set()).add(doc.vocab.strings[match_id])
    offsets = tuple(t.idx for t in doc if not t.is_space)
    return offsets, {at: frozenset(labels) for at, labels in found.items()}


def after_number(text: str, end: int) -> frozenset[str]:
    """Labels of the patterns that start at the first token at or after `end` (a number's end,
    relative to `text`): the words that follow the number."""
    offsets, found = _starts(text)
    first = next((at for at in offsets if at >= end), None)
    return found.get(first, frozenset()) if first is not None else frozenset()
