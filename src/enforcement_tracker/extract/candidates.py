"""A claim found in one sentence, before the document-level pass merges and links it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from enforcement_tracker.models import Source


@dataclass
class Candidate:
    kind: str
    start: int
    end: int
    fields: dict[str, Any]
    sentence: int
    paragraph: int
    sources: list[Source] = field(default_factory=list)
    anchor: int = 0                      # where the number or place sits, for ordering and linking
    of_value: tuple | None = None        # criminality: the count it qualifies, by value
    link_previous: bool = False          # criminality: qualifies the latest count before it
    anaphoric: bool = False              # operation: "this operation" with no place of its own
    in_headline: bool = False
    in_quote: bool = False
    placed_by_context: bool = False      # its places come from other sentences, not its own
