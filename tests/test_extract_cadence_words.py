"""Cadences: how often an operation moves to new places (patterns/cadence_words.jsonl), on sentences we wrote."""

from __future__ import annotations

import pytest

from _extract_helpers import records


@pytest.mark.parametrize("body,count,unit,per", [
    ("ICE is targeting three cities a week, officials said.", 3, "cities", "week"),
    ("ICE plans to open a surge in one new city each month, an internal email said.", 1, "cities", "month"),
    ("Agents will move on to two new states per month, the memo said of the ICE plan.", 2, "states", "month"),
])
def test_a_cadence_names_its_unit_and_period(body, count, unit, per):
    [c] = records(body, kind="cadence")
    assert (c["count"]["value"], c["unit"], c["per"]) == (count, unit, per)
