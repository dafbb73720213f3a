"""Shared by the per-kind rule tests: extract a short text of ours and check the contract."""

from __future__ import annotations

from enforcement_tracker.extract import extract_document
from enforcement_tracker.models import Document


def records(body: str, published: str | None = "2025-03-14", kind: str | None = None,
            publisher: str = "Example Wire") -> list[dict]:
    doc = Document(text=body, publisher=publisher, published=published)
    out = [r.to_dict() for r in extract_document(doc).records]
    for r in out:
        assert doc.text[r["span"][0]:r["span"][1]] == r["quote"] and r["sources"]
    return [r for r in out if kind is None or r["kind"] == kind]


def number(value: dict | None):
    if value is None:
        return None
    return value.get("value", (value.get("low"), value.get("high")))
