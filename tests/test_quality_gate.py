"""The quality gate: on every evaluation set, extraction may not fall below its floors.

The floors live in quality_baseline.json, one entry per set (dev, dev2, seed, examples, probe):
headline micro precision and recall, and per-kind floors where the set has gold of that kind.
Raising them is the goal (`etrack eval GOLD --floors` prints a set's entry); lowering one is a
deliberate edit. The shared corpus sits outside the repository (../shared/corpus): without it
those sets skip, while our own texts (examples, probe) still guard extraction in any clone.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from enforcement_tracker.evaluate import Evaluation, evaluate_files
from enforcement_tracker.evaluate.baseline import read_baseline, shortfalls

REPO = Path(__file__).resolve().parents[1]
BASELINE = Path(__file__).with_name("quality_baseline.json")
SETS = read_baseline(BASELINE)  # a malformed baseline fails collection, naming the set and key


@cache
def _evaluation(name: str) -> Evaluation:
    from enforcement_tracker.evaluate.run import pipeline_extractor  # loads the NLP model

    return evaluate_files(SETS[name].gold_paths(REPO), pipeline_extractor())


def test_baseline_covers_every_evaluation_set():
    assert set(SETS) >= {"dev", "dev2", "seed", "examples", "probe"}
    for floors in SETS.values():
        assert set(floors.micro) == {"precision", "recall"}, f"{floors.name}: micro needs both floors"


@pytest.mark.parametrize("name", sorted(SETS))
def test_set_holds_its_floors(name):
    floors = SETS[name]
    missing = [p for p in floors.gold_paths(REPO) if not p.is_file()]
    if missing:
        pytest.skip(f"{name}: gold not found at {missing[0]}")
    below = shortfalls(floors, _evaluation(name).scores)
    gold = " ".join(floors.gold)
    assert not below, ("; ".join(str(s) for s in below)
                       + f" (in {BASELINE.name}); see `etrack eval {gold} --verbose` for what was lost")
