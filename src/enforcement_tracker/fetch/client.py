"""HTTP through httpx, politely: per-host rate limit and concurrency cap, robots.txt, conditional
GET, timeouts, a body size limit, retries with backoff honouring Retry-After, redirects followed
by hand (each hop's scheme, address and robots.txt checked), http and https only."""

from __future__ import annotations

import email.utils
import hashlib
import threading
import time
from queue import Empty, Queue
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable, Iterator, TypeVar
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from enforcement_tracker.fetch.addresses import AddressGuardBackend
from enforcement_tracker.fetch.errors import AddressRefused, FetchError, RobotsRefused
from enforcement_tracker.fetch.policy import FetchPolicy
from enforcement_tracker.fetch.robots import RobotsCache

SCHEMES = ("http", "https")
REDIRECTS = (301, 302, 303, 307, 308)
RETRIED = (429, 500, 502, 503, 504)
HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
T = TypeVar("T")
R = TypeVar("R")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Page:
    """One answer as served: what was asked, where it ended, when, with what status and bytes."""

    url: str
    final_url: str
    status: int
    fetched_at: str
    body: bytes = b""
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)
    location: str | None = None       # a redirect's Location
    retry_after: str | None = None    # a 429's or 503's Retry-After

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


def check_url(url: str) -> str:
    """The URL, stripped, if it is an http(s) URL with a host; FetchError otherwise."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(f"scheme {parts.scheme or '(none)'!r} is not fetched", source=url[:200],
                         hint="only http:// and https:// URLs are read")
    if not parts.hostname:
        raise FetchError("has no host", source=url[:200], hint="write the whole address, e.g. https://example.org/a")
    return url


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds to wait: a number of seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport whose connection pool opens sockets through AddressGuardBackend."""

    def __init__(self, policy: FetchPolicy) -> None:
        super().__init__(trust_env=False, limits=httpx.Limits(max_connections=policy.workers * 2))
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                             max_connections=policy.workers * 2,
                                             network_backend=AddressGuardBackend(policy.allow_private))


