"""The guard's word lists (data/words.json), loaded once and turned into lookups and patterns."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from enforcement_tracker.errors import TrackerError

DATA_FILE = "data/words.json"
_LISTS = ("role_words", "role_verbs", "org_words", "private_nouns", "private_verbs", "arrest_words",
          "arrest_nouns", "title_run_words", "determiners", "prepositions", "speech_lead", "abbreviations",
          "not_names", "street_words", "street_abbreviations", "street_exceptions", "street_phrases", "live_cues",
          "vehicle_nouns", "vehicle_marks", "vehicle_makes", "plate_words", "name_particles", "clergy_titles",
          "client_nouns", "place_prefixes", "business_nouns", "site_nouns")


class GuardDataError(TrackerError):
    """The guard's word lists are missing or malformed."""

    code = "E210"


@dataclass(frozen=True)
class Words:
    role: frozenset[str]
    role_verbs: tuple[str, ...]
    org: frozenset[str]
    private: frozenset[str]
    private_verbs: tuple[str, ...]
    arrest: frozenset[str]
    arrest_nouns: frozenset[str]
    title_run: frozenset[str]
    determiners: frozenset[str]
    prepositions: frozenset[str]
    speech_lead: frozenset[str]
    abbreviations: frozenset[str]
    not_names: frozenset[str]
    street: re.Pattern[str]        # "Colfax Avenue", "5th St.", "1200 block of", "corner of"
    street_after: re.Pattern[str]  # right after a name: " Street", " Ave."
    street_exceptions: re.Pattern[str]  # streets that stand for something else: "Wall Street"
    live: re.Pattern[str]
    vehicle: re.Pattern[str]
    particles: frozenset[str]  # lower-case words inside names: "de la", "van"
    # Lower-case words one of which a text must hold before the pattern is worth running.
    street_keys: frozenset[str]
    live_keys: frozenset[str]
    vehicle_keys: frozenset[str]
    clergy: frozenset[str]  # capitalised relation words that are titles right before a name: "Sister"
    client: frozenset[str]  # "Ortega's lawyer", "Ortega's case": whose they are is a private person
    place_prefixes: frozenset[str]  # "South Tacoma", "Lake Street": a place's first word, no name's
    business: frozenset[str]  # what an employer runs: "company", "restaurant"
    site_nouns: frozenset[str]  # a site within a town: "apartments" in "Garland apartments"


