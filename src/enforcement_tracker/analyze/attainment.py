"""A target against the days it was meant for: days at or above it, the best day, the average."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from enforcement_tracker.analyze.claims import Claim
from enforcement_tracker.analyze.official_figures import (
    DEFINITIONS, Figure, foia_daily_series, posted, published_weeks)
from enforcement_tracker.analyze.wording import compare, day_label

# Without an issue date, a target reported on day P is measured from a week before P (it was
# "set" before it was reported) to a month after.
DAYS_BEFORE_REPORT = 7
DAYS_AFTER = 30


def target_window(c: Claim) -> tuple[str, str] | None:
    anchor = c.issued_on or c.published
    if not anchor or len(anchor) < 10:
        return None
    d = date.fromisoformat(anchor[:10])
    start = d if c.issued_on else d - timedelta(days=DAYS_BEFORE_REPORT)
    return start.isoformat(), (d + timedelta(days=DAYS_AFTER)).isoformat()


def attainment(series: dict[str, float], low: float) -> dict[str, object]:
    best_day = max(series, key=lambda d: series[d])
    reached = [d for d, v in series.items() if v >= low]
    return {"days": len(series), "days_reached": len(reached), "best_day": best_day,
            "best": series[best_day], "average": round(sum(series.values()) / len(series), 1),
            "first": min(series), "last": max(series)}


def _series_figure(source: str, series: dict[str, float], c: Claim, place: str, what: str) -> Figure:
    low = c.low if c.low is not None else c.value
    a = attainment(series, low)
    # The value is the average a day, as every other figure a target is held against: one
    # measure per column (the best day stays in the detail and the words).
    f = Figure(source, DEFINITIONS[source], a["first"], a["last"], place, a["average"], role="series",
               comparable=True, detail=a)
    f.difference_pct, words = compare(a["average"], low)
    reached = (f"none reached {low:,.0f}" if not a["days_reached"]
               else f"{a['days_reached']} of {a['days']} reached {low:,.0f}")
    f.verdict = (f"Of {a['days']} days {what} from {a['first']} to {a['last']}, {reached}; the best was"
                 f" {a['best']:,.0f} ({day_label(a['best_day'])}), the average {a['average']:,.0f}")
    return f


def check_target(conn: sqlite3.Connection, c: Claim) -> tuple[list[Figure], str | None]:
    low = c.low if c.low is not None else c.value
    if low is None:
        return [], "the target has no number"
    if (c.per or "day") != "day":
        return [], f"targets per {c.per} are not checked yet: only daily targets"
    window = target_window(c)
    if window is None:
        return [], "no issue or publication date to place the target in time"
    start, end = window
    figures = []
    if c.nationwide or c.scope == "nationwide":
        days = {d: r["arrests"] for d, r in posted(conn, start, end).items()}
        if days:
            figures.append(_series_figure("ice_posted_daily", days, c, "nationwide", "ICE posted"))
    areas, states = ([], []) if c.scope == "nationwide" else (c.areas, c.states)
    foia = foia_daily_series(conn, start, end, areas, states)
    if foia:
        place = ("; ".join(areas) + " area") if areas else (", ".join(states) or "nationwide")
        figures.append(_series_figure("foia_arrests_daily", foia, c, place, "in ICE's FOIA arrest records"))
    if c.nationwide or c.scope == "nationwide":
        for w in published_weeks(conn, start, end):
            per_day = w["arrests_total"] / 7
            pct, words = compare(per_day, low)
            verdict = (f"The week {w['week_start']} to {w['week_end']} counts {w['arrests_total']:,.0f} FOIA arrests,"
                       f" about {per_day:,.0f} a day: {'at or above' if per_day >= low else 'below'} {low:,.0f}"
                       f" a day on average ({words})")
            figures.append(Figure("foia_arrests_weekly", DEFINITIONS["foia_arrests_weekly"], w["week_start"],
                                  w["week_end"], "nationwide", round(per_day, 1), role="week", comparable=False,
                                  difference_pct=pct, verdict=verdict,
                                  detail={"per_day": round(per_day, 1), "arrests_total": w["arrests_total"]}))
    return figures, None
