"""The words right after a number that make it a target: "a 3,000-per-day quota", "the 3,000
goal", "3,000 daily arrests" (the last two only with a goal or a rate elsewhere in the sentence).

spaCy Matcher patterns over tokens, kept as data in `patterns/target_words.jsonl` (a label each:
"target" makes one alone, "rate" needs the sentence to speak of a goal or an order, "word" needs
it to state a rate). A pattern counts only where it starts at the first token after the number.
"""

from __future__ import annotations

from enforcement_tracker.extract.patterns_file import PhrasePatterns

PATTERNS = PhrasePatterns("patterns/target_words.jsonl", ("target", "rate", "word"))
parse_target_words = PATTERNS.parse


def after_number(text: str, end: int) -> frozenset[str]:
    """Labels of the patterns that start right after a number ending at `end` (an offset into text)."""
    return frozenset(label for label, _ in PATTERNS.after(text, end))
