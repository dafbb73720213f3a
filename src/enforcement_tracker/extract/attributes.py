"""The model's attribute ruler (POS, lemma and morphology exceptions after the parse), applied by lookup.

The English model sets coarse POS from its fine tags with about 180 Matcher rules, most of them
one token that must have a given tag, lowercase form or dependency. spaCy's Matcher tries every
rule at every token; on our corpus that cost as much as the parser. A rule over one token only
looks at the token's own (tag, lowercase form, dependency, is-space), so which rules hold, and
what they leave on the token, is the same for every token with the same four values: we work it
out once per such combination and reuse it. The few rules over two tokens, or with operators we
do not read here, still run in a Matcher of their own.

The result is the attribute ruler's own: rules apply in the order they were added, a later one
overriding an earlier, through spaCy's `set_token_attrs`, with the attributes the ruler
normalised. tests/test_nlp_attributes.py compares every token's POS, tag, lemma and morphology
with the ruler's over our texts.
"""

# No `from __future__ import annotations`: spaCy builds a check of a factory's arguments from its
# signature at run time, and a type named by a string ("Language") is one it cannot resolve.

import re
from typing import Any

import numpy

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

from enforcement_tracker.errors import ExtractError

NAME = "etrack_attributes"
# Token attributes a one-token rule may test for us to read it by lookup.
_READ = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
_KEY = [TAG, LOWER, DEP, IS_SPACE]
_OPERATORS = {"IN", "NOT_IN", "REGEX"}
# What the rules may set, in the columns handed to Doc.from_array.
_SET = [LEMMA, POS, TAG, DEP, MORPH]


def _holds(value: Any, want: Any) -> bool:
    """Whether a token's attribute value meets one Matcher condition (a value, IN, NOT_IN or REGEX)."""
    if not isinstance(want, dict):
        return value == want
    for op, arg in want.items():
        if op == "IN" and value not in arg:
            return False
        if op == "NOT_IN" and value in arg:
            return False
        if op == "REGEX" and not re.search(arg, value):
            return False
    return True


def _readable(rule: dict) -> bool:
    """Fixed-length patterns whose tokens test only the attributes we read, with operators we know."""
    for pattern in rule["patterns"]:
        for test in pattern:
            for key, want in test.items():
                if key not in _READ:
                    return False
                if isinstance(want, dict) and (not want or set(want) - _OPERATORS):
                    return False
    return set(rule["attrs"]) <= {"LEMMA", "POS", "TAG", "DEP", "MORPH"}


def can_replace(ruler: AttributeRuler) -> bool:
    """Whether every rule of this ruler is one the lookup reads (another model may have others)."""
    return all(_readable(rule) for rule in ruler.patterns)


