"""Keeping a ledger's events up to date with its records, across crashes.

Each document's own transaction marks it in `events_stale` (store/ledger.py). `update_events`
then, in one transaction, hashes the claims of the marked documents' records, regroups every
record of those claims (and only those) into events, and removes the marks. A process killed
anywhere leaves either the old events with the marks or the new events without them, so the
next update finishes the job. A ledger whose events do not cover its records (written by
another tool, or edited by hand) is rebuilt in full, and so is one grouped by older rules.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from enforcement_tracker.errors import StoreError
from enforcement_tracker.reconcile import RULES_VERSION, claim_hash, group_records, summarize
from enforcement_tracker.store.db import connect, current_version, migrations

# Values per `IN (...)` list: far below SQLite's variable limit, big enough to keep queries few.
CHUNK = 500

# A fetched page's revisions are one page: `page` (its canonical URL) counts them once in an event.
_RECORDS_SQL = ("SELECT r.json, d.publisher, d.published, d.syndicated_from, p.canonical_url FROM records r"
                " JOIN documents d ON d.id = r.document_id"
                " LEFT JOIN document_provenance p ON p.document_id = r.document_id")


@dataclass
class EventsUpdate:
    mode: str                 # "current" (nothing to do), "incremental" or "full"
    reason: str | None = None
    documents: int = 0        # marked documents whose records were regrouped
    claims: int = 0           # claims regrouped (incremental only)
    records: int = 0          # records read and regrouped
    events: int = 0           # events in the ledger afterwards


def pending_reason(conn: sqlite3.Connection, *, verify: bool = True) -> str | None:
    """Why the events are not up to date, or None. Only reads, so a read-only connection will do.

    Without `verify` only the marks count (one indexed lookup); with it the ledger is also checked
    for records outside every event and for events grouped by other rules (a few counts).
    """
    version = current_version(conn)
    if version == 0:
        raise StoreError("not a ledger: it has no tables", hint="pass a file made by `etrack ingest`")
    if version < len(migrations()):
        return "the ledger's schema predates crash-safe events"
    if conn.execute("SELECT 1 FROM events_stale LIMIT 1").fetchone():
        return "documents were stored after the events were last updated"
    if not verify:
        return None
    rules = _rules_version(conn)
    if rules is not None and rules != RULES_VERSION:
        return f"events were grouped by rules version {rules}, not {RULES_VERSION}"
    return _inconsistency(conn)


def update_events(conn: sqlite3.Connection, *, verify: bool = True) -> EventsUpdate:
    """Bring the events up to date in one transaction: incrementally when marks say what changed,
    in full when the ledger's events cannot be trusted. Safe to call at any time."""
    if pending_reason(conn, verify=verify) is None:
        return EventsUpdate("current", events=_count(conn, "events"))
    return _in_transaction(conn, lambda: _update(conn, verify))


def rebuild_events(conn: sqlite3.Connection, reason: str = "a full rebuild was asked for") -> EventsUpdate:
    """Regroup every record of the ledger into events from scratch, in one transaction."""
    return _in_transaction(conn, lambda: _rebuild(conn, reason))


def ensure_events(path: str | Path, *, verify: bool = True) -> EventsUpdate | None:
    """Update the events of the ledger file at path if they need it (None if they did not).

    Readers call this first, so a run killed before its events were written is finished by
    whoever looks next. Needs write access only when there is work to do.
    """
    reader = connect(path, readonly=True)
    try:
        reason = pending_reason(reader, verify=verify)
    finally:
        reader.close()
    if reason is None:
        return None
    conn = connect(path)
    try:
        return update_events(conn, verify=verify)
    finally:
        conn.close()


def _in_transaction(conn: sqlite3.Connection, work) -> EventsUpdate:
    try:
        conn.execute("BEGIN IMMEDIATE")
        result = work()
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _roll_back(conn)
        raise StoreError(f"could not update events ({exc})",
                         hint="the ledger is unchanged; run the command again once other writers are done") from exc
    except BaseException:
        # A bug or Ctrl-C mid-update: leave the old events and the marks, never half of each.
        _roll_back(conn)
        raise
    return result


