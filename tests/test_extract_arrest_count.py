"""Which numbers count people arrested, on sentences we wrote."""

from __future__ import annotations

import pytest

from _extract_helpers import number, records


def _counts(body: str) -> list:
    return [number(r["count"]) for r in records(body, kind="arrest_count")]


@pytest.mark.parametrize("body,expected", [
    ("The sweep led to the apprehension of over 90 people across the state.", [90]),
    ("Agents reported more than 35 smuggled migrants apprehended near the river.", [35]),
    ("Agents apprehended a large group of nearly 40 people before dawn.", [40]),
    # a split by sex counts nobody new
    ("Forty-one men and nine women were arrested.", []),
    ("Officers arrested 28 males in Iowa during the initiative.", [28]),
    ("Officers arrested 50 people in the operation. Forty-one men and nine women were arrested.", [50]),
    # calls about arrests count calls
    ("The hotline fielded 340 calls about arrests in its first week.", []),
    # a split by age counts nobody new
    ("Officers arrested 64 people. Nine of the people arrested were younger than 18.", [64]),
    # a number standing for the count before it, with its own place or date
    ("Officers made 90 of the arrests in Kansas and 31 in Missouri.", [90, 31]),
    ("The office reported 600 arrests in May, up from about 450 in April.", [600, 450]),
    # a year is no end of a range of counts
    ("Arrests rose from 12,400 arrests for 2021 to 15,900 arrests for 2023.", [12400, 15900]),
])
def test_arrest_counts(body, expected):
    assert _counts(body) == expected
