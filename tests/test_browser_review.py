"""Reviewing in a real browser (Playwright, Debian's Chromium): sign in with a token, clear three
records from the queue with the keyboard (accept, correct, reject), see the new states and the
machine's revision on the record pages; the public pages carry no write controls and a forged
POST is refused with 403."""

from __future__ import annotations

import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)")]
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")

from enforcement_tracker.pipeline import ingest_paths  # noqa: E402
from enforcement_tracker.settings import ExtractSettings  # noqa: E402
from enforcement_tracker.store import audit, connect, reviewers  # noqa: E402
from _serve import served  # noqa: E402
from test_browser import browser  # noqa: E402,F401  (Chromium launched as the other browser tests launch it)



@pytest.fixture(scope="module")
def ledger(tmp_path_factory, repo_root) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("browser_review") / "review.db"
    conn = connect(path)
    ingest_paths(conn, [repo_root / "examples" / n for n in ("01-chicago-surge-begins.txt", "02-daily-target.txt",
                                                              "09-syndicated-sunday-count.txt")],
                 ExtractSettings(processes=1))
    token = reviewers.add(conn, "gale")
    conn.close()
    return path, token


@pytest.fixture(scope="module")
def server(ledger, tmp_path_factory):
    path, _ = ledger
    with served(path, tmp_path_factory.mktemp("server_log") / "server.log", ready="/review") as base:
        yield base


def _state(path: Path, record_id: str) -> tuple[str, int]:
    with sqlite3.connect(path) as c:
        return tuple(c.execute("SELECT review, revision FROM records WHERE id = ?", (record_id,)).fetchone())


def _done(record_id: str):
    """The page the queue lands on after an action on record_id."""
    return lambda url: url.endswith(f"/review?done={record_id}")


def _current(page) -> str:
    return page.locator(".review-item").get_attribute("data-record")


def test_a_reviewer_clears_three_records_with_the_keyboard(server, ledger, browser):
    path, token = ledger
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/review")
    assert page.locator("form.review-sign-in").count() == 1 and page.locator(".review-form").count() == 0
    page.fill("input[name=token]", token)
    page.click("form.review-sign-in button")
    page.wait_for_selector("body[data-review-keys=on] .review-item")  # the page's shortcuts are live
    assert "gale" in page.locator(".reviewer").inner_text()

    # 1: accept with "a".
    first = _current(page)
    with page.expect_navigation(url=_done(first)):
        page.keyboard.press("a")
    assert page.locator(".review-done a").get_attribute("href") == f"/records/{first}"
    assert _state(path, first) == ("reviewed", 0)

    # 2: a correction: "c" goes to the first field; type the right value; Enter saves it.
    second = _current(page)
    assert second != first
    page.keyboard.press("c")
    focused = page.evaluate("document.activeElement.name")
    assert focused.startswith("set.")
    field = focused[len("set."):]
    value = {"count": "4242", "places": "Denver, CO", "status": "ended", "share": "0.25"}.get(field, "2025-01-20")
    page.keyboard.type(value)
    with page.expect_navigation(url=_done(second)):
        page.keyboard.press("Enter")
    assert _state(path, second) == ("reviewed", 1)

    # 3: reject with "r": the reason gets the focus; type it; Enter.
    third = _current(page)
    assert third not in (first, second)
    page.keyboard.press("r")
    assert page.evaluate("document.activeElement.id") == "review-why"
    page.keyboard.type("not a claim the text makes")
    with page.expect_navigation(url=_done(third)):
        page.keyboard.press("Enter")
    assert _state(path, third)[0] == "rejected"
    assert errors == []

    # The record pages show the new states, and the correction beside the machine's reading.
    page.goto(server + f"/records/{second}")
    assert page.locator(".review-panel .review-state").inner_text() == "reviewed"
    table = page.locator("table.review-side-by-side")
    assert table.count() == 1 and "Machine (revision 0)" in table.inner_text()
    assert page.locator("table.review-side-by-side tr.changed").count() >= 1
    page.goto(server + f"/records/{third}")
    assert page.locator(".review-panel .review-state").inner_text() == "rejected"
    page.goto(server + f"/records/{first}")
    assert "not a claim" not in page.content() and page.locator(".review-actions li").count() == 1
    context.close()


def test_the_public_sees_no_write_controls_and_a_forged_post_is_refused(server, ledger, browser):
    path, _ = ledger
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/review")
    assert page.locator(".review-form, button[value=accept]").count() == 0
    with sqlite3.connect(path) as c:
        rid = c.execute("SELECT id FROM records WHERE review = 'machine' LIMIT 1").fetchone()[0]
    page.goto(server + f"/records/{rid}")
    assert page.locator("form[method=post]").count() == 0
    # A page on another origin cannot post with the reviewer's cookie; a plain forged POST has none.
    request = urllib.request.Request(server + f"/review/{rid}", data=b"action=reject&why=forged", method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    assert _state(path, rid)[0] == "machine"
    conn = connect(path)
    try:
        logged = audit.entries(conn, action="refused")
    finally:
        conn.close()
    assert any(e["subject"] == rid and e["detail"]["reason"] == "no reviewer token" for e in logged)
    context.close()
