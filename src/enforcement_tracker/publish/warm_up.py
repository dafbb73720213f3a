"""Reading the dashboard's rows while the server starts.

A server's first page after a restart is the dashboard, whose aggregates come from the summary
tables. On a ledger the page cache no longer holds (after a reboot, or once other work has pushed it
out), reading those rows from disk was most of the first page's time at a million records (the daily
chart's summary alone took 350 ms). The server's imports (Datasette and what it loads) take about as
long and need the processor, not the disk; so `start` reads the dashboard's rows in a thread while
they run, and the first request finds them in memory. What the thread computes is thrown away: the
page computes its own, from the same rows. A warm-up that fails (an old ledger, a file that is not
one) costs nothing: the server reports such a ledger itself.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


def start(db_path: str | Path) -> threading.Thread | None:
    """Begin reading the unfiltered dashboard's rows of the ledger at `db_path`, in a daemon thread
    (None when there is no such file)."""
    path = Path(db_path)
    if not path.is_file():
        return None
    thread = threading.Thread(target=_read_dashboard, args=(path,), name="etrack-warm-up", daemon=True)
    thread.start()
    return thread


def _read_dashboard(path: Path) -> None:
    try:
        from enforcement_tracker.publish import queries
        from enforcement_tracker.store.db import schema_behind

        if schema_behind(path):
            return  # a ledger the server upgrades first: its rows are read after that
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.row_factory = sqlite3.Row
            queries.dashboard(conn)
        finally:
            conn.close()
    except Exception:  # noqa: BLE001 - the page itself reports what is wrong with the ledger
        return
