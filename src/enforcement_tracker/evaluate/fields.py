"""Scoring the fields a match ignores, over matched pairs: is the place, date, status, category,
speaker... of a found record also right?

A matched pair is compared on a field only when the gold record carries it (gold written before a
field existed says nothing about it). Values are normalised first, so that differences of form are
not counted as errors (ANNOTATION.md): gold writes dates as strings ("2025-01-26", "2010-03"),
extraction as objects with a precision; gold writes a speaker as a string, extraction as a person;
a state may be a code or a name; an operation name may be "X Operations" or "Operation X".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Hashable, Iterable, NamedTuple

from enforcement_tracker.evaluate.match import date_intervals, number_key
from enforcement_tracker.kinds import registry
from enforcement_tracker.normalize.placenames import name_key, state_code


class Seen(NamedTuple):
    """A field's value as compared (`key`) and as shown in a listing (`shown`)."""

    key: Hashable
    shown: str


NONE = Seen(None, "∅")

# A reader gets the record to read and the gold record of the pair: some fields depend on which
# form gold chose (a criminality number is a count or a share).
Reader = Callable[[dict[str, Any], dict[str, Any]], Seen]
Present = Callable[[dict[str, Any]], bool]


@dataclass(frozen=True)
class Field:
    name: str
    read: Reader
    present: Present  # whether a gold record carries this field at all


# --- dates -------------------------------------------------------------------------------------

def _interval(value: Any) -> tuple[date, date] | None:
    """The days one date value covers (a day, a week, a month, a year); None when unresolved."""
    if isinstance(value, (list, tuple)) or (isinstance(value, dict) and ("start" in value or "end" in value)):
        return None  # a range is not one date
    intervals = date_intervals(value)
    return intervals[0] if intervals else None


def _show_interval(first: date | None, last: date | None) -> str:
    if first is None and last is None:
        return "∅"
    if first is not None and first == last:
        return first.isoformat()
    if first is not None and last is not None and first.day == 1 and (last + timedelta(days=1)).day == 1:
        if first.month == 1 and last.month == 12 and first.year == last.year:
            return str(first.year)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year}-{first.month:02d}"
    if first is None:
        return f"until {last.isoformat()}"  # type: ignore[union-attr]
    if last is None:
        return f"from {first.isoformat()}"
    return f"{first.isoformat()}..{last.isoformat()}"


def read_bound(value: Any, end: bool) -> Seen:
    """An operation's start (its first day) or end (its last day). As for a period, a start "in
    May 2025" is the same as one on 2025-05-01, an end "in May" the same as one on 2025-05-31."""
    interval = _interval(value)
    if interval is None:
        return NONE
    return Seen(interval[1] if end else interval[0], _show_interval(*interval))


def read_period(value: Any) -> Seen:
    """A period: one date, or a range with either end open; compared as (first day, last day).

    "in March 2021" is the same period whether written as the month or as its first and last day.
    """
    if value is None:
        return NONE
    if isinstance(value, dict) and ("start" in value or "end" in value):
        start, end = _interval(value.get("start")), _interval(value.get("end"))
        first, last = (start[0] if start else None), (end[1] if end else None)
    else:
        interval = _interval(value)
        first, last = interval if interval else (None, None)
    if first is None and last is None:
        return NONE
    return Seen((first, last), _show_interval(first, last))


# --- places, people, names ---------------------------------------------------------------------

def _place_key(place: Any) -> tuple[str, str | None] | None:
    if isinstance(place, str):
        place = {"name": place, "state": None}
    if not isinstance(place, dict):
        return None
    name = str(place.get("name") or "")
    raw_state = place.get("state")
    state = state_code(raw_state) if isinstance(raw_state, str) and raw_state.strip() else None
    if state is None and isinstance(raw_state, str) and raw_state.strip():
        state = raw_state.strip().upper()
    # "Aurora, Colo." and "Washington, D.C." name their state twice: the name is the part before.
    head, _, tail = name.rpartition(",")
    if head and state and state_code(tail.strip()) == state:
        name = head
    # A state written as a place ("Illinois", "Utah") is that state, however it is spelled.
    if state and state_code(name) == state:
        return (f"state {state}", state)
    return (name_key(name), state)


