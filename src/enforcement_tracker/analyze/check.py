"""`etrack check`: every arrest count, target and criminality claim held against official data.

For each claim the official figures for the same period and place are put side by side with
what each counts ("no conviction" is not "no charges"; book-ins are not arrests; a week is not a
day) and a verdict in plain words. Checks are stored so the web shows them next to each record.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from enforcement_tracker.analyze.claims import Claim, load_claims
from enforcement_tracker.analyze.official_figures import (
    DEFINITIONS, Figure, detention_month, foia_by_criminality, posted, published_weeks, shift, week_of)
from enforcement_tracker.analyze.verdict import Verdict, figure_code, verdict
from enforcement_tracker.analyze.wording import compare, day_label, period_label
from enforcement_tracker.errors import StoreError
from enforcement_tracker.kinds import registry


@dataclass
class Check:
    record_id: str
    claim: Claim
    figures: list[Figure] = field(default_factory=list)
    verdict: str = ""
    unchecked: str | None = None       # why no official figure could be found
    result: Verdict | None = None      # the code and headline (analyze/verdict.py)

    @property
    def code(self) -> str:
        return self.result.code if self.result else "no_official_figure"

    @property
    def headline(self) -> str:
        return self.result.headline if self.result else self.verdict

    def to_dict(self) -> dict[str, Any]:
        official = []
        for f in self.figures:
            row = f.to_dict()
            row["code"] = figure_code(self.claim, f)
            official.append(row)
        r = self.result
        return {"record_id": self.record_id, "kind": self.claim.kind, "review": self.claim.review,
                "code": self.code, "headline": self.headline,
                "source_name": r.source_name if r else None, "source_url": r.source_url if r else None,
                "claim": self.claim.to_dict(), "official": official, "verdict": self.verdict,
                "unchecked": self.unchecked}


def check_arrest_count(conn: sqlite3.Connection, c: Claim) -> list[Figure]:
    if c.value is None or not c.start or not c.end:
        return []
    figures = _posted_figures(conn, c) + _foia_figures(conn, c)
    figures += _weekly_figures(conn, c) + _book_in_figures(conn, c)
    return figures


def _posted_figures(conn: sqlite3.Connection, c: Claim) -> list[Figure]:
    out = []
    span = posted(conn, shift(c.start, -1), shift(c.end, 1))
    if c.start == c.end:
        day = c.start
        if day in span:
            v = span[day]["arrests"]
            f = Figure("ice_posted_daily", DEFINITIONS["ice_posted_daily"], day, day, "nationwide", v,
                       comparable=c.nationwide, detail={"url": span[day]["url"], "note": span[day]["note"]})
            if c.nationwide:
                f.difference_pct, words = compare(v, c.value)
                f.verdict = f"ICE's own posted figure for that day is {v:,.0f}, {words}"
            else:
                more = " The claim is larger than ICE's figure for the whole country." if c.value > v else ""
                f.verdict = f"ICE posted {v:,.0f} arrests for the whole country that day; the claim is about {c.place_label}.{more}"
            out.append(f)
        for n, which in ((-1, "the day before"), (1, "the day after")):
            adj = shift(day, n)
            if adj in span and c.nationwide:
                v = span[adj]["arrests"]
                pct, words = compare(v, c.value)
                out.append(Figure("ice_posted_daily", DEFINITIONS["ice_posted_daily"], adj, adj, "nationwide", v,
                                  role="adjacent_day", comparable=False, difference_pct=pct,
                                  verdict=f"ICE posted {v:,.0f} for {day_label(adj)}, {which}: another day's figure,"
                                          f" {words}", detail={"url": span[adj]["url"]}))
        return out
    inside = {d: r for d, r in span.items() if c.start <= d <= c.end}
    if inside and c.nationwide:
        total = sum(r["arrests"] for r in inside.values())
        n_days = (date.fromisoformat(c.end) - date.fromisoformat(c.start)).days + 1
        complete = len(inside) == n_days
        f = Figure("ice_posted_daily", DEFINITIONS["ice_posted_daily"], c.start, c.end, "nationwide", total,
                   role="same_period", comparable=complete, detail={"days_posted": len(inside), "days": n_days})
        f.difference_pct, words = compare(total, c.value)
        f.verdict = (f"ICE's posted figures for {period_label(c.start, c.end)} add up to {total:,.0f}, {words}"
                     if complete else f"ICE posted figures for {len(inside)} of the {n_days} days, adding up to"
                                      f" {total:,.0f}: a partial sum")
        out.append(f)
    return out


def _foia_figures(conn: sqlite3.Connection, c: Claim) -> list[Figure]:
    out = []
    where = f" in the {' and '.join(c.areas)} area" if c.areas else (f" in {', '.join(c.states)}" if c.states else "")
    place = ("; ".join(c.areas) + " area") if c.areas else (", ".join(c.states) or "nationwide")
    counts = foia_by_criminality(conn, c.start, c.end, c.areas, c.states)
    if counts is not None:
        f = Figure("foia_arrests_daily", DEFINITIONS["foia_arrests_daily"], c.start, c.end, place, counts["total"],
                   detail={"by_criminality": counts})
        f.difference_pct, words = compare(counts["total"], c.value)
        f.verdict = f"ICE's FOIA arrest records count {counts['total']:,}{where} for {period_label(c.start, c.end)}, {words}"
        out.append(f)
    if c.start == c.end:
        w0, w1 = week_of(c.start)
        week = foia_by_criminality(conn, w0, w1, c.areas, c.states)
        if week is not None:
            out.append(Figure(
                "foia_arrests_week", DEFINITIONS["foia_arrests_week"], w0, w1, place, week["total"], role="week",
                comparable=False, detail={"by_criminality": week, "per_day": round(week["total"] / 7, 1)},
                verdict=f"FOIA records count {week['total']:,}{where} in the week {period_label(w0, w1)}, about"
                        f" {week['total'] / 7:,.0f} a day: a weekly count is not a day"))
    return out


def _weekly_figures(conn: sqlite3.Connection, c: Claim) -> list[Figure]:
    weeks = published_weeks(conn, c.start, c.end)
    if not weeks:
        return []
    if (date.fromisoformat(c.end) - date.fromisoformat(c.start)).days >= 7:
        return [_weeks_summed(c, weeks)]
    out = []
    for w in weeks:
        same = w["week_start"] == c.start and w["week_end"] == c.end
        share = w["share_without_conviction"]
        tail = f", {share:.0%} without a criminal conviction" if share is not None else ""
        f = Figure("foia_arrests_weekly", DEFINITIONS["foia_arrests_weekly"], w["week_start"], w["week_end"],
                   "nationwide", w["arrests_total"], role="same_period" if same else "week",
                   comparable=same and c.nationwide, detail=dict(w))
        if same and c.nationwide:
            f.difference_pct, words = compare(w["arrests_total"], c.value)
            f.verdict = f"The Deportation Data Project counts {w['arrests_total']:,.0f} FOIA arrests that week{tail}, {words}"
        else:
            scope = "" if c.nationwide else " nationwide"
            f.verdict = (f"The Deportation Data Project counts {w['arrests_total']:,.0f} FOIA arrests{scope} in the week"
                         f" {period_label(w['week_start'], w['week_end'])}{tail}, about {w['arrests_total'] / 7:,.0f}"
                         " a day: a weekly count is not a day")
        out.append(f)
    return out


def _weeks_summed(c: Claim, weeks: list[dict[str, Any]]) -> Figure:
    """A claim over more than a week against the weekly rows: one sum, like with like, never a row per week.

    Comparable only when the weeks inside the period tile it exactly and the claim is nationwide.
    """
    inside = [w for w in weeks if c.start <= w["week_start"] and w["week_end"] <= c.end]
    total = sum(w["arrests_total"] for w in inside)
    tiles = bool(inside) and inside[0]["week_start"] == c.start and inside[-1]["week_end"] == c.end and all(
        date.fromisoformat(b["week_start"]) - date.fromisoformat(a["week_end"]) == timedelta(days=1)
        for a, b in zip(inside, inside[1:]))
    first, last = (inside[0]["week_start"], inside[-1]["week_end"]) if inside else (c.start, c.end)
    detail = {"weeks": len(inside), "weeks_overlapping": len(weeks), "tiles_period": tiles}
    f = Figure("foia_arrests_weekly", DEFINITIONS["foia_arrests_weekly"], first, last, "nationwide", total,
               role="same_period" if tiles else "weeks", comparable=tiles and c.nationwide, detail=detail)
    if f.comparable:
        f.difference_pct, words = compare(total, c.value)
        f.verdict = (f"The Deportation Data Project's {len(inside)} weekly counts for {period_label(c.start, c.end)}"
                     f" add up to {total:,.0f} FOIA arrests, {words}")
    elif inside:
        scope = "" if c.nationwide else " nationwide, not for the claim's place"
        f.verdict = (f"The Deportation Data Project's {len(inside)} weekly counts inside {period_label(c.start, c.end)}"
                     f" add up to {total:,.0f} FOIA arrests{scope}, but its weeks {first} to {last} do not cover"
                     " the claim's period exactly: not comparable")
    else:
        f.value = None
        f.verdict = (f"The Deportation Data Project's weeks do not fit inside {period_label(c.start, c.end)}:"
                     " no weekly sum is comparable")
    return f


def _book_in_figures(conn: sqlite3.Connection, c: Claim) -> list[Figure]:
    if c.start[:7] != c.end[:7]:
        return []
    month = c.start[:7]
    found = detention_month(conn, "book_ins_by_agency_month", month, agency="ICE")
    if not found:
        return []
    value, edition = found
    y, m = int(month[:4]), int(month[5:])
    n_days = (date(y + (m == 12), m % 12 + 1, 1) - date(y, m, 1)).days
    scope = "" if c.nationwide else " nationwide"
    return [Figure("detention_book_ins", DEFINITIONS["detention_book_ins"], f"{month}-01", f"{month}-{n_days:02d}",
                   "nationwide", value, role="month", comparable=False,
                   detail={"edition": edition, "per_day": round(value / n_days, 1)},
                   verdict=f"ICE booked {value:,.0f} people it arrested into detention{scope} in"
                           f" {date(y, m, 1):%B %Y} (edition {edition}), about {value / n_days:,.0f} a day:"
                           " book-ins are not arrests")]


def check_arrest_count_claim(conn: sqlite3.Connection, c: Claim) -> tuple[list[Figure], str | None]:
    """The arrest_count kind's checker: its figures, and why none when it cannot be checked."""
    why = "no date or period to check against" if not c.start else "no count" if c.value is None else None
    return check_arrest_count(conn, c), why


