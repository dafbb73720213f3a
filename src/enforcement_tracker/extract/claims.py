"""Numbers in a sentence that are arrest counts, targets, cadences or criminality shares.

Which number is which is decided by the words right around it, as spaCy Matcher patterns over
tokens: arrest words (patterns/arrest_words.jsonl, extract/arrest_words.py), target words
(target_words.jsonl), cadence words (cadence_words.jsonl), rate words (rates.jsonl), and the
words that make a number an age, a comparison or a part of a group (count_words.jsonl); the
criminality categories are in patterns/criminality.jsonl and criminality.json.
"""

from __future__ import annotations

import re
from typing import Any

from enforcement_tracker.extract.arrest_words import words_after, words_before
from enforcement_tracker.extract.cadence_words import cadence_after
from enforcement_tracker.extract.candidates import Candidate
from enforcement_tracker.extract.categories import category_matches
from enforcement_tracker.extract.count_fields import CLAUSE_END, NEXT_ARREST_CLAUSE, clause_after as _clause_after, count_fields
from enforcement_tracker.extract.count_lists import elliptical_items, listed_parts
from enforcement_tracker.extract.count_words import follows, precedes
from enforcement_tracker.extract.count_words import found_in as count_words_in
from enforcement_tracker.extract.categories import settings as category_settings
from enforcement_tracker.extract.lexicon import alternation, word_set
from enforcement_tracker.extract.rates import rate_unit, states_total
from enforcement_tracker.extract.sentences import Sentence
from enforcement_tracker.extract.target_words import after_number, before_number, speaks_of_a_goal
from enforcement_tracker.extract.targets import counts_time, rate_reached, second_goal_rate, target_fields
from enforcement_tracker.normalize.numbers import NUMBER_PATTERN, NumberMention, number_key, parse_number

# "Eleven of the people arrested were younger than 21": a split by age counts nobody new.
_AGE_SPLIT = re.compile(r"^[^;]{0,60}?\b(?:were|was|are)\s+(?:younger|older)\s+than\b|^\s+(?:minors|juveniles|children)\b", re.I)


def _year_before(period: Any) -> Any:
    """The same period a year earlier ("compared with 6,160 a year earlier")."""
    def back(d: Any) -> Any:
        if not isinstance(d, dict) or not d.get("date"):
            return None
        iso = d["date"]
        year = int(iso[:4]) - 1
        day = iso[8:10] if len(iso) == 10 else ""
        if iso[5:10] == "02-29":
            day = "28"
        return {**d, "date": f"{year}{iso[4:8]}{day}" if day else f"{year}{iso[4:]}", "text": "a year earlier"}
    if not isinstance(period, dict):
        return None
    if "date" in period:
        return back(period)
    return {"start": back(period.get("start")), "end": back(period.get("end"))}


# "19 others illegally re-entered": a number that is the subject of its own past-tense verb.
_OWN_VERB = re.compile(r"^\s*(?:of\s+(?:the|those|these|them|whom)\s+(?:\w+\s+)?)?(?:others\s+|more\s+)?"
                       r"(?:[\w-]+ly\s+)?(?!arrested|apprehended|detained|captured|booked)[\w-]+ed\s", re.I)


def category_of(text: str) -> tuple[str, int] | None:
    """The criminality category a clause names, and where its phrase starts.

    The earliest phrase wins (on a tie, the category listed first, the more specific one); a
    priority category (collateral, not criminal) wins wherever it stands; convictions named beside
    charges make convicted_or_charged, and two other groups joined by "or" make a mixed group.
    """
    found = category_matches(text)
    if not found:
        return None
    for start, _, name in found:
        if name in category_settings()["priority"]:
            return name, start
    names = {name for _, _, name in found}
    start, _, first = found[0]
    if names == {"convicted", "charged"}:
        return "convicted_or_charged", start
    if len(names) > 1 and names & {"final_order", "other"} and re.search(r"\bor\b", text):
        return "other", start
    return first, start


