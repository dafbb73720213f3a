"""Where and when a claim is when its own sentence does not say: what the document has named so far.

A count, a target or an operation whose sentence names no place of its own (and does not say
"nationwide") is placed by the document around it, as a reader would place it:

- the field office its sentence names as making the arrests ("ERO Tulsa arrested 40"), else
- the dateline of its own sentence ("SALINA, Kan. — Agents arrested 40 people Tuesday"): the
  story's place, unless the dateline is the seat of the federal government, whose desk files
  national news;
- a phrase that points back at places named before ("the two states", "both cities", "each
  county", "across the state", "the county's", "that office"): the places it points at;
- for a goal that names none of these ("a goal of eight arrests a day"), and neither the nation nor
  a nation's rate: the places of the operation the document tells of, else its dateline.

A count with no date of its own that points back at a period ("that year", "during those three
weeks", "the same period") takes the latest period named before it.

The pointing phrases are spaCy Matcher patterns kept as data in `patterns/anaphora.jsonl` (label
`plural`, `state`, `county`, `city`, `office`, `period`, or `nation` for the words that make a
claim nationwide); they are checked when they load.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.matcher import Matcher

from enforcement_tracker.extract.candidates import Candidate
from enforcement_tracker.extract.patterns_file import blank_tokenizer, labelled_matcher
from enforcement_tracker.extract.sentences import PlaceMention, Sentence
from enforcement_tracker.normalize.gazetteer import Gazetteer
from enforcement_tracker.normalize.numbers import parse_number

PATTERNS_FILE = "patterns/anaphora.jsonl"
LABELS = ("plural", "state", "county", "city", "office", "nation", "period")
# The kind of place a plural noun stands for ("the two metro areas" are cities).
_NOUN_KIND = {"cities": "city", "city": "city", "towns": "city", "town": "city", "metro": "city",
              "metropolitan": "city", "communities": "city", "community": "city", "states": "state",
              "state": "state", "counties": "county", "county": "county"}
# The seat of the federal government: a dateline there is the national desk, not a story's place.
_NATIONAL_DATELINE_STATES = frozenset({"DC"})
PLACED_KINDS = ("arrest_count", "target", "operation")


def parse_anaphora(text: str, source: str, vocab) -> Matcher:
    """A Matcher from JSONL anaphora patterns, or an ExtractError naming the bad line."""
    return labelled_matcher(text, source, vocab, LABELS)


@lru_cache(maxsize=1)
def _tokenizer_and_matcher():
    tokenizer = blank_tokenizer()
    text = resources.files("enforcement_tracker.extract").joinpath(PATTERNS_FILE).read_text("utf-8")
    return tokenizer, parse_anaphora(text, f"enforcement_tracker/extract/{PATTERNS_FILE}", tokenizer.vocab)


@lru_cache(maxsize=4096)
def anaphora(text: str) -> tuple[tuple[str, int, str | None, int | None], ...]:
    """(label, start character, kind of place, how many) of each pointing phrase in text."""
    tokenizer, matcher = _tokenizer_and_matcher()
    doc = tokenizer(text)
    out = []
    matches = sorted(matcher(doc, as_spans=False), key=lambda m: (m[1], -(m[2] - m[1])))
    covered = -1
    for match_id, start, end in matches:
        if start < covered:
            continue  # inside a longer phrase found first ("each of the three counties")
        covered = end
        label = doc.vocab.strings[match_id]
        words = [t.lower_ for t in doc[start:end]]
        kind = next((_NOUN_KIND[w] for w in reversed(words) if w in _NOUN_KIND), None)
        count = next((parse_number(t.text) for t in doc[start:end] if t.like_num), None)
        if label == "period":
            kind = next((w for w in reversed(words) if w in ("year", "years", "month", "months", "week", "weeks",
                                                               "day", "days")), None)
            kind = kind.rstrip("s") if kind else None
        out.append((label, doc[start].idx, kind if label in ("plural", "period") else label,
                    int(count) if count else None))
    return tuple(sorted(set(out), key=lambda x: x[1]))


def nationwide(text: str) -> bool:
    return any(label == "nation" for label, *_ in anaphora(text))


def _said_places(sent: Sentence) -> list[PlaceMention]:
    return [p for p in sent.places if not p.in_quote and p.role != "dateline"]


def _antecedent(kind: str, count: int | None, before: list[Sentence]) -> list[dict[str, Any]]:
    """The places of that kind the latest earlier sentence names together (two or more)."""
    for s in reversed(before):
        found: dict[tuple, dict[str, Any]] = {}
        for p in _said_places(s):
            if p.place.get("kind") == kind:
                found.setdefault((p.place.get("geonameid") or p.place.get("name"), p.place.get("state")), p.place)
        if len(found) >= 2 and (count is None or len(found) == count):
            return list(found.values())
    return []


def _latest(kind: str, before: list[Sentence], *, role: str | None = None) -> list[dict[str, Any]]:
    for s in reversed(before):
        for p in reversed(s.places):
            if p.in_quote:
                continue
            if role is not None and p.role == role:
                return [p.place]
            if role is None and p.place.get("kind") == kind and p.role != "office":
                return [p.place]
    return []


def _document_state(before: list[Sentence]) -> list[dict[str, Any]]:
    """The state the document is in: the latest state named, else the state of the latest place."""
    for s in reversed(before):
        for p in reversed(s.places):
            if not p.in_quote and p.place.get("kind") == "state":
                return [p.place]
    for s in reversed(before):
        for p in reversed(s.places):
            code = p.place.get("state")
            if not p.in_quote and code and code not in _NATIONAL_DATELINE_STATES:
                state = Gazetteer.open().state(code)
                return [state.to_dict()] if state else []
    return []


def _pointed(sent: Sentence, anchor: int, before: list[Sentence]) -> list[dict[str, Any]]:
    """The places a pointing phrase of the claim's clause stands for ([] when there is none)."""
    rel = anchor - sent.start
    phrases = sorted(anaphora(sent.text), key=lambda x: abs(x[1] - rel))
    upto = before + [sent]
    for label, _, kind, count in phrases:
        if label == "plural" and kind:
            places = _antecedent(kind, count, before)
        elif label == "state":
            places = _document_state(upto)
        elif label in ("county", "city"):
            places = _latest(label, upto)
        elif label == "office":
            places = _latest("", before, role="office")
        else:
            continue
        if places:
            return places
    return []