def _phrase_pattern(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)  # longest first, so "plate number" beats "plate"
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@lru_cache(maxsize=1)
def words() -> Words:
    """The lists, validated: a list missing or not a list of strings names the file and the key."""
    path = resources.files("enforcement_tracker.guard").joinpath(DATA_FILE)
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GuardDataError(f"cannot read the guard's word lists ({exc})", source=str(path),
                             hint="restore the file from the repository") from exc
    for key in _LISTS:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise GuardDataError(f"{key!r} must be a list of non-empty strings", source=str(path),
                                 hint=f"fix the {key!r} entry")
    low = {key: frozenset(w.lower() for w in data[key]) for key in _LISTS}
    # A street word ("Street", "Ave.") after a capitalised word or an ordinal, case-sensitive
    # ("Peoria Street", "5th Ave."; "St." only when no name follows, so "East St. Louis" is a
    # city), or a phrase like "corner of" in any case. "Highway Patrol" and the like are agencies.
    street_words = ("(?:" + _phrase_pattern(data["street_words"]) + "|(?:" +
                    _phrase_pattern(data["street_abbreviations"]) + r")(?!\s*[A-Z]))")
    not_agency = r"(?![\w])(?!\s+(?:Patrol|Police|Department|Safety|Division))"
    # Numbered roads ("Interstate 25", "I-25", "Highway 50") and corners of numbered streets
    # ("5th and Main") are finer than a town too; "I-9" alone is a form, "on I-25" a road.
    road = (r"(?:\b(?:on|along|off|near|via|at|of)\s+I-(?=\d)|"
            r"\b(?:Interstate|Highway|Hwy\.?|Route|State\s+Route|State\s+Road)\s?-?)\d{1,3}\b(?!,\d)")
    corner = r"\b\d{1,3}(?:st|nd|rd|th)\s+(?:and|&)\s+[A-Z][\w'’-]+"
    street = re.compile(r"(?:\b\d{1,3}(?:st|nd|rd|th)|\b[A-Z][\w'’.-]*)\s+" + street_words + not_agency +
                        "|" + road + "|" + corner +
                        r"|(?i:\b(?:" + _phrase_pattern(data["street_phrases"]) + r")\b)")
    street_after = re.compile(r"[ \t]+" + street_words + not_agency)
    live_subject = r"\b(?:agents?|officers?|ICE|CBP|troops|deputies|vehicles?|vans?|SUVs?|trucks?)"
    live = re.compile(r"\b(?:" + _phrase_pattern(data["live_cues"]) + r")\b|" + live_subject +
                      r"\s+(?:are|is)\s+(?:(?:now|currently|still)\s+(?:in|at|on|near|outside|inside|around)|"
                      r"at|near|outside|parked|stationed|staged|staging|gathered|gathering|posted|positioned|"
                      r"lined\s+up|circling|patrolling)\b", re.I)
    # A plate: "plate NKD-4471", "plates 7KJM204" (a code with a digit); a make and a model: "Honda Civic".
    plate = r"\bplates?\s+(?:number\s+)?(?-i:(?=[A-Z0-9 -]{0,8}\d)[A-Z0-9]{1,4}[- ]?[A-Z0-9]{2,5}\b)"
    makes = "|".join(re.escape(m) for m in data["vehicle_makes"])
    model = r"(?-i:\b(?:" + makes + r")\s+(?!City\b|Foundation\b|Motor\b|Center\b|Field\b)[A-Z][a-z]+)"
    vehicle = re.compile(plate + "|" + model + r"|\b(?:" + _phrase_pattern(data["plate_words"]) + r")\b|\b(?:" +
                         _phrase_pattern(data["vehicle_marks"]) + r")(?:\s+[\w-]+){0,2}?\s+(?:" +
                         _phrase_pattern(data["vehicle_nouns"]) + r")\b", re.I)
    exceptions = re.compile(r"\b(?:" + _phrase_pattern(data["street_exceptions"]) + r")\b")
    def keys(*lists: list[str]) -> frozenset[str]:
        # Every word of the phrases but the little ones: each phrase keeps at least one word.
        found = re.findall(r"[a-z0-9]+", " ".join(p for phrases in lists for p in phrases).lower())
        return frozenset(found) - {"of", "the", "at", "from", "in", "on", "and", "a", "to", "as", "this", "is",
                                   "are", "were", "was", "has", "have", "been", "we"}

    street_keys = keys(data["street_words"], data["street_abbreviations"], data["street_phrases"],
                       ["interstate highway hwy route"])
    live_keys = keys(data["live_cues"], ["agent agents officer officers ice cbp troops deputies vehicle vehicles",
                                         "van vans suv suvs truck trucks"])
    vehicle_keys = keys(data["plate_words"], data["vehicle_marks"], data["vehicle_makes"], ["plate plates"])
    return Words(
        role=low["role_words"], role_verbs=tuple(sorted(low["role_verbs"], key=len, reverse=True)),
        org=low["org_words"], private=low["private_nouns"],
        private_verbs=tuple(sorted(low["private_verbs"], key=len, reverse=True)),
        arrest=low["arrest_words"], arrest_nouns=low["arrest_nouns"], title_run=low["title_run_words"],
        determiners=low["determiners"], prepositions=low["prepositions"], speech_lead=low["speech_lead"],
        abbreviations=frozenset(data["abbreviations"]), not_names=frozenset(data["not_names"]),
        street=street, street_after=street_after, street_exceptions=exceptions, live=live, vehicle=vehicle,
        particles=frozenset(data["name_particles"]),
        street_keys=street_keys, live_keys=live_keys, vehicle_keys=vehicle_keys, clergy=frozenset(data["clergy_titles"]),
        client=low["client_nouns"], place_prefixes=frozenset(data["place_prefixes"]),
        business=low["business_nouns"], site_nouns=low["site_nouns"],
    )
