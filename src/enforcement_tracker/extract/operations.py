"""Operations: surges and named actions in places, with their start, end and status."""

from __future__ import annotations

import re
from typing import Any

from enforcement_tracker.extract import count_words, operation_words
from enforcement_tracker.extract.candidates import Candidate
from enforcement_tracker.extract.lexicon import word_set
from enforcement_tracker.extract.sentences import PlaceMention, Sentence
from enforcement_tracker.normalize.dates import DateMention, later_day, order_range

# The length of one effort: "weeklong", "week-long", "five-day", "two-week", "monthlong".
_LASTING = r"(?:(?:week|month|day)[- ]?long|(?:\w+|\d+)-(?:day|week|month))"
_TRIGGER = re.compile(
    r"\b(?:operations?|surge|sweep|crackdown|blitz|enforcement\s+(?:action|effort|initiative|surge|operation)|"
    # plural only when it points at given actions: "these enforcement actions ran from ..."
    r"(?:the|these|those)\s+(?:[\w-]+\s+){0,2}?enforcement\s+(?:actions|operations|efforts)|"
    r"(?:focused|concentrated)\s+(?:arrests|enforcement|efforts)|arrests\s+began|raids|"
    r"arrests,?\s+(?:were\s+)?(?:made|took\s+place|occurred)\s+(?:in|from|between|on)|spanned|"
    r"(?:first|second|third|fourth|final|last|initial)\s+phase|surges|"
    r"(?:began|begun|started|launched|conducted|carried\s+out)\s+(?:making\s+arrests|(?:[\w-]+\s+){0,3}operations)|"
    r"(?:set|expected|scheduled|slated|planned)\s+to\s+(?:start|begin|move|arrive|launch)|"
    r"(?:operation|surge|effort)s?\s+(?:will|would)\s+(?:move|shift|expand|head)\s+to|"
    # "a weeklong push", "a three-day enforcement drive": an effort with a length of its own is one
    rf"{_LASTING}\s+(?:enforcement\s+)?(?:push|effort|drive|campaign)|"
    # "since the push in both cities began on June 2": a push that begins or ends in places or on a day
    r"(?:the|this|a|an)\s+(?:enforcement\s+)?push\s+(?:in|into|across|through)\s+(?:(?:the|both|all|these|those|each)\s+(?:[\w-]+\s+)?"
    r"(?:cities|city|towns|town|counties|county|region|area|valley)|(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?))\s+"
    r"(?:began|begun|started|ended|begins|starts|ends))\b", re.I)
_NAMED = re.compile(r"\bOperation\s+((?:[A-Z][\w'’-]*|of|the|and|at|in)(?:\s+(?:[A-Z][\w'’-]*|of|the|and|at|in|[a-z]{2,5}(?=\s+[A-Z]))){0,4})"
                    r"|\b((?:[A-Z][\w'’-]+\s){1,3})Operations?\b")
_AGENCY_OPS = re.compile(r"Enforcement and Removal Operations|Field Operations|Office of Field Operations|Special Operations|"
                         r"Air Operations|Homeland Security Operations|Operations Center|Operations Unit|"
                         # a team, unit or programme named for its work is no operation: "Fugitive Operations Teams"
                         r"(?:[A-Z][\w'’-]+\s){1,3}Operations?\s+(?:Teams?|Units?|Programs?|Centers?|Divisions?|Offices?|"
                         r"Groups?|Sections?|Directorates?|Task\s+Forces?)\b|"
                         # a business's own work: "a person familiar with the company's operations"
                         r"\b(?:company|plant|firm|business|farm|employer|factory|mill|store|restaurant|airport|port)['’]s\s+"
                         r"(?:[\w-]+\s+)?operations?\b|"
                         # the people arrested ran these: "an alien smuggling operation"
                         r"\b(?:smuggling|trafficking|drug|narcotics|fraud|laundering|criminal)\s+(?:operations?|rings?|schemes?)\b", re.I)
_NOT_OPERATION = re.compile(
    r"\b(?:future\s+operations?|routine\s+operations?|"
    r"single\s+(?:arrest|target)|enforcement\s+operations?\s+(?:continue|are\s+ongoing|across\s+the\s+country)|"
    r"operations?\s+(?:may|could|would)\s+include|arrest(?:ed)?\s+of\s+(?:a|an|one)\s|(?:operation|action)\s+targeting\s+(?:a|an|one)\s|"
    # "We will have more on the second phase on Monday": the newsroom's promise, not the operation's date
    r"we(?:['’]ll|\s+will)\s+have\s+more\s+(?:on|about))\b", re.I)
