"""Reading the news where it is: article URLs, RSS/Atom feeds, WARC crawl archives, wire copies.

A well-behaved crawler by default (policy.py): a User-Agent that names the project and a
contact, robots.txt, a per-host rate limit and concurrency cap, conditional GET, timeouts, a
body size limit, retries with backoff honouring Retry-After, http and https only, and no
request to loopback, private or link-local addresses unless the setting allows it.
"""

from enforcement_tracker.fetch.errors import AddressRefused, FetchError, RobotsRefused
from enforcement_tracker.fetch.policy import FetchPolicy

__all__ = ["AddressRefused", "FetchError", "FetchPolicy", "RobotsRefused"]
