"""Where `etrack extract` spends its CPU, phase by phase, beside spaCy's blank tokenizer in the same run.

benchmarks/extract_speed.py gives the ratio of two whole processes; this says what the ratio is
made of. Each side runs in a fresh interpreter (import costs are real), one process, and prints
CPU seconds (process time) per phase:

  etrack: import the CLI (spaCy comes with it), load the model (with the entity ruler), read the
          files, the model without NER over the windows the prefilter keeps, the NER over the
          windows that name people, and everything after the parse (our rules, dates, places,
          the guard), which is the whole extraction minus its parse.
  blank:  import spaCy, spacy.blank("en"), tokenize every file whole.

    .venv/bin/python benchmarks/extract_phases.py                      # 600 docs, 80% unrelated prose
    .venv/bin/python benchmarks/extract_phases.py --enforcement-only --docs 520
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

ETRACK_PHASES = r"""
import json, sys, time
clock = time.process_time
phases = {}
start = clock()
import enforcement_tracker.cli  # what `etrack` imports before it runs a command
phases["import CLI (with spaCy)"] = clock() - start

from pathlib import Path
import enforcement_tracker.extract as extract
from enforcement_tracker.extract import nlp as nlp_module
from enforcement_tracker.extract.prefilter import select_paragraphs
from enforcement_tracker.ingest.reader import read_document
from enforcement_tracker.settings import ExtractSettings

settings = ExtractSettings(processes=1)
mark = clock()
nlp = nlp_module.load_nlp(settings.model)
phases["load model + entity ruler"] = clock() - mark

mark = clock()
documents = [read_document(Path(p)) for p in open(sys.argv[1], encoding="utf-8").read().splitlines()]
phases["read files"] = clock() - mark

work = [(text, None) for d in documents for _, _, text in select_paragraphs(d.text)]
mark = clock()
with nlp.select_pipes(disable=["ner", "etrack_person_fixer"]), nlp_module.one_blas_thread():
    done = [doc for doc, _ in nlp.pipe(work, as_tuples=True, batch_size=settings.batch_size)]
phases["model without NER"] = clock() - mark
wanted = [doc for (text, _), doc in zip(work, done) if nlp_module._NEEDS_PEOPLE.search(text)]
mark = clock()
with nlp_module.one_blas_thread():  # as extract.parse runs the model
    list(nlp.get_pipe("ner").pipe(wanted, batch_size=settings.batch_size))
phases["NER on windows naming people"] = clock() - mark

# The whole extraction, with its parse timed apart: what is left is our code after the parse.
parse, in_parse = extract.parse, [0.0]
def timed_parse(items, s):
    begun = clock()
    try:
        return parse(items, s)
    finally:
        in_parse[0] += clock() - begun
extract.parse = timed_parse
mark = clock()
extractions = list(extract.extract_documents(documents, settings))
phases["rules after the parse"] = clock() - mark - in_parse[0]
print(json.dumps({"phases": phases, "windows": len(work), "chars": sum(len(t) for t, _ in work),
                  "tokens": sum(len(d) for d in done), "ner_windows": len(wanted),
                  "records": sum(len(e.records) for e in extractions)}))
"""

BLANK_PHASES = r"""
import json, sys, time
clock = time.process_time
phases = {}
start = clock()
import spacy
phases["import spaCy"] = clock() - start
mark = clock()
nlp = spacy.blank("en")
phases["spacy.blank('en')"] = clock() - mark
mark = clock()
paths = open(sys.argv[1], encoding="utf-8").read().splitlines()
tokens = sum(len(doc) for doc in nlp.pipe((open(p, encoding="utf-8").read() for p in paths), batch_size=64))
phases["read + tokenize every file"] = clock() - mark
print(json.dumps({"phases": phases, "tokens": tokens}))
"""


def run(script: str, listing: Path, python: str) -> dict:
    done = subprocess.run([python, "-c", script, str(listing)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"phase run failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=600, help="documents in the corpus (default 600)")
    parser.add_argument("--enforcement-only", action="store_true", help="enforcement reports only")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--python", default=sys.executable, help="interpreter with etrack installed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="etrack-phases-") as tmp:
        paths = make_corpus(Path(tmp) / "corpus", args.docs, args.seed, only_enforcement=args.enforcement_only)
        listing = Path(tmp) / "paths.txt"
        listing.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
        print(f"corpus: {len(paths)} documents, {sum(p.stat().st_size for p in paths) / 1e6:.2f} MB; "
              f"load average {os.getloadavg()[0]:.2f}; CPU seconds (process time), one process each")
        blank = run(BLANK_PHASES, listing, args.python)
        etrack = run(ETRACK_PHASES, listing, args.python)
    blank_total = sum(blank["phases"].values())
    etrack_total = sum(etrack["phases"].values())
    print(f"\nblank tokenizer ({blank['tokens']:,} tokens)")
    for name, seconds in blank["phases"].items():
        print(f"  {name:<34} {seconds:7.2f} s")
    print(f"  {'total':<34} {blank_total:7.2f} s")
    print(f"\netrack extract ({etrack['windows']:,} windows, {etrack['chars'] / 1e6:.2f} M characters, "
          f"{etrack['tokens']:,} tokens to the model, NER on {etrack['ner_windows']:,} windows, "
          f"{etrack['records']:,} records)")
    for name, seconds in etrack["phases"].items():
        print(f"  {name:<34} {seconds:7.2f} s  {seconds / etrack_total:5.1%}")
    print(f"  {'total':<34} {etrack_total:7.2f} s")
    print(f"\nCPU ratio, blank / etrack (the speed ratio of extract_speed.py, by CPU, without interpreter "
          f"start): {blank_total / etrack_total:.3f}")
    print(f"the model alone (load, parse, NER) against the whole blank process: "
          f"{blank_total / sum(v for k, v in etrack['phases'].items() if 'model' in k or 'NER' in k):.3f}")


if __name__ == "__main__":
    main()