# "It was the largest operation in Summit County in a decade": the
# operation told before, measured against others, not another one.
_SUPERLATIVE = re.compile(r"^(?:It|This|That|The\s+(?:operation|sweep|surge))\s+(?:was|is|were|marked)\s+(?:the\s+|its\s+|an?\s+)?"
                          r"(?:[\w'’-]+\s+){0,2}?(?:largest|biggest|first|latest|largest-ever)\s+(?:[\w-]+\s+){0,2}?"
                          r"(?:operation|sweep|surge|action|effort)\b", re.I)
_ANAPHOR = re.compile(r"\b(?:this|the|that|these|today[’']s|yesterday[’']s|this\s+week[’']s)\s+(?:[\w-]+\s+){0,3}?"
                      r"(?:operations?|surge|sweep|enforcement\s+actions?)\b", re.I)


def _before(sent: Sentence, at: int, family: str) -> bool:
    """Whether the words right before an offset are of an operation-words family ("began on")."""
    return operation_words.precedes(sent.text, at - sent.start, family)


def _stated_before(sent: Sentence, at: int) -> bool:
    """'officials said Friday': the day before it dates the words, not the operation."""
    return count_words.precedes(sent.text, at - sent.start, "stated_before")


def _stated_after(sent: Sentence, end: int) -> bool:
    """'ICE today announced': the day of the words."""
    return count_words.follows(sent.text, end - sent.start, "stated_after")


def find_operations(sent: Sentence, *, headline: bool) -> list[Candidate]:
    text = sent.text
    if _NOT_OPERATION.search(text) or _URL_LINE.match(text):
        return []
    masked = text
    upper = text.upper()
    if "PERATION" in upper or "RING" in upper or "SCHEME" in upper:  # what every name masked here holds
        masked = _AGENCY_OPS.sub(lambda m: " " * len(m.group(0)), masked)
        # "people who were not the targets of an operation" mentions one without reporting it.
        masked = re.sub(r"\btargets?\s+of\s+(?:an|the)\s+operation", lambda m: " " * len(m.group(0)), masked, flags=re.I)
    for a, b in sent.quotes:
        if sent.local(a, b).strip().startswith("Operation "):
            continue  # a quoted name is still a name
        masked = masked[:a - sent.start] + " " * (b - a) + masked[b - sent.start:]
    trigger = _TRIGGER.search(masked)
    name = _name(masked) or _quoted_name(sent)
    if not trigger and not name:
        return []
    # the dearer tests only where an operation is spoken of at all
    if _single_person(sent) or operation_words.says(text, "denied"):
        return []  # ... or "the arrests were not part of an operation": one denied is none reported
    places = [p for p in sent.real_places() if p.place.get("kind") != "country" or p.place.get("state") is None]
    places = [p for p in places if not _nationality(sent, p)]
    if not places:
        places = _fallback_places(sent)
    status = _status(text)
    dates = [d for d in sent.dates if d.kind not in ("relative_week", "year", "relative_year", "fiscal_year")]
    base = dict(sentence=sent.index, paragraph=sent.paragraph, in_headline=headline)
    if len(places) > 1 and _own_dates(sent, places, dates):
        out = []
        for place, own in _own_dates(sent, places, dates):
            start, end = _roles(sent, own, status)
            if own:
                a, b = place.start, max(d.end for d in own)
            else:
                a, b = place.start, place.end
            out.append(Candidate(kind="operation", start=a, end=b, anchor=place.start,
                                 fields=_fields([place], start, end, status, name, sent), **base))
        return out
    start, end = _roles(sent, dates, status)
    anaphoric = bool(_ANAPHOR.search(text) or _SUPERLATIVE.match(text)) or operation_words.says(text, "places_of_previous")
    if places and operation_words.says(text, "moves_on"):
        anaphoric = False  # "the operation would move to San Antonio": the next place is a new operation
    if headline and not dates:
        return []  # a headline names the operation the body describes
    if trigger and not dates and not name and any(m.start() <= trigger.start() < m.end()
                                                  for m in _SINCE_IT_BEGAN.finditer(masked)):
        return []  # "fewer workers since the arrests began": a time told by arrests reported elsewhere
    if trigger and trigger.group(0).lower() == "operations" and not (places or dates or name):
        return []  # "agents will join larger operations": operations in general, none in particular
    if not places and not dates and not name and not anaphoric:
        # An operation nobody places or dates is only a way of speaking, unless it is counted.
        if not re.search(r"\b(?:arrest|apprehen)\w*", text, re.I):
            return []
    return [Candidate(kind="operation", start=sent.start, end=sent.end, anchor=trigger.start() + sent.start if trigger else sent.start,
                      fields=_fields(places, start, end, status, name, sent), anaphoric=anaphoric, **base)]


