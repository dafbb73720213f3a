"""The web ledger in a real browser: Playwright driving Debian's Chromium, with the network cut.

The ledger is built from examples/ with `etrack ingest` (plus the official figures the examples
restate, and a document that tries to run script). The server runs in a subprocess on a free
loopback port. Every request to any other host is refused and counted as a failure, so the
charts and the map must draw from what the package ships. Screenshots go to a folder printed
at the end of the run (ETRACK_SCREENSHOTS names another).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)")]
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")

from enforcement_tracker.publish.synthetic import PRIVATE_NAME, hostile_extraction, linked_extraction  # noqa: E402
from enforcement_tracker.store import db, save_extraction  # noqa: E402
from _serve import served  # noqa: E402

LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync",
               # The network is cut for the page: nothing resolves but the loopback test server.
               "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
# Facts the example reports restate (examples/README.md): what ICE posted, and the FOIA weeks.
POSTED = [("2025-01-23", 538), ("2025-01-24", 593), ("2025-01-25", 286), ("2025-01-26", 956),
          ("2025-01-27", 1179), ("2025-01-28", 969), ("2025-01-31", 864)]
WEEKS = [("2025-01-20", "2025-01-26", 3152, 0.51), ("2025-01-27", "2025-02-02", 4977, 0.57)]
HOSTILE = hostile_extraction()
SCRIPT_URL = linked_extraction(" Java\tScript:window.__pwned=3")  # front matter `url:` that tries to run script


def _etrack(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "enforcement_tracker", *args], capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, repo_root) -> Path:
    path = tmp_path_factory.mktemp("browser") / "examples.db"
    # Examples 01-15 are the ones POSTED and WEEKS restate; later examples (other years) hold newer
    # daily claims, which would move the dashboard's daily window away from those days.
    reports = tmp_path_factory.mktemp("reports")
    for source in sorted((repo_root / "examples").glob("[0-9][0-9]-*")):
        if int(source.name[:2]) <= 15:
            shutil.copy(source, reports / source.name)
    result = _etrack("ingest", str(reports), "--db", str(path))
    assert result.returncode == 0, result.stderr
    conn = db.connect(path)
    conn.executemany("INSERT INTO ice_posted_daily (date, arrests, source_note) VALUES (?, ?, 'examples/README.md')",
                     POSTED)
    conn.executemany("INSERT INTO foia_arrests_weekly (week_start, week_end, arrests_total, share_without_conviction,"
                     " source) VALUES (?, ?, ?, ?, 'examples/README.md')", WEEKS)
    save_extraction(conn, HOSTILE)
    save_extraction(conn, SCRIPT_URL)
    conn.close()
    _etrack("check", "--db", str(path))  # fills `checks` when it can; the pages work either way
    return path


@pytest.fixture(scope="module")
def server(ledger, tmp_path_factory):
    with served(ledger, tmp_path_factory.mktemp("server_log") / "server.log") as base:
        yield base


@pytest.fixture(scope="module")
def shots(tmp_path_factory, request) -> Path:
    folder = Path(os.environ.get("ETRACK_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\nbrowser screenshots: {folder}")


class Watch:
    """Console errors, failed requests, error responses and any request that left the machine."""

    def __init__(self, page, base: str):
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        page.on("response", lambda r: self.failed.append(f"{r.url} {r.status}") if r.status >= 400 else None)
        page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))

        def route(r):
            if r.request.url.startswith(base):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()
        page.route("**/*", route)

    def assert_clean(self) -> None:
        assert self.outside == [], "requests left the machine"
        assert self.failed == []
        assert self.errors == []


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = Watch(page, server)
    yield page
    context.close()


def test_dashboard_draws_charts_and_map_offline(page, server, shots):
    page.goto(server + "/")
    page.wait_for_selector("#daily-chart circle.claim")
    page.wait_for_selector("#ops-map circle.place")
    assert page.locator("#ops-map path.state").count() == 51
    assert page.locator("#daily-chart circle.posted").count() == len(POSTED)
    assert page.locator("#daily-chart line.foia").count() == len(WEEKS)
    assert page.locator("#daily-chart rect.target").count() >= 1
    assert page.locator("#ops-timeline circle.op").count() >= 3
    assert page.locator("#share-chart rect.claimed").count() >= 1
    box = page.locator("#ops-map").bounding_box()
    assert box and box["width"] > 600 and box["height"] > 350  # drawn at size, not collapsed
    assert PRIVATE_NAME not in page.content()
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    page.watch.assert_clean()


def test_record_page_highlights_the_quote(page, server, shots):
    with urllib.request.urlopen(server + "/api/records.json?kind=target&_size=1&_shape=array") as r:
        import json
        record = json.loads(r.read())[0]
    page.goto(server + f"/records/{record['id']}")
    mark = page.locator("mark#quote")
    mark.wait_for()
    assert " ".join(mark.inner_text().split()) == " ".join(record["quote"].split())
    colour = mark.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(shots / "record.png"), full_page=True)
    page.watch.assert_clean()


@pytest.mark.parametrize("path", [f"/documents/{HOSTILE.document.id}", "/records/{record}", "/{db}/documents"])
def test_injected_script_never_runs(page, server, shots, ledger, path):
    record = sqlite3.connect(ledger).execute("SELECT id FROM records WHERE document_id = ? LIMIT 1",
                                             (HOSTILE.document.id,)).fetchone()[0]
    page.goto(server + path.format(record=record, db=ledger.stem))
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("() => [...document.scripts].some(s => s.textContent.includes('__pwned'))") is False
    assert "<script>window.__pwned" in page.inner_text("body")  # shown as text
    name = path.strip("/").split("/")[0].replace("{db}", "table")
    page.screenshot(path=str(shots / f"hostile-{name}.png"), full_page=True)
    page.watch.assert_clean()


CSP_WATCH = ("window.__csp = []; document.addEventListener('securitypolicyviolation',"
             " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


def test_script_url_is_no_link_and_the_policy_blocks_nothing_we_ship(page, server, shots, ledger):
    page.add_init_script(CSP_WATCH)  # injected by the browser itself, so the policy does not apply to it
    for path in (f"/documents/{SCRIPT_URL.document.id}", f"/records/{SCRIPT_URL.records[0].id}"):
        response = page.goto(server + path)
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert page.locator("a[href*='script:' i]").count() == 0
        shown = page.locator("span.url")
        assert "window.__pwned=3" in shown.inner_text()
        shown.click()  # text, not a link: nothing runs, nothing opens
        assert page.evaluate("() => window.__pwned") is None
        assert page.evaluate("() => window.__csp") == []
    page.screenshot(path=str(shots / "script-url.png"), full_page=True)
    # Our dashboard and Datasette's own pages (with their hashed inline scripts) under the policy.
    for path in ("/", f"/{ledger.stem}/records?_facet=kind", f"/{ledger.stem}"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__csp") == [], path
    page.goto(server + "/")
    page.wait_for_selector("#daily-chart circle.claim")
    page.wait_for_selector("#ops-map circle.place")
    page.locator("details.nav-menu summary").click()  # Datasette's menu script runs under the policy
    assert page.locator("details.nav-menu").get_attribute("open") is not None
    page.locator("h1").click()
    assert page.locator("details.nav-menu").get_attribute("open") is None
    assert page.evaluate("() => window.__csp") == []
    page.watch.assert_clean()
