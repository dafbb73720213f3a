"""What the red-line guard costs, measured against extraction without it in the same run.

Both sides run in this process over the same generated corpus (benchmarks/make_corpus.py) with
the model already loaded, one worker: extraction with the guard as shipped, and extraction with
the guard stage replaced by a pass-through. The guard's own time over the same extractions is
timed apart too. Best of --repeat by CPU seconds of this process (steadier than wall time on a
shared machine; wall time printed beside it); the ratio is guarded / unguarded throughput.

    .venv/bin/python benchmarks/guard_speed.py                      # 600 docs, 80% unrelated prose
    .venv/bin/python benchmarks/guard_speed.py --enforcement-only --docs 300
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import make_corpus  # noqa: E402

import enforcement_tracker.extract as extract  # noqa: E402
from enforcement_tracker.extract.nlp import load_nlp  # noqa: E402
from enforcement_tracker.guard import guard_records  # noqa: E402
from enforcement_tracker.ingest import read_document  # noqa: E402
from enforcement_tracker.models import Document  # noqa: E402
from enforcement_tracker.settings import ExtractSettings  # noqa: E402


def _documents(paths: list[Path]) -> list[Document]:
    return [read_document(p) for p in paths]


def _run(paths: list[Path], settings: ExtractSettings, guarded: bool) -> tuple[float, float, list]:
    shipped = extract.guard_extraction
    if not guarded:
        extract.guard_extraction = lambda extraction: extraction
    try:
        documents = _documents(paths)  # fresh objects: extraction fills in syndicated_from
        start, cpu = time.perf_counter(), time.process_time()
        out = list(extract.extract_documents(documents, settings))
        return time.process_time() - cpu, time.perf_counter() - start, out
    finally:
        extract.guard_extraction = shipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--enforcement-only", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    settings = ExtractSettings(processes=1)
    load_nlp(settings.model)
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(tmp, docs=args.docs, seed=args.seed, only_enforcement=args.enforcement_only)
        _run(paths[:20], settings, True)  # warm the gazetteer and caches for both sides
        plain: list[tuple[float, float]] = []
        guarded: list[tuple[float, float]] = []
        unguarded: list = []
        for _ in range(args.repeat):
            cpu, wall, unguarded = _run(paths, settings, False)
            plain.append((cpu, wall))
            cpu, wall, _ = _run(paths, settings, True)
            guarded.append((cpu, wall))
        alone = []
        for _ in range(args.repeat):
            cpu = time.process_time()
            refused = sum(len(guard_records(e.document.text, e.records).refused) for e in unguarded)
            alone.append(time.process_time() - cpu)

    n = len(paths)
    records = sum(len(e.records) for e in unguarded)
    with_records = sum(1 for e in unguarded if e.records)
    print(f"corpus: {n} documents ({'enforcement only' if args.enforcement_only else 'mixed'}), "
          f"{with_records} with records, {records} records, {refused} refused by the guard")
    (p_cpu, p_wall), (g_cpu, g_wall) = min(plain), min(guarded)
    print(f"extraction without guard: {p_cpu:.2f} CPU s ({n / p_cpu:.1f} docs per CPU s), wall {p_wall:.2f} s")
    print(f"extraction with guard:    {g_cpu:.2f} CPU s ({n / g_cpu:.1f} docs per CPU s), wall {g_wall:.2f} s")
    print(f"guard alone:              {min(alone) * 1000:.0f} CPU ms "
          f"({min(alone) * 1000 / max(with_records, 1):.2f} ms per document with records)")
    print(f"ratio (with / without, throughput per CPU s): {p_cpu / g_cpu:.3f}")


if __name__ == "__main__":
    main()
