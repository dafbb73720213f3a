"""Record ids are the claim's, not the extractor's: the same claim in the same document keeps its
id in a fresh ledger built by a newer extractor that reads its span, places, qualifier or speaker
otherwise (issue 10), and different claims never share one."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from enforcement_tracker.extract import document as extract_document_module
from enforcement_tracker.kinds.base import Kind
from enforcement_tracker.models import Document, Extraction, Record, Source
from enforcement_tracker.pipeline import ingest_paths
from enforcement_tracker.record_ids import assign_ids, sentence_starts
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import connect
from enforcement_tracker.store.ledger import save_extraction

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILES = [EXAMPLES / "05-aurora-planned.txt", EXAMPLES / "09-syndicated-sunday-count.txt",
         EXAMPLES / "01-chicago-surge-begins.txt"]
_DATELINE = re.compile(r"[A-Z][A-Z .]+, [A-Z][a-z]+\. — ")


def _ledger(path: Path) -> dict[str, dict]:
    """Ingest the example reports into a fresh ledger at `path`: its records by id."""
    conn = connect(path)
    ingest_paths(conn, FILES, ExtractSettings(processes=1))
    out = {rid: json.loads(text) for rid, text in conn.execute("SELECT id, json FROM records")}
    conn.close()
    return out


def _claim(record: dict) -> tuple:
    """How a person tells the examples' claims apart: document, kind, and what the claim is about."""
    number = record.get("count") or record.get("share") or {}
    places = tuple(sorted(p["name"] for p in record.get("places") or []))
    return (record["document_id"], record["kind"], record.get("category"),
            number.get("value"), number.get("low"), places, (record.get("speaker") or {}).get("name"))


def test_a_newer_extractor_in_a_fresh_ledger_gives_every_claim_its_old_id(tmp_path, monkeypatch):
    old = _ledger(tmp_path / "old.db")
    trim = extract_document_module._trim

    def newer_trim(text: str, start: int, end: int) -> tuple[int, int]:
        """The newer extractor's spans: a dateline ("AURORA, Colo. — ") is no part of the claim."""
        start, end = trim(text, start, end)
        found = _DATELINE.match(text, start)
        return (found.end(), end) if found and found.end() < end else (start, end)

    monkeypatch.setattr(extract_document_module, "_trim", newer_trim)
    monkeypatch.setattr(Kind, "extractor", property(lambda kind: f"etrack.{kind.name}.v3@9.9.9"))
    new = _ledger(tmp_path / "new.db")

    assert len(new) == len(old) > 5
    assert {r["extractor"] for r in new.values()} != {r["extractor"] for r in old.values()}
    moved = [rid for rid in new if new[rid]["span"] != old.get(rid, {}).get("span")]
    assert moved, "the newer extractor read no span otherwise: the test would prove nothing"
    assert set(new) == set(old)  # the same ids, spans moved or not
    for rid in new:
        assert _claim(new[rid]) == _claim(old[rid])
        assert new[rid].get("of") == old[rid].get("of")  # a criminality still qualifies the same count


def _reread(records: list[Record], text: str) -> list[Record]:
    """The records as a newer extractor might read them: other extractor, a clause for the
    sentence, places resolved to other coordinates, another qualifier, another speaker title."""
    out = []
    for rec in records:
        fields = json.loads(json.dumps(rec.fields))
        for place in fields.get("places") or []:
            place.update(geonameid=(place.get("geonameid") or 0) + 1, lat=0.5, lon=0.5, state=None)
        for name in ("count", "share"):
            if isinstance(fields.get(name), dict):
                fields[name]["qualifier"] = "about"
        if fields.get("speaker"):
            fields["speaker"] = {**fields["speaker"], "title": "a title read otherwise"}
        start, end = rec.span
        comma = text.find(", ", start, end)
        if 0 <= comma < end - 20:  # from its first comma on: a clause of the same sentence
            start = comma + 2
        out.append(replace(rec, span=(start, end), quote=text[start:end], fields=fields,
                           extractor=rec.extractor + "+newer", id="", sources=list(rec.sources) + [
                               Source(kind="outlet", outlet="Another Outlet")]))
    assign_ids(out, text)
    return out


