"""The words around a number that make it an arrest count, or rule it out: "45 were arrested",
"arrested 45", "the arrests of 45"; not "45 years", "plans to arrest 45", "$45".

spaCy Matcher patterns over tokens, kept as data in `patterns/arrest_words.jsonl`, in four
families: "after" and "not_after" start right after the number, "before" and "not_before" end
right before it. A "FAMILY:name:unless" pattern cancels its "FAMILY:name" where both are found.
"""

from __future__ import annotations

from enforcement_tracker.extract.phrase_patterns import PhrasePatterns

PATTERNS = PhrasePatterns("patterns/arrest_words.jsonl", ("after", "not_after", "before", "not_before"))


def words_after(text: str, end: int) -> frozenset[str]:
    """"after" and/or "not_after" when the words right after a number ending at `end` say so."""
    return frozenset(label.split(":")[0] for label, _ in PATTERNS.after(text, end, ("after", "not_after")))


def words_before(text: str, start: int) -> frozenset[str]:
    """"before" and/or "not_before" when the words right before a number starting at `start` say so."""
    return PATTERNS.before(text, start, ("before", "not_before"))
