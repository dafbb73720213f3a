"""The state of a served ledger as a short token: the same while nothing is written, new after any commit.

The token is what the web ledger's ETags and its page cache are keyed by, so it must be cheap
(it is read on every request) and must never stay the same across a change (a stale page would
be served as current). Two signals, each doing what it is good at:

- `PRAGMA data_version` on a connection of our own says, in microseconds and exactly, whether
  any other connection committed since we last looked. It is per connection, so it cannot be
  the token itself (two server processes would disagree).
- When it moves, a fingerprint of the file is taken that every process reading the same file
  computes alike: the highest rowid of every table (an ingest, an import, a check or an events
  rebuild adds rows), the size and modification time of the write-ahead log (any commit in
  WAL mode appends to it) and the header's change counter and schema cookie (any commit in
  rollback-journal mode bumps them). Workers then hand out the same ETag for the same state.

Asking data_version is itself a call into SQLite, which lets go of Python's lock for other
threads; on a busy server that costs the event loop more than the call. So a token is reused
for `min_interval` seconds: an answer may then lag a commit by that long, far less than the
max-age every answer already allows (Datasette's default_cache_ttl, 5 s).

If data_version moved but the fingerprint did not (a change it cannot see, such as an UPDATE
within one clock tick that leaves the log the same size), the token takes a generation and a
nonce of this process: correct at the price of ETags this process alone recognises.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Callable

from enforcement_tracker import __version__
from enforcement_tracker.errors import PublishError


class LedgerState:
    """Watches one ledger file; `token()` names its current state."""

    def __init__(self, path: str | Path, *, min_interval: float = 0.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.path = str(path)
        self.min_interval = min_interval
        self._clock = clock
        self._checked = float("-inf")
        try:
            # Our own read-only connection: data_version counts commits made by all the others.
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False,
                                         isolation_level=None)
            self._conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        except sqlite3.Error as exc:
            raise PublishError(f"cannot watch the ledger ({exc})", source=self.path,
                               hint="pass a SQLite file made by etrack") from exc
        # One descriptor for the header, open as long as this watcher: closing any descriptor of
        # the file drops every POSIX lock this process holds on it, SQLite's shared lock too, and
        # the next writer of another process to close would then delete the write-ahead log that
        # this server's connections still use.
        self._header_fd = os.open(self.path, os.O_RDONLY)
        self._lock = threading.Lock()
        self._version: int | None = None
        self._fingerprint: tuple | None = None
        self._generation = 0
        self._nonce = os.urandom(8).hex()
        self._token = ""

    def token(self) -> str:
        """A short hex token that changes whenever the ledger's contents may have changed."""
        with self._lock:
            now = self._clock()
            if self._token and now - self._checked < self.min_interval:
                return self._token
            self._checked = now
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            if version == self._version:
                return self._token
            fingerprint = self._take_fingerprint()
            if self._version is not None and fingerprint == self._fingerprint:
                self._generation += 1
            self._version, self._fingerprint = version, fingerprint
            parts = (__version__, fingerprint, self._generation, self._nonce if self._generation else None)
            self._token = hashlib.sha256(repr(parts).encode()).hexdigest()[:20]
            return self._token

    def expire(self) -> None:
        """Ask SQLite at the next token(): this process has just written (a review), and its own
        next page must not come from the state before the write."""
        with self._lock:
            self._checked = float("-inf")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            os.close(self._header_fd)

    def _take_fingerprint(self) -> tuple:
        conn = self._conn
        # One read transaction, so every table's high-water mark comes from the same snapshot.
        conn.execute("BEGIN")
        try:
            master = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                                  " AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
            virtual = [name for name, sql in master if (sql or "").upper().startswith("CREATE VIRTUAL")]
            highs = []
            for name, sql in master:
                # Full-text indexes and their shadow tables follow the tables they index. A WITHOUT
                # ROWID table (the summaries, kept by triggers) has no high-water mark: it changes
                # only in a commit, which the log's size and time or the header's counter show, and
                # counting its rows read every page of it (340 ms of a first page after a restart
                # at 1M records, the file not in memory).
                if any(name == v or name.startswith(v + "_") for v in virtual) or _without_rowid(sql):
                    continue
                highs.append((name, conn.execute(f'SELECT max(rowid) FROM "{name}"').fetchone()[0]))
        finally:
            conn.execute("COMMIT")
        return (tuple(highs), _wal_stat(self.path), _header_counters(self._header_fd))


def _without_rowid(sql: str | None) -> bool:
    return " ".join((sql or "").upper().split()).rstrip("; ").endswith("WITHOUT ROWID")


def _wal_stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path + "-wal")
    except FileNotFoundError:
        return None
    return (st.st_size, st.st_mtime_ns)


def _header_counters(fd: int) -> bytes:
    """The file change counter (bytes 24-27) and schema cookie (40-43) of the database header."""
    header = os.pread(fd, 100, 0)
    return header[24:28] + header[40:44]