def check_claim(conn: sqlite3.Connection, claim: Claim) -> Check:
    # The kind's own checker (its `checker` slot), looked up now so a kind registered later is checked.
    figures, why = registry.get(claim.kind).check_function()(conn, claim)
    check = Check(claim.record_id, claim, figures)
    if figures:
        lead = next((f for f in figures if f.comparable), figures[0])
        check.verdict = lead.verdict
    else:
        check.unchecked = why or "no official figure covers this period and place yet (import official data)"
        check.verdict = f"Not checked: {check.unchecked}"
    check.result = verdict(claim, figures, check.unchecked)
    return check


def run_checks(conn: sqlite3.Connection) -> list[Check]:
    """Check every claim in the ledger against whatever official data it holds."""
    return [check_claim(conn, claim) for claim in load_claims(conn)]


def save_checks(conn: sqlite3.Connection, checks: list[Check]) -> int:
    """Replace the stored checks with these, in one transaction; the number of figure rows written.

    Each figure is a row of `checks` with its own code; each checked record a row of
    `record_checks` with the check's code and headline (no_official_figure ones too).
    """
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    rows, verdicts = [], []
    for check in checks:
        claim_value = check.claim.low if check.claim.low is not None else (
            check.claim.share if check.claim.share is not None else check.claim.value)
        for f in check.figures:
            key = "|".join(str(x) for x in (check.record_id, f.source, f.role, f.start, f.end, f.place, f.definition))
            row_id = "chk_" + hashlib.sha256(key.encode()).hexdigest()[:16]
            payload = {"record_id": check.record_id, "claim": check.claim.to_dict(), "official": f.to_dict(),
                       "check_verdict": check.verdict, "check_code": check.code, "headline": check.headline}
            rows.append((row_id, check.record_id, f.source, f.definition, f.start, f.end, f.place, f.value,
                         claim_value, f.difference_pct, f.verdict, json.dumps(payload, ensure_ascii=False), now,
                         figure_code(check.claim, f)))
        r = check.result
        verdicts.append((check.record_id, check.code, check.headline, r.source if r else None,
                         r.source_name if r else None, r.source_url if r else None, len(check.figures), now))
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM checks")
        conn.execute("DELETE FROM record_checks")
        conn.executemany("INSERT OR REPLACE INTO checks (id, record_id, official_source, definition, period_start,"
                         " period_end, place, official_value, claim_value, difference_pct, verdict, json, checked_at,"
                         " code) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.executemany("INSERT OR REPLACE INTO record_checks (record_id, code, headline, source, source_name,"
                         " source_url, figures, checked_at) VALUES (?,?,?,?,?,?,?,?)", verdicts)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise StoreError(f"could not store checks ({exc})", hint="the stored checks are unchanged") from exc
    return len(rows)
