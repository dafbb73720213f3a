"""Made-up sentences of a kind, for synthetic ledgers (tests and benchmarks): never real reporting.

A kind's `example` slot takes one `Draw` (the random source, the day, the document's place and the
agency and anonymous source drawn for the sentence) and returns the sentence, the fields it
carries and its sources. A field may be a `Latest(kind)`: the synthetic generator puts there the id
of the latest record of that kind earlier in the same document (criminality's `of`), or None.

Kept free of the store and the models: a kind's module is imported while the models load.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

__all__ = ["Draw", "Latest", "day"]


def day(d: date) -> dict[str, Any]:
    """A contract date of day precision."""
    return {"date": d.isoformat(), "precision": "day", "part_of_day": None}


@dataclass(frozen=True)
class Latest:
    """Stands for the id of the latest record of `kind` before this one in the document."""

    kind: str


@dataclass
class Draw:
    rng: random.Random
    when: date
    place: dict[str, Any]  # the document's place: a made-up report is about one city
    agency: tuple[str, str]  # (code, the words a report uses for it)
    anonymous: Any  # the anonymous Source drawn for this sentence
    source: Callable[..., Any]  # makes a Source: source(kind="agency", outlet="ICE")

    @property
    def agencies(self) -> list[dict[str, str]]:
        code, words = self.agency
        return [{"code": code, "text": words}]
