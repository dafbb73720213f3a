"""The kind registry: every layer reads a kind from one module, and a new kind needs only its module.

The toy kind here (`removal_count`, people removed from the country) is registered by a fixture
and taken out again; describe, the record page's words, reconcile's key, the in-document merge,
evaluation's match, the extractor name and the ledger's columns must all pick it up.
"""

from __future__ import annotations

import importlib
import json
import sys
import types
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner
from rich.console import Console

from enforcement_tracker import kinds
from enforcement_tracker.analyze.check import run_checks
from enforcement_tracker.cli import main
from enforcement_tracker.demo import summary_records
from enforcement_tracker.describe import describe
from enforcement_tracker.errors import PublishError, TrackerError
from enforcement_tracker.evaluate.convert import predictions_from_records
from enforcement_tracker.evaluate.fields import FIELDS, scored_fields
from enforcement_tracker.evaluate.match import match_records, matches
from enforcement_tracker.evaluate.report import describe as listing_line
from enforcement_tracker.evaluate.report import render
from enforcement_tracker.evaluate.run import Evaluation
from enforcement_tracker.evaluate.score import TextResult, score
from enforcement_tracker.extract import extractor_name
from enforcement_tracker.extract.candidates import Candidate
from enforcement_tracker.extract.document import _same_claim
from enforcement_tracker.kinds import Kind, KindError, UnknownKindError, registry
from enforcement_tracker.kinds.examples import Draw, Latest, day
from enforcement_tracker.kinds.values import ledger_columns, period_dates
from enforcement_tracker.models import RECORD_KINDS, Document, Extraction, Record, Source
from enforcement_tracker.publish import words
from enforcement_tracker.publish.filters import RecordFilter
from enforcement_tracker.publish.synthetic import synthetic_extractions
from enforcement_tracker.reconcile import claim_key, group_records
from enforcement_tracker.store import connect, save_extraction
from enforcement_tracker.store.ledger import record_columns

BUILT_IN = ("operation", "arrest_count", "target", "criminality", "cadence", "quote")

DAY = {"date": "2025-02-03", "precision": "day", "part_of_day": None}
OTHER_DAY = {"date": "2025-02-04", "precision": "day", "part_of_day": None}
HARBOR = {"name": "Harborview", "kind": "city", "state": "WA", "geonameid": None, "lat": None, "lon": None}
MILLBROOK = {"name": "Millbrook", "kind": "city", "state": "OR", "geonameid": 9000002, "lat": None, "lon": None}


def _number(value: int | float, qualifier: str = "exact") -> dict[str, Any]:
    return {"value": value, "qualifier": qualifier}


# --- the toy kind ----------------------------------------------------------------------------------

def _toy_describe(record: dict[str, Any]) -> str:
    return f"{record['count']['value']} removed on {record['period']['date']}"


def _toy_key(record: dict[str, Any]) -> tuple:
    return ("removals", record["count"]["value"], record["period"]["date"])


def _toy_same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["count"]["value"] == b["count"]["value"]


def _toy_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return gold["count"]["value"] == pred["count"]["value"]


def _toy_columns(fields: dict[str, Any]) -> dict[str, Any]:
    return ledger_columns(fields, dates=period_dates(fields.get("period")))


TOY_UNCHECKED = "no official count of removals is imported"


def _toy_check(conn: Any, claim: Any) -> tuple[list, str | None]:
    return [], TOY_UNCHECKED


def _toy_example(draw: Draw) -> tuple[str, dict[str, Any], list[Any]]:
    n = draw.rng.randint(10, 400)
    text = f"Officials said {n} people were removed from {draw.place['name']}."
    # `of` links it to the document's arrest count before it, as criminality's example does.
    return text, {"count": _number(n), "period": day(draw.when), "places": [draw.place],
                  "of": Latest("arrest_count")}, [draw.source(kind="agency", outlet="ICE")]


