"""Who says it: the attributions of a sentence, and sources named earlier that it points back at."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from enforcement_tracker.models import Source
from enforcement_tracker.normalize.numbers import parse_number

_COUNT_WORD = r"(?P<count>one|two|three|four|five|six|seven|eight|nine|ten|several|multiple|\d+)"
_ANON = re.compile(
    rf"(?:\b{_COUNT_WORD}\s+)?(?P<desc>(?:anonymous\s+|other\s+)?(?:sources?|people|persons|officials?|current and former officials)"
    r"\s+(?:familiar\s+with|close\s+to|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on|involved\s+in|aware\s+of)\s+"
    r"[^,.;“\"]+?)(?=\s+(?:told|said|say|says|who|,)|[,.;]|$)", re.I)
_UNNAMED_OFFICIAL = re.compile(
    r"\b(?P<desc>(?:a|an|one|two|three|several)\s+(?:senior\s+|top\s+|high-ranking\s+|former\s+)?"
    r"(?:[A-Z][\w.]*\s+)?(?:[A-Z][\w.]*\s+)?(?:administration|White House|ICE|DHS|federal|law enforcement|"
    r"government|agency|U\.S\.)?\s*officials?)\b(?=\s+(?:told|said|says|who|familiar|speaking))", re.I)
_BACK_REF = re.compile(r"\b(?:the\s+sources?|they|sources|one\s+source|another(?:\s+source)?|the\s+people|those\s+sources)"
                       r"\s+(?:said|say|says|told|added|described)\b", re.I)
_FIRST = re.compile(r"(?P<outlet>[A-Z][\w.&'’ -]{1,40}?)\s+(?:was|were)\s+(?:the\s+)?first\s+to\s+report|"
                    r"(?:first\s+reported\s+by|as\s+first\s+reported\s+by)\s+(?P<outlet2>[A-Z][\w.&'’ -]{1,40}?)(?=[,.;]|\s+(?:that|on)\b)")
_AGENCY_SAID = re.compile(r"\b(?:the\s+agency|ICE|DHS|CBP|the\s+department|the\s+Department|the\s+White\s+House|"
                          r"Homeland\s+Security|Immigration\s+and\s+Customs\s+Enforcement)\s+(?:said|says|announced|reported|stated|posted)\b"
                          r"|\baccording\s+to\s+(?:the\s+agency|ICE|DHS|CBP|the\s+department|agency\s+data|ICE\s+data|"
                          r"data\s+(?:from|released\s+by)\s+\w+)", re.I)


@lru_cache(maxsize=1)
def outlets() -> list[str]:
    data = json.loads(resources.files("enforcement_tracker.extract").joinpath("patterns/outlets.json").read_text("utf-8"))
    return sorted(data["outlets"], key=len, reverse=True)


# A name shaped like an outlet's: capitalised words ending in a word outlets are named with, or a
# station's call letters. The list in outlets.json adds the outlets whose names are not so shaped.
_OUTLET_WORDS = (r"News|Times|Post|Radio|Wire|Herald|Ledger|Journal|Tribune|Dispatch|Gazette|Chronicle|Press|Bee|"
                 r"Globe|Record|Register|Observer|Courier|Examiner|Inquirer|Telegraph|Media|Network|Television|TV|"
                 r"Newsroom|Sentinel|Bulletin|Monitor|Reporter|Daily")
_OUTLET_SHAPE = rf"(?:The\s+)?(?:[A-Z][\w&'’.-]*\s+){{0,4}}(?:{_OUTLET_WORDS})|[KW][A-Z]{{2,3}}(?:-(?:TV|FM|AM))?"


@lru_cache(maxsize=1)
def _told_outlet() -> re.Pattern[str]:
    names = "|".join(re.escape(o) for o in outlets())
    return re.compile(rf"\b(?:told|said\s+to|speaking\s+to|in\s+an\s+interview\s+with|according\s+to)\s+"
                      rf"(?P<outlet>{names}|{_OUTLET_SHAPE})\b")


def canonical_outlet(name: str) -> str:
    name = name.strip()
    if name.lower().startswith("the ") and name[4:] in outlets():
        # "The Washington Post" and "Washington Post" are one outlet; keep the fuller form.
        return name
    if f"The {name}" in outlets():
        return f"The {name}"
    return name


def sentence_sources(text: str, speakers: list[Source]) -> tuple[list[Source], bool]:
    """The sources a sentence names, and whether it points back at sources named before."""
    found: list[Source] = []
    for m in _ANON.finditer(text):
        desc = re.sub(r"\s+", " ", m.group("desc")).strip()
        if desc.lower().startswith(("official", "senior", "administration")):
            kind = "unnamed_official"
        else:
            kind = "anonymous"
        count = _count(m.group("count"))
        if count is None and desc.lower().startswith(("source ", "person ", "official ")):
            count = 1
        found.append(Source(kind=kind, count=count, description=desc))
    if not found:
        for m in _UNNAMED_OFFICIAL.finditer(text):
            desc = re.sub(r"\s+", " ", m.group("desc")).strip()
            first = desc.split()[0].lower()
            found.append(Source(kind="unnamed_official", count=_count(first) or 1, description=desc))
    found.extend(speakers)
    m = _AGENCY_SAID.search(text)
    if m and not found:
        found.append(Source(kind="agency", description=m.group(0)))
    for m in _told_outlet().finditer(text):
        found.append(Source(kind="outlet", outlet=canonical_outlet(m.group("outlet"))))
    for m in _FIRST.finditer(text):
        name = (m.group("outlet") or m.group("outlet2") or "").strip()
        name = _known_outlet_in(name) or name
        found.append(Source(kind="outlet", outlet=canonical_outlet(name), first_reported=True))
    back = bool(_BACK_REF.search(text)) and not any(s.kind in ("anonymous", "unnamed_official") for s in found)
    return _dedupe(found), back


def _known_outlet_in(text: str) -> str | None:
    for o in outlets():
        if o in text:
            return o
    return None


def _count(word: str | None) -> int | None:
    if not word:
        return None
    value = parse_number(word.lower())
    return int(value) if value else None


def _dedupe(sources: list[Source]) -> list[Source]:
    out: list[Source] = []
    for s in sources:
        same = next((o for o in out if (o.kind, o.description, o.outlet, (o.person or {}).get("name"))
                     == (s.kind, s.description, s.outlet, (s.person or {}).get("name"))), None)
        if same is None:
            out.append(s)
        elif s.first_reported and not same.first_reported:
            out[out.index(same)] = replace(same, first_reported=True)
    return out


def merge_sources(*groups: list[Source]) -> list[Source]:
    return _dedupe([s for g in groups for s in g])


def default_sources(publisher: str | None, kind: str) -> list[Source]:
    """When nobody is named, the document itself says it: its publisher."""
    if not publisher:
        return [Source(kind="document", description="the document, with no publisher given")]
    if kind == "release":
        return [Source(kind="agency", outlet=publisher)]
    return [Source(kind="outlet", outlet=publisher)]
