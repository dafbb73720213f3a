"""The fields of an arrest count told by a number: its period, its places, its scope, from the words of
its own sentence, and the clause a number's words run to.

A clause ends at a full stop, a new clause (", and", ", which"), a dash, and at " and" before a number
with its own verb ("30 had convictions and nine faced charges"); semicolons part clauses that each
carry their own place and date. A count's places are those of its own clause, and not those of who
said it (", said the head of the office in Detroit"). Its period is the date of its clause;
"through DATE" after a year ends the year so far there; "since DATE" opens a period; the day a
relative clause gives for a year's end ("fiscal year 2019, which ended Sept. 30") is no date of its own.
"""

from __future__ import annotations

import re
from typing import Any

from enforcement_tracker.extract.count_words import follows, precedes
from enforcement_tracker.extract.lexicon import alternation
from enforcement_tracker.extract.rates import states_average
from enforcement_tracker.extract.sentences import Sentence
from enforcement_tracker.normalize.numbers import NUMBER_PATTERN, NumberMention

# A clause ends at a sentence mark, a new clause ("…, and", "…, which"), a dash, and at " and" before a
# number with its own verb ("30 had convictions and nine faced charges", "and a dozen had final orders").
CLAUSE_END = re.compile(r"[;.!?](?:\s|$)|,\s+(?:and|but|while|which|who)\s|\s[–—]\s|"
                         r",?\s+and\s+(?=(?:the\s+(?:other|remaining)\s+|about\s+|nearly\s+|another\s+|roughly\s+)?"
                         rf"{NUMBER_PATTERN}\s+(?:had|have|were|was|faced|face)\b)")

# A number's words may open with a restatement between dashes ("60 — about two-thirds — had"), or
# the number itself may stand between them ("nearly half — 42 — had"): neither dash ends its clause.
_RESTATED = re.compile(r"^\s*[—–]\s*[^—–.;]{1,40}?\s*[—–]\s*")
_DASH = re.compile(r"^\s*[—–]\s*")


def clause_after(sent: Sentence, offset: int, width: int = 140, *, between_dashes: bool = False) -> str:
    """The words after `offset` up to the end of their clause; `between_dashes`: the number there
    stands between two dashes, so the first dash after it is no clause end."""
    text = sent.after(offset, width)
    lead = (_DASH if between_dashes else _RESTATED).match(text)
    m = CLAUSE_END.search(text, lead.end() if lead else 0)
    return text[:m.start()] if m else text


def count_fields(sent: Sentence, n: NumberMention) -> dict[str, Any]:
    period = None
    # "has averaged 1,900 a day": an average has no period; it is the number's own clause that
    # says so, not another clause of the sentence ("2,412 on Monday, and has averaged ...").
    if not states_average(clause_after(sent, n.start, 80)) and \
            not re.search(r"\b(?:averag\w*|typical)\s+(?:of\s+)?$", sent.before(n.start, 30), re.I):
        period = _period(sent, n.start)
    places = [pm.place for pm in own_places(sent, n)]
    nationwide = bool(re.search(r"\b(?:nationwide|nationally|across the (?:country|nation|United States))\b", sent.text, re.I))
    return {"count": n.value, "period": period, "places": [] if nationwide and not places else places,
            "agencies": sent.agencies, "scope": "total", "nationwide": nationwide}


_PLACE_LEAD = re.compile(r"^(?:[^,;\d]{0,40}?\s)?(?:in|across|throughout|from)\s+(?:the\s+)?$", re.I)


def clause_bounds(sent: Sentence, offset: int) -> tuple[int, int]:
    """The independent clause around an offset: semicolons part clauses that each carry their own
    place and date ("In 2019, agents arrested 40 people in one county; in 2021, a sweep ...")."""
    rel = offset - sent.start
    lo = sent.text.rfind(";", 0, rel) + 1
    hi = sent.text.find(";", rel)
    return sent.start + lo, sent.start + (len(sent.text) if hi < 0 else hi)


_ATTRIBUTION_TAIL = re.compile(r",\s+(?:said|says|according\s+to|(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says)\b)")


_THE_REST = re.compile(r"\b(?:the\s+)?(?:rest|remainder|others|remaining\s+\w+)\s+(?:were\s+)?(?:in|across|from)\b", re.I)


_IN_RIGHT_AFTER = re.compile(r"^\s+(?:(?:people|arrests|others|more)\s+)?(?:were\s+)?in\s+(?:the\s+)?$", re.I)


# Right after a number: "and" opening a clause with an arrest verb of its own ("officers arrested 60 and
# Border Patrol agents arrested 16"): what that clause names (its subject, its places) is not the number's.
NEXT_ARREST_CLAUSE = re.compile(rf"\s+and\s+(?:[\w-]+\s+){{1,10}}?{alternation('arrest_verb')}\b", re.I)


