"""What can go wrong fetching a page: each a FetchError (an IngestError: the input could not be read)."""

from __future__ import annotations

from enforcement_tracker.errors import IngestError


class FetchError(IngestError):
    """A URL could not be fetched: bad scheme, network failure, too large, too many retries."""

    code = "E110"


class AddressRefused(FetchError):
    """The URL's host is (or resolves to) a loopback, private, link-local or other non-public address."""

    code = "E111"


class RobotsRefused(FetchError):
    """The site's robots.txt forbids our user agent this path."""

    code = "E112"
