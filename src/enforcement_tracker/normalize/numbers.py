"""Numbers as reporters write them: "1,200 to 1,500", "nearly half", "more than 20", "Twenty-one".

Our own rules find the number phrases; text2num reads number words. A phrase becomes a
NumberMention with its character span, so later rules can look at the words around it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from text_to_num import text2num

QUALIFIERS = {
    "more than": "more_than", "over": "more_than", "upwards of": "more_than", "in excess of": "more_than",
    "greater than": "more_than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "about": "about", "approximately": "about", "around": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "estimated": "about",
    "at least": "at_least", "no fewer than": "at_least", "a minimum of": "at_least",
    "fewer than": "fewer_than", "less than": "fewer_than", "under": "fewer_than",
    "up to": "up_to", "as many as": "up_to", "a maximum of": "up_to",
}
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ("hundred", "thousand", "million", "billion")
_WORD = r"(?:" + "|".join(_TENS + _UNITS[1:] + list(_SCALES)) + r")"
_WORD_NUMBER = rf"{_WORD}(?:[\s-]+(?:and\s+)?{_WORD})*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_SCALED = rf"(?:{_DIGITS})\s+(?:million|billion|thousand)"
# "a dozen", "half a dozen", "two dozen" (but not "dozens", which is no number)
_DOZEN = rf"(?:a|half\s+a|{_WORD})\s+dozen"
_NUMBER = rf"(?:{_DOZEN}|{_SCALED}|{_DIGITS}|{_WORD_NUMBER})"
# A number as written, in digits or words, for rules that look for one ahead of them (case-blind).
NUMBER_PATTERN = rf"(?i:{_NUMBER})"
_QUAL = r"(?:" + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True)) + r")"
_SHARE_WORDS = {
    "half": 0.5, "a half": 0.5, "one-half": 0.5, "a third": 1 / 3, "one-third": 1 / 3, "one third": 1 / 3,
    "two-thirds": 2 / 3, "two thirds": 2 / 3, "a quarter": 0.25, "one-quarter": 0.25, "one quarter": 0.25,
    "three-quarters": 0.75, "three quarters": 0.75, "a fifth": 0.2, "one-fifth": 0.2, "one fifth": 0.2,
    "two-fifths": 0.4, "two fifths": 0.4, "three-fifths": 0.6, "three fifths": 0.6, "four-fifths": 0.8,
    "four fifths": 0.8, "a tenth": 0.1, "one-tenth": 0.1, "one tenth": 0.1, "all": 1.0, "most": 0.5, "the majority": 0.5,
    "a majority": 0.5, "majority": 0.5,
}
_SHARE_WORD = r"(?:" + "|".join(sorted((re.escape(w) for w in _SHARE_WORDS), key=len, reverse=True)) + r")"

NUMBER_RE = re.compile(
    rf"(?<![\w$.\-])(?:(?P<between>between)\s+)?(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?P<low>{_NUMBER})"
    # "and" joins a range only after "between": "24 and 286" in a list is two numbers.
    rf"(?:(?(between)\s*(?:to|-|–|—|and)\s*|\s*(?:to|-|–|—)\s*)(?P<high>{_NUMBER}))?"
    # "two-thirds" is a share word, not the number two
    rf"(?P<pct>\s*(?:%|percent\b|per cent\b))?(?![\w]|-(?:thirds?|quarters?|fifths?|halves|half)\b)",
    re.I,
)
# "one in three", "four in five", "3 out of 4": a share said as a ratio
RATIO_RE = re.compile(rf"(?<![\w])(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_WORD}|\d{{1,2}})\s+(?:in|out\s+of)\s+(?P<den>{_WORD}|\d{{1,3}})(?![\w])", re.I)
SHARE_RE = re.compile(rf"(?<![\w])(?:(?P<qual>{_QUAL})\s+)?(?P<word>{_SHARE_WORD})(?![\w-])", re.I)


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: dict[str, Any]  # the contract's number or share object
    is_share: bool


# No count of people, operations or days reaches a billion; a bigger figure (a typo, a phone
# number, 30 digits) is no count, and could not be stored as one (SQLite integers stop at 2**63).
MAX_NUMBER = 1e9


@lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """A number phrase alone: '1,200' -> 1200, 'Twenty-one' -> 21, '1.2 million' -> 1200000.

    None for what is no number, and for any value past MAX_NUMBER or not finite.
    """
    value = _parse_number(text)
    if value is None or not math.isfinite(value) or abs(value) > MAX_NUMBER:
        return None
    return value


def _parse_number(text: str) -> float | None:
    t = text.strip().lower().replace("–", "-")
    m = re.fullmatch(r"([\d.,]+)\s+(thousand|million|billion)", t)
    if m:
        base = _to_float(m.group(1))
        return None if base is None else base * {"thousand": 1e3, "million": 1e6, "billion": 1e9}[m.group(2)]
    if re.fullmatch(r"[\d,]*\d(?:\.\d+)?", t):
        return _to_float(t)
    m = re.fullmatch(r"(a|half\s+a|[a-z]+)\s+dozen", t)
    if m:
        times = {"a": 1.0}.get(m.group(1)) or (0.5 if m.group(1).startswith("half") else _parse_number(m.group(1)))
        return None if times is None else times * 12
    try:
        return float(text2num(re.sub(r"\s+", " ", t.replace("-", " ")).replace(" and ", " "), "en"))
    except ValueError:
        try:
            return float(text2num(t, "en"))
        except ValueError:
            return None


def _to_float(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _clean(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 6)


def _vague_scale(before: str, low: str) -> bool:
    """'several hundred', 'a few thousand', 'many hundreds': a scale word with no number of its own is
    no number ('a hundred' is one)."""
    first = low.split()[0].lower().split("-")[0]
    return first in _SCALES and not re.search(r"\b(?:a|one)\s+$", before, re.I)


def find_numbers(text: str, offset: int = 0) -> list[NumberMention]:
    """Every count, range, percentage and share word in text, left to right."""
    found: list[NumberMention] = []
    taken: list[tuple[int, int]] = []
    for m in RATIO_RE.finditer(text):
        num, den = parse_number(m.group("num")), parse_number(m.group("den"))
        # "12 in 40 cities", "12 in 48 hours" count cities and hours: a ratio is not followed by a noun
        nxt = re.match(r"\s+([A-Za-z]+)", text[m.end():])
        counted = nxt is not None and (nxt.group(1).lower().endswith("s") and nxt.group(1).lower() not in
                                       ("was", "has", "is", "does", "says", "us", "this")) or \
            (nxt is not None and nxt.group(1).lower() in ("hour", "day", "week", "month", "year", "minute"))
        if num and den and 0 < num <= den and den <= 100 and not counted:
            qualifier = QUALIFIERS.get((m.group("qual") or "").lower(), "exact")
            found.append(NumberMention(offset + m.start(), offset + m.end(), m.group(0),
                                       {"value": _clean(num / den), "qualifier": qualifier}, True))
            taken.append((m.start(), m.end()))
    pos = 0
    while (m := NUMBER_RE.search(text, pos)) is not None:
        pos = m.end()
        if any(s <= m.start("low") < e for s, e in taken):
            continue
        low = parse_number(m.group("low"))
        if low is None or _vague_scale(text[:m.start()], m.group("low")):
            continue
        high = parse_number(m.group("high")) if m.group("high") else None
        if m.group("high") and (high is None or high <= low or _looks_like_date_or_year(m.group(0))
                                or _unlike_ends(m.group("low"), m.group("high"))):
            # "2024-2025", "June 1-7" and "5-4" are not ranges of people.
            high = None
            span_text = text[m.start():m.end("low")]
            end = m.end("low")
            pos = m.start("high")  # the second number may be a count of its own
        else:
            end = m.end()
            span_text = m.group(0)
        qualifier = QUALIFIERS.get((m.group("qual") or "").lower(), "exact")
        is_pct = bool(m.group("pct"))
        if is_pct and high is not None:
            # "60 to 70 percent": a range of shares, not of people
            value: dict[str, Any] = {"low": _clean(low / 100), "high": _clean(high / 100), "qualifier": qualifier}
        elif is_pct:
            value = {"value": _clean(low / 100), "qualifier": qualifier}
        elif high is not None:
            value = {"low": _clean(low), "high": _clean(high), "qualifier": qualifier}
        else:
            value = {"value": _clean(low), "qualifier": qualifier}
        if m.group("between") and high is None:
            continue
        found.append(NumberMention(offset + m.start(), offset + end, span_text, value, is_pct))
        taken.append((m.start(), end))
    for m in SHARE_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        word = m.group("word").lower()
        if word == "all" and not re.match(r"\s+(?:of|were|had|have|are)\b", text[m.end():]):
            continue
        if word in ("half", "a half") and re.match(r"[\s-]+(?:day|hour|century|decade|mile)", text[m.end():]):
            continue
        qualifier = QUALIFIERS.get((m.group("qual") or "").lower(), "exact")
        if word in ("most", "the majority", "a majority", "majority"):
            qualifier = "more_than"
        found.append(NumberMention(offset + m.start(), offset + m.end(), m.group(0),
                                   {"value": _clean(_SHARE_WORDS[word]), "qualifier": qualifier}, True))
    found.sort(key=lambda n: n.start)
    return found


def _unlike_ends(low: str, high: str) -> bool:
    """'from 2019 to 154,204' joins a year to a count: a range's two ends are written alike."""
    year = re.fullmatch(r"(?:1[89]|20)\d{2}", low.strip())
    return bool(year) and not re.fullmatch(r"(?:1[89]|20)\d{2}", high.strip())


def _looks_like_date_or_year(text: str) -> bool:
    return bool(re.search(r"\b(1[89]|20)\d{2}\s*[-–]\s*(?:(1[89]|20)?\d{2})\b", text))


def is_year(mention: NumberMention) -> bool:
    v = mention.value.get("value")
    return (not mention.is_share and isinstance(v, int) and 1900 <= v <= 2100 and "," not in mention.text
            and mention.value.get("qualifier") == "exact")


def number_key(value: dict[str, Any] | None) -> tuple:
    """What makes two numbers the same claim, whatever their hedges."""
    if not value:
        return ()
    return (value.get("value"), value.get("low"), value.get("high"))
