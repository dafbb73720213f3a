"""Showing an evaluation: score and field tables, the verbose list of misses, spurious records and
field disagreements, JSON."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from enforcement_tracker.evaluate.fields import Comparison
from enforcement_tracker.evaluate.run import Evaluation
from enforcement_tracker.evaluate.score import Tally, TextResult, micro
from enforcement_tracker.kinds import registry
from enforcement_tracker.kinds.listing import clip as _clip
from enforcement_tracker.kinds.listing import listing_parts

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’)]))\s+|\n")


# --- tables --------------------------------------------------------------------------------------

def render(evaluation: Evaluation, console: Console, *, verbose: bool = False) -> None:
    if verbose:
        render_listing(evaluation, console)
        render_disagreements(evaluation, console)
    console.print(_kind_table(evaluation))
    console.print(_field_table(evaluation))
    console.print(_file_table(evaluation))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _row(label: str, t: Tally) -> list[str]:
    return [label, str(t.predicted), str(t.correct), _pct(t.precision), str(t.required), str(t.found),
            _pct(t.recall), _pct(t.f1), f"{t.optional_found}/{t.optional}"]


def _kind_table(evaluation: Evaluation) -> Table:
    scores = evaluation.scores
    table = Table(title="Extraction against gold: " + ", ".join(str(p) for p in evaluation.gold_paths),
                  title_justify="left")
    for name, justify in [("kind", "left"), ("pred", "right"), ("correct", "right"),
                          ("P", "right"), ("gold", "right"), ("found", "right"), ("R", "right"),
                          ("F1", "right"), ("opt", "right")]:
        table.add_column(name, justify=justify, **_column_fit(name, "kind"))  # type: ignore[arg-type]
    for kind in scores.kinds:
        table.add_row(*_row(kind, scores.per_kind[kind]))
        if kind == "arrest_count" and scores.arrest_count_without:
            # One long list (031's city counts) should not decide the arrest_count figure alone.
            name, tally = scores.arrest_count_without
            table.add_row(*_row(f"  without {name}", tally), style="dim")
    table.add_section()
    table.add_row(*_row("micro (headline)", scores.headline), style="bold")
    table.caption = (f"headline = {', '.join(registry.headline_names())}; gold counts required records; "
                     "opt = ambiguous gold matched/total; correct predictions include matches to "
                     "ambiguous gold")
    return table


def _field_table(evaluation: Evaluation) -> Table:
    """Per kind and field: of the matched pairs whose gold carries the field, how many agree."""
    table = Table(title="Fields of matched pairs", title_justify="left")
    for name in ("kind", "field", "compared", "equal", "accuracy"):
        table.add_column(name, justify="left" if name in ("kind", "field") else "right",
                         **_column_fit(name, "kind"))  # type: ignore[arg-type]
    last = None
    for kind, name, tally in evaluation.scores.fields.rows(evaluation.scores.kinds):
        if last is not None and kind != last:
            table.add_section()
        table.add_row(kind if kind != last else "", name, str(tally.compared), str(tally.equal),
                      _pct(tally.accuracy))
        last = kind
    table.caption = ("a field is compared when the gold record carries it; "
                     "--verbose lists every disagreement")
    return table


def _column_fit(name: str, label: str) -> dict[str, Any]:
    """Figures never wrap or shrink; on a narrow terminal the label column gives way."""
    if name == label:
        return {"no_wrap": True, "overflow": "ellipsis", "max_width": 30}
    return {"no_wrap": True, "min_width": max(len(name), 4)}


def _file_table(evaluation: Evaluation) -> Table:
    table = Table(title="Per file (headline kinds)", title_justify="left")
    for name in ("file", "pred", "correct", "P", "gold", "found", "R", "arrests P/R"):
        table.add_column(name, justify="left" if name == "file" else "right", **_column_fit(name, "file"))
    for name, tallies in evaluation.scores.per_file.items():
        t = micro(tallies)
        ac = tallies.get("arrest_count", Tally())
        table.add_row(name, str(t.predicted), str(t.correct), _pct(t.precision), str(t.required),
                      str(t.found), _pct(t.recall), f"{_pct(ac.precision)}/{_pct(ac.recall)}")
    return table


# --- the verbose listing --------------------------------------------------------------------------

def render_listing(evaluation: Evaluation, console: Console) -> None:
    """Every missed required gold record and every spurious prediction, with its sentence."""
    for result in evaluation.results:
        entries = listing(result)
        if not entries:
            continue
        console.print(f"[bold]{escape(result.file)}[/bold]")
        for entry in entries:
            console.print(f"  [{_STYLE[entry['status']]}]{entry['status']:<9}[/] {escape(entry['record'])}")
            if entry["sentence"]:
                console.print(f"            [dim]“{escape(_clip(entry['sentence']))}”[/dim]")
            for near in entry.get("near", []):
                console.print(f"            [yellow]near:[/yellow] {escape(near)}")
        console.print()


_STYLE = {"missed": "red", "optional": "dim", "spurious": "magenta"}


def disagreements(evaluation: Evaluation) -> list[Comparison]:
    """Every field on which a matched prediction differs from its gold record, file by file."""
    return [c for result in evaluation.results for c in result.comparisons() if not c.equal]


def render_disagreements(evaluation: Evaluation, console: Console) -> None:
    """Matched records with a wrong field: the field, gold against prediction, and the evidence."""
    found = disagreements(evaluation)
    if not found:
        return
    console.print(f"[bold]Field disagreements in matched pairs ({len(found)})[/bold]")
    last = None
    for c in found:
        if c.file != last:
            console.print(f"[bold]{escape(c.file)}[/bold]")
            last = c.file
        optional = " [dim](optional gold)[/dim]" if c.ambiguous else ""
        console.print(f"  [yellow]{escape(c.kind)}.{escape(c.field)}[/yellow]{optional}: "
                      f"gold {escape(_clip(c.gold.shown, 120))} · predicted {escape(_clip(c.predicted.shown, 120))}")
        if c.evidence:
            console.print(f"            [dim]“{escape(_clip(c.evidence, 160))}”[/dim]")
    console.print()


def listing(result: TextResult) -> list[dict[str, Any]]:
    """Misses (required), optional gold left unmatched, and spurious predictions of one text."""
    entries: list[dict[str, Any]] = []
    spurious = result.spurious()
    for i in result.missed(include_optional=True):
        gold = result.gold[i]
        bounds = _sentence_bounds(result.text, gold.get("evidence") or "")
        near = [describe(result.predicted[j]) for j in spurious
                if result.predicted[j].get("kind") == gold["kind"] and bounds
                and _overlaps(result.predicted[j].get("span"), bounds)]
        entries.append({"status": "optional" if gold.get("ambiguous") else "missed",
                        "record": describe(gold), "gold": gold,
                        "sentence": result.text[bounds[0]:bounds[1]] if bounds else gold.get("evidence"),
                        "near": near})
    for j in spurious:
        pred = result.predicted[j]
        span = pred.get("span")
        sentence = pred.get("evidence") or ""
        if _overlaps(span, (0, len(result.text))):  # show the whole sentence, not just the clause
            start, end = _sentence_around(result.text, span[0], span[1])
            sentence = result.text[start:end]
        entries.append({"status": "spurious", "record": describe(pred), "prediction": pred,
                        "sentence": sentence})
    return entries


def _sentence_bounds(text: str, evidence: str) -> tuple[int, int] | None:
    """The sentence (or line) that holds the evidence, as [start, end) of the text."""
    at = text.find(evidence) if evidence else -1
    return _sentence_around(text, at, at + len(evidence)) if at >= 0 else None


def _sentence_around(text: str, at: int, until: int) -> tuple[int, int]:
    start, end = 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        if not _is_boundary(text, m):
            continue
        if m.end() <= at:
            start = m.end()
        elif m.start() >= until:
            end = m.start()
            break
    return start, end


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    """A line break always ends a sentence; a stop only before a capital, and not after "Sept."."""
    if "\n" in m.group():
        return True
    following = text[m.end():m.end() + 1]
    word = text[:m.start()].rsplit(None, 1)[-1] if text[:m.start()].strip() else ""
    starts_sentence = following.isupper() or (following != "" and following in "“\"")
    return starts_sentence and word.rstrip("”\"’)").lower() not in _ABBREVIATIONS


_ABBREVIATIONS = {"jan.", "feb.", "mar.", "apr.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.",
                  "u.s.", "mr.", "mrs.", "ms.", "dr.", "st.", "no.", "gov.", "sen.", "rep.", "gen.",
                  "lt.", "sgt.", "jr.", "e.", "d.c."}


def _overlaps(span: Any, bounds: tuple[int, int]) -> bool:
    return isinstance(span, (list, tuple)) and len(span) == 2 and span[0] < bounds[1] and bounds[0] < span[1]


# --- one-line descriptions -----------------------------------------------------------------------

def describe(record: dict[str, Any]) -> str:
    """One line on a gold record or a prediction: its kind, then what its kind's `listing` shows."""
    kind = record.get("kind", "?")
    found = registry.find(kind)
    parts = [kind] + (found.listing(record) if found and found.listing else listing_parts(record))
    return " · ".join(p for p in parts if p)


# --- JSON ----------------------------------------------------------------------------------------

def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "gold": [str(p) for p in evaluation.gold_paths],
        "scores": evaluation.scores.to_dict(),
        "files": {r.file: [{k: v for k, v in e.items() if k != "record"} | {"summary": e["record"]}
                           for e in listing(r)] for r in evaluation.results},
        "field_disagreements": [c.to_dict() for c in disagreements(evaluation)],
    }
