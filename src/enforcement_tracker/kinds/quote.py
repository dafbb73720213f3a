"""quote: words an official in a public role said, with who said them."""

from __future__ import annotations

import re
from typing import Any

from enforcement_tracker.kinds.base import Kind
from enforcement_tracker.kinds.compare import last_word, speaker_text
from enforcement_tracker.kinds.examples import Draw
from enforcement_tracker.kinds.listing import clip, period_part, person_part, tail_parts
from enforcement_tracker.kinds.values import ledger_columns, period_dates
from enforcement_tracker.publish import words


def describe(record: dict[str, Any]) -> str:
    sp = record.get("speaker") or {}
    who = ", ".join(x for x in (sp.get("name"), sp.get("title")) if x)
    return f"{who}: “{record.get('text')}”"


def fields_in_words(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [("Speaker", words.person(data.get("speaker"))), ("Said", data.get("text") or ""),
            ("About", words.places([data["about"]]) if data.get("about") else "—")]


def summary(row: dict[str, Any]) -> str:
    return f"Statement about {words.row_where(row)}" if row.get("places") else "Statement"


def claim_key(record: dict[str, Any]) -> tuple:
    return ((record.get("speaker") or {}).get("name"), record.get("text"))


def same_claim(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a.get("text") == b.get("text")


def match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    word = last_word(gold.get("speaker"))
    if not word:
        return False
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", speaker_text(pred.get("speaker")),
                     flags=re.IGNORECASE) is not None


def columns(fields: dict[str, Any]) -> dict[str, Any]:
    # A statement's place is the place it is about.
    places = [fields["about"]] if fields.get("about") else None
    return ledger_columns(fields, dates=period_dates(fields.get("period")), places=places)


def listing(record: dict[str, Any]) -> list[str]:
    # A statement's places are what it is about, shown in its words rather than as a place list.
    said = f"{person_part(record.get('speaker'))}: “{clip(str(record.get('text') or ''), 60)}”"
    return period_part(record) + tail_parts(record, places=False) + [said]


def example(draw: Draw) -> tuple[str, dict[str, Any], list[Any]]:
    # A public official about the document's city: a made-up statement, never a private person's.
    place = draw.place
    text = f"\"We are watching closely,\" said the mayor of {place['name']}."
    return text, {"speaker": {"name": None, "title": f"Mayor of {place['name']}"},
                  "text": "We are watching closely", "about": place}, [draw.source(kind="named")]


KIND = Kind(
    name="quote",
    version=6,
    title="Statement",
    fields=(("speaker", "who said it: a person in a public role (name and title)"),
            ("text", "the words quoted"),
            ("about", "the place it is about, or null")),
    describe=describe,
    words=fields_in_words,
    summary=summary,
    claim_key=claim_key,
    same_claim=same_claim,
    match=match,
    columns=columns,
    rank=60,
    finder="enforcement_tracker.extract.quotes:find_quotes",
    scored_fields=("speaker", "text", "sources"),
    listing=listing,
    example=example,
)