# "An earlier version of this story said 221 people had been arrested": a figure the outlet took back.
_RETRACTED = re.compile(r"\b(?:earlier|previous|original|first)\s+version\s+of\s+this\s+(?:story|article|report|post|page)\b",
                        re.I)


def find_claims(sent: Sentence, *, headline: bool) -> list[Candidate]:
    if _RETRACTED.search(sent.text):
        return []
    out: list[Candidate] = []
    span = (sent.start, sent.end)
    used_as_of: set[int] = set()
    split = _sex_split(sent)
    for n in sent.numbers:
        before = sent.before(n.start, 90)
        after = sent.after(n.end, 120)
        clause = _clause_after(sent, n.end, between_dashes=bool(re.search(r"\w\s*[—–]\s*$", before)))
        if follows(sent.text, n.end - sent.start, "age_after") or precedes(sent.text, n.start - sent.start, "age_before") or \
                n.start in split or _AGE_SPLIT.match(clause):
            continue  # "a 42-year-old national": an age, never a count
        base = dict(kind="", start=span[0], end=span[1], sentence=sent.index, paragraph=sent.paragraph,
                    anchor=n.start, in_headline=headline, in_quote=sent.in_quote(n.start))
        # cadence: "three cities per week"
        cadence = cadence_after(sent.text, n.end - sent.start)
        if cadence and not n.is_share:
            out.append(Candidate(fields={"count": n.value, "unit": cadence[0], "per": cadence[1]},
                                 **{**base, "kind": "cadence"}))
            continue
        if n.is_share and any(
                not x.is_share and (re.fullmatch(r"(?:\s+of\s+(?:them|those|these|whom))?,\s+or\s+|\s*[—–]\s*|\s*\(\s*",
                                                 sent.text[x.end - sent.start:n.start - sent.start])
                                    or re.fullmatch(r"\s*[—–]\s*", sent.text[n.end - sent.start:x.start - sent.start]))
                for x in sent.numbers):
            continue  # "14,111—nearly half—had", "nearly half — 42 — had", "Seventeen (of them), or about 29 percent,",
            # "six (about 16 percent) had": the count carries it
        if precedes(sent.text, n.start - sent.start, "all_but_before"):
            continue  # "all but three had records": the three are the ones the words leave out
        if precedes(sent.text, n.start - sent.start, "share_base_before"):
            continue  # "the share of those 1,640 who had ...": the group a share is of, not a count
        if n.is_share and n.start not in used_as_of:
            crim = _share_criminality(sent, n, _share_clause(sent, n, before, clause), base)
            if crim:
                if crim.of_value:
                    used_as_of.update(x.start for x in sent.numbers if number_key(x.value) == crim.of_value)
                out.append(crim)
            continue
        value = n.value.get("value") or n.value.get("low")
        words_after = after_number(sent.text, n.end - sent.start)
        # "agents made 60 arrests a day": a rate reached, however much the sentence speaks of a goal
        reached = rate_reached(before)
        rate_asked = not reached and (("rate" in words_after and speaks_of_a_goal(sent.text)) or
                                      ("word" in words_after and rate_unit(sent.text)))
        # "a goal of 25 arrests a week in one region, and of 150 a week across the office": a second goal
        second = second_goal_rate(before, after) if any(c.kind == "target" for c in out) and not reached else None
        if (before_number(sent.text, n.start - sent.start) or "target" in words_after or rate_asked or second or (
                "low" in n.value and speaks_of_a_goal(sent.text) and rate_unit(sent.text))) and \
                not counts_time(after):  # "sought for more than five years": how long, not how many
            per = second or rate_unit(sent.text)
            if per is None and states_total(sent.text, n.end - sent.start):
                continue  # "a benchmark of 300 arrests over the two weeks": a goal for a whole span, no rate
            out.append(Candidate(fields=target_fields(sent, n, per or "day"), **{**base, "kind": "target"}))
            continue
        if value is None or value < 2 and "low" not in n.value:
            continue
        if any(c.kind == "target" for c in out) and states_total(sent.text, n.end - sent.start) and \
                speaks_of_a_goal(sent.text) and re.search(r",?\s+and\s+$", before):
            continue  # "a goal of 40 arrests a day, and about 1,200 over its first month": a goal too, with no rate
        crim = None if n.start in used_as_of else _count_criminality(sent, n, before, clause, base)
        if crim is None and follows(sent.text, n.end - sent.start, "collateral"):
            crim = Candidate(fields={"of": None, "category": "collateral", "count": n.value},
                             **{**base, "kind": "criminality"})
        frame = sent.frame(n.start, n.end)
        is_arrest = _is_arrest(n, before, after, sent)
        partitive = frame is not None and frame.part_of not in (None, "arrests", "apprehensions") and \
            re.match(r"^\s+of\s+(?:the|those|these)\s", after)
        if is_arrest and partitive and not any(c.kind == "arrest_count" for c in out):
            is_arrest = False  # "Eleven of the workers taken into custody face charges": a part, not a new count
        if frame is not None and frame.counted in word_set("uncounted_noun", lower=True) and not NEXT_ARREST_CLAUSE.match(after):
            # "340 calls about arrests": the parse says what the number counts (but in "arrested 60 and
            # agents arrested 16" the noun it gave the number is the next clause's subject)
            is_arrest = False
        elif frame is not None and frame.governed and not is_arrest and crim is None and \
                "not_before" not in words_before(sent.text, n.start - sent.start) and \
                (frame.counted is None or frame.counted in word_set("people_noun", lower=True)):
            is_arrest = True   # "officers arrested 45 Venezuelans": an arrest verb takes it
        if crim and _at_a_protest(sent.text):
            crim = None  # "six arrested at a protest; all six were charged with ...": no immigration arrest
        if crim and (follows(sent.text, n.end - sent.start, "of_the_arrests_after") or _REDUCED_GROUP.match(clause)):
            is_arrest = False  # "31 of the arrests were collateral", "40 of the people arrested there had ...": which arrests
        if crim:
            out.append(crim)
            if crim.of_value:
                used_as_of.update(x.start for x in sent.numbers if number_key(x.value) == crim.of_value)
        if not is_arrest and any(c.kind == "arrest_count" for c in out) and _dated_ellipsis(sent, n):
            is_arrest = True  # "956 arrests on Sunday, up from 286 on Saturday"
        if not is_arrest and crim is None and _made_arrests(sent, n):
            is_arrest = True  # "the arrests include 38 made during the operation": the number counts arrests
        if not is_arrest and crim is None and any(c.kind == "arrest_count" for c in out) and \
                precedes(sent.text, n.start - sent.start, "compared_before") \
                and not (frame is not None and frame.counted in word_set("uncounted_noun", lower=True)):
            is_arrest = True  # "8,420 arrests, compared with 6,160 a year earlier"
            compared = next(c for c in reversed(out) if c.kind == "arrest_count")
            fields = count_fields(sent, n)
            fields["period"] = _year_before(compared.fields.get("period")) if follows(sent.text, n.end - sent.start, "year_earlier_after") \
                else None
            out.append(Candidate(fields=fields, **{**base, "kind": "arrest_count"}))
            continue
        if is_arrest:
            out.append(Candidate(fields=count_fields(sent, n), **{**base, "kind": "arrest_count"}))
    out.extend(_coordinated_counts(sent, out, headline))
    out.extend(listed_parts(sent, headline))
    out.extend(elliptical_items(sent, out))
    if count_words_in(sent.text, "collateral") and not any(c.kind == "criminality" for c in out):
        out.append(Candidate(kind="criminality", start=span[0], end=span[1], sentence=sent.index,
                             paragraph=sent.paragraph, anchor=sent.start, in_headline=headline,
                             fields={"of": None, "category": "collateral", "count": None}))
    return out


