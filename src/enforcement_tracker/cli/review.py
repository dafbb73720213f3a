"""Commands for people who check the machine's work: review, reviewer, log, reextract, release."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from enforcement_tracker.cli import main
from enforcement_tracker.cli.options import KindChoice, db_option
from enforcement_tracker.describe import describe
from enforcement_tracker.store import audit, connect, review, reviewers

token_option = click.option("--token", envvar="ETRACK_TOKEN", metavar="TOKEN",
                            help="Your reviewer token (from `etrack reviewer add`). Also read from ETRACK_TOKEN;"
                                 " the environment keeps it out of your shell history.")
why_option = click.option("--why", required=True, metavar="TEXT", help="Why: a few words that go in the audit log.")


@main.group("review")
def review_group() -> None:
    """Confirm, correct or reject the machine's records; each action is logged with who and why."""


@review_group.command("queue")
@db_option
@click.option("--kind", type=KindChoice(), help="Only records of this kind.")
@click.option("--limit", type=click.IntRange(1, 10000), default=20, show_default=True, help="How many to list.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
def queue_command(db_path: Path, kind: str | None, limit: int, as_json: bool) -> None:
    """Machine records awaiting a person, most consequential first (a second look asked for,
    then records that feed a check, then those in an event of several reports, newest first)."""
    conn = connect(db_path)
    items = review.queue(conn, where="r.kind = ?" if kind else "1", params=[kind] if kind else [], limit=limit)
    claims = {rid: json.loads(text) for rid, text in conn.execute(
        f"SELECT id, json FROM records WHERE id IN ({', '.join('?' * len(items))})", [i["id"] for i in items])}
    if as_json:
        for item in items:
            click.echo(json.dumps({**item, "claim": describe(claims[item["id"]])}, ensure_ascii=False))
        return
    counts = review.state_counts(conn)
    table = Table(title=f"{len(items)} to review in {db_path} ("
                        + ", ".join(f"{n} {s}" for s, n in counts.items()) + ")")
    for name in ("id", "claim", "why first", "publisher", "published"):
        table.add_column(name)
    for item in items:
        why = "second look" if item["second_look"] else "checked" if item["checked"] else (
            f"{item['reports']} reports" if item["reports"] > 1 else "")
        table.add_row(item["id"], describe(claims[item["id"]]), why, item["publisher"] or "", item["published"] or "")
    Console().print(table)


def _act(db_path: Path, token: str | None, record_id: str, action: str, why: str,
         changes: dict[str, str] | None = None) -> None:
    conn = connect(db_path)
    name = reviewers.authenticate(conn, token)
    out = review.act(conn, record_id, action, reviewer=name, why=why, changes=changes)
    changed = "; ".join(f"{k}: {_short(a)} -> {_short(b)}" for k, (a, b) in out.changes.items())
    click.echo(f"{out.record_id}: {out.action} by {name}, {out.before} -> {out.after}"
               + (f", revision {out.revision} ({changed})" if changed else ""))


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "..."


@review_group.command("accept")
@click.argument("record_id", metavar="ID")
@why_option
@db_option
@token_option
def accept_command(record_id: str, why: str, db_path: Path, token: str | None) -> None:
    """Confirm record ID as it reads: machine -> reviewed; reviewed -> verified when you are a
    second, different reviewer."""
    _act(db_path, token, record_id, "accept", why)


@review_group.command("reject")
@click.argument("record_id", metavar="ID")
@why_option
@db_option
@token_option
def reject_command(record_id: str, why: str, db_path: Path, token: str | None) -> None:
    """Reject record ID: not a claim the text makes, or a red-line breach. It stays, marked rejected."""
    _act(db_path, token, record_id, "reject", why)


@review_group.command("correct")
@click.argument("record_id", metavar="ID")
@click.option("--set", "sets", multiple=True, required=True, metavar="FIELD=VALUE",
              help="A field's right value, e.g. count=956, period=2025-01-26 (or A..B), places='Chicago, IL',"
                   " status=ended, category=not_criminal, speaker='Name, title', sources='outlet: NAME',"
                   " span=120-245. Repeat for several fields.")
@why_option
@db_option
@token_option
def correct_command(record_id: str, sets: tuple[str, ...], why: str, db_path: Path, token: str | None) -> None:
    """Correct record ID: a new revision with your values; the machine's revision is kept."""
    changes = {}
    for item in sets:
        field, eq, value = item.partition("=")
        if not eq or not field.strip():
            raise click.BadParameter(f"{item!r} is not FIELD=VALUE", param_hint="--set")
        changes[field.strip()] = value
    _act(db_path, token, record_id, "correct", why, changes)


@review_group.command("show")
@click.argument("record_id", metavar="ID")
@db_option
def show_command(record_id: str, db_path: Path) -> None:
    """A record's review state, its revisions (the machine's first) and who did what, when and why."""
    h = review.history(connect(db_path), record_id)
    click.echo(f"{h['id']}: {h['review']}, showing revision {h['revision']}"
               + (" (a newer machine reading differs: second look)" if h["second_look"] else ""))
    for r in h["revisions"]:
        click.echo(f"  revision {r['revision']} ({r['origin']}{', ' + r['who'] if r['who'] else ''}"
                   f"{', ' + r['at'] if r['at'] else ''}): {describe(r['record'])}"
                   + (f" — {r['why']}" if r["why"] else ""))
    for a in h["actions"]:
        click.echo(f"  {a['at']} {a['who']}: {a['action']} ({a['from']} -> {a['to']}) — {a['why']}")


@main.group("reviewer")
def reviewer_group() -> None:
    """Who may review this ledger: add (prints a token once), list, revoke."""


@reviewer_group.command("add")
@click.argument("name")
@db_option
def reviewer_add(name: str, db_path: Path) -> None:
    """Add reviewer NAME and print their token. It is shown this once: the ledger keeps only its hash."""
    token = reviewers.add(connect(db_path), name)
    click.echo(token)
    click.echo(f"reviewer {name!r} added to {db_path}; give them the token above (it works on this ledger only"
               " and cannot be shown again)", err=True)


@reviewer_group.command("list")
@db_option
def reviewer_list(db_path: Path) -> None:
    """Every reviewer, when added, and whether their token still works."""
    for r in reviewers.list_reviewers(connect(db_path)):
        click.echo(f"{r.name}\tadded {r.added_at}\t" + ("active" if r.active else f"revoked {r.revoked_at}"))


@reviewer_group.command("revoke")
@click.argument("name")
@db_option
def reviewer_revoke(name: str, db_path: Path) -> None:
    """Revoke NAME's token at once (their past actions stay in the log)."""
    r = reviewers.revoke(connect(db_path), name)
    click.echo(f"reviewer {r.name!r}: token revoked {r.revoked_at}")


@main.command("log")
@db_option
@click.option("--action", type=click.Choice(audit.ACTIONS), help="Only entries of this action.")
@click.option("--subject", metavar="ID", help="Only entries about this record, document, file or version.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the newest N entries.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
def log_command(db_path: Path, action: str | None, subject: str | None, limit: int | None, as_json: bool) -> None:
    """The audit log, oldest first: every review action and refusal, ingest, import, re-extraction and
    release. The ledger refuses to change or delete an entry."""
    for e in audit.entries(connect(db_path), action=action, subject=subject, limit=limit):
        if as_json:
            click.echo(json.dumps(e, ensure_ascii=False, sort_keys=True))
            continue
        detail = e["detail"] or {}
        words = detail.get("why") or detail.get("reason") or ", ".join(
            f"{k}={v}" for k, v in sorted(detail.items()) if v not in (None, "", {}, []) and k != "changes")
        click.echo(f"{e['id']}\t{e['at']}\t{e['actor']}\t{e['action']}\t{e['subject'] or ''}\t{words}")


@main.command("reextract")
@db_option
@click.option("--processes", "-p", type=click.IntRange(1, 64), default=None, help="Worker processes for big batches.")
def reextract_command(db_path: Path, processes: int | None) -> None:
    """Read every stored document again with this version's extractor. Record ids stay; a reviewer's
    revision is never replaced (a changed machine reading is flagged for a second look instead)."""
    from enforcement_tracker.extract import extract_documents
    from enforcement_tracker.settings import ExtractSettings
    from enforcement_tracker.store.events import update_events
    from enforcement_tracker.store.reextract import ReextractSummary, reextract_document, stored_document

    conn = connect(db_path)
    ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
    settings = ExtractSettings() if processes is None else ExtractSettings(processes=processes)
    total = ReextractSummary(documents=0)
    with Progress(TextColumn("re-extracting"), BarColumn(), MofNCompleteColumn(), transient=True,
                  disable=len(ids) < 5) as bar:
        task = bar.add_task("docs", total=len(ids))
        for start in range(0, len(ids), 200):
            docs = [stored_document(conn, i) for i in ids[start:start + 200]]
            for extraction in extract_documents(docs, settings):
                s = reextract_document(conn, extraction)
                for name in ("documents", "unchanged", "updated", "flagged", "added", "dropped"):
                    setattr(total, name, getattr(total, name) + getattr(s, name))
                bar.advance(task)
    update_events(conn)
    click.echo(f"documents: {total.documents}; records: {total.unchanged} unchanged, {total.updated} updated,"
               f" {total.added} added, {total.dropped} dropped, {total.flagged} flagged for a second look;"
               f" ledger: {db_path}")


@main.command("release")
@click.argument("version")
@db_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("releases"),
              show_default=True, help="Folder the release folder VERSION is written into.")
@click.option("--review", "review_filter", default="machine,reviewed,verified", show_default=True,
              metavar="STATES", help="Review states to release, comma-separated (e.g. reviewed,verified: only"
                                     " what a person checked). Rejected records are never released unless named.")
@click.option("--date", "released_on", metavar="YYYY-MM-DD",
              help="Release date in the package (default: today, or the version's first release date when rebuilt).")
@click.option("--authors", default="Enforcement Tracker contributors", show_default=True,
              help="Who to cite, as CITATION.cff's author.")
def release_command(version: str, db_path: Path, out_dir: Path, review_filter: str, released_on: str | None,
                    authors: str) -> None:
    """Write release VERSION: a Frictionless data package (datapackage.json), records as CSV, JSON Lines
    and Parquet, operations as GeoJSON, checks, events, the official series, CHANGES.md against the
    previous release, and CITATION.cff. The same ledger and VERSION give byte-identical files."""
    from enforcement_tracker.release import build_release

    conn = connect(db_path)
    states = review.parse_states(review_filter, "--review")
    result = build_release(conn, version, out_dir, states=states, released_on=released_on, authors=authors)
    click.echo(f"release {result.version} ({result.released_on}): {result.records} records, {len(result.files)} files"
               f" in {result.folder}" + (f"; changes against {result.previous} in CHANGES.md" if result.previous
                                         else "; the first release"))
