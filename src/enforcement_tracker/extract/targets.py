"""A target's fields (count, rate, scope, places, when it was issued), and the words around a number that
make it a goal's rate, a rate already reached, or a span of time. claims.find_claims decides with these;
document.py reads rate_right_after to know a headline's rate told again."""

from __future__ import annotations

import re
from typing import Any

from enforcement_tracker.extract.sentences import Sentence
from enforcement_tracker.normalize.numbers import NumberMention

# Right after a number: its rate ("25 arrests a week", "150 a day", "40 people per day").
_RATE_RIGHT_AFTER = re.compile(r"^\s+(?:arrests?\s+|people\s+)?(?:a|per|each|every)\s+(day|week|month|year)\b", re.I)
# After a goal, "and (of) N a week ...": the list goes on with a second goal at its own rate.
_AND_BEFORE = re.compile(r"\band\s+(?:of\s+|to\s+)?$")
# A verb that says a number was reached, not asked for: "made 60 arrests a day", "averaged 1,100".
_REACHED_BEFORE = re.compile(r"\b(?:made|averaged|reached|recorded|logged|arrested|detained|apprehended|topped)\s+"
                             r"(?:an\s+average\s+of\s+)?$", re.I)
# A number that counts a span of time ("five years", "six weeks"): no count of people and no goal.
_SPAN_OF_TIME = re.compile(r"^\s+(?:years?|months?|weeks?|days?|hours?|decades?)\b", re.I)


def rate_right_after(after: str) -> str | None:
    """The unit of the rate written right after a number ("day" in " arrests a day"), or None."""
    m = _RATE_RIGHT_AFTER.match(after)
    return m.group(1).lower() if m else None


def second_goal_rate(before: str, after: str) -> str | None:
    """'..., and of 150 a week': the rate of a goal that goes on a list of goals (the words before the
    number join it with "and"), or None."""
    return rate_right_after(after) if _AND_BEFORE.search(before) else None


def rate_reached(before: str) -> bool:
    """'agents made 60 arrests a day': the number's own verb says it was reached."""
    return bool(_REACHED_BEFORE.search(before))


def counts_time(after: str) -> bool:
    """'sought for more than five years': the number counts a span of time."""
    return bool(_SPAN_OF_TIME.match(after))


def target_fields(sent: Sentence, n: NumberMention, per: str) -> dict[str, Any]:
    places = [pm.place for pm in sent.real_places()]
    # "each field office", "each of the agency's 25 regional field offices", "per office"
    field_office = re.search(r"\b(?:each|every|per)\s+(?:of\s+(?:its|the|their)\s+(?:[\w'’]+[’']s\s+)?(?:[\d,]+\s+)?)?"
                             r"(?:[a-z]+\s+)?(?:field\s+)?offices?\b",
                             sent.text, re.I)
    nationwide = bool(_NATIONWIDE.search(sent.text)) or (not places and national_scale(n.value, per))
    scope = "per_field_office" if field_office else ("place" if places and not nationwide else "nationwide")
    if scope == "nationwide":
        places = []
    issued_on = next((d.value for d in sent.dates if d.start < n.start and not d.is_range), None)
    chars = sorted({m.group(0).lower() for m in re.finditer(r"\b(?:goal|quota|target)\b", sent.text, re.I)})
    # `nationwide`: the sentence says so, or the rate is a nation's; a goal that says neither and names
    # no place is the one of the operation or office its document tells of (context.place_from_context)
    return {"count": n.value, "per": per, "scope": scope, "places": places, "issued_by": None,
            "issued_on": issued_on, "characterizations": chars, "agencies": sent.agencies,
            "nationwide": nationwide and not field_office}


# The nation's goal: said so, or a goal of the nation, the White House or the administration ("the national
# goal of 3,000", "the White House's target"), not any mention of them ("during the administration's push in
# Chicago, officers were told to make 50 a day" is Chicago's).
_NATIONWIDE = re.compile(r"\b(?:nationwide|nationally|across\s+the\s+(?:country|nation))\b|"
                         r"\b(?:national|(?:the\s+)?White\s+House['’]s|(?:the\s+)?administration['’]s)\s+(?:[\w-]+\s+)?"
                         r"(?:goal|quota|target|benchmark|demand|rate)s?\b", re.I)
# Rates no one field office or operation is asked for: those of the whole country. ICE's busiest
# field offices made well under 1,000 arrests a day even in its busiest year.
_NATIONAL_RATE = {"day": 1000, "week": 5000, "month": 20000, "year": 250000}


def national_scale(count: dict[str, Any], per: str) -> bool:
    low = count.get("value") or count.get("low") or 0
    return per in _NATIONAL_RATE and low >= _NATIONAL_RATE[per]