# What may stand between two numbers of one list: a comma or "and"/"or", and before "and" one
# word that is not a plural noun ("410 criminal and 960 administrative arrests").
_JOINER = re.compile(r"^\s*,\s*(?:and\s+|or\s+)?$|^(?:\s+[\w-]*[^\Ws])?\s+(?:and|or)\s+$")


def _number_groups(sent: Sentence) -> list[list[NumberMention]]:
    """Numbers joined by 'and', 'or' or commas: '300 and 215', '410 criminal and 960 administrative'."""
    groups: list[list[NumberMention]] = []
    for n in (x for x in sent.numbers if not x.is_share):
        if groups and _JOINER.match(sent.text[groups[-1][-1].end - sent.start:n.start - sent.start]):
            groups[-1].append(n)
        else:
            groups.append([n])
    return [g for g in groups if len(g) > 1]


def _coordinated_counts(sent: Sentence, out: list[Candidate], headline: bool) -> list[Candidate]:
    """Numbers joined in a list share what they count: one an arrest count makes all of them
    ('made 820 and 684 of the arrests'); a list followed by 'respectively' pairs with the places
    listed before it; a list 'compared to N and M, respectively' mirrors an earlier list of counts."""
    counts = {c.anchor: c for c in out if c.kind == "arrest_count"}
    taken = {c.anchor for c in out}
    added: list[Candidate] = []
    groups = _number_groups(sent)
    for gi, group in enumerate(groups):
        known = [counts[n.start] for n in group if n.start in counts]
        respectively = follows(sent.text, group[-1].end - sent.start, "respectively_after")
        mirrored = False
        if not known and respectively and precedes(sent.text, group[0].start - sent.start, "compared_before"):
            earlier = [g for g in groups[:gi] if len(g) == len(group) and all(n.start in counts for n in g)]
            mirrored = bool(earlier)
        if not known and not mirrored:
            continue
        model = known[0] if known else None
        for n in group:
            if n.start in taken or n.value.get("value") is None:
                continue
            fields = dict(model.fields) if model else count_fields(sent, n)
            fields["count"] = n.value
            if mirrored:
                fields["period"] = None  # the earlier period a comparison names is not read here
            added.append(Candidate(kind="arrest_count", start=sent.start, end=sent.end, sentence=sent.index,
                                   paragraph=sent.paragraph, anchor=n.start, in_headline=headline,
                                   in_quote=sent.in_quote(n.start), fields=fields))
            counts[n.start] = added[-1]
        if respectively:
            members = sorted((counts[n.start] for n in group if n.start in counts), key=lambda c: c.anchor)
            places = [p for p in sent.places if not p.in_quote and p.start < group[0].start]
            if len(places) == len(members):
                for c, p in zip(members, places):
                    c.fields = {**c.fields, "places": [p.place], "scope": "part"}
    return added


