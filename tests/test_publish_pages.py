"""The web ledger's pages, through Datasette's own test client on a small synthetic ledger."""

from __future__ import annotations

import asyncio
import re
import sqlite3

import pytest

from enforcement_tracker.errors import PublishError
from enforcement_tracker.publish import make_datasette
from enforcement_tracker.publish.synthetic import PRIVATE_NAME, hostile_extraction, write_ledger

HOSTILE = hostile_extraction()


class Client:
    def __init__(self, path):
        self.ds = make_datasette(path)
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.ds.invoke_startup())

    def get(self, url: str):
        return self.loop.run_until_complete(self.ds.client.get(url))


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "ledger.db"
    write_ledger(path, 300, seed=1, extra=[HOSTILE])
    return path


@pytest.fixture(scope="module")
def web(ledger):
    client = Client(ledger)
    yield client
    client.loop.close()


def test_dashboard_draws_every_panel(web):
    page = web.get("/")
    assert page.status_code == 200
    for chart in ("ops-timeline", "daily-chart", "share-chart", "ops-map"):
        assert f'id="{chart}"' in page.text
    assert page.text.count('class="state"') == 51
    assert 'class="place"' in page.text and 'class="claim"' in page.text and 'class="posted"' in page.text
    assert "Newest records" in page.text


def test_record_page_highlights_its_quote_in_the_document(web):
    rec = web.get("/api/records.json?kind=arrest_count&_size=1").json()["records"][0]
    page = web.get(f"/records/{rec['id']}")
    assert page.status_code == 200
    marked = re.search(r'<mark class="span focus" id="quote"[^>]*>(.*?)</mark>', page.text, re.S)
    assert marked and marked.group(1) == rec["quote"].replace('"', "&#34;")
    assert "Checks against official data" in page.text and "Who says it" in page.text


def test_record_page_lists_other_reports_and_checks(web, ledger):
    conn = sqlite3.connect(ledger)
    grouped = conn.execute("SELECT record_id FROM event_records LIMIT 1").fetchone()[0]
    checked = conn.execute("SELECT record_id, verdict FROM checks LIMIT 1").fetchone()
    assert "No other report of this" not in web.get(f"/records/{grouped}").text
    assert checked[1] in web.get(f"/records/{checked[0]}").text


def test_unknown_record_is_a_404(web):
    assert web.get("/records/rec_nothing").status_code == 404
    assert web.get("/documents/sha256:nothing").status_code == 404


def test_document_text_is_escaped_never_markup(web):
    page = web.get(f"/documents/{HOSTILE.document.id}")
    assert page.status_code == 200
    assert "<script>window" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;window.__pwned" in page.text and "&lt;img src=x onerror=" in page.text
    assert "<b>bold</b>" not in page.text  # the title too
    assert page.text.count('<mark class="span"') == 2 and page.text.count('<sup class="ref">') == 2


def test_a_private_name_stays_inside_the_document_text(web):
    """Red line: a person who was arrested is never listed: not on the dashboard, not in any export."""
    assert PRIVATE_NAME in web.get(f"/documents/{HOSTILE.document.id}").text  # the stored text, shown whole
    for url in ("/", "/api/records.json?_size=1000", "/export/records.csv", "/export/operations.geojson",
                "/feeds/records.atom?_size=200"):
        assert PRIVATE_NAME not in web.get(url).text, url


def test_api_filters_and_pages_through_everything(web, ledger):
    conn = sqlite3.connect(ledger)
    expected = conn.execute("SELECT count(*) FROM records WHERE kind = 'operation' AND state = 'CO'").fetchone()[0]
    seen, url = [], "/api/records.json?kind=operation&state=co&_size=3"
    while url:
        body = web.get(url).json()
        seen += body["records"]
        url = body["next_url"]
    assert len(seen) == len({r["id"] for r in seen}) == expected > 3
    assert all(r["kind"] == "operation" and r["state"] == "CO" for r in seen)
    dates = [r["published"] for r in seen]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("query, check", [
    ("agency=ICE-ERO", lambda r: "ICE-ERO" in (r["agencies"] or "")),
    ("place=aurora", lambda r: "Aurora" in (r["places"] or "")),
    ("publisher=Metro%20Wire", lambda r: r["publisher"] == "Metro Wire"),
    ("since=2025-03-01&until=2025-03",  # a record's own dates, else its document's
     lambda r: (r["date_end"] or r["date_start"] or r["published"]) >= "2025-03-01"
     and (r["date_start"] or r["date_end"] or r["published"]) <= "2025-03-31"),
])
def test_api_filter(web, query, check):
    found = web.get(f"/api/records.json?{query}&_size=1000").json()["records"]
    assert found and all(check(r) for r in found)


