"""Looking up the official figures for a period and a place, each with what it counts.

The words in DEFINITIONS are what the tracker shows next to a figure: the point of a check is
as much "these count different things" as "these numbers differ".
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

DEFINITIONS = {
    "ice_posted_daily": "ICE's own public 'enforcement update' for the day: arrests as ICE chose to announce them"
                        " (a claim by ICE, not its records)",
    "foia_arrests_daily": "ICE ERO administrative arrest records released under FOIA (Deportation Data Project),"
                          " rows flagged as likely duplicates dropped",
    "foia_arrests_week": "the same FOIA records summed over the Monday-Sunday week: a weekly count is not a day",
    "foia_arrests_weekly": "Deportation Data Project's weekly count of ICE ERO administrative arrests (FOIA):"
                           " a weekly count is not a day",
    "detention_book_ins": "initial book-ins into ICE detention of people ICE arrested, in the month (detentionStats):"
                          " book-ins are not arrests, and a month is not a day",
    "no_conviction": "'without a criminal conviction': counts people with pending criminal charges too",
    "no_charges": "'other immigration violator': neither convicted nor charged with a crime",
    "convicted": "'convicted criminal': at least one criminal conviction",
    "pending_charges": "'pending criminal charges': charged, not convicted",
    "detention_adp": "average daily population in ICE detention of people ICE arrested, in the month: people held,"
                     " not arrests",
}

SOURCE_LABELS = {
    "ice_posted_daily": "ICE posted daily figure",
    "foia_arrests_daily": "FOIA arrest records (day)",
    "foia_arrests_week": "FOIA arrest records (week)",
    "foia_arrests_weekly": "DDP weekly FOIA arrests",
    "detention_book_ins": "ICE detention book-ins",
    "detention_adp": "ICE detention population",
}

# Who publishes each series, by its real name, and where a reader finds it; a figure's own
# `detail["url"]` (the very post or file) comes first when the import kept one.
OFFICIAL_SOURCES = {
    "ice_posted_daily": ("U.S. Immigration and Customs Enforcement (ICE), its daily 'enforcement update' posts"
                         " on X (@ICEgov)", "https://x.com/ICEgov"),
    "foia_arrests_daily": ("ICE Enforcement and Removal Operations arrest records released under FOIA, as"
                           " published by the Deportation Data Project", "https://deportationdata.org/"),
    "foia_arrests_week": ("ICE Enforcement and Removal Operations arrest records released under FOIA, as"
                          " published by the Deportation Data Project", "https://deportationdata.org/"),
    "foia_arrests_weekly": ("the Deportation Data Project's weekly count of ICE arrests (FOIA records)",
                            "https://deportationdata.org/"),
    "detention_book_ins": ("ICE's detention statistics workbook (detentionStats)",
                           "https://www.ice.gov/detain/detention-management"),
    "detention_adp": ("ICE's detention statistics workbook (detentionStats)",
                      "https://www.ice.gov/detain/detention-management"),
}


def source_name(source: str) -> str:
    return OFFICIAL_SOURCES.get(source, (SOURCE_LABELS.get(source, source), None))[0]


def source_url(source: str, detail: dict[str, Any] | None = None) -> str | None:
    """The URL to cite: the very post or file when the import kept it, else the series' home."""
    own = (detail or {}).get("url")
    return own or OFFICIAL_SOURCES.get(source, (None, None))[1]


@dataclass
class Figure:
    source: str                       # a key of SOURCE_LABELS
    definition: str
    start: str
    end: str
    place: str
    value: float | None
    role: str = "same_period"         # same_period, adjacent_day, week, month, series
    comparable: bool = True           # same thing, same period, same place as the claim
    difference_pct: float | None = None
    verdict: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "label": SOURCE_LABELS.get(self.source, self.source),
                "source_name": source_name(self.source), "source_url": source_url(self.source, self.detail),
                "definition": self.definition, "period": {"start": self.start, "end": self.end},
                "place": self.place, "value": self.value, "role": self.role, "comparable": self.comparable,
                "difference_pct": self.difference_pct, "verdict": self.verdict, "detail": self.detail}


