"""Reading gold files: one JSON line per text, `{"file", "published", "records"}` (ANNOTATION.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from enforcement_tracker.errors import EvalError
from enforcement_tracker.kinds import registry


@dataclass
class GoldText:
    """The gold records of one text, and where the line came from (for error messages)."""

    file: str
    published: str | None
    records: list[dict[str, Any]]
    gold_path: Path
    line: int
    texts_dir: Path = field(default_factory=Path)

    @property
    def text_path(self) -> Path:
        return self.texts_dir / self.file


def read_gold(path: Path, texts_dir: Path | None = None) -> list[GoldText]:
    """Every gold line of `path`; texts are looked up in `texts_dir`, else next to the gold file."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read gold file ({exc.strerror})", source=str(path),
                        hint="give the path of a gold .jsonl file") from exc
    texts = Path(texts_dir) if texts_dir is not None else path.parent
    golds: list[GoldText] = []
    seen: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{path}:{number}"
        golds.append(_parse_line(raw, where, path, number, texts))
        if golds[-1].file in seen:
            raise EvalError(f"file {golds[-1].file!r} has a second gold line", source=where,
                            hint="merge its records into one line")
        seen.add(golds[-1].file)
    return golds


def _parse_line(raw: str, where: str, path: Path, number: int, texts: Path) -> GoldText:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise EvalError(f"not valid JSON ({exc.msg}, column {exc.colno})", source=where,
                        hint="each line must be one JSON object") from exc
    if not isinstance(data, dict) or not isinstance(data.get("file"), str):
        raise EvalError("line has no \"file\" name", source=where,
                        hint='each line is {"file": ..., "published": ..., "records": [...]}')
    records = data.get("records")
    if not isinstance(records, list):
        raise EvalError("\"records\" is missing or not a list", source=where,
                        hint='a text with nothing to extract has "records": []')
    known = registry.kind_names()  # read now: a kind registered after import is known too
    for i, record in enumerate(records):
        if not isinstance(record, dict) or record.get("kind") not in known:
            kind = record.get("kind") if isinstance(record, dict) else record
            raise EvalError(f"record {i} has an unknown kind {kind!r}", source=where,
                            hint=f"kind is one of {', '.join(known)}")
    published = data.get("published")
    return GoldText(file=data["file"], published=published if isinstance(published, str) else None,
                    records=records, gold_path=path, line=number, texts_dir=texts)
