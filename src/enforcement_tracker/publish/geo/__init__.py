"""US state outlines and the projection that puts places on them.

The outlines (us-states.json, built by geo/build.py from public-domain Census boundaries) were
projected with d3's geoAlbersUsa at scale 1300 into a 975x610 frame. `project` is the same
projection written out here, so that a place's latitude and longitude land on its state:
an Albers equal-area conic for the lower 48 and two insets for Alaska and Hawaii.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

_SCALE = 1300.0
_X, _Y = 487.5, 305.0


class _ConicEqualArea:
    """d3.geoConicEqualArea with rotate([lambda, 0]), center, parallels, scale and translate."""

    def __init__(self, rotate: float, center: tuple[float, float], parallels: tuple[float, float],
                 scale: float, translate: tuple[float, float]):
        y0, y1 = (math.radians(p) for p in parallels)
        sy0 = math.sin(y0)
        self.n = (sy0 + math.sin(y1)) / 2
        self.c = 1 + sy0 * (2 * self.n - sy0)
        self.r0 = math.sqrt(self.c) / self.n
        self.rotate = math.radians(rotate)
        self.k = scale
        cx, cy = self._raw(math.radians(center[0]), math.radians(center[1]))
        self.dx = translate[0] - scale * cx
        self.dy = translate[1] + scale * cy

    def _raw(self, x: float, y: float) -> tuple[float, float]:
        r = math.sqrt(max(self.c - 2 * self.n * math.sin(y), 0.0)) / self.n
        return r * math.sin(x * self.n), self.r0 - r * math.cos(x * self.n)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        lam = math.radians(lon) + self.rotate
        lam = (lam + math.pi) % (2 * math.pi) - math.pi  # wrap like d3's rotation
        px, py = self._raw(lam, math.radians(lat))
        return self.dx + self.k * px, self.dy - self.k * py


_K = _SCALE
_PARTS = (
    (_ConicEqualArea(96, (-0.6, 38.7), (29.5, 45.5), _K, (_X, _Y)),
     (_X - 0.455 * _K, _Y - 0.238 * _K, _X + 0.455 * _K, _Y + 0.238 * _K)),
    (_ConicEqualArea(154, (-2, 58.5), (55, 65), _K * 0.35, (_X - 0.307 * _K, _Y + 0.201 * _K)),
     (_X - 0.425 * _K, _Y + 0.120 * _K, _X - 0.214 * _K, _Y + 0.234 * _K)),
    (_ConicEqualArea(157, (-3, 19.9), (8, 18), _K, (_X - 0.205 * _K, _Y + 0.212 * _K)),
     (_X - 0.214 * _K, _Y + 0.166 * _K, _X - 0.115 * _K, _Y + 0.234 * _K)),
)


def project(lon: float, lat: float) -> tuple[float, float] | None:
    """Pixel position in the 975x610 map frame, or None for a place outside the US frame."""
    for proj, (x0, y0, x1, y1) in _PARTS:
        x, y = proj(lon, lat)
        if x0 <= x <= x1 and y0 <= y <= y1:
            return x, y
    return None


@lru_cache(maxsize=1)
def outlines() -> dict[str, Any]:
    """{"width", "height", "source", "states": {USPS code: {"name", "d"}}} from the shipped file."""
    text = resources.files("enforcement_tracker.publish.geo").joinpath("us-states.json").read_text(encoding="utf-8")
    return json.loads(text)
