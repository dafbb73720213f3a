"""Counts by place or day told with the verb left out after the first: "Teams in Oregon made 44, in
Washington 37, in Idaho 28 and in Montana 18.", "They made 12 on Aug. 18, nine on Aug. 19 and seven on
Aug. 20", "Norwalk accounted for 13 of the arrests and Tiffin for eight", and lists set out a line each ("Salem — 19" under "The agency
released its arrest figures city by city:").

An item is a place after "in", then its number (the first with its verb: "made", "arrested"), and
nothing more before the next item. Such a list counts arrests when the sentence speaks of arrests or
follows, in its paragraph, a sentence that made an arrest count: each item is a part count in its own
place (not the list's every place, which the first number would otherwise take).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from enforcement_tracker.extract.candidates import Candidate
from enforcement_tracker.extract.count_fields import count_fields
from enforcement_tracker.extract.prefilter import LIST_LINE
from enforcement_tracker.extract.sentences import PlaceMention, Sentence
from enforcement_tracker.normalize.numbers import parse_number

# Between an item's place and its number: nothing, or the verb the first item carries.
_PLACE_TO_NUMBER = re.compile(r"^(?:,\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?,)?\s+(?:(?:made|arrested|detained|apprehended|"
                              r"took\s+into\s+custody)\s+)?(?P<another>another\s+|a\s+further\s+)?$")
# Before an item's place: "in", after the start, a comma, "and", or the subject of the first item.
_BEFORE_PLACE = re.compile(r"(?:^|\b)(?:in|across)\s+(?:the\s+state\s+of\s+)?$")
# After an item's number: the next item, or the end of the list.
_ITEM_END = re.compile(r"^(?:\s+(?:arrests|people))?\s*(?:[,.;]|\s+and\b|$)")
_ARRESTS = re.compile(r"\b(?:arrest\w*|apprehen\w*|detain\w*)\b", re.I)


def _items(sent: Sentence) -> list[tuple[PlaceMention, object, bool]]:
    """(place, number, whether it is "another" number) of each item of a list by place."""
    out = []
    places = sorted((p for p in sent.places if not p.landmark and not p.in_quote), key=lambda p: p.start)
    for n in sent.numbers:
        if n.is_share:
            continue
        place = next((p for p in reversed(places) if p.end <= n.start), None)
        between = _PLACE_TO_NUMBER.match(sent.text[place.end - sent.start:n.start - sent.start]) if place else None
        if between is None or not _BEFORE_PLACE.search(sent.text[:place.start - sent.start]) or \
                not _ITEM_END.match(sent.after(n.end, 20)):
            continue
        out.append((place, n, bool(between.group("another"))))
    return out


# "Norwalk accounted for 13 of the arrests and Tiffin for eight", "Kent accounted for another 9",
# "Lima and Findlay together accounted for 30": a place (or two, "together") that is the subject of
# "accounted for", then places with the verb left out.
_ACCOUNTED = re.compile(r"^\s+(?:together\s+)?accounted\s+for\s+(?:another\s+|a\s+further\s+|the\s+other\s+|"
                        r"the\s+remaining\s+)?$")
_REST_OF_A_COUNT = re.compile(r"\baccounted\s+for\s+(?:another|the\s+other|the\s+remaining|a\s+further)\b")
_SUBJECT_START = re.compile(r"(?:^|;\s+|,\s+(?:and\s+|while\s+)?)$")  # not "Phoenix and Tucson accounted for"
_AND = re.compile(r"^\s+and\s+$")
# After an item's number, the next: "(of the arrests), and Kent (for) (a little more than) 30".
_NEXT_ITEM = re.compile(r"^(?:\s+of\s+(?:the|those|all)\s+(?:arrests|people\s+arrested)|\s+(?:arrests|people))?\s*,?\s*(?:and\s+)?"
                        r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s+(?:for\s+)?"
                        r"(?:a\s+little\s+|just\s+|slightly\s+)?$")


def _accounted_items(sent: Sentence) -> list[tuple[list[PlaceMention], object]]:
    """The places and number of every item."""
    places = sorted((p for p in sent.places if not p.landmark and not p.in_quote), key=lambda p: p.start)
    numbers = [n for n in sent.numbers if not n.is_share]
    text, at = sent.text, sent.start
    for i, place in enumerate(places):
        n = next((x for x in numbers if x.start >= place.end), None)
        if n is None or not _SUBJECT_START.search(text[:place.start - at]):
            continue
        subject = [place]
        if i + 1 < len(places) and places[i + 1].end <= n.start and _AND.match(text[place.end - at:places[i + 1].start - at]):
            subject.append(places[i + 1])
        lead = text[subject[-1].end - at:n.start - at]
        if not _ACCOUNTED.match(lead) or (len(subject) == 2 and "together" not in lead) or \
                not _COUNTS_ARRESTS.match(sent.after(n.end, 40)) or not all(_in_the_us(p) for p in subject):
            continue  # "accounted for 30 of the complaints", "Mexico accounted for 40": no arrests in a US place
        return [(subject, n)] + _items_after(sent, n, numbers, _NEXT_ITEM, place.place.get("state"))
    return []


# "Pueblo had the most arrests, 18, followed by Trinidad with 9 and Walsenburg with four": a ranking.
_RANK_FIRST = re.compile(r"^\s+had\s+the\s+most(?:\s+arrests)?\s*(?:,|with)\s*$")
_RANK_NEXT = re.compile(r"^\s*,?\s*(?:followed\s+by|then|and)\s+(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})"
                        r"\s+(?:with\s+)?$")


def _ranked_items(sent: Sentence) -> list[tuple[list[PlaceMention], object]]:
    places = sorted((p for p in sent.places if not p.landmark and not p.in_quote), key=lambda p: p.start)
    numbers = [n for n in sent.numbers if not n.is_share]
    text, at = sent.text, sent.start
    for place in places:
        n = next((x for x in numbers if x.start >= place.end), None)
        if n is None or not _SUBJECT_START.search(text[:place.start - at]) or \
                not _RANK_FIRST.match(text[place.end - at:n.start - at]):
            continue
        items = [([place], n)] + _items_after(sent, n, numbers, _RANK_NEXT, place.place.get("state"))
        return items if len(items) >= 2 else []
    return []


# "By city, the agency's figures are 29 in Muskegon, 21 in Holland and 13 in Grand Haven": the figures,
# counts or numbers of a count told before, given place by place with no verb of their own.
_FIGURES_ARE = re.compile(r"\b(?:figures|numbers|counts|tallies|totals|breakdown)\s+(?:are|were|is|was)\s*:?\s*$", re.I)
_IN_ITS_PLACE = re.compile(r"^\s+in\s+$")
_LIST_JOINT = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")


# "The arrests included 20 in Xenia, 15 in Lima ...", "arrests in nine cities, among them 23 in ...":
# a list of a count's parts led in by what includes them, in a sentence that speaks of arrests
_PARTS_ARE = re.compile(r"\b(?:include[ds]?|including|among\s+(?:them|those|these)|with)\s*:?\s*$", re.I)
# "The week's arrests break down as follows: 17 in Findlay, nine in Lima and seven in Tiffin": led in by a colon
_COLON = re.compile(r":\s*$")


def _figures_by_place(sent: Sentence) -> list[tuple[list[PlaceMention], object]]:
    numbers = [n for n in sent.numbers if not n.is_share]
    # the list starts at the first number led in so ("arrests in nine cities, among them 23 in ...")
    first = next((i for i, n in enumerate(numbers) if _FIGURES_ARE.search(sent.before(n.start, 60)) or
                  ((_PARTS_ARE.search(sent.before(n.start, 60)) or _COLON.search(sent.before(n.start, 4)))
                   and _ARRESTS.search(sent.text[:n.start - sent.start]))),
                 None)
    if first is None:
        return []
    numbers = numbers[first:]
    places = [p for p in sent.places if not p.landmark and not p.in_quote and _in_the_us(p)]
    items, end = [], None
    for n in numbers:
        if end is not None and not _LIST_JOINT.match(sent.text[end - sent.start:n.start - sent.start]):
            break
        place = next((p for p in places if p.start > n.end and _IN_ITS_PLACE.match(sent.text[n.end - sent.start:p.start - sent.start])), None)
        if place is None:
            break
        items.append(([place], n))
        end = place.end
    return items if len(items) >= 2 else []


# "Findlay: 21; Lima: 15; Tiffin: 11", "Findlay, 22; Lima, 11; Tiffin, 6", "in Findlay, 31; in Lima, 15; and in
# Tiffin, 12": a list of pairs, each a place, a colon, comma or dash, and its number, the place first. What
# comes before a pair's place: the list's start (a colon, or the sentence's start), or the last pair's end.
_PAIR_PLACE = re.compile(r"(?:^|[:;,]\s*)(?:and\s+)?(?:in\s+)?(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
                         r"\s*(?P<sep>[:,—–-])\s*$")
_PAIR_JOINT = re.compile(r"^\s*(?P<mark>[;,])\s*(?:and\s+)?(?:in\s+)?$")


def _paired_items(sent: Sentence) -> list[tuple[list[PlaceMention], object]]:
    """The pairs of a list of places with their numbers, place first; two or more, every place in the
    United States (a list of countries is a split by nationality, no part of any count), and a list whose
    pairs are set apart by commas ("Lima, 22, Findlay, 11") is read only when semicolons part its items."""
    numbers = [n for n in sent.numbers if not n.is_share]
    text, at = sent.text, sent.start
    pairs: list[tuple[re.Match[str], object]] = []
    for n in numbers:
        m = _PAIR_PLACE.search(text[:n.start - at])
        if m is not None and _ITEM_END.match(sent.after(n.end, 20)):
            pairs.append((m, n))
    seen = [next((p for p in sent.places if p.start == at + m.start("name") and not p.in_quote and not p.landmark),
                 None) for m, _ in pairs]
    # a town the model did not see is looked up in the state of the list's other places
    state = next((p.place.get("state") for p in seen if p is not None and _in_the_us(p)), None)
    items: list[tuple[list[PlaceMention], object]] = []
    marks: set[str] = set()
    for i, ((m, n), where) in enumerate(zip(pairs, seen)):
        if items:
            joint = _PAIR_JOINT.match(text[pairs[i - 1][1].end - at:m.start("name")])
            if joint is None:
                break
            marks.add(joint.group("mark"))
        where = where or _named_place(sent, at + m.start("name"), at + m.end("name"), m.group("name"), state)
        if where is None or not _in_the_us(where):
            return []
        items.append(([where], n))
    commas = {m.group("sep") for m, _ in pairs[:len(items)]} == {","}
    if len(items) < 2 or (commas and ";" not in marks):
        return []
    return items


def _items_after(sent: Sentence, first, numbers: list, joint: re.Pattern[str], state: str | None) -> list:
    """The items after a list's first number, each a place named after `joint` and its number, while
    they go on ("..., and Tiffin for eight", "..., followed by Trinidad with 9")."""
    items, end, at = [], first.end, sent.start
    for m in (x for x in numbers if x.start > first.start):
        nxt = joint.match(sent.text[end - at:m.start - at])
        where = _named_place(sent, end + nxt.start("name"), end + nxt.end("name"), nxt.group("name"), state) if nxt else None
        if where is None:
            break
        items.append(([where], m))
        end = m.end
    return items


# After an item's number: the arrests it counts, or nothing more ("accounted for 29 of the arrests", "for 18").
_COUNTS_ARRESTS = re.compile(r"^(?:\s+(?:of\s+(?:the|those|all|them)(?:\s+(?:arrests|people\s+arrested|arrested))?|"
                             r"arrests|people))?\s*(?:[,.;]|\s+and\b|\s+with\b|\s+\w+\s+said\b|$)", re.I)


def _in_the_us(p: PlaceMention) -> bool:
    return bool(p.place.get("state")) and p.place.get("kind") != "country"


def _named_place(sent: Sentence, a: int, b: int, name: str, state: str | None) -> PlaceMention | None:
    """The place an item names: the sentence's mention there, else the gazetteer's town of that name in
    the state of the list's first place (never one invented)."""
    seen = next((p for p in sent.places if p.start == a and not p.in_quote and not p.landmark), None)
    if seen is not None:
        return seen
    place = _place_in(name, state, invent=False) if state else None
    return PlaceMention(a, b, name, place) if place else None


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


