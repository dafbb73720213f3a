"""Charts and the map, drawn as SVG on the server: nothing to download, nothing to run.

Each function takes the plain data from queries.py and returns Markup; every string that
comes from the ledger passes through escape().
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any, Iterable

from markupsafe import Markup, escape

from enforcement_tracker.publish import words
from enforcement_tracker.publish.geo import outlines, project

STATUS_COLOURS = {"planned": "#6a4c9c", "under_way": "#b34d00", "ended": "#137a5b",
                  "called_off": "#6b6b6b", "unknown": "#767676", None: "#767676"}
# Status by a letter as well as a colour: a reader who cannot tell the colours apart still can.
STATUS_LETTERS = {"planned": "P", "under_way": "U", "ended": "E", "called_off": "C", "unknown": "?", None: "?"}
SERIES_COLOURS = {"claim": "#c0392b", "posted": "#2c7bb6", "foia": "#555555", "target": "#fdae61"}


def fmt(value: float | None, share: bool = False) -> str:
    if value is None:
        return "—"
    if share:
        return f"{value * 100:.0f}%"
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.1f}"


def _days(a: str, b: str) -> int:
    return (date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days


def _month_ticks(start: str, end: str) -> Iterable[date]:
    d = date.fromisoformat(start[:10]).replace(day=1)
    stop = date.fromisoformat(end[:10])
    while d <= stop:
        if d >= date.fromisoformat(start[:10]):
            yield d
        d = (d + timedelta(days=32)).replace(day=1)


def _week_ticks(start: str, end: str) -> Iterable[date]:
    d = date.fromisoformat(start[:10])
    d += timedelta(days=(7 - d.weekday()) % 7)  # Mondays
    while d <= date.fromisoformat(end[:10]):
        yield d
        d += timedelta(days=7)


def _ticks(start: str, end: str) -> list[tuple[date, str]]:
    if _days(start, end) <= 70:
        return [(d, f"{d:%b} {d.day}") for d in _week_ticks(start, end)]
    return [(d, f"{d:%b %Y}") for d in _month_ticks(start, end)]


def _empty(id_: str, message: str, width: int = 960, height: int = 60) -> Markup:
    return Markup(f'<svg id="{id_}" class="chart empty" viewBox="0 0 {width} {height}" role="img"'
                  f' aria-label="{escape(message)}">'
                  f'<text x="10" y="35">{escape(message)}</text></svg>')


def timeline(data: dict[str, Any], max_days: int = 365) -> Markup:
    """One row per place; a mark per day (or week, timeline.py) with operations, coloured by the
    status most reports give."""
    points = data["points"]
    if not points:
        return _empty("ops-timeline", "No operations in the ledger yet.")
    weekly = data.get("weekly", False)
    best = {(p["name"], p["state"], p["day"][:10]): p for p in points}
    end = max(k[2] for k in best)
    start = max(min(k[2] for k in best), (date.fromisoformat(end) - timedelta(days=max_days)).isoformat())
    span = max(_days(start, end), 1)
    left, width, row = 170, 960, 22
    height = 30 + row * len(data["places"]) + 10
    x = lambda day: left + (width - left - 20) * _days(start, day) / span  # noqa: E731
    out = [f'<svg id="ops-timeline" class="chart" viewBox="0 0 {width} {height}" role="group"'
           f' aria-label="Operations by place and {"week" if weekly else "day"}, coloured by status">']
    for d, label in _ticks(start, end):
        xx = x(d.isoformat())
        anchor = "end" if xx > width - 60 else "middle"  # keep the last label inside the frame
        out.append(f'<line class="grid" x1="{xx:.1f}" x2="{xx:.1f}" y1="20" y2="{height - 10}"/>'
                   f'<text class="tick" x="{xx:.1f}" y="14" text-anchor="{anchor}">{escape(label)}</text>')
    rows = {(p["name"], p["state"]): i for i, p in enumerate(data["places"])}
    for (name, state), i in rows.items():
        y = 30 + row * i + row / 2
        label = f"{name}, {state}" if state else name
        out.append(f'<text class="label" x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{escape(label)}</text>'
                   f'<line class="row" x1="{left}" x2="{width - 20}" y1="{y:.1f}" y2="{y:.1f}"/>')
    for (name, state, day), p in sorted(best.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2])):
        if day < start or (name, state) not in rows:
            continue
        y = 30 + row * rows[(name, state)] + row / 2
        colour = STATUS_COLOURS.get(p["status"], STATUS_COLOURS[None])
        n = p["n"]
        when = f"in the week of {day}" if weekly else f"on {day}"
        tip = f"{name}: {words.status_words(p['status'])} {when} ({n} report{'s' if n != 1 else ''})"
        letter = STATUS_LETTERS.get(p["status"], "?")
        out.append(f'<a href="/records/{escape(p["record_id"])}" aria-label="{escape(tip)}"><circle class="op"'
                   f' cx="{x(day):.1f}" cy="{y:.1f}" r="6" fill="{colour}"><title>{escape(tip)}</title></circle>'
                   f'<text class="status-letter" x="{x(day):.1f}" y="{y + 3:.1f}" text-anchor="middle">{letter}</text></a>')
    out.append("</svg>")
    return Markup("".join(out))


def status_legend() -> Markup:
    items = [f'<span class="key"><i style="background:{c}"></i>{STATUS_LETTERS[s]}: {escape(words.status_words(s))}</span>'
             for s, c in STATUS_COLOURS.items() if s]
    return Markup("".join(items))


def _y_step(top_value: float) -> float:
    """A round gridline step giving five to ten lines."""
    step = 10 ** math.floor(math.log10(max(top_value, 1)))
    while top_value / step > 10:
        step *= 2
    while top_value / step < 4 and step > 1:
        step /= 2
    return step


def daily_chart(data: dict[str, Any]) -> Markup:
    """Daily arrests: claims (dots), ICE's posted figures (line), FOIA weekly averages (steps), target band."""
    if not data["window"]:
        return _empty("daily-chart", "No daily arrest figures yet: neither claims nor official data.")
    start, end = data["window"]
    span = max(_days(start, end), 1)
    width, height, left, top, bottom = 960, 320, 60, 20, 40
    values = [c["value"] for c in data["claims"]] + [p["value"] for p in data["posted"]]
    values += [f["value"] for f in data["foia"]] + [t["high"] for t in data["targets"] if t["high"]]
    top_value = max(values or [1]) * 1.1
    day_width = (width - left - 20) / span
    x = lambda day: left + day_width * _days(start, day)  # noqa: E731
    y = lambda v: top + (height - top - bottom) * (1 - v / top_value)  # noqa: E731
    out = [f'<svg id="daily-chart" class="chart" viewBox="0 0 {width} {height}" role="group"'
           ' aria-label="Daily arrests: claimed, posted by ICE, FOIA weekly average, and the target">']
    step, v = _y_step(top_value), 0.0
    while v <= top_value:
        out.append(f'<line class="grid" x1="{left}" x2="{width - 20}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>'
                   f'<text class="tick" x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{fmt(v)}</text>')
        v += step
    for d, label in _ticks(start, end):
        anchor = "end" if x(d.isoformat()) > width - 60 else "middle"
        out.append(f'<text class="tick" x="{x(d.isoformat()):.1f}" y="{height - bottom + 16}"'
                   f' text-anchor="{anchor}">{escape(label)}</text>')
    for t in data["targets"]:
        t0 = max(t["first_issued"] or start, start)
        if t0 > end:
            continue
        label = f"target {fmt(t['low'])}–{fmt(t['high'])} a day ({t['n']} report{'s' if t['n'] != 1 else ''})"
        out.append(f'<a href="/records/{escape(t["record_id"])}"><rect class="target" x="{x(t0):.1f}"'
                   f' y="{y(t["high"]):.1f}" width="{x(end) - x(t0):.1f}"'
                   f' height="{max(y(t["low"]) - y(t["high"]), 2):.1f}" fill="{SERIES_COLOURS["target"]}"'
                   f' fill-opacity="0.35"><title>{escape(label)}</title></rect></a>')
    for f in data["foia"]:
        a, b = max(f["week_start"], start), min(f["week_end"], end)
        tip = f"FOIA records: {fmt(f['value'])} a day on average, week of {f['week_start']}"
        out.append(f'<line class="foia" x1="{x(a):.1f}" x2="{x(b) + day_width:.1f}"'
                   f' y1="{y(f["value"]):.1f}" y2="{y(f["value"]):.1f}" stroke="{SERIES_COLOURS["foia"]}"'
                   f' stroke-width="3"><title>{escape(tip)}</title></line>')
    if data["posted"]:
        path = " ".join(f"{'M' if i == 0 else 'L'}{x(p['day']):.1f},{y(p['value']):.1f}"
                        for i, p in enumerate(data["posted"]))
        out.append(f'<path class="posted" d="{path}" fill="none" stroke="{SERIES_COLOURS["posted"]}" stroke-width="2"/>')
        for p in data["posted"]:
            out.append(f'<circle class="posted" cx="{x(p["day"]):.1f}" cy="{y(p["value"]):.1f}" r="3"'
                       f' fill="{SERIES_COLOURS["posted"]}"><title>ICE posted {fmt(p["value"])} arrests for'
                       f' {escape(p["day"])}</title></circle>')
    for c in data["claims"]:
        tip = f"claimed {fmt(c['value'])} arrests on {c['day']} ({c['n']} report{'s' if c['n'] != 1 else ''})"
        out.append(f'<a href="/records/{escape(c["record_id"])}"><circle class="claim" cx="{x(c["day"]) + 2:.1f}"'
                   f' cy="{y(c["value"]):.1f}" r="5" fill="{SERIES_COLOURS["claim"]}" fill-opacity="0.8">'
                   f'<title>{escape(tip)}</title></circle></a>')
    out.append("</svg>")
    return Markup("".join(out))


