"""Date phrases found by our own patterns, resolved by dateparser against the publication date.

dateparser's free-text search invents dates from words like "may" and "now", so it only ever
sees a span these patterns have already judged to be a date. Weekdays and dates without a
year resolve against the publication date, to the past or the future as the caller says (the
verb's tense decides); without a publication date they stay unresolved, their words kept.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
          r"Sep(?:tember|t\.|\.|t)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?P<part>morning|afternoon|evening|night))"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2}))"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("week_of_month", re.compile(rf"\b(?P<nth>first|second|third|fourth|last)\s+week\s+of\s+(?P<m1>{_MONTH})(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?\b", re.I)),
    ("weekend", re.compile(r"\b(?:over|during|on|this\s+past|last)\s+the\s+weekend\b|\b(?:this\s+past|last)\s+weekend\b", re.I)),
    # "June 1-7", "June 1-7, 2022", "Oct. 8 to Nov. 11, 2017", "June 14 through June 18",
    # "Oct. 1, 2023, through March 31, 2024"
    ("range", re.compile(
        rf"\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>(?:19|20)\d{{2}})(?:,(?=\s*(?:to|through|until)\b))?)?\s*(?:-|–|—|to|through|until|and)\s*"
        # "on March 3 and 12 more on March 5": a second day with no month of its own, then a noun, is a count
        rf"(?:(?P<m2>{_MONTH})\s+(?P<d2m>{_DAY})\b|(?P<d2>{_DAY})\b(?!\s+(?:more|people|others|of|were|was|in|at|"
        rf"arrests|workers|men|women)\b)){_YEAR}?")),
    # "the first half of fiscal 2019", "the second half of 2024", "the first six months of 2020"
    ("half_year", re.compile(r"\b(?P<nth>first|second|last)\s+(?:half|six\s+months)\s+of\s+(?:(?P<fiscal>fiscal\s+(?:year\s+)?|FY\s*)"
                             r"(?P<fy>(?:19|20)?\d{2})|(?P<year>(?:19|20)\d{2}))\b", re.I)),
    # "the first quarter of fiscal year 2021" (October to December 2020), "the third quarter of 2019"
    ("quarter", re.compile(r"\b(?P<nth>first|second|third|fourth|last)\s+quarter\s+of\s+(?:(?P<fiscal>fiscal\s+(?:year\s+)?|FY\s*)"
                           r"(?P<fy>(?:19|20)?\d{2})|(?P<year>(?:19|20)\d{2}))\b", re.I)),
    ("fiscal_year", re.compile(r"\b(?:fiscal\s+year|FY)\s*(?P<fy>(?:19|20)?\d{2})\b", re.I)),
    ("fiscal_year", re.compile(r"\bfiscal\s+(?P<fy>(?:19|20)\d{2})\b", re.I)),
    ("fiscal_year", re.compile(r"\b(?P<rel>last|this|next|the\s+previous|the\s+current)\s+fiscal\s+year\b", re.I)),
    ("month_day", re.compile(rf"\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\b(?!\s*(?:-|–)\s*\d){_YEAR}?{_PART}?")),
    # "on Saturday and Sunday": two days that make one period
    ("weekday_pair", re.compile(rf"\b(?P<w1>{_WEEKDAY})\s+(?:and|through|to|-|–)\s+(?P<w2>{_WEEKDAY})\b")),
    # not a habit: "every Monday", "each Friday", "on Saturday mornings"
    ("weekday", re.compile(rf"\b(?:(?P<rel>last|this|next|this past|this coming)\s+)?(?<!\b[Ee]very\s)(?<!\b[Ee]ach\s){_WEEKDAY}\b"
                           rf"(?!\s+(?:morning|afternoon|evening|night)s\b){_PART}?")),
    # "in January and February 2016": the year after the second month is the first's too
    ("month_pair", re.compile(rf"\b(?P<m1>{_MONTH})\s+(?:and|or|to|through|-|–)\s+(?P<m2>{_MONTH})\s+(?P<year>(?:19|20)\d{{2}})\b")),
    # "from March through May of this year", "between March and May last year"
    ("month_pair", re.compile(rf"\b(?P<m1>{_MONTH})\s+(?:and|to|through|-|–)\s+(?P<m2>{_MONTH})\s+(?:of\s+)?(?P<rel>this|last)\s+year\b")),
    ("month_year", re.compile(rf"\b(?P<m1>{_MONTH})\s+(?:of\s+)?(?P<year>(?:19|20)\d{{2}})\b")),
    # "in May of this year", "last December": a month of a year named from the publication day
    ("month_of_year", re.compile(rf"\b(?P<m1>{_MONTH})\s+of\s+(?P<rel>this|last|next)\s+year\b", re.I)),
    ("month", re.compile(rf"(?:(?<=\b[Ii]n\s)|(?<=\b[Ff]or\s)|(?<=\b[Dd]uring\s))(?P<m1>(?!May\b){_MONTH})\b(?!\s+\d)|"
                         rf"(?<=\b[Ii]n\s)(?P<may>May)(?=[.,;:]|$)")),
    ("relative_day", re.compile(r"\b(?P<rel>today|yesterday|tonight|this\s+(?:morning|afternoon|evening))\b", re.I)),
    ("relative_year", re.compile(r"\b(?P<rel>last|this|next)\s+year\b", re.I)),
    ("relative_week", re.compile(r"\b(?P<rel>last|this|next)\s+week\b", re.I)),
    ("relative_month", re.compile(r"\b(?P<rel>last|this|next)\s+month\b", re.I)),
    ("year", re.compile(r"(?:(?<=\b[Ii]n\s)|(?<=\b[Ff]or\s)|(?<=\b[Dd]uring\s)|(?<=\b[Tt]hroughout\s))(?P<year>(?:19|20)\d{2})\b(?![-–]\d)")),
    ("year", re.compile(r"\bcalendar\s+(?:year\s+)?(?P<year>(?:19|20)\d{2})\b", re.I)),
    ("administration", re.compile(
        r"\bsince\s+(?:the\s+)?(?:(?:President|former\s+President)\s+)?(?:(?:[A-Z][a-z]+|[A-Z]\.)\s+){0,2}?"
        r"(?:(?P<who>[A-Z][a-z]+)(?:['’]s)?\s+)?(?:[Aa]dministration(?:\s+(?:began|took\s+office|started))?|"
        r"inauguration|(?:took|returned\s+to)\s+office|was\s+(?:sworn\s+in|inaugurated))\b"
        r"|\bsince\s+the\s+inauguration\s+of\s+(?:President\s+)?(?:(?:[A-Z][a-z]+|[A-Z]\.)\s+){0,2}?(?P<who2>[A-Z][a-z]+)\b"
        r"|\bsince\s+the\s+(?:start|beginning)\s+of\s+the\s+(?:(?P<who3>[A-Z][a-z]+)\s+)?(?:administration|presidency)\b")),
]


# Every pattern above holds one of these words (at the start of a word) or a year: a text with
# none of them holds no date, and is not given to the twenty-one patterns one by one. The kinds the
# test was written for are listed; tests/test_normalize_dates.py fails on a pattern of another kind.
_MAY_HOLD_A_DATE = re.compile(r"(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|"
                              r"thursday|friday|saturday|sunday|week|month|year|today|yesterday|tonight|morning|"
                              r"afternoon|evening|fiscal|fy|since))|(?:19|20)\d\d")
GATED_KINDS = frozenset({"week_of_month", "weekend", "range", "half_year", "quarter", "fiscal_year", "month_day", "weekday_pair",
                         "weekday", "month_pair", "month_year", "month_of_year", "month", "relative_day",
                         "relative_year", "relative_week", "relative_month", "year", "administration"})


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    kind: str               # which pattern found it
    value: dict[str, Any]   # a date object, or {"start": date, "end": date}
    is_range: bool


def reference_date(published: str | None, *, for_year_only: bool = False) -> tuple[datetime | None, str]:
    """(base, precision): the publication date; a partial one counts from its last day."""
    if not published:
        return None, "none"
    parts = published.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return datetime(year, 12, 31), "year"
    month = int(parts[1])
    if len(parts) == 2:
        return datetime(year, month, calendar.monthrange(year, month)[1]), "month"
    return datetime(year, month, int(parts[2])), "day"


def date_obj(iso: str | None, precision: str = "day", part_of_day: str | None = None,
             text: str | None = None) -> dict[str, Any]:
    return {"date": iso, "precision": precision, "part_of_day": part_of_day, "text": text}


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FIXED_BASE = datetime(2001, 1, 1)  # any base: only the month and day of a yearless phrase are read


# The phrases _resolve builds are "<month> <day>" with an optional year, the month as the
# patterns spell it without its period. Those with a real calendar day are read by arithmetic:
# dateparser's first calls cost more than the rest of a document's dates (it compiles its
# locale's expressions), and its import is a tenth of a second. Whatever else (day 0 or 31 of
# a short month, 29 February without a year) still goes to dateparser, so every
# phrase reads as it did; tests/test_dates_fast.py holds the two readers to the same answers.
_MONTH_NUMBERS = {name: number for number, names in enumerate(
    [("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
     ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sep"), ("October", "Oct"),
     ("November", "Nov"), ("December", "Dec")], start=1) for name in names}
_PLAIN_PHRASE = re.compile(r"(?P<month>[A-Z][a-z]+) (?P<day>\d{1,2})(?: (?P<year>(?:19|20)\d{2}))?")


def _read_by_calendar(text: str) -> tuple[date, bool] | None:
    """(date, year written) for a plain "<month> <day>[ <year>]" naming a real day, else None."""
    m = _PLAIN_PHRASE.fullmatch(text)
    month = _MONTH_NUMBERS.get(m.group("month")) if m else None
    if m is None or month is None:
        return None
    year = int(m.group("year")) if m.group("year") else _FIXED_BASE.year
    day = int(m.group("day"))
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day), m.group("year") is not None


@lru_cache(maxsize=4096)
def _read(text: str) -> tuple[date, bool] | None:
    """Read the words once per distinct phrase: (date, whether a year was written)."""
    by_calendar = _read_by_calendar(text)
    if by_calendar is not None:
        return by_calendar
    return _read_by_dateparser(text)


def _read_by_dateparser(text: str) -> tuple[date, bool] | None:
    import dateparser  # only for phrases the calendar does not settle

    has_year = bool(re.search(r"\b(?:19|20)\d{2}\b", text))
    parsed = dateparser.parse(text, languages=["en"],
                              settings={"RELATIVE_BASE": _FIXED_BASE, "PREFER_DAY_OF_MONTH": "first"})
    return (parsed.date(), has_year) if parsed else None


def _parse(text: str, base: datetime | None, prefer: str, *, same_day: bool = True) -> date | None:
    """The day a phrase names, anchored to the base by calendar arithmetic: a weekday or a
    yearless date is the nearest such day before the base (past) or after it (future). A weekday
    that is the base's own names the base itself in a same-day report ("early Tuesday" in a
    Tuesday story), unless the words say otherwise ("last Tuesday": same_day False)."""
    lowered = text.strip().lower()
    if lowered in _WEEKDAYS:
        if base is None:
            return None
        delta = (base.weekday() - _WEEKDAYS.index(lowered)) % 7
        if prefer == "future":
            return (base + timedelta(days=(_WEEKDAYS.index(lowered) - base.weekday()) % 7 or 7)).date()
        return (base - timedelta(days=delta or (0 if same_day else 7))).date()
    read = _read(text)
    if read is None:
        return None
    day, has_year = read
    if has_year or base is None:
        return day if has_year else None
    try:
        candidate = day.replace(year=base.year)
    except ValueError:  # 29 February
        return None
    if prefer == "future" and candidate < base.date():
        candidate = candidate.replace(year=base.year + 1)
    elif prefer != "future" and candidate > base.date():
        candidate = candidate.replace(year=base.year - 1)
    return candidate


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _clean_month(text: str) -> str:
    """A month word as the readers take it: no period, "Sept" as "Sep" ("September" stays whole)."""
    bare = text.replace(".", "")
    return "Sep" if bare == "Sept" else bare


def find_dates(text: str, published: str | None, *, tense: str = "past", offset: int = 0) -> list[DateMention]:
    """Every date phrase in text with its resolved value. tense: 'past' or 'future'."""
    if not _MAY_HOLD_A_DATE.search(text):
        return []
    base, base_precision = reference_date(published)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            value, is_range = _resolve(kind, m, base, base_precision, tense)
            if value is None:
                continue
            found.append(DateMention(offset + m.start(), offset + m.end(), m.group(0), kind, value, is_range))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found


def _resolve(kind: str, m: re.Match[str], base: datetime | None, base_precision: str,
             tense: str) -> tuple[dict[str, Any] | None, bool]:
    words = m.group(0)
    prefer = "future" if tense == "future" else "past"
    if kind == "weekday":
        part = m.group("part")
        if base is None or base_precision != "day":
            return date_obj(None, "day", part, words), False
        rel = (m.group("rel") or "").lower()
        if rel in ("next", "this coming"):
            prefer = "future"
        elif rel in ("last", "this past"):
            prefer = "past"
        bare = re.sub(rf"^(?:{rel})\s+", "", words, flags=re.I) if rel else words
        day = _parse(re.sub(rf"\s+{part}$", "", bare) if part else bare, base, prefer,
                     same_day=rel not in ("last", "this past"))
        return date_obj(day.isoformat() if day else None, "day", part, words), False
    if kind == "weekday_pair":
        if base is None or base_precision != "day":
            return None, False
        second = _parse(m.group("w2"), base, prefer)
        first = _parse(m.group("w1"), datetime(second.year, second.month, second.day), "past") if second else None
        if first is None or second is None:
            return None, False
        return {"start": date_obj(first.isoformat(), text=words), "end": date_obj(second.isoformat(), text=words)}, True
    if kind == "half_year":
        first_half = m.group("nth").lower() == "first"
        if m.group("fiscal"):
            fy = int(m.group("fy"))
            fy = fy + 2000 if fy < 100 else fy
            start, end = (f"{fy - 1}-10-01", f"{fy}-03-31") if first_half else (f"{fy}-04-01", f"{fy}-09-30")
        else:
            y = int(m.group("year"))
            start, end = (f"{y}-01-01", f"{y}-06-30") if first_half else (f"{y}-07-01", f"{y}-12-31")
        return {"start": date_obj(start, "month", text=words), "end": date_obj(end, "month", text=words)}, True
    if kind == "quarter":
        nth = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": 3}[m.group("nth").lower()]
        if m.group("fiscal"):
            fy = int(m.group("fy"))
            fy = fy + 2000 if fy < 100 else fy
            year, first_month = (fy - 1, 10) if nth == 0 else (fy, 1 + 3 * (nth - 1))  # FY2021 began 2020-10-01
        else:
            year, first_month = int(m.group("year")), 1 + 3 * nth
        last = (date(year, first_month + 2, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return {"start": date_obj(f"{year}-{first_month:02d}-01", "month", text=words),
                "end": date_obj(last.isoformat(), "month", text=words)}, True
    if kind == "month_day":
        part = m.group("part")
        explicit_year = m.group("year")
        if not explicit_year and base is None:
            return date_obj(None, "day", part, words), False
        core = _clean_month(m.group("m1")) + " " + _digits(m.group("d1"))
        if explicit_year:
            core += f" {explicit_year}"
        day = _parse(core, base, prefer)
        return date_obj(day.isoformat() if day else None, "day", part, words), False
    if kind == "range":
        y2 = m.group("year")
        y1 = m.group("y1") or y2
        m1, m2 = _clean_month(m.group("m1")), _clean_month(m.group("m2") or m.group("m1"))
        d1, d2 = re.sub(r"\D", "", m.group("d1")), re.sub(r"\D", "", m.group("d2") or m.group("d2m"))
        if not (y1 or base):
            return {"start": date_obj(None, text=words), "end": date_obj(None, text=words)}, True
        end = _parse(f"{m2} {d2}" + (f" {y2}" if y2 else ""), base, prefer)
        start_base = datetime(end.year, end.month, end.day) if end else base
        start = _parse(f"{m1} {d1}" + (f" {y1}" if y1 else ""), start_base, "past")
        if not start or not end or start > end:
            return None, False
        return {"start": date_obj(start.isoformat(), text=words), "end": date_obj(end.isoformat(), text=words)}, True
    if kind == "fiscal_year":
        if m.groupdict().get("rel"):
            # federal fiscal years run October to September: FY2025 began 2024-10-01
            if base is None:
                return None, False
            current = base.year + 1 if base.month >= 10 else base.year
            shift = {"last": -1, "the previous": -1, "next": 1}.get(re.sub(r"\s+", " ", m.group("rel").lower()), 0)
            fy = current + shift
        else:
            fy = int(m.group("fy"))
            fy = fy + 2000 if fy < 100 else fy
        return {"start": date_obj(f"{fy - 1}-10-01", text=words), "end": date_obj(f"{fy}-09-30", text=words)}, True
    if kind == "month_year":
        return _month_range(_parse(f"{_clean_month(m.group('m1'))} 1 {m.group('year')}", None, "past"), words), True
    if kind == "month_of_year":
        if base is None:
            return None, False
        year = base.year + {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
        return _month_range(_parse(f"{_clean_month(m.group('m1'))} 1 {year}", None, "past"), words), True
    if kind == "month":
        if base is None:
            return None, False
        month = _clean_month(m.group("m1") or m.group("may"))
        return _month_range(_parse(f"{month} 1", base, prefer), words), True
    if kind == "month_pair":
        year = m.groupdict().get("year")
        if year is None:  # "of this year", "last year": the publication's year, or the one before
            if base is None:
                return None, False
            year = str(base.year - (1 if m.group("rel").lower() == "last" else 0))
        first = _parse(f"{_clean_month(m.group('m1'))} 1 {year}", None, "past")
        second = _month_range(_parse(f"{_clean_month(m.group('m2'))} 1 {year}", None, "past"), words)
        if first is None or second is None:
            return None, False
        return {"start": date_obj(first.isoformat(), "month", text=words), "end": second["end"]}, True
    if kind == "relative_day":
        if base is None or base_precision != "day":
            return date_obj(None, "day", None, words), False
        rel = m.group("rel").lower()
        day = base - timedelta(days=1) if rel == "yesterday" else base
        part = {"tonight": "night"}.get(rel) or (rel.split()[-1] if rel.startswith("this") else None)
        return date_obj(day.date().isoformat(), "day", part, words), False
    if kind == "relative_year":
        if base is None:
            return {"start": date_obj(None, "year", text=words), "end": date_obj(None, "year", text=words)}, True
        shift = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
        y = base.year + shift
        return {"start": date_obj(f"{y}-01-01", "year", text=words), "end": date_obj(f"{y}-12-31", "year", text=words)}, True
    if kind == "week_of_month":
        month = _clean_month(m.group("m1"))
        if m.group("year"):
            first = _parse(f"{month} 1 {m.group('year')}", None, "past")
        elif base is not None:
            first = _parse(f"{month} 1", base, prefer)
        else:
            first = None
        if first is None:
            return None, False
        last_day = calendar.monthrange(first.year, first.month)[1]
        nth = m.group("nth").lower()
        begin = last_day - 6 if nth == "last" else 1 + 7 * ("first", "second", "third", "fourth").index(nth)
        start, end = first.replace(day=begin), first.replace(day=min(begin + 6, last_day))
        return {"start": date_obj(start.isoformat(), "day", text=words), "end": date_obj(end.isoformat(), "day", text=words)}, True
    if kind == "weekend":
        if base is None or base_precision != "day":
            return None, False
        # the Saturday and Sunday before the report (a Sunday report's weekend ends that day)
        sunday = base - timedelta(days=(base.weekday() + 1) % 7)
        saturday = sunday - timedelta(days=1)
        return {"start": date_obj(saturday.date().isoformat(), "day", text=words),
                "end": date_obj(sunday.date().isoformat(), "day", text=words)}, True
    if kind == "relative_month":
        if base is None or base_precision not in ("day", "month"):
            return None, False
        shift = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
        month = base.month - 1 + shift
        return _month_range(date(base.year + month // 12, month % 12 + 1, 1), words), True
    if kind == "relative_week":
        # "this week" names no day: keep the words, leave the date open (ANNOTATION: null).
        return date_obj(None, "week", None, words), False
    if kind == "year":
        y = m.group("year")
        return {"start": date_obj(f"{y}-01-01", "year", text=words), "end": date_obj(f"{y}-12-31", "year", text=words)}, True
    if kind == "administration":
        day = term_start(m.group("who") or m.group("who2") or m.group("who3"), base.date() if base else None)
        return (date_obj(day, "day", None, words), False) if day else (None, False)
    return None, False


@lru_cache(maxsize=1)
def _terms() -> list[dict[str, Any]]:
    import json
    from importlib import resources

    text = resources.files("enforcement_tracker.normalize").joinpath("data/administrations.json").read_text("utf-8")
    return json.loads(text)["terms"]


def term_start(surname: str | None, on: date | None) -> str | None:
    """When the administration a text means began: the named president's term in force on the
    publication date (or the latest one before it), or with no name the term in force then."""
    terms = [t for t in _terms() if surname is None or t["surname"] == surname]
    if surname is not None and not terms:
        return None  # "since the Smith administration": not a president we know
    if on is None:
        return terms[-1]["start"] if terms else None
    held = [t for t in terms if t["start"] <= on.isoformat()]
    return held[-1]["start"] if held else None


def _month_range(first: date | None, words: str) -> dict[str, Any] | None:
    if first is None:
        return None
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return {"start": date_obj(first.isoformat(), "month", text=words), "end": date_obj(last.isoformat(), "month", text=words)}


_WEEKDAY_WORD = re.compile(rf"^(?:(?:this|next|last|this\s+past|this\s+coming)\s+)?{_WEEKDAY}\b", re.I)


def later_day(a: Any, b: Any) -> bool:
    """Whether date object a (a start, say) falls on a later day than date object b (an end)."""
    return bool(isinstance(a, dict) and isinstance(b, dict) and a.get("date") and b.get("date") and a["date"] > b["date"])


def order_range(start: dict[str, Any] | None, end: dict[str, Any] | None) -> tuple[Any, Any]:
    """An end never comes before its start. A weekday read to the wrong side ("began Friday and
    will run through Sunday", the Sunday read as past) moves a week; otherwise the end, which
    cannot be right, is dropped."""
    a = (start or {}).get("date") if isinstance(start, dict) else None
    b = (end or {}).get("date") if isinstance(end, dict) else None
    if not a or not b or len(a) != 10 or len(b) != 10 or b >= a:
        return start, end
    if _WEEKDAY_WORD.match(end.get("text") or "") and shift_days(b, 7) >= a:
        return start, {**end, "date": shift_days(b, 7)}
    if _WEEKDAY_WORD.match(start.get("text") or "") and shift_days(a, -7) <= b:
        return {**start, "date": shift_days(a, -7)}, end
    return start, None


def shift_days(iso: str, days: int) -> str:
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()
