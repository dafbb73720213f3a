"""Places finer than a town, live locations and vehicles, read from the words of a record's span
and from where its places are named in the document."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from enforcement_tracker.guard.words import words

# The coarsest a record's place may be is a town; these are the kinds at or above it.
PLACE_KINDS = frozenset({"city", "town", "village", "borough", "county", "state", "country", "region",
                         "territory", "nation"})
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)")
_SENTENCE_END = re.compile(r"[.!?][”\"’)]?\s+(?=[“\"A-Z])|\n\s*\n")
_BEFORE_STREET = re.compile(r"(?:\b(?:corner|intersection|block)\s+of|"
                            r"\b(?:St\.|Street|Ave\.|Avenue|Blvd\.?|Boulevard|Road|Rd\.)\s+(?:and|&))"
                            r"\s+(?:(?:[NSEW]\.?|North|South|East|West)\s+)?$")


@lru_cache(maxsize=4096)
def _lower_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", text.lower()))


def _worth_looking(text: str, keys: frozenset[str]) -> bool:
    """A cheap word test before a long pattern: most record quotes hold none of its words."""
    found = _lower_words(text)
    return not found.isdisjoint(keys) or any(w[-2:] in ("st", "nd", "rd", "th") and w[:-2].isdigit() for w in found)


def street_in(text: str) -> str | None:
    """The first street, intersection, block or address words in the text, if any."""
    w = words()
    if not _worth_looking(text, w.street_keys) and "I-" not in text:
        return None
    # "The Wall Street Journal reported": a street that stands for something else is no place.
    text = w.street_exceptions.sub(lambda m: " " * len(m.group(0)), text)
    m = w.street.search(text)
    return m.group(0) if m else None


_CLAUSE_SUBJECT = re.compile(r",?\s+(?:they|we|i|it|he|she|you|people|nobody|no\s+one|there\s+(?:is|are))\b", re.I)


_LOCATIVE = re.compile(r"\b(?:at|in|on|near|outside|inside|around|behind|across|along|by|toward|towards)\b", re.I)


def live_in(text: str) -> str | None:
    """Words that tell where agents or their vehicles are at this moment."""
    if not _lower_words(text) & words().live_keys:
        return None
    for m in words().live.finditer(text):
        # "and right now they don't": a cue that opens a clause of its own ("now" before its subject)
        # dates what that clause says, and places nobody
        subject = _CLAUSE_SUBJECT.match(text, m.end()) if m.group(0).lower().endswith("now") else None
        if subject and not _LOCATIVE.search(re.split(r"[.,;!?”\"]", text[subject.end():], maxsplit=1)[0]):
            continue  # but "right now they are at the plant" places them
        return m.group(0)
    return None


def vehicle_in(text: str) -> str | None:
    """A plate, or a vehicle described so that it could be picked out ("a white Ford van")."""
    if not _lower_words(text) & words().vehicle_keys:
        return None
    m = words().vehicle.search(text)
    return m.group(0) if m else None


def is_street_mention(text: str, start: int, end: int, *, sites: bool = False) -> bool:
    """Is the name at text[start:end] part of a street ("Peoria Street", "corner of Peoria")?
    With `sites`, also when it only qualifies a site within a town ("Garland apartments")."""
    w = words()
    if w.street_after.match(text, end):
        return True
    site = _NEXT_WORD.match(text, end) if sites else None
    if site and site.group(1) in w.site_nouns:
        return True
    return bool(_BEFORE_STREET.search(text[max(0, start - 48):start]))


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    a = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        a = m.end()
    m = _SENTENCE_END.search(text, end)
    return a, (m.start() + 1 if m else len(text))


def place_refusal(text: str, span: tuple[int, int], place: dict[str, Any]) -> str | None:
    """Why a record's place is not evidenced as a place, or None when it is.

    The place must be named somewhere as a place: not only inside a street name
    ("sub_city_place") and not only in a sentence that tells where agents are right now
    ("live_location"). The record's own span is asked first; a name the text never spells
    (an alias) is taken as the extractor found it."""
    name = (place.get("name") or "").strip()
    if not name:
        return "sub_city_place"
    found = [(m.start(), m.end()) for m in re.finditer(r"(?<![\w])" + re.escape(name) + r"(?![\w])", text)]
    if not found:
        return None
    inside = [(a, b) for a, b in found if span[0] <= a and b <= span[1]]
    if inside:
        return None if any(not is_street_mention(text, a, b) for a, b in inside) else "sub_city_place"
    # Named elsewhere than in the record's own words: a mention that only places a site
    # ("arrests at Garland apartments") lends the town to no record either.
    reason = "sub_city_place"
    for a, b in found:
        if is_street_mention(text, a, b, sites=True):
            continue
        s, e = sentence_around(text, a, b)
        if not live_in(text[s:e]):
            return None
        reason = "live_location"
    return reason


def place_is_coarse(place: dict[str, Any]) -> bool:
    kind = place.get("kind")
    name = place.get("name") or ""
    return (kind is None or kind in PLACE_KINDS) and not street_in(name)
