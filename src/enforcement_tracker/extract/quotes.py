"""Direct quotations from named or titled people; scare quotes and anonymous words are not quotes."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from enforcement_tracker.extract.candidates import Candidate
from enforcement_tracker.extract.lexicon import alternation, word_set
from enforcement_tracker.extract.nlp import closes_sentence
from enforcement_tracker.extract.sentences import Sentence
from enforcement_tracker.models import Record, Source

MAX_QUOTES = 3
_SCARE_BEFORE = re.compile(r"(?:\b(?:call|calls|called|calling|dubbed|termed|described\s+as|considered|known\s+as|so-called|"
                           r"titled|entitled|headlined|named|nicknamed|"
                           r"labeled|labelled|as\s+an?|as|what\s+\w+\s+(?:call|calls|called))\s*)$", re.I)
_ANON_SPEAKER = re.compile(r"\b(?:source|sources|official|officials|people|person|they|someone)\b", re.I)


@lru_cache(maxsize=1)
def speech_verbs() -> re.Pattern[str]:
    return re.compile(rf"\b{alternation('speech_verb')}\b|\baccording\s+to\b", re.I)


def title_words() -> frozenset[str]:
    return word_set("title_word")


@lru_cache(maxsize=4096)
def _is_place_word(word: str) -> bool:
    """'ICE Newark Field Office Director': a city's name inside a title is part of the title."""
    if not word[:1].isupper() or word in title_words():
        return False
    from enforcement_tracker.normalize.gazetteer import Gazetteer

    place = Gazetteer.open().resolve(word)
    return place is not None and place.kind in ("city", "state", "county")