def share_bars(claims: list[dict[str, Any]]) -> Markup:
    """Each claimed non-criminal share next to the FOIA share without conviction for its week."""
    if not claims:
        return _empty("share-chart", "No claims about the non-criminal share yet.")
    left, width, row = 260, 960, 44
    height = row * len(claims) + 10
    bar = lambda s: (width - left - 80) * max(0.0, min(s, 1.0))  # noqa: E731
    out = [f'<svg id="share-chart" class="chart" viewBox="0 0 {width} {height}" role="group"'
           ' aria-label="Non-criminal share: as claimed and as recorded in FOIA data">']
    for i, c in enumerate(claims):
        y = 5 + row * i
        label = f"{c['day'] or 'undated'} · {c['publisher'] or 'unknown publisher'}"
        qualifier = f" ({c['qualifier'].replace('_', ' ')})" if c["qualifier"] and c["qualifier"] != "exact" else ""
        out.append(f'<a href="/records/{escape(c["id"])}"><text class="label" x="{left - 8}" y="{y + 14}"'
                   f' text-anchor="end">{escape(label)}</text>'
                   f'<rect class="claimed" x="{left}" y="{y + 3}" width="{bar(c["share"]):.1f}" height="15"'
                   f' fill="{SERIES_COLOURS["claim"]}"><title>{escape(c["quote"])}</title></rect></a>'
                   f'<text class="value" x="{left + bar(c["share"]) + 5:.1f}" y="{y + 15}">claimed'
                   f' {fmt(c["share"], True)}{escape(qualifier)} {escape(words.CATEGORY_WORDS.get(c["category"], c["category"]))}</text>')
        rec = c.get("recorded")
        if rec:
            out.append(f'<rect class="recorded" x="{left}" y="{y + 21}" width="{bar(rec["share"]):.1f}" height="15"'
                       f' fill="{SERIES_COLOURS["foia"]}"/><text class="value" x="{left + bar(rec["share"]) + 5:.1f}"'
                       f' y="{y + 33}">FOIA {fmt(rec["share"], True)} without conviction, week of'
                       f' {escape(rec["week_start"])}</text>')
        else:
            out.append(f'<text class="value muted" x="{left}" y="{y + 33}">no FOIA week covers this date</text>')
    out.append("</svg>")
    return Markup("".join(out))


