"""Gazetteer.open() with no path is remembered per setting, and follows the setting when it changes."""

from __future__ import annotations

import shutil

from enforcement_tracker.normalize.gazetteer import Gazetteer, default_path
from enforcement_tracker.normalize.gazetteer_build import default_filename


def test_default_gazetteer_follows_etrack_cache(tmp_path, monkeypatch) -> None:
    built = Gazetteer.open().path  # the one this machine already has (built on first use)
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        shutil.copy(built, tmp_path / name / default_filename())

    monkeypatch.setenv("ETRACK_CACHE", str(tmp_path / "one"))
    first = Gazetteer.open()
    assert first.path == default_path() == tmp_path / "one" / default_filename()
    assert Gazetteer.open() is first  # asked again: the same instance, no new connection

    monkeypatch.setenv("ETRACK_CACHE", str(tmp_path / "two"))
    second = Gazetteer.open()
    assert second is not first and second.path == tmp_path / "two" / default_filename()
    aurora = second.resolve("Aurora", "CO")
    assert aurora is not None and aurora == first.resolve("Aurora", "CO")

    # A closed gazetteer is not handed out again: the next open() connects afresh.
    second.close()
    third = Gazetteer.open()
    assert third is not second and third.path == second.path
    third.close()
    monkeypatch.setenv("ETRACK_CACHE", str(tmp_path / "one"))
    first.close()
