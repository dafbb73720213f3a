"""The operations timeline's marks: one per place and day, or per place and week when the days span
more than WEEKLY_AFTER, so that a long selection draws as legibly (and as fast) as a short one.

Both ways of reading the dashboard give their rows here: the summaries (publish/summaries.py, by
day or already by week, migration 013) and the records themselves (queries.operations_timeline).
A mark counts every report of its place and day (or week) and shows the status most of them give.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable

# Days past which the marks are weeks: a 9-week window by day drew 924 marks at 1M (290 KB of SVG,
# 60-110 ms a page); by week, about 140, each still one place and one week.
WEEKLY_AFTER = 28


def weekly(first: str | None, last: str | None) -> bool:
    """Whether operations from `first` to `last` are drawn by week."""
    if not first or not last:
        return False
    try:
        return (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days > WEEKLY_AFTER
    except ValueError:
        return False


def monday(day: str) -> str | None:
    """The Monday of a day's week (None for a text that is no calendar date: it has no place on the axis)."""
    try:
        d = date.fromisoformat(day[:10])
    except ValueError:
        return None
    return (d - timedelta(days=d.weekday())).isoformat()


def marks(rows: Iterable[tuple[str, str | None, str | None, bool, str | None, int, str | None]],
          by_week: bool) -> list[dict[str, Any]]:
    """The marks of rows of operation reports, as tuples (name, state, day, week, status, n,
    record_id), `week` true when the day is already the Monday of a week: per place and day (or
    week), every report counted in `n`, the status most of them give (ties: the first status in
    alphabetical order) and the first record of that status, the one a mark links to."""
    groups: dict[tuple[str, str | None, str], dict[str | None, list[Any]]] = {}
    mondays: dict[str, str | None] = {}
    for name, state, day, week, status, n, record_id in rows:
        if not day:
            continue
        if by_week and not week:
            if day not in mondays:
                mondays[day] = monday(day)
            day = mondays[day]
            if day is None:
                continue
        statuses = groups.setdefault((name, state, day[:10]), {})
        found = statuses.get(status)
        if found is None:
            statuses[status] = [n, record_id]
        else:
            found[0] += n
            if record_id and (found[1] is None or record_id < found[1]):
                found[1] = record_id
    out = []
    for (name, state, day), statuses in groups.items():
        status, (_, record_id) = min(statuses.items(), key=lambda kv: (-kv[1][0], kv[0] or ""))
        out.append({"name": name, "state": state, "day": day, "status": status,
                    "n": sum(n for n, _ in statuses.values()), "record_id": record_id})
    out.sort(key=lambda m: (m["name"], m["state"] or "", m["day"]))
    return out
