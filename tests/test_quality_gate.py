"""The quality gate: extraction may not fall below the dev set's precision and recall floors.

The floors live in quality_baseline.json. Raising them is the goal; lowering one is a deliberate
edit. The dev corpus sits outside the repository (../shared/corpus); without it the gate skips.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from enforcement_tracker.evaluate import Evaluation, evaluate_files

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
GOLD = [CORPUS / "dev" / "gold.jsonl", CORPUS / "seed" / "gold.jsonl"]
BASELINE = Path(__file__).with_name("quality_baseline.json")


def _floors() -> dict[str, float]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev_evaluation() -> Evaluation:
    if not GOLD[0].is_file():
        pytest.skip(f"dev corpus not found at {GOLD[0].parent}")
    from enforcement_tracker.evaluate.run import pipeline_extractor

    return evaluate_files([g for g in GOLD if g.is_file()], pipeline_extractor())


def test_baseline_floors_are_fractions():
    floors = _floors()
    for key in ("dev_micro_precision", "dev_micro_recall"):
        assert 0.0 <= floors[key] <= 1.0, f"{key} in {BASELINE.name} must lie in [0, 1]"


@pytest.mark.parametrize("key, figure", [("dev_micro_precision", "precision"),
                                         ("dev_micro_recall", "recall")])
def test_dev_micro_figure_holds_its_floor(dev_evaluation, key, figure):
    achieved = getattr(dev_evaluation.scores.headline, figure) or 0.0
    floor = _floors()[key]
    assert achieved >= floor, (
        f"dev micro {figure} fell to {achieved:.3f}, below the floor {floor:.2f} in {BASELINE.name}; "
        "see `etrack eval ../shared/corpus/dev/gold.jsonl --verbose` for what was lost")


# Our own texts: always in the checkout, so the gate holds in a clone without ../shared too.
OWN_GOLD = {"examples": REPO / "examples" / "expected.jsonl",
            "probe": REPO / "tests" / "data" / "probe" / "gold.jsonl"}


@pytest.mark.parametrize("name", sorted(OWN_GOLD))
def test_own_texts_hold_their_floors(name):
    from enforcement_tracker.evaluate.run import pipeline_extractor

    headline = evaluate_files([OWN_GOLD[name]], pipeline_extractor()).scores.headline
    floors = _floors()
    for figure in ("precision", "recall"):
        achieved = getattr(headline, figure) or 0.0
        floor = floors[f"{name}_micro_{figure}"]
        assert achieved >= floor, (f"{name} micro {figure} fell to {achieved:.3f}, below {floor:.2f}; see "
                                   f"`etrack eval {OWN_GOLD[name].relative_to(REPO)} --verbose`")
