"""Counts by place or day told with the verb left out after the first: "Teams in Oregon made 44, in
Washington 37, in Idaho 28 and in Montana 18.", "They made 12 on Aug. 18, nine on Aug. 19 and seven on
Aug. 20", "Yuma accounted for 29 of the arrests and Flagstaff for 18", and lists set out a line each ("Salem — 19" under "The agency
released its arrest figures city by city:").

Each item is a place after "in", then its number (the first with its verb: "made", "arrested"), and
nothing more before the next item. Such a list counts arrests when the sentence speaks of arrests or
follows, in its paragraph, a sentence that made an arrest count: each item is a part count in its own
place (not the list's every place, which the first number would otherwise take).
"""

from __future__ import annotations

import re

from enforcement_tracker.extract.candidates import Candidate
from enforcement_tracker.extract.count_fields import count_fields
from enforcement_tracker.extract.prefilter import LIST_LINE
from enforcement_tracker.extract.sentences import PlaceMention, Sentence
from enforcement_tracker.normalize.numbers import parse_number

# Between an item's place and its number: nothing, or the verb the first item carries.
_PLACE_TO_NUMBER = re.compile(r"^\s+(?:(?:made|arrested|detained|apprehended|took\s+into\s+custody)\s+)?$")
# Before an item's place: "in", after the start, a comma, "and", or the subject of the first item.
_BEFORE_PLACE = re.compile(r"(?:^|\b)(?:in|across)\s+(?:the\s+state\s+of\s+)?$")
# After an item's number: the next item, or the end of the list.
_ITEM_END = re.compile(r"^(?:\s+(?:arrests|people))?\s*(?:[,.;]|\s+and\b|$)")
_ARRESTS = re.compile(r"\b(?:arrest\w*|apprehen\w*|detain\w*)\b", re.I)


def _items(sent: Sentence) -> list[tuple[PlaceMention, object]]:
    out = []
    places = sorted((p for p in sent.places if not p.landmark and not p.in_quote), key=lambda p: p.start)
    for n in sent.numbers:
        if n.is_share:
            continue
        place = next((p for p in reversed(places) if p.end <= n.start), None)
        if place is None or not _PLACE_TO_NUMBER.match(sent.text[place.end - sent.start:n.start - sent.start]) or \
                not _BEFORE_PLACE.search(sent.text[:place.start - sent.start]) or \
                not _ITEM_END.match(sent.after(n.end, 20)):
            continue
        out.append((place, n))
    return out


# "Yuma accounted for 29 of the arrests and Flagstaff for 18", "Panama City accounted for another 19":
# a place that is the subject of "accounted for", then places with the verb left out.
_ACCOUNTED = re.compile(r"^\s+accounted\s+for\s+(?:another\s+|a\s+further\s+)?$")
_SUBJECT_START = re.compile(r"(?:^|;\s+|,\s+(?:and\s+|while\s+)?)$")  # not "Phoenix and Tucson accounted for"
_NEXT_ITEM = re.compile(r"^\s*,?\s*(?:and\s+)?$")
_NEXT_NUMBER = re.compile(r"^\s+(?:for\s+)?(?:a\s+little\s+|just\s+|slightly\s+)?$")


def _accounted_items(sent: Sentence) -> list[tuple[PlaceMention, object]]:
    places = sorted((p for p in sent.places if not p.landmark and not p.in_quote), key=lambda p: p.start)
    numbers = [n for n in sent.numbers if not n.is_share]
    text = sent.text
    for place in places:
        n = next((x for x in numbers if x.start >= place.end), None)
        if n is None or not _SUBJECT_START.search(text[:place.start - sent.start]) or \
                not _ACCOUNTED.match(text[place.end - sent.start:n.start - sent.start]):
            continue
        items, end = [(place, n)], n.end
        for nxt in places:
            m = next((x for x in numbers if x.start >= nxt.end), None)
            if nxt.start < end or m is None:
                continue
            if not _NEXT_ITEM.match(_skip_of_the_arrests(text[end - sent.start:nxt.start - sent.start])) or \
                    not _NEXT_NUMBER.match(text[nxt.end - sent.start:m.start - sent.start]):
                break
            items.append((nxt, m))
            end = m.end
        return items
    return []