# "since the arrests began", "after the raids started": a clause that dates something else by them.
_SINCE_IT_BEGAN = re.compile(r"\b(?:since|after|before|when|until)\s+the\s+(?:[\w-]+\s+){0,2}?(?:arrests|raids|operation|"
                             r"sweep|surge|crackdown)\s+(?:began|started|ended|stopped)\b", re.I)
_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I)
# "an operation here", "arrested 40 people in the city": the place is the dateline's.
_HERE = re.compile(r"\b(?:operation|surge|sweep|action|arrested|apprehended)\s+(?:[\w-]+\s+){0,8}?here\b|\bhere\s+(?:which|that)\b|"
                   r"\b(?:in|across|throughout|around)\s+the\s+(?:city|area|region|town)\b(?!\s+of\b)", re.I)
_ARREST_VERBS = {"arrested", "apprehended", "detained", "captured", "taken"}
_PERSON_TITLES = {"mr.", "ms.", "mrs.", "dr."}


def _fallback_places(sent: Sentence) -> list[PlaceMention]:
    """With no place of its own, an operation "here" is at the dateline, and arrests placed only by
    an agency's office are at that office's city or area (ANNOTATION: field-office counts)."""
    outside = [p for p in sent.places if not p.in_quote]
    if _HERE.search(sent.text):
        dateline = [p for p in outside if p.role == "dateline"]
        if dateline:
            return dateline[:1]
    return [p for p in outside if p.role == "office"][:1]


def _single_person(sent: Sentence) -> bool:
    """'A woman was detained in a targeted enforcement action': one person's arrest is no operation."""
    if sent.span is None:
        return False
    for tok in sent.span:
        if tok.lower_ not in _ARREST_VERBS:
            continue
        for child in tok.children:
            if child.dep_ not in ("nsubjpass", "dobj"):
                continue
            kids = {c.lower_ for c in child.children}
            if any(c.dep_ == "nummod" for c in child.children) or child.tag_ in ("NNS", "NNPS"):
                return False
            if child.ent_type_ == "PERSON" or kids & _PERSON_TITLES or kids & {"a", "an"} or \
                    (child.tag_ == "NNP" and child.i > 0 and child.nbor(-1).lower_ in _PERSON_TITLES):
                return True
    return False


def _nationality(sent: Sentence, place: PlaceMention) -> bool:
    return bool(re.search(r"\b(?:from|of|nationals?\s+of|citizens?\s+of)\s+$", sent.before(place.start, 20))) and \
        place.place.get("state") is None


# 'a seven-day "Cross Check" enforcement operation': the quoted words right before the noun name it.
_BEFORE_OPERATION = re.compile(r"^[”\"’']?\s+(?:(?:enforcement|immigration|targeted|national|nationwide|regional)\s+){0,2}"
                               r"(?:operation|surge|sweep|initiative)\b", re.I)


def _quoted_name(sent: Sentence) -> str | None:
    for a, b in sent.quotes:
        quoted = sent.local(a, b).strip().strip(",.")
        words = quoted.split()
        if 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and \
                not quoted.startswith("Operation ") and _BEFORE_OPERATION.match(sent.after(b, 60)):
            return f"Operation {quoted}"
    return None


# "an operation dubbed Charlotte's Web", "the surge, called Catahoula Crunch,"
_CALLED = re.compile(r"\b(?:operation|surge|sweep|crackdown|effort|initiative)(?:\s+(?:in|at)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?"
                     r"\s*,?\s+(?:that\s+\w+\s+)?(?:dubbed|called|named|"
                     r"nicknamed|known\s+as|code-named|codenamed)\s+[“\"]?(?!Operation\b)"
                     r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|the|and)){0,3})")


def _name(text: str) -> str | None:
    m = _NAMED.search(text)
    if not m:
        called = _CALLED.search(text)
        if called:
            words = re.sub(r"\s+(?:of|the|and)$", "", called.group("name").strip("’'\"”"))
            return f"Operation {words}"
        return None
    words = (m.group(1) or m.group(2) or "").strip().strip("’'\"”")
    if m.group(2) and any(_describes(w) for w in words.split()):
        return None
    words = re.split(r"\s+(?:in|at|and|the)\s*$", words)[0]
    # "Operation Silver Tide in Reno": the place after "in" or "at" is where, not part of the name.
    parts = re.split(r"\s+(in|at)\s+", words)
    for i in range(1, len(parts) - 1, 2):
        if _is_place_name(parts[i + 1]):
            words = "".join(parts[:i]).strip()
            break
    if not words or words.lower() in ("the", "this", "that", "a", "enforcement", "surge", "removal"):
        return None
    if m.group(2) and words.split()[-1].lower() in ("enforcement", "removal", "field", "special", "military"):
        return None
    titled = " ".join(w if w.lower() in ("of", "the", "and", "at", "in") else w[:1].upper() + w[1:] for w in words.split())
    return f"Operation {titled}"


