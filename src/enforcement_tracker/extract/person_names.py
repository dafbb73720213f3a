"""People's names the small model gets wrong, mended by six patterns of English news copy.

The model knows common names; an uncommon one it often tags as a place or an organisation, or cuts
short. Six placings make a name a person's whatever the model said:

- after a title written before a name: "Warden Ana Cruz said" (lexicon `name_title`, with any
  further title words between: "Attorney General Ana Cruz", "Special Agent in Charge Ana Cruz"; or
  two words of it: "County Executive Ana Cruz");
- in apposition after a role: "A spokesman for the agency, Ana Cruz, said";
- before a role in apposition: "Ana Oyelowo-Cruz, the county sheriff, said" (two name words at least);
- over a hyphen: "Marchetti-Obi" where the model stopped at "Marchetti";
- between a quotation's close and a speech verb: '"We are ready," Cruz told reporters';
- a surname alone that a full name of the same text ends with, before a speech verb: "Cruz told".

Only capitalised words the tagger reads as proper nouns are taken, never a title word itself, and a
run that the gazetteer knows as a place is left alone in apposition (", Salem, said" is a place).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from enforcement_tracker.extract.lexicon import alternation, word_set

# Capitalised name words, accented letters too ("Peñaló", "Núñez"), "McDonald", and an initial.
_UP, _LOW = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_NAME_WORD = re.compile(rf"[{_UP}][{_LOW}]+(?:['’-][{_UP}]?[{_LOW}]+)*|[{_UP}][{_LOW}]*[{_UP}][{_LOW}]+|[{_UP}]\.")
# How far back from an apposition's comma its role noun may stand ("A spokesman for the agency in Boston,",
# "The consul general of the Dominican Republic in San Juan,").
_ROLE_REACH = 9


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    not_names = word_set("people_noun", lower=True) | word_set("uncounted_noun", lower=True) | \
        word_set("role_noun", lower=True)
    return (word_set("name_title"), word_set("title_word"), word_set("role_noun", lower=True),
            word_set("speech_verb"), not_names)


def _name_run(doc: Doc, i: int, most: int = 3) -> int:
    """The end of a run of name words starting at token i (i itself when there is none)."""
    _, titles, _, _, not_names = _words()
    end, words = i, 0
    while end < len(doc) and words < most:
        t = doc[end]
        if not (_NAME_WORD.fullmatch(t.text) and t.pos_ == "PROPN") or t.text in titles or t.lower_ in not_names:
            break
        end, words = end + 1, words + 1
        # "Moreno-Quist": a hyphen with no space either side joins two parts of one name
        if end + 1 < len(doc) and doc[end].text in ("-", "‐") and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and _NAME_WORD.fullmatch(doc[end + 1].text):
            end += 2
    while end > i and doc[end - 1].text.endswith("."):  # a name does not end on an initial
        end -= 1
    return end


def _runs_on(doc: Doc, end: int) -> bool:
    """Whether capitalised proper nouns go on past a run's end: a headline in title case
    ("Judge Blocks Raids In Three Cities"), not a name."""
    return end < len(doc) and bool(_NAME_WORD.fullmatch(doc[end].text)) and doc[end].pos_ == "PROPN"


def _in_title_case(sent: Span) -> bool:
    """A headline in title case, where every word is capitalised and no run of them is a name."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def _after_titles(doc: Doc) -> list[Span]:
    name_titles, titles, _, _, _ = _words()
    found = []
    for t in doc:
        two_words = t.i > 0 and f"{doc[t.i - 1].text} {t.text}" in name_titles  # "County Executive"
        if (t.text not in name_titles and not two_words) or _in_title_case(t.sent):
            continue
        start = t.i + 1
        # "Attorney General", "Police Chief", "Special Agent in Charge"
        while start < len(doc) and doc[start].text in titles and (
                doc[start].text[:1].isupper() or
                (start + 1 < len(doc) and doc[start + 1].text in titles and doc[start + 1].text[:1].isupper())):
            start += 1
        end = _name_run(doc, start)
        if t.text[:1].islower() and end - start < 2:
            continue  # "said a spokeswoman Tuesday": a lowercase role takes a name of two words or more
        if end > start and not _runs_on(doc, end):
            found.append(Span(doc, start, end, label="PERSON"))
    return found


def _in_apposition(doc: Doc, is_place) -> list[Span]:
    _, _, roles, speech, _ = _words()
    found = []
    for t in doc:
        if t.text != ",":
            continue
        end = _name_run(doc, t.i + 1)
        if end - (t.i + 1) < 2 or end >= len(doc) or _runs_on(doc, end):
            continue
        # the name then a comma, a speech verb, or the sentence's end ("according to a spokesman in
        # Toledo, Ana Ruiz.")
        if not (doc[end].text in (",", ".", ";") or doc[end].text in speech):
            continue
        reach = doc[max(t.sent.start, t.i - _ROLE_REACH):t.i]
        if not any(w.lower_ in roles for w in reach) or is_place(doc[t.i + 1:end].text):
            continue
        found.append(Span(doc, t.i + 1, end, label="PERSON"))
    return found


# Words before a run that make it a place, not a person: "in Port Lavaca, the mayor said".
_PLACE_LEADS = frozenset({"in", "of", "from", "to", "at", "near", "outside", "across", "around", "for"})
# How many tokens after the comma an apposition's role may take to appear ("the island's chief of police").
_APPOSITION_REACH = 8


