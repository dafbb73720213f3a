"""The red lines as a stage every record passes, after extraction and before anything stores or
prints it.

- No private person in a record: a speaker, a source's person or description, `issued_by`, a
  name anywhere in the record's words, or the one who tells of a count or an operation, unless the text presents that person in a public role
  (an office, a title, a spokesperson, an organisation they speak for). When unsure, refuse: a
  missing quote costs less than a private person in the ledger.
- No place finer than a town: no street, intersection, block or address, and no place that the
  text names only inside a street name ("Peoria Street" is not Peoria, AZ).
- No live tracking: no record from words that tell where agents are right now, and no plate or
  vehicle description.

Pure functions of the document text and its records, so the bulk path runs them unchanged.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from enforcement_tracker.guard.people import PUBLIC, People, is_organisation, name_pattern, name_words
from enforcement_tracker.guard.places import (PLACE_KINDS, live_in, place_is_coarse, place_refusal, street_in,
                                              vehicle_in)
from enforcement_tracker.guard import words as word_data
from enforcement_tracker.guard.sources import told_by_private_person
from enforcement_tracker.guard.words import GuardDataError
from enforcement_tracker.models import Extraction, Record

__all__ = ["REASONS", "GuardDataError", "GuardResult", "Refusal", "guard_extraction", "guard_records"]

# Why a record was refused; the order is the order the checks run in.
REASONS = ("private_person", "private_name", "private_source", "sub_city_place", "live_location", "vehicle")
_PERSON_KEYS = ("speaker", "issued_by", "person")


@dataclass(frozen=True)
class Refusal:
    """A refused record and why. `where` says which part failed and never repeats a name."""

    record: Record
    reason: str
    where: str


@dataclass
class GuardResult:
    kept: list[Record] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return dict(Counter(r.reason for r in self.refused))


def guard_records(text: str, records: list[Record], *,
                  is_place: Callable[[str], bool] | None = None, publisher: str | None = None) -> GuardResult:
    """Split the records of one document (its stored text) into the kept and the refused.

    `is_place` tells a place name from a person's ("Los Angeles" after "detained"); by default
    the gazetteer answers. `publisher`: the outlet's name, which the text may name ("shared with
    Example Wire", "DENVER (Example Wire) —") and which is no person's."""
    result = GuardResult()
    if not records:
        return result
    word_data.words()  # a broken word list fails here, naming its file, before any record is judged
    people = People(text)
    payloads = [_words_of(r) for r in records]
    # Only names that share a word with some record can leak into one: judge just those.
    only = set().union(*(name_words(p) for p in payloads))
    private = name_pattern(people.private_names(is_place or _gazetteer_names(), only=only, publisher=publisher))
    for record, payload in zip(records, payloads):
        refusal = _judge(text, record, payload, people, private, publisher)
        if refusal is None:
            result.kept.append(record)
        else:
            result.refused.append(Refusal(record, *refusal))
    return result


def guard_extraction(extraction: Extraction, *, is_place: Callable[[str], bool] | None = None) -> Extraction:
    """The extraction with refused records dropped and counted in `refused` (added to any count
    it already carries, so guarding twice counts nothing twice)."""
    result = guard_records(extraction.document.text, extraction.records, is_place=is_place,
                           publisher=extraction.document.publisher)
    counts = Counter(extraction.refused)
    counts.update(result.counts())
    return Extraction(extraction.document, result.kept, refused=dict(sorted(counts.items())))


def _judge(text: str, record: Record, payload: str, people: People,
           private: re.Pattern[str] | None, publisher: str | None = None) -> tuple[str, str] | None:
    for where, person in _persons(record):
        name, title = (person.get("name") or "").strip(), (person.get("title") or "").strip()
        if not name and not title:
            return "private_person", f"{where} has neither name nor title"
        if is_organisation(name or title) or (publisher and name and name.removeprefix("the ") in publisher):
            continue  # an agency, a group or the outlet itself is no private individual
        status = people.person(name, title).status if name else _title_status(people, title)
        if status != PUBLIC:
            return "private_person", f"{where} is not presented in a public role"
    for i, source in enumerate(record.sources):
        if source.description and _names_private_role(source.description):
            return "private_person", f"sources[{i}].description names a private role"
    if private is not None:
        if private.search(payload):
            return "private_name", "names a private person"
    if record.kind != "quote" and told_by_private_person(text, record.span, people):
        return "private_source", "only a private person tells of it"
    for where, place in _places(record.fields):
        if not place_is_coarse(place):
            return "sub_city_place", f"{where} is finer than a town"
        reason = place_refusal(text, record.span, place)
        if reason:
            return reason, f"{where} is named only as a street or where agents are right now"
    if street_in(record.quote):
        return "sub_city_place", "quote names a street, block or address"
    if live_in(record.quote):
        return "live_location", "quote tells where agents are now"
    if vehicle_in(record.quote):
        return "vehicle", "quote describes a vehicle or plate"
    return None


def _words_of(record: Record) -> str:
    """Every string a record carries (not its ids), one per line; a multi-word place name is
    blanked so that "San Luis" does not read as a private "Luis"."""
    strings: list[str] = []
    places: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            if key in _PLACE_KEYS and isinstance(value.get("name"), str) and " " in value["name"]:
                places.append(value["name"])
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)

    # The record's own parts, not record.to_dict(): asdict deep-copies every source, and the
    # guard reads every record of every document.
    walk(record.quote)
    walk(record.fields)
    for source in record.sources:
        walk([source.description, source.outlet, source.person])
    blob = "\n".join(strings)
    for place in sorted(set(places), key=len, reverse=True):
        blob = blob.replace(place, " " * len(place))
    return blob


def _title_status(people: People, title: str) -> str:
    return people.person("", title).status


def _names_private_role(description: str) -> bool:
    from enforcement_tracker.guard.people import _TOKEN, _is_word

    w = word_data.words()
    return any(_is_word(t, w.private) for t in _TOKEN.findall(description))


def _persons(record: Record) -> Iterator[tuple[str, dict[str, Any]]]:
    for key, value in record.fields.items():
        yield from _walk_persons(key, value)
    for i, source in enumerate(record.sources):
        if source.person:
            yield f"sources[{i}].person", source.person


def _walk_persons(where: str, value: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(value, dict):
        if where.split(".")[-1] in _PERSON_KEYS or ("title" in value and "name" in value):
            yield where, value
            return
        for k, v in value.items():
            yield from _walk_persons(f"{where}.{k}", v)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk_persons(f"{where}[{i}]", v)


_PLACE_KEYS = ("places", "place", "about")


def _places(value: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every place object in a record's fields: a dict with a name and a kind, under a place key
    or shaped like a gazetteer place (agencies carry `code`, persons `title`)."""
    if isinstance(value, dict):
        under_place_key = where.split(".")[-1].split("[")[0] in _PLACE_KEYS
        if "name" in value and "kind" in value and "code" not in value and "title" not in value \
                and (under_place_key or value.get("kind") in PLACE_KINDS or "geonameid" in value):
            yield where or "place", value
            return
        for k, v in value.items():
            yield from _places(v, f"{where}.{k}" if where else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _places(v, f"{where}[{i}]")


def _gazetteer_names() -> Callable[[str], bool]:
    """Is this name a place the gazetteer knows by exactly that name? Opened at the first question."""
    opened: list = []

    def is_place(name: str) -> bool:
        if not opened:
            from enforcement_tracker.normalize.gazetteer import Gazetteer

            opened.append(Gazetteer.open())
        return any(p.name == name for p in opened[0].lookup(name))

    return is_place
