"""`etrack eval`: score extraction against gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console

from enforcement_tracker.cli import main
from enforcement_tracker.cli.options import db_option
from enforcement_tracker.evaluate.baseline import floors_entry, format_entry
from enforcement_tracker.evaluate.report import evaluation_to_dict, render
from enforcement_tracker.evaluate.run import evaluate_files, pipeline_extractor


@main.command("eval")
@click.argument("gold", nargs=-1, required=False,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from-reviews", "from_reviews", type=click.Path(file_okay=False, path_type=Path),
              help="Write the documents reviewers have finished in the ledger (--db) as texts and DIR/gold.jsonl"
                   " (ANNOTATION.md format), then score the extractor against them.")
@db_option
@click.option("--texts", "texts_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder holding the texts the gold names (default: next to each gold file).")
@click.option("--verbose", "-v", is_flag=True,
              help="List every missed gold record and every spurious prediction, with its sentence.")
@click.option("--json", "as_json", is_flag=True,
              help="Print scores, per-field accuracy, listings and field disagreements as JSON.")
@click.option("--floors", "as_floors", is_flag=True,
              help="Print the figures as one set's entry of tests/quality_baseline.json (floors "
                   "rounded down), to paste over that entry when raising the quality gate.")
def eval_command(gold: tuple[Path, ...], from_reviews: Path | None, db_path: Path, texts_dir: Path | None,
                 verbose: bool, as_json: bool, as_floors: bool) -> None:
    """Run extraction on the texts named in GOLD (.jsonl, one or more) and score it.

    Matching follows the corpus ANNOTATION.md: precision, recall and F1 per kind, and the
    headline micro figures over arrest_count, target, criminality and operation. Over matched
    pairs it also scores the fields the match ignores (places, dates, status, category,
    speaker, sources, of_count, qualifier) and prints their accuracy per kind.
    """
    if from_reviews is not None:
        from enforcement_tracker.evaluate.from_reviews import write_review_gold
        from enforcement_tracker.store import connect

        written = write_review_gold(connect(db_path), from_reviews)
        click.echo(f"gold from reviews: {written.documents} documents, {written.records} records in"
                   f" {written.gold_path}" + (f" ({written.waiting} documents still part-reviewed, left out)"
                                              if written.waiting else ""), err=True)
        if not written.documents:
            raise click.UsageError("no document is fully reviewed yet: review every record of one first")
        gold = (*gold, written.gold_path)
    if not gold:
        raise click.UsageError("give a GOLD file, or --from-reviews DIR")
    evaluation = evaluate_files(list(gold), pipeline_extractor(), texts_dir=texts_dir)
    if as_floors:
        entry = floors_entry(evaluation.scores, [str(g) for g in gold])
        click.echo(format_entry(entry))
        return
    if as_json:
        click.echo(json.dumps(evaluation_to_dict(evaluation), indent=2, ensure_ascii=False, default=str))
        return
    render(evaluation, Console(), verbose=verbose)
