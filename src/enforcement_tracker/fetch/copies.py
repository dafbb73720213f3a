"""Wire copies: the same story printed by several outlets is one voice, not many.

A document is a copy when most of the shorter of two texts is in the other: the containment of
their word shingles, |A ∩ B| / min(|A|, |B|), estimated from MinHash (datasketch) over 5-word
shingles and the two shingle counts. Containment, not Jaccard, because a copy is often a trim
or the wire plus a local paragraph: half the wire story is a copy, though its Jaccard is 0.5.
The candidates come from LSH band keys kept in the ledger (an indexed look-up, no scan). A
document is also a copy when it credits a wire in a line ("The Associated Press contributed
to this report", "(AP) —"). A copy keeps its own records, and its
`syndicated_from` names the origin's outlet, so events count independent outlets, not copies.

THRESHOLD was set on the pairs in tests/data/fetch/copies/ (a wire story, lightly edited copies
of it, and other stories on the same event): see tests/test_copies.py for its precision and recall.
"""

from __future__ import annotations

import json
import re
import sqlite3
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from datasketch import MinHash

from enforcement_tracker.models import Document

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


@dataclass
class CopyMatch:
    origin_id: str | None        # None: a credit line with no stored origin
    origin_title: str | None
    outlet: str                  # who the story is from: the wire, or the origin's outlet
    similarity: float | None     # None: found by a credit line alone
    short: str | None = None     # the wire's short name (AP), when a wire


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
    return tuple(Wire(w["name"], w["short"], [re.compile(p, re.M) for p in w["patterns"]]) for w in raw["wires"])


# Credit lines stand at the top (a dateline, a byline) or at the foot of a story.
CREDIT_CHARS = 1_500


def credited_wire(text: str) -> Wire | None:
    """The wire a credit line at the top or the foot of the text names, if any."""
    ends = text if len(text) <= 2 * CREDIT_CHARS else text[:CREDIT_CHARS] + "\n" + text[-CREDIT_CHARS:]
    for wire in wires():
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


@dataclass
class Adoption:
    """The stored family that turns out to copy the new document: the wire's own story, or an
    earlier-dated one, arrived after a copy of it."""

    root_id: str
    outlet: str
    short: str | None
    similarity: float
    credit: Wire | None = None   # the new document's own credit line, when it has one


def find_origin(conn: sqlite3.Connection, document: Document,
                sig: Fingerprint | None = None) -> CopyMatch | Adoption | None:
    """What the new document is to the stored ones: a copy of a stored family's origin (or of the
    wire its credit line names), the origin of a stored family (Adoption), or neither (None)."""
    text, publisher = document.text, document.publisher
    sig = sig if sig is not None else signature(text)
    credit = credited_wire(text)
    best: tuple[float, str] | None = None
    if sig is not None:
        keys = band_keys(sig)
        rows = conn.execute(
            "SELECT m.document_id, m.signature, m.shingles, d.publisher FROM document_minhash m"
            " JOIN documents d ON d.id = m.document_id WHERE m.document_id IN"
            f" (SELECT document_id FROM minhash_bands WHERE key IN ({', '.join('?' * len(keys))}))", keys).fetchall()
        mine = (publisher or "").strip().lower()
        # One outlet printing its own story twice is a revision or a duplicate, not a copy.
        rows = [r for r in rows if r[0] != document.id and not (mine and (r[3] or "").strip().lower() == mine)]
        if rows:
            agree = (np.frombuffer(b"".join(r[1] for r in rows), dtype=np.uint64).reshape(len(rows), NUM_PERM)
                     == sig.values).sum(axis=1) / NUM_PERM
            for row, j in zip(rows, agree):
                score = containment_from(float(j), sig.shingles, row[2])
                if score >= THRESHOLD and (best is None or score > best[0]):
                    best = (float(score), row[0])
    if best is not None:
        origin = _root(conn, best[1])
        row = conn.execute("SELECT title, publisher, published, syndicated_from FROM documents WHERE id = ?",
                           (origin,)).fetchone()
        if _origin_of(document, row):
            own = wire_named(publisher)
            outlet = (credit.name if credit and credit is not own else None) or document.syndicated_from \
                or publisher or "unknown outlet"
            wire = wire_named(outlet) or credit
            return Adoption(origin, outlet, wire.short if wire else None, round(best[0], 3),
                            credit if credit is not None and credit is not own else None)
        outlet = (credit.name if credit else None) or row["syndicated_from"] or row["publisher"] or "unknown outlet"
        wire = credit or wire_named(outlet)
        return CopyMatch(origin, row["title"], outlet, round(best[0], 3), wire.short if wire else None)
    if credit is not None and not (publisher and wire_named(publisher) is credit):
        return CopyMatch(None, None, credit.name, None, credit.short)
    return None