def days(start: str, end: str) -> list[str]:
    d0, d1 = date.fromisoformat(start), date.fromisoformat(end)
    return [(d0 + timedelta(days=i)).isoformat() for i in range((d1 - d0).days + 1)]


def shift(day: str, n: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=n)).isoformat()


def week_of(day: str) -> tuple[str, str]:
    d = date.fromisoformat(day)
    monday = d - timedelta(days=d.weekday())
    return monday.isoformat(), (monday + timedelta(days=6)).isoformat()


def posted(conn: sqlite3.Connection, start: str, end: str) -> dict[str, dict[str, Any]]:
    """ICE's posted figures by day, days without a number left out."""
    rows = conn.execute("SELECT date, weekday, arrests, source_url, source_note FROM ice_posted_daily"
                        " WHERE date BETWEEN ? AND ? AND arrests IS NOT NULL ORDER BY date", (start, end))
    return {r[0]: {"weekday": r[1], "arrests": r[2], "url": r[3], "note": r[4]} for r in rows}


def foia_coverage(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    row = conn.execute("SELECT MIN(date), MAX(date) FROM foia_arrests_daily").fetchone()
    return row[0], row[1]


def _place_filter(areas: list[str], states: list[str]) -> tuple[str, list[str]]:
    if areas:
        return f" AND aor IN ({','.join('?' for _ in areas)})", list(areas)
    if states:
        return f" AND state IN ({','.join('?' for _ in states)})", list(states)
    return "", []


def foia_by_criminality(conn: sqlite3.Connection, start: str, end: str, areas: list[str],
                        states: list[str]) -> dict[str, int] | None:
    """FOIA arrests in the period and place by criminality; None when the data does not cover it."""
    first, last = foia_coverage(conn)
    if not first or start < first or end > last:
        return None
    where, params = _place_filter(areas, states)
    rows = conn.execute("SELECT criminality, SUM(arrests) FROM foia_arrests_daily WHERE date BETWEEN ? AND ?"
                        + where + " GROUP BY criminality", [start, end] + params).fetchall()
    out = {r[0]: int(r[1]) for r in rows}
    out["total"] = sum(out.values())
    return out


def foia_daily_series(conn: sqlite3.Connection, start: str, end: str, areas: list[str],
                      states: list[str]) -> dict[str, int]:
    first, last = foia_coverage(conn)
    if not first:
        return {}
    start, end = max(start, first), min(end, last)
    where, params = _place_filter(areas, states)
    rows = conn.execute("SELECT date, SUM(arrests) FROM foia_arrests_daily WHERE date BETWEEN ? AND ?" + where
                        + " GROUP BY date ORDER BY date", [start, end] + params)
    found = {r[0]: int(r[1]) for r in rows}
    return {d: found.get(d, 0) for d in days(start, end)} if start <= end else {}


def published_weeks(conn: sqlite3.Connection, start: str, end: str) -> list[dict[str, Any]]:
    """DDP weekly rows overlapping the period."""
    rows = conn.execute("SELECT week_start, week_end, arrests_total, with_conviction, without_conviction,"
                        " share_without_conviction, source FROM foia_arrests_weekly"
                        " WHERE week_end >= ? AND week_start <= ? ORDER BY week_start", (start, end))
    keys = ("week_start", "week_end", "arrests_total", "with_conviction", "without_conviction",
            "share_without_conviction", "source")
    return [dict(zip(keys, r)) for r in rows]


def detention_month(conn: sqlite3.Connection, table: str, month: str, **dims: str) -> tuple[float, str] | None:
    """Newest edition's value for a month (agency ICE by default): (value, edition)."""
    from enforcement_tracker.official.detention_stats import latest_value

    return latest_value(conn, table, month=month, **dims)
