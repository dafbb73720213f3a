"""One lexicon per class of word the rules look for (speech verbs, titles, arrest verbs, ...).

The words live in `patterns/lexicon.jsonl`, one lexicon a line, and every rule that needs a class of
words reads it from here: a word added there reaches every rule at once. The file is checked when
it loads; a bad line is named by its number.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from enforcement_tracker.errors import ExtractError
from enforcement_tracker.extract.patterns_file import entries

LEXICON_FILE = "patterns/lexicon.jsonl"


def parse_lexicons(text: str, source: str) -> dict[str, tuple[str, ...]]:
    """The lexicons in a JSONL text, or an ExtractError that names the line at fault."""
    out: dict[str, tuple[str, ...]] = {}
    for where, entry in entries(text, source, shape='{"lexicon": NAME, "words": [...]}'):
        name, words = entry.get("lexicon"), entry.get("words")
        if not isinstance(name, str) or not name:
            raise ExtractError("the line names no lexicon", source=where, hint='add "lexicon": NAME')
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise ExtractError(f"lexicon {name!r} needs a non-empty list of words", source=where,
                               hint='"words" is a list of non-empty strings')
        if name in out:
            raise ExtractError(f"lexicon {name!r} is defined twice", source=where, hint="merge the two lines")
        out[name] = tuple(dict.fromkeys(w.strip() for w in words))
    return out


@lru_cache(maxsize=1)
def lexicons() -> dict[str, tuple[str, ...]]:
    text = resources.files("enforcement_tracker.extract").joinpath(LEXICON_FILE).read_text("utf-8")
    return parse_lexicons(text, f"enforcement_tracker/extract/{LEXICON_FILE}")


def words(name: str) -> tuple[str, ...]:
    """The words of one lexicon, in file order."""
    try:
        return lexicons()[name]
    except KeyError:
        raise ExtractError(f"no lexicon {name!r}", source=LEXICON_FILE,
                           hint=f"known lexicons: {', '.join(sorted(lexicons()))}") from None


@lru_cache(maxsize=None)
def word_set(name: str, *, lower: bool = False) -> frozenset[str]:
    return frozenset(w.lower() for w in words(name)) if lower else frozenset(words(name))


@lru_cache(maxsize=None)
def alternation(name: str) -> str:
    """A regular-expression group matching any word of the lexicon (longest first, spaces flexible)."""
    parts = sorted(words(name), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts) + ")"
