"""The web ledger a reporter uses, in Chromium: the filter bar, an event, a check headline, a phone,
the keyboard, and an accessibility check run offline in the page.

Reuses test_browser.py's ledger (examples/ plus the official figures they restate) and server.
The accessibility check is axe-core when it is installed from npm into `.axe/` at the repository
root (`npm install --prefix .axe axe-core@4`) or where ETRACK_AXE names its axe.min.js; our own
checks (lang, landmarks, labels, link names, chart text alternatives, contrast of every text
node against its background) run either way. Screenshots go where test_browser.py prints.
"""

from __future__ import annotations

import json
import os
import re
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from test_browser import CHROMIUM, LAUNCH_ARGS, Watch, browser, ledger, playwright_api, server, shots  # noqa: F401

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)")]

AXE = Path(os.environ.get("ETRACK_AXE") or Path(__file__).resolve().parents[1] / ".axe" / "node_modules" /
           "axe-core" / "axe.min.js")
PAGES = ["/", "/records", "/events", "/methodology", "/codebook", "/?place=Chicago,%20IL"]

# Our own accessibility checks, run in the page: what axe's serious rules look for that we can
# state plainly. Returns a list of problems, each a short string.
OWN_CHECKS = r"""() => {
  const problems = [];
  const html = document.documentElement;
  if (!html.lang) problems.push('html has no lang');
  if (document.querySelectorAll('main').length !== 1) problems.push('not exactly one main landmark');
  if (!document.querySelector('header') || !document.querySelector('footer')) problems.push('no header or footer');
  if (!document.querySelector('a[href="#main"]')) problems.push('no skip link');
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden') continue;
    const label = el.id && document.querySelector(`label[for="${el.id}"]`);
    if (!label && !el.getAttribute('aria-label')) problems.push('unlabelled field ' + (el.name || el.id));
  }
  for (const a of document.querySelectorAll('a[href]')) {
    const name = (a.textContent || '').trim() || a.getAttribute('aria-label') || (a.querySelector('title') || {}).textContent;
    if (!name) problems.push('link without a name ' + a.getAttribute('href'));
  }
  for (const svg of document.querySelectorAll('svg.chart, svg.map')) {
    // A chart whose marks are links is a group of links (role=img would hide them), named either way.
    if (!['img', 'group'].includes(svg.getAttribute('role')) || !svg.getAttribute('aria-label')) problems.push('chart without text ' + svg.id);
  }
  const ids = {};
  for (const el of document.querySelectorAll('[id]')) { if (ids[el.id]) problems.push('duplicate id ' + el.id); ids[el.id] = 1; }
  const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0.9)) return c;
    }
    return [255, 255, 255];
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest('svg') || el.closest('.skip-link')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || !el.getClientRects().length) continue;
    const fg = rgb(style.color), bg = background(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)} for "${node.textContent.trim().slice(0, 30)}" (${style.color} on rgb(${bg}))`);
  }
  return [...new Set(problems)];
}"""


@pytest.fixture
def page(browser, server):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = Watch(page, server)
    yield page
    context.close()


def _api(server, path):
    with urllib.request.urlopen(server + path) as r:
        return json.loads(r.read())


def test_the_filter_bar_changes_the_page_and_its_downloads(page, server, shots):  # noqa: F811
    page.goto(server + "/")
    page.wait_for_selector("#ops-map circle.place")
    everywhere = page.locator("#ops-map circle.place").count()
    page.fill("#f-place", "Chicago, IL")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*place=Chicago"))
    assert parse_qs(urlparse(page.url).query)["place"] == ["Chicago, IL"]
    assert "Showing: Chicago, IL" in page.inner_text("p.selection")
    assert page.locator("#ops-map circle.place").count() == 1 < everywhere
    for link in page.locator("a.download").all():
        assert parse_qs(urlparse(link.get_attribute("href")).query)["place"] == ["Chicago, IL"]
    csv = page.locator("a.download", has_text="CSV").get_attribute("href")
    with urllib.request.urlopen(server + csv) as r:
        lines = r.read().decode().splitlines()[1:]
    assert lines and all("Chicago" in line for line in lines)
    page.screenshot(path=str(shots / "dashboard-chicago.png"), full_page=True)
    page.go_back()
    page.wait_for_selector("#ops-map circle.place")
    assert page.locator("#ops-map circle.place").count() == everywhere  # the URL is the state
    page.watch.assert_clean()


def test_an_event_reported_by_several_documents(page, server, shots):  # noqa: F811
    event = _api(server, "/api/events.json?kind=operation&min_documents=3")["events"][0]
    page.goto(server + "/events?kind=operation")
    page.click(f'a[href="/events/{event["id"]}"]')
    page.wait_for_url(re.compile(r".*/events/evt_"))
    assert page.locator("h1").inner_text().startswith("Operation")
    assert page.locator("ul.outlets li").count() == event["n_independent_sources"] >= 2
    assert page.locator("ol.history li").count() >= 3
    reports = page.locator("#reports-h ~ div table tbody tr").count()
    assert reports == event["n_records"]
    page.screenshot(path=str(shots / "event.png"), full_page=True)
    page.watch.assert_clean()


def test_a_check_headline_on_a_record_page(page, server, shots):  # noqa: F811
    found = _api(server, "/api/records.json?kind=arrest_count&_size=200")["records"]
    checked = next(r for r in found if r["check_code"] in ("higher", "lower", "matches"))
    page.goto(server + f"/records/{checked['id']}")
    headline = page.locator("p.headline")
    assert checked["check_headline"] in " ".join(headline.inner_text().split())
    assert headline.locator(".code").inner_text().lower().startswith(checked["check_code"].replace("matches", "matches"))
    assert "ICE" in headline.inner_text()
    page.screenshot(path=str(shots / "check-headline.png"), full_page=True)
    page.watch.assert_clean()


def test_no_horizontal_scroll_on_a_phone(browser, server, shots):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    rec = _api(server, "/api/records.json?kind=operation&_size=1")["records"][0]
    event = _api(server, "/api/events.json?_size=1")["events"][0]
    try:
        for path in PAGES + [f"/records/{rec['id']}", f"/documents/{rec['document_id']}", event["url"]]:
            page.goto(server + path)
            page.wait_for_load_state("load")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
        page.goto(server + "/")
        page.screenshot(path=str(shots / "phone-dashboard.png"), full_page=True)
    finally:
        context.close()


def test_keyboard_only_to_a_record(page, server):  # noqa: F811
    page.goto(server + "/records")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    for _ in range(80):
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.getAttribute('href') || ''")
        if re.fullmatch(r"/records/rec_[0-9a-f]+", href):
            break
    else:
        pytest.fail("no record link reached by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/records/rec_[0-9a-f]+$"))
    assert page.locator("blockquote.claim").count() == 1


@pytest.mark.parametrize("path", PAGES)
def test_our_own_accessibility_checks(page, server, path):  # noqa: F811
    page.goto(server + path)
    page.wait_for_load_state("load")
    assert page.evaluate(OWN_CHECKS) == []


@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core not installed at {AXE} (npm install --prefix .axe axe-core@4)")
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violations(browser, server, path):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(server + path)
        page.wait_for_load_state("load")
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                               ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                               ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))")
        assert result == []
    finally:
        context.close()