def find_quotes(sent: Sentence, full_names: dict[str, str], *, headline: bool,
                mentioned: list[tuple[str, str | None]] | None = None) -> list[Candidate]:
    out = []
    for a, b in sent.quotes:
        quoted = sent.local(a, b)
        words = quoted.split()
        if len(words) < 2 or _SCARE_BEFORE.search(sent.before(a - 1, 40)) or _is_name(quoted):
            continue
        outside = _outside_quotes(sent)
        introduced = bool(_INTRODUCED.search(sent.before(a, 4)))  # 'Director X, in a statement: "..."'
        if not speech_verbs().search(outside) and not introduced and \
                not re.match(r"^[”\"]?\s*[-–—]\s*\w", sent.after(b, 10)):
            continue
        here = mentioned_people(sent, full_names, before=a)
        earlier = mentioned or []
        lead_text = _outside_quotes(sent)[:a - sent.start]
        if not here:
            here = _surnames_speaking(lead_text, full_names, earlier)
        if not here and speech_verbs().search(lead_text) and \
                not any(m.group("surname") in full_names for m in _LEAD_SUBJECT.finditer(lead_text)):
            # "Sister Ana, who runs the shelter, said ... 'We have cots,' she said": someone this
            # paragraph speaks of says it, even if the model did not see a name: no earlier person
            # (unless what it speaks of is a surname named in full before: "Cruz acknowledged ...").
            earlier = []
        # '"...," Marchetti said': a surname named right after the words says who spoke them,
        # before any guess from the people the paragraph names.
        if out and _continues(sent, a, b):
            continue  # '"...," Tasker said. "We followed the law."': the same speaker's words go on
        if _unnamed_asker().search(sent.before(a, 80)):
            continue  # 'an email in which a supervisor urged staff to "..."': someone unnamed's words
        named_after = _attribution_after(sent.after(b, 60), quoted)
        full_after = _FULL_NAME_AFTER.match(sent.after(b, 160))
        according = _ACCORDING_TO.search(sent.before(a, 60))
        role_after = _ROLE_NAME_AFTER.match(sent.after(b, 160))
        if role_after:
            # '"...," her spokeswoman, Ione Castellan, said': the named one speaks, not the one whose spokeswoman she is
            speaker = (role_after.group("name"), role_after.group("role"))
        elif full_after and full_after.group("name").split()[0] not in title_words() and \
                len(full_after.group("name").split()) > 1:
            # '"...," Ana Ruiz, 45, said': the name right after the words, whether or not the model
            # saw it; its apposition is its title, and the guard judges whether that is a public role
            name = full_after.group("name")
            appos = (full_after.group("appos") or "").strip(", ") or None
            speaker = (name, _title(sent, sent.start + full_after.start("name") + b - sent.start,
                                    sent.start + full_after.end("name") + b - sent.start) or appos)
        elif according:
            speaker = _referred_speaker(sent, b, full_names, (mentioned or []) + here, subject=according)
        elif named_after and (named_after.group("surname") or
                              (named_after.group("inverted") and not {named_after.group("inverted"),
                                                                      named_after.group("inverted") + "."} & title_words())):
            speaker = _referred_speaker(sent, b, full_names, earlier + here)
        elif named_after and named_after.group("role"):
            # '"...," the sheriff said', '"...," the statement said': whoever holds that role (a
            # statement holds none), not the last name before; a public role no one was named
            # in ('"...," the ICE spokeswoman said') speaks as that role
            speaker = _referred_speaker(sent, b, full_names, earlier + here) or \
                _unnamed_role(named_after.group("role"), (mentioned or []) + here)
        else:
            subject = _subject_before(sent, a)
            last_named = max((p[1] for p in sent.persons if p[1] <= a and not sent.in_quote(p[0])), default=-1)
            if subject and subject.group("surname") and sent.start + subject.start("surname") >= last_named and \
                    not speech_verbs().search(sent.text[subject.end():a - sent.start]) and \
                    not _SENTENCE_BREAK.search(sent.text, subject.end(), a - sent.start + 1):
                # 'Tasker added: "..."' after others were named: the subject of the verb, not the last name
                speaker = _referred_speaker(sent, b, full_names, (mentioned or []) + here, subject=subject)
            elif subject and speech_verbs().search(sent.text[subject.end():a - sent.start]) and \
                    sent.start + subject.end() >= last_named and \
                    not _SENTENCE_BREAK.search(sent.text, subject.end(), a - sent.start + 1):
                # 'Tolliver said officials had told him to expect agents "..."': another's words (within
                # one sentence: 'X said he would not say where. "We will be back," he said' is X's)
                speaker = None
            else:
                speaker = _speaker(sent, a, b) or _referred_speaker(sent, b, full_names, earlier + here)
        if speaker is None and not here and not named_after and not full_after:
            # 'She said the agents would come "as early as Friday"': the subject of the speech verb
            # before the words is a pronoun, a role or a surname named earlier.
            subject = _subject_before(sent, a)
            if subject and speech_verbs().search(sent.text[subject.end():a - sent.start]):
                subject = None  # 'X said officials had told him to expect agents "..."': another's words
            # a surname names its person wherever the paragraph stands; a pronoun only the last one
            pool = (mentioned or []) if subject and subject.group("surname") else earlier
            speaker = _referred_speaker(sent, b, full_names, pool, subject=subject)
        if speaker is None:
            continue
        text = quoted.rstrip().rstrip(",").rstrip()
        # A surname alone is the person named in full elsewhere; a full name is that person, even
        # when someone else in the story shares the surname.
        if speaker[0] is None:
            person = {"name": None, "title": speaker[1]}  # a public role no name was given for
        else:
            alone = len(speaker[0].split()) == 1
            person = {"name": full_names.get(speaker[0], speaker[0]) if alone else speaker[0], "title": speaker[1]}
        if any(c.fields["speaker"] == person for c in out):
            continue  # "“A,” said X. “B.”": one quotation, interrupted by its attribution
        about = next((p.place for p in sent.real_places()), None)
        out.append(Candidate(kind="quote", start=a, end=a + len(text), anchor=a, sentence=sent.index,
                             paragraph=sent.paragraph, in_headline=headline,
                             fields={"speaker": person, "text": text, "about": about},
                             sources=[Source(kind="named", person=person)]))
    return out


def _is_name(quoted: str) -> bool:
    """'"Cross Check"', '"Operation Safe Harbor"': a quoted name or title, not words someone said."""
    words = quoted.strip().split()
    return len(words) <= 4 and not re.search(r"[.!?,;]$", quoted.strip()) and \
        all(w[:1].isupper() or w.lower() in ("of", "the", "and", "for", "in", "on", "at", "a") for w in words)