def gapped_parts(sent: Sentence, found: list[Candidate], *, after_a_count: bool, headline: bool,
                 counted_before: Collection[float] = ()) -> list[Candidate]:
    """`found` (the sentence's candidates) with the items of a gapped list as part counts, each in its
    own place or on its own day; `after_a_count`: the sentence before, in the same paragraph, made an
    arrest count; `counted_before`: the numbers of the arrest counts sentences before made."""
    placed, dated = _items(sent), _dated_items(sent)
    figures = _figures_by_place(sent) if counted_before else []
    paired = _paired_items(sent)
    accounted = _accounted_items(sent) or _ranked_items(sent) or figures or paired
    # "..., and across the state line in Shreveport, Louisiana, another 17": one more item of a list
    another = len(placed) == 1 and after_a_count and placed[0][2]
    placed = [(where, n) for where, n, _ in placed]
    items = accounted or (placed if len(placed) >= 2 or another else dated)
    # "Abilene accounted for the other five": a part of a count told before, wherever it was told
    told_before = bool(figures) or (bool(accounted) and _REST_OF_A_COUNT.search(sent.text) is not None)
    # "The agency broke the figure down by city: Findlay: 21; Lima: 15; Tiffin: 11": pairs that add up
    # to a count told before are its parts, though their sentence does not say arrests
    adds_up = bool(paired) and sum(n.value.get("value") or 0 for _, n in paired) in set(counted_before)
    # (a sentence after a count that sets out pairs of places and numbers may count anything else)
    after_a_count = after_a_count and not (paired and accounted is paired)
    if len(items) < (1 if accounted or another else 2) or \
            not (after_a_count or told_before or adds_up or _ARRESTS.search(sent.text)):
        return found
    numbers = {n.start for _, n in items}
    if items is dated and any(c.kind == "arrest_count" and c.anchor in numbers for c in found):
        return found  # "put arrests at 1,016 on Feb. 2, 1,122 on Feb. 3": counts of their days already
    kept = [c for c in found if not (c.kind == "arrest_count" and c.anchor in numbers)]
    for where, n in items:
        fields = count_fields(sent, n)
        if isinstance(where, list):
            fields.update(places=[p.place for p in where], nationwide=False)
        elif isinstance(where, PlaceMention):
            fields.update(places=[where.place], nationwide=False)
        else:
            fields.update(period=where.value)
        fields.update(scope="part")
        kept.append(Candidate(kind="arrest_count", start=sent.start, end=sent.end, sentence=sent.index,
                              paragraph=sent.paragraph, anchor=n.start, in_headline=headline,
                              in_quote=sent.in_quote(n.start), fields=fields))
    # "In Texarkana, they arrested 21, and ... in Shreveport another 17": a count placed before its
    # number does not also take the place of an item after it
    own = {(p.get("name"), p.get("state")) for c in kept[len(kept) - len(items):] for p in c.fields.get("places") or []}
    for c in kept[:len(kept) - len(items)]:
        places = c.fields.get("places") or []
        before = {(p.place.get("name"), p.place.get("state")) for p in sent.places if p.end <= c.anchor}
        if c.kind == "arrest_count" and len(places) > 1 and any((p.get("name"), p.get("state")) in before for p in places):
            rest = [p for p in places if (p.get("name"), p.get("state")) not in own]
            c.fields = {**c.fields, "places": rest or places}
    return kept


