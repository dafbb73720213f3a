"""Which matrix library the model should run on: thinc's BLIS, or numpy's BLAS at one thread or at
its own thread count, timed over the same windows in one run (extract/nlp.py loads the model with
numpy's BLAS and holds it to one thread during a parse; this says why).

Each way runs in a fresh interpreter (the ops are fixed when the model's layers are built), parses
the windows that the prefilter keeps from the mixed corpus, and prints its CPU and wall seconds, and
a digest of every token's tag, head, dependency and entity, so a change of library that changed a
parse would show.

    .venv/bin/python benchmarks/extract_blas.py             # 600 docs, 80% unrelated prose
    .venv/bin/python benchmarks/extract_blas.py --docs 200 --repeat 1
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import make_corpus  # noqa: E402

# Run once per way; argv: listing of paths, way, repeat.
PARSE = r"""
import hashlib, json, sys, time
from contextlib import nullcontext
import enforcement_tracker.extract.nlp as nlp_module
from enforcement_tracker.extract.prefilter import select_paragraphs
from enforcement_tracker.settings import DEFAULT_MODEL

listing, way, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
if way == "blis":
    nlp_module.use_ops = lambda *args, **kwargs: nullcontext()  # thinc's default ops: BLIS
nlp = nlp_module.load_nlp(DEFAULT_MODEL)
texts = [w for p in open(listing, encoding="utf-8").read().split("\n")
         for _, _, w in select_paragraphs(open(p, encoding="utf-8").read())]
limit = nlp_module.one_blas_thread() if way == "numpy, 1 thread" else nullcontext()
best = None
with limit:
    list(nlp.pipe(texts[:20]))
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=64))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if best is None or wall < best[1]:
            best = (cpu, wall)
digest = hashlib.sha256()
for doc in docs:
    for t in doc:
        digest.update(f"{t.tag_}|{t.head.i}|{t.dep_}|{t.ent_type_}|{t.ent_iob_};".encode())
print(json.dumps({"cpu": best[0], "wall": best[1], "windows": len(texts),
                  "tokens": sum(len(d) for d in docs), "digest": digest.hexdigest()[:16]}))
"""

WAYS = ("blis", "numpy, 1 thread", "numpy, its own threads")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3, help="parses per way; the fastest by wall clock is kept")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(Path(tmp), args.docs, seed=7)
        listing = Path(tmp) / "paths.txt"
        listing.write_text("\n".join(map(str, paths)), encoding="utf-8")
        results = {}
        for way in WAYS:
            done = subprocess.run([sys.executable, "-c", PARSE, str(listing), way, str(args.repeat)],
                                  capture_output=True, text=True, check=True, env=dict(os.environ))
            results[way] = json.loads(done.stdout.strip().splitlines()[-1])
    first = results[WAYS[0]]
    print(f"{first['windows']:,} windows, {first['tokens']:,} tokens, the full model (with NER), "
          f"best of {args.repeat}; load average {os.getloadavg()[0]:.2f}")
    print(f"{'way':<24} {'cpu s':>7} {'wall s':>7} {'cpu vs blis':>12} {'wall vs blis':>13}  parses")
    for way in WAYS:
        r = results[way]
        same = "same as blis" if r["digest"] == first["digest"] else f"DIFFER ({r['digest']})"
        print(f"{way:<24} {r['cpu']:7.2f} {r['wall']:7.2f} {first['cpu'] / r['cpu']:11.2f}x "
              f"{first['wall'] / r['wall']:12.2f}x  {same}")


if __name__ == "__main__":
    main()
