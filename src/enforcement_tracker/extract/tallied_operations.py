"""An operation a story tells only by its tally: "Officers arrested 30 people in Massillon and Canton from
June 2 to June 6", in a story that calls it an operation, an effort or a push elsewhere.

ANNOTATION counts as an operation a multi-day action in given places. A count over a span of days
that the text states day by day (not a month's or a year's tally), in places of its own, in a document
that speaks of such an action and of immigration, is that action told by its result: one operation in
the count's places over the count's days, ended when the last day is before publication. Where the document already
reports an operation over those days or in those places, the count adds nothing (the operation rules
have it).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from enforcement_tracker.extract.candidates import Candidate
from enforcement_tracker.extract.sentences import Sentence

# A word for one action of many arrests, anywhere in the story's own words (not a quotation's); not an
# effort or a push "to" do something else ("the agency's effort to hire more officers").
_ACTION = re.compile(r"\b(?:operation|surge|sweep|crackdown|blitz|roundup|raids|(?:push|effort)(?!\s+(?:to|for)\b))\b", re.I)
# The story is one of immigration enforcement: its agencies, or the word.
_IMMIGRATION = re.compile(r"\b(?:(?i:immigration|deportation|border\s+patrol)|ICE|CBP|HSI|ERO)\b")
_MOST_DAYS = 45  # longer tallies are a period's, not one action's


def operations_from_tallies(out: list[Candidate], sentences: list[Sentence], published: str | None) -> list[Candidate]:
    """Operations for the counts of `out` that tell one, to be merged with the rest."""
    if not any(_speaks_of_an_action(s) for s in sentences) or not any(_IMMIGRATION.search(s.text) for s in sentences):
        return []
    ops = [c for c in out if c.kind == "operation"]
    found: list[Candidate] = []
    for c in out:
        if c.kind != "arrest_count" or c.in_headline or c.in_quote or c.placed_by_context or \
                c.fields.get("scope") == "part" or not c.fields.get("places") or \
                any(p.get("kind") == "country" or not p.get("state") for p in c.fields["places"]):
            continue  # a tally in other countries is none of an action here
        days = _days(c.fields.get("period"))
        if days is None or any(_same_action(op, c, days) for op in ops + found):
            continue
        period = c.fields["period"]
        status = "ended" if published and days[1] < published[:10] else "under_way"
        found.append(Candidate(kind="operation", start=c.start, end=c.end, sentence=c.sentence,
                               paragraph=c.paragraph, anchor=c.anchor,
                               fields={"places": [dict(p) for p in c.fields["places"]],
                                       "start": dict(period["start"]), "end": dict(period["end"]),
                                       "status": status, "name": None,
                                       "agencies": list(c.fields.get("agencies") or [])}))
    return found


def _speaks_of_an_action(sent: Sentence) -> bool:
    return any(not sent.in_quote(sent.start + m.start()) for m in _ACTION.finditer(sent.text))


def _days(period) -> tuple[str, str] | None:
    """(start, end) of a period told by its first and last days, three days to _MOST_DAYS long (two days
    of arrests, "on Friday and Saturday", are a tally, not yet an operation)."""
    if not isinstance(period, dict) or "start" not in period:
        return None
    start, end = period.get("start") or {}, period.get("end") or {}
    if start.get("precision") != "day" or end.get("precision") != "day" or not start.get("date") or not end.get("date"):
        return None
    first, last = date.fromisoformat(start["date"]), date.fromisoformat(end["date"])
    if first.day == 1 and (last + timedelta(days=1)).day == 1 and (last - first).days >= 27:
        return None  # "from Oct. 1 to Oct. 31": a month's tally
    return (start["date"], end["date"]) if 2 <= (last - first).days < _MOST_DAYS else None


def _same_action(op: Candidate, count: Candidate, days: tuple[str, str]) -> bool:
    """An operation of the document over those days, or in those places ("the operation" with neither is
    a mention that the merge folds into the one told before it)."""
    mine = {(p.get("name"), p.get("state")) for p in count.fields["places"]}
    theirs = {(p.get("name"), p.get("state")) for p in op.fields.get("places") or []}
    told = [((op.fields.get(k) or {}).get("date")) for k in ("start", "end")]
    if days[0] in told or days[1] in told:
        return True
    # a mention of the operation in one of its towns, undated ("the operation in Canton"), is folded
    # into the one the tally tells; one dated, or in all its towns, is that operation already
    return bool(mine & theirs) and (any(told) or mine <= theirs)
