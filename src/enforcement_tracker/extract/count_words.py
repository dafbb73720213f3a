"""The words around a number (or a date) that say what it is besides a count of arrests: an age
or a length of time ("a 24-year-old", "5-day"), the figure a count is held against ("up from
286", "6,160 a year earlier"), the rest or a part of a group ("the remaining 40", "including 12"),
the day that dates a statement rather than the arrests ("ICE said Friday"), and the start of a
period open at its end ("since Saturday").

spaCy Matcher patterns over tokens, kept as data in `patterns/count_words.jsonl`; a family's
name says on which side of the number its words stand ("age_after", "compared_before").
"""

from __future__ import annotations

from enforcement_tracker.extract.phrase_patterns import PhrasePatterns

AFTER = ("age_after", "year_earlier_after", "stated_after", "of_the_arrests_after", "respectively_after", "collateral")
BEFORE = ("age_before", "compared_before", "stated_before", "remaining_before", "including_before", "all_but_before",
          "all_of_before", "none_of_before", "share_base_before", "since_before")
PATTERNS = PhrasePatterns("patterns/count_words.jsonl", AFTER + BEFORE, anywhere=("collateral",))


def follows(text: str, end: int, family: str) -> bool:
    """Whether the words right after `end` (an offset into text) are of the family (one of AFTER)."""
    # every AFTER family is read in one pass, kept for the next family asked of the same place
    return any(label.split(":")[0] == family for label, _ in PATTERNS.after(text, end, AFTER))


def found_in(text: str, family: str) -> bool:
    """Whether words of the family stand anywhere in the text ("collateral arrests")."""
    return PATTERNS.found_in(text, family)


def precedes(text: str, start: int, family: str) -> bool:
    """Whether the words right before `start` (an offset into text) are of the family (one of BEFORE)."""
    return family in PATTERNS.before(text, start, BEFORE)  # every BEFORE family in one pass, kept
