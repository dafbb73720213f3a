"""The words right after a number that make it a cadence: "three cities a week", "two new metro
areas per month".

spaCy Matcher patterns over tokens, kept as data in `patterns/cadence_words.jsonl`; a pattern's
label is "cadence:" and the unit counted, its last word the period. A pattern counts only where it starts at the
first token after the number.
"""

from __future__ import annotations

from enforcement_tracker.extract.phrase_patterns import PhrasePatterns

PATTERNS = PhrasePatterns("patterns/cadence_words.jsonl", ("cadence",))


def cadence_after(text: str, end: int) -> tuple[str, str] | None:
    """(unit, per) when the words right after a number ending at `end` state a cadence, else None."""
    found = PATTERNS.after(text, end, "cadence")
    return (found[0][0].split(":", 1)[1], found[0][1][-1]) if found else None
