"""Plain words for differences, days and periods, used in every verdict."""

from __future__ import annotations

from datetime import date


def compare(official: float, claim: float | None) -> tuple[float | None, str]:
    """(difference in % of the claim, words): 956 against a claimed 1,200 is "20% lower"."""
    if not claim:
        return None, "the claim has no number to compare"
    pct = (official - claim) / claim * 100
    if abs(pct) < 0.5:
        return round(pct, 1), "the same as the claim"
    return round(pct, 1), f"{abs(pct):.0f}% {'lower' if pct < 0 else 'higher'}"


def day_label(day: str) -> str:
    d = date.fromisoformat(day)
    return f"{d:%a} {d.isoformat()}"


def period_label(start: str, end: str) -> str:
    return day_label(start) if start == end else f"{start} to {end}"


def share_fits(official: float, claim: float, qualifier: str | None) -> bool:
    """Whether an official share bears out a claimed one, read with its qualifier."""
    q = qualifier or "exact"
    if q == "nearly":
        return claim - 0.10 <= official <= claim + 0.03
    if q in ("more_than", "at_least"):
        return official >= claim - 0.01
    if q in ("fewer_than", "up_to"):
        return official <= claim + 0.01
    return abs(official - claim) <= 0.05
