"""The plain data that flows between pipeline stages (see the record contract in DESIGN.md)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from enforcement_tracker.errors import IngestError
from enforcement_tracker.kinds import registry
from enforcement_tracker.kinds.base import number_discriminator

# The built-in kinds as the registry lists them when this module loads (enforcement_tracker/kinds/);
# code that must see kinds registered later reads the registry itself.
RECORD_KINDS: tuple[str, ...] = registry.kind_names()
HEADLINE_KINDS: tuple[str, ...] = registry.headline_names()


def document_id(text: str) -> str:
    """A document is its text: the same words ingested twice are the same document."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Document:
    text: str
    publisher: str | None = None
    published: str | None = None  # ISO date, or a partial "YYYY-MM" / "YYYY", or None
    kind: str = "news"
    title: str | None = None
    url: str | None = None
    syndicated_from: str | None = None
    path: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.text)

    def to_dict(self, *, text: bool = False) -> dict[str, Any]:
        """The contract's document object; the text itself is stored, not printed, unless `text`
        asks for it (with the path it was read from): then `from_dict` rebuilds this Document."""
        out: dict[str, Any] = {
            "id": self.id,
            "publisher": self.publisher,
            "published": self.published,
            "kind": self.kind,
            "title": self.title,
            "url": self.url,
            "syndicated_from": self.syndicated_from,
        }
        if text:
            out["path"] = self.path
            out["text"] = self.text
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        """A Document from `to_dict(text=True)`, or from the contract's object alone (no text: only
        its id and metadata). A text whose hash is not the id given is refused: it was altered."""
        text = data.get("text") or ""
        given = data.get("id") or ""
        if text and given and given != document_id(text):
            raise IngestError(f"document {given[:20]}…: its text does not hash to its id", source=data.get("path"),
                              hint="the text was changed after it was read; read the original again")
        if not text and not given:
            raise IngestError("document has neither text nor id", source=data.get("path"),
                              hint="give at least its `id`, or its `text`")
        return cls(text=text, publisher=data.get("publisher"), published=data.get("published"),
                   kind=data.get("kind") or "news", title=data.get("title"), url=data.get("url"),
                   syndicated_from=data.get("syndicated_from"), path=data.get("path"), id=given)


@dataclass
class Source:
    """Who says a claim: an outlet, an agency, a named person, anonymous people."""

    kind: str  # anonymous | named | unnamed_official | outlet | agency | document
    count: int | None = None
    description: str | None = None
    person: dict[str, Any] | None = None
    outlet: str | None = None
    first_reported: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Source":
        return cls(**{k: data.get(k) for k in ("kind", "count", "description", "person", "outlet")},
                   first_reported=bool(data.get("first_reported")))


@dataclass
class Record:
    """One claim, pointing at the characters of its document that carry it."""

    kind: str
    span: tuple[int, int]
    quote: str
    fields: dict[str, Any]
    sources: list[Source] = field(default_factory=list)
    document_id: str = ""
    extractor: str = ""
    id: str = ""

    def assign_id(self, text: str | None = None) -> None:
        """This record's id from its document, kind, sentence and claim (record_ids.py; `text` is
        the document's text, which says where the sentence starts). A document's records get
        theirs together, with `assign_ids`, so that two alike in one sentence are told apart."""
        from enforcement_tracker.record_ids import assign_ids

        assign_ids([self], text)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "span": list(self.span),
                               "quote": self.quote}
        out.update(self.fields)
        out["sources"] = [s.to_dict() for s in self.sources]
        out["document_id"] = self.document_id
        out["extractor"] = self.extractor
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        reserved = {"id", "kind", "span", "quote", "sources", "document_id", "extractor"}
        return cls(
            kind=data["kind"],
            span=(int(data["span"][0]), int(data["span"][1])),
            quote=data["quote"],
            fields={k: v for k, v in data.items() if k not in reserved},
            sources=[Source.from_dict(s) for s in data.get("sources", [])],
            document_id=data.get("document_id", ""),
            extractor=data.get("extractor", ""),
            id=data.get("id", ""),
        )


def discriminator(record: Record) -> str:
    """Two records of one kind may share a sentence (a count and its share); the kind's
    `discriminator` tells them apart (a kind nobody registered uses the built-in kinds' one)."""
    kind = registry.find(record.kind)
    return (kind.discriminator if kind else number_discriminator)(record.fields)


@dataclass
class Extraction:
    """One document and what was extracted from it: the unit every later stage consumes."""

    document: Document
    records: list[Record]
    # Records the guard stage dropped, by reason ("private_person": 2); never the records themselves.
    refused: dict[str, int] = field(default_factory=dict)

    def to_dict(self, *, complete: bool = False) -> dict[str, Any]:
        """The contract's object; `complete` adds what the contract leaves out (the document's text
        and path, the guard's refusal counts), so that `from_dict` rebuilds an equal Extraction."""
        out: dict[str, Any] = {"document": self.document.to_dict(text=complete),
                               "records": [r.to_dict() for r in self.records]}
        if complete:
            out["refused"] = dict(self.refused)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Extraction":
        return cls(document=Document.from_dict(data["document"]),
                   records=[Record.from_dict(r) for r in data.get("records") or []],
                   refused={str(k): int(v) for k, v in (data.get("refused") or {}).items()})
