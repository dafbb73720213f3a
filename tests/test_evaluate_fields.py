"""Evaluation of the fields the match ignores, over matched pairs (places, dates, status, category,
speaker, ...): normalised before comparing, compared only where gold carries them, reported per field."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from _evaluate_helpers import ac, count, crim, day, op, result_of
from enforcement_tracker.evaluate import TextResult, match_records, score
from enforcement_tracker.evaluate.fields import FIELDS, compare_pair
from enforcement_tracker.evaluate.report import evaluation_to_dict, render


# --- fields the match ignores, over matched pairs --------------------------------------------------


def gold_set():
    """A small hand-made text: an operation, its count, a criminality share and a quote."""
    return [
        op([("Aurora", "CO")], start="2025-01-30", status="planned", name=None,
           evidence="an operation in Aurora beginning Thursday"),
        ac(120, period={"date": "2025-01-30"}, places=[{"name": "Aurora", "state": "CO"}], scope="total",
           evidence="120 arrests on Thursday"),
        crim("not_criminal", share=0.5, qualifier=None, of_count=120, evidence="nearly half"),
        {"kind": "quote", "speaker": "Dana Whitfield", "text": "We are ready", "evidence": "We are ready"},
    ]


def predictions_for(gold):
    """The same records as extraction writes them: date objects, persons, place details."""
    aurora = {"name": "Aurora", "kind": "city", "state": "CO", "geonameid": 5412347}
    return [
        {"kind": "operation", "places": [aurora], "start": day("2025-01-30"), "end": None,
         "status": "planned", "name": None},
        {"kind": "arrest_count", "count": count(120), "period": day("2025-01-30"), "places": [aurora],
         "scope": "total"},
        {"kind": "criminality", "category": "not_criminal", "share": count(0.5), "of_count": 120},
        {"kind": "quote", "speaker": {"name": "Dana Whitfield", "title": "Police Chief"},
         "text": "We are ready."},
    ]


def field_accuracy(gold, predicted):
    scores = score([result_of(gold, predicted)])
    return {(kind, name): tally.accuracy for kind, name, tally in scores.fields.rows(scores.kinds)}


def test_gold_shapes_and_contract_shapes_of_the_same_records_agree_on_every_field():
    gold = gold_set()
    gold[2]["share"] = count(0.5, qualifier="exact")
    accuracy = field_accuracy(gold, predictions_for(gold))
    assert accuracy and set(accuracy.values()) == {1.0}
    assert {("operation", "places"), ("operation", "start"), ("arrest_count", "period"),
            ("criminality", "of_count"), ("quote", "speaker"), ("quote", "text")} <= set(accuracy)


def _wrong_state(pred):
    pred[0]["places"] = [{"name": "Aurora", "state": "IL"}]


def _wrong_date(pred):
    pred[1]["period"] = day("2025-01-29")


def _wrong_speaker(pred):
    pred[3]["speaker"] = {"name": "Dale Whitfield", "title": "Police Chief"}  # same surname: matched


def _wrong_status(pred):
    pred[0]["status"] = "under_way"


def _wrong_category(pred):
    pred[2]["category"] = "no_record"  # same group: still matched, but not the same category


@pytest.mark.parametrize("mutate, lowered", [
    (_wrong_state, ("operation", "places")),
    (_wrong_date, ("arrest_count", "period")),
    (_wrong_speaker, ("quote", "speaker")),
    (_wrong_status, ("operation", "status")),
    (_wrong_category, ("criminality", "category")),
])
def test_a_wrong_field_lowers_exactly_that_field(mutate, lowered):
    gold = gold_set()
    gold[2]["share"] = count(0.5, qualifier="exact")
    predicted = predictions_for(gold)
    mutate(predicted)
    matching = match_records(gold, predicted)
    assert len(matching.pairs) == 4  # the match ignores these fields: every pair still stands
    accuracy = field_accuracy(gold, predicted)
    assert accuracy[lowered] == 0.0
    assert {key: value for key, value in accuracy.items() if key != lowered} == {
        key: 1.0 for key in accuracy if key != lowered}


def _field(name, gold, pred):
    """Whether gold and prediction agree on one field, read as the scorer reads it."""
    rule = FIELDS[name]
    return rule.read(gold, gold).key == rule.read(pred, gold).key


@pytest.mark.parametrize("name, gold, pred, expected", [
    # places: a set of (name, state); state names and codes, "Aurora, Colo.", order, case
    ("places", op([("Chicago", "IL"), ("Aurora", "CO")]), op([("aurora", "CO"), ("Chicago", "IL")]), True),
    ("places", op([("Aurora", "CO")]), op([("Aurora, Colo.", "CO")]), True),
    ("places", op([("Aurora", "CO")]), op([("Aurora", "Colorado")]), True),
    ("places", op([("Washington, D.C.", "DC")]), op([("Washington", "DC")]), True),
    ("places", op([("Utah", "UT")]), op([("Utah", "UT"), ("Ogden", "UT")]), False),  # exact set
    ("places", op([("Utah", "UT")]), op([("Ogden", "UT")]), False),
    ("places", op([]), op([]), True),
    # dates: strings and objects, months, part of day
    ("start", op(start="2025-01-30"), op(start=day("2025-01-30")), True),
    ("start", op(start={"date": "2025-01-30", "part_of_day": "morning"}),
     op(start={"date": "2025-01-30", "precision": "day", "part_of_day": "morning"}), True),
    ("start", op(start="2010-03"), op(start={"date": "2010-03-01", "precision": "month"}), True),
    ("start", op(start="2010-03"), op(start=day("2010-03-17")), False),
    ("end", op(end="2025-05-31"), op(end={"date": "2025-05-01", "precision": "month"}), True),
    ("start", op(start=None), op(start={"date": None, "text": "Sunday"}), True),  # both unresolved
    ("start", op(start="2025-01-26"), op(start={"date": None, "text": "Sunday"}), False),
    ("period", ac(1, period={"start": "2021-03-01", "end": "2021-03-31"}),
     ac(1, period={"date": "2021-03-01", "precision": "month"}), True),
    ("period", ac(1, period={"start": None, "end": "2019-09-25"}),
     ac(1, period={"start": None, "end": day("2019-09-25")}), True),
    ("period", ac(1, period={"start": None, "end": "2019-09-25"}), ac(1, period=day("2019-09-25")), False),
    ("period", ac(1, period=None), ac(1, period=None), True),
    # names: "Operation X" however written
    ("name", op(name="Operation Take Back America"), op(name="operation take back america"), True),
    ("name", op(name="Operation Cross Check"), op(name="Cross Check Operations"), True),
    ("name", op(name="Operation Eagle’s Shield"), op(name="Operation Eagle's Shield"), True),
    ("name", op(name="Operation Raging Bull"), op(name=None), False),
    # speaker: the full name; a title completes a "title and surname" gold speaker
    ("speaker", {"kind": "quote", "speaker": "John E. Cantu"}, {"kind": "quote", "speaker": {"name": "john e cantu"}}, True),
    ("speaker", {"kind": "quote", "speaker": "Brandon Johnson"},
     {"kind": "quote", "speaker": {"name": "Johnson", "title": "Mayor"}}, False),
    ("speaker", {"kind": "quote", "speaker": "Secretary Noem"},
     {"kind": "quote", "speaker": {"name": "Noem", "title": "Secretary"}}, True),
    ("text", {"kind": "quote", "text": "very safe"}, {"kind": "quote", "text": "very safe."}, True),
    ("text", {"kind": "quote", "text": "very safe"}, {"kind": "quote", "text": "not safe"}, False),
    # numbers: qualifier (unwritten is exact), of_count as a number or a range
    ("qualifier", ac(5), {"kind": "arrest_count", "count": {"value": 5}}, True),
    ("qualifier", {**ac(5), "count": count(5, qualifier="about")}, ac(5), False),
    ("qualifier", crim("not_criminal", share=0.5), {**crim("not_criminal", 600), "share": count(0.5)}, True),
    ("of_count", crim("convicted", 3, of_count=[10, 12]), {**crim("convicted", 3), "of_count": [10, 12]}, True),
    ("of_count", crim("convicted", 3, of_count=107), {**crim("convicted", 3), "of_count": 331}, False),
    ("of_count", crim("convicted", 3, of_count=None), {**crim("convicted", 3), "of_count": None}, True),
    # sources: the kinds, as a set
    ("sources", {**ac(1), "sources": [{"kind": "anonymous"}, {"kind": "outlet"}]},
     {**ac(1), "sources": [{"kind": "outlet", "outlet": "X"}, {"kind": "anonymous", "count": 3}]}, True),
    ("sources", {**ac(1), "sources": [{"kind": "named"}]}, {**ac(1), "sources": [{"kind": "outlet"}]}, False),
])
def test_field_values_are_normalised_before_comparing(name, gold, pred, expected):
    assert _field(name, gold, pred) is expected


def test_a_field_is_compared_only_when_gold_carries_it():
    gold = ac(10)  # no places, period, scope or sources written
    compared = {c.field for c in compare_pair(gold, {**ac(10), "places": [{"name": "Mars"}],
                                                     "sources": [{"kind": "outlet"}]})}
    assert compared == {"qualifier"}
    with_sources = {**ac(10), "sources": [{"kind": "agency"}]}
    assert "sources" in {c.field for c in compare_pair(with_sources, ac(10))}


def test_unmatched_records_are_not_field_compared():
    gold = [ac(10, places=[{"name": "Aurora", "state": "CO"}])]
    scores = score([result_of(gold, [ac(99, places=[{"name": "Mars", "state": None}])])])
    assert scores.fields.rows(scores.kinds) == []


def _fieldresult_of():
    gold = gold_set()
    gold[2]["share"] = count(0.5, qualifier="exact")
    predicted = predictions_for(gold)
    _wrong_state(predicted)
    return TextResult("aurora.txt", gold, predicted, match_records(gold, predicted))


def _evaluation_of(result):
    from enforcement_tracker.evaluate.run import Evaluation

    return Evaluation(gold_paths=[Path("gold.jsonl")], results=[result], scores=score([result]))


def test_field_table_and_verbose_disagreements_name_file_field_and_evidence():
    evaluation = _evaluation_of(_fieldresult_of())
    console = Console(record=True, width=200)
    render(evaluation, console, verbose=True)
    out = console.export_text()
    assert "Fields of matched pairs" in out
    places_row = next(line for line in out.splitlines() if "│ places" in line and "operation" in line)
    assert [cell.strip() for cell in places_row.split("│")[3:6]] == ["1", "0", "0.00"]
    assert "operation.places: gold Aurora CO · predicted Aurora IL" in out
    assert "an operation in Aurora beginning Thursday" in out  # the evidence of the pair
    assert "aurora.txt" in out


def test_json_carries_field_accuracy_and_disagreements():
    data = evaluation_to_dict(_evaluation_of(_fieldresult_of()))
    assert data["scores"]["fields"]["operation"]["places"] == {"compared": 1, "equal": 0, "accuracy": 0.0}
    assert data["scores"]["fields"]["operation"]["start"]["accuracy"] == 1.0
    assert data["field_disagreements"] == [{
        "file": "aurora.txt", "kind": "operation", "field": "places", "gold": "Aurora CO",
        "predicted": "Aurora IL", "evidence": "an operation in Aurora beginning Thursday", "ambiguous": False}]