_SEX_NOUN = r"(?:men|women|males|females|boys|girls)\b"


def _at_a_protest(text: str) -> bool:
    """Whether a protest word stands in the text ("arrested at a march"), not the month ("ended March 17")."""
    protest = word_set("protest_word", lower=True)
    return any(w.lower() in protest and not (w == "March" and not text.startswith(w))
               for w in re.findall(r"[\w-]+", text))


def _sex_split(sent: Sentence) -> set[int]:
    """'40 men and nine women were detained': a split by sex counts nobody new (a lone '28 males' does)."""
    marked = [n for n in sent.numbers if re.match(r"^\s+(?:adult\s+)?" + _SEX_NOUN, sent.after(n.end, 20), re.I)]
    return {n.start for n in marked} if len(marked) >= 2 else set()


# "made" with no object of its own ("38 made during the sweep", not "38 made their first court appearance")
_MADE = re.compile(r"^\s+(?:(?:were|was|had\s+been|have\s+been)\s+)?(?:made|carried\s+out|conducted)"
                   r"(?=\s+(?:during|in|at|on|by|as|from|between|over|since|across|under|through|before|after)\b|\s*[,.;]|\s*$)")


def _made_arrests(sent: Sentence, n: NumberMention) -> bool:
    """'The arrests include 38 made during ...', 'of the arrests, 38 were made in ...': a number whose
    own verb is 'made', with no object, after 'arrests' or 'arrested' counts arrests."""
    return bool(_MADE.match(sent.after(n.end, 30))) and \
        re.search(r"\barrest(?:s|ed)\b", sent.text[:n.start - sent.start], re.I) is not None


