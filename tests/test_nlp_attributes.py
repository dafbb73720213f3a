"""The lookup that replaces the model's attribute ruler leaves every token as the ruler would.

POS, lemma and morphology feed the tense and speaker rules; a token that came out differently
would change records. So these tests run the model's own AttributeRuler and the lookup over the
same parses and compare every token.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from enforcement_tracker.errors import ExtractError
from enforcement_tracker.extract.attributes import NAME, LookupAttributes, can_replace
from enforcement_tracker.extract.nlp import load_nlp
from enforcement_tracker.settings import ExtractSettings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# Sentences of our own for the rules the examples rarely reach: two-token rules ("ai" + "n't",
# "gon" + "na", "let" + "'s", "there" + "is"), auxiliaries, pronouns, spaces, contractions.
SENTENCES = [
    "I ain't gonna say it, y'all, and we gotta go.",
    "Let's be clear: there is nothing doin' here and there were no arrests.",
    "C'mon, she'd have been there if he'd asked her.",
    "It is what it is, and they've done what they could do.",
    "Officials did not say whether the agents had left.  Nobody knows.",
    "The mayor said that she was not told, but agents were seen anyway.",
    "Somebody gets what they want; everybody got the message.",
]


@pytest.fixture(scope="module")
def parsed() -> tuple[spacy.language.Language, list]:
    nlp = spacy.load(ExtractSettings().model, exclude=["lemmatizer", "ner"])
    texts = list(SENTENCES)
    for path in sorted(EXAMPLES.glob("*.txt")):
        texts += [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    with nlp.select_pipes(disable=["attribute_ruler"]):
        docs = list(nlp.pipe(texts))
    return nlp, docs


def _attributes(doc) -> list[tuple[str, str, str, str, str]]:
    return [(t.text, t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_) for t in doc]


def test_lookup_sets_what_the_attribute_ruler_sets(parsed) -> None:
    nlp, docs = parsed
    ruler = nlp.get_pipe("attribute_ruler")
    lookup = LookupAttributes(ruler)
    compared = 0
    for doc in docs:
        by_ruler, by_lookup = ruler(doc.copy()), lookup(doc.copy())
        assert _attributes(by_lookup) == _attributes(by_ruler), doc.text[:80]
        compared += len(doc)
    assert compared > 5_000  # the examples were really read


def test_two_token_rules_apply(parsed) -> None:
    nlp, docs = parsed
    lookup = LookupAttributes(nlp.get_pipe("attribute_ruler"))
    doc = lookup(docs[0].copy())
    ai = next(t for t in doc if t.lower_ == "ai")
    assert ai.lemma_ == "be"  # "ai" + "n't"
    gon = next(t for t in doc if t.lower_ == "gon")
    assert (gon.lemma_, gon.nbor().lemma_) == ("go", "to")  # "gon" + "na"


def test_empty_doc(parsed) -> None:
    nlp, _ = parsed
    lookup = LookupAttributes(nlp.get_pipe("attribute_ruler"))
    assert len(lookup(nlp.make_doc(""))) == 0


def test_extraction_pipeline_uses_the_lookup() -> None:
    nlp = load_nlp(ExtractSettings().model)
    assert NAME in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    assert nlp.pipe_names.index(NAME) > nlp.pipe_names.index("parser")  # its rules read the parse
    doc = nlp("Agents were seen in Chicago, and they had arrested 12 people.")
    assert [t.pos_ for t in doc if t.lower_ in ("were", "had")] == ["AUX", "AUX"]


def test_a_ruler_with_rules_the_lookup_cannot_read_is_kept() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "ice"}]], {"POS": "PROPN"})
    assert can_replace(ruler)
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "big"}]], {"LEMMA": "big"})  # a quantifier
    assert not can_replace(ruler)
    with pytest.raises(ExtractError, match="attribute ruler"):
        LookupAttributes(ruler)
