"""A count told again in a sentence of its own, after the count it follows, or a part of it in its own place
("Twenty-four of those were in Lexington").

"ICE arrested 31,740 people in July. The figure for June was 28,115." and "Arrests reached 1,402 in
the first half of 2021. That is down from 1,118 ..." hold a second count with no arrest word near it:
the word that names it ("the figure", "the count", "the total", "that") stands for the count just
told. Such a sentence makes a count only right after a sentence of the same paragraph that made one,
or when "the count" is followed by the people it counts ("the count had reached 15 people").
"""

from __future__ import annotations

import re

from enforcement_tracker.extract.candidates import Candidate
from enforcement_tracker.extract.count_fields import count_fields
from enforcement_tracker.extract.lexicon import alternation
from enforcement_tracker.extract.sentences import Sentence
from enforcement_tracker.normalize.numbers import NUMBER_PATTERN

# "The figure for June was 28,115", "By Friday, the count had reached 46", "The total stood at 900":
# the noun that stands for the count, a few words ("for June", "for the week"), then its verb.
_STANDS_FOR = re.compile(
    r"\b[Tt]he\s+(?:final\s+|new\s+|same\s+|weekly\s+|monthly\s+|daily\s+)?(?:figure|count|number|total|tally)\b"
    r"(?!\s+of\s+(?!(?:the\s+)?(?:arrests|apprehensions)\b))"   # "the number of cities" counts cities
    r"(?:\s+(?:for|in|on|during)\s+[^,.;]{1,30}?)?"
    r"\s+(?:was|is|had\s+been|has\s+been|had\s+reached|has\s+reached|reached|stood\s+at|rose\s+to|fell\s+to|"
    r"climbed\s+to|dropped\s+to)\s+(?=(?:about|nearly|more\s+than|almost|roughly|at\s+least|some)?\s*\d)")
# "That is down from 1,118 in 2020", "This was up from 950 a year earlier": the count before it, compared.
_COMPARED = re.compile(r"^(?:That|This|It)(?:\s+is|\s+was|['’]s)\s+(?:down|up)\s+(?:sharply\s+|slightly\s+)?from\s+"
                       r"(?=(?:about|nearly|more\s+than|almost|roughly|some)?\s*\d)")


# "Twenty-four of those were in Lexington": a part, in its own place, of the count just told.
_PART_IN = re.compile(rf"^(?P<n>{NUMBER_PATTERN})\s+of\s+(?:those|them|these|the\s+(?:arrests|people\s+arrested))\s+"
                      r"(?:were|was)\s+(?:arrested\s+|made\s+)?in\s+(?=[A-Z])")

_PEOPLE_AFTER = re.compile(rf"^\s+(?:{alternation('people_noun')}|arrests)\b", re.I)


def restated_count(sent: Sentence, *, after_a_count: bool, headline: bool) -> Candidate | None:
    """The arrest count a sentence tells again by a word that stands for the count before it, or None.
    `after_a_count`: the sentence before it, in the same paragraph, made an arrest count."""
    part = _PART_IN.match(sent.text) if after_a_count else None
    if part is not None:
        return _part_in_its_place(sent, part, headline)
    m = _STANDS_FOR.search(sent.text) or _COMPARED.match(sent.text)
    if m is None:
        return None
    n = next((x for x in sent.numbers if x.start - sent.start >= m.end() - 1 and not x.is_share), None)
    if n is None or n.start - sent.start > m.end() + 20:
        return None
    # "the count had reached 15 people": the people counted say what the count is of, wherever it stands
    if not after_a_count and not (m.group(0).lower().startswith("the count") and _PEOPLE_AFTER.match(sent.after(n.end, 30))):
        return None
    return Candidate(kind="arrest_count", start=sent.start, end=sent.end, sentence=sent.index,
                     paragraph=sent.paragraph, anchor=n.start, in_headline=headline,
                     in_quote=sent.in_quote(n.start), fields=count_fields(sent, n))


def _part_in_its_place(sent: Sentence, m: re.Match[str], headline: bool) -> Candidate | None:
    n = next((x for x in sent.numbers if x.start == sent.start and not x.is_share), None)
    place = next((p for p in sent.places if p.start == sent.start + m.end() and not p.in_quote), None)
    if n is None or place is None:
        return None
    fields = count_fields(sent, n)
    fields.update(places=[place.place], scope="part", nationwide=False)
    return Candidate(kind="arrest_count", start=sent.start, end=sent.end, sentence=sent.index,
                     paragraph=sent.paragraph, anchor=n.start, in_headline=headline, fields=fields)
