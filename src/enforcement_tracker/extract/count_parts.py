"""Which arrest counts of a document are parts of another, and the period a part takes from its whole.

A count is a part when:
- it is told as a share of another count of the document ("Eight of the 30 were arrested in Canton"): a part of that count, whatever its own place or date;
- it is smaller than the document's biggest count, is placed, and falls within that count's period;
- it is smaller than the latest total before it whose places include its own, within its period;
- the counts of one sentence add up to another of it ("27 before the pause and 18 after it resumed,
  45 in all").

A part that names no period of its own in its sentence ("Eighteen of the arrests were in Massillon") is a
part of the same stretch of time as its whole: the count it is told a share of, or else the latest total
before it whose places include its own.
"""

from __future__ import annotations

import re
from typing import Any

from enforcement_tracker.extract.candidates import Candidate
from enforcement_tracker.extract.sentences import Sentence
from enforcement_tracker.models import Record
from enforcement_tracker.normalize.numbers import number_key

# Between a number and the count it is a share of: "of the", "of those", "of these".
_SHARE_OF = re.compile(r"^\s+of\s+(?:the|those|these)\s+$")


def scope_parts(counts: list[tuple[Candidate, Record]], sentences: list[Sentence]) -> None:
    """Mark the parts among a document's counts (scope "part") and give a part without a period of its
    own the period of its whole."""
    if not counts:
        return
    wholes = _shares_of(counts, sentences)
    values = [_value(k) for k, _ in counts]
    biggest = max(values)
    whole = next(rec for (_, rec), v in zip(counts, values) if v == biggest)
    for i, ((k, rec), v) in enumerate(zip(counts, values)):
        if id(rec) in wholes or (v < biggest and rec.fields.get("places") and not k.placed_by_context and
                                 not outside_period(rec.fields.get("period"), whole.fields.get("period"))):
            rec.fields["scope"] = "part"
            continue
        # "40 arrested in Massillon and Wooster ... 25 of the arrests were in Massillon": smaller than the
        # total before it that names its place, over the same time, whatever the document's biggest count
        over = _total_over(rec, [r for _, r in counts[:i]]) if rec.fields.get("places") and not k.placed_by_context else None
        if over is not None and (_value(next(c for c, r in counts if r is over)) > v) and \
                not outside_period(rec.fields.get("period"), over.fields.get("period")):
            rec.fields["scope"] = "part"
    by_sentence: dict[int, list[tuple[Record, Any]]] = {}
    for (k, rec), v in zip(counts, values):
        by_sentence.setdefault(k.sentence, []).append((rec, v))
    for group in by_sentence.values():
        for total_rec, total in group:
            rest = [(rec, v) for rec, v in group if rec is not total_rec]
            if len(rest) >= 2 and total and sum(v for _, v in rest) == total:
                for rec, _ in rest:
                    rec.fields["scope"] = "part"
    _periods_of_parts(counts, sentences, wholes)


def _value(k: Candidate) -> float:
    return k.fields["count"].get("value") or k.fields["count"].get("high") or 0


def _shares_of(counts: list[tuple[Candidate, Record]], sentences: list[Sentence]) -> dict[int, Record]:
    """{id(part record): whole record} for the counts told as a share of another count ("N of the M")."""
    out: dict[int, Record] = {}
    for k, rec in counts:
        sent = sentences[k.sentence]
        after = [n for n in sent.numbers if n.start > k.anchor]
        m = after[0] if after else None
        if m is None or not _SHARE_OF.match(sent.text[_end_of(sent, k.anchor) - sent.start:m.start - sent.start]):
            continue
        key = number_key(m.value)
        whole = next((r for c, r in counts if r is not rec and c.anchor != m.start and
                      number_key(c.fields["count"]) == key), None)
        if whole is not None:
            out[id(rec)] = whole
    return out


def _end_of(sent: Sentence, anchor: int) -> int:
    return next((n.end for n in sent.numbers if n.start == anchor), anchor)


def _periods_of_parts(counts: list[tuple[Candidate, Record]], sentences: list[Sentence],
                      wholes: dict[int, Record]) -> None:
    for i, (k, rec) in enumerate(counts):
        told_share = id(rec) in wholes  # its period, if not its sentence's, came from elsewhere
        if rec.fields.get("scope") != "part" or sentences[k.sentence].dates or \
                (rec.fields.get("period") and not told_share):
            continue
        whole = wholes.get(id(rec)) or _total_over(rec, [r for _, r in counts[:i]])
        if whole is not None and whole.fields.get("period"):
            rec.fields["period"] = dict(whole.fields["period"])


def _total_over(part: Record, before: list[Record]) -> Record | None:
    """The latest total before a part whose places include the part's own: the same places, or the
    states they are in ("33 arrested in Ohio ... 17 in Findlay")."""
    places = part.fields.get("places") or []
    mine = {_place_key(p) for p in places}
    for rec in reversed(before):
        if rec.fields.get("scope") == "part":
            continue
        theirs = {_place_key(p) for p in rec.fields.get("places") or []}
        states = {p.get("state") for p in rec.fields.get("places") or [] if p.get("kind") == "state"}
        if mine and all(_place_key(p) in theirs or p.get("state") in states for p in places):
            return rec
    return None


def _place_key(p: dict[str, Any]) -> tuple:
    return (p.get("name"), p.get("state"))


def _bounds(period: Any) -> tuple[str | None, str | None] | None:
    if not isinstance(period, dict):
        return None
    if "date" in period:
        return (period.get("date"), period.get("date")) if period.get("date") else None
    start, end = (period.get("start") or {}).get("date"), (period.get("end") or {}).get("date")
    return (start, end) if start or end else None


def outside_period(period: Any, whole: Any) -> bool:
    """A count over another stretch of time than the biggest count's ("47 on Monday" beside "63 on
    Tuesday", "52 by Sunday" before "81 since Saturday") is its own total, not a part of it."""
    mine, theirs = _bounds(period), _bounds(whole)
    if mine is None or theirs is None:
        return False
    (a, b), (c, d) = mine, theirs
    if c and a and a < c:
        return True
    if d and b and b > d:
        return True
    return mine != theirs and c == d and c is not None