def _skip_of_the_arrests(between: str) -> str:
    return re.sub(r"^\s+of\s+(?:the|those|all)\s+(?:arrests|people\s+arrested)\b", "", between)


# After an item's number: "on" and its day ("12 on Aug. 18, nine on Aug. 19 and seven on Aug. 20").
_ON_ITS_DAY = re.compile(r"^\s+(?:arrests\s+)?on\s+")


def _dated_items(sent: Sentence) -> list[tuple[object, object]]:
    out = []
    for n in sent.numbers:
        on = _ON_ITS_DAY.match(sent.after(n.end, 20))
        day = next((d for d in sent.dates if on and d.start == n.end + on.end() and not d.is_range
                    and (d.value or {}).get("date")), None) if on else None
        if n.is_share or day is None or not _ITEM_END.match(sent.after(day.end, 20)):
            continue
        out.append((day, n))
    return out


def gapped_parts(sent: Sentence, found: list[Candidate], *, after_a_count: bool, headline: bool) -> list[Candidate]:
    """`found` (the sentence's candidates) with the items of a gapped list as part counts, each in its
    own place or on its own day; `after_a_count`: the sentence before, in the same paragraph, made an
    arrest count."""
    placed, dated, accounted = _items(sent), _dated_items(sent), _accounted_items(sent)
    items = accounted or (placed if len(placed) >= 2 else dated)
    if len(items) < (1 if accounted else 2) or not (after_a_count or _ARRESTS.search(sent.text)):
        return found
    numbers = {n.start for _, n in items}
    if items is dated and any(c.kind == "arrest_count" and c.anchor in numbers for c in found):
        return found  # "put arrests at 1,016 on Feb. 2, 1,122 on Feb. 3": counts of their days already
    kept = [c for c in found if not (c.kind == "arrest_count" and c.anchor in numbers)]
    for where, n in items:
        fields = count_fields(sent, n)
        if isinstance(where, PlaceMention):
            fields.update(places=[where.place], nationwide=False)
        else:
            fields.update(period=where.value)
        fields.update(scope="part")
        kept.append(Candidate(kind="arrest_count", start=sent.start, end=sent.end, sentence=sent.index,
                              paragraph=sent.paragraph, anchor=n.start, in_headline=headline,
                              in_quote=sent.in_quote(n.start), fields=fields))
    return kept


_LINE = re.compile(LIST_LINE)
# A row's label that names a place: capitalised words ("Salem", "Coeur d'Alene" aside), no totals.
_PLACE_LABEL = re.compile(r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}")
# "Presidio Station: 402", "Hartford Field Office — 88": the office that made them is at its town (ANNOTATION)
_FACILITY = re.compile(r"\s+(?:(?:Border\s+Patrol\s+)?Station|Sub-?[Oo]ffice|(?:Field\s+|Resident\s+)?Office|Port\s+of\s+Entry)$")
_NOT_PLACES = frozenset({"Total", "Totals", "All", "Other", "Others", "Unknown", "Statewide", "Nationwide", "Elsewhere"})
# A line that introduces a list of arrest counts: it speaks of arrests and ends with a colon.
_LEAD_IN = re.compile(r"\b(?:arrest\w*|apprehen\w*)\b[^.]*:\s*$", re.I)


def starts_a_list(sent: Sentence) -> bool:
    """'The agency released its arrest figures city by city:': the lines after it count arrests."""
    return bool(_LEAD_IN.search(sent.text))


def list_period(sent: Sentence) -> dict | None:
    """The period a list's lead-in names ("Apprehensions by station for October:"), or None."""
    return next((d.value for d in sent.dates if d.value is not None and d.kind != "relative_day"), None)


