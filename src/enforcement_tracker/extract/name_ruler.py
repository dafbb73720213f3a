"""Known names (agencies from the agency list, places from the gazetteer) marked as entities by
their text, in front of the statistical NER.

spaCy's EntityRuler does the same with a PhraseMatcher, but it tokenizes each of its phrases
when they are added: 4,600 phrases made a new word entry for 5,400 words no report may ever use,
a third of a second of every start, before any document could be read. This component keeps
the phrases as strings, indexed by their first word, and looks them up where a token begins.
A match is what the PhraseMatcher on ORTH finds: the phrase's exact text, from the start of a
token to the end of one. Overlaps are settled as the EntityRuler settles them (longer first,
then earlier), and a found name overwrites an entity already set there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.attrs import IDX, LENGTH, ORTH
from spacy.tokens import Doc, Span

# A phrase's first word as an index key: its leading letters and digits ("St" of "St. Paul",
# "U" of "U.S. Marshals"), or its first character when it begins with neither.
_HEAD = re.compile(r"[^\W_]+|\S")


def _head(text: str) -> str:
    if text.isalnum():
        return text
    found = _HEAD.match(text)
    return found.group() if found else ""


class NameRuler:
    """A pipeline component: phrases ({"label", "pattern"} with a string pattern) become entities."""

    def __init__(self, patterns: Iterable[dict]) -> None:
        self._by_head: dict[str, list[tuple[str, str]]] = {}
        seen: set[str] = set()
        for entry in patterns:
            phrase, label = entry["pattern"], entry["label"]
            if not isinstance(phrase, str) or not phrase.strip():
                raise ValueError(f"a name ruler phrase must be a non-empty string, not {phrase!r}")
            if phrase in seen:  # the first label given for a phrase is its label
                continue
            seen.add(phrase)
            self._by_head.setdefault(_head(phrase), []).append((phrase, label))

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._by_head.values())

    def matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(label, start, end) of every phrase found, longest first, then earliest."""
        if not len(doc):
            return []
        text, strings = doc.text, doc.vocab.strings
        # One array for the tokens' words and offsets: a Token object per word costs more than the lookup.
        columns = doc.to_array([ORTH, IDX, LENGTH]).tolist()
        token_after = {idx + length: i + 1 for i, (_, idx, length) in enumerate(columns)}
        found = set()
        for i, (orth, idx, _) in enumerate(columns):
            entries = self._by_head.get(_head(strings[orth]))
            if not entries:
                continue
            for phrase, label in entries:
                end = token_after.get(idx + len(phrase))
                if end is not None and text.startswith(phrase, idx):
                    found.add((label, i, end))
        return sorted(found, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def __call__(self, doc: Doc) -> Doc:
        entities = list(doc.ents)
        new: list[Span] = []
        taken: set[int] = set()
        for label, start, end in self.matches(doc):
            # the EntityRuler's test: a match whose first and last tokens are free is kept
            if start in taken or end - 1 in taken:
                continue
            new.append(Span(doc, start, end, label=label))
            entities = [e for e in entities if not (e.start < end and e.end > start)]
            taken.update(range(start, end))
        if new:
            doc.ents = entities + new
        return doc
