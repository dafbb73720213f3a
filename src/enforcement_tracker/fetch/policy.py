"""How politely and how far a fetch goes: one frozen dataclass, built from the settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from enforcement_tracker import __version__, settings


def default_user_agent() -> str:
    return settings.FETCH_USER_AGENT.format(version=__version__, contact=settings.fetch_contact())


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str = field(default_factory=default_user_agent)
    rate: float = field(default_factory=settings.fetch_rate)   # requests per second to one host
    concurrency: int = settings.DEFAULT_FETCH_CONCURRENCY      # requests to one host at once
    workers: int = 8                  # requests in flight over all hosts
    timeout: float = 20.0             # seconds to connect, and between two reads of a body
    total_timeout: float = 60.0       # seconds for one answer, so a trickling body cannot hold a run
    max_bytes: int = field(default_factory=settings.max_document_bytes)
    retries: int = 3                  # after the first try, on 429, 5xx and network errors
    backoff: float = 1.0              # seconds before the first retry; doubles each time
    max_retry_after: float = 120.0    # a longer Retry-After gives up on the URL for this run
    max_redirects: int = 5
    robots: bool = True               # honour robots.txt
    allow_private: bool = field(default_factory=settings.allow_private_addresses)

    @property
    def interval(self) -> float:
        """Seconds between two requests to one host."""
        return 1.0 / self.rate