def _roll_back(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _update(conn: sqlite3.Connection, verify: bool) -> EventsUpdate:
    # Read the marks inside the write transaction: a concurrent ingest's marks either are
    # seen here and handled, or land after this commits and stay for its own update.
    marked = [row[0] for row in conn.execute("SELECT document_id FROM events_stale")]
    rules = _rules_version(conn)
    if rules is not None and rules != RULES_VERSION:
        return _rebuild(conn, f"events were grouped by rules version {rules}, not {RULES_VERSION}")
    hashes = _hash_documents(conn, marked) if marked else set()
    regrouped = _regroup(conn, hashes)
    conn.execute("DELETE FROM events_stale")
    if verify and (reason := _inconsistency(conn)):
        return _rebuild(conn, reason)
    if not marked:
        return EventsUpdate("current", events=_count(conn, "events"))
    _set_rules_version(conn)
    return EventsUpdate("incremental", "documents were stored after the events were last updated",
                        documents=len(marked), claims=len(hashes), records=regrouped, events=_count(conn, "events"))


def _rebuild(conn: sqlite3.Connection, reason: str) -> EventsUpdate:
    marked = _count(conn, "events_stale")
    for table in ("event_records", "events", "record_claims", "events_stale"):
        conn.execute(f"DELETE FROM {table}")
    records = _load_records(conn, "", [])
    conn.executemany("INSERT INTO record_claims (record_id, claim_hash) VALUES (?, ?)",
                     [(r["id"], claim_hash(r)) for r in records])
    _insert_events(conn, [summarize(e) for e in group_records(records)])
    _set_rules_version(conn)
    return EventsUpdate("full", reason, documents=marked, records=len(records), events=_count(conn, "events"))


def _hash_documents(conn: sqlite3.Connection, document_ids: Sequence[str]) -> set[str]:
    """Record the claim hash of every record of these documents; the hashes touched."""
    rows: list[tuple[str, str]] = []
    for chunk in _chunks(document_ids):
        sql = f"SELECT id, json FROM records WHERE document_id IN ({_marks(chunk)})"
        rows += [(rid, claim_hash(json.loads(text))) for rid, text in conn.execute(sql, chunk)]
    conn.executemany("INSERT OR REPLACE INTO record_claims (record_id, claim_hash) VALUES (?, ?)", rows)
    return {h for _, h in rows}


def _regroup(conn: sqlite3.Connection, hashes: set[str]) -> int:
    """Replace the events of these claims with a fresh grouping of all their records; how many."""
    regrouped = 0
    # A claim's records all share its hash, so each chunk of hashes regroups whole claims and
    # gives the same events a full rebuild would.
    for chunk in _chunks(sorted(hashes)):
        marks = _marks(chunk)
        old = [row[0] for row in conn.execute(
            "SELECT DISTINCT er.event_id FROM record_claims rc JOIN event_records er ON er.record_id = rc.record_id"
            f" WHERE rc.claim_hash IN ({marks})", chunk)]
        for ids in _chunks(old):
            conn.execute(f"DELETE FROM event_records WHERE event_id IN ({_marks(ids)})", ids)
            conn.execute(f"DELETE FROM events WHERE id IN ({_marks(ids)})", ids)
        records = _load_records(conn, f" JOIN record_claims rc ON rc.record_id = r.id WHERE rc.claim_hash IN ({marks})",
                                chunk)
        _insert_events(conn, [summarize(e) for e in group_records(records)])
        regrouped += len(records)
    return regrouped


def _load_records(conn: sqlite3.Connection, tail: str, params: Sequence[str]) -> list[dict[str, Any]]:
    records = []
    # A record a reviewer rejected (not a claim the text makes) is in no event.
    sql = _RECORDS_SQL + tail + (" AND" if " WHERE " in tail else " WHERE") + " r.review != 'rejected'"
    for text, publisher, published, syndicated_from, page in conn.execute(sql, params):
        data = json.loads(text)
        data["document"] = {"publisher": publisher, "published": published, "syndicated_from": syndicated_from,
                            "page": page}
        records.append(data)
    return records


def _insert_events(conn: sqlite3.Connection, events: list[dict[str, Any]]) -> None:
    for ev in events:
        # An event left without records (a hand-edited ledger) may hold this id: replace it.
        conn.execute("DELETE FROM events WHERE id = ?", (ev["id"],))
        cols = list(ev)
        conn.execute(f"INSERT INTO events ({', '.join(cols)}) VALUES ({_marks(cols)})", [ev[k] for k in cols])
        conn.executemany("INSERT INTO event_records (event_id, record_id) VALUES (?, ?)",
                         [(ev["id"], rid) for rid in json.loads(ev["json"])["records"]])


def _inconsistency(conn: sqlite3.Connection) -> str | None:
    """Whether the events visibly fail to cover the records: every record a reviewer has not
    rejected is in exactly one event (a rejected one is in none, and may keep its claim's hash)."""
    n_records = _count(conn, "records")
    # Counted through the review-state index: a count, not a scan of the records' rows.
    live = n_records - conn.execute("SELECT COUNT(*) FROM records WHERE review = 'rejected'").fetchone()[0]
    linked = _count(conn, "event_records")
    if linked != live:
        return f"{live} records not rejected but {linked} links from events to records"
    hashed = _count(conn, "record_claims")
    if not live <= hashed <= n_records:
        return f"{n_records} records but {hashed} with their claim recorded"
    empty = conn.execute("SELECT COUNT(*) FROM events e"
                         " WHERE NOT EXISTS (SELECT 1 FROM event_records er WHERE er.event_id = e.id)").fetchone()[0]
    if empty:
        return f"{empty} events without records"
    return None


def _rules_version(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM reconcile_state WHERE name = 'rules_version'").fetchone()
    return row[0] if row else None


def _set_rules_version(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT OR REPLACE INTO reconcile_state (name, value) VALUES ('rules_version', ?)", (RULES_VERSION,))


def _count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    values = list(values)
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)