class HostGate:
    """Per host: at most `concurrency` requests at once, and requests at least `interval` apart."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._slots: dict[str, threading.Semaphore] = {}
        self._interval: dict[str, float] = {}

    def slow_down(self, host: str, interval: float) -> None:
        """A site's own Crawl-delay, when it asks for more than our interval."""
        with self._lock:
            self._interval[host] = max(interval, self.policy.interval)

    def push_back(self, host: str, seconds: float) -> None:
        """No request to host for `seconds` (a 429 or 503 with Retry-After)."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            slots = self._slots.setdefault(host, threading.Semaphore(self.policy.concurrency))
        with slots:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next.get(host, 0.0))
                self._next[host] = start + self._interval.get(host, self.policy.interval)
            if start > now:
                time.sleep(start - now)
            yield


class Fetcher:
    """One per run: its connections, robots.txt rules and per-host clocks are shared by every fetch."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self.gate = HostGate(self.policy)
        self.client = httpx.Client(
            transport=_GuardedTransport(self.policy), follow_redirects=False, trust_env=False,
            timeout=httpx.Timeout(self.policy.timeout),
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"})
        self.robots = RobotsCache(self.policy.user_agent, self._robots_download)

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- the public calls ----------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str = HTML_ACCEPT) -> Page:
        """The page at url (a 304 when the validators still hold), or a FetchError saying why not."""
        url = check_url(url)
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            page = self._with_retries(url, headers)
        except AddressRefused as exc:  # raised where the socket opens, which knows the host only
            raise AddressRefused(exc.message, source=url[:200], hint=exc.hint) from None
        if page.status == 304 or 200 <= page.status < 300:
            return page
        raise FetchError(f"answered HTTP {page.status}", source=url[:200],
                         hint="check the address in a browser" if page.status in (404, 410)
                         else "the site refused or failed; try again later")

    def map(self, fn: Callable[[T], R], items: Iterable[T], *,
            ahead: int | None = None) -> Iterator[tuple[T, R | BaseException]]:
        """fn over items on `workers` threads, results in input order.

        A feeder thread keeps up to `ahead` items in flight or done-but-unread (default: workers
        x 8), so fetching goes on while the caller works on what it got (extraction), and memory
        holds at most that many pages."""
        ahead = ahead or self.policy.workers * 8
        queue: Queue = Queue(maxsize=ahead)
        stop = threading.Event()

        def feed(pool: ThreadPoolExecutor) -> None:
            try:
                for item in items:
                    if stop.is_set():
                        break
                    queue.put((item, pool.submit(fn, item)))
            finally:
                queue.put(None)

        with ThreadPoolExecutor(self.policy.workers, thread_name_prefix="etrack-fetch") as pool:
            feeder = threading.Thread(target=feed, args=(pool,), name="etrack-fetch-feeder", daemon=True)
            feeder.start()
            try:
                while (entry := queue.get()) is not None:
                    yield _outcome(*entry)
            finally:
                stop.set()
                while feeder.is_alive():  # let the feeder see the stop and finish its last put
                    try:
                        entry = queue.get(timeout=0.1)
                    except Empty:
                        continue
                    if entry is not None:
                        entry[1].cancel()
                feeder.join()

    # -- inside --------------------------------------------------------------------------------

    def _with_retries(self, url: str, headers: dict[str, str]) -> Page:
        policy = self.policy
        problem = ""
        for attempt in range(policy.retries + 1):
            wait = policy.backoff * (2 ** attempt)
            try:
                page = self._follow(url, headers)
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                problem = _network_words(exc)
            else:
                if page.status not in RETRIED:
                    return page
                asked = retry_after_seconds(page.retry_after)
                if asked is not None and asked > policy.max_retry_after:
                    raise FetchError(f"answered HTTP {page.status} and asked us to wait {asked:,.0f} s (Retry-After)",
                                     source=url[:200], hint="try again later")
                if asked is not None:
                    wait = max(wait, asked)
                    self.gate.push_back(_host_key(page.final_url), asked)
                problem = f"answered HTTP {page.status}"
                if attempt == policy.retries:
                    return page  # the caller says what the last answer was
            if attempt < policy.retries:
                time.sleep(wait)
        raise FetchError(f"{problem} ({policy.retries + 1} tries)", source=url[:200], hint="try again later")

    def _follow(self, url: str, headers: dict[str, str]) -> Page:
        current, hops = url, []
        for _ in range(self.policy.max_redirects + 1):
            check_url(current)
            if self.policy.robots:
                rules = self.robots.rules(current)
                if rules.crawl_delay:
                    self.gate.slow_down(_host_key(current), rules.crawl_delay)
                if not rules.allows(self.policy.user_agent, current):
                    raise RobotsRefused("robots.txt of the site does not allow us this page", source=current[:200],
                                        hint="the site asks crawlers to keep out; save the article by hand if you may")
            page = self._exchange(current, headers)
            if page.status in REDIRECTS and page.location:
                hops.append(current)
                current = urljoin(current, page.location)
                continue
            page.url, page.redirects = url, hops
            return page
        raise FetchError(f"redirects more than {self.policy.max_redirects} times", source=url[:200],
                         hint="open it in a browser to see where it leads")

    def _exchange(self, url: str, headers: dict[str, str]) -> Page:
        """One request and its whole (bounded) body."""
        policy = self.policy
        with self.gate.slot(_host_key(url)):
            started = time.monotonic()
            with self.client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > policy.max_bytes:
                    raise _too_big(url, int(declared), policy.max_bytes)
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > policy.max_bytes:
                        raise _too_big(url, size, policy.max_bytes)
                    if time.monotonic() - started > policy.total_timeout:
                        raise FetchError(f"sent its answer too slowly (more than {policy.total_timeout:g} s)",
                                         source=url[:200], hint="try again later")
                    chunks.append(chunk)
        mime = response.headers.get("Content-Type", "")
        page = Page(url=url, final_url=url, status=response.status_code, fetched_at=now_iso(), body=b"".join(chunks),
                    content_type=mime.split(";")[0].strip().lower() or None, charset=response.charset_encoding,
                    etag=response.headers.get("ETag"), last_modified=response.headers.get("Last-Modified"),
                    location=response.headers.get("Location"), retry_after=response.headers.get("Retry-After"))
        return page

    def _robots_download(self, url: str) -> tuple[int, bytes]:
        try:
            page = self._exchange(url, {"Accept": "text/plain"})
            hops = 0
            while page.status in REDIRECTS and page.location and hops < self.policy.max_redirects:
                url = check_url(urljoin(url, page.location))
                page, hops = self._exchange(url, {"Accept": "text/plain"}), hops + 1
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise FetchError(_network_words(exc), source=url) from exc
        return page.status, page.body


def _outcome(item, future: Future):
    try:
        return item, future.result()
    except Exception as exc:  # noqa: BLE001 - handed to the caller as this item's outcome
        return item, exc


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or "").lower() + (f":{parts.port}" if parts.port else "")


def _too_big(url: str, size: int, limit: int) -> FetchError:
    return FetchError(f"answer is {size:,} bytes or more, past the limit of {limit:,}", source=url[:200],
                      hint="raise ETRACK_MAX_DOCUMENT_BYTES if this page is really one article")


def _network_words(exc: Exception) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    detail = " ".join(str(exc).split())[:160]
    return f"network error ({detail or type(exc).__name__})"