def _dated_ellipsis(sent: Sentence, n: NumberMention) -> bool:
    """'956 arrests on Sunday, up from 286 on Saturday', '162 in Utah and 52 in Idaho', '46 arrests,
    28 of them in Greeley', '31 of the arrests were in Dayton and 21 were in Springfield', '27 before the
    pause and 18 after it resumed, 45 in all': a number that stands for the counted noun of the count
    before it, with its own date, place or time, or the total of those before it."""
    after = sent.after(n.end, 30)
    # "46 arrests, 28 of them in Greeley": the part's own words may come first
    lead = re.match(r"^,?\s+of\s+(?:them|those|whom)(?=\s)|^\s+(?:were|was)(?:\s+arrested)?(?=\s+in\s)", after)
    end = n.end + (lead.end() if lead else 0)
    after = after[lead.end():] if lead else after
    if re.match(r"^\s+(?:on|for|in)\s", after) and any(0 < d.start - end <= 8 for d in sent.dates):
        return True
    # "27 people before the pause and 18 after the operation resumed", "..., 45 in all"
    if re.search(r"\band\s+$", sent.before(n.start, 8)) and re.match(r"^\s+(?:before|after|during|since)\s+(?:the|its)\s", after):
        return True
    if re.match(r"^\s+(?:(?:people|arrests|in\s+custody)\s+)?(?:in\s+all|in\s+total|altogether)\b", after):
        return True  # "..., 45 in all", "..., 50 people in all"
    return bool(re.match(r"^\s+in\s", after)) and any(0 < p.start - end <= 8 and not p.landmark
                                                         for p in sent.places)


def _is_arrest(n: NumberMention, before: str, after: str, sent: Sentence) -> bool:
    around = words_after(sent.text, n.end - sent.start) | words_before(sent.text, n.start - sent.start)
    if "not_after" in around or "not_before" in around:
        return False
    if re.match(r"^\s*(?:of\s+(?:the|them|those|whom)|had|have|has|were|are)\b", after) and "after" not in around:
        return False
    return "after" in around or "before" in around


def _of_value(clause_after: str) -> tuple | None:
    m = re.match(r"^\s*(?:of\s+(?:the|those|these)\s+(?P<n>[\d,]+|[a-zA-Z-]+)(?=\s))", clause_after)
    if m:
        v = parse_number(m.group("n"))
        if v:
            return (int(v) if float(v).is_integer() else v, None, None)
    return None


def _of_value_before(before: str) -> tuple | None:
    """'Of the 45 detained, 12 had ...': the base comes first."""
    m = re.search(r"\b[Oo]f\s+(?:the|those|these)\s+([\d,]+)\b[^.;]*,\s*$", before)
    if m:
        v = parse_number(m.group(1))
        if v:
            return (int(v), None, None)
    return None


_AT_LARGE = re.compile(r"\bremain(?:s|ed|ing)?\s+at\s+large\b|\bat-large\s+population\b", re.I)


_SHARE_WORDS = r"(?:share|percentage|proportion|portion|fraction|percent)"
# "The share of those arrested who had no record was 40 percent": the share's group comes before it.
_SHARE_STATED_BEFORE = re.compile(
    rf"\b{_SHARE_WORDS}\s+(?P<group>of\s+[^.;]{{1,120}}?)\s+(?:was|is|were|stood\s+at|reached|came\s+to|rose\s+to|"
    r"fell\s+to|climbed\s+to|dropped\s+to)\s+(?:about\s+|nearly\s+|roughly\s+|almost\s+|more\s+than\s+|"
    r"just\s+(?:over|under)\s+)?$", re.I)
