"""Where extraction stands against the quality gate's floors, set by set, and a way to raise them.

Evaluates every set of tests/quality_baseline.json whose gold is present (../shared/corpus holds
dev, dev2 and seed; examples and the probe set are in the checkout) and prints, per set and
figure, the floor, the measured figure and the margin. With --write it raises every floor to the
figure measured now (rounded down to two decimals) and writes the file in its usual layout; a
floor never falls unless --allow-lower says so (a deliberate reset, e.g. after new gold texts).

    .venv/bin/python benchmarks/quality_floors.py                 # report only
    .venv/bin/python benchmarks/quality_floors.py --write         # raise the floors that rose
    .venv/bin/python benchmarks/quality_floors.py --write --allow-lower --set examples

One set alone: `etrack eval GOLD --floors` prints its entry.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from enforcement_tracker.evaluate import evaluate_files
from enforcement_tracker.evaluate.baseline import (
    FIGURES, floors_entry, format_baseline, raise_entry, read_baseline, shortfalls,
)
from enforcement_tracker.evaluate.run import pipeline_extractor

REPO = Path(__file__).resolve().parents[1]
BASELINE = REPO / "tests" / "quality_baseline.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--baseline", type=Path, default=BASELINE, help="the floors file")
    parser.add_argument("--set", action="append", dest="sets", help="only this set (repeatable)")
    parser.add_argument("--write", action="store_true", help="raise the floors in the file")
    parser.add_argument("--allow-lower", action="store_true", help="with --write, also lower floors")
    args = parser.parse_args(argv)

    floors = read_baseline(args.baseline)
    raw = json.loads(args.baseline.read_text(encoding="utf-8"))
    entries = dict(raw["sets"])
    extract = pipeline_extractor()
    below_total = 0
    print(f"{'set':<10} {'scope':<14} {'figure':<10} {'floor':>6} {'now':>7} {'margin':>7}")
    for name, set_floors in floors.items():
        if args.sets and name not in args.sets:
            continue
        paths = set_floors.gold_paths(REPO)
        if not all(p.is_file() for p in paths):
            print(f"{name:<10} skipped: gold not found at {paths[0]}")
            continue
        scores = evaluate_files(paths, extract).scores
        below_total += len(shortfalls(set_floors, scores))
        rows = [("micro", scores.headline, set_floors.micro)]
        rows += [(kind, scores.per_kind.get(kind), f) for kind, f in set_floors.per_kind.items()]
        for scope, tally, wanted in rows:
            for figure in FIGURES:
                if figure not in wanted:
                    continue
                now = getattr(tally, figure) if tally is not None else None
                margin = "" if now is None else f"{now - wanted[figure]:+.3f}"
                shown = "—" if now is None else f"{now:.3f}"
                print(f"{name:<10} {scope:<14} {figure:<10} {wanted[figure]:>6.2f} {shown:>7} {margin:>7}")
        if args.write:
            entries[name] = raise_entry(set_floors, floors_entry(scores, set_floors.gold),
                                        allow_lower=args.allow_lower)
    if args.write:
        args.baseline.write_text(format_baseline(raw.get("note", ""), entries), encoding="utf-8")
        read_baseline(args.baseline)  # what was written reads back
        print(f"wrote {args.baseline}")
    print(f"figures below the floors read at the start: {below_total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
