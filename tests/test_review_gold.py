"""`etrack eval --from-reviews`: reviewers' decisions become a gold file the extractor is scored on."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from enforcement_tracker.cli import main
from enforcement_tracker.evaluate.gold import read_gold
from enforcement_tracker.pipeline import ingest_paths
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import connect, review

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_a_fully_reviewed_document_becomes_gold_and_is_scored(tmp_path: Path):
    db = tmp_path / "l.db"
    conn = connect(db)
    ingest_paths(conn, [EXAMPLES / "01-chicago-surge-begins.txt", EXAMPLES / "02-daily-target.txt"],
                 ExtractSettings(processes=1))
    doc = conn.execute("SELECT document_id FROM records GROUP BY document_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    ids = [r[0] for r in conn.execute("SELECT id FROM records WHERE document_id = ? ORDER BY span_start", (doc,))]
    counts = [r[0] for r in conn.execute("SELECT id FROM records WHERE document_id = ? AND kind = 'arrest_count'"
                                         " ORDER BY span_start", (doc,))]
    assert len(ids) >= 3 and counts
    corrected, rejected = counts[0], next(i for i in ids if i != counts[0])
    for rid in ids:
        if rid == corrected:
            review.act(conn, rid, "correct", reviewer="fay", why="misread", changes={"count": "123457"})
        elif rid == rejected:
            review.act(conn, rid, "reject", reviewer="fay", why="not a claim")
        else:
            review.act(conn, rid, "accept", reviewer="fay", why="right")
    conn.close()
    out = tmp_path / "gold"
    result = CliRunner().invoke(main, ["eval", "--from-reviews", str(out), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    golds = read_gold(out / "gold.jsonl")
    assert len(golds) == 1  # the other document is not reviewed at all
    records = golds[0].records
    assert len(records) == len(ids) - 1  # the rejected one is not gold
    assert {"value": 123457} .items() <= next(r for r in records if r["kind"] == "arrest_count"
                                              and r["count"].get("value") == 123457)["count"].items()
    assert all("evidence" in r and "id" not in r for r in records)
    scores = json.loads(result.output[result.output.index("{"):])["scores"]
    # The extractor still reads the machine's number (now a miss) and the rejected claim (now spurious).
    counted = scores["per_kind"]["arrest_count"]
    assert counted["found"] == counted["required"] - 1
    predicted = sum(t["predicted"] for t in scores["per_kind"].values())
    correct = sum(t["correct"] for t in scores["per_kind"].values())
    assert predicted == len(ids) and correct == len(ids) - 2