# "61% — The share of those 1,640 who had no record": a list item whose words follow a dash.
_ITEM_DASH = re.compile(rf"^\s*[—–]\s*(?:the\s+)?(?:{_SHARE_WORDS}\s+)?", re.I)


def _share_clause(sent: Sentence, n: NumberMention, before: str, clause: str) -> str:
    """The words that say what a share is a share of, wherever they stand."""
    stated = _SHARE_STATED_BEFORE.search(before)
    if stated:
        return " " + stated.group("group")
    item = _ITEM_DASH.match(sent.after(n.end, 200))
    if item and not clause.strip():
        rest = sent.after(n.end, 200)[item.end():]
        m = CLAUSE_END.search(rest)
        return " " + (rest[:m.start()] if m else rest)
    return clause


# A share of someone's own people: "most of her clients", "half of his students", "a third of our members".
_SOMEONES_OWN = re.compile(r"^\s*of\s+(?:her|his|their|our|my|its)\s+(?:[\w-]+\s+){0,2}?(?:clients|students|members|"
                           r"patients|parishioners|congregants|employees|workers|tenants|customers|neighbors|neighbours)\b", re.I)


_OF_THE_REMOVED = re.compile(r"^\s*of\s+(?:the|those|these|all)\s+(?:[\w-]+\s+){0,4}?"
                             r"(?:removed|deported|repatriated|removals|deportations|deportees)\b", re.I)


def _share_criminality(sent: Sentence, n: NumberMention, clause: str, base: dict) -> Candidate | None:
    if _AT_LARGE.search(clause):
        return None  # people who "remain at large" were not arrested (ANNOTATION, news conventions)
    cat = category_of(clause)
    if cat is None or _SOMEONES_OWN.match(clause):
        return None  # "most of her clients had no record": a lawyer's clients, not the people arrested
    if _OF_THE_REMOVED.match(clause):
        return None  # "55 percent of those the agency deported": removals are no arrests (ANNOTATION)
    counted = re.match(r"^\s*of\s+(?:the|those|these)\s+((?:[\w-]+\s+){0,3}?)(?:aliens|noncitizens|individuals|people|"
                       r"immigrants|migrants|persons|arrestees|detainees)\b", clause)
    if counted and n.value.get("value") == 1.0 and (category_of(counted.group(0)) or
                                                    re.search(r"\bcriminal\b", counted.group(0), re.I)):
        return None  # "all of the criminal aliens had convictions" says nothing about the arrests
    of = _of_value(clause)
    # "Over half of those detained (31) had ...": the count in brackets carries it.
    bracket = re.match(r"^[^().;]{0,60}?\((\d[\d,]*)\)", clause)
    if bracket and parse_number(bracket.group(1)):
        value = {"value": int(parse_number(bracket.group(1))), "qualifier": "exact"}
        c = Candidate(fields={"of": None, "category": cat[0], "count": value}, **{**base, "kind": "criminality"})
        c.link_previous = True
        return c
    c = Candidate(fields={"of": None, "category": cat[0], "share": n.value}, of_value=of, **{**base, "kind": "criminality"})
    c.link_previous = of is None and bool(re.match(
        r"^\s*(?:of\s+(?:them|those|whom|the\s+arrest)|were|had|have)\b|"
        r"^\s*of\s+(?:the|those|these)\s+(?:[\w-]+\s+){0,4}?(?:arrested|detained|apprehended|taken|arrests|people|"
        r"individuals|aliens|noncitizens|immigrants|migrants|arrestees)\b", clause))
    return c