def read_places(record: dict[str, Any], _gold: dict[str, Any]) -> Seen:
    """Places as a set of (name, state): order and repetition do not count, every place does."""
    keys, shown = set(), set()
    for place in record.get("places") or []:
        key = _place_key(place)
        if key is not None:
            keys.add(key)
            shown.add(" ".join(str(place.get(k)) for k in ("name", "state") if place.get(k))
                      if isinstance(place, dict) else str(place))
    if not keys:
        return Seen(frozenset(), "nationwide/unplaced")
    return Seen(frozenset(keys), ", ".join(sorted(shown)))


_NON_NAME = re.compile(r"[^\w\s-]")


def person_key(text: str) -> str:
    """A person's name for comparison: case, accents, periods and apostrophes do not count."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    plain = re.sub(r"['’ʼ`.]", "", plain)
    return " ".join(_NON_NAME.sub(" ", plain).split())


def read_speaker(record: dict[str, Any], gold: dict[str, Any]) -> Seen:
    """The speaker's full name. A prediction's title may complete a name that gold gives as
    "title and surname" (the form the text uses when it never gives the full name)."""
    speaker = record.get("speaker")
    if isinstance(speaker, str):
        return Seen(person_key(speaker), speaker) if speaker.strip() else NONE
    if not isinstance(speaker, dict):
        return NONE
    name, title = str(speaker.get("name") or ""), str(speaker.get("title") or "")
    candidates = [c for c in (name, f"{title} {name}".strip(), title) if c.strip()]
    if not candidates:
        return NONE
    gold_key = read_speaker(gold, gold).key if record is not gold else None
    for candidate in candidates:
        if person_key(candidate) == gold_key:
            return Seen(gold_key, candidate)
    return Seen(person_key(candidates[0]), candidates[0])


_OPERATION_SUFFIX = re.compile(r"^(.*?)\s+operations?$")


def read_name(record: dict[str, Any], _gold: dict[str, Any]) -> Seen:
    """An operation's name as "operation x" ("X Operations", "Operation X", "operation x")."""
    name = record.get("name")
    if not isinstance(name, str) or not name.strip():
        return NONE
    key = " ".join(name.replace("’", "'").replace("‘", "'").casefold().split())
    key = key[4:] if key.startswith("the ") else key
    if not key.startswith("operation "):
        suffix = _OPERATION_SUFFIX.match(key)
        key = "operation " + (suffix.group(1) if suffix else key)
    return Seen(key, name)


_QUOTE_MARKS = "\"'“”‘’«»"