def test_ids_do_not_follow_the_span_places_qualifier_speaker_title_or_sources(tmp_path):
    conn = connect(tmp_path / "old.db")
    ingest_paths(conn, FILES, ExtractSettings(processes=1))
    fresh = connect(tmp_path / "fresh.db")
    for (doc_id,) in conn.execute("SELECT id FROM documents ORDER BY id"):
        text = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
        stored = [Record.from_dict(json.loads(j)) for (j,) in conn.execute(
            "SELECT json FROM records WHERE document_id = ? ORDER BY span_start, id", (doc_id,))]
        newer = _reread(stored, text)
        assert [r.id for r in newer] == [r.id for r in stored]
        save_extraction(fresh, Extraction(Document(text=text, publisher="Example", published="2025-01-29"), newer))
    ids = lambda c: sorted(r for (r,) in c.execute("SELECT id FROM records"))  # noqa: E731
    assert ids(fresh) == ids(conn) and len(ids(conn)) > 5


TEXT = ("CHICAGO — Agents made 1,200 arrests on Sunday, and nearly half of those arrested had no criminal"
        " record. The U.S. Immigration and Customs Enforcement agency began operations in Chicago and"
        " in Aurora, Colo. on Sunday.\nArrests were made in Ogden (12), Provo (12) and Orem (12).")


def _record(kind: str, start: int, end: int, **fields) -> Record:
    return Record(kind=kind, span=(start, end), quote=TEXT[start:end], fields=fields, document_id="sha256:t",
                  sources=[Source(kind="outlet", outlet="Example")])


def _place(name: str) -> dict:
    return {"name": name, "kind": "city", "state": None}


def test_the_fixed_sentences_cut_at_stops_and_lines_not_at_abbreviations():
    starts = sentence_starts(TEXT)
    assert [TEXT[s:s + 12] for s in starts] == ["CHICAGO — Ag", "The U.S. Imm", "Arrests were"]


def test_claims_alike_in_one_sentence_or_list_still_get_ids_of_their_own():
    second = TEXT.index("The U.S.")
    listed = TEXT.index("Arrests were")
    records = [
        _record("arrest_count", 0, second - 1, count={"value": 1200}),
        _record("criminality", 0, second - 1, category="no_record", share={"value": 0.5}),
        _record("criminality", 0, second - 1, category="not_criminal", share={"value": 0.5}),
        _record("operation", second, listed - 1, places=[_place("Chicago")]),
        _record("operation", second, listed - 1, places=[_place("Aurora")]),
        *[_record("arrest_count", listed, len(TEXT), count={"value": 12}, places=[_place(n)])
          for n in ("Ogden", "Provo", "Orem")],
        # Two readings alike in everything but their clause: told apart by order in the text.
        _record("arrest_count", listed, len(TEXT), count={"value": 12}, places=[_place("Orem")]),
    ]
    assign_ids(records, TEXT)
    assert len({r.id for r in records}) == len(records)
    # The same claims in another document are other records.
    elsewhere = [replace(r, document_id="sha256:other", id="") for r in records]
    assign_ids(elsewhere, TEXT)
    assert not {r.id for r in elsewhere} & {r.id for r in records}


def test_an_id_is_the_same_with_or_without_its_neighbours():
    # A newer extractor that finds one claim more in another sentence changes no other id.
    second = TEXT.index("The U.S.")
    count = _record("arrest_count", 0, second - 1, count={"value": 1200})
    alone = replace(count)
    alone.assign_id(TEXT)
    together = [replace(count), _record("operation", second, len(TEXT), places=[_place("Chicago")])]
    assign_ids(together, TEXT)
    assert together[0].id == alone.id


def test_a_ledger_never_holds_two_records_of_one_id(tmp_path):
    # The examples' ledger: every id is one record (a collision would have failed the ingest).
    conn = connect(tmp_path / "l.db")
    ingest_paths(conn, sorted(EXAMPLES.glob("*.txt")), ExtractSettings(processes=1))
    n, distinct = conn.execute("SELECT count(*), count(DISTINCT id) FROM records").fetchone()
    assert n == distinct and n > 100
