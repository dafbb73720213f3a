"""Matching predicted records to gold records, exactly as ANNOTATION.md ("How a prediction is
matched") says. Pure functions over plain dicts; both the gold shapes and the record-contract
shapes are accepted, so gold can be matched against gold in tests.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Sequence

Interval = tuple[date, date]
NumberKey = tuple[Any, ...]

# Categories a careful coder could swap for one another; a match only needs the same group.
CRIMINALITY_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"not_criminal", "no_record", "collateral"}),
    frozenset({"convicted", "charged", "convicted_or_charged"}),
    frozenset({"final_order"}),
    frozenset({"gang_member"}),
    frozenset({"other"}),
)

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_WORD = re.compile(r"[\w’'-]+")


# --- values -------------------------------------------------------------------------------

def number_key(value: Any) -> NumberKey | None:
    """A comparable form of a number: ("value", v) or ("range", low, high); None when absent.

    Qualifiers are not compared (the rule says "the count numbers are equal").
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return ("value", round(float(value), 6))
    if not isinstance(value, dict):
        return None
    low, high = value.get("low"), value.get("high")
    if low is not None or high is not None:
        low_r = None if low is None else round(float(low), 6)
        high_r = None if high is None else round(float(high), 6)
        if low_r is not None and low_r == high_r:
            return ("value", low_r)  # a degenerate range is a plain number
        return ("range", low_r, high_r)
    if value.get("value") is not None:
        return ("value", round(float(value["value"]), 6))
    return None


def date_intervals(value: Any) -> list[Interval]:
    """Every date a value states, as day intervals: a day, a month, a year, or both ends of a range.

    Accepts gold strings ("2025-01-26", "2010-03"), contract date objects ({"date", "precision"}),
    ranges ({"start", "end"}) and lists of those. Unresolved dates (date null) give nothing.
    """
    if value is None:
        return []
    if isinstance(value, str):
        interval = _parse_date(value, None)
        return [interval] if interval else []
    if isinstance(value, (list, tuple)):
        return [iv for item in value for iv in date_intervals(item)]
    if isinstance(value, dict):
        if "start" in value or "end" in value:
            return date_intervals(value.get("start")) + date_intervals(value.get("end"))
        if isinstance(value.get("date"), str):
            interval = _parse_date(value["date"], value.get("precision"))
            return [interval] if interval else []
    return []


