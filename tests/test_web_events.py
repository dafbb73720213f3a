"""Event pages and /api/events.json: one operation as many documents report it, with the records' filter."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from enforcement_tracker.models import Document, Extraction, Record, Source
from enforcement_tracker.publish import make_datasette
from enforcement_tracker.reconcile import RULES_VERSION  # noqa: F401  (events are grouped by these rules)
from enforcement_tracker.store.db import connect
from enforcement_tracker.store.events import rebuild_events
from enforcement_tracker.store.ledger import save_extraction

AURORA = {"name": "Aurora", "kind": "city", "state": "CO", "geonameid": 5412347, "lat": 39.73, "lon": -104.83}
DENVER = {"name": "Denver", "kind": "city", "state": "CO", "geonameid": 5419384, "lat": 39.74, "lon": -104.98}


def _report(publisher, published, status, text, place=AURORA, syndicated_from=None, count=None):
    doc = Document(text=text, publisher=publisher, published=published, syndicated_from=syndicated_from)
    fields = {"places": [place], "start": {"date": "2025-01-30", "precision": "day"}, "end": None,
              "status": status, "agencies": [{"code": "ICE", "text": "ICE"}], "name": None}
    op = Record(kind="operation", span=(0, len(text)), quote=text, fields=fields, document_id=doc.id,
                extractor="test", sources=[Source(kind="outlet", outlet=publisher)])
    op.assign_id()
    records = [op]
    if count:
        c = Record(kind="arrest_count", span=(0, len(text)), quote=text, document_id=doc.id, extractor="test",
                   fields={"count": {"value": count, "qualifier": "exact"}, "places": [place], "agencies": [],
                           "period": {"date": "2025-01-30", "precision": "day"}},
                   sources=[Source(kind="outlet", outlet=publisher)])
        c.assign_id()
        records.append(c)
    return Extraction(doc, records)


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    path = tmp_path_factory.mktemp("events") / "ledger.db"
    conn = connect(path)
    for ext in (
        _report("Example Front Range Dispatch", "2025-01-29", "planned",
                "In our words: agents plan an operation in Aurora on Thursday."),
        _report("Example Plains Paper", "2025-01-29", "planned",
                "Our own copy: agents plan an operation in Aurora on Thursday, officials said.",
                syndicated_from="Example Front Range Dispatch"),
        _report("Example Mountain Radio", "2025-01-31", "called_off",
                "In our words: the Aurora operation set for Thursday was called off.", count=12),
        _report("Example Valley News", "2025-01-30", "under_way",
                "Our own words: an operation began in Denver on Thursday.", place=DENVER),
    ):
        save_extraction(conn, ext)
    rebuild_events(conn)
    conn.close()
    ds = make_datasette(path)
    loop = asyncio.new_event_loop()
    loop.run_until_complete(ds.invoke_startup())

    class Client:
        path_ = path

        def get(self, url):
            return loop.run_until_complete(ds.client.get(url))

    yield Client()
    loop.close()


def _aurora_event(web):
    events = web.get("/api/events.json?place=Aurora,%20CO&kind=operation").json()["events"]
    return next(e for e in events if e["n_documents"] >= 3)


def test_the_api_lists_events_with_the_records_filter(web):
    aurora = web.get("/api/events.json?place=Aurora,%20CO").json()
    assert aurora["filters"] == {"place": "Aurora, CO"}
    assert aurora["events"] and all("Aurora" in e["label"] for e in aurora["events"])
    denver = web.get("/api/events.json?place=Denver,%20CO").json()["events"]
    assert denver and all("Denver" in e["label"] for e in denver)
    assert web.get("/api/events.json?since=2025-02-15").json()["events"] == []
    assert web.get("/api/events.json?min_documents=3").json()["events"][0]["n_documents"] >= 3
    assert web.get("/api/events.json?where=Aurora").status_code == 400


def test_an_event_page_for_an_operation_reported_by_several_documents(web):
    ev = _aurora_event(web)
    page = web.get(ev["url"])
    assert page.status_code == 200
    text = page.text
    # status history in order, in words
    history = text[text.index("Status as reported"):text.index("Who reports it")]
    assert history.index("planned") < history.index("called off") and "called_off" not in history
    # the syndicated copy is credited to its origin, which is not counted twice
    outlets = text[text.index("Who reports it"):text.index("Where the reports disagree")]
    assert "carried by Example Plains Paper, credited to Example Front Range Dispatch" in outlets
    assert ev["n_independent_sources"] == 2
    # the arrest count for that place and day
    arrests = text[text.index("Arrest counts for this place"):text.index("Checks against official data")]
    assert "12 arrests" in arrests
    assert text.count('href="/records/rec_') >= 3


def test_record_pages_link_to_their_event(web):
    ev = _aurora_event(web)
    conn = sqlite3.connect(web.path_)
    rid = conn.execute("SELECT record_id FROM event_records WHERE event_id = ? LIMIT 1", (ev["id"],)).fetchone()[0]
    assert f'href="/events/{ev["id"]}"' in web.get(f"/records/{rid}").text


def test_an_unknown_event_is_a_404(web):
    assert web.get("/events/evt_0000000000000000").status_code == 404
    assert web.get("/events/%3Cscript%3E").status_code == 404


def _count(doc: Document, value: int, places: list[dict]) -> Record:
    c = Record(kind="arrest_count", span=(0, len(doc.text)), quote=doc.text, document_id=doc.id, extractor="test",
               fields={"count": {"value": value, "qualifier": "exact"}, "places": places, "agencies": [],
                       "period": {"date": "2025-01-30", "precision": "day"}},
               sources=[Source(kind="outlet", outlet=doc.publisher)])
    c.assign_id()
    return c


def test_an_event_lists_the_counts_whose_first_place_is_its_place_and_no_others(tmp_path):
    from enforcement_tracker.publish.events_page import event

    hills = {**AURORA, "name": "Aurora Hills", "geonameid": 1}
    path = tmp_path / "ledger.db"
    conn = connect(path)
    save_extraction(conn, _report("Example Mountain Radio", "2025-01-31", "ended",
                                  "In our words: the Aurora operation ended on Thursday."))
    doc = Document(text="Our own tally of the week's counts in the metro area.", publisher="Example Plains Paper",
                   published="2025-01-31")
    save_extraction(conn, Extraction(doc, [_count(doc, 12, [AURORA]), _count(doc, 4, [AURORA, DENVER]),
                                           _count(doc, 9, [DENVER, AURORA]), _count(doc, 5, [hills])]))
    rebuild_events(conn)
    conn.row_factory = sqlite3.Row
    [event_id] = [r["id"] for r in conn.execute("SELECT id FROM events WHERE kind = 'operation' AND label LIKE '%Aurora%'")]
    listed = sorted(r["count_value"] for r in event(conn, event_id)["arrests"])
    assert listed == [4, 12]