class LookupAttributes:
    """Does what the given AttributeRuler does, reading its rules by lookup per kind of token."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        strings = self.vocab.strings
        rules = ruler.patterns
        if not can_replace(ruler):
            raise ExtractError("the model's attribute ruler has rules the lookup cannot read",
                               source=NAME, hint="keep the model's attribute_ruler (load_nlp does when this is so)")
        # Per rule, the columns of _SET it writes and their values (the ruler's normalised attrs).
        self.writes: list[dict[int, int]] = []
        for attrs in ruler.attrs:
            self.writes.append({_SET.index(k): v for k, v in attrs.items()})
        # Every (rule, pattern, position) a token may satisfy, with the test it must pass.
        self.tests = [(r, p, k, test) for r, rule in enumerate(rules)
                      for p, pattern in enumerate(rule["patterns"]) for k, test in enumerate(pattern)]
        self.shapes = [(r, p, len(pattern), rule["index"]) for r, rule in enumerate(rules)
                       for p, pattern in enumerate(rule["patterns"])]
        self._strings = strings
        # Tests indexed by the tag or lowercase form they require, so that a new kind of token is
        # checked against a few dozen tests, not all of them (every test is still checked in full).
        self._by_tag: dict[str, list] = {}
        self._by_lower: dict[str, list] = {}
        self._other: list = []
        for entry in self.tests:
            test = entry[3]
            if isinstance(test.get("TAG"), str):
                self._by_tag.setdefault(test["TAG"], []).append(entry)
            elif isinstance(test.get("LOWER"), str):
                self._by_lower.setdefault(test["LOWER"], []).append(entry)
            else:
                self._other.append(entry)
        # Per kind of token, (tag, lower, dep, is_space) ids: the one-token rules it satisfies (in
        # rule order), and the longer patterns whose first token it can be.
        self._kinds: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[tuple[int, int, int, int], ...],
                                                 frozenset[tuple[int, int, int]]]] = {}
        self._merged: dict[tuple[int, ...], dict[int, int]] = {}
        # Most words are named by no rule: such a word reads as the empty string does, so "the
        # kinds of token" are few (a tag, a dependency and the few words the rules name), not one
        # per word. The empty string must itself be named by no rule for this to hold.
        self._words, self._word_patterns = set(), []
        for _, _, _, test in self.tests:
            want = test.get("LOWER")
            if isinstance(want, str):
                self._words.add(want)
            elif isinstance(want, dict):
                self._words.update(want.get("IN", ()), want.get("NOT_IN", ()))
                if "REGEX" in want:
                    self._word_patterns.append(re.compile(want["REGEX"]))
        self._fold = not self._named("")
        self._word_ids: dict[int, int] = {}

    def _named(self, word: str) -> bool:
        return word in self._words or any(p.search(word) for p in self._word_patterns)

    def _word_id(self, lower: int) -> int:
        """The LOWER id a token's kind is keyed on: its own if a rule names the word, else 0 ("")."""
        found = self._word_ids.get(lower)
        if found is None:
            found = self._word_ids[lower] = lower if not self._fold or self._named(self._strings[lower]) else 0
        return found

    def _kind(self, key: tuple[int, ...]):
        found = self._kinds.get(key)
        if found is None:
            tag, lower, dep, is_space = key
            values = {"TAG": self._strings[tag], "LOWER": self._strings[lower], "DEP": self._strings[dep],
                      "IS_SPACE": bool(is_space)}
            candidates = (self._by_tag.get(values["TAG"], []) + self._by_lower.get(values["LOWER"], [])
                          + self._other)
            hits = frozenset((r, p, k) for r, p, k, test in candidates
                             if all(_holds(values[name], want) for name, want in test.items()))
            single = tuple(sorted({r for r, p, length, _ in self.shapes if length == 1 and (r, p, 0) in hits}))
            longer = tuple(shape for shape in self.shapes if shape[2] > 1 and (shape[0], shape[1], 0) in hits)
            found = self._kinds[key] = (single, longer, hits)
        return found

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        # Every match is found before any attribute is set, as the ruler does (a rule that changes
        # a tag must not change which later rules match).
        word_id = self._word_id
        kinds = [self._kind((tag, word_id(lower), dep, space)) for tag, lower, dep, space in doc.to_array(_KEY).tolist()]
        extra: dict[int, set[int]] = {}
        for start, (_, longer, _) in enumerate(kinds):
            for r, p, length, index in longer:
                if start + length <= n and all((r, p, k) in kinds[start + k][2] for k in range(1, length)):
                    extra.setdefault(start + (index if index >= 0 else length + index), set()).add(r)
        values = doc.to_array(_SET).tolist()
        for i, (single, _, _) in enumerate(kinds):
            rules = tuple(sorted({*single, *extra[i]})) if i in extra else single
            if not rules:
                continue
            merged = self._merged.get(rules)
            if merged is None:
                merged = {}
                for rule in rules:  # later rules override earlier ones, as in the ruler
                    merged.update(self.writes[rule])
                self._merged[rules] = merged
            row = values[i]
            for column, value in merged.items():
                row[column] = value
        doc.from_array(_SET, numpy.array(values, dtype=numpy.uint64))
        return doc


@Language.factory(NAME)
def make_lookup_attributes(nlp: Language, name: str, source: str = "attribute_ruler") -> LookupAttributes:
    """Built from the pipeline's attribute ruler, which the caller then removes."""
    return LookupAttributes(nlp.get_pipe(source))
