"""The rows of a release, read from the ledger in a fixed order (ids, then keys): no timestamps
of when they were read, so the same ledger gives the same rows."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

RECORD_COLUMNS = ("id", "kind", "review", "revision", "document_id", "publisher", "published", "date_start",
                  "date_end", "places", "state", "agencies", "count_value", "count_low", "count_high", "share",
                  "qualifier", "status", "category", "per", "of_record", "sources_text", "quote", "span_start",
                  "span_end", "extractor")
# Column types for the Frictionless schema of records.csv and for Parquet.
INTEGER = {"revision", "span_start", "span_end"}
NUMBER = {"count_value", "count_low", "count_high", "share"}

CHECK_COLUMNS = ("id", "record_id", "official_source", "definition", "period_start", "period_end", "place",
                 "official_value", "claim_value", "difference_pct", "verdict")
EVENT_COLUMNS = ("id", "kind", "label", "state", "date_start", "date_end", "status", "n_documents", "n_records",
                 "n_independent_sources", "conflicts", "records")
# Official series and the column that orders each; import ids are the ledger's own and stay out.
OFFICIAL = {
    "ice_posted_daily": ("date", "weekday", "arrests", "detainers_lodged", "source_note", "source_url"),
    "foia_arrests_weekly": ("week_start", "week_end", "arrests_total", "with_conviction", "without_conviction",
                            "share_without_conviction", "source"),
    "foia_arrests_daily": ("date", "aor", "state", "criminality", "arrests"),
}
OFFICIAL_SOURCES = {
    "ice_posted_daily": ("ICE's posted daily arrest figures, as quoted in the pages named in source_url", None),
    "foia_arrests_weekly": ("Deportation Data Project (ICE records released under FOIA)", "https://deportationdata.org/"),
    "foia_arrests_daily": ("Deportation Data Project (ICE records released under FOIA)", "https://deportationdata.org/"),
}


def _present(conn: sqlite3.Connection) -> set[str]:
    return {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


def records(conn: sqlite3.Connection, states: tuple[str, ...]) -> list[dict[str, Any]]:
    """Released records, by id: the indexed columns and the full contract record."""
    marks = ", ".join("?" for _ in states)
    cols = ", ".join(f"r.{c}" if c not in ("publisher", "published") else f"d.{c}" for c in RECORD_COLUMNS)
    cursor = conn.execute(f"SELECT {cols}, r.json, d.title, d.url, d.kind AS document_kind FROM records r"
                          f" JOIN documents d ON d.id = r.document_id WHERE r.review IN ({marks}) ORDER BY r.id", states)
    names = [c[0] for c in cursor.description]
    out = []
    for row in cursor:
        item = dict(zip(names, row))
        contract = json.loads(item.pop("json"))
        contract["review"], contract["revision"] = item["review"], item["revision"]
        contract["document"] = {"id": item["document_id"], "publisher": item["publisher"],
                                "published": item["published"], "title": item.pop("title"), "url": item.pop("url"),
                                "kind": item.pop("document_kind")}
        item["contract"] = contract
        out.append(item)
    return out


def checks(conn: sqlite3.Connection, ids: set[str]) -> list[dict[str, Any]]:
    cursor = conn.execute(f"SELECT {', '.join(CHECK_COLUMNS)} FROM checks ORDER BY record_id, id")
    return [dict(zip(CHECK_COLUMNS, row)) for row in cursor if row[1] in ids]


def events(conn: sqlite3.Connection, ids: set[str]) -> list[dict[str, Any]]:
    out = []
    for row in conn.execute(f"SELECT {', '.join(EVENT_COLUMNS[:-1])}, json FROM events ORDER BY id"):
        item = dict(zip(EVENT_COLUMNS[:-1], row[:-1]))
        members = sorted(r for r in json.loads(row[-1] or "{}").get("records", []) if r in ids)
        if members:
            item["records"] = "; ".join(members)
            out.append(item)
    return out


def official(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    present = _present(conn)
    out = {}
    for table, columns in OFFICIAL.items():
        if table not in present:
            continue
        cursor = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {', '.join(columns[:4])}")
        found = [dict(zip(columns, row)) for row in cursor]
        if found:
            out[table] = found
    return out


def operation_features(rows: list[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for r in rows:
        if r["kind"] != "operation":
            continue
        rec = r["contract"]
        for i, place in enumerate(rec.get("places") or []):
            if place.get("lat") is None or place.get("lon") is None:
                continue
            features.append({"type": "Feature", "id": f"{r['id']}-{i}",
                             "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                             "properties": {"record_id": r["id"], "review": r["review"], "place": place.get("name"),
                                            "place_precision": place.get("kind"), "state": place.get("state"),
                                            "geonameid": place.get("geonameid"), "status": r["status"],
                                            "name": rec.get("name"), "date_start": r["date_start"],
                                            "date_end": r["date_end"], "agencies": r["agencies"],
                                            "publisher": r["publisher"], "published": r["published"],
                                            "sources": r["sources_text"]}})
    return {"type": "FeatureCollection", "features": features}
