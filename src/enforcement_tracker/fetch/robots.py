"""robots.txt, read once per site per run with urllib.robotparser, as RFC 9309 says to treat it:
a missing file (4xx) allows everything; a site that cannot answer (5xx, network) allows nothing
for now; a Crawl-delay longer than our own interval slows our requests to that site."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

# A robots.txt larger than this is read up to here (RFC 9309 asks parsers for at least 500 KiB).
MAX_ROBOTS_BYTES = 512_000
# Rules are read again after this long (RFC 9309: a crawler should not use a cached copy for
# more than 24 hours), so `etrack feeds poll --every` sees a site's new rules within a day.
MAX_AGE = 24 * 3600.0


@dataclass
class SiteRules:
    parser: RobotFileParser | None   # None: every path allowed (no robots.txt)
    unreachable: bool = False        # the site could not say: nothing allowed this run
    crawl_delay: float | None = None
    read_at: float = field(default_factory=time.monotonic)

    def allows(self, user_agent: str, url: str) -> bool:
        if self.unreachable:
            return False
        return True if self.parser is None else self.parser.can_fetch(user_agent, url)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class RobotsCache:
    """Rules per origin; `download(url)` returns (status, body) or raises on a network failure."""

    def __init__(self, user_agent: str, download: Callable[[str], tuple[int, bytes]]) -> None:
        self.user_agent = user_agent
        self._download = download
        self._rules: dict[str, SiteRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules(self, url: str) -> SiteRules:
        key = origin(url)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # one download per site, however many threads ask at once
            known = self._rules.get(key)
            if known is None or time.monotonic() - known.read_at > MAX_AGE:
                self._rules[key] = self._read(key)
            return self._rules[key]

    def allows(self, url: str) -> bool:
        return self.rules(url).allows(self.user_agent, url)

    def _read(self, key: str) -> SiteRules:
        from enforcement_tracker.fetch.errors import AddressRefused, FetchError

        try:
            status, body = self._download(key + "/robots.txt")
        except AddressRefused:
            raise  # not the site's answer: the page itself is refused, and says why
        except FetchError:
            return SiteRules(None, unreachable=True)
        if 400 <= status < 500:
            return SiteRules(None)
        if status >= 500 or status < 200 or status >= 300:
            return SiteRules(None, unreachable=True)
        parser = RobotFileParser()
        parser.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.user_agent)
        return SiteRules(parser, crawl_delay=float(delay) if delay else None)