TOY = Kind(name="removal_count", version=1, title="Removals",
           fields=(("count", "how many people were removed"), ("period", "when")),
           describe=_toy_describe, words=lambda f: [("Removed", str(f["count"]["value"]))],
           summary=lambda row: f"{row['count_value']:,.0f} removed", claim_key=_toy_key, same_claim=_toy_same,
           match=_toy_match, columns=_toy_columns,
           scored_fields=("period", "sources"), checker="etrack_toy_checks:check_removals",
           discriminator=lambda f: str(f["count"]["value"]), summary_order=5,
           listing=lambda r: [f"{r['count']['value']} removed"], example=_toy_example)


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Kind]:
    # The toy's checker lives in a module of its own, as a real kind's would.
    checks = types.ModuleType("etrack_toy_checks")
    checks.check_removals = _toy_check  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "etrack_toy_checks", checks)
    registry.register(TOY)
    try:
        yield TOY
    finally:
        registry.unregister(TOY.name)


def _toy_record(value: int = 310, period: dict[str, Any] = DAY, rid: str = "rec_toy1") -> dict[str, Any]:
    return {"id": rid, "kind": "removal_count", "count": _number(value), "period": period, "places": [],
            "document": {"publisher": "Example Wire", "published": "2025-02-05", "syndicated_from": None},
            "document_id": "sha256:toy"}


def test_the_built_in_kinds_are_listed_in_a_stable_order():
    assert registry.kind_names() == BUILT_IN
    assert registry.KIND_NAMES == BUILT_IN
    assert RECORD_KINDS == BUILT_IN
    assert registry.headline_names() == ("operation", "arrest_count", "target", "criminality")


def test_every_built_in_kind_is_a_versioned_component_named_in_its_records():
    # version 3: the token-pattern rules, case-blind word tests and September dates of the third rebuild;
    # version 4: parts and their periods, tables and lists, operations told by their tally, goals' scope
    # (cadence, whose rules did not change, stays at 3); quote version 5: the first three quotes are
    # the first three the guard keeps, and a surname alone can speak for the pronoun after it; operation
    # version 5: a mention that tells nothing of its own is the one operation of its state; arrest_count
    # version 5: lists of parts led in by "included", "among them", "with", and "for eight" after "11 arrests";
    # criminality version 5: "seven of the 64 people apprehended in August had ..."
    expected = {"cadence": 3, "quote": 6, "operation": 5, "arrest_count": 6, "criminality": 5}
    for kind in registry.all_kinds():
        version = expected.get(kind.name, 4)
        assert kind.version == version
        assert kind.component == f"etrack.{kind.name}.v{version}"
        assert extractor_name(kind.name) == f"etrack.{kind.name}.v{version}@0.1.0"


@pytest.mark.parametrize("name,fields", [
    ("operation", ("places", "start", "end", "status", "agencies", "name")),
    ("arrest_count", ("count", "period", "places", "agencies")),
    ("target", ("count", "per", "scope", "places", "issued_by", "issued_on", "characterizations", "agencies")),
    ("criminality", ("of", "category", "count", "share")),
    ("cadence", ("count", "unit", "per")),
    ("quote", ("speaker", "text", "about")),
])
def test_each_kind_declares_the_contract_fields_with_a_meaning(name: str, fields: tuple[str, ...]):
    kind = registry.get(name)
    assert kind.field_names == fields
    assert all(meaning.strip() for _, meaning in kind.fields)


def test_each_finder_names_a_function_that_exists():
    for kind in registry.all_kinds():
        module, _, function = (kind.finder or "").partition(":")
        assert callable(getattr(importlib.import_module(module), function)), kind.name


def test_an_unknown_kind_is_an_error_with_a_stable_code_that_says_what_to_do():
    with pytest.raises(UnknownKindError) as err:
        registry.get("deportation")
    assert isinstance(err.value, TrackerError)
    assert err.value.code == "E701"
    text = str(err.value)
    assert "E701" in text and "'deportation'" in text and "arrest_count" in text and "kinds/" in text


