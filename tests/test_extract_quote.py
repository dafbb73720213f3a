"""Quotations: who said what, and what is no quotation, on sentences we wrote."""

from __future__ import annotations

from _extract_helpers import records


def test_a_quoted_name_is_no_quote():
    body = ('Officers announced the results of a targeted "Safe Harbor" enforcement operation, '
            'Field Office Director Nora Quill said.')
    assert records(body, kind="quote") == []


def test_a_spoken_sentence_is_a_quote():
    body = ('ICE officers arrested 40 people in Reno on Monday.\n\n'
            '"We will keep working with our partners," said Field Office Director Nora Quill.')
    [q] = records(body, kind="quote")
    assert q["speaker"]["name"] == "Nora Quill" and q["text"].startswith("We will keep working")
