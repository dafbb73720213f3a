"""Reviewers and their tokens: who may confirm, correct or reject a record.

`add` makes a token and returns it once; the ledger keeps only a hash of it, salted with the
ledger's own random id (migration 008), so a token is good for the one ledger that made it:
another ledger refuses it even if it somehow held the same hash scheme and name. A token is
`etr_<ledger id>_<32 random bytes>`: too long to guess, and it says which ledger it is for.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import sqlite3
from dataclasses import dataclass

from enforcement_tracker.errors import TrackerError
from enforcement_tracker.store import audit

TOKEN_PREFIX = "etr_"
_TOKEN = re.compile(r"^etr_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$")


class ReviewError(TrackerError):
    """A review action or a reviewer's token was refused."""

    code = "E800"


@dataclass(frozen=True)
class Reviewer:
    name: str
    added_at: str
    revoked_at: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def ledger_id(conn: sqlite3.Connection) -> str:
    return conn.execute("SELECT ledger_id FROM ledger_identity WHERE one = 1").fetchone()[0]


def token_hash(ledger: str, token: str) -> str:
    return hashlib.sha256(f"{ledger}:{token}".encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not _NAME.match(name):
        raise ReviewError(f"reviewer name {name[:70]!r} is not usable", source="NAME",
                          hint="1 to 63 letters, digits, spaces, dots, dashes or underscores, starting with a letter"
                               " or digit")
    return name


def add(conn: sqlite3.Connection, name: str) -> str:
    """Add a reviewer and return their token (shown once: the ledger cannot show it again)."""
    name = check_name(name)
    ledger = ledger_id(conn)
    token = f"{TOKEN_PREFIX}{ledger}_{secrets.token_urlsafe(32)}"
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM reviewers WHERE name = ?", (name,)).fetchone():
            raise ReviewError(f"there is already a reviewer named {name!r}", source="NAME",
                              hint="pick another name, or `etrack reviewer revoke` theirs first and add them again"
                                   " under a new name")
        conn.execute("INSERT INTO reviewers (name, token_hash, added_at) VALUES (?,?,?)",
                     (name, token_hash(ledger, token), audit.now()))
        audit.append(conn, "reviewer-add", actor="etrack", subject=name)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return token


def revoke(conn: sqlite3.Connection, name: str) -> Reviewer:
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT revoked_at FROM reviewers WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise ReviewError(f"no reviewer named {name!r}", source="NAME", hint="`etrack reviewer list` shows them")
        if row[0] is not None:
            raise ReviewError(f"{name!r} was already revoked on {row[0]}", source="NAME")
        conn.execute("UPDATE reviewers SET revoked_at = ? WHERE name = ?", (audit.now(), name))
        audit.append(conn, "reviewer-revoke", actor="etrack", subject=name)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return next(r for r in list_reviewers(conn) if r.name == name)


def list_reviewers(conn: sqlite3.Connection) -> list[Reviewer]:
    return [Reviewer(name, added, revoked) for name, added, revoked in
            conn.execute("SELECT name, added_at, revoked_at FROM reviewers ORDER BY name")]


def authenticate(conn: sqlite3.Connection, token: str | None) -> str:
    """The name of the reviewer whose token this is, or a ReviewError saying why it is refused."""
    token = (token or "").strip()
    if not token:
        raise ReviewError("no reviewer token", source="token",
                          hint="pass the token `etrack reviewer add NAME` printed (ETRACK_TOKEN or --token)")
    m = _TOKEN.match(token)
    if not m:
        raise ReviewError("not a reviewer token", source="token",
                          hint="tokens look like etr_<16 hex digits>_<43 characters>; ask for a new one")
    ledger = ledger_id(conn)
    if m.group(1) != ledger:
        raise ReviewError("this token is for another ledger", source="token",
                          hint="each ledger has its own reviewers: `etrack reviewer add NAME --db THIS.db`")
    row = conn.execute("SELECT name, revoked_at FROM reviewers WHERE token_hash = ?",
                       (token_hash(ledger, token),)).fetchone()
    if row is None:
        raise ReviewError("unknown reviewer token", source="token", hint="ask for a token with `etrack reviewer add`")
    if row[1] is not None:
        raise ReviewError(f"this token was revoked on {row[1]}", source="token",
                          hint="ask for a new one with `etrack reviewer add`")
    return row[0]
