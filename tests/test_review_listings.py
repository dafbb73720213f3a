"""The review state in every listing, and `review` as a filter there: `etrack records`, `etrack
check`, `etrack events`, and the event pages with their checks (issue 10)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_tracker.analyze.check import run_checks, save_checks
from enforcement_tracker.cli import main
from enforcement_tracker.pipeline import ingest_paths
from enforcement_tracker.publish import make_datasette
from enforcement_tracker.publish.words import review_words
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import connect, review
from enforcement_tracker.store.events import ensure_events, update_events

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# Four reports of Sunday's national count (an event of several documents), the Chicago operation
# with a count for Chicago on its first day, and a daily target.
FILES = ("01-chicago-surge-begins.txt", "07-foia-weekly-records.txt", "08-ice-release-chicago.txt",
         "09-syndicated-sunday-count.txt", "10-week-in-numbers.txt", "02-daily-target.txt")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("listings") / "built.db"
    conn = connect(path)
    ingest_paths(conn, [EXAMPLES / f for f in FILES], ExtractSettings(processes=1))
    conn.close()
    return path


@pytest.fixture
def ledger(built: Path, tmp_path: Path) -> dict:
    """A copy of the ledger with one event's reports in three states: reviewed, rejected, machine."""
    path = tmp_path / "ledger.db"
    shutil.copy(built, path)
    conn = connect(path)
    event_id, = conn.execute("SELECT id FROM events WHERE kind = 'arrest_count' AND n_documents >= 3"
                             " ORDER BY n_documents DESC, id LIMIT 1").fetchone()
    members = [r for (r,) in conn.execute("SELECT record_id FROM event_records WHERE event_id = ?"
                                          " ORDER BY record_id", (event_id,))]
    assert len(members) >= 3
    accepted, rejected, untouched = members[0], members[1], members[2:]
    review.act(conn, accepted, "accept", reviewer="dana", why="matches the text")
    review.act(conn, rejected, "reject", reviewer="dana", why="a count of another day")
    update_events(conn)
    save_checks(conn, run_checks(conn))
    conn.close()
    return {"path": path, "event": event_id, "accepted": accepted, "rejected": rejected, "untouched": untouched}


def run(*args: str):
    # Wide enough that rich keeps each cell's words on one line.
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "250"})


def _json(*args: str):
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- etrack records --------------------------------------------------------------------------

def test_records_say_their_review_state_in_every_format(ledger):
    db = str(ledger["path"])
    rows = {r["id"]: r for r in _json("records", "--db", db, "--format", "json")}
    assert rows[ledger["accepted"]]["review"] == "reviewed"
    assert rows[ledger["rejected"]]["review"] == "rejected"
    assert {rows[i]["review"] for i in ledger["untouched"]} == {"machine"}
    table = run("records", "--db", db, "--kind", "arrest_count").stdout
    header = next(line for line in table.splitlines() if "kind" in line and "claim" in line)
    assert "review" in header
    assert "reviewed" in table and "rejected" in table and "machine" in table
    sheet = list(csv.DictReader(io.StringIO(run("records", "--db", db, "--format", "csv").stdout)))
    assert {r["id"]: r["review"] for r in sheet} == {i: r["review"] for i, r in rows.items()}


def test_records_filter_by_review_states_as_the_web_does(ledger):
    db = str(ledger["path"])
    checked = _json("records", "--db", db, "--format", "json", "--review", "reviewed,verified")
    assert [r["id"] for r in checked] == [ledger["accepted"]]
    not_rejected = _json("records", "--db", db, "--format", "json", "--review", "machine,reviewed")
    everything = _json("records", "--db", db, "--format", "json")
    assert ledger["rejected"] not in {r["id"] for r in not_rejected}
    assert len(not_rejected) == len(everything) - 1
    bad = run("records", "--db", db, "--review", "approved")
    assert bad.exit_code == 2 and "--review" in bad.stderr and "machine, reviewed, verified, rejected" in bad.stderr


