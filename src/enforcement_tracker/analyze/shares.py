"""A criminality claim ("nearly half were not criminal") against FOIA shares, by definition.

ICE's records sort arrests into convicted, pending charges and other immigration violators.
"Not criminal" may mean no conviction (pending charges included) or neither conviction nor
charges; the check shows the share under each, and which one the claim fits.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from enforcement_tracker.analyze.claims import Claim
from enforcement_tracker.analyze.official_figures import (
    DEFINITIONS, Figure, detention_month, foia_by_criminality, published_weeks, week_of)
from enforcement_tracker.analyze.wording import compare, period_label, share_fits

# claim category -> [(definition key, the criminality classes it adds up)]
CATEGORY_DEFINITIONS = {
    "not_criminal": [("no_conviction", ("pending_charges", "other_violator")), ("no_charges", ("other_violator",))],
    "no_record": [("no_charges", ("other_violator",)), ("no_conviction", ("pending_charges", "other_violator"))],
    "convicted": [("convicted", ("convicted",))],
    "charged": [("pending_charges", ("pending_charges",))],
    "convicted_or_charged": [("convicted_or_charged", ("convicted", "pending_charges"))],
}
WORDS = {"no_conviction": "had no criminal conviction", "no_charges": "had neither a conviction nor pending charges",
         "convicted": "had a criminal conviction", "pending_charges": "had pending charges and no conviction",
         "convicted_or_charged": "were convicted or charged"}
CLAIM_WORDS = {"not_criminal": "'not criminal'", "no_record": "'no criminal record'", "convicted": "'convicted'",
               "charged": "'charged'", "convicted_or_charged": "'convicted or charged'"}


_QUAL = {"nearly": "nearly ", "about": "about ", "more_than": "more than ", "at_least": "at least ",
         "fewer_than": "fewer than ", "up_to": "up to "}


def claimed_share(c: Claim) -> float | None:
    if c.share is not None:
        return c.share
    if c.value is not None and c.of_value:
        return c.value / c.of_value
    return None


def _share_figure(source: str, counts: dict[str, int], key: str, classes: tuple[str, ...], c: Claim, share: float,
                  start: str, end: str, place: str, role: str) -> Figure:
    official = sum(counts.get(k, 0) for k in classes) / counts["total"]
    pct, _ = compare(official, share)
    fits = share_fits(official, share, c.qualifier)
    verdict = (f"{official:.0%} of the {counts['total']:,} FOIA arrests{'' if place == 'nationwide' else ' in ' + place}"
               f" for {period_label(start, end)} {WORDS[key]}: the claim of {_QUAL.get(c.qualifier or '', '')}{share:.0%} {CLAIM_WORDS.get(c.category, '')}"
               f" {'fits' if fits else 'does not fit'} this definition")
    definition = DEFINITIONS.get(key, "'convicted or charged'")
    return Figure(source, f"{definition}; {DEFINITIONS[source]}", start, end, place, round(official, 4), role=role,
                  comparable=role == "same_period", difference_pct=pct, verdict=verdict,
                  detail={"definition": key, "fits": fits, "counts": counts})


def _weeks_for(conn: sqlite3.Connection, c: Claim) -> list[dict]:
    """The published weeks a share may be set beside: the week that contains a claim of a week or
    less, or, for a longer period, the weeks that tile it exactly, summed into one (else none)."""
    weeks = published_weeks(conn, c.start, c.end)
    if (date.fromisoformat(c.end) - date.fromisoformat(c.start)).days < 7:
        return [w for w in weeks if w["week_start"] <= c.start and c.end <= w["week_end"]]
    inside = [w for w in weeks if c.start <= w["week_start"] and w["week_end"] <= c.end]
    if not inside or inside[0]["week_start"] != c.start or inside[-1]["week_end"] != c.end or any(
            w["with_conviction"] is None or w["without_conviction"] is None for w in inside):
        return []
    total = sum(w["arrests_total"] for w in inside)
    without = sum(w["without_conviction"] for w in inside)
    return [{"week_start": c.start, "week_end": c.end, "arrests_total": total,
             "with_conviction": sum(w["with_conviction"] for w in inside), "without_conviction": without,
             "share_without_conviction": round(without / total, 4) if total else None}]


def check_criminality(conn: sqlite3.Connection, c: Claim) -> tuple[list[Figure], str | None]:
    if c.category not in CATEGORY_DEFINITIONS:
        return [], f"ICE publishes no count of '{(c.category or '').replace('_', ' ')}' arrests"
    share = claimed_share(c)
    if share is None:
        return [], "a count without the total it belongs to: no share to compare"
    if not c.start:
        return [], "no period: the claim is linked to no dated arrest count"
    place = ("; ".join(c.areas) + " area") if c.areas else (", ".join(c.states) or "nationwide")
    figures = []
    counts = foia_by_criminality(conn, c.start, c.end, c.areas, c.states)
    for key, classes in CATEGORY_DEFINITIONS[c.category]:
        if counts and counts["total"]:
            figures.append(_share_figure("foia_arrests_daily", counts, key, classes, c, share, c.start, c.end,
                                         place, "same_period"))
    w0, w1 = week_of(c.start)
    week = foia_by_criminality(conn, w0, w1, c.areas, c.states) if c.start == c.end else None
    for key, classes in CATEGORY_DEFINITIONS[c.category]:
        if week and week["total"]:
            figures.append(_share_figure("foia_arrests_week", week, key, classes, c, share, w0, w1, place, "week"))
    for w in _weeks_for(conn, c):
        if w["share_without_conviction"] is None or w["with_conviction"] is None:
            continue
        total = round(w["arrests_total"])
        counts_w = {"convicted": round(w["with_conviction"]), "pending_charges": 0,
                    "other_violator": round(w["without_conviction"]), "total": total}
        for key, classes in CATEGORY_DEFINITIONS[c.category]:
            if key in ("no_conviction", "convicted"):
                f = _share_figure("foia_arrests_weekly", counts_w, key, classes, c, share, w["week_start"],
                                  w["week_end"], "nationwide", "week")
                f.value = w["share_without_conviction"] if key == "no_conviction" else round(1 - w["share_without_conviction"], 4)
                figures.append(f)
    month = c.start[:7]
    if c.start[:7] == c.end[:7] and c.category in ("not_criminal", "no_record"):
        total = detention_month(conn, "adp_by_agency_month_criminality", month, agency="ICE", criminality="total")
        conv = detention_month(conn, "adp_by_agency_month_criminality", month, agency="ICE", criminality="convicted")
        if total and conv and total[0]:
            s = 1 - conv[0] / total[0]
            figures.append(Figure(
                "detention_adp", DEFINITIONS["detention_adp"] + "; " + DEFINITIONS["no_conviction"], f"{month}-01",
                c.end, "nationwide", round(s, 4), role="month", comparable=False, detail={"edition": total[1]},
                verdict=f"In ICE detention in {month}, {s:.0%} of the people ICE arrested had no criminal conviction"
                        f" (average daily population, edition {total[1]}): people held, not arrests"))
    return figures, None