def test_a_kind_name_cannot_be_taken_twice_nor_be_malformed():
    clash = Kind(**{**TOY.__dict__, "name": "arrest_count"})
    with pytest.raises(KindError, match="already registered"):
        registry.register(clash)
    with pytest.raises(KindError, match="lower-case identifier"):
        Kind(**{**TOY.__dict__, "name": "Removal Count"})
    with pytest.raises(KindError, match="version"):
        Kind(**{**TOY.__dict__, "version": 0})


# --- a new kind is picked up by every layer ------------------------------------------------------

def test_a_registered_kind_is_listed_and_then_gone(toy: Kind):
    assert registry.kind_names() == BUILT_IN + ("removal_count",)
    assert registry.KIND_NAMES[-1] == "removal_count"
    assert words.KIND_TITLES["removal_count"] == "Removals"
    registry.unregister("removal_count")
    assert registry.find("removal_count") is None
    assert describe(_toy_record()) == "removal_count"  # an unknown kind is shown by its name
    registry.register(toy)  # the fixture takes it out again


def test_describe_and_the_record_page_use_the_new_kind(toy: Kind):
    assert describe(_toy_record()) == "310 removed on 2025-02-03"
    assert words.fields_in_words(_toy_record()) == [("Removed", "310")]
    assert words.summary({"kind": "removal_count", "count_value": 1310.0}) == "1,310 removed"


def test_reconcile_groups_the_new_kind_by_its_own_key(toy: Kind):
    first, restated = _toy_record(rid="rec_a"), _toy_record(rid="rec_b")
    later = _toy_record(period=OTHER_DAY, rid="rec_c")
    assert claim_key(first) == ("removals", 310, "2025-02-03")
    events = group_records([first, restated, later])
    assert sorted(len(e.records) for e in events) == [1, 2]


def test_extraction_merges_restatements_of_the_new_kind(toy: Kind):
    head = Candidate(kind="removal_count", start=0, end=10, fields={"count": _number(310)}, sentence=0, paragraph=0)
    body = Candidate(kind="removal_count", start=50, end=90, fields={"count": _number(310, "about")}, sentence=2,
                     paragraph=1)
    other = Candidate(kind="removal_count", start=95, end=99, fields={"count": _number(12)}, sentence=3, paragraph=1)
    assert _same_claim(body, [head]) is head
    assert _same_claim(other, [head]) is None


def test_evaluation_matches_the_new_kind_by_its_own_rule(toy: Kind):
    gold = [{"kind": "removal_count", "count": {"value": 12}}, {"kind": "removal_count", "count": {"value": 310}}]
    predicted = [_toy_record(310), _toy_record(99)]
    assert matches(gold[1], predicted[0]) and not matches(gold[0], predicted[0])
    assert match_records(gold, predicted).pairs == {1: 0}
    assert not matches(gold[1], {**predicted[0], "kind": "arrest_count"})


def test_the_ledger_indexes_the_new_kind(toy: Kind, tmp_path: Path):
    text = "Officials said 310 people were removed on Monday."
    doc = Document(text=text, publisher="Example Wire", published="2025-02-05")
    rec = Record(kind="removal_count", span=(0, len(text)), quote=text, document_id=doc.id,
                 extractor=extractor_name("removal_count"),
                 fields={"count": _number(310), "period": DAY, "places": [HARBOR]},
                 sources=[Source(kind="outlet", outlet="Example Wire")])
    rec.assign_id()
    columns = record_columns(rec)
    assert (columns["count_value"], columns["date_start"], columns["state"]) == (310, "2025-02-03", "WA")
    conn = connect(tmp_path / "ledger.db")
    assert save_extraction(conn, Extraction(doc, [rec])) == "new"
    row = conn.execute("SELECT kind, count_value, date_start, places, extractor FROM records").fetchone()
    assert tuple(row) == ("removal_count", 310, "2025-02-03", "Harborview", "etrack.removal_count.v1@0.1.0")
    assert conn.execute("SELECT extractor FROM documents").fetchone()[0] == "etrack.removal_count.v1@0.1.0"


