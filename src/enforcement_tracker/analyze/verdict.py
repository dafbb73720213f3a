"""A check read as a verdict: one code, and one headline sentence a reporter can quote.

The code says where the claim stands against the official figure for the same thing, period and
place: `matches`, `higher` (the claim is above it), `lower`, `no_official_figure` (nothing
covers it), `not_comparable` (figures exist, but none counts the same thing for the same period
and place). The headline leads with that figure, in words, with its direction and its size,
and names who published it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from enforcement_tracker.analyze.official_figures import Figure, source_name, source_url
from enforcement_tracker.analyze.wording import period_label, share_fits

if TYPE_CHECKING:  # pragma: no cover
    from enforcement_tracker.analyze.claims import Claim

# The one list of verdict codes: the CLI, the API, the exports and the pages read it.
CODES = {
    "matches": "matches the official figure",
    "higher": "higher than the official figure",
    "lower": "lower than the official figure",
    "no_official_figure": "no official figure covers it",
    "not_comparable": "official figures exist, but none counts the same thing for the same period and place",
}

# How far a count may stray from the official figure and still match it, by its qualifier
# (a share of the official figure). "About 1,200" is a round number; "1,179" is not.
TOLERANCE = {None: 0.02, "exact": 0.02, "about": 0.10, "nearly": 0.10}


@dataclass(frozen=True)
class Verdict:
    code: str
    headline: str
    source: str | None = None        # the lead figure's series
    source_name: str | None = None
    source_url: str | None = None


def claim_number(c: Claim) -> float | None:
    """The number a claim is held to: a share, a count, or a range's low end (a target's floor)."""
    if c.kind == "criminality":
        from enforcement_tracker.analyze.shares import claimed_share

        return claimed_share(c)
    return c.low if c.low is not None else c.value


def figure_code(c: Claim, f: Figure) -> str:
    """The claim against one figure: not_comparable unless it counts the same thing, period and place."""
    if not f.comparable or f.value is None:
        return "not_comparable"
    if c.kind == "criminality":
        claimed = claim_number(c)
        if claimed is None:
            return "not_comparable"
        if share_fits(f.value, claimed, c.qualifier):
            return "matches"
        return "higher" if claimed > f.value else "lower"
    if c.kind == "target":
        # A target is a floor: met on average is a match; above what was done is "higher".
        floor = claim_number(c)
        if floor is None:
            return "not_comparable"
        return "matches" if f.value >= floor else "higher"
    if c.low is not None and c.high is not None:
        if c.low <= f.value <= c.high:
            return "matches"
        return "higher" if c.low > f.value else "lower"
    if c.value is None:
        return "not_comparable"
    q = c.qualifier
    if q in ("more_than", "at_least"):
        return "matches" if f.value >= c.value else "higher"
    if q in ("fewer_than", "up_to"):
        return "matches" if f.value <= c.value else "lower"
    if abs(c.value - f.value) <= TOLERANCE.get(q, 0.02) * max(f.value, 1):
        return "matches"
    return "higher" if c.value > f.value else "lower"


def _amount(value: float, share: bool) -> str:
    return f"{value:.0%}" if share else f"{value:,.0f}"


def _official_words(c: Claim, f: Figure) -> str:
    """What the official figure is, in words, with its period: "ICE itself posted 956 for Sun 2025-01-26"."""
    period = period_label(f.start, f.end)
    if c.kind == "criminality":
        definition = (f.detail or {}).get("definition", "")
        what = {"no_conviction": "had no criminal conviction", "no_charges": "had neither a conviction nor charges",
                "convicted": "had a criminal conviction", "pending_charges": "had charges pending"}.get(
            definition, "fit the claim's category")
        where = "" if f.place == "nationwide" else f" in the {f.place}"
        return f"{f.value:.0%} of the arrests in ICE's FOIA records{where} for {period} {what}"
    if c.kind == "target":
        best = (f.detail or {}).get("best")
        tail = f" (the best day {best:,.0f})" if best is not None else ""
        who = "ICE's own posted figures" if f.source == "ice_posted_daily" else "ICE's FOIA arrest records"
        return f"{who} average {f.value:,.0f} arrests a day from {f.start} to {f.end}{tail}"
    where = "" if f.place == "nationwide" else f" in the {f.place}"
    if f.source == "ice_posted_daily":
        if f.start == f.end:
            return f"ICE itself posted {f.value:,.0f} arrests for that day ({period})"
        return f"ICE's own posts add up to {f.value:,.0f} arrests for {period}"
    if f.source == "foia_arrests_weekly":
        return f"the Deportation Data Project counts {f.value:,.0f} FOIA arrests for {period}"
    return f"ICE's FOIA arrest records count {f.value:,.0f} arrests{where} for {period}"


def _direction(c: Claim, f: Figure, code: str) -> str:
    share = c.kind == "criminality"
    claimed = claim_number(c)
    number = c.number_text if c.kind != "target" else f"{claimed:,.0f} a day"
    if c.kind == "target":
        if code == "matches":
            return f"the target of {number} was met on average"
        gap = claimed - f.value
        return f"the target of {number} is {gap:,.0f} a day above that, {gap / max(f.value, 1):.0%} more"
    if code == "matches":
        return f"the claim of {number} matches it"
    gap = abs(claimed - f.value)
    pct = gap / f.value if f.value else None
    word, side = ("higher", "above") if code == "higher" else ("lower", "below")
    if share:
        return f"the claim of {number} is {gap * 100:.0f} points {word}"
    tail = f", {pct:.0%} {side}" if pct is not None else ""
    return f"the claim of {number} is {_amount(gap, share)} {word}{tail}"


def verdict(c: Claim, figures: list[Figure], unchecked: str | None) -> Verdict:
    """The check's code and headline: the comparable figure first, else why there is none."""
    if not figures:
        why = unchecked or "no official figure covers this period and place yet"
        return Verdict("no_official_figure", f"No official figure to hold this against: {why}.")
    lead = next((f for f in figures if f.comparable and f.value is not None), None)
    if lead is None:
        first = figures[0]
        name = source_name(first.source)
        return Verdict("not_comparable",
                       f"No official figure counts the same thing for the same period and place. Nearest: {first.verdict}"
                       f" ({name}).", first.source, name, source_url(first.source, first.detail))
    code = figure_code(c, lead)
    words = _official_words(c, lead)
    headline = f"{words[0].upper()}{words[1:]}: {_direction(c, lead, code)}."
    return Verdict(code, headline, lead.source, source_name(lead.source), source_url(lead.source, lead.detail))
