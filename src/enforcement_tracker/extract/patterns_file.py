"""Reading the pattern files of extract/patterns/: JSON Lines, one entry a line, each checked.

One reader for every JSONL file the rules load (lexicons, quantity frames, criminality
categories), so a bad line is always named the same way: the file and the line number.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from enforcement_tracker.errors import ExtractError


def entries(text: str, source: str, *, shape: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, entry) for every non-blank line of a JSONL text, `where` naming file and line.

    A line that is not a JSON object raises an ExtractError that says what a line should hold
    (`shape`, e.g. '{"lexicon": NAME, "words": [...]}')."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}, line {number}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ExtractError(f"not JSON ({exc.msg})", source=where, hint=f"write one object a line: {shape}") from exc
        if not isinstance(entry, dict):
            raise ExtractError("not a JSON object", source=where, hint=f"write one object a line: {shape}")
        yield where, entry
