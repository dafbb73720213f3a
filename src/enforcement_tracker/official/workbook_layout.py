"""Finding the tables of a detentionStats sheet by their titles and headers, never by fixed cells.

A sheet is a grid of small tables, one under another and side by side. A table is a title cell,
a header row under it, and data rows until a blank row. Side-by-side tables share rows, so a
table's columns run from its title's column to the next title's column on the same row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from enforcement_tracker.official.common import criminality_slug
from enforcement_tracker.official.detention_tables import (
    AGENCY_WORDS, FACILITY_WORDS, LABEL_HEADERS, TOTAL_WORDS, clean, month_of, slugify, table_slug)

Grid = list[list[Any]]
_TITLE_START = re.compile(r"^(ice|aliens|u\.s\.|currently|average|initial|final)\b", re.I)


@dataclass
class Table:
    title: str
    slug: str
    known: bool
    row: int
    col: int
    end_col: int
    header: list[Any]
    rows: list[list[Any]] = field(default_factory=list)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _text(grid: Grid, r: int, c: int) -> str:
    if r >= len(grid) or c >= len(grid[r]):
        return ""
    v = grid[r][c]
    return clean(v) if isinstance(v, str) else ""


def _has_number(grid: Grid, r: int, c0: int, c1: int) -> bool:
    return r < len(grid) and any(_is_number(v) for v in grid[r][c0:c1])


def _row_empty(grid: Grid, r: int, c0: int, c1: int) -> bool:
    return r >= len(grid) or all(v is None or (isinstance(v, str) and not v.strip()) for v in grid[r][c0:c1])


def _title_cells(grid: Grid) -> list[tuple[int, int, str]]:
    found = []
    for r, row in enumerate(grid):
        if any(_is_number(v) for v in row):
            continue
        for c, v in enumerate(row):
            text = _text(grid, r, c)
            if len(text) < 7:
                continue
            slug, known = table_slug(text)
            looks = known or (_TITLE_START.search(text) and (" by " in text.lower() or re.search(r"fy\s?\d{2}", text, re.I)))
            if not looks or not _text(grid, r + 1, c):
                continue
            # A title has a header below it and numbers within a few rows.
            if any(_has_number(grid, rr, c, c + 20) for rr in range(r + 2, r + 5)):
                found.append((r, c, text))
    return found


def find_tables(grid: Grid) -> list[Table]:
    titles = _title_cells(grid)
    # A header that reads like a title ("Removals") sits right under its table's real title.
    found = {(r, c) for r, c, _ in titles}
    titles = [(r, c, t) for r, c, t in titles if (r - 1, c) not in found]
    title_rows = {(r, c) for r, c, _ in titles}
    width = max((len(row) for row in grid), default=0)
    tables = []
    for r, c, text in titles:
        end = min([cc for rr, cc, _ in titles if rr == r and cc > c], default=width)
        slug, known = table_slug(text)
        header = list(grid[r + 1][c:end]) + [None] * max(0, end - len(grid[r + 1]))
        table = Table(title=text, slug=slug, known=known, row=r, col=c, end_col=end, header=header)
        rr = r + 2
        while rr < len(grid) and not _row_empty(grid, rr, c, end) and not any(
                (rr, cc) in title_rows for cc in range(c, end)):
            row = list(grid[rr][c:end])
            table.rows.append(row + [None] * (end - c - len(row)))
            rr += 1
        tables.append(table)
    return tables


def _value_column(header: Any, numbers_below: bool, fiscal_year: int) -> dict[str, Any] | None:
    """What a value column's header says about its cells; None = not a value column."""
    text = clean(header)
    low = text.lower()
    if not text:
        return {"_total": True} if numbers_below else None
    if low.startswith("percent") or low.startswith("%"):
        return None   # derived shares: the counts they come from are stored
    if low in TOTAL_WORDS:
        return {"_total": True}
    if month_of(text, fiscal_year):
        return {"_month": text}
    if low in AGENCY_WORDS:
        return {"agency": AGENCY_WORDS[low]}
    if criminality_slug(text):
        return {"criminality": criminality_slug(text)}
    if low in FACILITY_WORDS:
        return {"facility_type": FACILITY_WORDS[low]}
    return {"breakdown": slugify(text)} if numbers_below else None


def table_cells(table: Table, fiscal_year: int, last_month: str | None) -> Iterator[dict[str, Any]]:
    """Every numeric cell of a table as a tidy dict (dimensions, month, value)."""
    label_cols: list[tuple[int, str, str]] = []   # (index, dimension, header)
    value_cols: list[tuple[int, dict[str, Any]]] = []
    for j, h in enumerate(table.header):
        low = clean(h).lower()
        if low in LABEL_HEADERS:
            label_cols.append((j, LABEL_HEADERS[low], low))
            continue
        numbers = any(_is_number(row[j]) for row in table.rows)
        spec = _value_column(h, numbers, fiscal_year)
        if spec is not None:
            value_cols.append((j, spec))
    if not label_cols and table.rows and isinstance(table.rows[0][0], str):
        label_cols.append((0, "breakdown", ""))
        value_cols = [(j, s) for j, s in value_cols if j != 0]
    col_dim = next((k for _, s in value_cols for k in s if k != "_total"), None)
    # Agency tables nest criminality rows under "CBP Average", "ICE Average", "Average".
    nested = any(criminality_slug(row[j]) for j, dim, _ in label_cols if dim == "agency" for row in table.rows)
    carried: dict[str, Any] = {}
    for row in table.rows:
        dims: dict[str, Any] = {}
        for pos, (j, dim, header) in enumerate(label_cols):
            v = row[j]
            if dim == "skip":
                continue
            if v is None or not clean(v):
                if pos == 0 and dim in carried:
                    dims[dim] = carried[dim]
                elif pos > 0:
                    dims[dim] = "total"
                continue
            text = clean(v)
            low = text.lower()
            if dim == "agency":
                if criminality_slug(text):
                    dims["criminality"] = criminality_slug(text)
                    dims["agency"] = carried.get("agency", "total")
                else:
                    dims["agency"] = "total" if low in TOTAL_WORDS else AGENCY_WORDS.get(low, text)
                    if nested:
                        dims["criminality"] = "total"
            elif dim == "criminality":
                dims[dim] = "total" if low in TOTAL_WORDS else (criminality_slug(text) or slugify(text))
            elif dim == "facility_type":
                dims[dim] = "total" if low in TOTAL_WORDS else FACILITY_WORDS.get(low, slugify(text))
            elif dim == "fiscal_year":
                m = re.search(r"(\d{4})", text)
                dims[dim] = int(m.group(1)) if m else fiscal_year
            elif dim == "breakdown" and header == "detention facility":
                dims[dim] = "total" if low in TOTAL_WORDS else text
            else:
                dims[dim] = "total" if low in TOTAL_WORDS else slugify(text)
            if pos == 0:
                carried = {k: dims[k] for k in dims if k in (dim, "agency") and k != "criminality"}
        year = int(dims.pop("fiscal_year", fiscal_year))
        for j, spec in value_cols:
            v = row[j]
            if not _is_number(v):
                continue
            cell = dict(dims)
            month = None
            for k, val in spec.items():
                if k == "_month":
                    month = month_of(val, year)
                elif k == "_total":
                    if col_dim and col_dim not in ("_month",):
                        cell.setdefault(col_dim, "total")
                else:
                    cell[k] = val
            if month and last_month and month > last_month:
                continue   # months after the edition's date are printed as 0, not measured
            cell.update(fiscal_year=year, month=month, value=float(v))
            yield cell
