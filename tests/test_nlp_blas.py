"""The model runs on numpy's BLAS (extract/nlp.py): the parses must be the ones thinc's own BLIS
gives, and the one-thread limit of a parse must not outlive it in a library caller's process."""

from __future__ import annotations

from pathlib import Path

import numpy  # noqa: F401 - loads the BLAS that threadpoolctl reads
import spacy
from threadpoolctl import threadpool_info

from enforcement_tracker.extract.nlp import load_nlp, parse
from enforcement_tracker.settings import ExtractSettings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _reading(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.head.i, t.dep_, t.ent_type_) for t in doc]


def test_numpy_blas_parses_as_blis_does():
    settings = ExtractSettings(processes=1)
    ours = load_nlp(settings.model)
    assert not ours.get_pipe("tok2vec").model.ops.use_blis
    theirs = spacy.load(settings.model, exclude=["lemmatizer"])  # thinc's default ops
    assert theirs.get_pipe("tok2vec").model.ops.use_blis
    texts = [p.read_text(encoding="utf-8")[:3000] for p in sorted(EXAMPLES.glob("*.txt"))[:8]]
    assert texts
    for text in texts:
        a = ours.make_doc(text)
        b = theirs.make_doc(text)
        for name in ("tok2vec", "tagger", "parser", "ner"):
            a, b = ours.get_pipe(name)(a), theirs.get_pipe(name)(b)
        assert _reading(a) == _reading(b)


def test_the_one_thread_limit_ends_with_the_parse():
    before = [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]
    done = parse([("Agents arrested 45 people in Denver on Monday, ICE said.", None)], ExtractSettings(processes=1))
    assert [t.text for t in done[0][0]][:3] == ["Agents", "arrested", "45"]
    assert [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"] == before