def _outside_quotes(sent: Sentence) -> str:
    text = list(sent.text)
    for a, b in sent.quotes:
        for i in range(a - sent.start, b - sent.start):
            text[i] = " "
    return "".join(text)


_SAID_AFTER = re.compile(rf"^[,.]?[”\"]?\s*(?:[-–—]|(?:{alternation('quote_verb')}|according\s+to)\b)")


def _speaker(sent: Sentence, quote_start: int, quote_end: int) -> tuple[str, str | None] | None:
    persons = [p for p in sent.persons if not sent.in_quote(p[0])]
    if not persons:
        return None
    before = [p for p in persons if p[1] <= quote_start]
    after = [p for p in persons if p[0] >= quote_end]
    if _UNNAMED_AFTER.match(sent.after(quote_end, 80)):
        return None  # '"...," an ICE spokesperson said': someone unnamed, not the last person named
    verb = _NAME_THEN_VERB.match(sent.text[after[0][1] - sent.start:]) if after else None
    if verb and re.fullmatch(r"[,.!?]?[”\"]?,?\s*", sent.text[quote_end - sent.start:after[0][0] - sent.start]) and \
            not (_closed_by_period(sent.local(quote_start, quote_end), sent.after(quote_end, 4))
                 and not _VERB_ENDS_IT.match(sent.text[after[0][1] - sent.start:], verb.end())):
        # '"...," Albright, the agency's deputy director, said': the name right after the words
        a, b, name = after[0]
        return re.sub(r"[’']s$", "", name).strip(), _title(sent, a, b)
    if after and _SAID_AFTER.match(sent.after(quote_end, 20)):
        # "“...,” said Director X" and "“...” - Secretary X": the name follows the words; in
        # "said HSI Honolulu Special Agent in Charge Ana Cruz." it is the one the clause ends on, not
        # title words the model read as a name.
        ending = [p for p in after if re.match(r"^\s*(?:[,.;!?”\"]|$)", sent.after(p[1], 3))]
        a, b, name = ending[0] if ending else after[0]
        return re.sub(r"[’']s$", "", name).strip(), _title(sent, a, b)
    a, b, name = (before[-1] if before else persons[0])
    between = sent.text[b - sent.start:quote_start - sent.start] if b <= quote_start else ""
    if _ANON_SPEAKER.search(between) and not speech_verbs().search(between):
        return None
    name = re.sub(r"[’']s$", "", name).strip()
    return name, _title(sent, a, b)


# "..., he said.", "..., the sheriff said in a statement", "..., Marchetti said": who speaks is
# named elsewhere in the document.
_REFERRING = re.compile(r"^[,.!?]?[”\"]?,?\s*(?:(?:(?P<pronoun>he|she)|the\s+(?P<role>(?:[A-Z]{2,5}\s+)?[a-z]+(?:\s+[a-z]+)?)|"
                        rf"(?P<surname>[A-Z][\w’'-]+))\s+{alternation('quote_verb')}\b|"
                        rf"{alternation('quote_verb')}\s+(?P<inverted>[A-Z][\w’'-]+)(?=\s*[,;]|\s*[.!?]?\s*[”\"]?\s*$|[.!?]\s+[“\"A-Z]))")
# After the verb of an attribution: the sentence ends, or a short adjunct ends it ("in a statement.").
_VERB_ENDS_IT = re.compile(r"^(?:\s+(?:in|on|at|during|to|from|after|before|of)\b[^.“”\"]{0,40}?)?\s*[.,;!?]")


def _attribution_after(text: str, quoted: str) -> re.Match[str] | None:
    """'..., he said', '...?" the sheriff asked': who speaks the words just closed (`text` follows
    them). Words closed by a period end their sentence: 'Whitcombe said he had not seen it' after
    them says something else, and is their attribution only when the verb ends the sentence too."""
    m = _REFERRING.match(text)
    if m and _closed_by_period(quoted, text) and not _VERB_ENDS_IT.match(text, m.end()):
        return None
    return m


@lru_cache(maxsize=1)
def _unnamed_asker() -> re.Pattern[str]:
    """Someone unnamed who speaks or asks right before the words: 'a supervisor urged staff to',
    'one agent told him'."""
    verbs = f"(?:{alternation('speech_verb')}|{alternation('directive_verb')})"
    return re.compile(rf"\b(?:an?|one|another)\s+(?:[\w'’-]+\s+){{0,2}}?[a-z][\w-]*\s+{verbs}\b[^“”\".!?]*[“\"]?\s*$")


