"""Wire copies: the same story printed by several outlets is one voice, not many.

A document is a copy when most of the shorter of two texts is in the other: the containment of
their word shingles, |A ∩ B| / min(|A|, |B|), estimated from MinHash (datasketch) over 5-word
shingles and the two shingle counts. Containment, not Jaccard, because a copy is often a trim
or the wire plus a local paragraph: half the wire story is a copy, though its Jaccard is 0.5.
The candidates come from LSH band keys kept in the ledger (an indexed look-up, no scan). A
document also credits a wire in a line ("The Associated Press contributed to this report",
"(AP) —"). How copies are linked to one origin in the ledger is store/copy_links.py's job; this
module only measures texts.

THRESHOLD was set on the pairs in tests/data/fetch/copies/ (a wire story, lightly edited copies
of it, and other stories on the same event): see tests/test_copies.py for its precision and recall.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from datasketch import MinHash


NUM_PERM = 128
SHINGLE_WORDS = 5
# 64 bands of 2 rows: a pair of Jaccard 0.2 (containment 0.5 at a 2:1 length ratio) is a
# candidate 93 times in 100; every candidate is then checked against THRESHOLD.
BANDS, ROWS = 64, 2
THRESHOLD = 0.5              # estimated containment of shingles at which a story is a copy
MIN_WORDS = 60               # shorter texts share too few shingles for the estimate to mean anything
SEED = 1
SCHEME = "affine32"          # datasketch's hashing scheme, named so stored signatures stay comparable
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@dataclass
class Wire:
    name: str
    short: str
    patterns: list[re.Pattern[str]]
    needles: tuple[str, ...] = ()   # lower-cased words every match holds; none: always search


@dataclass
class Fingerprint:
    values: np.ndarray   # the MinHash values, uint64
    shingles: int        # distinct shingles in the text


@lru_cache(maxsize=1)
def _permutations():
    """datasketch draws its permutations from the seed: drawn once, shared by every signature."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


@lru_cache(maxsize=1)
def wires() -> tuple[Wire, ...]:
    raw = json.loads(resources.files("enforcement_tracker.fetch").joinpath("data/wires.json").read_text("utf-8"))
    return tuple(Wire(w["name"], w["short"], [re.compile(p, re.M) for p in w["patterns"]], tuple(w.get("needles", ())))
                 for w in raw["wires"])


# Credit lines stand at the top (a dateline, a byline) or at the foot of a story.
CREDIT_CHARS = 1_500


def credited_wire(text: str) -> Wire | None:
    """The wire a credit line at the top or the foot of the text names, if any."""
    ends = text if len(text) <= 2 * CREDIT_CHARS else text[:CREDIT_CHARS] + "\n" + text[-CREDIT_CHARS:]
    lowered = ends.lower()
    for wire in wires():
        if wire.needles and not any(n in lowered for n in wire.needles):
            continue  # a plain substring test, before a dozen regular expressions are run
        if any(p.search(ends) for p in wire.patterns):
            return wire
    return None


def wire_named(outlet: str | None) -> Wire | None:
    if not outlet:
        return None
    key = outlet.lower().removeprefix("the ").strip()
    return next((w for w in wires() if key in (w.name.lower().removeprefix("the "), w.short.lower())), None)


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """The text's k-word shingles, as words: what shingle_hashes hashes (kept for reading and tests)."""
    words = _words(text)
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(max(len(words) - k + 1, 0))}


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


_SHINGLE_MULTIPLIER = np.uint64(1_000_003)
_LOW_32 = np.uint64(0xFFFFFFFF)


def shingle_hashes(words: list[str], k: int = SHINGLE_WORDS) -> np.ndarray:
    """One 32-bit hash per distinct k-word shingle: CRC-32 of each word (stable across processes,
    as stored signatures must be), combined over the k words in numpy, with no shingle string built."""
    n = len(words) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    word_hashes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    combined = np.zeros(n, dtype=np.uint64)
    for i in range(k):
        combined = (combined * _SHINGLE_MULTIPLIER + word_hashes[i:i + n]) & _LOW_32
    return np.unique(combined)


def signature(text: str) -> Fingerprint | None:
    """The text's MinHash (datasketch, over its shingle hashes) and shingle count, or None when
    it is too short to compare."""
    words = _words(text)
    if len(words) < MIN_WORDS:
        return None
    hashes = shingle_hashes(words)
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int, permutations=_permutations())
    m.update_batch(hashes)
    return Fingerprint(m.hashvalues.astype(np.uint64), len(hashes))


def band_keys(f: Fingerprint) -> list[str]:
    """One key per LSH band: two texts that share any key are candidates."""
    return [f"{b}:{f.values[b * ROWS:(b + 1) * ROWS].tobytes().hex()}" for b in range(BANDS)]


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """MinHash's estimate: the share of positions where the two signatures agree."""
    return float(np.count_nonzero(a.values == b.values)) / NUM_PERM


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated share of the smaller text's shingles that are in the other."""
    return containment_from(jaccard(a, b), a.shingles, b.shingles)


def containment_from(j: float, size_a: int, size_b: int) -> float:
    """From Jaccard J and the two sizes: |A ∩ B| = J (|A| + |B|) / (1 + J), over the smaller."""
    both = j * (size_a + size_b) / (1 + j)
    return min(1.0, both / max(1, min(size_a, size_b)))