@lru_cache(maxsize=1)
def _role_in_apposition() -> re.Pattern[str]:
    """An apposition that presents a role: 'the county sheriff', 'a spokeswoman for ICE' (not 'who ...')."""
    return re.compile(rf"^(?!(?:who|which|where|whose|and|but)\b)(?:[\w'’.-]+\s+){{0,4}}?{alternation('role_noun')}\b")


def _before_roles(doc: Doc, is_place) -> list[Span]:
    found = []
    for i, t in enumerate(doc):
        # a run opens on a proper noun that is a name word (the cheap tests first: most tokens are not)
        if t.pos_ != "PROPN" or not _NAME_WORD.fullmatch(t.text):
            continue
        if i > 0 and (_NAME_WORD.fullmatch(doc[i - 1].text) or doc[i - 1].lower_ in _PLACE_LEADS
                      or doc[i - 1].text in ("-", "‐")) and i > t.sent.start:
            continue  # not the start of a run, or a place after a preposition
        end = _name_run(doc, i)
        words = sum(1 for w in doc[i:end] if w.text not in ("-", "‐"))
        if words < 2 or end >= len(doc) or doc[end].text != "," or _in_title_case(t.sent):
            continue
        apposition = doc[end + 1:min(len(doc), t.sent.end, end + 1 + _APPOSITION_REACH)]
        cut = next((w.i for w in apposition if w.text in (",", ";", ".", "—")), None)
        text = doc[end + 1:cut].text if cut is not None else apposition.text
        if _role_in_apposition().match(text) and not is_place(doc[i:end].text):
            found.append(Span(doc, i, end, label="PERSON"))
    return found


def _surnames(doc: Doc, people: list[Span]) -> list[Span]:
    _, _, _, speech, _ = _words()
    # A surname is the name's last word, or its last three tokens when hyphenated ("Moreno-Quist").
    surnames = {tuple(w.text for w in (p[-3:] if len(p) >= 4 and p[-2].text in ("-", "‐") else p[-1:]))
                for p in people if len(p) >= 2}
    found = []
    for surname in surnames:
        n = len(surname)
        for i in range(len(doc) - n):
            if tuple(w.text for w in doc[i:i + n]) == surname and doc[i + n].text in speech and \
                    not (i > 0 and (_NAME_WORD.fullmatch(doc[i - 1].text) or doc[i - 1].text in ("-", "‐"))):
                found.append(Span(doc, i, i + n, label="PERSON"))
    return found


def _after_quotes(doc: Doc) -> list[Span]:
    """'..., " Strake said': a name between a quotation's close and a speech verb is its speaker's."""
    _, _, _, speech, _ = _words()
    found = []
    for t in doc:
        if t.i < 1 or t.text not in ('"', "”", "''") or doc[t.i - 1].text not in (",", "?", "!"):
            continue
        end = _name_run(doc, t.i + 1)
        if end > t.i + 1 and end < len(doc) and doc[end].text in speech:
            found.append(Span(doc, t.i + 1, end, label="PERSON"))
    return found


def _hyphen_joined(doc: Doc) -> list[Span]:
    """'Marchetti-Obi' where the model took 'Marchetti' alone: a person's name goes on over a hyphen
    with no space either side and a capitalised word after it (and back over one before it)."""
    found = []
    for e in doc.ents:
        if e.label_ != "PERSON":
            continue
        start, end = e.start, e.end
        if end < len(doc) and doc[end - 1].text in ("-", "‐") and not doc[end - 1].whitespace_ \
                and _NAME_WORD.fullmatch(doc[end].text):
            end += 1  # 'Victor Ambrose-' with 'Kent' left out: the model stopped at the hyphen
        while end + 1 < len(doc) and doc[end].text in ("-", "‐") and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and _NAME_WORD.fullmatch(doc[end + 1].text):
            end += 2
        while start >= 2 and doc[start - 1].text in ("-", "‐") and not doc[start - 2].whitespace_ \
                and not doc[start - 1].whitespace_ and _NAME_WORD.fullmatch(doc[start - 2].text):
            start -= 2
        if (start, end) != (e.start, e.end):
            found.append(Span(doc, start, end, label="PERSON"))
    return found


def mend_people(doc: Doc, is_place) -> bool:
    """Set the names these patterns find as PERSON entities (over what the model said there);
    True when anything changed. `is_place(text)`: whether the gazetteer knows the text as a place."""
    mended = _after_titles(doc) + _in_apposition(doc, is_place) + _before_roles(doc, is_place) + _after_quotes(doc) + \
        _hyphen_joined(doc)
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    mended += _surnames(doc, people + mended)
    # A person the model found already, at these words or around them, stays as the model has it.
    new = [m for m in mended if not any(e.label_ == "PERSON" and e.start <= m.start and e.end >= m.end for e in doc.ents)]
    if not new:
        return False
    taken = {i for m in new for i in range(m.start, m.end)}
    kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
    # One span per name: the longest of those found at the same words.
    chosen: list[Span] = []
    for m in sorted(new, key=lambda s: (s.start, -(s.end - s.start))):
        if not chosen or m.start >= chosen[-1].end:
            chosen.append(m)
    doc.ents = sorted(kept + chosen, key=lambda s: s.start)
    return True
