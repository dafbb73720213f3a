"""Criminality categories: which group of people a clause says the arrested were.

The phrases are spaCy Matcher patterns over tokens, kept as data in
`patterns/criminality.jsonl` (one pattern a line, its category as the label); the order in which
categories win a tie, the categories that win wherever they stand, and the words that deny a
conviction or a charge are in `patterns/criminality.json`. Both are checked when they load.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.matcher import Matcher

from enforcement_tracker.errors import ExtractError
from enforcement_tracker.extract.patterns_file import blank_tokenizer, labelled_matcher

PATTERNS_FILE = "patterns/criminality.jsonl"
SETTINGS_FILE = "patterns/criminality.json"


def _read(name: str) -> str:
    return resources.files("enforcement_tracker.extract").joinpath(name).read_text("utf-8")


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    data = json.loads(_read(SETTINGS_FILE))
    for key in ("order", "priority", "negation_words", "negation_fillers"):
        if not isinstance(data.get(key), list):
            raise ExtractError(f"{key!r} must be a list", source=f"enforcement_tracker/extract/{SETTINGS_FILE}",
                               hint="see the _comment at the top of the file")
    return data


def parse_categories(text: str, source: str, vocab, order: list[str]) -> Matcher:
    """A Matcher from JSONL category patterns, or an ExtractError naming the bad line."""
    return labelled_matcher(text, source, vocab, order, what="category",
                            hint=f"use one of {', '.join(order)} (the order in {SETTINGS_FILE})")


@lru_cache(maxsize=1)
def _tokenizer_and_matcher():
    # The phrase patterns' tokenizer: spaCy's English rules without the model, built once for all
    # pattern files (each spacy.blank costs a tenth of a second of special cases).
    tokenizer = blank_tokenizer()
    matcher = parse_categories(_read(PATTERNS_FILE), f"enforcement_tracker/extract/{PATTERNS_FILE}",
                               tokenizer.vocab, settings()["order"])
    return tokenizer, matcher


def _denied(doc, start: int) -> bool:
    """'charged but not convicted', 'had never been convicted': a negation word just before."""
    words, fillers = set(settings()["negation_words"]), set(settings()["negation_fillers"])
    i = start - 1
    skipped = 0
    while i >= 0 and skipped <= 2:
        word = doc[i].lower_
        if word in words:
            return True
        if word not in fillers:
            return False
        skipped += 1
        i -= 1
    return False


@lru_cache(maxsize=8192)
def category_matches(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start character, rank, category) of the first phrase of each category in text, earliest first."""
    tokenizer, matcher = _tokenizer_and_matcher()
    doc = tokenizer(text)
    order = settings()["order"]
    first: dict[str, int] = {}
    for match_id, start, _end in matcher(doc):
        name = doc.vocab.strings[match_id]
        if name in ("convicted", "charged") and _denied(doc, start):
            continue
        char = doc[start].idx
        if name not in first or char < first[name]:
            first[name] = char
    return tuple(sorted((char, order.index(name), name) for name, char in first.items()))