def _office(sent: Sentence) -> list[dict[str, Any]]:
    """Arrests placed only by the office that made them are at its city (ANNOTATION)."""
    return [p.place for p in sent.places if p.role == "office" and not p.in_quote][:1]


def _dateline(sent: Sentence) -> list[dict[str, Any]]:
    for p in sent.places:
        if p.role == "dateline" and p.place.get("state") not in _NATIONAL_DATELINE_STATES:
            return [p.place]
    return []


_PERIOD_KINDS = {"year": ("year", "fiscal_year", "relative_year"), "month": ("month", "month_year", "relative_month")}


def _earlier_period(kind: str | None, count: int | None, before: list[Sentence]) -> Any:
    """The latest period an earlier sentence names: of the kind the phrase says ("that year" a
    year), or for "those three weeks" a span of about that length; any span for "that period"."""
    for s in reversed(before):
        for d in reversed(s.dates):
            if not d.is_range or d.value is None or not (d.value.get("start") or {}).get("date"):
                continue
            if kind in _PERIOD_KINDS and d.kind not in _PERIOD_KINDS[kind]:
                continue
            if kind in ("week", "day") and count:
                start, end = d.value["start"]["date"], (d.value.get("end") or {}).get("date")
                if not end:
                    continue
                from datetime import date
                days = (date.fromisoformat(end) - date.fromisoformat(start)).days + 1
                want = count * (7 if kind == "week" else 1)
                if abs(days - want) > max(2, want // 4):
                    continue
            return dict(d.value)
    return None


def period_from_context(out: list[Candidate], sentences: list[Sentence]) -> None:
    """Give an undated count whose sentence points back at a period ("that year") that period."""
    for c in out:
        if c.kind != "arrest_count" or c.in_headline or c.fields.get("period") is not None:
            continue
        sent = sentences[c.sentence]
        for label, _, kind, count in anaphora(sent.text):
            if label == "period":
                period = _earlier_period(kind, count, sentences[:c.sentence])
                if period is not None:
                    c.fields["period"] = period
                break


def place_from_context(out: list[Candidate], sentences: list[Sentence]) -> None:
    """Give an unplaced count, target or operation the places its document context gives it."""
    for c in out:
        if c.kind not in PLACED_KINDS or c.in_headline:
            continue
        f = c.fields
        sent = sentences[c.sentence]
        if f.get("places") or f.get("nationwide") or nationwide(sent.text):
            continue
        if c.kind == "target" and f.get("scope") == "per_field_office":
            continue
        places = _pointed(sent, c.anchor, sentences[:c.sentence]) or _office(sent) or _dateline(sent)
        if not places and c.kind == "target" and not any(d.value for d in sent.dates):
            places = _setting(c, out, sentences)  # (a goal with a date of its own is another time's)
        if not places:
            continue
        f["places"] = [dict(p) for p in places]
        c.placed_by_context = True
        if c.kind == "target":
            f["scope"] = "place"


def _setting(target: Candidate, out: list[Candidate], sentences: list[Sentence]) -> list[dict[str, Any]]:
    """Where a goal that names no place is set: the places of the operation its document told of
    before it (or after, when the goal comes first), else the document's own dateline."""
    ops = [c for c in out if c.kind == "operation" and c.fields.get("places")]
    before = [c for c in ops if c.sentence <= target.sentence]
    op = before[-1] if before else (ops[0] if ops else None)
    if op is not None:
        return op.fields["places"]
    return next((_dateline(s) for s in sentences if _dateline(s)), [])