def _closed_by_period(quoted: str, after: str) -> bool:
    """Whether quoted words end their sentence with a period ('... up."' or '... up".')."""
    return quoted.rstrip().endswith(".") or bool(re.match(r"^[”\"]?\.", after))


# The subject of a speech verb that opens the words' clause: 'She said ...', 'Asked on Tuesday,
# Gray said ...', 'The sheriff told reporters ...'.
_SUBJECT_BEFORE = re.compile(r"(?:^|[.;]\s+|,\s+)(?:(?P<pronoun>[Hh]e|[Ss]he)|[Tt]he\s+(?P<role>[a-z]+(?:\s+[a-z]+)?)|"
                             rf"(?P<surname>[A-Z][\w’'-]+))\s+(?:also\s+|later\s+)?{alternation('quote_verb')}\b")
# After a name: its apposition (", the agency's deputy director,") and then the speech verb.
_NAME_THEN_VERB = re.compile(rf"^(?:,\s+[^,“”\"]{{1,90}},)?\s+{alternation('quote_verb')}\b")
_UNNAMED_AFTER = re.compile(rf"^[,.!?]?[”\"]?,?\s*(?:an?|one|another)\s+(?:[\w.-]+\s+){{0,4}}?{alternation('quote_verb')}\b", re.I)
# '"...," Carla Benning, a spokeswoman for ICE, said': a full name (and its apposition) then the verb.
_FULL_NAME_AFTER = re.compile(r"^[,.!?]?[”\"]?,?\s*(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'-]+)){1,3})"
                              rf"(?P<appos>,\s+[^,“”\"]{{1,90}},)?\s+{alternation('quote_verb')}\b")
# '"...," her spokeswoman, Ione Castellan, said': a role, then the full name in apposition, then the verb.
_ROLE_NAME_AFTER = re.compile(r"^[,.!?]?[”\"]?,?\s*(?P<role>(?:(?:the|her|his|their|its|an?)\s+)?(?:[\w.'’-]+\s+){0,3}?"
                              rf"{alternation('role_noun')}),\s+(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'-]+)){{1,3}}),"
                              rf"\s+{alternation('quote_verb')}\b")
# 'According to Tasker, "..."'
_ACCORDING_TO = re.compile(r"\b[Aa]ccording\s+to\s+(?P<surname>[A-Z][\w’'-]+),?\s*[“\"]?$")
_SENTENCE_BREAK = re.compile(r"[.!?][”\"’]?\s+(?=[“\"A-Z])")


def _continues(sent: Sentence, a: int, b: int) -> bool:
    """A quotation that stands as its own sentence, with no attribution of its own, right after
    another one: the same person goes on speaking."""
    text, rel_a, rel_b = sent.text, a - sent.start, b - sent.start
    starts = [m.end() for m in _SENTENCE_BREAK.finditer(text, 0, rel_a)]
    begin = starts[-1] if starts else 0
    end_m = _SENTENCE_BREAK.search(text, rel_b)
    end = end_m.start() + 1 if end_m else len(text)
    own = _outside_quotes(sent)[begin:end]
    return begin > 0 and not speech_verbs().search(own) and not _INTRODUCED.search(text[:rel_a]) and \
        re.match(r"^\s*[“\"]?\s*$", text[begin:max(begin, rel_a - 1)] or "") is not None


_INTRODUCED = re.compile(r":\s*[“\"]?$")


def _subject_before(sent: Sentence, quote_start: int) -> re.Match[str] | None:
    before = sent.text[:quote_start - sent.start]
    found = list(_SUBJECT_BEFORE.finditer(before))
    return found[-1] if found else None


_FEMININE = re.compile(r"\b(?:spokeswoman|congresswoman|chairwoman|councilwoman|alderwoman|Ms\.|Mrs\.|Miss)\b", re.I)
_MASCULINE = re.compile(r"\b(?:spokesman|congressman|chairman|councilman|alderman|Mr\.)\b", re.I)


