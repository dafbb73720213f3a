"""The evaluation harness: each matching rule of the corpus ANNOTATION.md, scoring, gold reading,
the fields scored over matched pairs, and the quality floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from enforcement_tracker.errors import EvalError
from enforcement_tracker.evaluate import (
    evaluate_files, match_records, matches, read_gold, score,
)
from enforcement_tracker.evaluate.baseline import (
    SetFloors, floors_entry, format_baseline, raise_entry, read_baseline, round_down, shortfalls,
)
from enforcement_tracker.evaluate.convert import predictions_from_records
from enforcement_tracker.evaluate.report import evaluation_to_dict, listing, render
from enforcement_tracker.models import Document, Extraction, Record

from _evaluate_helpers import ac, count, crim, day, op, result_of


# --- one predicate per rule ---------------------------------------------------------------------

@pytest.mark.parametrize("gold, pred, expected", [
    # arrest_count: numbers equal; qualifiers, places and periods are not compared
    (ac(10), ac(10), True),
    (ac(10), {**ac(10), "count": count(10, qualifier="about"), "places": [{"name": "Mars"}]}, True),
    (ac(10), ac(16), False),
    ({"kind": "arrest_count", "count": count(low=1200, high=1500)},
     {"kind": "arrest_count", "count": count(low=1200, high=1500)}, True),
    ({"kind": "arrest_count", "count": count(low=1200, high=1500)}, ac(1200), False),
    (ac(33000), {"kind": "arrest_count", "count": {"value": 33000.0}}, True),
    # target and cadence: numbers and `per`
    ({"kind": "target", "count": count(low=1200, high=1500), "per": "day"},
     {"kind": "target", "count": count(low=1200, high=1500), "per": "day"}, True),
    ({"kind": "target", "count": count(low=1200, high=1500), "per": "day"},
     {"kind": "target", "count": count(low=1200, high=1500), "per": "week"}, False),
    ({"kind": "cadence", "count": count(3), "per": "week"}, {"kind": "cadence", "count": count(3), "per": "week"}, True),
    # kinds must agree
    (ac(3), {"kind": "cadence", "count": count(3), "per": "week"}, False),
])
def test_number_kinds_match_on_numbers(gold, pred, expected):
    assert matches(gold, pred) is expected


@pytest.mark.parametrize("gold, pred, expected", [
    (crim("convicted", 96), crim("convicted", 96), True),
    (crim("convicted", 96), crim("convicted_or_charged", 96), True),  # same group
    (crim("charged", 3), crim("convicted", 3), True),
    (crim("not_criminal", share=0.5), crim("collateral", share=0.5), True),
    (crim("not_criminal", share=0.5), crim("no_record", share=0.5), True),
    (crim("convicted", 96), crim("other", 96), False),  # other group
    (crim("final_order", 5), crim("other", 5), False),
    (crim("gang_member", 267), crim("convicted", 267), False),
    (crim("convicted", 96), crim("convicted", 95), False),
    (crim("convicted", share=1.0), crim("convicted", 1), False),  # a share is not a count
    (crim("collateral"), crim("collateral"), True),  # number-less gold, number-less prediction
    (crim("collateral"), crim("not_criminal"), True),
    (crim("collateral"), crim("collateral", 4), False),
    (crim("collateral"), crim("convicted"), False),
    # a prediction carrying a count and its restated share meets either
    (crim("not_criminal", share=0.5), {**crim("not_criminal", 600), "share": count(0.5)}, True),
])
def test_criminality_matches_numbers_within_category_groups(gold, pred, expected):
    assert matches(gold, pred) is expected


@pytest.mark.parametrize("gold, pred, expected", [
    # places: one shared by name or by state
    (op([("Chicago", "IL")]), op([("Chicago", "IL"), ("Aurora", "CO")]), True),
    (op([("Chicago", "IL")]), op([("Illinois", "IL")]), True),
    (op([("Chicago", "IL")]), op([("chicago", None)]), True),
    (op([("Chicago", "IL")]), op([("Aurora", "CO")]), False),
    (op([("Chicago", "IL")]), op([]), False),
    (op([("El Salvador", None)]), op([("Aurora", None)]), False),  # two null states share nothing
    (op([]), op([("Aurora", "CO")]), True),  # gold without places puts no condition
    # dates: some predicted start/end/period date within one day of some gold date
    (op(start="2025-01-26"), op(start=day("2025-01-26")), True),
    (op(start="2025-01-26"), op(start=day("2025-01-27")), True),
    (op(start="2025-01-26"), op(start=day("2025-01-28")), False),
    (op(start=None, end="2019-09-25"), op(start=day("2019-09-20"), end=day("2019-09-24")), True),
    (op(start="2016-05-09", end="2016-06-13"), op(end=day("2016-06-13")), True),
    (op(start="2016-05-09"), {**op(), "period": {"start": day("2016-05-10"), "end": None}}, True),
    (op(start="2010-03"), op(start=day("2010-03-17")), True),  # a month-precision gold date
    (op(start={"date": "2025-01-30", "part_of_day": "morning"}), op(start=day("2025-01-30")), True),
    (op(start="2025-01-26"), op(start={"date": None, "text": "Sunday"}), False),  # unresolved
    (op(start="2025-01-26"), op(), False),
    (op(), op(start=day("1999-01-01")), True),  # gold without dates puts no condition
    (op([("Utah", "UT")], "2016-01-30"), op([("Ogden", "UT")], day("2016-01-30")), True),
    (op([("Utah", "UT")], "2016-01-30"), op([("Ogden", "UT")], day("2016-03-01")), False),
])
def test_operation_matches_on_shared_place_and_date_within_a_day(gold, pred, expected):
    assert matches(gold, pred) is expected


@pytest.mark.parametrize("gold_speaker, pred_speaker, expected", [
    ("John E. Cantu", {"name": "John Cantu", "title": None}, True),
    ("John E. Cantu", {"name": None, "title": "Field Office Director Cantu"}, True),
    ("John E. Cantu", {"name": "CANTU", "title": None}, True),
    ("John E. Cantu", {"name": "John E.", "title": "director"}, False),
    ("Kristi Noem", {"name": "Secretary Noem's office", "title": None}, True),
    ("Kristi Noem", {"name": "Noemi Smith", "title": None}, False),  # a word, not a prefix
    ("Donald Trump", "President Donald Trump", True),
    ("Donald Trump", None, False),
])
def test_quote_matches_on_last_word_of_gold_speaker(gold_speaker, pred_speaker, expected):
    gold = {"kind": "quote", "speaker": gold_speaker, "text": "x"}
    pred = {"kind": "quote", "speaker": pred_speaker, "text": "something else"}
    assert matches(gold, pred) is expected


# --- one-to-one matching ------------------------------------------------------------------------

def test_each_gold_record_matches_at_most_one_prediction():
    gold = [ac(1), ac(1), ac(3)]
    predicted = [ac(1), ac(1), ac(1), ac(3), ac(3)]
    matching = match_records(gold, predicted)
    assert len(matching.pairs) == 3
    assert len(set(matching.pairs.values())) == 3


@pytest.mark.parametrize("reverse_gold", [False, True])
@pytest.mark.parametrize("reverse_pred", [False, True])
def test_matching_is_maximum_whatever_the_order(reverse_gold, reverse_pred):
    # A greedy matcher that gives the two-city prediction to Chicago strands Aurora.
    gold = [op([("Chicago", "IL")]), op([("Aurora", "CO")])]
    predicted = [op([("Chicago", "IL"), ("Aurora", "CO")]), op([("Chicago", "IL")])]
    gold = gold[::-1] if reverse_gold else gold
    predicted = predicted[::-1] if reverse_pred else predicted
    assert len(match_records(gold, predicted).pairs) == 2


@pytest.mark.parametrize("optional_first", [False, True])
def test_a_prediction_goes_to_required_gold_before_optional(optional_first):
    required, optional = crim("convicted", 3), crim("charged", 3, ambiguous=True)
    gold = [optional, required] if optional_first else [required, optional]
    matching = match_records(gold, [crim("convicted", 3)])
    assert list(matching.pairs) == [gold.index(required)]


def test_among_equal_counts_the_miss_listed_is_the_place_not_found():
    places = [[{"name": n, "state": "UT"}] for n in ("Ogden", "Ivan", "Provo")]
    gold = [ac(1, places=p) for p in places]
    predicted = [ac(1, places=places[2]), ac(1, places=places[0])]
    matching = match_records(gold, predicted)
    assert len(matching.pairs) == 2 and 1 not in matching.pairs  # Ivan, whatever the order


def test_ambiguous_gold_is_optional():
    gold = [ac(10), crim("charged", 3, ambiguous=True), crim("other", 5, ambiguous=True)]
    # The optional "other 5" is predicted (correct, not spurious); the optional "charged 3" is not
    # (costs no recall).
    scores = score([result_of(gold, [ac(10), crim("other", 5)])])
    assert scores.per_kind["criminality"].precision == 1.0
    assert scores.per_kind["criminality"].recall is None  # no required criminality gold
    assert scores.per_kind["criminality"].optional_found == 1
    assert scores.headline.precision == 1.0 and scores.headline.recall == 1.0


def test_scores_per_kind_and_micro_over_headline_kinds_only():
    gold = [ac(10), ac(20), op([("Utah", "UT")]), {"kind": "quote", "speaker": "A Person", "text": "x"}]
    predicted = [ac(10), ac(99), op([("Ogden", "UT")]), {"kind": "quote", "speaker": "B Other"}]
    scores = score([result_of(gold, predicted)])
    arrests = scores.per_kind["arrest_count"]
    assert (arrests.precision, arrests.recall, arrests.f1) == (0.5, 0.5, 0.5)
    assert scores.per_kind["quote"].precision == 0.0
    # quote is reported apart: the headline counts 3 predictions, 2 correct, of 3 required gold
    assert (scores.headline.predicted, scores.headline.correct, scores.headline.required) == (3, 2, 3)


def test_arrest_count_reported_without_the_file_that_dominates_it():
    big = result_of([ac(n) for n in range(1, 9)], [ac(n) for n in range(1, 9)], file="031.txt")
    small = result_of([ac(50), ac(60)], [ac(50)], file="002.txt")
    scores = score([big, small])
    name, rest = scores.arrest_count_without
    assert name == "031.txt"
    assert (rest.required, rest.found) == (2, 1)
    assert scores.per_file["002.txt"]["arrest_count"].recall == 0.5


# --- predictions from contract records ----------------------------------------------------------

def test_criminality_of_is_read_as_the_count_value_it_points_at():
    count_record = Record("arrest_count", (0, 10), "x" * 10, {"count": count(1200), "period": None})
    count_record.id = "rec_count"
    share = Record("criminality", (0, 10), "x" * 10,
                   {"of": "rec_count", "category": "not_criminal", "share": count(0.5, qualifier="nearly")})
    share.id = "rec_share"
    predicted = predictions_from_records([count_record, share])
    assert predicted[1]["of_count"] == 1200
    assert predicted[1]["evidence"] == "x" * 10 and "sources" not in predicted[1]
    assert matches({"kind": "criminality", "category": "not_criminal", "share": count(0.5)}, predicted[1])


# --- reading gold -------------------------------------------------------------------------------

@pytest.mark.parametrize("line, complaint", [
    ("{not json", "not valid JSON"),
    ('{"published": null, "records": []}', "no \"file\""),
    ('{"file": "a.txt"}', "\"records\""),
    ('{"file": "a.txt", "records": [{"kind": "arrest"}]}', "unknown kind"),
])
def test_bad_gold_line_names_file_and_line(tmp_path, line, complaint):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"file": "ok.txt", "records": []}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(EvalError) as err:
        read_gold(path)
    assert f"{path}:2" in str(err.value) and complaint in str(err.value)


# --- the harness end to end, with a stand-in extractor ------------------------------------------

TEXT = ("Officers arrested 12 people during a three-day operation in Springfield that ended Friday.\n"
        "Nine of the 12 had criminal convictions. A spokesperson said seven more were expected.\n")


def _read(path: Path) -> Document:
    return Document(text=path.read_text(encoding="utf-8"), published="2024-03-09", path=str(path))


def _extract(documents):
    """Finds the 12 and a spurious 7; misses the operation."""
    out = []
    for doc in documents:
        records = []
        for number in (12, 7):
            at = doc.text.find(str(number) if number == 12 else "seven")
            end = doc.text.find(".", at) + 1
            records.append(Record("arrest_count", (at, end), doc.text[at:end],
                                  {"count": count(number), "period": None, "places": []}))
        out.append(Extraction(doc, records))
    return out


@pytest.fixture
def gold_file(tmp_path):
    (tmp_path / "s.txt").write_text(TEXT, encoding="utf-8")
    gold = {"file": "s.txt", "published": "2024-03-09", "records": [
        ac(12, evidence="arrested 12 people"),
        op([("Springfield", "IL")], end="2024-03-08", evidence="three-day operation in Springfield"),
        crim("convicted", 9, of_count=12, evidence="Nine of the 12 had criminal convictions", ambiguous=True),
    ]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return path


def test_harness_scores_a_stand_in_extractor(gold_file):
    evaluation = evaluate_files([gold_file], _extract, read=_read)
    headline = evaluation.scores.headline
    assert (headline.predicted, headline.correct, headline.required, headline.found) == (2, 1, 2, 1)
    statuses = {(e["status"], e["record"].split(" · ")[0]) for e in listing(evaluation.results[0])}
    assert statuses == {("missed", "operation"), ("optional", "criminality"), ("spurious", "arrest_count")}


def test_verbose_listing_shows_the_sentence_of_each_miss(gold_file):
    evaluation = evaluate_files([gold_file], _extract, read=_read)
    console = Console(record=True, width=200)
    render(evaluation, console, verbose=True)
    out = console.export_text()
    assert "during a three-day operation in Springfield that ended Friday." in out  # the missed sentence
    assert "A spokesperson said seven more were expected." in out  # the spurious one
    assert "micro" in out
    assert evaluation_to_dict(evaluation)["scores"]["headline"]["precision"] == 0.5


def test_missing_text_asks_for_texts_folder(gold_file, tmp_path):
    (tmp_path / "s.txt").unlink()
    with pytest.raises(EvalError) as err:
        evaluate_files([gold_file], _extract, read=_read)
    assert "--texts" in str(err.value)


def test_eval_command_prints_json(gold_file, monkeypatch):
    from enforcement_tracker.cli import evaluate as command
    from enforcement_tracker.cli import main

    monkeypatch.setattr(command, "pipeline_extractor", lambda: _extract)
    monkeypatch.setattr("enforcement_tracker.evaluate.run._default_reader", lambda: _read)
    result = CliRunner().invoke(main, ["eval", str(gold_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["scores"]["per_kind"]["arrest_count"]["recall"] == 1.0
    assert data["files"]["s.txt"][0]["status"] == "missed"


def test_no_arrest_count_without_row_when_one_file_holds_them_all():
    scores = score([result_of([ac(1), ac(2)], [ac(1)], file="only.txt"), result_of([], [], file="empty.txt")])
    assert scores.arrest_count_without is None


def test_eval_command_names_a_missing_text_in_one_line(gold_file, tmp_path):
    from enforcement_tracker.cli import main

    (tmp_path / "s.txt").unlink()
    result = CliRunner().invoke(main, ["eval", str(gold_file)])
    assert result.exit_code == 1
    assert "s.txt" in result.output and "--texts" in result.output


# --- quality floors ---------------------------------------------------------------------------------

@pytest.mark.parametrize("measured, floor", [(0.7481, 0.74), (0.725, 0.72), (1.0, 1.0), (0.29, 0.29),
                                             (0.0, 0.0), (None, 0.0)])
def test_a_floor_is_the_figure_rounded_down(measured, floor):
    assert round_down(measured) == floor


def _two_kind_scores():
    gold = [ac(1), ac(2), ac(3), ac(4), op([("Utah", "UT")]), crim("convicted", 5, ambiguous=True)]
    predicted = [ac(1), ac(2), ac(3), ac(99), op([("Ogden", "UT")]), op([("Mars", None)]), crim("convicted", 5)]
    return score([result_of(gold, predicted)])


def test_floors_entry_has_micro_and_a_floor_pair_for_each_kind_with_required_gold():
    entry = floors_entry(_two_kind_scores(), ["gold.jsonl"])
    # headline: 7 predictions, 5 correct (4 matched + the optional criminality); 5 required, 4 found
    assert entry["micro"] == {"precision": 0.71, "recall": 0.8}
    assert entry["per_kind"] == {"operation": {"precision": 0.5, "recall": 1.0},
                                 "arrest_count": {"precision": 0.75, "recall": 0.75}}  # no required criminality
    assert entry["gold"] == ["gold.jsonl"]


def test_shortfalls_name_each_figure_below_its_floor():
    floors = SetFloors("mini", ("gold.jsonl",), {"precision": 0.71, "recall": 0.9},
                       {"arrest_count": {"precision": 0.8, "recall": 0.75}, "target": {"recall": 0.5}})
    below = shortfalls(floors, _two_kind_scores())
    assert [(s.scope, s.figure) for s in below] == [("micro", "recall"), ("arrest_count", "precision"),
                                                    ("target", "recall")]
    assert str(below[0]) == "mini micro recall is 0.800, below its floor 0.90"
    assert "no predictions or no gold" in str(below[2])


@pytest.mark.parametrize("content, complaint", [
    ("{", "not valid JSON"),
    ('{"dev": {}}', 'no "sets"'),
    ('{"sets": {"dev2": {"micro": {"precision": 0.7, "recall": 0.7}}}}', "set 'dev2': has no \"gold\""),
    ('{"sets": {"dev2": {"gold": ["g.jsonl"], "micro": {"precision": 74, "recall": 0.7}}}}', "not a fraction"),
    ('{"sets": {"dev2": {"gold": ["g.jsonl"], "micro": {"precision": 0.7}, '
     '"per_kind": {"arrests": {"recall": 0.5}}}}}', "unknown kind 'arrests'"),
])
def test_a_bad_baseline_names_the_file_the_set_and_the_fault(tmp_path, content, complaint):
    path = tmp_path / "quality_baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError) as err:
        read_baseline(path)
    assert str(path) in str(err.value) and complaint in str(err.value)


def test_eval_floors_prints_an_entry_the_baseline_reads_back(gold_file, monkeypatch, tmp_path):
    from enforcement_tracker.cli import evaluate as command
    from enforcement_tracker.cli import main

    monkeypatch.setattr(command, "pipeline_extractor", lambda: _extract)
    monkeypatch.setattr("enforcement_tracker.evaluate.run._default_reader", lambda: _read)
    result = CliRunner().invoke(main, ["eval", str(gold_file), "--floors"])
    assert result.exit_code == 0, result.output
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"sets": {"mine": ' + result.output + "}}", encoding="utf-8")
    floors = read_baseline(baseline)["mine"]
    # the stand-in finds the 12 and a spurious 7, and misses the operation
    assert floors.micro == {"precision": 0.5, "recall": 0.5}
    assert floors.per_kind == {"operation": {"precision": 0.0, "recall": 0.0},
                               "arrest_count": {"precision": 0.5, "recall": 1.0}}
    assert floors.gold == (str(gold_file),)
    assert shortfalls(floors, evaluate_files([gold_file], _extract, read=_read).scores) == []


def test_raising_floors_never_lowers_one_unless_asked():
    old = SetFloors("s", ("g.jsonl",), {"precision": 0.74, "recall": 0.72},
                    {"operation": {"precision": 0.44, "recall": 0.54}, "target": {"recall": 0.5}})
    new = {"gold": ["other/path.jsonl"], "micro": {"precision": 0.80, "recall": 0.70},
           "per_kind": {"operation": {"precision": 0.60, "recall": 0.50}}, "measured": "today"}
    raised = raise_entry(old, new)
    assert raised["micro"] == {"precision": 0.80, "recall": 0.72}
    assert raised["per_kind"] == {"operation": {"precision": 0.60, "recall": 0.54}, "target": {"recall": 0.5}}
    assert raised["gold"] == ["g.jsonl"] and raised["measured"] == "today"
    lowered = raise_entry(old, new, allow_lower=True)
    assert lowered["micro"] == {"precision": 0.80, "recall": 0.70}
    assert lowered["per_kind"]["operation"] == {"precision": 0.60, "recall": 0.50}


def test_a_written_baseline_reads_back_as_written(tmp_path):
    entry = floors_entry(_two_kind_scores(), ["../shared/corpus/x/gold.jsonl"])
    path = tmp_path / "baseline.json"
    path.write_text(format_baseline("a note", {"x": entry, "y": {**entry, "per_kind": {}}}), encoding="utf-8")
    sets = read_baseline(path)
    assert list(sets) == ["x", "y"]
    assert sets["x"].per_kind["arrest_count"] == {"precision": 0.75, "recall": 0.75}
    assert json.loads(path.read_text(encoding="utf-8"))["note"] == "a note"
