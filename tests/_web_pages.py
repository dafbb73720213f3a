"""Shared by the web tests: a sorted records list read as a reader pages through it."""

from __future__ import annotations

from enforcement_tracker.publish import records_page


def every_page(conn, flt, sort: str, size: int) -> list[str]:
    """The ids the sorted list shows, page after page."""
    listed, page = [], 1
    while True:
        found, more = records_page.sorted_page(conn, flt, sort, page, size=size)
        listed += [r["id"] for r in found]
        if not more:
            return listed
        page += 1
