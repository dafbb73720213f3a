"""Counts set out as a plain-text table with a header row: a column of places, a column of arrests, and
columns of criminality.

    Office            Arrests    With convictions
    Boise                  150          90
    Spokane                250         120

Columns stand apart by two spaces or more (or a tab). The header's first column labels the places; the
others are an arrest column ("Arrested", "Arrests", "Apprehensions") and any number of criminality columns,
each named as the category it counts ("With convictions", "Pending charges"). A row whose
label is a town or county the gazetteer knows (in the story's state first) is a part count there, with
a criminality count of it per criminality column (a share where the cell is a percentage, "46%"). A row that names no town ("Total") makes nothing. The rows' period is the one of
the count the table breaks down, the latest told before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from enforcement_tracker.extract.candidates import Candidate
from enforcement_tracker.extract.count_fields import count_fields
from enforcement_tracker.extract.gapped_lists import NOT_PLACE_LABELS
from enforcement_tracker.extract.prefilter import TABLE_ROW
from enforcement_tracker.extract.sentences import Sentence
from enforcement_tracker.normalize.numbers import parse_number

_COLUMNS = re.compile(r"\s{2,}|\t+")
_ARRESTS = re.compile(r"^(?:total\s+)?(?:arrest(?:s|ed)?|apprehen\w*|people\s+arrested)$", re.I)
_ROW = re.compile(TABLE_ROW)  # a row: a capitalised label, then numbers only


@dataclass(frozen=True)
class Header:
    arrests: int                                   # the index of the arrest column among the numbers
    categories: tuple[tuple[int, str], ...]        # (index, criminality category) of the others


def table_header(sent: Sentence) -> Header | None:
    """The header row of a table of arrests by place, or None."""
    from enforcement_tracker.extract.claims import category_of

    if "\n" in sent.text.strip():
        return None
    cells = [c for c in _COLUMNS.split(sent.text.strip()) if c]
    if len(cells) < 3 or any(re.search(r"\d", c) for c in cells):
        return None
    arrests, categories = None, []
    for i, cell in enumerate(cells[1:]):
        if _ARRESTS.match(cell.strip()):
            arrests = i if arrests is None else arrests
            continue
        cat = category_of(" " + cell.lower())
        if cat is None:
            return None
        categories.append((i, cat[0]))
    return Header(arrests, tuple(categories)) if arrests is not None else None


def table_rows(sent: Sentence, header: Header, period: Any, headline: bool, state: str | None = None) -> list[Candidate]:
    """The part count and criminality counts (or shares, "46%") of one row, or [] when it is no row of the
    table; `state`: the story's, for a row's town or county."""
    if not _ROW.match(sent.text):
        return []
    cells = [c for c in _COLUMNS.split(sent.text.strip()) if c]
    label, values = cells[0].strip(), [_cell(c) for c in cells[1:]]
    if label in NOT_PLACE_LABELS or len(values) <= max([header.arrests] + [i for i, _ in header.categories]) or \
            any(v is None for v in values) or values[header.arrests][0] != "count":
        return []
    place = _row_place(label, state)
    if place is None:
        return []
    numbers = sent.numbers
    if len(numbers) != len(values):
        return []
    n = numbers[header.arrests]
    fields = count_fields(sent, n)
    fields.update(places=[place], scope="part", nationwide=False)
    if fields.get("period") is None:
        fields["period"] = period
    base = dict(start=sent.start, end=sent.end, sentence=sent.index, paragraph=sent.paragraph, in_headline=headline)
    whole = int(values[header.arrests][1])
    out = [Candidate(kind="arrest_count", anchor=n.start, fields=fields, **base)]
    for i, category in header.categories:
        what, value = values[i]
        out.append(Candidate(kind="criminality", anchor=numbers[i].start, of_value=(whole, None, None),
                             fields={"of": None, "category": category,
                                     what: {"value": value, "qualifier": "exact"}}, **base))
    return out


def _cell(text: str) -> tuple[str, Any] | None:
    """('count', 96) for '96', ('share', 0.46) for '46%'; None for anything else."""
    text = text.strip()
    if text.endswith("%"):
        value = parse_number(text[:-1])
        return ("share", round(value / 100, 4)) if value is not None else None
    value = parse_number(text)
    return ("count", int(value)) if value is not None and float(value).is_integer() else None


def _row_place(label: str, state: str | None) -> dict | None:
    """The town or county a row names: the story's state's first ("Ada County" in an Idaho story)."""
    from enforcement_tracker.normalize.gazetteer import Gazetteer

    gazetteer = Gazetteer.open()
    place = (gazetteer.resolve(label, state) if state else None) or gazetteer.resolve(label)
    return place.to_dict() if place is not None and place.kind in ("city", "county") else None