def test_the_ledger_refuses_a_kind_nobody_registered():
    rec = Record(kind="removal_count", span=(0, 1), quote="x", fields={"count": _number(1)})
    with pytest.raises(UnknownKindError, match="removal_count"):
        record_columns(rec)


# --- each real kind, on small records we made -----------------------------------------------------

def _candidate(kind: str, fields: dict[str, Any]) -> Candidate:
    return Candidate(kind=kind, start=0, end=1, fields=fields, sentence=0, paragraph=0)


def test_arrest_count():
    count = {"kind": "arrest_count", "count": _number(1200), "period": DAY, "places": [], "agencies": []}
    assert describe(count) == "1,200 arrests on 2025-02-03 (nationwide)"
    hedged = {**count, "count": _number(1200, "about")}
    assert claim_key(hedged) == claim_key(count)  # hedges are no new claim
    assert claim_key({**count, "period": OTHER_DAY}) != claim_key(count)
    assert claim_key({**count, "places": [HARBOR]}) != claim_key(count)
    kind = kinds.get("arrest_count")
    assert kind.same_claim(count, hedged)
    assert not kind.same_claim({**count, "listed": True}, hedged)  # parts of a list stay apart
    assert matches({"kind": "arrest_count", "count": {"value": 1200}}, count)
    assert not matches({"kind": "arrest_count", "count": {"value": 1300}}, count)
    assert not matches({"kind": "arrest_count"}, count)  # gold with no count matches nothing
    period = {"start": DAY, "end": OTHER_DAY}
    cols = kind.columns({**count, "period": period, "places": [HARBOR, MILLBROOK]})
    assert (cols["date_start"], cols["date_end"], cols["places"], cols["state"]) == \
        ("2025-02-03", "2025-02-04", "Harborview; Millbrook", "WA")


def test_target():
    target = {"kind": "target", "count": {"low": 1200, "high": 1500, "qualifier": "exact"}, "per": "day",
              "scope": "nationwide", "places": [], "issued_on": DAY, "characterizations": ["goal", "quota"],
              "issued_by": {"name": "Dana Okafor", "title": "acting director"}, "agencies": []}
    assert describe(target) == \
        "goal/quota of 1,200 to 1,500 arrests per day (nationwide), set by Dana Okafor, acting director"
    assert claim_key(target) != claim_key({**target, "per": "week"})
    assert kinds.get("target").same_claim(target, {**target, "per": "week"})  # one document, one number
    assert matches({"kind": "target", "count": {"low": 1200, "high": 1500}, "per": "day"}, target)
    assert not matches({"kind": "target", "count": {"low": 1200, "high": 1500}, "per": "week"}, target)
    cols = kinds.get("target").columns(target)
    assert (cols["date_start"], cols["date_end"], cols["count_low"], cols["count_high"], cols["per"]) == \
        ("2025-02-03", None, 1200, 1500, "day")


def test_criminality():
    share = {"kind": "criminality", "category": "not_criminal", "share": _number(0.5, "nearly"), "of": None}
    assert describe(share) == "nearly 50% not criminal"
    assert describe({"kind": "criminality", "category": "collateral"}) == "some collateral"
    # "no record" and "not criminal" word one fact: one claim across reports, one gold group.
    assert claim_key(share) == claim_key({**share, "category": "no_record"})
    assert not kinds.get("criminality").same_claim(share, {**share, "category": "no_record"})
    assert matches({"kind": "criminality", "category": "no_record", "share": 0.5}, share)
    assert not matches({"kind": "criminality", "category": "no_record", "count": 0.5}, share)  # a count is no share
    assert not matches({"kind": "criminality", "category": "convicted", "share": 0.5}, share)
    assert matches({"kind": "criminality", "category": "collateral"}, {"kind": "criminality", "category": "collateral"})
    cols = kinds.get("criminality").columns(share)
    assert (cols["share"], cols["qualifier"], cols["category"], cols["count_value"]) == (0.5, "nearly", "not_criminal",
                                                                                         None)


