"""Sentences of a document with what the rules look at: places, quotes, numbers, dates, tense."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from spacy.tokens import Span

from enforcement_tracker.extract.lexicon import alternation, word_set
from enforcement_tracker.normalize.agencies import find_agencies
from enforcement_tracker.normalize.dates import DateMention, find_dates
from enforcement_tracker.normalize.gazetteer import DocumentPlaces, unlisted_town
from enforcement_tracker.normalize.numbers import NUMBER_PATTERN, NumberMention, find_numbers, is_year
from enforcement_tracker.normalize.placenames import OPENING_PLACE_PREPOSITIONS, state_code

_QUOTE_RE = re.compile(r"[“\"]([^”\"\n]{1,1500})[”\"]|(?!)()")
_LANDMARK_BEFORE = re.compile(
    r"(?:outside(?:\s+of)?|near|north\s+of|south\s+of|east\s+of|west\s+of|miles\s+from|minutes\s+from|"
    r"suburbs?\s+of|away\s+from|from\s+downtown)\s+(?:the\s+)?$", re.I)
_NOT_PLACES = {"U.S.", "US", "United States", "America", "the United States", "U.S", "USA", "Nation", "Homeland"}
_SPEECH = word_set("speech_verb", lower=True) | {"according"}
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_PAST_AUX = {"was", "were", "had", "has", "have", "did"}
_RESCHEDULED_TO = re.compile(r"\b(?:pushed\s+back|postponed|delayed|moved|rescheduled|put\s+off)\s+(?:to|until|till|for)\s+$", re.I)
_TITLED_NAME = re.compile(rf"\b{alternation('role_noun')},?\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’-]+){{1,2}})\b"
                          r"(?=\s*(?:,|said|says|told|wrote|added|\(|$))")
_PLAN_VERBS = {"plan", "plans", "intend", "intends", "expect", "expects", "prepare", "prepares", "schedule", "schedules"}
_FUTURE_WORDS = re.compile(r"\b(?:will|to come|next|plans? to|planned|scheduled|set to|expected to|upcoming|is to|are to)\b", re.I)


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    place: dict[str, Any]
    landmark: bool = False
    in_quote: bool = False
    # Why a place is not what the sentence is about: "dateline" (where the text was written),
    # "office" (an agency's field office, sector or area of responsibility), "landmark".
    role: str | None = None


@dataclass
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    span: Span | None
    quotes: list[tuple[int, int]] = field(default_factory=list)   # absolute offsets of quoted text
    places: list[PlaceMention] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    agencies: list[dict[str, Any]] = field(default_factory=list)
    persons: list[tuple[int, int, str]] = field(default_factory=list)
    orgs: list[tuple[int, int, str]] = field(default_factory=list)
    # The frames (extract.frames.Frame by number offset) of the sentence's window, found when a rule
    # first asks for one: most windows' numbers are never asked about, and the matcher costs.
    window_frames: Callable[[], dict[int, Any]] | None = None

    def frame(self, start: int, end: int) -> Any:
        """The quantity frame of the number written between start and end, if the parse gave one."""
        frames = self.window_frames() if self.window_frames is not None else {}
        return next((f for at, f in frames.items() if self.start <= at < self.end and start <= at < end), None)

    def local(self, start: int, end: int) -> str:
        return self.text[start - self.start:end - self.start]

    def before(self, offset: int, width: int = 80) -> str:
        rel = offset - self.start
        return self.text[max(0, rel - width):rel]

    def after(self, offset: int, width: int = 80) -> str:
        rel = offset - self.start
        return self.text[rel:rel + width]

    def in_quote(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.quotes)

    def real_places(self) -> list[PlaceMention]:
        """Places the sentence is about: no landmarks, nothing inside quotes, each place once."""
        out: list[PlaceMention] = []
        seen: set[tuple] = set()
        for p in self.places:
            key = (p.place.get("geonameid") or p.place.get("name"), p.place.get("state"))
            if p.landmark or p.in_quote or key in seen:
                continue
            seen.add(key)
            out.append(p)
        return out


_OPERATION_NAME = re.compile(r"\bOperation\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}")


def analyse_sentence(span: Span, index: int, paragraph: int, offset: int, published: str | None,
                     places: DocumentPlaces) -> Sentence:
    text = span.text
    start = offset + span.start_char
    sent = Sentence(index=index, paragraph=paragraph, start=start, end=start + len(text), text=text, span=span)
    for m in _QUOTE_RE.finditer(text):
        g = 1 if m.group(1) is not None else 2
        sent.quotes.append((start + m.start(g), start + m.end(g)))
    sent.numbers = [n for n in find_numbers(text, start) if not is_year(n)]
    sent.dates = _dates_with_tense(span, text, start, published)
    # Numbers inside date phrases ("June 1-7", "Jan. 26, 2025") are not counts.
    sent.numbers = [n for n in sent.numbers if not any(d.start <= n.start < d.end for d in sent.dates)]
    sent.agencies = find_agencies(text)
    _capital_dateline(sent, places)  # first, so that its state guides the places after it
    # words of an operation's name are no place, unless one of the story's state
    named = [(start + m.start(), start + m.end()) for m in _OPERATION_NAME.finditer(text)]
    for ent in span.ents:
        a, b = offset + ent.start_char, offset + ent.end_char
        in_a_name = any(x <= a < y for x, y in named)
        if ent.label_ == "PERSON":
            sent.persons.append((a, b, ent.text))
        elif ent.label_ == "ORG":
            sent.orgs.append((a, b, ent.text))
        elif ent.label_ in ("GPE", "LOC") and ent.text not in _NOT_PLACES and \
                not any(p.start <= a < p.end for p in sent.places):
            hint = places.state_hint()  # the story's state before this name is read
            mention = _place_mention(sent, ent.text, a, b, places)
            if mention and in_a_name and (hint is None or mention.place.get("state") != hint):
                continue  # "Operation Quiet Lincoln" in a Georgia story is not Lincoln, Neb. ("Operation Charlotte's Web" there is Charlotte)
            if mention:
                sent.places.append(mention)
    _county_mentions(sent, places)
    _listed_towns(sent, places)
    _town_list(sent, places)
    _joined_towns(sent, places)
    _towns_named_before(sent, places)
    _titled_names(sent)
    sent.places.sort(key=lambda p: p.start)
    sent.places = _drop_qualifying_states(sent)
    _one_state_lists(sent, places)
    _office_holders_alone(sent)
    for p in sent.places:
        if not p.landmark and not p.in_quote:
            places.mentioned(p.text, p.place)
    return sent


# Between two towns of one list: a comma, "and", or both.
_LIST_JOINT = re.compile(r"^(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")


def _one_state_lists(sent: Sentence, places: DocumentPlaces) -> None:
    """'Mansfield and Findlay': towns named together, none with its state, are towns of one state
    where the gazetteer has a town of each name in one (the first town's state first), not each the
    most populous of its name (Mansfield, Texas)."""
    towns = [p for p in sent.places if p.place.get("kind") == "city" and not p.role and not p.in_quote]
    groups: list[list[PlaceMention]] = []
    for p in towns:
        if groups and _LIST_JOINT.match(sent.text[groups[-1][-1].end - sent.start:p.start - sent.start]):
            groups[-1].append(p)
        else:
            groups.append([p])
    for group in groups:
        states = {p.place.get("state") for p in group}
        if len(group) < 2 or len(states) < 2 or any(_state_after(sent.after(p.end, 30)) for p in group):
            continue
        shared = set.intersection(*({t.state for t in places.gazetteer.lookup(p.text) if t.kind == "city"} for p in group))
        first = group[0].place.get("state")
        state = first if first in shared else (next(iter(shared)) if len(shared) == 1 else None)
        if state is None:
            continue
        for p in group:
            if p.place.get("state") != state:
                town = places.resolve(p.text, state)
                if town is not None and town.state == state:
                    p.place = town.to_dict()


# After a place's name: words that may be its state, named ("Kenton, Ohio") or abbreviated ("Kenton, O.").
_STATE_AFTER = re.compile(r",\s*((?:[A-Z][a-z]+\.?\s?){1,2}|[A-Z]{2}\b|D\.C\.)")


def _state_after(after: str) -> str | None:
    """The code of the state written right after a place's name (the text after it), or None."""
    m = _STATE_AFTER.match(after)
    return state_code(m.group(1).strip().rstrip(",")) if m else None


def _titled_names(sent: Sentence) -> None:
    """'spokeswoman Tasha Greer said': a capitalised name right after a role noun is a person, even
    where the statistical NER read it as a place or a nationality."""
    for m in _TITLED_NAME.finditer(sent.text):
        a, b = sent.start + m.start("name"), sent.start + m.end("name")
        if any(p[0] <= a < p[1] for p in sent.persons) or sent.in_quote(a) or \
                any(w in word_set("title_word") for w in m.group("name").split()):
            continue  # "Sector Chief Patrol Agent": more title, not a name
        sent.persons.append((a, b, m.group("name")))
        sent.places = [p for p in sent.places if not (a <= p.start < b)]
    sent.persons.sort()


_CAPS_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'’ -]{1,38}[A-Z.])(?:,\s*([A-Z][\w.]*(?:\s[A-Z][\w.]*)?))?\s*"
                            r"(?:(?P<credit>\([\w .,&'’-]{1,30}\))\s*)?[-–—]")


