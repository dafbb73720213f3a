"""Reviewers' decisions as gold: `etrack eval --from-reviews DIR` writes the documents people have
finished reviewing as texts and a gold file in the ANNOTATION.md format, so the team's gold grows
from use and the extractor is scored against what reviewers decided.

A document counts once every record of it has been reviewed, verified or rejected and none waits
for a second look: a half-reviewed document would score the extractor against a partial gold. Its
gold records are its reviewed and verified records as they read now (corrections included);
rejected records are left out, as not claims the text makes.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import yaml

from enforcement_tracker.evaluate.convert import predictions_from_records

_KEPT_OUT = ("id", "span", "review", "revision")


@dataclass
class ReviewGold:
    gold_path: Path
    documents: int
    records: int
    waiting: int  # documents with some review but records still awaiting a person


def _file_name(document_id: str) -> str:
    return re.sub(r"[^0-9a-f]", "", document_id.split(":", 1)[-1])[:16] + ".txt"


def write_review_gold(conn: sqlite3.Connection, out_dir: Path) -> ReviewGold:
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = conn.execute(
        "SELECT d.id, d.text, d.publisher, d.published, d.kind,"
        " sum(r.review = 'machine' OR r.second_look = 1) AS waiting, count(r.id) AS n"
        " FROM documents d JOIN records r ON r.document_id = d.id GROUP BY d.id ORDER BY d.id").fetchall()
    lines, documents, records, waiting = [], 0, 0, 0
    for doc_id, text, publisher, published, kind, pending, n in rows:
        if pending:
            if pending < n:
                waiting += 1
            continue
        found = [json.loads(j) for (j,) in conn.execute(
            "SELECT json FROM records WHERE document_id = ? AND review IN ('reviewed', 'verified')"
            " ORDER BY span_start, id", (doc_id,))]
        gold = [{k: v for k, v in p.items() if k not in _KEPT_OUT} for p in predictions_from_records(found)]
        name = _file_name(doc_id)
        front = {k: v for k, v in (("publisher", publisher), ("published", published), ("kind", kind)) if v}
        (out_dir / name).write_text("---\n" + yaml.safe_dump(front, sort_keys=True, allow_unicode=True) + "---\n"
                                    + text, encoding="utf-8")
        full_date = published if published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) else None
        lines.append(json.dumps({"file": name, "published": full_date, "records": gold}, ensure_ascii=False))
        documents += 1
        records += len(gold)
    gold_path = out_dir / "gold.jsonl"
    gold_path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return ReviewGold(gold_path, documents, records, waiting)
