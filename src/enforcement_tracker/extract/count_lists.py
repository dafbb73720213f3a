"""Counts told as lists: places with their numbers in brackets ("Tulsa (12), Enid (4)"), and items
after a criminality count that leave its category unsaid ("41 convicted of A, 12 of B and 9 of C")."""

from __future__ import annotations

import re

from enforcement_tracker.extract.candidates import Candidate
from enforcement_tracker.extract.sentences import Sentence
from enforcement_tracker.normalize.numbers import parse_number
from enforcement_tracker.normalize.placenames import state_code

_LISTED = re.compile(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+\((\d[\d,]*)\)")


def listed_parts(sent: Sentence, headline: bool) -> list[Candidate]:
    """'arrests in Tulsa (12), Enid (4) and Lawton (2)': one part count per US place."""
    if not re.search(r"\b(?:arrest\w*|apprehen\w*)", sent.text, re.I) or \
            re.search(r"\b(?:countries|nationals?|citizens?|nationalities)\b", sent.text, re.I):
        return []
    from enforcement_tracker.normalize.gazetteer import Gazetteer, unlisted_town

    states = [p.place["state"] for p in sent.places if p.place.get("kind") == "state"]
    hint = states[0] if states else None  # "in these Iowa towns: ... Washington (2)": Washington, IA
    gazetteer = Gazetteer.open()
    out = []
    for m in _LISTED.finditer(sent.text):
        name = re.sub(r"^(?:and|in|the|And|In|The)\s+", "", m.group(1))
        own_state = state_code(name)
        # A listed state is that state, whatever state the sentence named first.
        place = (gazetteer.resolve(name) if own_state else None) or gazetteer.resolve(name, hint) or \
            (None if hint else gazetteer.resolve(name))
        if place is None and hint and name[:1].isupper() and len(name.split()) <= 3:
            place = unlisted_town(name, hint)  # a town too small for the gazetteer, in the state the sentence names
        if place is None or place.state is None:
            continue
        value = parse_number(m.group(2))
        out.append(Candidate(kind="arrest_count", start=sent.start, end=sent.end, sentence=sent.index,
                             paragraph=sent.paragraph, anchor=sent.start + m.start(), in_headline=headline,
                             fields={"count": {"value": int(value), "qualifier": "exact"}, "period": None,
                                     "places": [place.to_dict()], "agencies": sent.agencies, "scope": "part",
                                     "listed": True}))
    return out


# Between two items of a list: a comma, "and", or both, and no number or clause end.
_ITEM_JOIN = re.compile(r"^[^\d;.!?]*(?:,\s+(?:and\s+)?|\s+and\s+)$")
# An item that leaves its category unsaid: "12 of assault", "9 with burglary" (not "12 of the 86").
_ELLIPTICAL = re.compile(r"^\s+(?:of|with|for)\s+(?!(?:the|those|these|them|whom|its|their|all|each)\b)[a-z]")


def elliptical_items(sent: Sentence, out: list[Candidate]) -> list[Candidate]:
    """'including 41 convicted of drunk driving, 12 of assault and 9 of drug offenses': items after a
    criminality count that leave its category unsaid share it (and what it is a part of)."""
    taken = {c.anchor for c in out}
    found: list[Candidate] = []
    for c in [c for c in out if c.kind == "criminality" and c.fields.get("category")]:
        numbers = [x for x in sent.numbers if not x.is_share and x.start >= c.anchor]
        for prev, n in zip(numbers, numbers[1:]):
            joined = _ITEM_JOIN.match(sent.text[prev.end - sent.start:n.start - sent.start])
            if n.start in taken or not joined or not _ELLIPTICAL.match(sent.after(n.end, 30)):
                break
            item = Candidate(**{**c.__dict__, "fields": {**c.fields, "count": n.value}, "anchor": n.start,
                                "sources": list(c.sources)})
            found.append(item)
            taken.add(n.start)
    return found