# A section's dateline, a line of its own in a round-up of several towns: "KENTON, Ohio".
_SECTION_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'’ -]{1,38}[A-Z.]),\s*([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s*$")


def _capital_dateline(sent: Sentence, places: DocumentPlaces) -> None:
    """'SALINA, Kan. -', 'DENVER (AP) —' and 'DENVER (Jan. 27, 2025) —': a dateline in capitals, which
    the name ruler misses (the brackets hold a credit or a date). A section's dateline on a line of
    its own ("KENTON, Ohio" over the paragraphs about Kenton) sets the state the same way, and its
    town is one the document names: "In Kenton, officers arrested 11" under it is that town, though
    the ruler does not list towns that small."""
    section = _SECTION_DATELINE.match(sent.text)
    if section and state_code(section.group(2).strip()):
        state = state_code(section.group(2).strip())
        town = places.resolve(section.group(1).strip().title(), state)
        if town is not None and town.state == state:
            places.set_in(state)
            if town.kind == "city":
                places.mentioned(town.name, town.to_dict())
        return
    m = _CAPS_DATELINE.match(sent.text)
    if not m or any(p.start < sent.start + m.end(1) for p in sent.places):
        return
    state = state_code(m.group(2).strip()) if m.group(2) else None
    name = m.group(1).strip().title()
    # A dateline names a city: "WASHINGTON —" is the capital and "NEW YORK —" the city, not the state.
    city = None if state else next((p for p in places.gazetteer.lookup(name) if p.kind == "city"), None)
    place = places.resolve(city.name, city.state) if city else places.resolve(name, state)
    if place is None:
        return
    a, b = sent.start + m.start(1), sent.start + m.end(1)
    places.set_in(place.state)
    sent.places.append(PlaceMention(a, b, place.name, place.to_dict(), landmark=True, role="dateline"))