# --- etrack check ----------------------------------------------------------------------------

def test_checks_say_the_review_state_of_the_claim_and_filter_by_it(ledger):
    db = str(ledger["path"])
    checks = {c["record_id"]: c for c in _json("check", "--db", db, "--json")}
    assert checks[ledger["accepted"]]["review"] == "reviewed"
    assert checks[ledger["accepted"]]["claim"]["review"] == "reviewed"
    assert ledger["rejected"] not in checks  # a rejected record is held against no figure
    assert {checks[i]["review"] for i in ledger["untouched"] if i in checks} == {"machine"}
    only = _json("check", "--db", db, "--json", "--review", "reviewed")
    assert [c["record_id"] for c in only] == [ledger["accepted"]]
    table = run("check", "--db", db, "--all", "--review", "reviewed").stdout
    assert "reviewed by a person" in table and "not yet reviewed" not in table
    assert "not yet reviewed" in run("check", "--db", db, "--all").stdout


# --- etrack events ---------------------------------------------------------------------------

def test_events_filter_by_the_review_state_of_their_reports(ledger):
    db = str(ledger["path"])
    reviewed = _json("events", "--db", db, "--format", "json", "--review", "reviewed")
    assert [e["id"] for e in reviewed] == [ledger["event"]]
    assert _json("events", "--db", db, "--format", "json", "--review", "verified") == []


def test_a_rejected_record_does_not_make_every_events_call_rebuild(ledger):
    # A rejected record is in no event by design: that is not a sign the events are out of date.
    first = ensure_events(ledger["path"])
    assert first is None or first.mode == "current"
    result = run("events", "--db", str(ledger["path"]))
    assert result.exit_code == 0 and "brought up to date" not in result.stderr


# --- the event pages and their checks ---------------------------------------------------------

def _page(path: Path, url: str):
    ds = make_datasette(path)
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(ds.invoke_startup())
        return loop.run_until_complete(ds.client.get(url))
    finally:
        loop.close()


def _row_of(html: str, record_id: str) -> str:
    """The table row of the event page's reports that links this record."""
    start = html.index(f'<td><a href="/records/{record_id}">')
    return html[html.rindex("<tr>", 0, start):html.index("</tr>", start)]


def _check_item(html: str, record_id: str) -> str:
    section = html[html.index('id="checks-h"'):html.index('id="reports-h"')]
    link = section.index(f'<a href="/records/{record_id}">the report</a>')
    return section[section.rindex("<li>", 0, link):section.index("</li>", link)]


def test_an_event_page_says_the_review_state_of_each_report_and_check(ledger):
    html = _page(ledger["path"], f"/events/{ledger['event']}").text
    assert "reviewed by a person" in _row_of(html, ledger["accepted"])
    for rid in ledger["untouched"]:
        assert "machine reading, not yet reviewed" in _row_of(html, rid)
        assert "machine reading, not yet reviewed" in _check_item(html, rid)
    assert "reviewed by a person" in _check_item(html, ledger["accepted"])
    assert f"/records/{ledger['rejected']}" not in html  # a rejected record left the event


def test_an_event_page_takes_the_review_filter(ledger):
    url = f"/events/{ledger['event']}"
    html = _page(ledger["path"], url + "?review=reviewed,verified").text
    reports = html[html.index('id="reports-h"'):]
    assert f"/records/{ledger['accepted']}" in reports
    assert not any(f"/records/{rid}" in reports for rid in ledger["untouched"])
    assert "1 of its" in html and "reviewed,verified" in html
    machine = _page(ledger["path"], url + "?review=machine").text
    assert f"/records/{ledger['accepted']}" not in machine[machine.index('id="reports-h"'):]
    assert all(f"/records/{rid}" in machine for rid in ledger["untouched"])
    bad = _page(ledger["path"], url + "?review=approved")
    assert bad.status_code == 400 and "approved" in bad.text
    assert _page(ledger["path"], url + "?colour=red").status_code == 400


