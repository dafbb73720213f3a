"""A Spark task's work without Spark (spark/partition.py): what an executor runs over its rows.

On a cluster the executors unpack the environment archive and read the gazetteer built inside
it through ETRACK_CACHE (docs/spark.md), a folder they may not write to.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
from pathlib import Path

from enforcement_tracker.normalize.gazetteer import Gazetteer
from enforcement_tracker.normalize.gazetteer_build import default_filename
from enforcement_tracker.spark.partition import extract_rows

ROWS = [
    {"id": "r1", "publisher": "Example Plains Wire", "published": "2025-02-03",
     "text": "ICE officers arrested 31 people in Omaha, Nebraska on Monday, a spokesperson for the agency said.\n"},
    {"id": "r2", "publisher": "Example Gazette", "published": "2025-03-01",
     "text": "The library reopened on Tuesday after a month of repairs to its roof.\n"},
]


def _folder_state(folder: Path) -> dict[str, tuple]:
    """Every entry of the folder: its mode, size, modification time and bytes' hash."""
    out = {}
    for path in sorted(folder.rglob("*")):
        info = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        out[str(path.relative_to(folder))] = (stat.S_IMODE(info.st_mode), info.st_size, info.st_mtime_ns, digest)
    return out


def test_a_worker_reads_places_from_a_read_only_cache_and_writes_nothing_there(tmp_path: Path, monkeypatch):
    built = Gazetteer.open().path  # this machine's own, built on first use
    cache = tmp_path / "environment" / "share" / "etrack-cache"
    cache.mkdir(parents=True)
    shutil.copy(built, cache / default_filename())
    (cache / default_filename()).chmod(0o444)
    cache.chmod(0o555)
    before = _folder_state(cache)
    monkeypatch.setenv("ETRACK_CACHE", str(cache))
    try:
        out = list(extract_rows(ROWS))
        assert Gazetteer.open().path == cache / default_filename()
    finally:
        Gazetteer.open().close()
        cache.chmod(0o755)
    assert [row["error"] for row in out] == [None, None]
    places = [p for r in out[0]["records"] for p in json.loads(r["json"]).get("places", [])]
    assert {(p["name"], p["state"]) for p in places} == {("Omaha", "NE")} and all(p["geonameid"] for p in places)
    assert out[1]["records"] == []
    # Root may write to a folder whose mode says no, so what proves read-only use is that nothing changed.
    assert _folder_state(cache) == before

