"""Quantity frames: what each number in a sentence counts, what governs it, what it is part of.

The frames are spaCy DependencyMatcher patterns over the parse, kept as data in
`patterns/frames.jsonl` (one pattern a line; `"@name"` in an `IN` list stands for a lexicon of
lexicon.jsonl). A number's frame names the noun it counts ("340 calls"), whether an arrest verb
governs it ("officers arrested 45 Venezuelans"), and whether it is part of a larger group
("nine of those arrested", "including four with convictions").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc

from enforcement_tracker.errors import ExtractError
from enforcement_tracker.extract.patterns_file import entries, expand_lexicons

FRAMES_FILE = "patterns/frames.jsonl"
LABELS = ("COUNTS", "GOVERNED", "PARTITIVE", "INCLUDED")


@dataclass
class Frame:
    """What the parse says of one number (character offsets are the document's)."""

    counted: str | None = None     # the noun it counts, lowercased: "calls", "aliens"
    governed: bool = False         # an arrest verb takes it, or the noun it counts, as object
    part_of: str | None = None     # the group it is a part of: "those", "107"
    included: bool = False         # named after its whole: "including four"


def parse_frames(text: str, source: str, vocab) -> DependencyMatcher:
    """A DependencyMatcher from JSONL frame patterns, or an ExtractError naming the bad line."""
    matcher = DependencyMatcher(vocab, validate=True)
    for where, entry in entries(text, source, shape='{"label": ..., "pattern": [...]}'):
        label = entry.get("label")
        if label not in LABELS:
            raise ExtractError(f"unknown frame label {label!r}", source=where, hint=f"use one of {', '.join(LABELS)}")
        pattern = expand_lexicons(entry.get("pattern"), where)
        if not isinstance(pattern, list) or not pattern or not any(
                n.get("RIGHT_ID") == "number" and (n.get("RIGHT_ATTRS") or {}).get("LIKE_NUM") is True
                for n in pattern if isinstance(n, dict)):
            raise ExtractError("a frame pattern is a list of nodes, one of them RIGHT_ID 'number' with LIKE_NUM true",
                               source=where, hint="see spaCy's DependencyMatcher pattern format; find_frames "
                               "skips texts without a number, so every frame is anchored on one")
        try:
            matcher.add(f"{label}:{where.rsplit(' ', 1)[-1]}", [pattern])
        except (ValueError, KeyError, TypeError) as exc:
            raise ExtractError(f"spaCy refused the pattern ({str(exc).splitlines()[0]})", source=where,
                               hint="see spaCy's DependencyMatcher pattern format") from exc
    return matcher


@lru_cache(maxsize=4)
def _matcher(vocab) -> DependencyMatcher:
    text = resources.files("enforcement_tracker.extract").joinpath(FRAMES_FILE).read_text("utf-8")
    return parse_frames(text, f"enforcement_tracker/extract/{FRAMES_FILE}", vocab)


def find_frames(doc: Doc, offset: int = 0) -> dict[int, Frame]:
    """Frames by the character offset (in the document) of each number's first character."""
    # Every pattern is anchored on a number: a window without one (most of a report's quotes and
    # background) has no frame, and the matcher's cost is its length whatever it finds.
    if not doc.has_annotation("DEP") or not any(token.like_num for token in doc):
        return {}
    matcher = _matcher(doc.vocab)
    out: dict[int, Frame] = {}
    for match_id, tokens in matcher(doc):
        label = doc.vocab.strings[match_id].split(":")[0]
        pattern = matcher.get(doc.vocab.strings[match_id])[1][0]
        role = {node["RIGHT_ID"]: doc[i] for node, i in zip(pattern, tokens)}
        number = role["number"]
        frame = out.setdefault(offset + number.idx, Frame())
        if label == "COUNTS":
            frame.counted = role["noun"].lower_
        elif label == "GOVERNED":
            frame.governed = True
        elif label == "PARTITIVE":
            frame.part_of = role["base"].lower_
        elif label == "INCLUDED":
            frame.included = True
    return out