def test_an_operations_arrest_counts_say_their_review_state(ledger):
    conn = connect(ledger["path"])
    operation, = conn.execute("SELECT id FROM events WHERE kind = 'operation' AND label LIKE '%Chicago%'"
                              " AND date_start = '2025-01-26'").fetchone()
    count, = conn.execute("SELECT r.id FROM records r JOIN record_places p ON p.record_id = r.id AND p.position = 0"
                          " WHERE r.kind = 'arrest_count' AND p.name = 'Chicago' AND r.date_start = '2025-01-26'"
                          " ORDER BY r.id LIMIT 1").fetchone()
    review.act(conn, count, "accept", reviewer="dana", why="the release says so")
    conn.close()
    html = _page(ledger["path"], f"/events/{operation}").text
    section = html[html.index('id="arrests-h"'):html.index('id="checks-h"')]
    item = section[section.index(f'/records/{count}'):]
    assert "reviewed by a person" in item[:item.index("</li>")]
    only_machine = _page(ledger["path"], f"/events/{operation}?review=machine").text
    assert f"/records/{count}" not in only_machine[only_machine.index('id="arrests-h"'):]


# --- every other page that lists records, and the filter bar ----------------------------------

def test_the_filter_bar_offers_the_review_states_and_keeps_the_choice(ledger):
    html = _page(ledger["path"], "/records?review=reviewed,verified").text
    select = html[html.index('<select id="f-review" name="review">'):]
    select = select[:select.index("</select>")]
    assert '<option value="reviewed,verified" selected>reviewed or verified</option>' in select
    assert all(f'value="{s}"' in select for s in ("machine", "reviewed", "verified", "rejected"))
    assert "review=reviewed%2Cverified" in html  # the downloads and page links carry it
    listed = html[html.index('id="records-list"'):]
    assert f"/records/{ledger['accepted']}" in listed
    assert not any(f"/records/{rid}" in listed for rid in ledger["untouched"] + [ledger["rejected"]])


def _list_item(html: str, record_id: str, start: str, end: str) -> str:
    at = html.index(f'href="/records/{record_id}"')
    return html[html.rindex(start, 0, at):html.index(end, at)]


def test_the_records_list_dashboard_and_document_page_say_each_records_state(ledger):
    records = _page(ledger["path"], "/records").text
    assert "reviewed by a person" in _list_item(records, ledger["accepted"], "<tr>", "</tr>")
    assert "rejected by a reviewer" in _list_item(records, ledger["rejected"], "<tr>", "</tr>")
    assert "machine reading, not yet reviewed" in _list_item(records, ledger["untouched"][0], "<tr>", "</tr>")
    conn = connect(ledger["path"])
    doc_id, = conn.execute("SELECT document_id FROM records WHERE id = ?", (ledger["accepted"],)).fetchone()
    newest, = conn.execute("SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id"
                           " ORDER BY d.published DESC, r.rowid DESC LIMIT 1").fetchone()
    newest_state, = conn.execute("SELECT review FROM records WHERE id = ?", (newest,)).fetchone()
    conn.close()
    document = _page(ledger["path"], f"/documents/{doc_id}").text
    listed = document[document.index('<ol class="doc-records">'):]
    assert "reviewed by a person" in _list_item(listed, ledger["accepted"], "<li>", "</li>")
    dashboard = _page(ledger["path"], "/").text
    newest_html = dashboard[dashboard.index('id="newest-h"'):]
    assert review_words(newest_state) in _list_item(newest_html, newest, "<tr>", "</tr>")


def test_a_records_other_reports_say_their_state(ledger):
    page = _page(ledger["path"], f"/records/{ledger['untouched'][0]}").text
    related = page[page.index('<ul class="related">'):]
    assert "reviewed by a person" in _list_item(related, ledger["accepted"], "<li>", "</li>")
