"""`etrack fetch`: article pages from a site on 127.0.0.1 into the ledger, with provenance and revisions."""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner

from _fetch_site import article, start_site
from enforcement_tracker.cli import main
from enforcement_tracker.fetch import FetchPolicy
from enforcement_tracker.fetch.client import Fetcher
from enforcement_tracker.fetch.pages import fetch_and_ingest
from enforcement_tracker.fetch.store import raw_page
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import connect

STORY = [
    "TULSA, Okla. — Federal immigration agents arrested 84 people in Tulsa on Tuesday, a spokesperson for "
    "Immigration and Customs Enforcement said in a statement released Wednesday morning.",
    "The arrests were part of a week of enforcement in eastern Oklahoma, the agency said, and more were planned.",
    "Local officials said they had not been told of the operation in advance and asked for a full accounting.",
]
CHANGED = STORY[:2] + ["Update: the agency later said 91 people had been arrested in Tulsa on Tuesday, not 84."]
SETTINGS = ExtractSettings(processes=1)


def policy() -> FetchPolicy:
    return FetchPolicy(allow_private=True, rate=100.0, retries=0, timeout=5.0)


def _with_etag(h):
    if h.headers.get("If-None-Match") == '"one"':
        h.reply(304, b"")
    else:
        h.reply(200, article("Agents arrest 84 in Tulsa", STORY), headers={"ETag": '"one"'})


@pytest.fixture
def site():
    site, stop = start_site({"/story": _with_etag})
    yield site
    stop()


def _fetch(conn, urls):
    with Fetcher(policy()) as f:
        return fetch_and_ingest(conn, urls, SETTINGS, f)


def _counts(conn):
    return (conn.execute("SELECT count(*) FROM documents").fetchone()[0],
            conn.execute("SELECT count(*) FROM records").fetchone()[0])


def test_a_fetched_article_keeps_its_page_and_provenance(site, tmp_path):
    site.routes["/short-link"] = (301, b"", "text/html", {"Location": "/story"})
    conn = connect(tmp_path / "l.db")
    summary = _fetch(conn, [site.url("/short-link")])
    assert summary.outcomes["new"] == 1, summary.words()
    doc = conn.execute("SELECT * FROM documents").fetchone()
    prov = conn.execute("SELECT * FROM document_provenance").fetchone()
    assert doc["title"] == "Agents arrest 84 in Tulsa" and doc["publisher"] == "Example Ledger Gazette"
    assert prov["url"] == site.url("/short-link") and prov["final_url"] == site.url("/story")
    assert prov["http_status"] == 200 and prov["fetched_at"].endswith("+00:00") and prov["page_revision"] == 1
    served = article("Agents arrest 84 in Tulsa", STORY).encode()
    assert prov["raw_sha256"] == hashlib.sha256(served).hexdigest()
    assert raw_page(conn, doc["id"]) == served  # the page can be extracted again later
    kinds = {r[0] for r in conn.execute("SELECT kind FROM records")}
    assert "arrest_count" in kinds, summary.words()


def test_a_refetched_unchanged_article_changes_nothing(site, tmp_path):
    conn = connect(tmp_path / "l.db")
    _fetch(conn, [site.url("/story")])
    before = _counts(conn)
    again = _fetch(conn, [site.url("/story")])
    assert again.outcomes["not_modified"] == 1  # the stored ETag came back: a 304
    assert site.hits_of("/story")[-1].headers["if-none-match"] == '"one"'
    site.routes["/story"] = (200, article("Agents arrest 84 in Tulsa", STORY))  # same bytes, no ETag now
    third = _fetch(conn, [site.url("/story?utm_source=newsletter&utm_medium=email")])
    assert third.outcomes["unchanged"] == 1, third.words()
    assert _counts(conn) == before


def test_a_changed_article_becomes_a_new_revision(site, tmp_path):
    conn = connect(tmp_path / "l.db")
    _fetch(conn, [site.url("/story")])
    site.routes["/story"] = (200, article("Agents arrest 91 in Tulsa", CHANGED))
    summary = _fetch(conn, [site.url("/story")])
    assert summary.outcomes["revised"] == 1, summary.words()
    revs = conn.execute("SELECT document_id, page_revision, previous_revision FROM document_provenance"
                        " ORDER BY page_revision").fetchall()
    assert [r[1] for r in revs] == [1, 2] and revs[1][2] == revs[0][0]
    # Both revisions stay, and each record says which revision it comes from.
    for doc_id, revision, _ in revs:
        assert conn.execute("SELECT count(*) FROM records WHERE document_id = ?", (doc_id,)).fetchone()[0] > 0
    assert _counts(conn)[0] == 2


def test_same_site_rel_canonical_names_the_article(site, tmp_path):
    site.routes["/amp/story"] = (200, article("Agents arrest 84 in Tulsa", STORY, canonical="/story"))
    conn = connect(tmp_path / "l.db")
    _fetch(conn, [site.url("/amp/story")])
    assert conn.execute("SELECT canonical_url FROM document_provenance").fetchone()[0] == site.url("/story")


def test_a_page_that_is_not_html_is_skipped(site, tmp_path):
    site.routes["/data.json"] = (200, b'{"a": 1}', "application/json")
    conn = connect(tmp_path / "l.db")
    summary = _fetch(conn, [site.url("/data.json")])
    assert summary.outcomes["skipped"] == 1 and _counts(conn) == (0, 0)


def test_cli_fetch_prints_a_summary(site, tmp_path):
    db = tmp_path / "l.db"
    result = CliRunner().invoke(main, ["fetch", site.url("/story"), "--db", str(db), "--allow-private-addresses",
                                       "--rate", "50"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("pages: 1 new; records: ") and f"ledger: {db}" in result.output


def test_cli_fetch_refuses_loopback_without_the_flag(site, tmp_path, monkeypatch):
    monkeypatch.delenv("ETRACK_ALLOW_PRIVATE_ADDRESSES", raising=False)
    result = CliRunner().invoke(main, ["fetch", site.url("/story"), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 1
    assert "loopback address" in result.output and "pages: 1 refused" in result.output
    assert site.hits == []


def test_cli_fetch_reads_urls_from_a_file(site, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# this morning's links\n{site.url('/story')}\n\n{site.url('/gone')}  # dead link\n")
    result = CliRunner().invoke(main, ["fetch", "--from-file", str(listing), "--db", str(tmp_path / "l.db"),
                                       "--allow-private-addresses", "--rate", "50"])
    assert result.exit_code == 1  # one of the two failed, and says so
    assert "pages: 1 new, 1 failed;" in result.output and "/gone: answered HTTP 404" in result.output


def test_cli_fetch_needs_a_url(tmp_path):
    result = CliRunner().invoke(main, ["fetch", "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 2 and "give at least one URL" in result.output


def test_the_revisions_of_one_page_are_one_document_of_an_event(site, tmp_path):
    conn = connect(tmp_path / "l.db")
    _fetch(conn, [site.url("/story")])
    # The update keeps the first paragraph, so both revisions carry the 84 arrests.
    site.routes["/story"] = (200, article("Agents arrest 84 in Tulsa", STORY[:1] + CHANGED[2:]))
    assert _fetch(conn, [site.url("/story")]).outcomes["revised"] == 1
    n_documents, n_records = conn.execute(
        "SELECT n_documents, n_records FROM events WHERE kind = 'arrest_count' AND label LIKE '84 %'").fetchone()
    assert (n_documents, n_records) == (1, 2)
