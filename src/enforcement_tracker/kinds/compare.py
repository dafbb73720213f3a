"""Comparisons of values for evaluation, exactly as ANNOTATION.md ("How a prediction is matched")
says, shared by the kinds' match rules and by evaluate/ (match.py, fields.py). Pure functions over
plain dicts; both the gold shapes and the record-contract shapes are accepted.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

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


def same_count(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """The gold record states a count and the prediction states the same one."""
    number = number_key(gold.get("count"))
    return number is not None and number == number_key(pred.get("count"))


def same_count_and_per(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """The same count for the same unit of time (a target, a cadence)."""
    return same_count(gold, pred) and gold.get("per") == pred.get("per")
