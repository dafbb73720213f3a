"""Wire copies: measured on pairs we wrote, then end to end through the ledger and the events."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from _fetch_site import article
from enforcement_tracker.fetch import copies
from enforcement_tracker.fetch.client import Page
from enforcement_tracker.fetch.pages import ingest_pages
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import connect

PAIRS = Path(__file__).parent / "data" / "fetch" / "copies"


def family(name: str) -> str:
    """wire_omaha and copy_omaha_* are one family; each other_* story is its own."""
    kind, event = name.split("_")[:2]
    return event if kind in ("wire", "copy") else name


def texts() -> dict[str, str]:
    return {p.stem: p.read_text("utf-8") for p in sorted(PAIRS.glob("*.txt"))}


def scored_pairs():
    found = texts()
    prints = {k: copies.signature(v) for k, v in found.items()}
    assert all(prints.values()), "every test story is long enough to compare"
    return [(copies.containment(prints[a], prints[b]), family(a) == family(b), a, b)
            for a, b in combinations(sorted(found), 2)]


def precision_recall(pairs, threshold: float) -> tuple[float, float]:
    tp = sum(1 for s, same, *_ in pairs if same and s >= threshold)
    fp = sum(1 for s, same, *_ in pairs if not same and s >= threshold)
    positives = sum(1 for _, same, *_ in pairs if same)
    return (tp / (tp + fp) if tp + fp else 1.0), tp / positives


def test_threshold_precision_and_recall_on_our_pairs(capsys):
    pairs = scored_pairs()
    positives = [p for p in pairs if p[1]]
    negatives = [p for p in pairs if not p[1]]
    assert len(positives) >= 20 and len(negatives) >= 90
    precision, recall = precision_recall(pairs, copies.THRESHOLD)
    weakest_copy, closest_other = min(positives), max(negatives)
    with capsys.disabled():
        print(f"\nwire copies at containment >= {copies.THRESHOLD}: precision {precision:.2f}, recall {recall:.2f} "
              f"over {len(positives)} copy pairs and {len(negatives)} other pairs; weakest copy "
              f"{weakest_copy[0]:.2f} ({weakest_copy[2]} / {weakest_copy[3]}), closest non-copy "
              f"{closest_other[0]:.2f} ({closest_other[2]} / {closest_other[3]})")
    assert precision == 1.0 and recall == 1.0
    # The threshold sits in the gap, with room on both sides for the estimate's noise (128 values:
    # about ±0.07 of containment at one standard deviation, for these lengths).
    assert closest_other[0] + 0.1 < copies.THRESHOLD < weakest_copy[0] - 0.1


def test_same_event_stories_by_other_outlets_are_not_copies():
    for score, same, a, b in scored_pairs():
        if "other" in a + b and not same:
            assert score < copies.THRESHOLD, (a, b, score)


@pytest.mark.parametrize("text, wire", [
    ("... more.\n\nThe Associated Press contributed to this report.", "AP"),
    ("DENVER (AP) — Agents arrested ...", "AP"),
    ("By THE ASSOCIATED PRESS\n\nAgents ...", "AP"),
    ("FRESNO, Calif. (Reuters) - Agents ...", "Reuters"),
    ("Reuters contributed to this report.", "Reuters"),
    ("PARIS (AFP) — ...", "AFP"),
    ("This story is part of States Newsroom, a network of outlets.", "States Newsroom"),
])
def test_credit_lines_name_the_wire(text, wire):
    assert copies.credited_wire(text).short == wire


@pytest.mark.parametrize("name", ["other_omaha_tv", "other_omaha_weekly", "other_fresno_local"])
def test_no_credit_line_in_independent_stories(name):
    assert copies.credited_wire((PAIRS / f"{name}.txt").read_text("utf-8")) is None


def _page(name: str, outlet: str, n: int) -> tuple[str, str, Page]:
    body = (PAIRS / f"{name}.txt").read_text("utf-8").split("\n\n")
    html = article(f"{name.replace('_', ' ')}", body, site_name=outlet, published="2025-02-10").encode()
    url = f"https://outlet{n}.example/{name}"
    return url, "test", Page(url=url, final_url=url, status=200, fetched_at="2025-02-10T12:00:00+00:00", body=html,
                             content_type="text/html", charset="utf-8")


def test_copies_are_linked_to_their_origin_and_counted_once(tmp_path):
    conn = connect(tmp_path / "l.db")
    pages = [_page("wire_omaha", "The Associated Press", 0),
             _page("copy_omaha_trimmed", "Example Plains Courier", 1),
             _page("copy_omaha_local_intro", "Example Omaha Ledger", 2),
             _page("copy_omaha_edited", "Example River Times", 3),
             _page("other_omaha_tv", "Example Channel 7", 4),
             _page("other_omaha_weekly", "Example South Omaha Weekly", 5)]
    summary = ingest_pages(conn, pages, ExtractSettings(processes=1))
    assert summary.outcomes["new"] == 6 and summary.copies == 3, summary.words()
    rows = conn.execute("SELECT p.url, c.origin_id, c.outlet, c.short, c.similarity, c.method, d.syndicated_from"
                        " FROM document_copies c JOIN document_provenance p ON p.document_id = c.document_id"
                        " JOIN documents d ON d.id = c.document_id ORDER BY p.url").fetchall()
    wire_id = conn.execute("SELECT document_id FROM document_provenance WHERE url LIKE '%wire_omaha'").fetchone()[0]
    assert [r[0].rsplit("/", 1)[1] for r in rows] == ["copy_omaha_trimmed", "copy_omaha_local_intro",
                                                     "copy_omaha_edited"]
    for _, origin, outlet, short, similarity, method, syndicated in rows:
        assert origin == wire_id and outlet == "The Associated Press" and short == "AP" and method == "minhash"
        assert similarity >= copies.THRESHOLD and syndicated == "The Associated Press"
    # The 132 arrests: every report of it counts as a document, but the wire's copies as the wire.
    event = conn.execute("SELECT id, n_documents, n_independent_sources FROM events WHERE kind = 'arrest_count'"
                         " AND label LIKE '132 %' ORDER BY n_documents DESC LIMIT 1").fetchone()
    assert event is not None, [tuple(r) for r in conn.execute("SELECT label, n_documents FROM events")]
    in_event = {r[0] for r in conn.execute("SELECT DISTINCT r.document_id FROM event_records e JOIN records r"
                                           " ON r.id = e.record_id WHERE e.event_id = ?", (event[0],))}
    copied = in_event & {r[0] for r in conn.execute("SELECT document_id FROM document_copies")}
    assert wire_id in in_event and len(copied) >= 2 and event[1] == len(in_event)
    assert event[2] == len(in_event) - len(copied)


def test_a_credit_line_without_a_stored_origin_still_names_the_wire(tmp_path):
    conn = connect(tmp_path / "l.db")
    ingest_pages(conn, [_page("copy_fresno_edited", "Example Valley Bee", 0)], ExtractSettings(processes=1))
    row = conn.execute("SELECT origin_id, outlet, short, method FROM document_copies").fetchone()
    assert tuple(row) == (None, "Reuters", "Reuters", "credit")
    assert conn.execute("SELECT syndicated_from FROM documents").fetchone()[0] == "Reuters"


def test_the_wire_itself_is_no_copy(tmp_path):
    conn = connect(tmp_path / "l.db")
    ingest_pages(conn, [_page("wire_fresno", "Reuters", 0)], ExtractSettings(processes=1))
    assert conn.execute("SELECT count(*) FROM document_copies").fetchone()[0] == 0


def test_the_document_page_says_copy_of_and_where_it_was_fetched(tmp_path):
    import asyncio

    from enforcement_tracker.publish import make_datasette

    path = tmp_path / "l.db"
    conn = connect(path)
    ingest_pages(conn, [_page("wire_omaha", "The Associated Press", 0),
                        _page("copy_omaha_edited", "Example River Times", 1)], ExtractSettings(processes=1))
    copy_id, wire_id = (conn.execute("SELECT document_id FROM document_provenance WHERE url LIKE ?", (f"%{n}",))
                        .fetchone()[0] for n in ("copy_omaha_edited", "wire_omaha"))
    conn.close()
    ds = make_datasette(path)
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(ds.invoke_startup())
        page = loop.run_until_complete(ds.client.get(f"/documents/{copy_id}"))
        origin = loop.run_until_complete(ds.client.get(f"/documents/{wire_id}"))
    finally:
        loop.close()
    assert page.status_code == 200
    assert f'Copy of <a href="/documents/{wire_id}">wire omaha</a> (AP)' in page.text
    assert "Fetched 2025-02-10T12:00:00+00:00 from" in page.text and "revision 1 of this page" in page.text
    assert origin.status_code == 200 and "Copy of" not in origin.text


def test_the_wire_arriving_after_its_copy_becomes_the_origin(tmp_path):
    conn = connect(tmp_path / "l.db")
    settings = ExtractSettings(processes=1)
    ingest_pages(conn, [_page("copy_fresno_nocredit", "Example Valley Bee", 0),
                        _page("other_fresno_local", "Example Selma Enterprise", 1)], settings)
    assert conn.execute("SELECT count(*) FROM document_copies").fetchone()[0] == 0  # no credit line, no origin yet
    ingest_pages(conn, [_page("wire_fresno", "Reuters", 2)], settings)
    wire_id, copy_id = (conn.execute("SELECT document_id FROM document_provenance WHERE url LIKE ?", (f"%{n}",))
                        .fetchone()[0] for n in ("wire_fresno", "copy_fresno_nocredit"))
    row = conn.execute("SELECT document_id, origin_id, outlet, short FROM document_copies").fetchone()
    assert tuple(row) == (copy_id, wire_id, "Reuters", "Reuters")
    assert conn.execute("SELECT syndicated_from FROM documents WHERE id = ?", (copy_id,)).fetchone()[0] == "Reuters"
    # The 41 detentions: three reports, two outlets (the Bee's copy is Reuters' story).
    event = conn.execute("SELECT id, n_documents, n_independent_sources FROM events WHERE label LIKE '%41%'"
                         " ORDER BY n_documents DESC LIMIT 1").fetchone()
    assert event is not None, [tuple(r) for r in conn.execute("SELECT label, n_documents FROM events")]
    in_event = {r[0] for r in conn.execute("SELECT DISTINCT r.document_id FROM event_records e JOIN records r"
                                           " ON r.id = e.record_id WHERE e.event_id = ?", (event[0],))}
    assert {wire_id, copy_id} <= in_event
    assert event[2] == event[1] - 1


def test_an_earlier_dated_story_is_the_origin_of_a_later_copy_stored_first(tmp_path):
    conn = connect(tmp_path / "l.db")
    settings = ExtractSettings(processes=1)
    later = _page("copy_omaha_edited", "Example River Times", 0)
    later[2].body = later[2].body.replace(b"2025-02-10", b"2025-02-12")
    ingest_pages(conn, [later], settings)
    ingest_pages(conn, [_page("copy_omaha_trimmed", "Example Plains Courier", 1)], settings)  # dated 2025-02-10
    rows = conn.execute("SELECT p.url, c.origin_id, c.outlet, c.method FROM document_copies c"
                        " JOIN document_provenance p ON p.document_id = c.document_id ORDER BY p.url").fetchall()
    # The Plains Courier's is dated two days earlier: it is the family's origin, and the River
    # Times' story its copy; both are the AP's story, as the Courier's dateline credit says.
    courier = conn.execute("SELECT document_id FROM document_provenance WHERE url LIKE '%trimmed'").fetchone()[0]
    assert [(r[0].rsplit("/", 1)[1], r[1], r[2], r[3]) for r in rows] == [
        ("copy_omaha_edited", courier, "The Associated Press", "minhash"),
        ("copy_omaha_trimmed", None, "The Associated Press", "credit")]
    assert {r[0] for r in conn.execute("SELECT syndicated_from FROM documents")} == {"The Associated Press"}


@pytest.mark.parametrize("wire", copies.wires(), ids=lambda w: w.short)
def test_every_credit_pattern_match_holds_one_of_its_wire_s_needles(wire):
    """The needles let credited_wire skip a text: a line a pattern matches must never be skipped."""
    lines = {"AP": ["Associated Press writer Jo Doe contributed.", "DENVER (AP) — x", "By THE ASSOCIATED PRESS",
                    "— The Associated Press", "Copyright 2025 The Associated Press"],
             "Reuters": ["(Reuters) - x", "Reporting by Jo Doe; Editing by Al Roe", "— Reuters"],
             "AFP": ["AFP contributed to this report.", "Agence France-Presse contributed."],
             "States Newsroom": ["It is part of States Newsroom."]}[wire.short]
    assert wire.needles
    for line in lines:
        assert any(p.search(line) for p in wire.patterns), line
        assert any(n in line.lower() for n in wire.needles), line
        assert copies.credited_wire(line) is wire, line
