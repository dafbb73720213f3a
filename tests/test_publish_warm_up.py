"""The server reads the dashboard's rows while it starts (publish/warm_up.py): on a current ledger it
computes the dashboard, on one the server must upgrade first it waits, and on a bad file it says
nothing (the server reports that file itself)."""

from __future__ import annotations

from _old_ledgers import ledger_at_version
from enforcement_tracker.publish import queries, warm_up
from enforcement_tracker.publish.synthetic import write_ledger
from enforcement_tracker.store.db import migrations


def _computed(monkeypatch, path) -> list[dict]:
    seen = []
    dashboard = queries.dashboard
    monkeypatch.setattr(queries, "dashboard", lambda conn, *a: seen.append(dashboard(conn, *a)) or seen[-1])
    thread = warm_up.start(path)
    if thread is not None:
        thread.join(60)
        assert not thread.is_alive()
    return seen


def test_a_current_ledger_has_its_dashboard_read_as_the_server_starts(tmp_path, monkeypatch):
    path = tmp_path / "ledger.db"
    write_ledger(path, 300, seed=1)
    [data] = _computed(monkeypatch, path)
    assert data["newest"] and data["timeline"] is not None  # the rows the first page shows


def test_a_ledger_the_server_upgrades_first_is_not_read_before_it(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    ledger_at_version(path, migrations()[-1][0] - 1, documents=20).close()
    assert _computed(monkeypatch, path) == []


def test_a_missing_file_or_one_that_is_no_ledger_starts_nothing_and_raises_nothing(tmp_path, monkeypatch):
    assert warm_up.start(tmp_path / "none.db") is None
    bad = tmp_path / "notes.db"
    bad.write_text("not a ledger", encoding="utf-8")
    assert _computed(monkeypatch, bad) == []
