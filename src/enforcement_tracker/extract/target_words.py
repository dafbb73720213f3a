"""The words around a number that make it a target: before it ("a goal of 3,000", "ordered
offices to make 75", "demanded 3,000"), or right after it ("a 3,000-per-day quota", "the 3,000
goal", "3,000 daily arrests"; the last two only with a goal or a rate elsewhere in the sentence).

spaCy Matcher patterns over tokens, kept as data in `patterns/target_words.jsonl`, a label each:
after the number, "target" makes one alone, "rate" needs the sentence to speak of a goal or an
order ("context", found anywhere), "word" needs it to state a rate; "before" ends right before it.
"""

from __future__ import annotations

from enforcement_tracker.extract.phrase_patterns import PhrasePatterns

PATTERNS = PhrasePatterns("patterns/target_words.jsonl", ("target", "rate", "word", "before", "context"))


def after_number(text: str, end: int) -> frozenset[str]:
    """Labels of the patterns that start right after a number ending at `end` (an offset into text)."""
    return frozenset(label.split(":")[0] for label, _ in PATTERNS.after(text, end, ("target", "rate", "word")))


def before_number(text: str, start: int) -> bool:
    """Whether the words right before a number starting at `start` make it a target ("a goal of",
    "ordered offices to make", "demanded", "the quota was set at")."""
    return bool(PATTERNS.before(text, start, "before"))


def speaks_of_a_goal(text: str) -> bool:
    """Whether the text speaks of a goal or an order anywhere ("quota", "directed", "called for")."""
    return PATTERNS.found_in(text, "context")
