"""Writing a release: records (CSV, JSON Lines, Parquet), operations (GeoJSON), checks, events,
the official series, CHANGES.md, CITATION.cff and a Frictionless datapackage.json.

Reproducible: rows sorted by id or key, no clock inside any data file (the release date is the
one given, or the date the version was first released), JSON with sorted keys, Parquet written
without statistics that vary. The same ledger and version give byte-identical files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from enforcement_tracker import __version__
from enforcement_tracker.describe import describe
from enforcement_tracker.errors import TrackerError
from enforcement_tracker.publish.csvsafe import defuse_row
from enforcement_tracker.publish.metadata import RECORDS_LICENSE, US_GOVERNMENT
from enforcement_tracker.release import tables
from enforcement_tracker.release.changes import changes_md, previous_release
from enforcement_tracker.store import audit
from enforcement_tracker.store.review import STATES
from enforcement_tracker.store.reviewers import ledger_id

_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
DEFAULT_STATES = ("machine", "reviewed", "verified")


class ReleaseError(TrackerError):
    code = "E900"


@dataclass
class ReleaseResult:
    version: str
    folder: Path
    released_on: str
    records: int
    files: list[dict[str, Any]]
    previous: str | None


def _csv_bytes(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(columns)
    for row in rows:
        out.writerow(defuse_row([row.get(c) for c in columns]))
    return buffer.getvalue().encode("utf-8")


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def _parquet_bytes(rows: list[dict[str, Any]]) -> bytes | None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:  # Parquet is left out, and datapackage.json says so
        return None
    types = {c: pa.int64() if c in tables.INTEGER else pa.float64() if c in tables.NUMBER else pa.string()
             for c in tables.RECORD_COLUMNS}
    table = pa.table({c: pa.array([r[c] for r in rows], type=types[c]) for c in tables.RECORD_COLUMNS})
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd", write_statistics=False, store_schema=False)
    return sink.getvalue()


def _schema(columns: tuple[str, ...]) -> dict[str, Any]:
    def kind(c: str) -> str:
        return "integer" if c in tables.INTEGER else "number" if c in tables.NUMBER else "string"
    return {"fields": [{"name": c, "type": kind(c)} for c in columns], "primaryKey": [columns[0]]}


def _citation(version: str, released_on: str, authors: str, n: int, ledger: str) -> bytes:
    lines = ["cff-version: 1.2.0", "message: If you use these data, please cite them as below.", "type: dataset",
             f'title: "Enforcement Tracker ledger, release {version}"', f'version: "{version}"',
             f"date-released: {released_on}", "license: CC-BY-4.0", "authors:", f'  - name: "{authors}"',
             f'abstract: "{n} sourced claims about US immigration enforcement, each pointing at the words and the'
             f' source that carry it (ledger {ledger})."',
             "keywords:", "  - immigration enforcement", "  - data journalism", "  - ICE"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _check_version(version: str) -> str:
    if not _VERSION.match(version or ""):
        raise ReleaseError(f"release version {version[:50]!r} is not usable", source="VERSION",
                           hint="letters, digits, dots, dashes, underscores, e.g. 2025.02 or v1.0.0")
    return version


def build_release(conn: sqlite3.Connection, version: str, out_dir: Path, *, states: tuple[str, ...] = DEFAULT_STATES,
                  released_on: str | None = None, authors: str = "Enforcement Tracker contributors") -> ReleaseResult:
    """Write release `version` into out_dir/version and record it in the ledger."""
    _check_version(version)
    bad = [s for s in states if s not in STATES]
    if bad or not states:
        raise ReleaseError(f"unknown review state {bad[0]!r}" if bad else "no review state to release",
                           source="--review", hint="any of " + ", ".join(STATES))
    known = conn.execute("SELECT released_on FROM releases WHERE version = ?", (version,)).fetchone()
    if released_on is None:
        released_on = known[0] if known else date.today().isoformat()
    try:
        date.fromisoformat(released_on)
    except ValueError as exc:
        raise ReleaseError(f"{released_on!r} is not a date", source="--date", hint="write YYYY-MM-DD") from exc
    folder = out_dir / version
    folder.mkdir(parents=True, exist_ok=True)
    states = tuple(s for s in STATES if s in states)  # one order, whatever order they were asked in
    rows = tables.records(conn, states)
    ids = {r["id"] for r in rows}
    lines = [json.dumps(r["contract"], ensure_ascii=False, sort_keys=True) for r in rows]
    current = {r["id"]: (r["review"], r["revision"], hashlib.sha256(line.encode("utf-8")).hexdigest())
               for r, line in zip(rows, lines)}
    previous = previous_release(conn, version)
    files: dict[str, bytes] = {
        "records.csv": _csv_bytes(tables.RECORD_COLUMNS, rows),
        "records.jsonl": ("".join(line + "\n" for line in lines)).encode("utf-8"),
        "operations.geojson": _json_bytes(tables.operation_features(rows)),
        "checks.csv": _csv_bytes(tables.CHECK_COLUMNS, tables.checks(conn, ids)),
        "events.csv": _csv_bytes(tables.EVENT_COLUMNS, tables.events(conn, ids)),
    }
    parquet = _parquet_bytes(rows)
    if parquet is not None:
        files["records.parquet"] = parquet
    official = tables.official(conn)
    for table, found in official.items():
        files[f"official/{table}.csv"] = _csv_bytes(tables.OFFICIAL[table], found)
    files["CHANGES.md"] = changes_md(conn, version, released_on, previous, current,
                                     {r["id"]: describe(r["contract"]) for r in rows}).encode("utf-8")
    ledger = ledger_id(conn)
    files["CITATION.cff"] = _citation(version, released_on, authors, len(rows), ledger)
    extractors = sorted({e for r in rows for e in (r["extractor"] or "").split("; ") if e})
    publishers = sorted({r["publisher"] for r in rows if r["publisher"]})
    resources = []
    for name, data in sorted(files.items()):
        resource: dict[str, Any] = {"name": re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"), "path": name,
                                    "bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}
        if name == "records.csv":
            resource.update(format="csv", mediatype="text/csv", schema=_schema(tables.RECORD_COLUMNS))
        elif name.endswith(".csv"):
            cols = tables.CHECK_COLUMNS if name == "checks.csv" else tables.EVENT_COLUMNS if name == "events.csv" \
                else tables.OFFICIAL[name[len("official/"):-4]]
            resource.update(format="csv", mediatype="text/csv",
                            schema={"fields": [{"name": c, "type": "any"} for c in cols]})
            if name.startswith("official/"):
                title, url = tables.OFFICIAL_SOURCES[name[len("official/"):-4]]
                resource["sources"] = [{"title": title, **({"path": url} if url else {})}]
                resource["licenses"] = [{"name": "public-domain", "title": US_GOVERNMENT[0], "path": US_GOVERNMENT[1]}]
        elif name.endswith(".jsonl"):
            resource.update(format="jsonl", mediatype="application/x-ndjson")
        elif name.endswith(".parquet"):
            resource.update(format="parquet", mediatype="application/vnd.apache.parquet")
        elif name.endswith(".geojson"):
            resource.update(format="geojson", mediatype="application/geo+json")
        else:
            resource.update(format=name.rsplit(".", 1)[-1].lower(), mediatype="text/plain")
        resources.append(resource)
    package = {
        "profile": "data-package", "name": "enforcement-tracker-ledger", "version": version,
        "title": f"Enforcement Tracker ledger, release {version}", "created": released_on,
        "description": "Claims about US immigration enforcement extracted from reporting, each with the words"
                       " that carry it (span, quote) and who says it, held against official figures.",
        "licenses": [{"name": "CC-BY-4.0", "title": RECORDS_LICENSE[0], "path": RECORDS_LICENSE[1]}],
        "sources": [{"title": f"Reporting by {len(publishers)} publishers (document text stays theirs)"}]
                   + [{"title": t, **({"path": u} if u else {})} for t, u in
                      sorted({tables.OFFICIAL_SOURCES[k] for k in official})],
        "contributors": [{"title": authors, "role": "author"}],
        "etrack": {"tool_version": __version__, "extractors": extractors, "review_filter": list(states),
                   "records": len(rows), "ledger": ledger, "previous_release": previous,
                   "parquet": parquet is not None},
        "resources": resources,
    }
    files["datapackage.json"] = _json_bytes(package)
    listed = []
    for name, data in sorted(files.items()):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        listed.append({"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    _record(conn, version, released_on, folder, states, listed, current)
    return ReleaseResult(version, folder, released_on, len(rows), listed, previous)


def _record(conn: sqlite3.Connection, version: str, released_on: str, folder: Path, states: tuple[str, ...],
            files: list[dict[str, Any]], current: dict[str, tuple[str, int, str]]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        exists = conn.execute("SELECT 1 FROM releases WHERE version = ?", (version,)).fetchone()
        if exists:
            conn.execute("UPDATE releases SET path = ?, review_filter = ?, files = ?, records = ? WHERE version = ?",
                         (str(folder), ",".join(states), json.dumps(files), len(current), version))
            conn.execute("DELETE FROM release_records WHERE version = ?", (version,))
        else:
            conn.execute("INSERT INTO releases (version, released_on, path, review_filter, files, records)"
                         " VALUES (?,?,?,?,?,?)", (version, released_on, str(folder), ",".join(states),
                                                   json.dumps(files), len(current)))
        conn.executemany("INSERT INTO release_records (version, record_id, review, revision, digest)"
                         " VALUES (?,?,?,?,?)", [(version, rid, *v) for rid, v in sorted(current.items())])
        audit.append(conn, "release", actor="etrack", subject=version,
                     detail={"records": len(current), "folder": str(folder), "review_filter": list(states),
                             "rebuilt": bool(exists),
                             "datapackage_sha256": next(f["sha256"] for f in files if f["name"] == "datapackage.json")})
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
