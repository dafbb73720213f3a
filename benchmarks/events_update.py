"""What bringing events up to date costs: incremental by claim against a full rebuild, same run.

Issue 13: a document's transaction marks it stale; `update_events` regroups only the claims the
marked documents make. The reference is `rebuild_events` (every record regrouped, what every
ingest used to do) on the same ledger in the same run, so the ratio says what the incremental
path saves. A synthetic ledger (publish/synthetic.py) is built first through `save_extraction`.

    .venv/bin/python benchmarks/events_update.py                     # 20,000 records
    .venv/bin/python benchmarks/events_update.py --records 100000 --new 1 10 100
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from enforcement_tracker.publish.synthetic import synthetic_extractions
from enforcement_tracker.store import connect, save_extraction
from enforcement_tracker.store.events import rebuild_events, update_events


def _timed(work) -> tuple[float, object]:
    """CPU seconds of this process: on a shared machine, wall time says more about the neighbours."""
    started = time.process_time()
    result = work()
    return time.process_time() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20000, help="records in the ledger before the new documents")
    parser.add_argument("--new", type=int, nargs="+", default=[1, 10, 100], help="new documents per update")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    extra = sum(args.new)
    extractions = list(synthetic_extractions(args.records + extra * 10, seed=args.seed))
    # Synthetic documents carry ten records each; the last ones arrive later, as new reports.
    later = extractions[len(extractions) - extra:]
    base = extractions[:len(extractions) - extra]
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "bench.db")
        for extraction in base:
            save_extraction(conn, extraction)
        seconds, update = _timed(lambda: update_events(conn))
        n_records = conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]
        print(f"ledger: {len(base):,} documents, {n_records:,} records, {update.events:,} events "
              f"(first update, {update.mode}: {seconds:.2f} s CPU)")
        full, _ = _timed(lambda: rebuild_events(conn))
        print(f"reference: full rebuild {full * 1000:,.0f} ms CPU")
        done = 0
        for n in args.new:
            for extraction in later[done:done + n]:
                save_extraction(conn, extraction)
            done += n
            seconds, update = _timed(lambda: update_events(conn))
            quick, _ = _timed(lambda: update_events(conn, verify=False))
            print(f"{n:>5} new documents: update {seconds * 1000:,.1f} ms CPU ({update.mode}: {update.claims} claims,"
                  f" {update.records:,} of {n_records + done * 10:,} records regrouped; ratio to full rebuild"
                  f" {seconds / full:.3f}); then, nothing to do, marks only: {quick * 1000:.2f} ms")
        check, _ = _timed(lambda: update_events(conn))
        print(f"nothing to do, with the consistency counts (ingest, `etrack events`): {check * 1000:.1f} ms")
        conn.close()


if __name__ == "__main__":
    main()
