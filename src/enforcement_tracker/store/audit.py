"""The audit log: every review action, refusal, ingest, import and release, append-only.

The ledger refuses to change or delete an entry (triggers of migration 008), and logs ingests
and imports itself, in the transaction that stores them. The rest of the tool appends through
`append`, inside the transaction of the action it records, so an action and its entry are
written together or not at all.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Any

ACTIONS = ("accept", "verify", "correct", "reject", "refused", "ingest", "import", "reextract", "release",
           "reviewer-add", "reviewer-revoke")


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def append(conn: sqlite3.Connection, action: str, *, actor: str, subject: str | None = None,
           detail: dict[str, Any] | None = None) -> int:
    """Add one entry; returns its number. The caller owns the transaction."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    cursor = conn.execute(
        "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?,?,?,?,?)",
        (now(), actor, action, subject,
         json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail is not None else None))
    return int(cursor.lastrowid)


def log_refusal(conn: sqlite3.Connection, *, reason: str, subject: str | None, detail: dict[str, Any]) -> None:
    """A refused write (no token, a revoked one, another ledger's, no CSRF token): its own transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        append(conn, "refused", actor="anonymous", subject=subject, detail={"reason": reason, **detail})
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def entries(conn: sqlite3.Connection, *, action: str | None = None, subject: str | None = None,
            actor: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Entries oldest first (the last `limit` of them when a limit is given)."""
    where, params = [], []
    for column, value in (("action", action), ("subject", subject), ("actor", actor)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    sql = "SELECT id, at, actor, action, subject, detail FROM audit_log" + (
        " WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    out = []
    for row in conn.execute(sql, params):
        item = dict(zip(("id", "at", "actor", "action", "subject", "detail"), tuple(row)))
        item["detail"] = json.loads(item["detail"]) if item["detail"] else None
        out.append(item)
    out.reverse()
    return out