_PEOPLE_NOUN = re.compile(
    r"^\s*((?:(?!(?:were|was|are|is|had|have|has|been)\b)[\w-]+\s+){0,3}?)(?:criminal\s+)?"
    + alternation("people_noun") + r"\b")
# "14,111—nearly half—were": the words between the dashes restate the number.
_APPOSITION = re.compile(r"^\s*[—–]\s*[^—–.;]{1,40}?[—–]\s*|^\s+-{1,2}\s*[^-.;]{1,40}?\s-{1,2}\s+|"
                         r"^,\s+or\s+(?:about\s+|nearly\s+|roughly\s+|almost\s+)?[\d.]+\s*(?:%|percent|per\s+cent),\s*|"
                         r"^\s*\(\s*(?:about\s+|nearly\s+|roughly\s+|almost\s+)?[\d.]+\s*(?:%|percent|per\s+cent)\s*\)\s*")


# "of them", "of those 67": a partitive right after a count, before an apposition that restates it
_PARTITIVE_HEAD = re.compile(r"^\s+of\s+(?:them|those|these|whom|the)(?:\s+[\w,-]+)?(?=,\s+or\s)")
_REDUCED_GROUP = re.compile(rf"^\s*of\s+(?:the|those|these)\s+(?:(?P<size>[\d,]+)\s+)?{alternation('people_noun')}\s+{alternation('arrest_verb')}\b"
                            r"[^,;.]{0,60}?\s+(?=(?:were|was|had|have|has|as\s+having)\b)", re.I)
_IDENTIFIED_BEFORE = re.compile(r"\b(?:identified|found|determined|confirmed|classified)\s+$", re.I)
_AS_HAVING = re.compile(r"^(\s*of\s+(?:the|those|these)\s+)?\s*as\s+having\b|\s+as\s+having\b", re.I)


_NUMBER_FIRST = re.compile(rf"\s*{NUMBER_PATTERN}\b")
# "The remaining 12, the agency said, had ...": an attribution set between the number and its verb.
_ASIDE = re.compile(rf"^,\s+(?:the\s+|an?\s+)?[\w .'’-]{{1,40}}?\s+{alternation('speech_verb')}\s*,")


_REMOVAL = re.compile(r"\b(?:removed|deported|removals|deportations)\b", re.I)
_BEEN_BEFORE = re.compile(r"\b(?:been|were|was)\s+(?:\w+ly\s+)?$", re.I)


