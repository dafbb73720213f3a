"""Record ids: the same claim in the same document keeps its id, whichever extractor read it.

An id is made from what a newer extractor cannot read differently: the document (its text's
hash), the claim's kind, the sentence of the stored text the claim starts in, and what tells two
claims of that kind in one sentence apart (its kind's discriminator: a count's number, a
criminality's category, an operation's places by name). Not from the extractor's output bytes:
a clause where there was a sentence, a place resolved to other coordinates, a date read another
way, another qualifier, more sources or a new extractor version all leave the id as it was, so
reviews, links and release change logs follow the claim into a fresh ledger.

The sentences are cut by one fixed rule over the text (`sentence_starts`), not by the parser,
whose sentences change with the model: it is part of every id, so it never changes either. It
cuts at a line break, and at '.', '!' or '?' (and closing quotes) before a capital letter or
an opening quote, except after an abbreviation ("U.S.", "Colo.", "Sen."); it leaves some
sentences joined, which costs nothing but a discriminator's work.

Two records of one kind whose sentence and discriminator agree (a list: "arrests in Ogden (12),
Provo (12)") are told apart by their places' names, and those still alike ("1,200 on Sunday and
1,200 on Monday") by their order in the text: the first keeps the id, the next add their place
in that order.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from typing import TYPE_CHECKING, Iterable

from enforcement_tracker.kinds.base import place_name_discriminator

if TYPE_CHECKING:
    from enforcement_tracker.models import Record

# A sentence ends at . ! or ? (then any closing quotes or brackets), white space, and a capital,
# a digit or an opening quote; not when the word before the stop is an abbreviation.
_STOP = re.compile(r"(?P<word>[\w.’'-]*)[.!?][\"'”’)\]]*\s+(?=[A-Z0-9\"“‘'(])")
_ABBREVIATION = re.compile(r"^(?:[A-Za-z]|[A-Z][a-z]{0,4}|(?:[A-Za-z]\.)+[A-Za-z])$")


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of the text starts, by the fixed rule above (first: 0)."""
    starts = [0]
    for m in re.finditer(r"\n\s*", text):
        starts.append(m.end())
    for m in _STOP.finditer(text):
        if not _ABBREVIATION.match(m.group("word")):
            starts.append(m.end())
    return sorted(set(s for s in starts if s < len(text)))


def sentence_of(starts: list[int], position: int) -> int:
    """The start of the sentence holding the character at `position`."""
    return starts[max(0, bisect.bisect_right(starts, position) - 1)]


def _key(record: "Record", anchor: int) -> str:
    """What an id is made from, before any telling apart of records alike."""
    from enforcement_tracker.models import discriminator

    return f"{record.document_id}|{record.kind}|{anchor}|{discriminator(record)}"


def _hashed(key: str) -> str:
    return "rec_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def assign_ids(records: Iterable["Record"], text: str | None) -> None:
    """Give each record of one document its id (in place). Without the document's `text` (a
    record built by hand), a record's own span start stands for its sentence."""
    records = list(records)
    if not records:
        return
    starts = sentence_starts(text) if text else None
    groups: dict[str, list["Record"]] = {}
    for rec in records:
        at = _first_letter(text, rec.span) if text else rec.span[0]
        groups.setdefault(_key(rec, sentence_of(starts, at) if starts else at), []).append(rec)
    for key, same in groups.items():
        if len(same) == 1:
            same[0].id = _hashed(key)
            continue
        # Alike in number, kind and sentence: a list of places ("Ogden (12), Provo (12)") is told
        # apart by the places' names; what is still alike, by order in the text.
        by_places: dict[str, list["Record"]] = {}
        for rec in same:
            by_places.setdefault(f"{key}|{place_name_discriminator(rec.fields)}", []).append(rec)
        for sub, alike in by_places.items():
            alike.sort(key=lambda r: (r.span[0], r.span[1], _tie(r)))
            for n, rec in enumerate(alike):
                rec.id = _hashed(sub if n == 0 else f"{sub}#{n}")


def _first_letter(text: str, span: tuple[int, int]) -> int:
    """A span's first character that is not white space or punctuation: a span that starts a
    character early or late (a quote mark, a space) still starts in the same sentence."""
    start, end = span[0], min(span[1], len(text))
    while start < end - 1 and not text[start].isalnum():
        start += 1
    return start


def _tie(record: "Record") -> str:
    """Orders two records of one sentence and discriminator that start and end alike."""
    import json

    return json.dumps(record.fields, sort_keys=True, ensure_ascii=False, default=str)