def _origin_of(document: Document, stored: sqlite3.Row) -> bool:
    """Whether the new document, not the stored one, is the family's origin: it is the wire's
    own story and the stored one is not, or it is dated earlier."""
    mine, theirs = wire_named(document.publisher), wire_named(stored["publisher"])
    if mine is not None and theirs is not mine:
        return True
    if theirs is not None:
        return False
    return bool(document.published and stored["published"] and document.published < stored["published"])


def _root(conn: sqlite3.Connection, document_id: str) -> str:
    """Follow the copy links to the first document of the family (a copy of a copy is a copy of the origin)."""
    seen = {document_id}
    while True:
        row = conn.execute("SELECT origin_id FROM document_copies WHERE document_id = ?", (document_id,)).fetchone()
        if row is None or not row[0] or row[0] in seen:
            return document_id
        document_id = row[0]
        seen.add(document_id)


def copy_writer(document: Document, sig: Fingerprint | None, match: CopyMatch | Adoption | None):
    """Run inside the document's transaction: its signature and band keys, and its copy links."""

    def write(conn: sqlite3.Connection) -> None:
        if sig is not None:
            conn.execute("INSERT OR REPLACE INTO document_minhash (document_id, signature, shingles) VALUES (?, ?, ?)",
                         (document.id, sig.values.tobytes(), sig.shingles))
            conn.executemany("INSERT OR IGNORE INTO minhash_bands (key, document_id) VALUES (?, ?)",
                             [(k, document.id) for k in band_keys(sig)])
        if isinstance(match, CopyMatch):
            conn.execute("INSERT OR REPLACE INTO document_copies (document_id, origin_id, origin_title, outlet, short,"
                         " similarity, method) VALUES (?,?,?,?,?,?,?)",
                         (document.id, match.origin_id, match.origin_title, match.outlet, match.short,
                          match.similarity, "credit" if match.origin_id is None else "minhash"))
            conn.execute("UPDATE documents SET syndicated_from = COALESCE(syndicated_from, ?) WHERE id = ?",
                         (match.outlet, document.id))
        elif isinstance(match, Adoption):
            _adopt(conn, document, match)

    return write


def _adopt(conn: sqlite3.Connection, document: Document, adoption: Adoption) -> None:
    """The stored root and its copies become copies of the new document: their links point at it,
    their outlet becomes its outlet, and their events are marked to be counted again."""
    root = conn.execute("SELECT publisher, syndicated_from FROM documents WHERE id = ?", (adoption.root_id,)).fetchone()
    old_outlet = root["syndicated_from"] or root["publisher"]
    family = [adoption.root_id] + [r[0] for r in conn.execute(
        "SELECT document_id FROM document_copies WHERE origin_id = ?", (adoption.root_id,))]
    conn.execute("INSERT OR REPLACE INTO document_copies (document_id, origin_id, origin_title, outlet, short,"
                 " similarity, method) VALUES (?,?,?,?,?,?,?)",
                 (adoption.root_id, document.id, document.title, adoption.outlet, adoption.short,
                  adoption.similarity, "minhash"))
    conn.execute("UPDATE document_copies SET origin_id = ?, origin_title = ?, outlet = ?, short = ? WHERE origin_id = ?"
                 " AND document_id != ?", (document.id, document.title, adoption.outlet, adoption.short,
                                           adoption.root_id, adoption.root_id))
    if adoption.credit is not None:  # the new origin itself credits a wire
        conn.execute("INSERT OR REPLACE INTO document_copies (document_id, origin_id, origin_title, outlet, short,"
                     " similarity, method) VALUES (?, NULL, NULL, ?, ?, NULL, 'credit')",
                     (document.id, adoption.credit.name, adoption.credit.short))
        conn.execute("UPDATE documents SET syndicated_from = COALESCE(syndicated_from, ?) WHERE id = ?",
                     (adoption.credit.name, document.id))
    for member in family:
        conn.execute("UPDATE documents SET syndicated_from = ? WHERE id = ? AND (syndicated_from IS NULL"
                     " OR syndicated_from = ?)", (adoption.outlet, member, old_outlet))
        # Their claims now count under another outlet: the events that hold them are redone.
        conn.execute("INSERT OR IGNORE INTO events_stale (document_id) VALUES (?)", (member,))
