"""Wire copies among plain files: the same links, outlets and events whatever the arrival order.

`etrack ingest` in file order, in other orders, and `etrack load` (document-id order) of the
same files must give one ledger: a copy's origin is chosen from the whole family (the wire's own
story, then the earliest published, then the document id), not by which file came first.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from _job_inputs import differences, input_rows, ledger_tables, write_output
from enforcement_tracker.pipeline import ingest_paths
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.spark.partition import extract_rows
from enforcement_tracker.store import connect
from enforcement_tracker.store.load import load_output

PAIRS = Path(__file__).parent / "data" / "fetch" / "copies"
# (file, publisher, published): the AP wire is dated after one of its copies, a copy credits
# Reuters in a line, and two stations wrote their own stories of the same events.
FILES = [
    ("wire_omaha", "The Associated Press", "2025-06-03"),
    ("copy_omaha_trimmed", "Example Plains Courier", "2025-06-02"),
    ("copy_omaha_edited", "Example River Times", "2025-06-04"),
    ("copy_omaha_local_intro", "Example Omaha Ledger", "2025-06-03"),
    ("other_omaha_tv", "Example Channel 7", "2025-06-02"),
    ("wire_fresno", "Reuters", "2025-06-05"),
    ("copy_fresno_nocredit", "Example Valley Bee", "2025-06-05"),
    ("copy_fresno_edited", "Example Sierra Star", "2025-06-06"),
    ("other_fresno_local", "Example Selma Enterprise", "2025-06-05"),
]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("copies") / "in"
    folder.mkdir()
    out = []
    for name, publisher, published in FILES:
        path = folder / f"{name}.txt"
        body = (PAIRS / f"{name}.txt").read_text("utf-8")
        path.write_text(f"---\npublisher: {publisher}\npublished: {published}\n---\n{body}", "utf-8")
        out.append(path)
    return out


def _ingest(paths: list[Path], db: Path) -> Path:
    summary = ingest_paths(connect(db), paths, ExtractSettings(processes=1))
    assert summary.new == len(paths) and summary.failed == 0
    return db


@pytest.fixture(scope="module")
def in_file_order(files, tmp_path_factory) -> Path:
    return _ingest(files, tmp_path_factory.mktemp("ordered") / "l.db")


def _links(db: Path) -> dict[str, tuple]:
    """{file: (origin's file, outlet, short, method)} of every linked document."""
    conn = sqlite3.connect(db)
    name = {i: Path(p).stem for i, p in conn.execute("SELECT id, path FROM documents")}
    return {name[d]: (name.get(o), outlet, short, method) for d, o, outlet, short, method in conn.execute(
        "SELECT document_id, origin_id, outlet, short, method FROM document_copies")}


def _outlet_counts(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    return sorted(conn.execute("SELECT kind, label, n_documents, n_independent_sources FROM events").fetchall())


def test_copies_point_at_the_wire_and_events_count_it_once(in_file_order):
    links = _links(in_file_order)
    assert links == {
        # The Courier's copy is dated a day before the AP's story, yet the AP's own story is the origin.
        "copy_omaha_trimmed": ("wire_omaha", "The Associated Press", "AP", "minhash"),
        "copy_omaha_edited": ("wire_omaha", "The Associated Press", "AP", "minhash"),
        "copy_omaha_local_intro": ("wire_omaha", "The Associated Press", "AP", "minhash"),
        "copy_fresno_nocredit": ("wire_fresno", "Reuters", "Reuters", "minhash"),
        "copy_fresno_edited": ("wire_fresno", "Reuters", "Reuters", "minhash"),
    }
    conn = sqlite3.connect(in_file_order)
    # The 58 of the Omaha arrests with convictions: reported by the wire, its three copies and a
    # station's own story: five documents, two outlets.
    n_docs, n_outlets = conn.execute("SELECT n_documents, n_independent_sources FROM events"
                                     " WHERE kind = 'criminality' AND label LIKE '58 %'").fetchone()
    assert (n_docs, n_outlets) == (5, 2)


@pytest.mark.parametrize("order", ["reversed", "shuffled"])
def test_any_arrival_order_gives_the_same_ledger(files, in_file_order, tmp_path, order):
    paths = files[::-1] if order == "reversed" else random.Random(11).sample(files, len(files))
    assert paths != files
    other = _ingest(paths, tmp_path / "l.db")
    assert _links(other) == _links(in_file_order)
    assert _outlet_counts(other) == _outlet_counts(in_file_order)
    assert differences(ledger_tables(in_file_order), ledger_tables(other)) == {}


def test_one_file_at_a_time_gives_the_same_ledger(files, in_file_order, tmp_path):
    """Each file its own run (each run regroups its events): the wire arrives after its copies."""
    db = tmp_path / "l.db"
    for path in sorted(files, key=lambda p: p.name):  # copy_* before other_* before wire_*
        ingest_paths(connect(db), [path], ExtractSettings(processes=1))
    assert _links(db) == _links(in_file_order)
    assert _outlet_counts(db) == _outlet_counts(in_file_order)


def test_load_gives_the_ingested_links_and_outlets(files, in_file_order, tmp_path):
    output = write_output(list(extract_rows(input_rows(files))), tmp_path / "output")
    db = tmp_path / "loaded.db"
    load_output(connect(db), output, keep_all_text=True)
    assert _links(db) == _links(in_file_order)
    assert _outlet_counts(db) == _outlet_counts(in_file_order)
    assert differences(ledger_tables(in_file_order), ledger_tables(db)) == {}


def test_load_links_documents_whose_text_it_leaves_out(files, in_file_order, tmp_path):
    """A story with no claim is stored without its text by `etrack load`, yet is still compared."""
    output = write_output(list(extract_rows(input_rows(files))), tmp_path / "output")
    db = tmp_path / "slim.db"
    load_output(connect(db), output)
    assert _links(db) == _links(in_file_order)
    assert _outlet_counts(db) == _outlet_counts(in_file_order)


def test_a_winning_copy_that_changes_the_origin_s_outlet_regroups_its_family(tmp_path):
    """The wire's text arrives again, earlier and from the outlet that printed a copy of it: the
    text's document takes that outlet (store/identity.py), so the two are one outlet's stories and
    no longer a copy pair; whether that copy came before or after, the links end the same."""
    folder = tmp_path / "in"
    folder.mkdir()
    wire = (PAIRS / "wire_omaha.txt").read_text("utf-8")
    trimmed = (PAIRS / "copy_omaha_trimmed.txt").read_text("utf-8")
    texts = {"a-wire.txt": ("The Associated Press", "2025-06-03", wire),
             "b-trimmed.txt": ("Example Plains Courier", "2025-06-04", trimmed),
             "c-wire-again.txt": ("Example Plains Courier", "2025-06-01", wire)}
    for name, (publisher, published, body) in texts.items():
        (folder / name).write_text(f"---\npublisher: {publisher}\npublished: {published}\n---\n{body}", "utf-8")
    names = sorted(texts)
    ledgers = []
    for order in (names, names[::-1], [names[0], names[2], names[1]]):
        db = tmp_path / f"{'-'.join(n[0] for n in order)}.db"
        for name in order:  # one run per file: each arrival is linked on its own
            ingest_paths(connect(db), [folder / name], ExtractSettings(processes=1))
        ledgers.append(db)
    first = sqlite3.connect(ledgers[0])
    # Both documents credit AP in their datelines and neither copies another outlet's story.
    assert sorted(first.execute("SELECT d.publisher, c.origin_id, c.outlet, c.method, d.syndicated_from"
                                " FROM document_copies c JOIN documents d ON d.id = c.document_id")) == [
        ("Example Plains Courier", None, "The Associated Press", "credit", "The Associated Press")] * 2
    for other in ledgers[1:]:
        assert differences(ledger_tables(ledgers[0]), ledger_tables(other)) == {}, other.name
