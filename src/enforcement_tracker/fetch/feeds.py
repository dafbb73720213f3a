"""RSS and Atom feeds (feedparser): followed in the ledger, polled with conditional GET, their
new entries fetched and ingested, and a summary per feed.

An entry is new when its id (or link) and its updated stamp were never seen for its feed; an
entry whose title and summary do not pass the extractor's prefilter is skipped as off-topic
without fetching its page (most of a news feed is not about enforcement)."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from typing import Iterator

from enforcement_tracker.errors import TrackerError
from enforcement_tracker.extract.prefilter import _gates as prefilter_gates
from enforcement_tracker.fetch.client import Fetcher, check_url, now_iso
from enforcement_tracker.fetch.errors import FetchError
from enforcement_tracker.fetch.pages import FetchSummary, fetch_urls, ingest_pages
from enforcement_tracker.fetch.store import log_fetch, remember_validators, validators
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store.events import update_events

FEED_ACCEPT = "application/atom+xml,application/rss+xml,application/xml;q=0.9,text/xml;q=0.8,*/*;q=0.5"
MAX_ENTRIES = 500  # read of one feed per poll; a feed of thousands is an archive, not a feed
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Feed:
    id: int
    url: str
    name: str | None
    added_at: str
    last_polled_at: str | None = None
    last_outcome: str | None = None
    entries: int = 0


@dataclass
class FeedReport:
    feed: Feed
    counts: Counter = field(default_factory=Counter)
    feed_unchanged: bool = False
    error: str | None = None

    @property
    def failed_feed(self) -> bool:
        return self.error is not None

    def words(self) -> str:
        who = self.feed.name or self.feed.url
        if self.error:
            return f"feed {self.feed.id} ({who}): failed: {self.error}"
        if self.feed_unchanged:
            return f"feed {self.feed.id} ({who}): unchanged (304), no entries read"
        c = self.counts
        return (f"feed {self.feed.id} ({who}): {c['new'] + c['revised']} new, {c['unchanged']} unchanged, "
                f"{c['failed'] + c['refused']} failed, {c['off_topic']} skipped as off-topic")


def _feed(row: sqlite3.Row) -> Feed:
    return Feed(row["id"], row["url"], row["name"], row["added_at"], row["last_polled_at"], row["last_outcome"],
                row["entries"] if "entries" in row.keys() else 0)


def add_feed(conn: sqlite3.Connection, url: str, name: str | None = None) -> Feed:
    url = check_url(url)
    found = conn.execute("SELECT *, 0 AS entries FROM feeds WHERE url = ?", (url,)).fetchone()
    if found:
        raise TrackerError(f"already followed as feed {found['id']}", source=url,
                           hint="`etrack feeds list` shows the feeds followed")
    conn.execute("INSERT INTO feeds (url, name, added_at) VALUES (?, ?, ?)", (url, name, now_iso()))
    return _feed(conn.execute("SELECT *, 0 AS entries FROM feeds WHERE url = ?", (url,)).fetchone())


def list_feeds(conn: sqlite3.Connection) -> list[Feed]:
    return [_feed(r) for r in conn.execute(
        "SELECT f.*, (SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id) AS entries FROM feeds f ORDER BY id")]


def find_feed(conn: sqlite3.Connection, key: str) -> Feed:
    row = conn.execute("SELECT *, 0 AS entries FROM feeds WHERE url = ? OR CAST(id AS TEXT) = ?",
                       (key.strip(), key.strip())).fetchone()
    if row is None:
        raise TrackerError(f"no feed {key!r} is followed", hint="`etrack feeds list` shows the ids and URLs")
    return _feed(row)


def remove_feed(conn: sqlite3.Connection, key: str) -> Feed:
    feed = find_feed(conn, key)
    conn.execute("DELETE FROM feed_entries WHERE feed_id = ?", (feed.id,))
    conn.execute("DELETE FROM feeds WHERE id = ?", (feed.id,))
    return feed


def on_topic(title: str, summary: str) -> bool:
    """Whether an entry's own words pass the extractor's prefilter test for a document (any word
    of enforcement: "ICE raids in Tulsa" does, a match report does not). Only the document test:
    the paragraph test looks for claim words that a headline often leaves out."""
    text = unescape(_TAGS.sub(" ", f"{title}\n{summary}"))
    document_gate, _ = prefilter_gates()  # the prefilter's own words, defined once in extract/patterns
    return document_gate.search(text) is not None


def poll_feeds(conn: sqlite3.Connection, settings: ExtractSettings, fetcher: Fetcher, *,
               only: list[str] | None = None) -> Iterator[FeedReport]:
    feeds = [find_feed(conn, k) for k in only] if only else list_feeds(conn)
    changed = False
    for feed in feeds:
        report = poll_feed(conn, feed, settings, fetcher)
        changed = changed or bool(report.counts["new"] or report.counts["revised"])
        yield report
    if changed:
        update_events(conn)


def poll_feed(conn: sqlite3.Connection, feed: Feed, settings: ExtractSettings, fetcher: Fetcher) -> FeedReport:
    import feedparser

    report = FeedReport(feed)
    etag, last_modified = validators(conn, feed.url)
    via = f"feed:{feed.id}"
    try:
        page = fetcher.get(feed.url, etag=etag, last_modified=last_modified, accept=FEED_ACCEPT)
    except TrackerError as exc:
        report.error = str(exc)
        log_fetch(conn, url=feed.url, outcome="failed", via=via, detail=str(exc))
        return _finish(conn, report, "failed")
    if page.not_modified:
        report.feed_unchanged = True
        log_fetch(conn, url=feed.url, outcome="not_modified", via=via, http_status=304, fetched_at=page.fetched_at)
        return _finish(conn, report, "unchanged (304)")
    parsed = feedparser.parse(page.body, response_headers={"content-location": page.final_url,
                                                           "content-type": page.content_type or "application/xml"})
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        report.error = str(FetchError("is not an RSS or Atom feed (no entries could be read)", source=feed.url,
                                      hint="check the address: it should be the feed's, not the site's home page"))
        log_fetch(conn, url=feed.url, outcome="failed", via=via, http_status=page.status, detail=report.error)
        return _finish(conn, report, "failed")
    remember_validators(conn, feed.url, page.etag, page.last_modified, page.sha256)
    log_fetch(conn, url=feed.url, outcome="read", via=via, http_status=page.status, fetched_at=page.fetched_at,
              raw_sha256=page.sha256, detail=f"{len(parsed.entries)} entries")
    wanted: dict[str, tuple[str, str]] = {}  # link -> (entry key, updated)
    for entry in parsed.entries[:MAX_ENTRIES]:
        link = (entry.get("link") or "").strip()
        key = (entry.get("id") or link).strip()
        if not link or not key:
            continue
        # dict's own keys(): feedparser warns when `updated` is read and only `published` exists.
        stamps = dict.keys(entry)
        updated = str(entry["updated"] if "updated" in stamps else entry["published"] if "published" in stamps else "")
        seen = conn.execute("SELECT outcome FROM feed_entries WHERE feed_id = ? AND entry_key = ? AND updated = ?",
                            (feed.id, key, updated)).fetchone()
        if seen:
            report.counts["off_topic" if seen[0] == "off_topic" else "unchanged"] += 1
            continue
        if not on_topic(entry.get("title") or "", entry.get("summary") or ""):
            report.counts["off_topic"] += 1
            _seen(conn, feed.id, key, updated, link, "off_topic")
            continue
        wanted.setdefault(link, (key, updated))
    if wanted:
        summary = FetchSummary()
        ingest_pages(conn, fetch_urls(fetcher, conn, list(wanted), via=via), settings, summary=summary, events=False)
        for result in summary.results:
            report.counts[result.outcome if result.outcome != "not_modified" else "unchanged"] += 1
            key, updated = wanted[result.url]
            if result.outcome not in ("failed",):  # a failed entry is tried again next poll
                _seen(conn, feed.id, key, updated, result.url, result.outcome)
    c = report.counts
    return _finish(conn, report, f"{c['new'] + c['revised']} new, {c['unchanged']} unchanged, "
                                 f"{c['failed'] + c['refused']} failed, {c['off_topic']} off-topic")


def _seen(conn: sqlite3.Connection, feed_id: int, key: str, updated: str, url: str, outcome: str) -> None:
    conn.execute("INSERT OR REPLACE INTO feed_entries (feed_id, entry_key, updated, url, seen_at, outcome)"
                 " VALUES (?,?,?,?,?,?)", (feed_id, key, updated, url, now_iso(), outcome))


def _finish(conn: sqlite3.Connection, report: FeedReport, outcome: str) -> FeedReport:
    conn.execute("UPDATE feeds SET last_polled_at = ?, last_outcome = ? WHERE id = ?",
                 (now_iso(), outcome, report.feed.id))
    return report
