"""Phrase patterns: a labelled spaCy Matcher of one JSONL file of extract/patterns/, read over a
phrase's tokens alone (no parse), anywhere in a text or right beside a number.

The files that decide what a number is from the words around it (arrest, target, cadence, count,
rate and operation words) are read this way, each through a small module of its own.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc

from enforcement_tracker.extract.patterns_file import blank_tokenizer, expand_lexicons, labelled_matcher


class _Labels(tuple):
    """The labels a file may use: each family, "family:name" and "family:name:unless"."""

    def __contains__(self, label: object) -> bool:
        parts = str(label).split(":")
        return parts[0] in tuple(self) and len(parts) <= 3 and (len(parts) < 3 or parts[2] == "unless") and \
            all(parts[1:])


# How many words a quantifier without a bound ("*", "+") is taken to reach, for the window.
_UNBOUNDED_REACH = 8


def _reach(pattern: list[dict]) -> int:
    """The most tokens a Matcher pattern can span ('?' one, '{2,5}' five, '*' a few)."""
    total = 0
    for token in pattern:
        op = str(token.get("OP", "1"))
        if op in ("*", "+"):
            total += _UNBOUNDED_REACH
        elif op.startswith("{"):
            bound = op.strip("{}").split(",")[-1]
            total += int(bound) if bound else _UNBOUNDED_REACH
        else:
            total += 1
    return total


# A word no text holds: where a window of words around a number begins (or ends).
ANCHOR = "\ue000"

_WORD_KEYS = ("LOWER", "ORTH", "TEXT")


def _spec_words(spec: dict) -> frozenset[str] | None:
    """The lowercase words a token spec can match, or None when it is not bound to a list of words."""
    for key in _WORD_KEYS:
        value = spec.get(key)
        if isinstance(value, str):
            return frozenset({value.lower()})
        if isinstance(value, dict) and isinstance(value.get("IN"), list):  # NOT_IN beside it only narrows
            return frozenset(str(word).lower() for word in value["IN"])
    return None


def opening_words(pattern: list[dict]) -> frozenset[str] | None:
    """The lowercase words a match of a Matcher pattern can begin with, or None when any word can
    (a leading token not bound to words, or a negated one). Optional tokens ('?', '*', '{0,n}') add
    their words and the next token's: '-'? then 'year' begins with '-' or 'year'."""
    words: set[str] = set()
    for spec in pattern:
        op = str(spec.get("OP", "1"))
        found = _spec_words(spec)
        if found is None or op == "!":
            return None
        words |= found
        if not (op in ("?", "*") or (op.startswith("{") and op.strip("{}").split(",")[0] in ("", "0"))):
            return frozenset(words)
    return None  # every token optional: a match may begin anywhere


@lru_cache(maxsize=2048)
def _tokens(text: str):
    """A phrase's tokens, shared by every file's patterns that read the same sentence."""
    return blank_tokenizer()(text)


@lru_cache(maxsize=2048)
def _layout(text: str) -> tuple[list[int], list[int], list[bool], frozenset[str]]:
    """Of a phrase's tokens: where each starts and ends, which are spaces, and the lowercase words.
    The rules look beside a number many times in one sentence; a Token object made for every word
    each time cost more than the matching."""
    doc = _tokens(text)
    starts, ends, spaces, words = [], [], [], set()
    for token in doc:
        starts.append(token.idx)
        ends.append(token.idx + len(token))
        spaces.append(token.is_space)
        words.add(token.lower_)
    return starts, ends, spaces, frozenset(words)


def _first_word_from(text: str, offset: int) -> int | None:
    """The index of the first token that is no space at or after `offset`."""
    starts, _, spaces, _ = _layout(text)
    i = bisect_left(starts, offset)
    while i < len(starts) and spaces[i]:
        i += 1
    return i if i < len(starts) else None


def _last_word_before(text: str, offset: int) -> int | None:
    """The index of the last token that is no space and ends at or before `offset`."""
    _, ends, spaces, _ = _layout(text)
    i = bisect_right(ends, offset) - 1
    while i >= 0 and spaces[i]:
        i -= 1
    return i if i >= 0 else None