_LINE = re.compile(LIST_LINE)
# A row's label that names a place: capitalised words ("Salem", "Coeur d'Alene" aside), no totals.
_PLACE_LABEL = re.compile(r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}")
# "Indio Station: 250", "Hartford Field Office — 88": the office that made them is at its town (ANNOTATION)
_FACILITY = re.compile(r"\s+(?:(?:Border\s+Patrol\s+)?Station|Sub-?[Oo]ffice|(?:Field\s+|Resident\s+)?Office|Port\s+of\s+Entry)$")
# Row labels of lists and tables that name no place (count_tables.py reads them too).
NOT_PLACE_LABELS = frozenset({"Total", "Totals", "All", "All offices", "Other", "Others", "Unknown", "Statewide",
                              "Nationwide", "Elsewhere"})
# A line that introduces a list of arrest counts: it speaks of arrests and ends with a colon.
_LEAD_IN = re.compile(r"\b(?:arrest\w*|apprehen\w*)\b[^.]*:\s*$", re.I)


def starts_a_list(sent: Sentence) -> bool:
    """'The agency released its arrest figures city by city:': the lines after it count arrests."""
    return bool(_LEAD_IN.search(sent.text))


def list_period(sent: Sentence) -> dict | None:
    """The period a list's lead-in names ("Apprehensions by station for March:"), or None."""
    return next((d.value for d in sent.dates if d.value is not None and d.kind != "relative_day"), None)


