"""The harness: read the texts a gold file names, extract, match, score."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from enforcement_tracker.errors import EvalError, TrackerError
from enforcement_tracker.evaluate.convert import predictions_from_records
from enforcement_tracker.evaluate.gold import GoldText, read_gold
from enforcement_tracker.evaluate.match import match_records
from enforcement_tracker.evaluate.score import Scores, TextResult, score
from enforcement_tracker.models import Document, Extraction
from enforcement_tracker.settings import ExtractSettings

# Passed in, not imported: the harness is tested without the NLP model, and the CLI wires the real
# extraction. Any callable with these shapes will do.
Extractor = Callable[[list[Document]], Iterable[Extraction]]
Reader = Callable[[Path], Document]


@dataclass
class Evaluation:
    gold_paths: list[Path]
    results: list[TextResult]
    scores: Scores


def evaluate_files(gold_paths: Sequence[Path], extract: Extractor, *, texts_dir: Path | None = None,
                   read: Reader | None = None) -> Evaluation:
    """Evaluate extraction on every text named by the gold files (texts next to each gold file,
    or in `texts_dir`)."""
    golds: list[GoldText] = []
    for path in gold_paths:
        golds.extend(read_gold(Path(path), texts_dir))
    names = [g.file for g in golds]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise EvalError(f"{duplicates[0]} has gold in more than one file",
                        source=", ".join(str(p) for p in gold_paths), hint="give each text one gold line")
    return evaluate(golds, extract, read=read, gold_paths=[Path(p) for p in gold_paths])


def evaluate(golds: Sequence[GoldText], extract: Extractor, *, read: Reader | None = None,
             gold_paths: list[Path] | None = None) -> Evaluation:
    reader = read or _default_reader()
    documents = [_read_text(g, reader) for g in golds]
    extractions = _pair(documents, list(extract(documents)))
    results = []
    for gold, document, extraction in zip(golds, documents, extractions):
        predicted = predictions_from_records(extraction.records)
        results.append(TextResult(file=gold.file, gold=gold.records, predicted=predicted,
                                  matching=match_records(gold.records, predicted), text=document.text))
    return Evaluation(gold_paths=gold_paths or sorted({g.gold_path for g in golds}),
                      results=results, scores=score(results))


def pipeline_extractor(settings: ExtractSettings | None = None) -> Extractor:
    """The project's own extraction, as an Extractor (imported late: it loads the NLP model)."""
    from enforcement_tracker.extract import extract_documents

    chosen = settings or ExtractSettings()
    return lambda documents: list(extract_documents(documents, chosen))


def _default_reader() -> Reader:
    from enforcement_tracker.ingest import read_document  # the lead's ingest; late so tests need not

    return read_document


def _read_text(gold: GoldText, read: Reader) -> Document:
    path = gold.text_path
    if not path.is_file():
        raise EvalError(f"text {gold.file!r} named on line {gold.line} not found at {path}",
                        source=str(gold.gold_path), hint="give the folder of the texts with --texts DIR")
    try:
        return read(path)
    except TrackerError:
        raise
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"cannot read text ({exc})", source=str(path),
                        hint="texts are UTF-8 files with YAML front matter") from exc


def _pair(documents: list[Document], extractions: list[Extraction]) -> list[Extraction]:
    """Extractions in document order, matched by document id (an extractor may reorder)."""
    pending: dict[str, list[Extraction]] = defaultdict(list)
    for extraction in extractions:
        pending[extraction.document.id].append(extraction)
    paired = []
    for document in documents:
        if not pending.get(document.id):
            raise EvalError("extraction returned no result for this text",
                            source=document.path or document.id,
                            hint="the extractor must yield one Extraction per Document")
        paired.append(pending[document.id].pop(0))
    return paired