class PhrasePatterns:
    """The labelled Matchers of one JSONL file of extract/patterns/, over a text's tokens alone.

    A label is a family ("before", "target"), or "family:name" for a pattern with exceptions:
    a "family:name:unless" pattern found at the same place cancels it, as a negative lookahead
    would ('45 arrests', but not '45 arrests in the past year'). Each family has its own Matcher,
    and patterns read beside a number look only as far as that family's longest pattern reaches.
    """

    def __init__(self, filename: str, labels: tuple[str, ...], anywhere: tuple[str, ...] = ()) -> None:
        """`anywhere`: the families looked for anywhere in a text, found together in one pass."""
        self.filename, self.labels, self.anywhere = filename, _Labels(labels), anywhere
        self._families: dict[tuple[str, ...], tuple[Any, int]] | None = None
        self._source = ""
        self._seen: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}
        self._beside: dict[tuple, object] = {}  # what after() and before() found, by text, offset and families
        self._opening: dict[tuple, frozenset[str] | None] = {}  # the words a match may begin with, by families

    def parse(self, text: str, source: str, vocab):
        """A Matcher from the file's text, or an ExtractError naming the bad line."""
        return labelled_matcher(text, source, vocab, self.labels,
                                hint=f"use one of {', '.join(self.labels)} (or 'FAMILY:name', 'FAMILY:name:unless')")

    def _family(self, families: str | tuple[str, ...], side: str = "anywhere") -> tuple[Any, int]:
        """One Matcher of the patterns of these families, and the most tokens they reach. A side
        of "after" puts ANCHOR first in every pattern, so that a window of the words after a number,
        the anchor first, is matched only there, and the Matcher does not try each word; "before"
        does the same over the words before a number read backwards, each pattern turned round."""
        key = ((families,) if isinstance(families, str) else families, side)
        if self._families is None:
            source = resources.files("enforcement_tracker.extract").joinpath(self.filename).read_text("utf-8")
            self._source = source
            self.parse(source, f"enforcement_tracker/extract/{self.filename}", blank_tokenizer().vocab)  # all checked
            self._families = {}
        if key not in self._families:
            lines, reach = [], 0
            opening: set[str] | None = set()
            for line in self._source.splitlines():
                entry = json.loads(line) if line.strip() else None
                if entry is None or entry["label"].split(":")[0] not in key[0]:
                    continue
                own = entry["pattern"] if side != "before" else entry["pattern"][::-1]
                words = opening_words(expand_lexicons(own, self.filename))
                opening = None if opening is None or words is None else opening | words
                anchor = [{"ORTH": ANCHOR}]
                entry["pattern"] = anchor + own if side in ("after", "before") else own
                lines.append(json.dumps(entry))
                reach = max(reach, _reach(entry["pattern"]))
            matcher = self.parse("\n".join(lines), f"enforcement_tracker/extract/{self.filename}",
                                 blank_tokenizer().vocab) if lines else None
            self._families[key] = (matcher, reach)
            self._opening[key] = frozenset(opening) if opening is not None else None
        return self._families[key]

    def _may_match(self, families, side: str, words) -> bool:
        """Whether a match can begin among these lowercase words (the words a match may open with,
        known from the patterns): a text without any of them is not given to the Matcher at all."""
        self._family(families, side)
        opening = self._opening[((families,) if isinstance(families, str) else families, side)]
        return opening is None or not opening.isdisjoint(words)

    def _found(self, families, doc, side: str = "anywhere") -> list[tuple[str, int, int, tuple[str, ...]]]:
        """(label, start, end, lowercase words) of each match of the families in a doc (the anchor's no word)."""
        matcher, _ = self._family(families, side)
        if matcher is None:
            return []
        strings = doc.vocab.strings
        return [(strings[m], a, b, tuple(t.lower_ for t in doc[a:b] if t.text != ANCHOR)) for m, a, b in matcher(doc)]

    @staticmethod
    def _resolved(found: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, tuple[str, ...]]]:
        cancelled = {label.rsplit(":", 1)[0] for label, _ in found if label.endswith(":unless")}
        return [(label, words) for label, words in found if not label.endswith(":unless") and label not in cancelled]

    def found_in(self, text: str, family: str) -> bool:
        """Whether a pattern of the family is found anywhere in the text (and not cancelled where it stands)."""
        return family in self._anywhere(text, self.anywhere if family in self.anywhere else (family,))

    def _anywhere(self, text: str, families: tuple[str, ...]) -> frozenset[str]:
        """The families found anywhere in a text, in one pass (kept for the text)."""
        found = self._seen.get((text, families))
        if found is None:
            doc = _tokens(text)
            matches = [(label, a) for label, a, _, _ in self._found(families, doc)] \
                if self._may_match(families, "anywhere", _layout(text)[3]) else []
            cancelled = {(label.rsplit(":", 1)[0], a) for label, a in matches if label.endswith(":unless")}
            found = frozenset(label.split(":")[0] for label, a in matches
                              if not label.endswith(":unless") and (label, a) not in cancelled)
            if len(self._seen) > 2048:
                self._seen.clear()
            self._seen[(text, families)] = found
        return found

    def _kept(self, key: tuple, work):
        found = self._beside.get(key)
        if found is None:
            if len(self._beside) > 8192:
                self._beside.clear()
            found = self._beside[key] = work()
        return found

    def after(self, text: str, end: int, family: str | tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
        """(label, words) of the family's (or families') patterns that start at the first word at or after
        `end`, an offset into text (a number's end: the words that follow the number)."""
        return self._kept(("after", text, end, family), lambda: self._after(text, end, family))

    def before(self, text: str, start: int, family: str | tuple[str, ...]) -> frozenset[str]:
        """Families of the patterns of the family (or families) that end at the last word before
        `start` (the words that lead up to a number starting there)."""
        return self._kept(("before", text, start, family), lambda: self._before(text, start, family))

    def _after(self, text: str, end: int, family: str | tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
        doc = _tokens(text)
        first = _first_word_from(text, end)
        if first is None:
            return []
        if not self._may_match(family, "after", (doc[first].lower_,)):
            return []
        window = [ANCHOR] + [t.text for t in doc[first:first + self._family(family, "after")[1]]]
        probe = Doc(doc.vocab, words=window)
        return self._resolved([(label, words) for label, _, _, words in self._found(family, probe, "after")])

    def _before(self, text: str, start: int, family: str | tuple[str, ...]) -> frozenset[str]:
        doc = _tokens(text)
        last = _last_word_before(text, start)
        if last is None:
            return frozenset()
        if not self._may_match(family, "before", (doc[last].lower_,)):
            return frozenset()
        reach = self._family(family, "before")[1]
        probe = Doc(doc.vocab, words=[ANCHOR] + [t.text for t in doc[max(0, last + 2 - reach):last + 1]][::-1])
        return frozenset(label.split(":")[0] for label, _ in self._resolved(
            [(label, words) for label, _, _, words in self._found(family, probe, "before")]))