def us_map(points: list[dict[str, Any]], labelled: int = 8) -> Markup:
    """State outlines with a point per place of operations, sized by the number of operation reports
    there in the selection (the stated measure), the busiest places named on the map."""
    geo = outlines()
    out = [f'<svg id="ops-map" class="map" viewBox="0 0 {geo["width"]} {geo["height"]}" role="group"'
           ' aria-label="Map of reported operations, each point sized by the number of operation reports there;'
           ' the table below lists them">']
    out += [f'<path class="state" d="{s["d"]}"><title>{escape(s["name"])}</title></path>'
            for s in geo["states"].values()]
    biggest = max([p["operations"] for p in points] + [1])
    outside = 0
    ranked = sorted(points, key=lambda p: (-p["operations"], p["name"]))
    named = {(p["name"], p["state"]) for p in ranked[:labelled]}
    labels = []
    for p in ranked:  # small points drawn last, on top
        xy = project(p["lon"], p["lat"])
        if xy is None:
            outside += 1
            continue
        r = 3 + 17 * math.sqrt(p["operations"] / biggest)
        where = f"{p['name']}{', ' + p['state'] if p['state'] else ''}"
        tip = f"{where}: {p['operations']} operation report{'s' if p['operations'] != 1 else ''}"
        out.append(f'<a href="/records/{escape(p["record_id"])}" aria-label="{escape(tip)}"><circle class="place"'
                   f' cx="{xy[0]:.1f}" cy="{xy[1]:.1f}" r="{r:.1f}"><title>{escape(tip)}</title></circle></a>')
        if (p["name"], p["state"]) in named:
            labels.append(f'<text class="place-label" x="{xy[0] + r + 3:.1f}" y="{xy[1] + 4:.1f}">'
                          f'{escape(p["name"])} ({p["operations"]})</text>')
    out += labels
    out.append("</svg>")
    if outside:
        out.append(f'<p class="muted">{outside} place(s) outside the map frame are not drawn.</p>')
    return Markup("".join(out))