# After a dateline's place: its state, then a date or credit in brackets ("(Jan. 27, 2025)"), then a dash.
_DATELINE_AFTER = re.compile(r"^(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?,?\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-–—]|\(AP\))\s")


def _dateline(sent: Sentence, a: int, b: int) -> bool:
    """'PHOENIX — ...', 'Atlanta, Georgia - ...': where the release was written, not what it is about."""
    rel = a - sent.start
    opening = sent.text[:rel].strip()
    if opening and not re.fullmatch(r"[A-Z][\w.]*(?:\s[A-Z][\w.]*)*,?", opening):
        return False
    return bool(_DATELINE_AFTER.match(sent.after(b, 40)))


def _drop_qualifying_states(sent: Sentence) -> list[PlaceMention]:
    """'Springfield, Missouri' names one place: the state after the comma only says which Springfield."""
    out: list[PlaceMention] = []
    for p in sent.places:
        prev = out[-1] if out else None
        if (prev is not None and p.place.get("kind") == "state" and prev.place.get("kind") != "state"
                and re.fullmatch(r",\s*", sent.text[prev.end - sent.start:p.start - sent.start])
                and prev.place.get("state") == p.place.get("state")):
            continue
        out.append(p)
    return out


def paragraph_views(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """One Sentence-like view per paragraph: its text, quotes, people and places together."""
    groups: dict[int, list[Sentence]] = {}
    for s in sentences:
        groups.setdefault(s.paragraph, []).append(s)
    views = []
    for para, group in groups.items():
        start, end = group[0].start, group[-1].end
        view = Sentence(index=group[0].index, paragraph=para, start=start, end=end, text=text[start:end], span=None)
        for m in _QUOTE_RE.finditer(view.text):
            view.quotes.append((start + m.start(1), start + m.end(1)))
        for s in group:
            view.persons += s.persons
            view.places += [replace(p, in_quote=view.in_quote(p.start)) for p in s.places]
            view.agencies += s.agencies
        views.append(view)
    return views


def after_name(after: str) -> str:
    m = re.match(r",\s*((?:[A-Z][\w.'’-]*\s?){1,3})", after)
    return m.group(1).strip() if m else ""


def _place_mention(sent: Sentence, name: str, a: int, b: int, places: DocumentPlaces) -> PlaceMention | None:
    # "Salem, Oregon," / "Salem, Ore." : the state follows after a comma.
    after = sent.after(b, 30)
    state = _state_after(after)
    if name.startswith("the "):
        name = name[4:]
    hinted = state is None and re.search(r"\s(?:County|Parish)$", name) and places.state_hint()
    if hinted:
        # "Clark County" in a Las Vegas story is Nevada's (or, if Nevada has none, the usual one)
        place = places.resolve(name, hinted) or places.resolve(name)
    else:
        # "in Tulsa, Omaha and Wichita": the words after the comma are the next place of a
        # list, not Chicago's state; a name that is no place in that "state" is read on its own.
        place = places.resolve(name, state) or (places.resolve(name) if state and places.resolve(after_name(after)) else None)
    if place is None:
        return None
    role = None
    credit = _CAPS_DATELINE.match(sent.text)
    if credit and credit.group("credit") and credit.start("credit") <= a - sent.start < credit.end("credit"):
        return None  # "PHOENIX (Meridian Wire) —": the agency that wrote it, not a place
    if _LANDMARK_BEFORE.search(sent.before(a, 40)):
        role = "landmark"
    elif _holds_office(sent.after(b, 40)):
        role = "office_holder"  # "Ohio's governor": whose official, not where the claim is
    elif _dateline(sent, a, b):
        role = "dateline"
        if state is None and place.kind == "state" and name.isupper():
            # A dateline names a city: "WASHINGTON (Jan. 27) —" is the capital, not the state.
            city = next((p for p in places.gazetteer.lookup(name.title()) if p.kind == "city"), None)
            place = places.resolve(city.name, city.state) if city else place
        places.set_in(place.state)
    elif re.search(r"\b(?:ERO|HSI|ICE|CBP)\)?\s+$", sent.before(a, 8)) or \
            re.match(r"^\s+(?:[Ff]ield\s+[Oo]ffice|[Aa]rea\s+of\s+[Rr]esponsibility|[Ss]ector|[Dd]ivision)\b", sent.after(b, 30)):
        role = "office"
    return PlaceMention(a, b, name, place.to_dict(), landmark=role is not None, in_quote=sent.in_quote(a), role=role)


# A county's name may have capitals inside ("DeKalb", "McLean", "O'Brien") or an abbreviation ("St. Clair").
_COUNTY_NAME = r"(?:[A-Z][A-Za-z'’-]*[a-z]\.?\s){1,2}"
_COUNTY_RE = re.compile(rf"\b({_COUNTY_NAME})(?:and\s({_COUNTY_NAME}))?(County|Counties|counties|Parish|Parishes|parishes)\b")


_POSSESSIVE = re.compile(r"^['’]s\s+(?:(?:new|former|acting|top|chief|own)\s+)?(?P<role>[a-z]+(?:\s+[a-z]+)?)\b")


def _office_holders_alone(sent: Sentence) -> None:
    """'Findlay's mayor said agents arrested 30 people': a town or county whose official speaks is the
    claim's place when the sentence names no other (a state's governor never is)."""
    holders = [p for p in sent.places if p.role == "office_holder"]
    if holders and not any(p for p in sent.places if not p.landmark and not p.in_quote):
        sent.places = [replace(p, role=None, landmark=False) if p in holders and p.place.get("kind") != "state" else p
                       for p in sent.places]


def _holds_office(after: str) -> bool:
    """"Ohio's governor", "the county's executive": a place's official follows it."""
    m = _POSSESSIVE.match(after)
    if m is None:
        return False
    roles = word_set("role_noun")
    words = m.group("role").split()
    return any(w in roles for w in words) or m.group("role") in roles


def _county_mentions(sent: Sentence, places: DocumentPlaces) -> None:
    """'Polk and Story Counties' names two counties; the model rarely sees them as places."""
    for m in _COUNTY_RE.finditer(sent.text):
        names = [m.group(1).strip()] + ([m.group(2).strip()] if m.group(2) else [])
        stated = [p.place["state"] for p in sent.places if p.place.get("kind") == "state"]
        hint = stated[0] if stated else places.state_hint()
        for n in names:
            # a county named without its state is in the state the sentence or the document names
            county = (places.resolve(f"{n} County", hint) or places.resolve(f"{n} Parish", hint)) if hint else None
            county = county or places.resolve(f"{n} County") or places.resolve(f"{n} Parish")
            if county is None:
                continue
            a = sent.start + m.start() + sent.text[m.start():].find(n)
            b = a + len(n)
            sent.places = [p for p in sent.places if not (p.start >= a - 1 and p.end <= b + 9)]
            # the mention the model made of the same word ("Clay" as a town) was just replaced
            if not any(p.start == a and p.place.get("kind") == "county" for p in sent.places):
                # one county's mention ends after "County", so that a state after its comma qualifies it
                end = sent.start + m.end() if not m.group(2) else b
                sent.places.append(PlaceMention(a, end, county.name, county.to_dict(), in_quote=sent.in_quote(a)))


# An item of a list of counts by place: "nine in Prattville", "21 in Mobile".
_COUNT_IN_PLACE = re.compile(rf"(?<![\w,]){NUMBER_PATTERN}\s+in\s+(?P<name>[A-Z][a-z][\w'’-]*(?:\s[A-Z][a-z][\w'’-]*){{0,2}})"
                             r"(?=\s*(?:[,.;]|\s+and\b|$))")


_TOWN = r"[A-Z][a-z][\w'’-]*(?:\s[A-Z][a-z][\w'’-]*){0,2}"
# "in Sandusky, Norwalk and Tiffin": three names or more after "in", the last after "and"
_TOWN_LIST = re.compile(rf"\b(?:in|across|throughout)\s+(?P<list>{_TOWN}(?:,\s+{_TOWN})+,?\s+and\s+{_TOWN})"
                        r"(?=\s*(?:[,.;]|\s+(?:from|between|on|in|during|over|last|this|since|after|before)\b|$))")


def _town_list(sent: Sentence, places: DocumentPlaces) -> None:
    """'arrested 38 people in Sandusky, Norwalk and Tiffin': a list of three names or more that the
    gazetteer knows, each, as a town of one state (the story's own when it has them all) is a list of
    those towns, though the model saw none of them, or one in another state."""
    for m in _TOWN_LIST.finditer(sent.text):
        names = [(sent.start + m.start("list") + x.start(), x.group(0))
                 for x in re.finditer(_TOWN, m.group("list")) if x.group(0) != "and"]
        if any(find_agencies(n) for _, n in names) or sent.in_quote(names[0][0]):
            continue
        states = [{t.state for t in places.gazetteer.lookup(n) if t.kind == "city"} for _, n in names]
        common = set.intersection(*states) if states else set()
        state = places.state_hint() if places.state_hint() in common else (common.pop() if len(common) == 1 else None)
        if state is None:
            continue
        taken = [(a, b) for a, b, _ in sent.persons + sent.orgs]
        for a, name in names:
            b = a + len(name)
            if any(x < b and a < y for x, y in taken):
                break
            town = places.resolve(name, state)
            sent.places = [p for p in sent.places if not (p.start < b and a < p.end and p.role is None)]
            if not any(p.start < b and a < p.end for p in sent.places):
                sent.places.append(PlaceMention(a, b, town.name, town.to_dict()))


# A capitalised name standing alone: not inside a longer run of capitalised words ("Jasper Ruiz").
_LONE_NAME = re.compile(r"(?<![\w'’-])(?<![A-Z][a-z]\s)(?P<name>[A-Z][a-z][\w'’-]*(?:\s[A-Z][a-z][\w'’-]*)?)(?![\w'’-])(?!\s[A-Z])")


# "In Kenton, officers ...": a name after the capitalised preposition that opens the sentence, which
# _LONE_NAME passes over (after a capitalised word it would be a surname)
_OPENING_NAME = re.compile(rf"^\s*{OPENING_PLACE_PREPOSITIONS}\s+(?P<name>[A-Z][a-z][\w'’-]*(?:\s[A-Z][a-z][\w'’-]*)?)(?=,)")


def _towns_named_before(sent: Sentence, places: DocumentPlaces) -> None:
    """'Norwalk accounted for 13 of the arrests': a town the document has already named as a place is
    that town again where the model passes over it (not a person's or an organisation's name)."""
    taken = [(a, b) for a, b, _ in sent.persons + sent.orgs] + [(d.start, d.end) for d in sent.dates] + \
        [(p.start, p.end) for p in sent.places]
    for m in [*_LONE_NAME.finditer(sent.text), *_OPENING_NAME.finditer(sent.text)]:
        a, b = sent.start + m.start("name"), sent.start + m.end("name")
        town = places.named_before(m.group("name"))
        if town is None or any(x < b and a < y for x, y in taken) or sent.in_quote(a):
            continue
        sent.places.append(PlaceMention(a, b, town["name"], dict(town)))


# After a town (and its count in brackets): ", " or " and " and a capitalised name ("in Pueblo and
# Canon City", "Findlay (11) and Bucyrus (8)").
_JOINED_NAME = re.compile(r"^(?:\s*\(\d[\d,]*\))?(?:,\s+(?:and\s+)?|\s+(?:and|or)\s+)(?P<name>[A-Z][a-z][\w'’-]*(?:\s[A-Z][a-z][\w'’-]*)?)"
                          r"(?=\s*(?:[,.;(]|\s+(?:and|or|from|between|on|in|during|over|last|this|since)\b|$))")


def _joined_towns(sent: Sentence, places: DocumentPlaces) -> None:
    """'in Pueblo and Canon City': a name joined to a town that the gazetteer knows as a town of
    that town's state is a place, though the model passed over it."""
    taken = [(a, b) for a, b, _ in sent.persons + sent.orgs] + [(d.start, d.end) for d in sent.dates] + \
        [(p.start, p.end) for p in sent.places]
    for p in sorted(sent.places, key=lambda p: p.start):
        state = p.place.get("state")
        m = _JOINED_NAME.match(sent.after(p.end, 60))
        if p.place.get("kind") != "city" or not state or p.role or m is None:
            continue
        a, b = p.end + m.start("name"), p.end + m.end("name")
        if any(x < b and a < y for x, y in taken) or find_agencies(m.group("name")) or sent.in_quote(a):
            continue
        town = next((t for t in places.gazetteer.lookup(m.group("name")) if t.kind == "city" and t.state == state), None)
        if town is not None:
            sent.places.append(PlaceMention(a, b, town.name, places.resolve(town.name, state).to_dict()))
            taken.append((a, b))


def _listed_towns(sent: Sentence, places: DocumentPlaces) -> None:
    """'27 of them in Montgomery, nine in Prattville and six in Wetumpka': in a list of counts by
    place, a name the model passed over (a word like 'Mobile', a town too small for the gazetteer) is
    a place of the state the list's other places are in; one such item alone, the gazetteer's town of that
    name in the story's state."""
    items = list(_COUNT_IN_PLACE.finditer(sent.text))
    states = [p.place.get("state") for p in sent.places if p.place.get("kind") in ("city", "county") and p.place.get("state")]
    if not items or (len(items) < 2 and not places.state_hint()) or (len(items) >= 2 and not states):
        return
    # one item alone ("61 at the plant and 35 in Belzoni") is only the gazetteer's town of the story's state
    alone = len(items) < 2
    state = places.state_hint() if alone else max(set(states), key=states.count)
    taken = [(a, b) for a, b, _ in sent.persons + sent.orgs] + [(d.start, d.end) for d in sent.dates] + \
        [(p.start, p.end) for p in sent.places]
    for m in items:
        a, b = sent.start + m.start("name"), sent.start + m.end("name")
        if any(x < b and a < y for x, y in taken) or find_agencies(m.group("name")) or sent.in_quote(a):
            continue
        place = places.resolve(m.group("name"), state)
        if place is None or place.state != state:
            if alone:
                continue
            place = unlisted_town(m.group("name"), state)
        sent.places.append(PlaceMention(a, b, place.name, place.to_dict()))


def _dates_with_tense(span: Span, text: str, start: int, published: str | None) -> list[DateMention]:
    past = find_dates(text, published, tense="past", offset=start)
    if not any(d.kind in ("weekday", "month_day", "month", "range") for d in past):
        return past
    out = []
    future_cache: list[DateMention] | None = None
    for d in past:
        future = tense_at(span, d.start - start) == "future" or bool(_RESCHEDULED_TO.search(text[:d.start - start]))
        if d.kind == "range" and not re.search(r"\b(?:will|plans?|planned|scheduled)\b", text):
            future = False
        if d.kind in ("weekday", "month_day", "month", "range") and future:
            if future_cache is None:
                future_cache = find_dates(text, published, tense="future", offset=start)
            d = next((f for f in future_cache if f.start == d.start), d)
        out.append(d)
    return out


def tense_at(span: Span, rel_char: int) -> str:
    """'future' or 'past' for the clause holding the character: walk up to a finite verb."""
    token = None
    for t in span:
        if t.idx - span.start_char >= rel_char:
            token = t
            break
    if token is None:
        return "past"
    seen = 0
    node = token
    while seen < 8:
        seen += 1
        if node.lower_ in _SPEECH and node is not token:
            break  # "..., the sources said": the reported clause has its own tense
        if node.pos_ in ("VERB", "AUX"):
            aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
            if aux & _FUTURE_AUX or node.lower_ in _FUTURE_AUX:
                return "future"
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) and node.tag_ == "VB":
                governor = node.head
                if {c.lower_ for c in governor.children if c.dep_ in ("aux", "auxpass")} & {"had"} or \
                        governor.lower_ == "had":
                    return "past"  # "had been expected to start Thursday": the plan was for a day gone by
                return "future"
            if node.tag_ in ("VBD",) or aux & _PAST_AUX:
                return "past"
            if node.tag_ in ("VBZ", "VBP") and node.lower_ in _PLAN_VERBS:
                return "future"  # "officers plan an operation starting Feb. 9": what is planned is to come
            if node.tag_ in ("VBZ", "VBP") and node.lemma_ not in ("be",):
                return "past"
        if node.head is node:
            break
        node = node.head
    clause = span.text[max(0, rel_char - 120):rel_char]
    return "future" if _FUTURE_WORDS.search(clause) else "past"