def _is_place_name(words: str) -> bool:
    from enforcement_tracker.normalize.gazetteer import Gazetteer

    first = words.split()
    return any(Gazetteer.open().resolve(" ".join(first[:n])) is not None for n in (1, 2, 3) if len(first) >= n)


def _describes(word: str) -> bool:
    """A word that says what kind of operation it was, or whose it was, rather than naming it."""
    bare = re.sub(r"[’']s$", "", word)
    return bare in word_set("generic_operation_word") or bare in word_set("title_word") or bare.isupper()


def _status(text: str) -> str:
    if operation_words.says(text, "called_off"):
        return "called_off"
    if operation_words.says(text, "postponed"):
        return "planned"  # a postponed operation is still to come (ANNOTATION: postponed is planned)
    if operation_words.says(text, "ended"):
        return "ended"
    if operation_words.says(text, "under_way") and not operation_words.says(text, "will"):
        return "under_way"
    if operation_words.says(text, "planned"):
        return "planned"
    if operation_words.says(text, "under_way"):
        return "under_way"
    return "unknown"


def _own_dates(sent: Sentence, places: list[PlaceMention], dates: list[DateMention]) -> list[tuple[PlaceMention, list[DateMention]]] | None:
    """Every place with the dates between it and the next place, if every place has its own."""
    pairs = []
    for i, place in enumerate(places):
        limit = places[i + 1].start if i + 1 < len(places) else sent.end
        own = [d for d in dates if place.end <= d.start < limit]
        pairs.append((place, own))
    if sum(1 for _, own in pairs if own) >= 2:
        return pairs
    return None


def _roles(sent: Sentence, dates: list[DateMention], status: str) -> tuple[Any, Any]:
    start = end = None
    moved = [d for d in dates if _before(sent, d.start, "rescheduled_before")]
    if moved:
        return moved[0].value, None
    # "ended ... on Thursday, the agency said Friday": the day of the words is no date of the operation
    told = [d for d in dates if not d.is_range and (_stated_before(sent, d.start) or _stated_after(sent, d.end))]
    if told and len(told) < len(dates):
        dates = [d for d in dates if d not in told]
    ranges = [d for d in dates if d.is_range]
    if ranges:
        # A stated range ("from May 3 to May 9") says more than the day something was announced.
        return ranges[0].value["start"], ranges[0].value["end"]
    if len(dates) == 1 and status == "ended" and not _before(sent, dates[0].start, "start_before"):
        return None, dates[0].value
    # A date the words call the start ("began Jan. 11") wins over an earlier date of a count.
    stated = next((d for d in dates if not d.is_range and _before(sent, d.start, "start_before")
                   and not _stated_before(sent, d.start)), None)
    if stated is not None:
        start = stated.value
    for d in dates:
        if d is stated:
            continue
        if d.is_range:
            start, end = start or d.value["start"], d.value["end"]
            continue
        if _stated_before(sent, d.start) or _before(sent, d.start, "as_of_before") or \
                _before(sent, d.start, "nth_day_before") or _stated_after(sent, d.end):
            continue  # "officials said Friday", "as of Friday": the date of the words or the tally, not of a start
        if _before(sent, d.start, "end_before"):
            end = d.value
        elif _before(sent, d.start, "start_before") or start is None:
            if start is None:
                start = d.value
            elif end is None and status == "ended":
                end = d.value
    if stated is None and end is not None and start is not None and later_day(start, end) and \
            any(_before(sent, d.start, "end_before") for d in dates):
        # "argued on Tuesday about an operation that ended Friday": a day after the stated end is
        # another event's, not the operation's start
        start = None
    return start, end



def _fields(places: list[PlaceMention], start: Any, end: Any, status: str, name: str | None,
            sent: Sentence) -> dict[str, Any]:
    start, end = order_range(start, end)
    if status in ("unknown", "under_way") and end and end.get("date"):
        status = "ended"
    return {"places": [p.place for p in places], "start": start, "end": end, "status": status,
            "agencies": sent.agencies, "name": name}