def is_list_line(sent: Sentence) -> bool:
    return bool(_LINE.match(sent.text))


def line_part(sent: Sentence, *, in_a_list: bool, state: str | None, headline: bool,
              period: dict | None = None, home_place: dict | None = None) -> Candidate | None:
    """'Salem — 19', a line of a list whose lead-in (or the count before it) counts arrests: a part
    count in that place. `in_a_list`: the sentence before was such a line, a lead-in, or made an arrest
    count; `state`: the state of the list's places so far, for a name the model did not see as a place
    ('Nampa'), which is then the gazetteer's place of that name in that state, or a town of that name;
    `period`: the one the list's lead-in names, for a line that names none; `home_place`: the story's
    dateline, in whose state a label is only the gazetteer's own town, never one made up ("- Single
    Adults: 400" under a Texas dateline is no town), and where a line labelled by its day ("Monday: 212")
    is."""
    m = _LINE.match(sent.text)
    value = parse_number(m.group("n")) if m else None
    label = _FACILITY.sub("", m.group("name").strip()) if m else ""
    if m is not None and in_a_list and value is not None:
        day = next((d for d in sent.dates if d.start == sent.start + m.start("name") and not d.is_range
                    and (d.value or {}).get("date")), None)
        if day is not None:  # "Monday: 212", "March 4 — 187": a part on its day, where the story is
            return _dated_line(sent, m, int(value), day.value, home_place, headline)
    if m is None or not in_a_list or value is None or not _PLACE_LABEL.fullmatch(label) or label in NOT_PLACE_LABELS:
        return None
    a = sent.start + m.start("name") + (len(m.group("name")) - len(m.group("name").lstrip()))
    b = a + len(label)
    seen = next((p for p in sent.places if p.start <= a and b <= p.end + 1 and not p.in_quote), None)
    place = seen.place if seen is not None else (
        _place_in(label, state) if state else _place_in(label, (home_place or {}).get("state"), invent=False))
    if seen is not None and state and place.get("state") != state:
        # "Sunnyside" in a list of Washington cities is Washington's, not the most populous one
        place = _place_in(label, state, invent=False) or place
    if place is None or not place.get("state"):
        return None
    n = next((x for x in sent.numbers if x.start == sent.start + m.start("n")), None)
    fields = count_fields(sent, n) if n else {"period": None, "agencies": []}
    fields.update(count={"value": int(value), "qualifier": "exact"}, places=[place], scope="part", nationwide=False)
    if fields.get("period") is None:
        fields["period"] = period  # "Apprehensions by station for March:": the lead-in's
    return Candidate(kind="arrest_count", start=sent.start, end=sent.end, sentence=sent.index, paragraph=sent.paragraph,
                     anchor=sent.start + m.start("n"), in_headline=headline, fields=fields)


def _dated_line(sent: Sentence, m: re.Match[str], value: int, day: dict, place: dict | None,
                headline: bool) -> Candidate:
    n = next((x for x in sent.numbers if x.start == sent.start + m.start("n")), None)
    fields = count_fields(sent, n) if n else {"agencies": []}
    fields.update(count={"value": value, "qualifier": "exact"}, period=day, places=[place] if place else [],
                  scope="part", nationwide=False)
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