def test_operation():
    op = {"kind": "operation", "places": [MILLBROOK], "start": DAY, "end": None, "status": "under_way",
          "agencies": [{"code": "ICE", "text": "ICE"}], "name": None}
    assert describe(op) == "operation in Millbrook, OR from 2025-02-03, under way"
    assert claim_key(op) == claim_key({**op, "start": OTHER_DAY})  # dates are compared apart, as nearness
    assert claim_key(op) != claim_key({**op, "name": "Operation Tidewater"})
    assert not kinds.get("operation").same_claim(op, op)  # operations merge by their own rules
    assert matches({"kind": "operation", "places": [{"name": "Millbrook", "state": "OR"}], "start": "2025-02-04"}, op)
    assert matches({"kind": "operation", "places": [{"name": "Salem", "state": "OR"}]}, op)  # same state
    assert not matches({"kind": "operation", "places": [{"name": "Millbrook"}], "start": "2025-02-06"}, op)
    cols = kinds.get("operation").columns({**op, "end": OTHER_DAY})
    assert (cols["date_start"], cols["date_end"], cols["status"], cols["agencies"], cols["state"]) == \
        ("2025-02-03", "2025-02-04", "under_way", "ICE", "OR")


def test_cadence():
    cadence = {"kind": "cadence", "count": _number(3), "unit": "cities", "per": "week"}
    assert describe(cadence) == "3 cities per week"
    assert claim_key(cadence) != claim_key({**cadence, "unit": "counties"})
    assert not kinds.get("cadence").same_claim(cadence, {**cadence, "per": "month"})
    assert matches({"kind": "cadence", "count": {"value": 3}, "per": "week"}, cadence)
    assert not matches({"kind": "cadence", "count": {"value": 3}, "per": "day"}, cadence)


def test_quote():
    quote = {"kind": "quote", "speaker": {"name": "Rosa Lindqvist", "title": "field office director"},
             "text": "We will keep going.", "about": HARBOR}
    assert describe(quote) == "Rosa Lindqvist, field office director: “We will keep going.”"
    assert claim_key(quote) == ("Rosa Lindqvist", "We will keep going.")
    assert kinds.get("quote").same_claim(quote, {**quote, "speaker": None})
    assert matches({"kind": "quote", "speaker": "R. Lindqvist"}, quote)
    assert not matches({"kind": "quote", "speaker": "Lind"}, quote)  # a whole word, not a part
    cols = kinds.get("quote").columns(quote)
    assert (cols["places"], cols["state"]) == ("Harborview", "WA")  # a statement's place is what it is about
    assert words.summary({"kind": "quote", "places": "Harborview"}) == "Statement about Harborview"


def test_same_claim_in_extraction_compares_only_one_kind():
    count = _candidate("arrest_count", {"count": _number(3)})
    cadence = _candidate("cadence", {"count": _number(3), "per": "week"})
    assert _same_claim(count, [cadence]) is None
    assert _same_claim(_candidate("arrest_count", {"count": _number(3)}), [cadence, count]) is count


def test_the_codebook_lists_every_kind_and_field_including_a_new_one(toy: Kind):
    from enforcement_tracker.kinds.codebook import codebook_markdown

    book = codebook_markdown()
    for kind in registry.all_kinds():
        assert f"## `{kind.name}`: {kind.title}" in book and f"Component `{kind.component}`" in book
        assert all(f"| `{name}` | {meaning} |" in book for name, meaning in kind.fields)
    assert "| `count` | how many people were removed |" in book
    assert book.index("## `operation`") < book.index("## `quote`") < book.index("## `removal_count`")


# --- the second pass: evaluation fields, checks, CLI choices, filters, summary, record ids ---------

