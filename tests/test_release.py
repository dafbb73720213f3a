"""`etrack release`: a data package that cites, changes logged by id, byte-identical rebuilds."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_tracker.cli import main
from enforcement_tracker.pipeline import ingest_paths
from enforcement_tracker.release import ReleaseError, build_release
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import connect, review

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("release") / "built.db"
    conn = connect(path)
    ingest_paths(conn, [EXAMPLES / "01-chicago-surge-begins.txt", EXAMPLES / "02-daily-target.txt",
                        EXAMPLES / "05-aurora-planned.txt"], ExtractSettings(processes=1))
    conn.close()
    return path


@pytest.fixture
def ledger(built: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    shutil.copy(built, path)
    return path


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_releases_with_a_correction_between(ledger: Path, tmp_path: Path):
    runner = CliRunner()
    out = tmp_path / "releases"
    first = runner.invoke(main, ["release", "1.0", "--db", str(ledger), "--out", str(out), "--date", "2025-02-01"])
    assert first.exit_code == 0, first.output
    conn = connect(ledger)
    rid = conn.execute("SELECT id FROM records WHERE kind = 'arrest_count' ORDER BY id LIMIT 1").fetchone()[0]
    review.act(conn, rid, "correct", reviewer="erin", why="the release says 957", changes={"count": "957"})
    second = runner.invoke(main, ["release", "1.1", "--db", str(ledger), "--out", str(out), "--date", "2025-03-01"])
    assert second.exit_code == 0, second.output
    changes = (out / "1.1" / "CHANGES.md").read_text()
    assert "Against 1.0: 0 added, 1 corrected, 0 rejected, 0 changed review state" in changes
    listed = [line for line in changes.splitlines() if line.startswith("- `")]
    assert listed == [f"- `{rid}` revision 1: erin: the release says 957"]
    ids = lambda v: [json.loads(line)["id"] for line in (out / v / "records.jsonl").read_text().splitlines()]
    assert ids("1.0") == ids("1.1") == sorted(ids("1.0"))
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((out / "1.1" / "records.csv").read_text()))}
    assert rows[rid]["count_value"] == "957.0" and rows[rid]["review"] == "reviewed"
    # Rebuilding 1.1 from the same ledger: the same bytes, and the date it was first released.
    before = _digests(out / "1.1")
    shutil.rmtree(out / "1.1")
    again = runner.invoke(main, ["release", "1.1", "--db", str(ledger), "--out", str(out)])
    assert again.exit_code == 0 and "(2025-03-01)" in again.output
    assert _digests(out / "1.1") == before


def test_the_package_describes_every_file_it_holds(ledger: Path, tmp_path: Path):
    conn = connect(ledger)
    result = build_release(conn, "2.0", tmp_path, released_on="2025-02-01")
    folder = result.folder
    package = json.loads((folder / "datapackage.json").read_text())
    on_disk = {k: v for k, v in _digests(folder).items() if k != "datapackage.json"}
    assert {r["path"]: r["hash"][len("sha256:"):] for r in package["resources"]} == on_disk
    assert {"records.csv", "records.jsonl", "records.parquet", "operations.geojson", "checks.csv", "events.csv",
            "CHANGES.md", "CITATION.cff"} <= set(on_disk)
    assert package["version"] == "2.0" and package["etrack"]["review_filter"] == ["machine", "reviewed", "verified"]
    assert package["etrack"]["extractors"] and package["licenses"][0]["name"] == "CC-BY-4.0"
    import pyarrow.parquet as pq

    table = pq.read_table(folder / "records.parquet")
    assert table.num_rows == result.records and table.column("id").to_pylist() == sorted(table.column("id").to_pylist())
    geo = json.loads((folder / "operations.geojson").read_text())
    assert geo["features"] and all(f["properties"]["record_id"].startswith("rec_") for f in geo["features"])
    assert "date-released: 2025-02-01" in (folder / "CITATION.cff").read_text()


def test_the_review_filter_and_rejected_records(ledger: Path, tmp_path: Path):
    conn = connect(ledger)
    rid = conn.execute("SELECT id FROM records ORDER BY id LIMIT 1").fetchone()[0]
    other = conn.execute("SELECT id FROM records ORDER BY id LIMIT 1 OFFSET 1").fetchone()[0]
    build_release(conn, "a", tmp_path, released_on="2025-02-01")
    review.act(conn, rid, "reject", reviewer="erin", why="not a claim")
    review.act(conn, other, "accept", reviewer="erin", why="right")
    b = build_release(conn, "b", tmp_path, released_on="2025-02-02")
    changes = (b.folder / "CHANGES.md").read_text()
    assert f"## Rejected\n\n- `{rid}`" in changes and f"- `{other}` machine → reviewed" in changes
    only = build_release(conn, "c", tmp_path, states=("reviewed", "verified"), released_on="2025-02-03")
    assert only.records == 1
    with pytest.raises(ReleaseError, match="version"):
        build_release(conn, "../escape", tmp_path)
