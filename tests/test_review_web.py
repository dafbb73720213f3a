"""POST /review/{id}, the /review page and /releases through the real app (security wrapper, CSRF)."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from _serve import InProcess as App
from enforcement_tracker.pipeline import ingest_paths
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import audit, connect, reviewers

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("review_web") / "built.db"
    conn = connect(path)
    ingest_paths(conn, [EXAMPLES / "01-chicago-surge-begins.txt", EXAMPLES / "09-syndicated-sunday-count.txt"],
                 ExtractSettings(processes=1))
    conn.close()
    return path



@pytest.fixture
def app(built: Path, tmp_path: Path):
    path = tmp_path / "ledger.db"
    shutil.copy(built, path)
    conn = connect(path)
    token = reviewers.add(conn, "dana")
    record_id = conn.execute("SELECT id FROM records WHERE kind = 'arrest_count' ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    a = App(path)
    a.token, a.record_id = token, record_id
    return a


def _state(path: Path, record_id: str) -> str:
    with sqlite3.connect(path) as c:
        return c.execute("SELECT review FROM records WHERE id = ?", (record_id,)).fetchone()[0]


def _refusals(path: Path) -> list[dict]:
    conn = connect(path)
    try:
        return audit.entries(conn, action="refused")
    finally:
        conn.close()


def _csrf(app: App, cookies: dict) -> tuple[str, dict]:
    page = app.get("/review", cookies=cookies)
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
    return token, {**cookies, "ds_csrftoken": page.cookies.get("ds_csrftoken") or cookies.get("ds_csrftoken")}


def test_a_bearer_token_accepts_and_the_state_shows_everywhere(app):
    r = app.post(f"/review/{app.record_id}", data={"action": "accept", "why": "matches"},
                 headers={"Authorization": f"Bearer {app.token}"})
    assert r.status_code == 200 and r.json()["to"] == "reviewed"
    assert _state(app.path, app.record_id) == "reviewed"
    page = app.get(f"/records/{app.record_id}")
    assert "reviewed" in page.text
    api = app.get("/api/records.json?_size=500").json()["records"]
    assert {x["id"]: x["review"] for x in api}[app.record_id] == "reviewed"
    csv_text = app.get("/export/records.csv").text
    assert "review" in csv_text.splitlines()[0]


@pytest.mark.parametrize("how", ["none", "revoked", "other_ledger", "garbage"])
def test_writes_without_a_valid_token_are_403_and_logged(app, tmp_path, how):
    headers = {}
    if how == "revoked":
        conn = connect(app.path)
        reviewers.revoke(conn, "dana")
        conn.close()
        headers = {"Authorization": f"Bearer {app.token}"}
    elif how == "other_ledger":
        other = connect(tmp_path / "other.db")
        headers = {"Authorization": f"Bearer {reviewers.add(other, 'dana')}"}
    elif how == "garbage":
        headers = {"Authorization": "Bearer ' OR 1=1 --"}
    for action in ("accept", "correct", "reject"):
        r = app.post(f"/review/{app.record_id}", data={"action": action, "why": "x", "set.count": "1"},
                     headers=headers)
        assert r.status_code == 403, (how, action, r.text[:200])
    assert _state(app.path, app.record_id) == "machine"
    assert len(_refusals(app.path)) == 3


def test_every_other_write_stays_405(app):
    for path in ("/", f"/records/{app.record_id}", "/api/records.json", "/review", "/releases"):
        assert app.post(path, headers={"Authorization": f"Bearer {app.token}"}).status_code == 405, path
    r = app.loop.run_until_complete(app.ds.client.request("DELETE", f"/review/{app.record_id}"))
    assert r.status_code == 405


def test_signed_in_form_posts_need_the_csrf_token(app):
    signin_csrf, cookies = _csrf(app, {})
    r = app.post("/review/sign-in", data={"token": app.token, "csrftoken": signin_csrf}, cookies=cookies)
    assert r.status_code == 303 and r.cookies.get("etrack_token") == app.token
    cookies["etrack_token"] = app.token
    page = app.get("/review", cookies=cookies)
    assert "Signed in as" in page.text and 'action="/review/rec_' in page.text
    # Without the CSRF field: refused before the route runs.
    r = app.post(f"/review/{app.record_id}", data={"action": "accept", "why": "x"}, cookies=cookies)
    assert r.status_code == 403 and _state(app.path, app.record_id) == "machine"
    csrf, cookies = _csrf(app, cookies)
    queued = re.search(r'action="/review/(rec_[0-9a-f]+)"', page.text).group(1)
    r = app.post(f"/review/{queued}", data={"action": "reject", "why": "not a claim", "csrftoken": csrf},
                 cookies=cookies)
    assert r.status_code == 303 and _state(app.path, queued) == "rejected"


def test_a_bad_sign_in_is_403_and_logged_and_the_public_page_has_no_controls(app):
    csrf, cookies = _csrf(app, {})
    r = app.post("/review/sign-in", data={"token": "etr_nope", "csrftoken": csrf}, cookies=cookies)
    assert r.status_code == 403 and len(_refusals(app.path)) == 1
    public = app.get("/review").text
    assert "Sign in" in public and 'action="/review/rec_' not in public
    assert 'action="/review/' not in app.get(f"/records/{app.record_id}").text


EVIL = '"><script>alert(1)</script>\'; DROP TABLE records; --'


def test_injection_through_every_field_and_the_reason_is_inert(app):
    auth = {"Authorization": f"Bearer {app.token}"}
    conn = connect(app.path)
    quote_id = conn.execute("SELECT id FROM records WHERE kind = 'operation' ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    for field in ("count", "period", "places", "status", "sources", "span", "speaker", "category"):
        r = app.post(f"/review/{app.record_id}", data={"action": "correct", "why": EVIL, f"set.{field}": EVIL},
                     headers=auth)
        assert r.status_code in (200, 400), field
    r = app.post(f"/review/{quote_id}", data={"action": "correct", "why": EVIL, "set.name": EVIL}, headers=auth)
    assert r.status_code == 200
    with sqlite3.connect(app.path) as c:
        assert c.execute("SELECT count(*) FROM records").fetchone()[0] > 3
    page = app.get(f"/records/{quote_id}").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<script>alert(1)</script>" not in app.get("/review", headers=auth).text


def test_releases_page_lists_nothing_then_a_release(app, tmp_path):
    from enforcement_tracker.release import build_release

    assert "No release" in app.get("/releases").text
    conn = connect(app.path)
    result = build_release(conn, "3.1", tmp_path, released_on="2025-02-01")
    conn.close()
    page = app.get("/releases").text
    assert "3.1" in page and "2025-02-01" in page
    for f in result.files:
        assert f["name"] in page and f["sha256"] in page
        got = app.get(f"/releases/3.1/{f['name']}")
        assert got.status_code == 200 and len(got.content) == f["bytes"]
    escape = app.get("/releases/3.1/..%2F..%2Fledger.db")
    assert escape.status_code in (302, 404) and not escape.content.startswith(b"SQLite format")
    assert app.get("/releases/3.1/ledger.db").status_code == 404


def test_a_served_ledger_keeps_answering_after_cli_and_web_writes(app, tmp_path):
    # Regression: a writer that closed its connection removed the write-ahead log under the
    # server's read-only connections, whose next pages failed ("disk I/O error", "malformed").
    import urllib.request

    from _serve import served
    from enforcement_tracker.store import review

    with served(app.path, tmp_path / "server.log", ready="/review") as base:
        conn = connect(app.path)
        ids = [r[0] for r in conn.execute("SELECT id FROM records ORDER BY id LIMIT 3")]
        review.act(conn, ids[0], "accept", reviewer="cli", why="from the command line")
        conn.close()
        auth = {"Authorization": f"Bearer {app.token}", "Content-Type": "application/x-www-form-urlencoded"}
        for rid, body in ((None, None), (ids[1], b"action=correct&why=x&set.span=0-40"),
                          (ids[2], b"action=reject&why=x")):
            if rid:
                request = urllib.request.Request(f"{base}/review/{rid}", data=body, headers=auth, method="POST")
                assert urllib.request.urlopen(request, timeout=30).status == 200
            for other in ids:
                assert urllib.request.urlopen(f"{base}/records/{other}", timeout=30).status == 200


def test_the_review_filter_works_on_the_api_exports_and_feed(app):
    auth = {"Authorization": f"Bearer {app.token}"}
    assert app.post(f"/review/{app.record_id}", data={"action": "accept", "why": "ok"}, headers=auth).status_code == 200
    reviewed = app.get("/api/records.json?review=reviewed,verified").json()
    assert [r["id"] for r in reviewed["records"]] == [app.record_id] and reviewed["filters"]["review"] == "reviewed,verified"
    machine = app.get("/api/records.json?review=machine&_size=1000").json()["records"]
    assert machine and app.record_id not in {r["id"] for r in machine}
    csv_rows = app.get("/export/records.csv?review=reviewed").text.strip().splitlines()
    assert len(csv_rows) == 2 and app.record_id in csv_rows[1]
    assert app.record_id in app.get("/feeds/records.atom?review=reviewed").text
    bad = app.get("/api/records.json?review=approved")
    assert bad.status_code == 400 and bad.json()["parameter"] == "review"


def test_the_queue_takes_the_site_filter_bar(app):
    auth = {"Authorization": f"Bearer {app.token}"}
    page = app.get("/review?kind=quote", headers=auth).text
    assert 'class="filters"' in page and 'name="q"' in page
    shown = re.search(r'data-record="(rec_[0-9a-f]+)"', page).group(1)
    with sqlite3.connect(app.path) as c:
        assert c.execute("SELECT kind FROM records WHERE id = ?", (shown,)).fetchone()[0] == "quote"
    assert "Nothing awaits review under these filters" in app.get("/review?kind=cadence&place=Nowhere", headers=auth).text
    assert app.get("/review?kind=nonsense", headers=auth).status_code == 200  # the bad filter is said on the page


def test_reviewer_names_and_token_hashes_stay_out_of_datasette_tables(app):
    db = app.path.stem
    for path in (f"/{db}/reviewers", f"/{db}/reviewers.json", f"/{db}/ledger_identity.json"):
        r = app.get(path)
        assert r.status_code == 403, path
        assert "token_hash" not in r.text
    assert app.get(f"/{db}/audit_log.json").status_code == 200  # the log itself is public


def test_the_dashboard_counts_what_awaits_review(app):
    with sqlite3.connect(app.path) as c:
        total = c.execute("SELECT count(*) FROM records").fetchone()[0]
    assert f"{total:,}</strong> records awaiting review" in app.get("/").text
    app.post(f"/review/{app.record_id}", data={"action": "accept", "why": "ok"},
             headers={"Authorization": f"Bearer {app.token}"})
    assert f"{total - 1:,}</strong> records awaiting review" in app.get("/").text


def test_a_flagged_record_shows_the_newer_machine_reading_beside_the_reviewed_one(app):
    import json as _json

    from enforcement_tracker.models import Extraction, Record
    from enforcement_tracker.store import review
    from enforcement_tracker.store.reextract import reextract_document, stored_document

    conn = connect(app.path)
    review.act(conn, app.record_id, "correct", reviewer="dana", why="fix", changes={"count": "957"})
    doc_id = conn.execute("SELECT document_id FROM records WHERE id = ?", (app.record_id,)).fetchone()[0]
    records = []
    for rid, text in conn.execute("SELECT id, json FROM records WHERE document_id = ?", (doc_id,)):
        rec = Record.from_dict(_json.loads(text))
        if rid == app.record_id:
            rec.fields["count"] = {"value": 31337, "qualifier": "exact"}
        records.append(rec)
    reextract_document(conn, Extraction(stored_document(conn, doc_id), records))
    conn.close()
    page = app.get(f"/records/{app.record_id}").text
    assert "Second look" in page and "Machine (revision 2)" in page
    assert "31,337" in page or "31337" in page
