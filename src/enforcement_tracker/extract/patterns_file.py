"""Reading the pattern files of extract/patterns/: JSON Lines, one entry a line, each checked.

One reader for every JSONL file the rules load (lexicons, quantity frames, criminality categories,
anaphora, rates, target words), so a bad line is always named the same way: the file and the
line number; one builder of the labelled Matchers among them; and PhrasePatterns, a labelled
Matcher read over a phrase's tokens (no parse), for the files that need no more.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

from enforcement_tracker.errors import ExtractError


def entries(text: str, source: str, *, shape: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, entry) for every non-blank line of a JSONL text, `where` naming file and line.

    A line that is not a JSON object raises an ExtractError that says what a line should hold
    (`shape`, e.g. '{"lexicon": NAME, "words": [...]}')."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}, line {number}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ExtractError(f"not JSON ({exc.msg})", source=where, hint=f"write one object a line: {shape}") from exc
        if not isinstance(entry, dict):
            raise ExtractError("not a JSON object", source=where, hint=f"write one object a line: {shape}")
        yield where, entry


@lru_cache(maxsize=1)
def blank_tokenizer():
    """spaCy's English tokenizer alone, for patterns read over a phrase rather than the parse."""
    import spacy

    return spacy.blank("en").tokenizer


def labelled_matcher(text: str, source: str, vocab, labels, *, what: str = "label", hint: str | None = None):
    """A spaCy Matcher from JSONL lines `{"label": ..., "pattern": [...]}`, each label one of
    `labels`; a bad line is an ExtractError naming the file and line."""
    from spacy.matcher import Matcher

    matcher = Matcher(vocab, validate=True)
    for where, entry in entries(text, source, shape=f'{{"label": {what.upper()}, "pattern": [...]}}'):
        label = entry.get("label")
        if label not in labels:
            raise ExtractError(f"unknown {what} {label!r}", source=where, hint=hint or f"use one of {', '.join(labels)}")
        pattern = entry.get("pattern")
        if not isinstance(pattern, list) or not pattern:
            raise ExtractError("a pattern is a non-empty list of token specs", source=where,
                               hint="see spaCy's Matcher pattern format")
        try:
            matcher.add(label, [pattern])
        except (ValueError, KeyError, TypeError) as exc:
            raise ExtractError(f"spaCy refused the pattern ({str(exc).splitlines()[0][:200]})", source=where,
                               hint="see spaCy's Matcher pattern format") from exc
    return matcher


class PhrasePatterns:
    """The labelled Matcher of one JSONL file of extract/patterns/, over a text's tokens alone."""

    def __init__(self, filename: str, labels: tuple[str, ...]) -> None:
        self.filename, self.labels = filename, labels
        self._matcher = None
        self._cache: dict[str, tuple[tuple[int, ...], list[tuple[str, int, tuple[str, ...]]]]] = {}

    def parse(self, text: str, source: str, vocab):
        """A Matcher from the file's text, or an ExtractError naming the bad line."""
        return labelled_matcher(text, source, vocab, self.labels)

    def _matches(self, text: str) -> tuple[tuple[int, ...], list[tuple[str, int, tuple[str, ...]]]]:
        """The character offset of every word, and (label, start character, lowercase words) of each match."""
        found = self._cache.get(text)
        if found is None:
            if self._matcher is None:
                source = resources.files("enforcement_tracker.extract").joinpath(self.filename).read_text("utf-8")
                self._matcher = self.parse(source, f"enforcement_tracker/extract/{self.filename}", blank_tokenizer().vocab)
            doc = blank_tokenizer()(text)
            matches = [(doc.vocab.strings[m], doc[a].idx, tuple(t.lower_ for t in doc[a:b]))
                       for m, a, b in self._matcher(doc)]
            found = (tuple(t.idx for t in doc if not t.is_space), matches)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[text] = found
        return found

    def labels_in(self, text: str) -> frozenset[str]:
        """The labels of every pattern found anywhere in the text."""
        return frozenset(label for label, _, _ in self._matches(text)[1])

    def after(self, text: str, end: int) -> list[tuple[str, tuple[str, ...]]]:
        """(label, words) of the patterns that start at the first word at or after `end`, an
        offset into text (a number's end: the words that follow the number)."""
        offsets, matches = self._matches(text)
        first = next((at for at in offsets if at >= end), None)
        return [(label, words) for label, at, words in matches if at == first]