def _surnames_speaking(lead: str, full_names: dict[str, str],
                       mentioned: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """People the words before a quotation have speak by surname alone, where the model saw no
    name ('... a push in Findlay that Roe said would go on. "...," she said'): a surname the story
    names in full, as the subject of a speech verb, with the title it was named with before."""
    out = []
    for surname, full in full_names.items():
        if len(full.split()) < 2 or surname not in lead:
            continue
        for m in re.finditer(rf"\b{re.escape(surname)}\s+(?:[a-z]+ly\s+)?(?=\w)", lead):
            if speech_verbs().match(lead, m.end()):
                title = _title_given(full, mentioned)
                out.append((m.start(), full, title))
                break
    return [(full, title) for _, full, title in sorted(out)]


def _referred_speaker(sent: Sentence, quote_end: int, full_names: dict[str, str],
                      mentioned: list[tuple[str, str | None]],
                      subject: re.Match[str] | None = None) -> tuple[str, str | None] | None:
    """Who 'he said', 'the sheriff said' or 'Price said' is, from the people named before (in order,
    with their title or None). A pronoun is the last person named, whoever that is: when that
    person has no public role, or a title of the other sex, there is no speaker (a quote wrongly
    given to an official is worse than none). A role noun is the last person holding that role; a
    surname its full name, when that person was named with a role."""
    m = subject or _REFERRING.match(sent.after(quote_end, 60))
    if not m:
        return None
    said = m.groupdict()  # the attribution's groups: surname, inverted, pronoun, role (any may be absent)
    surname = said.get("surname") or said.get("inverted")
    if surname:
        full = full_names.get(surname)
        title = _title_given(full, mentioned)
        return (full, title) if full and title else None
    if said.get("pronoun"):
        if not mentioned:
            return None
        name, title = mentioned[-1]
        # named last by surname alone ("..., Quillfeather said."), the person keeps the title given before
        title = title or _title_given(name, mentioned)
        lead = _lead_person(sent, quote_end, full_names)
        if lead is not None:
            # 'Asked by Teodor Blay ..., Venn answered. "...," she said': the subject of the
            # sentence before, not the last name in it
            name, title = lead, _title_given(lead, mentioned)
        other_sex = _MASCULINE if said["pronoun"].lower() == "she" else _FEMININE
        if not title or other_sex.search(title):
            return None
        return name, title
    if not said.get("role"):
        return None
    role = said["role"].lower()
    for name, title in reversed(mentioned):
        if title and role.split()[-1] in title.lower():
            return name, title
    return None


def _title_given(name: str | None, mentioned: list[tuple[str, str | None]]) -> str | None:
    """The title the person of that full name was last given among the people named so far."""
    return next((t for n, t in reversed(mentioned) if n == name and t), None)


def _unnamed_role(role: str, mentioned: list[tuple[str, str | None]]) -> tuple[None, str] | None:
    """The speaker '"...," the spokeswoman said' names when no one holding that role was named: the
    role itself (no name), if it is a public one (lexicon unnamed_public_role: not 'the officer' or
    'the manager', who unnamed could be anyone)."""
    words = role.split()
    office = next((w for w in (" ".join(words[-2:]), words[-1]) if w.lower() in word_set("unnamed_public_role", lower=True)),
                  None)
    if office is None or any(title and office.lower() in title.lower() for _, title in mentioned):
        return None  # a holder named with that role and no full name to give: no guess
    return None, role


# The subject of a sentence's main clause: a surname at its start or after a comma, then a verb.
_LEAD_SUBJECT = re.compile(r"(?:^|,\s+)(?P<surname>[A-Z][\w’'-]+)\s+(?:[a-z]+ly\s+)?(?:did|was|is|had|has|said|told|wrote|spoke|[a-z]+ed|[a-z]+s)\b")


def _lead_person(sent: Sentence, quote_end: int, full_names: dict[str, str]) -> str | None:
    """The person a paragraph's sentence just before a quotation is about, when its subject is a
    surname the document names in full: the one a following "he said" or "she said" refers to."""
    start = next((a for a, b in sent.quotes if b == quote_end), None)
    if start is None:
        return None
    rel = start - sent.start
    text = sent.text[:rel + 1]  # with the quotation's first character, which opens its sentence
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text)]
    opening = text[breaks[-1]:rel] if breaks else None
    if opening is None or opening.strip(" “\"") != "":
        return None  # the words open inside a sentence: its own subject, not the one before, speaks
    previous = text[breaks[-2] if len(breaks) > 1 else 0:breaks[-1]]
    found = [m.group("surname") for m in _LEAD_SUBJECT.finditer(previous) if m.group("surname") in full_names]
    return full_names[found[-1]] if found else None


