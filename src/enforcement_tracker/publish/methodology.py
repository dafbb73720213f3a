"""`/methodology` and `/codebook`: what the ledger holds and how, read from where each thing is defined.

Nothing here restates a kind, a field, a status, a definition or a verdict code by hand: the kinds
and their fields come from the kinds registry, the official series from analyze/official_figures.py,
the verdict codes from analyze/verdict.py, the agencies from normalize/data/agencies.json. The
measured extraction accuracy is read from tests/quality_baseline.json when the ledger is served
from a source checkout that has it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from datasette.utils.asgi import Response

from enforcement_tracker.kinds import registry

BASELINE = Path(__file__).resolve().parents[3] / "tests" / "quality_baseline.json"


def codebook() -> dict[str, Any]:
    from enforcement_tracker.analyze.official_figures import DEFINITIONS, OFFICIAL_SOURCES, SOURCE_LABELS
    from enforcement_tracker.analyze.shares import CATEGORY_DEFINITIONS
    from enforcement_tracker.analyze.verdict import CODES
    from enforcement_tracker.kinds.operation import STATUSES
    from enforcement_tracker.publish import words

    kinds = [{"name": k.name, "title": k.title, "fields": list(k.fields), "component": k.component,
              "checked": k.checked_against_official} for k in registry.all_kinds()]
    series = [{"key": key, "label": SOURCE_LABELS.get(key, key), "name": name, "url": url,
               "definition": DEFINITIONS.get(key, "")} for key, (name, url) in OFFICIAL_SOURCES.items()]
    definitions = [{"category": cat, "words": words.CATEGORY_WORDS.get(cat, cat),
                    "read_as": [DEFINITIONS[key] for key, _ in pairs if key in DEFINITIONS]}
                   for cat, pairs in CATEGORY_DEFINITIONS.items()]
    agencies = [{"code": code, "name": words.agency_name(code)} for code in words.agency_codes()]
    return {"kinds": kinds, "series": series, "codes": list(CODES.items()), "definitions": definitions,
            "statuses": [(s, words.status_words(s)) for s in STATUSES],
            "categories": list(words.CATEGORY_WORDS.items()), "agencies": agencies}


def accuracy() -> list[dict[str, Any]]:
    """Per evaluation set: its measured line and its per-kind floors, when the baseline file is here."""
    try:
        sets = json.loads(BASELINE.read_text(encoding="utf-8"))["sets"]
    except (OSError, ValueError, KeyError):
        return []
    return [{"name": name, "measured": s.get("measured", ""), "micro": s.get("micro", {}),
             "per_kind": s.get("per_kind", {})} for name, s in sets.items()]


# series key -> (table, first, last): the days each imported series covers in this ledger.
COVERAGE_SQL = {
    "ice_posted_daily": ("ice_posted_daily", "min(date)", "max(date)"),
    "foia_arrests_daily": ("foia_arrests_daily", "min(date)", "max(date)"),
    "foia_arrests_weekly": ("foia_arrests_weekly", "min(week_start)", "max(week_end)"),
    "detention_book_ins": ("detention_stats", "min(month)", "max(month)"),
}


def coverage(conn: sqlite3.Connection) -> dict[str, tuple[str, str, int] | None]:
    """(first, last, rows) each official series covers in this ledger; None when it is not imported."""
    present = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    out: dict[str, tuple[str, str, int] | None] = {}
    for key, (table, first, last) in COVERAGE_SQL.items():
        row = conn.execute(f"SELECT {first}, {last}, count(*) FROM {table}").fetchone() if table in present else None
        out[key] = (row[0], row[1], row[2]) if row and row[2] else None
    return out


async def methodology_page(datasette, request) -> Response:
    from enforcement_tracker.publish import views

    db = views.ledger_database(datasette)
    covered = await db.execute_fn(coverage)
    book = codebook()
    for series in book["series"]:
        series["coverage"] = covered.get(series["key"], False)
    context = {"db_name": db.name, "book": book, "accuracy": accuracy()}
    return Response.html(await datasette.render_template("etrack_methodology.html", context, request=request))


async def codebook_page(datasette, request) -> Response:
    from enforcement_tracker.publish import views

    db = views.ledger_database(datasette)
    context = {"db_name": db.name, "book": codebook()}
    return Response.html(await datasette.render_template("etrack_codebook.html", context, request=request))