def _parse_date(text: str, precision: str | None) -> Interval | None:
    m = _DATE.match(text.strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        if month is None or precision == "year":
            return date(year, 1, 1), date(year, 12, 31)
        if day is None or precision == "month":
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        start = date(year, month, day)
    except ValueError:
        return None
    if precision == "week":
        return start, start + timedelta(days=6)
    return start, start


def days_apart(a: Interval, b: Interval) -> int:
    """Days between two intervals; 0 when they overlap."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def place_keys(places: Any) -> list[tuple[str, str | None]]:
    """(normalized name, state) for each place; tolerant of bare strings."""
    keys = []
    for place in places or []:
        if isinstance(place, str):
            keys.append((normalize_name(place), None))
        elif isinstance(place, dict):
            state = place.get("state")
            keys.append((normalize_name(place.get("name") or ""),
                         state.strip().upper() if isinstance(state, str) and state.strip() else None))
    return keys


def normalize_name(name: str) -> str:
    words = re.sub(r"[.,]", " ", name).casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def speaker_text(speaker: Any) -> str:
    """The words a predicted speaker offers for matching: its name and its title."""
    if isinstance(speaker, str):
        return speaker
    if isinstance(speaker, dict):
        return " ".join(str(speaker.get(k) or "") for k in ("name", "title"))
    return ""


def last_word(speaker: Any) -> str | None:
    """The gold speaker's last word ("Cantu" of "John E. Cantu"); a person object gives its name."""
    if isinstance(speaker, dict):
        speaker = speaker.get("name") or speaker.get("title")
    words = _WORD.findall(speaker if isinstance(speaker, str) else "")
    return words[-1] if words else None


def criminality_group(category: Any) -> int | None:
    for i, group in enumerate(CRIMINALITY_GROUPS):
        if category in group:
            return i
    return None


def criminality_numbers(record: dict[str, Any]) -> set[tuple[str, NumberKey]]:
    """The numbers a criminality record states, tagged count or share (a count never equals a share)."""
    out = set()
    for key in ("count", "share"):
        number = number_key(record.get(key))
        if number is not None:
            out.add((key, number))
    return out


# --- predicates: one per kind ----------------------------------------------------------------

def _arrest_count(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    number = number_key(gold.get("count"))
    return number is not None and number == number_key(pred.get("count"))


def _target(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return _arrest_count(gold, pred) and gold.get("per") == pred.get("per")


def _criminality(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    group = criminality_group(gold.get("category"))
    if group is None or group != criminality_group(pred.get("category")):
        return False
    gold_numbers, pred_numbers = criminality_numbers(gold), criminality_numbers(pred)
    if not gold_numbers:  # "collateral arrests" with no number matches a number-less prediction
        return not pred_numbers
    # A prediction may carry a count and its restated share; either can meet the gold number.
    return bool(gold_numbers & pred_numbers)


def _operation(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    gold_places = place_keys(gold.get("places"))
    if gold_places:
        pred_places = place_keys(pred.get("places"))
        names = {name for name, _ in pred_places if name}
        states = {state for _, state in pred_places if state}
        if not any(name in names or (state and state in states) for name, state in gold_places):
            return False
    gold_dates = date_intervals([gold.get("start"), gold.get("end")])
    if gold_dates:
        pred_dates = date_intervals([pred.get("start"), pred.get("end"), pred.get("period")])
        if not any(days_apart(g, p) <= 1 for g in gold_dates for p in pred_dates):
            return False
    return True


def _quote(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    word = last_word(gold.get("speaker"))
    if not word:
        return False
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", speaker_text(pred.get("speaker")),
                     flags=re.IGNORECASE) is not None


PREDICATES: dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]] = {
    "arrest_count": _arrest_count,
    "target": _target,
    "criminality": _criminality,
    "operation": _operation,
    "cadence": _target,  # the numbers and `per` are equal, as for a target
    "quote": _quote,
}


def matches(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Whether a prediction may stand for a gold record (same kind, the kind's predicate holds)."""
    kind = gold.get("kind")
    if kind != pred.get("kind") or kind not in PREDICATES:
        return False
    return PREDICATES[kind](gold, pred)


# --- one-to-one matching -------------------------------------------------------------------------

@dataclass
class Matching:
    """Which prediction stands for which gold record, in one text."""

    pairs: dict[int, int] = field(default_factory=dict)  # gold index -> prediction index

    def matched_predictions(self) -> set[int]:
        return set(self.pairs.values())


def match_records(gold: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]) -> Matching:
    """A maximum one-to-one matching (augmenting paths), so no result depends on record order.

    Required gold records are matched first: an augmenting path never unmatches a matched gold
    record, so the result has as many required matches as any matching can, and is maximum overall
    (ambiguous gold that a prediction meets makes that prediction correct). Within each group,
    pairs that also agree on the fields the rule ignores (places, category, name) are tried first:
    the figures are the same either way, but a listing of misses then names the right one (which
    of 031's many "1" counts was missed, not an arbitrary one).
    """
    edges = [[j for j, p in enumerate(predicted) if matches(g, p)] for g in gold]
    close = [[j for j in edges[i] if agrees(g, predicted[j])] for i, g in enumerate(gold)]
    owner: dict[int, int] = {}  # prediction index -> gold index

    def augment(gi: int, usable: list[list[int]], seen: set[int]) -> bool:
        for pj in usable[gi]:
            if pj in seen:
                continue
            seen.add(pj)
            if pj not in owner or augment(owner[pj], usable, seen):
                owner[pj] = gi
                return True
        return False

    required = [i for i, g in enumerate(gold) if not g.get("ambiguous")]
    optional = [i for i, g in enumerate(gold) if g.get("ambiguous")]
    for group in (required, optional):
        for usable in (close, edges):
            for gi in group:
                if gi not in owner.values():
                    augment(gi, usable, set())
    return Matching(pairs={gi: pj for pj, gi in sorted(owner.items(), key=lambda kv: kv[1])})


def agrees(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Agreement beyond the matching rule: same places (or none), same category, same name."""
    gold_places, pred_places = place_keys(gold.get("places")), place_keys(pred.get("places"))
    if gold_places or pred_places:
        names = {name for name, _ in pred_places}
        if not any(name in names for name, _ in gold_places):
            return False
    return all(gold.get(key) == pred.get(key) for key in ("category", "name") if key in gold)
