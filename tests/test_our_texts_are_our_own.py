"""The texts we wrote (examples, gold sets, test data) restate facts, never the third-party corpus's sentences:
none repeats twelve words in a row from ../shared/corpus. Skipped where that folder is absent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
RUN = 12  # words in a row


def _words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.lower())


def _runs(text: str) -> set[str]:
    words = _words(text)
    return {" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


OURS = sorted([*ROOT.glob("examples/**/*.txt"), *ROOT.glob("examples/**/*.html"),
               *ROOT.glob("tests/data/**/*.txt"), *ROOT.glob("tests/data/**/*.html")])


@pytest.fixture(scope="module")
def corpus_runs() -> set[str]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not here")
    runs: set[str] = set()
    for path in CORPUS.rglob("*"):
        if path.is_file() and path.suffix in (".txt", ".html", ".md"):
            runs |= _runs(path.read_text(encoding="utf-8", errors="replace"))
    return runs


def test_no_text_of_ours_repeats_twelve_words_of_the_corpus(corpus_runs):
    assert len(OURS) > 100  # examples and every gold set
    copied = {}
    for path in OURS:
        shared = _runs(path.read_text(encoding="utf-8", errors="replace")) & corpus_runs
        if shared:
            copied[str(path.relative_to(ROOT))] = sorted(shared)[0]
    assert not copied, f"restate these in our own words: {copied}"


def test_the_check_finds_a_copied_sentence(corpus_runs):
    some = next(iter(corpus_runs))
    assert _runs("As the report put it, " + some + ".") & corpus_runs
