"""Who tells a claim: a count or an operation that only a private person tells of ("Ana Ruiz, a cook,
said agents took two of her coworkers", "her neighbor said agents took four people") gets no record.

ANNOTATION's news convention 1 gives a private individual no record of any kind, "not as a source";
the record would carry only the outlet as its source, but what it says came from that person.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from enforcement_tracker.guard import words as word_data
from enforcement_tracker.normalize.agencies import find_agencies
from enforcement_tracker.record_ids import sentence_of, sentence_starts
from enforcement_tracker.guard.people import PUBLIC, People, _TOKEN, _is_word, is_organisation

# The most words a speaker's phrase has ("Ana Ruiz, a cook at the restaurant,"); a longer stretch
# before a speech verb is a clause of its own, not who speaks.
_SUBJECT_WORDS = 10
_RELATIVE = re.compile(r",?\s+(?:who|whose|which|that)\b")
# A capitalised name of two to four words in a subject.
_NAME = re.compile(r"[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,3}")


@lru_cache(maxsize=4)
def _starts(text: str) -> list[int]:
    return sentence_starts(text)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (by the record ids' one rule) that holds the span's first character, to the
    end of the one that holds its last."""
    starts = _starts(text)
    begin = sentence_of(starts, start)
    i = bisect.bisect_right(starts, max(start, end - 1))
    return begin, starts[i] if i < len(starts) else len(text)


@lru_cache(maxsize=4)
def _speech(verb_words: frozenset[str]) -> re.Pattern[str]:
    ordered = sorted(verb_words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, v.split())) for v in ordered) + r")\b")


def told_by_private_person(text: str, span: tuple[int, int], people: People) -> bool:
    """Whether the sentence that carries these words is attributed to a private person: the
    subject of a speech verb that opens it ("Her neighbor said agents took ...") or closes it
    ("..., a resident said"), named ("Ana Ruiz, a cook, said") or not."""
    w = word_data.words()
    speech = _speech(w.speech_lead).pattern
    begin, stop = _sentence(text, span[0], span[1])
    sentence = text[begin:stop].strip()
    subjects = []
    # the speech verb that opens the sentence stands before the claim's words, its subject is short
    leading = re.match(rf"^(?P<subject>[^;:]{{1,160}}?)\s+{speech}", sentence)
    # "a taxi driver who works the route between two towns said": the relative clause is no part
    # of the subject's length
    head = _RELATIVE.split(leading.group("subject"), maxsplit=1)[0] if leading else ""
    if leading and not re.search(r"\d", head) and len(head.split()) <= _SUBJECT_WORDS:
        subjects.append(head)
    trailing = re.search(rf",\s+(?P<subject>[^,;]{{1,60}}?)\s+{speech}[^,;]{{0,60}}$", sentence)
    if trailing and len(trailing.group("subject").split()) <= _SUBJECT_WORDS:
        subjects.append(trailing.group("subject"))
    for subject in subjects:
        tokens = _TOKEN.findall(subject)
        if is_organisation(subject.strip(" ,")) or find_agencies(subject) or \
                (len(tokens) > 1 and tokens[-1][:1].isupper() and tokens[-1].lower() in w.org):
            continue  # "ICE said", "The Example Immigrant Justice Coalition said": an agency or a group tells it
        if any(_is_word(t, w.private) for t in tokens):
            return True  # "her neighbor said", "a resident who saw it said"
        if re.search(r"\b(?:at|of|for)\s+(?:a|an|the|his|her|their)\b", subject) and \
                any(t.lower() in w.business for t in tokens) and not any(t.lower() in w.role for t in tokens):
            return True  # "the manager of a motel said", "a cook at a taqueria said": an employer or a worker
        # A name that heads the subject ("Ana Ruiz, a cook, said"; not "Homeland Security officials said").
        head = re.match(rf"^\s*(?P<run>{_NAME.pattern})\s*(?:,[^,]*,?)?\s*$", subject)
        for run in ([head.group("run")] if head else []):
            words = run.split()
            while words and (words[0].lower() in w.role | w.title_run or words[0].isupper()):
                words.pop(0)  # "Field Office Director Ana Cruz": the title before the name is no part of it
            if len(words) >= 2 and not is_organisation(" ".join(words)) and people.person(" ".join(words)).status != PUBLIC:
                return True  # "Ana Ruiz, a cook at the restaurant, said": no public role given
    return False
