"""The name ruler: agencies and places marked by their text, as spaCy's EntityRuler marks them."""

from __future__ import annotations

import pytest
import spacy

from enforcement_tracker.extract.name_ruler import NameRuler
from enforcement_tracker.extract.nlp import ruler_patterns

PATTERNS = [
    {"label": "ORG", "pattern": "ICE"},
    {"label": "ORG", "pattern": "U.S. Border Patrol"},
    {"label": "ORG", "pattern": "local police"},
    {"label": "GPE", "pattern": "St. Paul"},
    {"label": "GPE", "pattern": "Winston-Salem"},
    {"label": "GPE", "pattern": "New York"},
    {"label": "GPE", "pattern": "New York City"},
    {"label": "GPE", "pattern": "York"},
    {"label": "GPE", "pattern": "Chicago"},
    {"label": "GPE", "pattern": "Coeur d'Alene"},
]

SENTENCES = [
    "ICE and the U.S. Border Patrol said 40 people were arrested in St. Paul on Tuesday.",
    "Officers in Winston-Salem worked with local police, the sheriff said.",
    "The New York City field office reported 12 arrests; New York state reported none.",
    "Agents in York, Pa., and in Chicago's suburbs were seen, according to ICE.",
    "Chicagoland is no city name, and neither is ICEBERG or the word police alone.",
    "A spokesman in Coeur d'Alene said ICE's team left St. Paul.",
    "",
]


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


def test_names_are_found_whole_and_at_token_bounds(nlp):
    ruler = NameRuler(PATTERNS)
    doc = ruler(nlp("ICE and the U.S. Border Patrol said 40 people were arrested in St. Paul, not Chicagoland."))
    assert _ents(doc) == [("ICE", "ORG"), ("U.S. Border Patrol", "ORG"), ("St. Paul", "GPE")]
    # "Chicago" inside "Chicagoland" is not the city; "Chicago" before a possessive is
    assert _ents(ruler(nlp("Chicago's suburbs"))) == [("Chicago", "GPE")]


def test_the_longer_name_wins_an_overlap(nlp):
    doc = NameRuler(PATTERNS)(nlp("The New York City field office reported 12 arrests."))
    assert _ents(doc) == [("New York City", "GPE")]


def test_same_entities_as_spacys_entity_ruler(nlp):
    reference = spacy.blank("en")
    entity_ruler = reference.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    entity_ruler.add_patterns(PATTERNS)
    ruler = NameRuler(PATTERNS)
    for sentence in SENTENCES:
        assert _ents(ruler(nlp(sentence))) == _ents(reference(sentence)), sentence


def test_a_found_name_overwrites_an_entity_already_there(nlp):
    doc = nlp("Agents met in St. Paul today.")
    doc.ents = [spacy.tokens.Span(doc, 3, 4, label="PERSON")]  # "St." taken for a person
    assert _ents(NameRuler(PATTERNS)(doc)) == [("St. Paul", "GPE")]


def test_the_shipped_phrases_load_and_a_bad_phrase_is_refused():
    assert len(NameRuler(ruler_patterns())) > 1000
    with pytest.raises(ValueError, match="non-empty string"):
        NameRuler([{"label": "GPE", "pattern": [{"LOWER": "chicago"}]}])