def test_api_array_shape_and_bad_filters(web):
    assert isinstance(web.get("/api/records.json?_shape=array&_size=3").json(), list)
    bad = web.get("/api/records.json?kind=arrests")
    assert bad.status_code == 400 and "arrest_count" in bad.json()["hint"]
    assert web.get("/api/records.json?since=last%20week").status_code == 400
    assert web.get("/export/records.csv?state=Colorado").status_code == 400


def test_csv_export_streams_every_matching_row(web, ledger):
    conn = sqlite3.connect(ledger)
    total = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    lines = web.get("/export/records.csv").text.splitlines()
    assert lines[0].startswith("id,kind,document_id,publisher,published")
    import csv
    rows = list(csv.DictReader(lines))
    assert len(rows) == total
    targets = list(csv.DictReader(web.get("/export/records.csv?kind=target").text.splitlines()))
    assert targets and {r["kind"] for r in targets} == {"target"}


def test_geojson_has_points_with_date_and_place_precision(web):
    body = web.get("/export/operations.geojson").json()
    assert body["type"] == "FeatureCollection" and body["features"]
    props = body["features"][0]["properties"]
    assert props["date_start_precision"] == "day" and props["place_precision"] == "city"
    lon, lat = body["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= -60 and 15 <= lat <= 72


def test_atom_feed_is_newest_first_with_the_same_filters(web):
    import xml.etree.ElementTree as ET
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(web.get("/feeds/records.atom?kind=target&_size=20").content)
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 20
    assert {e.find("a:category", ns).get("term") for e in entries} == {"target"}
    updated = [e.find("a:updated", ns).text for e in entries]
    assert updated == sorted(updated, reverse=True)


def test_metadata_describes_tables_from_the_schema(web):
    meta = web.get("/-/metadata.json").json()
    tables = meta["databases"]["ledger"]["tables"]
    assert tables["records"]["columns"]["date_start"].startswith("period / start")  # a migration comment
    assert tables["records"]["facets"] == ["kind", "state", {"agency": "agencies"}, "status"]
    assert tables["documents"]["facets"] == ["publisher", "kind"]
    assert "source" in tables["records"] and meta["license"]
    facets = web.get("/ledger/records.json?_size=1").json()["facet_results"]
    assert {"kind", "state", "agency", "status"} <= set(facets)
    assert "&nbsp;deg" in web.get("/ledger/record_places?_size=2").text  # latitude and longitude units
    found = web.get("/ledger/records.json?_search=arrests&_shape=array").json()  # full-text search
    assert found and all("arrests" in r["quote"] for r in found)


def test_the_ledger_is_served_read_only(web):
    result = web.get("/ledger.json?sql=" + "DELETE FROM records")
    assert result.status_code == 400 or result.json().get("ok") is False
    assert web.get("/ledger/records.json?_size=1&_shape=array").json()


def test_pages_work_without_official_tables(tmp_path):
    path = tmp_path / "core-only.db"
    write_ledger(path, 40, seed=2)
    conn = sqlite3.connect(path)
    for table in ("checks", "ice_posted_daily", "foia_arrests_weekly", "foia_arrests_daily"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.commit()
    conn.close()
    client = Client(path)
    page = client.get("/")
    assert page.status_code == 200 and "ICE's posted figures are not in this ledger" in page.text
    rec = client.get("/api/records.json?_size=1").json()["records"][0]
    assert "no checks table yet" in client.get(f"/records/{rec['id']}").text
    client.loop.close()


def test_serving_something_that_is_not_a_ledger_says_so(tmp_path):
    with pytest.raises(PublishError, match="no ledger here"):
        make_datasette(tmp_path / "missing.db")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(PublishError, match="not a ledger"):
        make_datasette(other)


def test_serve_command_refuses_a_missing_ledger_in_one_line(tmp_path):
    from click.testing import CliRunner

    from enforcement_tracker.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no ledger here" in result.output and "etrack ingest" in result.output


@pytest.mark.parametrize("published, expected", [("2025", "2025-01-01T00:00:00Z"), ("2025-07", "2025-07-01T00:00:00Z"),
                                                 ("2025-07-03", "2025-07-03T00:00:00Z"), (None, "now")])
def test_feed_times_from_partial_publication_dates(published, expected):
    from enforcement_tracker.publish.exports import _atom_time

    assert _atom_time(published, "now") == expected


def test_an_empty_ledger_serves_every_page(tmp_path):
    from enforcement_tracker.store import db

    path = tmp_path / "empty.db"
    db.connect(path).close()
    client = Client(path)
    page = client.get("/")
    assert page.status_code == 200 and "No operations in the ledger yet." in page.text
    assert client.get("/api/records.json").json()["records"] == []
    assert client.get("/export/records.csv").text.startswith("id,kind")
    assert client.get("/export/operations.geojson").json()["features"] == []
    assert client.get("/feeds/records.atom").status_code == 200
    client.loop.close()


def test_agency_facet_counts_each_code_and_filters(web, ledger):
    conn = sqlite3.connect(ledger)
    cbp = conn.execute("SELECT count(*) FROM record_agencies WHERE code = 'CBP'").fetchone()[0]
    facet = web.get("/ledger/records.json?_size=1").json()["facet_results"]["agency"]
    assert {v["value"]: v["count"] for v in facet["results"]}["CBP"] == cbp
    assert all(";" not in v["value"] for v in facet["results"])
    page = web.get("/ledger/records.json?_agency=CBP&_size=1000&_shape=objects").json()
    assert page["filtered_table_rows_count"] == cbp and all("CBP" in r["agencies"] for r in page["rows"])


def test_the_daily_chart_opens_where_claims_meet_the_agencys_own_figures(tmp_path):
    """A later claim with no posted figure near it does not move the chart off the checked days."""
    from click.testing import CliRunner

    from enforcement_tracker.cli import main
    from enforcement_tracker.publish.queries import daily_arrests

    january = tmp_path / "a.txt"
    january.write_text("---\npublished: 2025-01-28\n---\nICE made 956 arrests nationwide on Sunday, the agency said.\n")
    august = tmp_path / "b.txt"
    august.write_text("---\npublished: 2025-08-08\n---\nICE made 2,100 arrests nationwide on Wednesday, the agency said.\n")
    db = tmp_path / "l.db"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(january), str(august), "--db", str(db)]).exit_code == 0
    assert runner.invoke(main, ["import", "ice-posted-daily", "examples/official/ice-posted-daily.csv",
                                "--db", str(db)]).exit_code == 0
    window = daily_arrests(sqlite3.connect(db))["window"]
    assert window[0] <= "2025-01-26" <= window[1]


def test_a_server_answers_before_building_datasettes_units_and_builds_them_when_asked(ledger):
    # In a fresh process, as `etrack serve` starts: Datasette's pint registry waits for its first use.
    import subprocess
    import sys

    code = (
        "import asyncio, sys\n"
        "from enforcement_tracker.publish import make_datasette\n"
        f"ds = make_datasette({str(ledger)!r})\n"
        "async def main():\n"
        "    await ds.invoke_startup()\n"
        "    assert (await ds.client.get('/')).status_code == 200\n"
        "asyncio.run(main())\n"
        "print('real pint before use:', type(sys.modules['datasette.vendored.pint']).__name__)\n"
        "from datasette.views.base import ureg\n"
        "print('3 km in m:', (ureg('3 km')).to('m').magnitude)\n"
        "print('real pint after use:', type(sys.modules['datasette.vendored.pint']).__name__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "real pint before use: _StandIn" in out.stdout
    assert "3 km in m: 3000.0" in out.stdout and "real pint after use: module" in out.stdout
