"""`etrack feeds`: RSS and Atom feeds from a site on 127.0.0.1, polled with conditional GET."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from _fetch_site import article, start_site
from enforcement_tracker.cli import main
from enforcement_tracker.cli.fetch import parse_every

TULSA = ["TULSA, Okla. — Federal immigration agents arrested 84 people in Tulsa on Tuesday, a spokesperson for "
         "Immigration and Customs Enforcement said in a statement.",
         "The arrests were part of a week of enforcement in eastern Oklahoma, the agency said."]
WICHITA = ["WICHITA, Kan. — Immigration agents detained 37 people in Wichita over the weekend, according to a "
           "statement from the Department of Homeland Security.",
           "City council members said they learned of the arrests from residents."]
SPORTS = ["The home team won 3-2 in overtime on Saturday night."]


def rss(items: list[tuple[str, str, str]]) -> str:
    body = "".join(f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid><description>{d}</description>"
                   f"<pubDate>Tue, 04 Feb 2025 12:00:00 GMT</pubDate></item>" for t, link, d in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Ledger Gazette</title>'
            f"<link>http://example.invalid/</link><description>news</description>{body}</channel></rss>")


ITEMS = [("Agents arrest 84 in Tulsa", "/tulsa", "Federal immigration agents arrested 84 people in Tulsa, ICE said."),
         ("Hawks win in overtime", "/sports", "The home team won on a late goal."),
         ("37 detained in Wichita", "/wichita", "Immigration agents detained 37 people in Wichita, DHS said.")]


class FeedRoute:
    """The feed: an ETag per version, a 304 when the client has the current one."""

    def __init__(self, items):
        self.items, self.version = list(items), 1

    def __call__(self, h):
        tag = f'"v{self.version}"'
        if h.headers.get("If-None-Match") == tag:
            h.reply(304, b"")
        else:
            h.reply(200, rss(self.items), "application/rss+xml", {"ETag": tag})


@pytest.fixture
def site():
    feed = FeedRoute(ITEMS)
    site, stop = start_site({
        "/feed.xml": feed,
        "/tulsa": (200, article("Agents arrest 84 in Tulsa", TULSA)),
        "/wichita": (200, article("37 detained in Wichita", WICHITA)),
        "/sports": (200, article("Hawks win in overtime", SPORTS)),
        "/home": (200, "<!doctype html><html><body><p>Front page</p></body></html>"),
    })
    site.feed = feed
    yield site
    stop()


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def poll(db) -> object:
    return run("feeds", "poll", "--once", "--db", str(db), "--allow-private-addresses", "--rate", "50")


def test_add_list_remove(site, tmp_path):
    db = str(tmp_path / "l.db")
    added = run("feeds", "add", site.url("/feed.xml"), "--name", "Gazette", "--db", db)
    assert added.exit_code == 0 and "following feed 1: Gazette" in added.output
    again = run("feeds", "add", site.url("/feed.xml"), "--db", db)
    assert again.exit_code == 1 and "already followed as feed 1" in again.output
    listed = run("feeds", "list", "--db", db)
    assert "Gazette" in listed.output and "never" in listed.output
    removed = run("feeds", "remove", "1", "--db", db)
    assert removed.exit_code == 0 and "no longer following feed 1" in removed.output
    assert "no feeds" in run("feeds", "list", "--db", db).output
    missing = run("feeds", "remove", "7", "--db", db)
    assert missing.exit_code == 1 and "no feed '7'" in missing.output


def test_add_refuses_what_is_not_http(tmp_path):
    result = run("feeds", "add", "file:///etc/passwd", "--db", str(tmp_path / "l.db"))
    assert result.exit_code == 1 and "only http:// and https://" in result.output


def test_poll_ingests_new_entries_and_skips_off_topic_ones(site, tmp_path):
    db = tmp_path / "l.db"
    run("feeds", "add", site.url("/feed.xml"), "--name", "Gazette", "--db", str(db))
    first = poll(db)
    assert first.exit_code == 0, first.output
    assert "feed 1 (Gazette): 2 new, 0 unchanged, 0 failed, 1 skipped as off-topic" in first.output
    assert site.hits_of("/sports") == []  # off-topic: never fetched
    from enforcement_tracker.store import connect
    conn = connect(db)
    vias = {r[0] for r in conn.execute("SELECT via FROM document_provenance")}
    assert vias == {"feed:1"} and conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2

    second = poll(db)
    assert "feed 1 (Gazette): unchanged (304)" in second.output
    assert site.hits_of("/feed.xml")[-1].headers["if-none-match"] == '"v1"'

    site.feed.items.insert(0, ("Update: 91 arrested in Tulsa", "/tulsa-update",
                               "Agents arrested 91 people in Tulsa, ICE said, revising its count."))
    site.feed.version = 2
    site.routes["/tulsa-update"] = (200, article("91 arrested in Tulsa", TULSA[:1] + [
        "The agency later said 91 people had been arrested in Tulsa, not 84, after counting again."]))
    third = poll(db)
    assert "feed 1 (Gazette): 1 new, 2 unchanged, 0 failed, 1 skipped as off-topic" in third.output, third.output
    assert len(site.hits_of("/tulsa")) == 1  # seen entries are not fetched again
    from enforcement_tracker.fetch.feeds import list_feeds
    feed = list_feeds(conn)[0]
    assert feed.last_outcome.startswith("1 new, 2 unchanged") and feed.entries == 4 and feed.last_polled_at


def test_atom_feeds_are_read(site, tmp_path):
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
            '<id>urn:example:wire</id><updated>2025-02-04T12:00:00Z</updated>'
            '<entry><title>37 detained in Wichita</title><id>urn:example:wichita</id>'
            '<updated>2025-02-04T12:00:00Z</updated><link href="/wichita"/>'
            "<summary>Immigration agents detained 37 people in Wichita, DHS said.</summary></entry></feed>")
    site.routes["/atom.xml"] = (200, atom, "application/atom+xml")
    db = tmp_path / "l.db"
    run("feeds", "add", site.url("/atom.xml"), "--db", str(db))
    result = poll(db)
    assert "1 new, 0 unchanged, 0 failed" in result.output, result.output


def test_a_page_that_is_no_feed_fails_its_feed_only(site, tmp_path):
    db = tmp_path / "l.db"
    run("feeds", "add", site.url("/home"), "--db", str(db))
    run("feeds", "add", site.url("/feed.xml"), "--db", str(db))
    result = poll(db)
    assert result.exit_code == 1
    assert "feed 1 (" in result.output and "is not an RSS or Atom feed" in result.output
    assert "feed 2 (" in result.output and "2 new" in result.output


def test_a_feed_cannot_probe_the_local_network(site, tmp_path, monkeypatch):
    monkeypatch.delenv("ETRACK_ALLOW_PRIVATE_ADDRESSES", raising=False)
    db = tmp_path / "l.db"
    run("feeds", "add", site.url("/feed.xml"), "--db", str(db))
    result = run("feeds", "poll", "--db", str(db))
    assert result.exit_code == 1 and "loopback address" in result.output
    assert site.hits == []


def test_every_reads_durations():
    assert parse_every("15m") == 900 and parse_every("2h") == 7200 and parse_every("90s") == 90
    assert parse_every("30") == 1800  # a bare number is minutes
    for bad in ("soon", "10s", "-5m"):
        with pytest.raises(Exception):
            parse_every(bad)


def test_poll_with_no_feeds_says_so(tmp_path):
    result = run("feeds", "poll", "--db", str(tmp_path / "l.db"))
    assert result.exit_code == 0 and "no feeds in" in result.output


def test_once_and_every_do_not_go_together(tmp_path):
    result = run("feeds", "poll", "--once", "--every", "15m", "--db", str(tmp_path / "l.db"))
    assert result.exit_code == 2 and "pick one" in result.output


def test_a_bad_rate_setting_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("ETRACK_FETCH_RATE", "fast")
    result = run("fetch", "https://news.example/a", "--db", str(tmp_path / "l.db"))
    assert result.exit_code == 1 and "ETRACK_FETCH_RATE='fast' is not a number" in result.output


@pytest.mark.parametrize("title, summary, expected", [
    ("ICE raids in Tulsa", "", True),
    ("Border Patrol detains 41 farmworkers", "", True),
    ("Hawks win in overtime", "The home team won on a late goal.", False),
    ("City budget vote delayed", "<p>The council will meet again on <b>Tuesday</b>.</p>", False),
])
def test_the_topic_test_reads_titles_and_summaries(title, summary, expected):
    from enforcement_tracker.fetch.feeds import on_topic
    assert on_topic(title, summary) is expected


def test_every_polls_again_until_interrupted(site, tmp_path, monkeypatch):
    import enforcement_tracker.cli.fetch as cli_fetch

    naps = []

    def nap(seconds):
        naps.append(seconds)
        if len(naps) == 2:
            raise KeyboardInterrupt
    monkeypatch.setattr(cli_fetch, "wait_between_polls", nap)
    db = tmp_path / "l.db"
    run("feeds", "add", site.url("/feed.xml"), "--db", str(db))
    result = run("feeds", "poll", "--every", "15m", "--db", str(db), "--allow-private-addresses", "--rate", "50")
    assert result.exit_code == 0, result.output
    assert naps == [900.0, 900.0]
    lines = [line for line in result.output.splitlines() if line.startswith("feed 1")]
    assert lines[0].endswith("2 new, 0 unchanged, 0 failed, 1 skipped as off-topic")
    assert lines[1:] == ["feed 1 (" + site.url("/feed.xml") + "): unchanged (304), no entries read"]
    assert "stopped" in result.output