def mentioned_people(sent: Sentence, full_names: dict[str, str], before: int | None = None) -> list[tuple[str, str | None]]:
    """The people a paragraph names outside quotation marks (before an offset, if given), in
    order, by full name, with the title or role it gives them (or None)."""
    out: list[tuple[str, str | None]] = []
    for a, b, name in sorted(sent.persons):
        if sent.in_quote(a) or (before is not None and a >= before):
            continue
        clean = re.sub(r"[’']s$", "", name).strip()
        if not clean:
            continue
        out.append((full_names.get(clean.split()[-1], clean), _title(sent, a, b)))
    return out


def _title(sent: Sentence, a: int, b: int) -> str | None:
    """Title words right before the name ("acting ICE Director"), or an appositive after it."""
    words = sent.before(a, 80).split()
    taken: list[str] = []
    for w in reversed(words):
        clean = w.strip(",")
        # a word that ends the sentence before ("... in Anchorage. ICE spokesman X") is no part of the title
        if (clean in title_words() or (taken and _is_place_word(clean))) and not w.endswith(",") and \
                not closes_sentence(w):
            taken.insert(0, clean)
        else:
            break
    while taken and taken[0] in ("and", "of", "in", "the", "for"):
        taken.pop(0)
    if taken:
        return " ".join(taken)
    # "the agency's spokeswoman, Tara Quist", "a spokesman in Denver, Ana Cruz", "the consul general of
    # Peru in Miami, Ana Cruz": a role in apposition before the name, with up to two short phrases of
    # where, of what or for whom
    before = re.search(rf"(?:^|[.!?]\s+|[,;:(”\"]\s*|\b(?:and|said|says|told|by)\s+)((?:the\s+|an?\s+)?"
                       rf"(?:(?!(?:and|or|but|said|says|told)\b)[\w.'’-]+\s+){{0,4}}?"
                       rf"{alternation('role_noun')}(?:\s+(?:for|in|at|with|from|of)\s+(?:[\w.'’-]+\s+){{0,3}}?[\w.'’-]+){{0,4}}),\s*$",
                       sent.before(a, 90), re.I)
    if before:
        # a paragraph's words may run over a sentence's end ("... on Monday. A spokesperson,"):
        # the role starts after it
        words = before.group(1).split()
        ends = [i for i, w in enumerate(words[:-1]) if closes_sentence(w)]
        words = words[ends[-1] + 1:] if ends else words
        if [w.lower() for w in words[:2]] == ["according", "to"]:
            words = words[2:]  # "..., according to a spokesman in Toledo, Ana Ruiz": the role, not the attribution
        return " ".join(words)
    m = re.match(rf"^,\s+((?:[\w.'’-]+\s){{0,8}}?{alternation('role_noun')})\b", sent.after(b, 120))
    return m.group(1).strip() if m else None


def full_name_index(persons: list[str]) -> dict[str, str]:
    """Surname -> the longest name with that surname in the document ("Trump" -> "Donald Trump")."""
    index: dict[str, str] = {}
    for name in persons:
        name = re.sub(r"[’']s$", "", name).strip()
        last = name.split()[-1] if name.split() else name
        if len(name.split()) > len(index.get(last, "").split()):
            index[last] = name
    return index


def first_quotes(records: list[Record]) -> list[Record]:
    """The records with only the first MAX_QUOTES quotes in text order (ANNOTATION: "only the first
    three in a text count"). Run on what the guard kept: a private person's words, which get no
    record, take none of the three places."""
    quotes = sorted((r for r in records if r.kind == "quote"), key=lambda r: r.span[0])
    keep = set(id(r) for r in quotes[:MAX_QUOTES])
    return [r for r in records if r.kind != "quote" or id(r) in keep]


def quote_person(c: Candidate) -> dict[str, Any]:
    return c.fields["speaker"]