def is_list_line(sent: Sentence) -> bool:
    return bool(_LINE.match(sent.text))


def line_part(sent: Sentence, *, in_a_list: bool, state: str | None, headline: bool,
              period: dict | None = None) -> Candidate | None:
    """'Salem — 19', a line of a list whose lead-in (or the count before it) counts arrests: a part
    count in that place. `in_a_list`: the sentence before was such a line, a lead-in, or made an arrest
    count; `state`: the state of the list's places so far, for a name the model did not see as a place
    ('Nampa'), which is then the gazetteer's place of that name in that state, or a town of that name;
    `period`: the one the list's lead-in names, for a line that names none."""
    m = _LINE.match(sent.text)
    value = parse_number(m.group("n")) if m else None
    label = _FACILITY.sub("", m.group("name").strip()) if m else ""
    if m is None or not in_a_list or value is None or not _PLACE_LABEL.fullmatch(label) or label in _NOT_PLACES:
        return None
    a = sent.start + m.start("name") + (len(m.group("name")) - len(m.group("name").lstrip()))
    b = a + len(label)
    seen = next((p for p in sent.places if p.start <= a and b <= p.end + 1 and not p.in_quote), None)
    place = seen.place if seen is not None else _place_in(label, state)
    if seen is not None and state and place.get("state") != state:
        # "Sunnyside" in a list of Washington cities is Washington's, not the most populous one
        place = _place_in(m.group("name"), state, invent=False) or place
    if place is None or not place.get("state"):
        return None
    n = next((x for x in sent.numbers if x.start == sent.start + m.start("n")), None)
    fields = count_fields(sent, n) if n else {"period": None, "agencies": []}
    fields.update(count={"value": int(value), "qualifier": "exact"}, places=[place], scope="part", nationwide=False)
    if fields.get("period") is None:
        fields["period"] = period  # "Apprehensions by station for October:": the lead-in's
    return Candidate(kind="arrest_count", start=sent.start, end=sent.end, sentence=sent.index, paragraph=sent.paragraph,
                     anchor=sent.start + m.start("n"), in_headline=headline, fields=fields)


def _place_in(name: str, state: str | None, *, invent: bool = True) -> dict | None:
    """The gazetteer's place of that name in that state; else (`invent`) a town of that name there."""
    if state is None:
        return None
    from enforcement_tracker.normalize.gazetteer import Gazetteer, unlisted_town

    place = Gazetteer.open().resolve(name, state)
    if place is None or place.state != state:
        if not invent:
            return None
        place = unlisted_town(name, state)
    return place.to_dict()


# "Of the 95 people arrested:" leads into rows of criminality ("With criminal convictions ..... 38").
_OF_THE_ARRESTED = re.compile(r"^\s*Of\s+(?:the|those)\s+(?P<n>\d[\d,]*)\s+(?:[\w-]+\s+){0,3}?(?:arrested|detained|apprehended)"
                              r"[^:.]*:\s*$", re.I)


def criminality_base(sent: Sentence) -> int | None:
    """The count a lead-in's rows of criminality qualify: 95 in 'Of the 95 people arrested:'."""
    m = _OF_THE_ARRESTED.match(sent.text)
    value = parse_number(m.group("n")) if m else None
    return int(value) if value else None


def criminality_row(sent: Sentence, base: int, headline: bool) -> Candidate | None:
    """'With criminal convictions ........ 38' under 'Of the 95 people arrested:': 38 of the 95, convicted."""
    from enforcement_tracker.extract.claims import category_of

    m = _LINE.match(sent.text)
    value = parse_number(m.group("n")) if m else None
    category = category_of(m.group("name")) if m else None
    if value is None or category is None or value > base:
        return None
    return Candidate(kind="criminality", start=sent.start, end=sent.end, sentence=sent.index, paragraph=sent.paragraph,
                     anchor=sent.start + m.start("n"), in_headline=headline, of_value=(base, None, None),
                     fields={"of": None, "category": category[0], "count": {"value": int(value), "qualifier": "exact"}})
