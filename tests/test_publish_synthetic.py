"""The synthetic ledgers the web tests and the benchmark are built from."""

from __future__ import annotations

import sqlite3

from enforcement_tracker.publish.synthetic import hostile_extraction, synthetic_extractions, write_ledger


def test_every_synthetic_quote_is_its_span():
    for extraction in synthetic_extractions(60, seed=3):
        for record in extraction.records:
            assert extraction.document.text[record.span[0]:record.span[1]] == record.quote
    hostile = hostile_extraction()
    assert all(hostile.document.text[r.span[0]:r.span[1]] == r.quote for r in hostile.records)


def test_bulk_insert_writes_the_same_rows_as_save_extraction(tmp_path):
    slow, fast = tmp_path / "slow.db", tmp_path / "fast.db"
    assert write_ledger(slow, 55, seed=7, bulk=False) == write_ledger(fast, 55, seed=7, bulk=True) == 55
    queries = ["SELECT * FROM records ORDER BY id", "SELECT * FROM record_places ORDER BY record_id, position",
               "SELECT * FROM record_agencies ORDER BY 1, 2",
               "SELECT record_id, kind, count, description, outlet FROM sources ORDER BY record_id, kind",
               "SELECT id, publisher, published, text FROM documents ORDER BY id"]
    a, b = sqlite3.connect(slow), sqlite3.connect(fast)
    for sql in queries:
        assert a.execute(sql).fetchall() == b.execute(sql).fetchall(), sql
