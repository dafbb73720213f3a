"""The SQLite ledger: connection, migrations, and reading and writing records.

`query_records` and `save_extraction` are imported on first use: they bring the record models and
the normalizers (40-50 ms), which a server reading the ledger (`from enforcement_tracker.store
import audit`) does not need.
"""

from typing import Any

from enforcement_tracker.store.db import connect, current_version, migrate

__all__ = ["connect", "current_version", "migrate", "query_records", "save_extraction"]


def __getattr__(name: str) -> Any:
    if name in ("query_records", "save_extraction"):
        from enforcement_tracker.store import ledger

        return getattr(ledger, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
