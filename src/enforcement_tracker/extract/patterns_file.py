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


class _Labels(tuple):
    """The labels a file may use: each family, "family:name" and "family:name:unless"."""

    def __contains__(self, label: object) -> bool:
        parts = str(label).split(":")
        return parts[0] in tuple(self) and len(parts) <= 3 and (len(parts) < 3 or parts[2] == "unless") and \
            all(parts[1:])


class PhrasePatterns:
    """The labelled Matcher of one JSONL file of extract/patterns/, over a text's tokens alone.

    A label is a family ("before", "target"), or "family:name" for a pattern with exceptions:
    a "family:name:unless" pattern found at the same place cancels it, as a negative lookahead
    would ('45 arrests', but not '45 arrests in the past year').
    """

    def __init__(self, filename: str, labels: tuple[str, ...]) -> None:
        self.filename, self.labels = filename, _Labels(labels)
        self._matcher = None
        self._cache: dict[str, tuple] = {}

    def parse(self, text: str, source: str, vocab):
        """A Matcher from the file's text, or an ExtractError naming the bad line."""
        return labelled_matcher(text, source, vocab, self.labels,
                                hint=f"use one of {', '.join(self.labels)} (or 'FAMILY:name', 'FAMILY:name:unless')")

    def _matches(self, text: str) -> tuple:
        """Start and end characters of every word, and (label, start, end, lowercase words) of each match."""
        found = self._cache.get(text)
        if found is None:
            if self._matcher is None:
                source = resources.files("enforcement_tracker.extract").joinpath(self.filename).read_text("utf-8")
                self._matcher = self.parse(source, f"enforcement_tracker/extract/{self.filename}", blank_tokenizer().vocab)
            doc = blank_tokenizer()(text)
            matches = [(doc.vocab.strings[m], doc[a].idx, doc[b - 1].idx + len(doc[b - 1]),
                        tuple(t.lower_ for t in doc[a:b])) for m, a, b in self._matcher(doc)]
            words = [t for t in doc if not t.is_space]
            found = (tuple(t.idx for t in words), tuple(t.idx + len(t) for t in words), matches)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[text] = found
        return found

    @staticmethod
    def _resolved(found: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, tuple[str, ...]]]:
        cancelled = {label.rsplit(":", 1)[0] for label, _ in found if label.endswith(":unless")}
        return [(label.split(":")[0], words) for label, words in found
                if not label.endswith(":unless") and label not in cancelled]

    def labels_in(self, text: str) -> frozenset[str]:
        """The families of every pattern found anywhere in the text."""
        return frozenset(label.split(":")[0] for label, _, _, _ in self._matches(text)[2] if not label.endswith(":unless"))

    def after(self, text: str, end: int) -> list[tuple[str, tuple[str, ...]]]:
        """(family, words) of the patterns that start at the first word at or after `end`, an
        offset into text (a number's end: the words that follow the number)."""
        starts, _, matches = self._matches(text)
        first = next((at for at in starts if at >= end), None)
        return self._resolved([(label, words) for label, at, _, words in matches if at == first])

    def before(self, text: str, start: int) -> frozenset[str]:
        """Families of the patterns that end at the last word before `start` (the words that lead
        up to a number starting there)."""
        _, ends, matches = self._matches(text)
        last = next((at for at in reversed(ends) if at <= start), None)
        return frozenset(label for label, _ in self._resolved([(label, words) for label, _, end, words in matches
                                                               if end == last]))