def read_quote_text(record: dict[str, Any], _gold: dict[str, Any]) -> Seen:
    """The quoted words, without their marks or final punctuation (coders differ on keeping a
    sentence's last period); spacing and curly quotes do not count."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return NONE
    key = " ".join(text.split()).strip(_QUOTE_MARKS + " ").rstrip(",.;:").strip()
    key = key.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return Seen(key, text)


# --- numbers, sources, plain words ---------------------------------------------------------------

def _number_field(record: dict[str, Any], gold: dict[str, Any]) -> str:
    """Which number a pair's qualifier is read from: a kind with a `share` field (criminality)
    states a count or a share."""
    kind = registry.find(record.get("kind"))
    if kind is not None and "share" in kind.field_names and not isinstance(gold.get("count"), dict):
        return "share"
    return "count"


def read_qualifier(record: dict[str, Any], gold: dict[str, Any]) -> Seen:
    number = record.get(_number_field(record, gold))
    if not isinstance(number, dict):
        return NONE
    qualifier = number.get("qualifier") or "exact"  # an unhedged number is exact (ANNOTATION.md)
    return Seen(qualifier, qualifier)


def _has_number(gold: dict[str, Any]) -> bool:
    return isinstance(gold.get(_number_field(gold, gold)), dict)


def read_of_count(record: dict[str, Any], _gold: dict[str, Any]) -> Seen:
    """The count a criminality record qualifies, by its value (gold: a number or [low, high])."""
    value = record.get("of_count")
    if isinstance(value, (list, tuple)) and len(value) == 2:
        value = {"low": value[0], "high": value[1]}
    key = number_key(value)
    if key is None:
        return NONE
    shown = "–".join(f"{n:g}" for n in key[1:] if n is not None)
    return Seen(key, shown)


def read_source_kinds(record: dict[str, Any], _gold: dict[str, Any]) -> Seen:
    """Who says it, by kind of source (named, anonymous, outlet, ...), as a set."""
    kinds = set()
    for source in record.get("sources") or []:
        kind = source.get("kind") if isinstance(source, dict) else source
        if isinstance(kind, str) and kind:
            kinds.add(kind)
    return Seen(frozenset(kinds), ", ".join(sorted(kinds)) or "none")


def word(key: str) -> Reader:
    """A field holding one word (status, category, scope, unit): equal when the words are."""
    def read(record: dict[str, Any], _gold: dict[str, Any]) -> Seen:
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            return NONE
        return Seen(value.strip().casefold(), value)
    return read


def date_field(key: str, *, end: bool) -> Reader:
    return lambda record, _gold: read_bound(record.get(key), end)


def carries(key: str) -> Present:
    return lambda gold: key in gold


FIELDS: dict[str, Field] = {f.name: f for f in (
    Field("places", read_places, carries("places")),
    Field("period", lambda record, _gold: read_period(record.get("period")), carries("period")),
    Field("start", date_field("start", end=False), carries("start")),
    Field("end", date_field("end", end=True), carries("end")),
    Field("status", word("status"), carries("status")),
    Field("name", read_name, carries("name")),
    Field("scope", word("scope"), carries("scope")),
    Field("category", word("category"), carries("category")),
    Field("of_count", read_of_count, carries("of_count")),
    Field("qualifier", read_qualifier, _has_number),
    Field("unit", word("unit"), carries("unit")),
    Field("speaker", read_speaker, carries("speaker")),
    Field("text", read_quote_text, carries("text")),
    Field("sources", read_source_kinds, carries("sources")),
)}

def scored_fields(kind: str) -> tuple[str, ...]:
    """The fields scored for a kind, beyond what its match rule already requires to be equal: its
    `scored_fields` slot, read when scoring so that a kind registered later is scored too."""
    found = registry.find(kind)
    return found.scored_fields if found else ()


# --- scoring ---------------------------------------------------------------------------------------

@dataclass
class FieldTally:
    compared: int = 0
    equal: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.equal / self.compared if self.compared else None

    def to_dict(self) -> dict[str, Any]:
        return {"compared": self.compared, "equal": self.equal, "accuracy": self.accuracy}


@dataclass
class Comparison:
    """One field of one matched pair."""

    file: str
    kind: str
    field: str
    gold: Seen
    predicted: Seen
    evidence: str = ""
    ambiguous: bool = False
    pair: tuple[int, int] = (0, 0)  # (gold index, prediction index) in the text

    @property
    def equal(self) -> bool:
        return self.gold.key == self.predicted.key

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "kind": self.kind, "field": self.field, "gold": self.gold.shown,
                "predicted": self.predicted.shown, "evidence": self.evidence,
                "ambiguous": self.ambiguous}


def compare_pair(gold: dict[str, Any], pred: dict[str, Any], *, file: str = "",
                 pair: tuple[int, int] = (0, 0)) -> list[Comparison]:
    """Every field gold carries for this kind, compared between gold and the matched prediction."""
    kind = str(gold.get("kind"))
    evidence = str(gold.get("evidence") or pred.get("evidence") or "")
    out = []
    for name in scored_fields(kind):
        rule = FIELDS[name]
        if rule.present(gold):
            out.append(Comparison(file, kind, name, rule.read(gold, gold), rule.read(pred, gold),
                                  evidence, bool(gold.get("ambiguous")), pair))
    return out


def compare_text(file: str, gold: list[dict[str, Any]], predicted: list[dict[str, Any]],
                 pairs: dict[int, int]) -> list[Comparison]:
    """The field comparisons of every matched pair of one text, in gold order."""
    return [c for gi, pj in sorted(pairs.items())
            for c in compare_pair(gold[gi], predicted[pj], file=file, pair=(gi, pj))]


@dataclass
class FieldScores:
    """Per kind, per field: how many matched pairs were compared, how many agreed."""

    per_kind: dict[str, dict[str, FieldTally]] = field(default_factory=dict)

    def add(self, comparisons: Iterable[Comparison]) -> None:
        for c in comparisons:
            tally = self.per_kind.setdefault(c.kind, {}).setdefault(c.field, FieldTally())
            tally.compared += 1
            tally.equal += c.equal

    def rows(self, kinds: Iterable[str]) -> list[tuple[str, str, FieldTally]]:
        """(kind, field, tally) in kind order, then in the kind's field order."""
        out = []
        for kind in kinds:
            tallies = self.per_kind.get(kind, {})
            declared = scored_fields(kind)
            order = list(declared) + sorted(set(tallies) - set(declared))
            out.extend((kind, name, tallies[name]) for name in order if name in tallies)
        return out

    def to_dict(self, kinds: Iterable[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for kind, name, tally in self.rows(kinds):
            out.setdefault(kind, {})[name] = tally.to_dict()
        return out
