"""Issue 4's acceptance, end to end through the CLI on the real brief and ICE's posted figures.

Both files are third-party and live in ../shared; the test skips when they are absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_tracker.cli import main

SHARED = Path(__file__).resolve().parents[2] / "shared"
BRIEF = SHARED / "corpus" / "seed" / "nbc-three-cities-per-week.txt"
POSTED = SHARED / "data" / "official" / "ice-posted-daily-arrests-2025-01.csv"
WEEKLY = SHARED / "data" / "official" / "ddp-weekly-arrests-by-conviction-2023-11-to-2025-02.csv"


@pytest.fixture(scope="module")
def checks(tmp_path_factory) -> list[dict]:
    if not (BRIEF.exists() and POSTED.exists() and WEEKLY.exists()):
        pytest.skip("the brief or the official files are not in ../shared")
    db = str(tmp_path_factory.mktemp("acceptance") / "ledger.db")
    run = CliRunner()
    for args in (["ingest", str(BRIEF)], ["import", "ice-posted-daily", str(POSTED)],
                 ["import", "ddp-weekly-arrests", str(WEEKLY)]):
        result = run.invoke(main, args + ["--db", db])
        assert result.exit_code == 0, result.output
    result = run.invoke(main, ["check", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _for(checks, kind):
    return [c for c in checks if c["kind"] == kind]


def _figures(check) -> set[tuple]:
    return {(f["period"]["start"], f["period"]["end"], f["value"]) for f in check["official"]}


def test_sunday_count_is_held_against_ices_posted_956_and_notes_monday(checks):
    [count] = _for(checks, "arrest_count")
    assert count["verdict"] == "ICE's own posted figure for that day is 956, 20% lower"
    figures = _figures(count)
    assert ("2025-01-26", "2025-01-26", 956) in figures and ("2025-01-27", "2025-01-27", 1179) in figures


def test_target_attainment_none_reached_and_best_day(checks):
    [target] = _for(checks, "target")
    assert "none reached 1,200" in target["verdict"] and "1,179" in target["verdict"]


def test_nearly_half_not_criminal_meets_the_foia_week(checks):
    shares = [c for c in _for(checks, "criminality") if c["claim"].get("category") == "not_criminal"]
    [share] = shares
    weekly = [v for start, end, v in _figures(share) if (start, end) == ("2025-01-20", "2025-01-26")]
    assert weekly and abs(weekly[0] - 0.51) < 0.01
    assert "fits" in share["verdict"]
