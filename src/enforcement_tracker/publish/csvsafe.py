"""CSV a spreadsheet cannot run: cells that would start a formula are prefixed with `'` (OWASP).

A document's quote, title or publisher may begin with `=`, `+`, `-`, `@`, a tab or a carriage
return; opened in Excel or LibreOffice such a cell is a formula (`=cmd|' /C calc'!A0`). The
prefix makes it text. A number is left alone, so `-538` or `+1.5e3` stays a number in the
sheet: a numeric literal is no formula.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from typing import Any, Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def defuse(value: Any) -> Any:
    """The cell as a spreadsheet should read it: numbers as they are, formula-like text prefixed."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


def defuse_row(row: Iterable[Any]) -> list[Any]:
    """Each cell as defuse() gives it, tested inline: a call per cell was a third of a city's CSV
    export (400,000 cells at 1M records: 0.27 s)."""
    return [("'" + v) if isinstance(v, str) and v.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(v) else v
            for v in row]


class CsvDefuser:
    """Defuses a CSV stream that arrives in arbitrary byte chunks (Datasette's own CSV).

    A chunk may end inside a row or inside a quoted cell with newlines, so only complete rows are
    rewritten: a line ends a row when the quotes seen since the row began are balanced.
    """

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""

    def feed(self, chunk: bytes, *, final: bool = False) -> bytes:
        text = self._pending + self._decoder.decode(chunk, final=final)
        cut = len(text) if final else self._complete_rows(text)
        self._pending = text[cut:]
        if cut == 0:
            return b""
        # Parsing is C speed; the rows are written again only when one of their cells changes, so the
        # common answer is the bytes as they came.
        rows = list(csv.reader(io.StringIO(text[:cut], newline="")))
        defused = [defuse_row(row) for row in rows]
        if defused == rows:
            return text[:cut].encode("utf-8")
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(defused)
        rewritten = out.getvalue()
        if final and not text.endswith("\n"):
            rewritten = rewritten[:-2] if rewritten.endswith("\r\n") else rewritten
        return rewritten.encode("utf-8")

    @staticmethod
    def _complete_rows(text: str) -> int:
        """Where the last complete row ends (just after its newline); 0 if none ends in `text`."""
        cut, quotes, start = 0, 0, 0
        while True:
            newline = text.find("\n", start)
            if newline < 0:
                return cut
            quotes += text.count('"', start, newline + 1)
            if quotes % 2 == 0:
                cut, quotes = newline + 1, 0
            start = newline + 1
