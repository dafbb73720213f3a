"""What reading a kind from the registry costs, against calling the kind's own function directly.

Every layer now looks a record's kind up (`registry.find`) before describing it, keying it for
reconcile, indexing it for the ledger or matching it in an evaluation. This times those four
layer calls over a mix of hand-made records of every kind, and the same work done by calling
each kind's function directly (no lookup) in the same run; the ratio direct/registry near 1.0
says the lookup is noise.

    .venv/bin/python benchmarks/kinds_dispatch.py            # 20,000 records, best of 5
    .venv/bin/python benchmarks/kinds_dispatch.py --records 5000 --repeat 3
"""

from __future__ import annotations

import argparse
import time
from typing import Any, Callable

from enforcement_tracker.describe import describe
from enforcement_tracker.evaluate.match import matches
from enforcement_tracker.kinds import registry
from enforcement_tracker.reconcile import claim_key

DAY = {"date": "2025-02-03", "precision": "day", "part_of_day": None}
PLACE = {"name": "Millbrook", "kind": "city", "state": "OR", "geonameid": 9000002, "lat": None, "lon": None}
SAMPLES: list[dict[str, Any]] = [
    {"kind": "operation", "places": [PLACE], "start": DAY, "end": None, "status": "under_way",
     "agencies": [{"code": "ICE", "text": "ICE"}], "name": None},
    {"kind": "arrest_count", "count": {"value": 1200, "qualifier": "exact"}, "period": DAY, "places": [PLACE],
     "agencies": []},
    {"kind": "target", "count": {"low": 1200, "high": 1500, "qualifier": "exact"}, "per": "day",
     "scope": "nationwide", "places": [], "issued_on": DAY, "characterizations": ["goal"], "issued_by": None,
     "agencies": []},
    {"kind": "criminality", "category": "not_criminal", "share": {"value": 0.5, "qualifier": "nearly"}, "of": None},
    {"kind": "cadence", "count": {"value": 3, "qualifier": "exact"}, "unit": "cities", "per": "week"},
    {"kind": "quote", "speaker": {"name": "Rosa Lindqvist", "title": "director"}, "text": "We go on.",
     "about": PLACE},
]


def _layers(record: dict[str, Any]) -> None:
    describe(record)
    claim_key(record)
    registry.get(record["kind"]).columns(record)
    matches(record, record)


def _direct(record: dict[str, Any], kind: Any) -> None:
    kind.describe(record)
    kind.claim_key(record)
    kind.columns(record)
    kind.match(record, record)


def _best(run: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    records = [dict(SAMPLES[i % len(SAMPLES)]) for i in range(args.records)]
    pairs = [(r, registry.get(r["kind"])) for r in records]  # the direct side is handed its kind

    def through_registry() -> None:
        for r in records:
            _layers(r)

    def direct() -> None:
        for r, k in pairs:
            _direct(r, k)

    via = _best(through_registry, args.repeat)
    ref = _best(direct, args.repeat)
    print(f"records: {args.records:,} ({len(SAMPLES)} kinds), best of {args.repeat}")
    print(f"through the registry (describe, claim_key, columns, match): {via * 1e6 / args.records:.2f} µs/record")
    print(f"direct calls of each kind's functions (reference):         {ref * 1e6 / args.records:.2f} µs/record")
    print(f"ratio direct/registry: {ref / via:.2f}")


if __name__ == "__main__":
    main()