def _toy_ledger(tmp_path: Path, counts: tuple[int, ...] = (310,)) -> Path:
    """A ledger holding one document whose sentence carries toy records (one per count) on one span."""
    text = "Officials said 310 people were removed on Monday."
    doc = Document(text=text, publisher="Example Wire", published="2025-02-05")
    records = []
    for value in counts:
        rec = Record(kind="removal_count", span=(0, len(text)), quote=text, document_id=doc.id,
                     extractor=extractor_name("removal_count"),
                     fields={"count": _number(value), "period": DAY, "places": []},
                     sources=[Source(kind="outlet", outlet="Example Wire")])
        rec.assign_id()
        records.append(rec)
    path = tmp_path / "ledger.db"
    conn = connect(path)
    assert save_extraction(conn, Extraction(doc, records)) == "new"
    conn.close()
    return path


def test_every_scored_field_is_one_evaluation_knows_how_to_compare():
    for kind in registry.all_kinds():
        assert kind.scored_fields, kind.name
        assert set(kind.scored_fields) <= set(FIELDS), kind.name
    assert scored_fields("criminality") == ("category", "of_count", "qualifier", "sources")
    assert scored_fields("removal_count") == ()  # not registered: nothing to score


def test_only_counts_targets_and_criminality_are_checked_against_official_data():
    assert registry.checked_names() == ("arrest_count", "target", "criminality")
    for kind in registry.all_kinds():
        assert kind.checked_against_official == callable(kind.check_function() if kind.checker else None)
    with pytest.raises(KindError, match="not checked against official data"):
        registry.get("quote").check_function()


def test_the_demo_summary_shows_its_kinds_in_its_own_order():
    assert registry.summary_names() == ("operation", "target", "arrest_count", "criminality", "cadence")


def test_record_ids_of_built_in_kinds_are_what_they_were():
    # Ids as record_ids.py makes them (document, kind, sentence, claim). Ledgers and releases hold
    # them, so a change here changes every ledger's ids and must be deliberate (made once, issue 10:
    # ids no longer follow the extractor's span or its reading of places and speakers).
    share = {"category": "not_criminal", "share": _number(0.5, "nearly"), "of": None}
    count = {"category": "not_criminal", "count": _number(600), "of": None}
    arrests = {"count": _number(1200), "period": {"date": "2025-01-26", "precision": "day", "part_of_day": None},
               "places": [], "agencies": []}
    ids = []
    for kind, fields in (("criminality", share), ("criminality", count), ("arrest_count", arrests)):
        rec = Record(kind=kind, span=(0, 40), quote="x" * 40, fields=fields, document_id="sha256:pinned")
        rec.assign_id("x" * 40)
        ids.append(rec.id)
    assert ids == ["rec_cdf51e04bc6888ba", "rec_571b0802b4ffbed4", "rec_df498dc83ef5decd"]


def test_a_kind_declaration_refuses_a_field_without_meaning_and_a_malformed_checker():
    with pytest.raises(KindError, match="no meaning for period"):
        Kind(**{**TOY.__dict__, "fields": (("count", "how many"), ("period", " "))})
    with pytest.raises(KindError, match="checker"):
        Kind(**{**TOY.__dict__, "checker": "no colon here"})
    with pytest.raises(KindError, match="scores a field twice"):
        Kind(**{**TOY.__dict__, "scored_fields": ("period", "period")})


