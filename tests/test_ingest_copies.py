"""Wire copies among files given to `etrack ingest`: linked to their origin as fetched pages are."""

from __future__ import annotations

from pathlib import Path

from enforcement_tracker.pipeline import ingest_paths
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import connect

PAIRS = Path(__file__).parent / "data" / "fetch" / "copies"


def _write(folder: Path, name: str, publisher: str, published: str) -> None:
    body = (PAIRS / f"{name}.txt").read_text("utf-8")
    (folder / f"{name}.txt").write_text(f"---\npublisher: {publisher}\npublished: {published}\n---\n{body}", "utf-8")


def test_files_that_copy_a_wire_story_count_as_the_wire(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "wire_omaha", "The Associated Press", "2025-06-02")
    _write(folder, "copy_omaha_trimmed", "Example Plains Courier", "2025-06-02")
    _write(folder, "copy_omaha_edited", "Example River Times", "2025-06-03")
    _write(folder, "other_omaha_tv", "Example Channel 7", "2025-06-02")
    conn = connect(tmp_path / "l.db")
    summary = ingest_paths(conn, [folder], ExtractSettings(processes=1))
    assert summary.new == 4
    linked = {r[0]: r[1] for r in conn.execute(
        "SELECT d.publisher, d.syndicated_from FROM document_copies c JOIN documents d ON d.id = c.document_id")}
    assert linked == {"Example Plains Courier": "The Associated Press", "Example River Times": "The Associated Press"}
    # the station's own story of the same event is no copy
    assert conn.execute("SELECT syndicated_from FROM documents WHERE publisher = 'Example Channel 7'").fetchone()[0] is None


def test_reingesting_the_same_files_links_nothing_twice(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "wire_omaha", "The Associated Press", "2025-06-02")
    _write(folder, "copy_omaha_trimmed", "Example Plains Courier", "2025-06-02")
    conn = connect(tmp_path / "l.db")
    ingest_paths(conn, [folder], ExtractSettings(processes=1))
    again = ingest_paths(conn, [folder], ExtractSettings(processes=1))
    assert (again.new, again.unchanged) == (0, 2)
    assert conn.execute("SELECT COUNT(*) FROM document_copies").fetchone()[0] == 1
