"""A cheap pass before the model: which documents and paragraphs can hold a claim at all.

Most of a day's news is not about enforcement; the model only reads paragraphs that pass
these word tests, and their neighbours (an attribution often sits one paragraph away, and a
later paragraph may date or place what the one before announced).

The model reads a paragraph in bounded windows. spaCy refuses a text over 1,000,000
characters ([E088]) and needs about 1 GB per 100,000 it parses at once; its tokenizer costs
the square of a "word's" length (100,000 `“` in a row: a minute). So a paragraph is cut at
sentence ends into windows of at most MAX_WINDOW_CHARS, and a run of more than MAX_RUN_CHARS
characters without a space (no word, no URL worth reading) is left out of every window.
Each window keeps its paragraph's index and its own offset, so spans map back to the text.
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


MAX_WINDOW_CHARS = 2_000
MAX_RUN_CHARS = 200
# What the model reads of one document at most (3 s of parsing, 10 s on a 2-core machine under load):
# a long report is read up to here and the reader is told (model_budget_exceeded).
MAX_MODEL_CHARS = 60_000
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))
# Where a window may end: after a sentence's closing mark (and its quote or bracket) and a space.
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+")


def select_paragraphs(text: str) -> list[tuple[int, int, str]]:
    """(paragraph index, offset, text) of the windows worth the model's time, in text order.

    A paragraph of ordinary length is one window; a long one is several with the same index,
    each tested on its own (one claim word must not send a megabyte line to the model).
    """
    return _select(text)[0]


def model_budget_exceeded(text: str) -> bool:
    """True when select_paragraphs left windows unread for want of MAX_MODEL_CHARS."""
    return _select(text)[1]


def _select(text: str) -> tuple[list[tuple[int, int, str]], bool]:
    document_gate, paragraph_gate = _gates()
    if not document_gate.search(text):
        return [], False
    units = [(i, offset, window) for i, (start, para) in enumerate(paragraphs(text))
             for offset, window in windows(start, para)]
    keep: set[int] = set()
    for u, (_, _, window) in enumerate(units):
        if paragraph_gate.search(window):
            keep.update(j for j in (u - 1, u, u + 1) if 0 <= j < len(units))
    # A list of one line per item ("Salem — 19") or a table's rows go on past the neighbour it reaches: all of it.
    for u in sorted(keep):
        v = u + 1
        while v < len(units) and v not in keep and _is_row(units[v][2]) and _is_row(units[v - 1][2]):
            keep.add(v)
            v += 1
    out: list[tuple[int, int, str]] = []
    used = 0
    for u in sorted(keep):
        used += len(units[u][2])
        if used > MAX_MODEL_CHARS:
            return out, True
        out.append(units[u])
    return out, False


# One row of a list set out a line each: a label, a dash, colon or dotted leader, a number ("Salem — 19",
# "- Nampa: 7", "With criminal convictions ........ 38").
ROW_SEPARATOR = r"\s*(?:[—–:-]|\.{2,})\s*"
LIST_LINE = rf"^\s*(?:[-•*]\s+)?(?P<name>[A-Z][^\n]{{0,60}}?){ROW_SEPARATOR}(?P<n>\d[\d,]*)\s*$"
_LIST_LINE = re.compile(LIST_LINE)


# A row of a table with columns set apart by spaces ("Boise      150      90", "Ada County   180   45%");
# extract/count_tables.py
# reads them.
TABLE_ROW = r"^\s*[A-Z][^\n\d]{0,40}?(?:\s{2,}|\t+)\d[\d,]*(?:(?:\s{2,}|\t+)\d[\d,.]*%?)+\s*$"
_TABLE_ROW = re.compile(TABLE_ROW)


def _is_row(line: str) -> bool:
    return bool(_LIST_LINE.match(line) or _TABLE_ROW.match(line))


def windows(offset: int, para: str, max_chars: int = MAX_WINDOW_CHARS) -> list[tuple[int, str]]:
    """(offset, text) pieces of a paragraph, each at most max_chars, none holding an over-long run."""
    if len(para) <= MAX_RUN_CHARS:
        return [(offset, para)] if para.strip() else []
    out: list[tuple[int, str]] = []
    start = 0
    for run in _LONG_RUN.finditer(para):
        out.extend(_cut(offset + start, para[start:run.start()], max_chars))
        start = run.end()
    out.extend(_cut(offset + start, para[start:], max_chars))
    return out


def _cut(offset: int, piece: str, max_chars: int) -> list[tuple[int, str]]:
    """Cut at the last sentence end before max_chars, else at the last space, else hard."""
    out: list[tuple[int, str]] = []
    pos = 0
    while len(piece) - pos > max_chars:
        limit = pos + max_chars
        end = None
        for m in _SENTENCE_END.finditer(piece, pos + max_chars // 2, limit):
            end = m.end()
        if end is None:
            space = piece.rfind(" ", pos + max_chars // 2, limit)
            end = space + 1 if space > pos else limit
        out.append((offset + pos, piece[pos:end]))
        pos = end
    out.append((offset + pos, piece[pos:]))
    return [(o, t) for o, t in out if t.strip()]


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