def test_the_new_kind_is_a_kind_choice_of_records_and_check(toy: Kind, tmp_path: Path):
    db = _toy_ledger(tmp_path)
    runner = CliRunner()
    assert "removal_count]" in runner.invoke(main, ["records", "--help"]).output
    assert "removal_count" in runner.invoke(main, ["events", "--help"]).output
    listed = runner.invoke(main, ["records", "--db", str(db), "--kind", "removal_count", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert [r["kind"] for r in json.loads(listed.output)] == ["removal_count"]
    checked = runner.invoke(main, ["check", "--db", str(db), "--kind", "removal_count", "--json"])
    assert checked.exit_code == 0, checked.output
    [check] = json.loads(checked.output)
    assert (check["kind"], check["unchecked"]) == ("removal_count", TOY_UNCHECKED)  # the toy's own checker
    registry.unregister("removal_count")
    try:
        refused = runner.invoke(main, ["records", "--db", str(db), "--kind", "removal_count"])
        assert refused.exit_code == 2 and "'removal_count' is not one of" in refused.output
        assert "removal_count" not in runner.invoke(main, ["check", "--help"]).output
    finally:
        registry.register(toy)


def test_check_and_the_demo_summary_read_the_new_kind(toy: Kind, tmp_path: Path):
    conn = connect(_toy_ledger(tmp_path))
    checks = run_checks(conn)
    assert [(c.claim.kind, c.verdict) for c in checks] == [("removal_count", f"Not checked: {TOY_UNCHECKED}")]
    assert registry.summary_names()[0] == "removal_count"  # summary_order 5 comes before operation's 10
    assert [r["kind"] for r in summary_records(conn)] == ["removal_count"]


def test_the_web_filter_accepts_the_new_kind_only_while_it_is_registered(toy: Kind):
    assert RecordFilter.from_args({"kind": "removal_count"}).kind == "removal_count"
    registry.unregister("removal_count")
    try:
        with pytest.raises(PublishError, match="unknown kind 'removal_count'"):
            RecordFilter.from_args({"kind": "removal_count"})
    finally:
        registry.register(toy)


def test_the_new_kinds_discriminator_tells_records_on_one_span_apart(toy: Kind, tmp_path: Path):
    conn = connect(_toy_ledger(tmp_path, counts=(310, 12)))
    ids = [row[0] for row in conn.execute("SELECT id FROM records ORDER BY count_value")]
    assert len(set(ids)) == 2


def test_evaluation_scores_and_lists_the_new_kind_by_its_slots(toy: Kind):
    gold = [{"kind": "removal_count", "count": {"value": 310}, "period": "2025-02-03", "evidence": "x"},
            {"kind": "removal_count", "count": {"value": 12}, "period": "2025-02-03", "evidence": "y"}]
    predicted = predictions_from_records([_toy_record(310, period=OTHER_DAY)])
    result = TextResult("toy.txt", gold, predicted, match_records(gold, predicted), text="x y")
    scores = score([result])
    assert "removal_count" in scores.kinds
    # Its scored fields: the period was compared and is wrong; no source kind was in gold, so none compared.
    assert scores.to_dict()["fields"]["removal_count"] == {"period": {"compared": 1, "equal": 0, "accuracy": 0.0}}
    assert listing_line(gold[1]) == "removal_count · 12 removed"  # the kind's own listing
    console = Console(record=True, width=160)
    render(Evaluation(gold_paths=[Path("toy.jsonl")], results=[result], scores=scores), console)
    shown = console.export_text()
    field_table = shown[shown.index("Fields of matched pairs"):]
    assert "removal_count" in field_table and "period" in field_table
    assert "headline = operation, arrest_count, target, criminality;" in shown  # the toy is no headline kind


def test_synthetic_ledgers_make_the_new_kind_from_its_example(toy: Kind, tmp_path: Path):
    first = next(synthetic_extractions(4, seed=1, per_document=2, mix=("arrest_count", "removal_count")))
    arrests, removal = first.records
    assert (arrests.kind, removal.kind) == ("arrest_count", "removal_count")
    assert removal.fields["of"] == arrests.id  # Latest("arrest_count") became that record's id
    assert first.document.text[removal.span[0]:removal.span[1]] == removal.quote
    assert removal.quote.startswith("Officials said ") and " people were removed from " in removal.quote
    assert save_extraction(connect(tmp_path / "synthetic.db"), first) == "new"
    bare = Kind(**{**TOY.__dict__, "name": "bare_count", "example": None})
    registry.register(bare)
    try:
        with pytest.raises(PublishError, match="'bare_count' has no example sentence"):
            next(synthetic_extractions(1, mix=("bare_count",)))
    finally:
        registry.unregister("bare_count")



def test_a_range_of_shares_is_described_as_a_range_of_percentages():
    record = {"kind": "criminality", "category": "convicted", "count": None, "of_count": None,
              "share": {"low": 0.6, "high": 0.7, "qualifier": "about"}}
    assert "about 60 to 70%" in describe(record)
