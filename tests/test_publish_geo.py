"""The map's state outlines and the projection that puts places on them."""

from __future__ import annotations

import pytest

from enforcement_tracker.publish.geo import outlines, project


def _rings(d: str) -> list[list[tuple[float, float]]]:
    return [[tuple(map(float, p.split(","))) for p in part.rstrip("Z").split("L")] for part in d.split("M")[1:]]


def _inside(point: tuple[float, float], d: str) -> bool:
    x, y = point
    inside = False
    for ring in _rings(d):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


def test_outlines_cover_every_state_and_stay_small():
    geo = outlines()
    assert len(geo["states"]) == 51  # 50 states and DC
    assert geo["states"]["CO"]["name"] == "Colorado"
    assert "public domain" in geo["source"]
    assert sum(len(s["d"]) for s in geo["states"].values()) < 120_000


@pytest.mark.parametrize("state, lon, lat", [
    ("CO", -104.83, 39.73),   # Aurora
    ("IL", -87.75, 41.85),    # Chicago, a little inland from the lake shore
    ("NY", -74.00, 40.71),
    ("TX", -95.36, 29.76),
    ("CA", -118.24, 34.05),
    ("WA", -122.33, 47.61),
    ("FL", -80.19, 25.77),
    ("AK", -147.72, 64.84),   # Fairbanks: the Alaska inset
    ("HI", -157.86, 21.31),   # Honolulu: the Hawaii inset
])
def test_a_place_lands_inside_its_state(state, lon, lat):
    point = project(lon, lat)
    assert point is not None
    assert _inside(point, outlines()["states"][state]["d"])


def test_places_outside_the_us_frame_are_not_drawn():
    assert project(-0.13, 51.51) is None  # London
