"""Rate words: the unit a figure is stated per ("a day", "weekly", "every month") and phrases of
an average rate ("on a typical day", "averaged 1,900 a day").

The patterns are spaCy Matcher patterns over tokens, kept as data in `patterns/rates.jsonl`
(one a line, a label each: a unit, "average", or "total" for a figure over a whole span). A target's `per` and an average count's
missing period are read here.
"""

from __future__ import annotations

from enforcement_tracker.extract.phrase_patterns import PhrasePatterns

UNITS = ("day", "week", "month", "year")   # in the order a sentence naming two is read
PATTERNS = PhrasePatterns("patterns/rates.jsonl", (*UNITS, "average", "total"), anywhere=(*UNITS, "average"))


def rate_unit(text: str) -> str | None:
    """The unit a rate in the text is stated per ("day" for "1,200 arrests a day"), or None."""
    return next((unit for unit in UNITS if PATTERNS.found_in(text, unit)), None)


def states_average(text: str) -> bool:
    """Whether the text states an average rate ("averaged 1,900 a day"), which has no one period."""
    return PATTERNS.found_in(text, "average")


def states_total(text: str, end: int) -> bool:
    """Whether the words after a number ending at `end` make it a figure for a whole span
    ("300 arrests over the two weeks"), not one per day or week."""
    return bool(PATTERNS.after(text, end, "total"))