def own_places(sent: Sentence, n: NumberMention) -> list:
    """The places a count is located by. Those of its own clause when the sentence has several;
    and where several counts each name their place ("214 people in one city and 131 in another",
    "162 of the arrests in Utah and 52 in Idaho"), the places written after the count, up to the
    next number."""
    real = sent.real_places()
    lo, hi = clause_bounds(sent, n.start)
    clause = [p for p in real if lo <= p.start < hi]
    if clause:
        real = clause
    # "..., said Ana Ruiz, who leads the office in Detroit, which covers Michigan": the
    # places of who said it do not locate the count told before
    tail = _ATTRIBUTION_TAIL.search(sent.text, n.end - sent.start)
    if tail is not None:
        real = [p for p in real if p.start < sent.start + tail.start()] or real
    # "officers arrested 60 and agents working out of the Tiffin station arrested 16": the places of
    # the clause that "and" opens with its own arrest verb are that clause's
    following = NEXT_ARREST_CLAUSE.match(sent.text, n.end - sent.start)
    if following is not None:
        real = [p for p in real if p.start < sent.start + following.start()]
    # "35 were arrested in Massillon, ..., and the rest in Wooster and Ravenna": the rest's places
    rest = _THE_REST.search(sent.text, n.end - sent.start)
    if rest is not None:
        real = [p for p in real if p.start < sent.start + rest.start()] or real
    # "61 were arrested at the plant and 35 in Belzoni": a place right after a later number ("35 in") is
    # that number's, not the count's before it
    later = [m for m in sent.numbers if m.start > n.end and lo <= m.start < hi and not m.is_share]
    theirs = [p for p in real for m in later[:1]
              if p.start > m.end and _IN_RIGHT_AFTER.match(sent.text[m.end - sent.start:p.start - sent.start])]
    if theirs:
        real = [p for p in real if p not in theirs]
    if len(real) < 2:
        return real

    def after(m: NumberMention) -> list:
        stop = min((x.start for x in sent.numbers if x.start > m.end), default=hi)
        found = [p for p in real if m.end <= p.start < min(stop, hi)]
        if found and _PLACE_LEAD.match(sent.text[m.end - sent.start:found[0].start - sent.start]):
            return found
        return []

    mine = after(n)
    others = [after(m) for m in sent.numbers if m is not n and lo <= m.start < hi and not m.is_share]
    if mine and len(mine) < len(real) and any(o and o != mine for o in others):
        return mine
    return real


# "..., according to figures the agency released on Thursday": the day of the telling, not of the arrests
# (the verb of the telling inside the phrase dates it; "According to ICE, agents arrested 40 on Monday" is the arrests')
_ACCORDING_TO = re.compile(r"\baccording\s+to\b[^,;]*\b(?:released|gave|given|provided|shared|published|issued|posted|"
                           r"sent|said|told)\b[^,;]*$", re.I)


def _period(sent: Sentence, anchor: int) -> dict[str, Any] | None:
    # "ICE today announced 232 arrests": the day of the announcement is not the arrests' period
    dates = [d for d in sent.dates if d.value is not None and d.kind != "relative_week" and
             not (d.kind == "relative_day" and follows(sent.text, d.end - sent.start, "stated_after")) and
             not precedes(sent.text, d.start - sent.start, "stated_before") and
             not _ACCORDING_TO.search(sent.before(d.start, 80))]
    lo, hi = clause_bounds(sent, anchor)
    dates = [d for d in dates if lo <= d.start < hi] or dates  # a clause with a date of its own keeps it
    if any(d.is_range and d.kind in ("fiscal_year", "year") for d in dates):
        # "In fiscal year 2019, which ended Sept. 30, ...": the day only tells where the year ends
        dates = [d for d in dates if not _YEAR_EDGE.search(sent.before(d.start, 24))]
    if not dates:
        return None
    cutoff = next((d for d in dates if not d.is_range and d.value.get("date") and
                   re.search(r"\b(?:as\s+of|through|until|thru)\s+$", sent.before(d.start, 12), re.I)), None)
    if cutoff is not None:
        whole = next((d for d in dates if d.is_range and d.kind in ("fiscal_year", "year", "relative_year")), None)
        if whole is not None:
            # "in fiscal year 2025 through March 31": the year so far, ending at the stated day
            end = dict(cutoff.value)
            start, stop = whole.value["start"]["date"], whole.value["end"]["date"]
            if start and stop and end["date"] and not start <= end["date"] <= stop:
                # a yearless day read against the publication date: put it in the year named
                for shift in (1, -1):
                    moved = f"{int(end['date'][:4]) + shift}{end['date'][4:]}"
                    if start <= moved <= stop:
                        end["date"] = moved
                        break
            return {"start": whole.value["start"], "end": end}
        if re.search(r"\bas\s+of\s+$", sent.before(cutoff.start, 8), re.I):
            return {"start": None, "end": cutoff.value}  # "5,000 arrests as of Friday": a tally to that day
    after = [d for d in dates if d.start >= anchor]
    d = after[0] if after else dates[-1]
    nxt = next((e for e in dates if e.start > d.end), None)
    if not d.is_range and nxt is not None and not nxt.is_range and \
            re.fullmatch(r"\s*(?:through|thru|to|until|-|–|and)\s*", sent.text[d.end - sent.start:nxt.start - sent.start]) \
            and re.search(r"\b(?:from|between)\s+$", sent.before(d.start, 12)):
        # "from Jan. 23 through Friday": two dates the patterns read apart make one period.
        return {"start": d.value, "end": nxt.value}
    if not d.is_range and (d.kind == "administration" or precedes(sent.text, d.start - sent.start, "since_before")):
        return {"start": d.value, "end": None}  # "81 arrested since Saturday": from that day on
    return d.value


_YEAR_EDGE = re.compile(r"\b(?:which|that)\s+(?:ended|ends|began|begins|started|starts)\s+(?:on\s+)?$", re.I)
