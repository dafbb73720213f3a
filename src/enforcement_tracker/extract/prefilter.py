"""A cheap pass before the model: which documents and paragraphs can hold a claim at all.

Most of a day's news is not about enforcement; the model only reads paragraphs that pass
these word tests, and their neighbours (an attribution often sits one paragraph away).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _gates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = json.loads(resources.files("enforcement_tracker.extract").joinpath("patterns/keywords.json").read_text("utf-8"))
    return re.compile(data["document_gate"]), re.compile(data["paragraph_gate"])


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each non-empty line block, offsets into the document text."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            out.append((m.start(), m.group(0)))
    return out


def select_paragraphs(text: str) -> list[tuple[int, int, str]]:
    """(index, offset, text) of the paragraphs worth the model's time."""
    document_gate, paragraph_gate = _gates()
    if not document_gate.search(text):
        return []
    paras = paragraphs(text)
    keep: set[int] = set()
    for i, (_, para) in enumerate(paras):
        if paragraph_gate.search(para):
            keep.update(j for j in (i - 1, i, i + 1) if 0 <= j < len(paras))
    return [(i, paras[i][0], paras[i][1]) for i in sorted(keep)]


def headline_paragraphs(text: str, max_chars: int = 160) -> set[int]:
    """Indexes of the short, unpunctuated lines that open a document (headline, dateline)."""
    out = set()
    for i, (_, para) in enumerate(paragraphs(text)):
        stripped = para.strip()
        if len(stripped) <= max_chars and not stripped.endswith((".", "”", "\"", ":")):
            out.add(i)
        else:
            break
    return out
