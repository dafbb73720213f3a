"""The words that give an operation its status ("called off", "wrapped up", "is targeting",
"slated"), say it moves on to new places or names the places of one told of before, deny one
("not part of an operation"), and tell
which of its dates is a start or an end ("began on", "through", "pushed back to", "as of").

spaCy Matcher patterns over tokens, kept as data in `patterns/operation_words.jsonl`; families
ending in "_before" are read right before a date, the others anywhere in a sentence.
"""

from __future__ import annotations

from enforcement_tracker.extract.phrase_patterns import PhrasePatterns

ANYWHERE = ("called_off", "postponed", "ended", "under_way", "will", "planned", "moves_on", "places_of_previous", "denied")
BEFORE = ("as_of_before", "nth_day_before", "rescheduled_before", "start_before", "end_before")
PATTERNS = PhrasePatterns("patterns/operation_words.jsonl", ANYWHERE + BEFORE, anywhere=ANYWHERE)


def says(text: str, family: str) -> bool:
    """Whether words of the family (one of ANYWHERE) stand anywhere in the text."""
    return PATTERNS.found_in(text, family)


def precedes(text: str, start: int, family: str) -> bool:
    """Whether the words right before `start` (an offset into text) are of the family (one of BEFORE)."""
    return family in PATTERNS.before(text, start, BEFORE)  # every BEFORE family in one pass, kept
