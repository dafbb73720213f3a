"""Sentence starts set by extract/nlp.py before the parser, written as one array per doc."""

from __future__ import annotations

import pytest
import spacy

from enforcement_tracker.extract.nlp import set_sentence_starts


@pytest.fixture(scope="module")
def blank() -> spacy.language.Language:
    return spacy.blank("en")


@pytest.mark.parametrize("text,sentences", [
    ("Agents arrived on Jan. 25 in Aurora. They left on Sunday.",
     ["Agents arrived on Jan. 25 in Aurora.", "They left on Sunday."]),
    ("“We are done,” she said. “Not yet.” The mayor disagreed!",
     ["“We are done,” she said.", "“Not yet.”", "The mayor disagreed!"]),
    ("Officers of Enforcement and Removal Operations (ERO) Phoenix field office said 12 were held.",
     ["Officers of Enforcement and Removal Operations (ERO) Phoenix field office said 12 were held."]),
    ("The U.S. Attorney spoke. 48 people were arrested, officials said.",
     ["The U.S. Attorney spoke.", "48 people were arrested, officials said."]),
    ("Gov. J. Smith left. it was late.", ["Gov. J. Smith left. it was late."]),
    # a straight quote glued to the period closes the words; after a space it opens new ones
    ('She said it was "over." The vans left.', ['She said it was "over."', "The vans left."]),
    ('The vans left. "We are done," she said.', ["The vans left.", '"We are done," she said.']),
    # a table row's dotted leader leads to its number
    ("With criminal convictions ........ 38", ["With criminal convictions ........ 38"]),
    ("They left. 38 were held.", ["They left.", "38 were held."]),
])
def test_sentence_starts(blank, text: str, sentences: list[str]) -> None:
    doc = set_sentence_starts(blank.make_doc(text))
    assert [s.text for s in doc.sents] == sentences
    # Every token is marked, start or not, so the parser cannot move a boundary.
    assert all(t.is_sent_start is not None for t in doc)


def test_empty_doc(blank) -> None:
    assert len(set_sentence_starts(blank.make_doc(""))) == 0


def test_a_straight_quote_opening_a_sentence_does_not_end_it():
    from enforcement_tracker.extract.nlp import load_nlp
    from enforcement_tracker.settings import ExtractSettings

    nlp = load_nlp(ExtractSettings().model)
    doc = nlp('She defended the pace. "We go where the cases are," she said.')
    assert [s.text for s in doc.sents] == ["She defended the pace.", '"We go where the cases are," she said.']
