"""The SQLite ledger: connection, migrations, and reading and writing records."""

from enforcement_tracker.store.db import connect, current_version, migrate
from enforcement_tracker.store.ledger import query_records, save_extraction

__all__ = ["connect", "current_version", "migrate", "query_records", "save_extraction"]