def _count_criminality(sent: Sentence, n: NumberMention, before: str, clause: str, base: dict) -> Candidate | None:
    if _AT_LARGE.search(clause):
        return None
    aside = _ASIDE.match(clause)
    if aside and not _NUMBER_FIRST.match(clause, aside.end()):  # "Of the 81, the agency said, 30 had ...": 30's verb
        clause = " " + clause[aside.end():]
    # "Of the 200 people removed, 40 had ...": a group of removals, not arrests; but "eight had been
    # deported before, and five had ..." tells what an item's people had been through
    removal = next((m for m in _REMOVAL.finditer(sent.text) if not _BEEN_BEFORE.search(sent.text[:m.start()])), None)
    if removal and removal.start() < n.start - sent.start and not \
            re.search(r"\b(?:arrest\w*|apprehen\w*|custody)\b", sent.text, re.I):
        return None
    # "60 convicted criminal aliens", "71 aliens with criminal convictions", "including 1,517
    # convicted criminals": the category is the noun phrase the number counts.
    tight = _PEOPLE_NOUN.match(clause) or re.match(r"^\s*(?=with\b|who\s+had\b)", clause)
    if tight and not re.match(r"\s*(?:and|or)\s+other\b", clause[tight.end():]):
        phrase = clause[:tight.end()]
        with_phrase = re.match(r"^\s*(?:who\s+(?:had|have)|with|having)\s+(?:[\w-]+\s+){0,6}?"
                               r"(?:convictions?|records?|histor(?:y|ies)|charges|orders?\s+of\s+\w+)\b",
                               clause[tight.end():])
        if with_phrase:
            phrase += with_phrase.group(0)
        cat = category_of(phrase)
        # A mixed or vague description ("fugitive aliens and other violators") is no category.
        if cat and cat[0] not in ("collateral", "other"):
            c = Candidate(fields={"of": None, "category": cat[0], "count": n.value}, **{**base, "kind": "criminality"})
            c.link_previous = bool(with_phrase) or precedes(sent.text, n.start - sent.start, "including_before")
            return c
    # "Forty of the 52 have convictions", "the other 12 are ..."
    # "8 others re-entered after removal": the number's own predicate, a few words on.
    # "Thirty of them, or about 40%, had ...": the apposition may follow the partitive
    head = _PARTITIVE_HEAD.match(clause)
    at = head.end() if head else 0
    restated = _APPOSITION.match(clause[at:])
    share = None
    if restated:
        # "14,111—nearly half—had ...": the count carries the record, and keeps the share it is said to be
        share = next((x.value for x in sent.numbers if x.is_share and
                      n.end + at <= x.start < n.end + at + restated.end()), None)
        if head:
            clause = clause[:at] + _APPOSITION.sub(" ", clause[at:], count=1)
    elif re.match(r"^\s*[—–]\s*\w", clause):
        # "nearly half — 42 — had ...": the count between dashes restates the share before it
        share = next((x.value for x in sent.numbers if x.is_share and
                      re.fullmatch(r"\s*[—–]\s*", sent.text[x.end - sent.start:n.start - sent.start])), None)
        clause = re.sub(r"^\s*[—–]\s*", " ", clause, count=1)
    clause = _APPOSITION.sub(" ", clause, count=1)
    # "38 of the people apprehended at the border in fiscal 2018 had been deported": the group's own
    # words (arrested where and when) stand between the partitive and its verb
    reduced = _REDUCED_GROUP.match(clause)
    if reduced:
        # (the group's size, when said, stays: "of the 37 had" is a part of the 37, not a count of its own)
        clause = " of the " + (reduced.group("size") + " " if reduced.group("size") else "") + clause[reduced.end():]
    if _IDENTIFIED_BEFORE.search(before):
        # "Agents identified 52 of those apprehended as having convictions": what they were found to have
        clause = _AS_HAVING.sub(" had ", clause, count=1)
    m = re.match(r"^\s*(?:of\s+(?:the|those|these|them|whom)(?:\s+[\d,]+)?\s+)?(?:[\w-]+\s+){0,2}?"
                 r"(?:were|was|are|is|have|had|has|met|include|included|faced|face|faces)\b", clause)
    frame = sent.frame(n.start, n.end)
    # "104 smuggled migrants apprehended": when the parse says the number counts a noun, the
    # "-ed" word before it is that noun's adjective, not the number's own verb.
    counts_noun = frame is not None and frame.counted not in (None, "others")
    verb = None if m else ((None if counts_noun else _OWN_VERB.match(clause)) or precedes(sent.text, n.start - sent.start, "remaining_before"))
    if m or verb:
        # A bare verb's category must stand in its own comma-free stretch ("106 identified with
        # X, eight charged criminally": the charge is the eight's, not the 106's).
        cat = category_of(clause if m else re.split(r"[,;]", clause)[0])
        if cat and precedes(sent.text, n.start - sent.start, "none_of_before"):
            return None  # "None of the 40 had a criminal record": not 40 with one
        if cat:
            of = _of_value(clause) or _of_value_before(before)
            fields = {"of": None, "category": cat[0], "count": n.value}
            if share is None and precedes(sent.text, n.start - sent.start, "all_of_before"):
                share = {"value": 1.0, "qualifier": "exact"}  # "All nine had convictions": the whole group
            if share is not None:
                fields["share"] = share
            c = Candidate(fields=fields, of_value=of, **{**base, "kind": "criminality"})
            c.link_previous = of is None
            return c
    return None
