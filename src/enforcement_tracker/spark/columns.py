"""The job's tables, declared once: what a Parquet input may hold and what the output holds.

The output's record columns are the ledger's own indexed columns (`record_columns`, with the
types the ledger's schema gives them) plus the record's place in its document; the document
columns are the contract's document object plus its text, provenance and outcome. Nothing here
imports pyspark: `spark_schema` does, when a job asks for it.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache

from enforcement_tracker.models import Record

# Input Parquet: `text` is required; the others may be missing or null. `id` is the input's own
# name for the row (kept as `input_id`); `source_uri` is where the text came from (kept as the
# document's path, as a file's name is by `etrack ingest`).
INPUT_COLUMNS = ("id", "text", "publisher", "published", "url", "title", "source_uri", "kind")
REQUIRED_INPUT = ("text",)

# Output `documents`: one row per input row, read or not. `error` is null when it was read and
# extracted; otherwise it says which input and what went wrong (then `id` may be null).
DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("input_id", "string"), ("id", "string"), ("publisher", "string"), ("published", "string"),
    ("kind", "string"), ("title", "string"), ("url", "string"), ("syndicated_from", "string"),
    ("path", "string"), ("text", "string"), ("extractor", "string"), ("n_records", "long"),
    ("refused", "string"),  # JSON: records the guard dropped, by reason ({"private_person": 2})
    ("error", "string"),
    ("copy_key", "string"),  # which copy of the text this row is (store/identity.py); its records carry it
    ("month", "string"),
)
# Where a document has no publication month (undated, or a year alone) its rows go here.
UNDATED = "undated"


def publication_month(published: str | None) -> str:
    """The partition a document's rows are written under: YYYY-MM, the year alone, or 'undated'."""
    if not published:
        return UNDATED
    return published[:7] if len(published) >= 7 else published


@lru_cache(maxsize=1)
def record_columns() -> tuple[tuple[str, str], ...]:
    """(name, type) of each output record column: the ledger's indexed columns in its order."""
    from enforcement_tracker.store.db import migrate
    from enforcement_tracker.store.ledger import record_columns as ledger_columns

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn)
        declared = {row[1]: row[2].upper() for row in conn.execute("PRAGMA table_info(records)")}
    finally:
        conn.close()
    sample = Record(kind="quote", span=(0, 1), quote="x", fields={})
    names = list(ledger_columns(sample))
    kinds = {"INTEGER": "long", "REAL": "double"}
    return tuple((n, kinds.get(declared.get(n, "TEXT"), "string")) for n in names) + \
        (("position", "long"), ("copy_key", "string"), ("month", "string"))


def spark_schema(columns: tuple[tuple[str, str], ...], nested: dict[str, tuple[tuple[str, str], ...]] | None = None):
    """A pyspark StructType of (name, type) pairs; `nested` adds array-of-struct columns."""
    from pyspark.sql import types as T

    simple = {"string": T.StringType(), "long": T.LongType(), "double": T.DoubleType()}
    fields = [T.StructField(name, simple[kind], True) for name, kind in columns]
    for name, inner in (nested or {}).items():
        fields.append(T.StructField(name, T.ArrayType(spark_schema(inner), False), False))
    return T.StructType(fields)
