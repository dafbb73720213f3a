"""Who in a document is a public figure and who is a private person, read from how the text
presents each name: a title or office before it, an apposition after it, a relation, an age,
an arrest. Pure functions over the document text; the word lists are in data/words.json.

A person is public only when some mention presents them in a public role and none presents
them as a relative, neighbour, resident, witness or volunteer. Ages and arrests mark a person
as private unless a role says otherwise (an arrested mayor is still the mayor). With no
evidence either way a person is unknown, which the guard treats like private for speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

from enforcement_tracker.guard.words import Words, words
from enforcement_tracker.normalize.placenames import OPENING_PLACE_PREPOSITIONS

PUBLIC, PRIVATE, UNKNOWN = "public", "private", "unknown"
STRONG, WEAK, ROLE = "strong_private", "weak_private", "public_role"

_UPPER = "A-ZÀ-ÖØ-Þ"
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"
# A name word: capitalised, with a lower-case letter somewhere (so "ICE" and "DHS" are not names);
# "McDonald", "O'Brien", "García-Márquez".
_NAME_WORD = rf"[{_UPPER}][{_LETTER}]*(?:['’-][{_UPPER}][{_LETTER}]+)*"


@lru_cache(maxsize=1)
def _run_pattern() -> re.Pattern[str]:
    """Name words with initials and particles between them: "Ana de la Cruz", "John Q. Public"."""
    particles = "|".join(sorted(map(re.escape, words().particles), key=len, reverse=True))
    gap = rf"[ \t]+(?:[{_UPPER}]\.[ \t]+|(?:{particles})[ \t]+)*"
    return re.compile(rf"(?<![\w'’-]){_NAME_WORD}(?:{gap}{_NAME_WORD}){{0,4}}(?![\w])")

_TOKEN = re.compile(rf"[{_LETTER}0-9][{_LETTER}0-9.'’-]*|[^\s{_LETTER}0-9]")
_BOUNDARY = set(",;:()“”\"—–[]!?")
_POSSESSIVE = re.compile(r"^['’]s?\b")
_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|or|&)\s+|\s*,\s*")
_SPOKE_AFTER = re.compile(r"[ \t]+(?:\w+[ \t]+)?(?:said|says|told|added|recalled|explained|wrote|asked)\b")
_SPOKE_BEFORE = re.compile(r"\b(?:said|says|told|added|according\s+to)[ \t]+$")
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*,")
# "asked to be identified only by her first name, Maria", "a man who gave his name only as Jose".
_FIRST_NAME_ONLY = re.compile(r"(?:\b(?:identified|identify|identifies|known|named|goes\s+by)\s+"
                              r"(?:[\w'’]+\s+){0,3}?as|\bfirst\s+name(?:\s+only)?,?|\bonly\s+as)\s+$", re.I)
_ORG_HEADS = frozenset({"department", "office", "agency", "bureau", "commission", "committee", "council", "project",
                        "coalition", "network", "alliance", "association", "institute", "foundation",
                        "administration", "organization", "organisation", "police", "patrol", "service",
                        "services", "center", "centre", "clinic", "union", "league", "federation"})
_LEADS = frozenset({"said", "says", "added", "told", "according", "to", "explained", "noted", "wrote", "asked",
                    "and", "but", "including"})
_OPERATION_BEFORE = re.compile(r"\bOperation[ \t]+$")
_AGE = re.compile(r"^(?:\d{1,3}|\d{1,3}-year-old|in\s+(?:his|her|their)\s+\d0s)$", re.I)


@dataclass(frozen=True)
class Run:
    """A run of name words in the text, title words in front trimmed off."""

    start: int
    end: int
    tokens: tuple[str, ...]

    @property
    def name(self) -> str:
        return " ".join(self.tokens)


@dataclass
class Person:
    tokens: tuple[str, ...]
    evidence: set[str] = field(default_factory=set)
    # Introduced by a relation or an age ("her brother, Luis", "Maria, 29,"): a first name alone is enough.
    introduced: bool = False
    spoke: bool = False  # the subject of "said": a person for sure, whatever else is known

    @property
    def name(self) -> str:
        return " ".join(self.tokens)

    @property
    def status(self) -> str:
        return status_of(self.evidence)


def status_of(evidence: set[str]) -> str:
    if STRONG in evidence:
        return PRIVATE
    if ROLE in evidence:
        return PUBLIC
    if WEAK in evidence:
        return PRIVATE
    return UNKNOWN


@lru_cache(maxsize=16384)
def _bare(token: str) -> str:
    """Lower case, possessive and edge punctuation off: "city's" -> "city"; a short word with
    a period keeps it, since the lists spell abbreviations that way ("sen.", "gov.")."""
    token = re.sub(r"['’]s?$", "", token.lower())
    return token.strip(".,'’") if not token.endswith(".") or len(token) > 5 else token


@lru_cache(maxsize=65536)
def _is_word(token: str, table: frozenset[str]) -> bool:
    bare = _bare(token)
    if bare in table or token.lower() in table:
        return True
    return "-" in bare and any(part in table for part in bare.split("-"))


def find_runs(text: str) -> list[Run]:
    """Every run of capitalised words that could be a name, title words before it trimmed."""
    w = words()
    out = []
    for m in _run_pattern().finditer(text):
        parts = [(p.start() + m.start(), p.group(0)) for p in re.finditer(r"\S+", m.group(0))]
        # Split at words that are never names ("Tuesday", "The") and drop role words in front.
        current: list[tuple[int, str]] = []
        for j, (pos, tok) in enumerate(parts + [(-1, "")]):
            titled = _is_word(tok, w.role) or _is_word(tok, w.title_run) or _is_word(tok, w.private)
            # A title inside a run ends it when a name follows: "Jefferson Parish Councilman Luc Arceneaux".
            initial = bool(current) and bool(re.fullmatch(rf"[{_UPPER}]\.", tok))
            never = tok == "" or tok in w.not_names or not (initial or re.search(r"[a-zß-öø-ÿ]", tok)) or \
                (titled and (not current or j + 1 < len(parts)))
            if never:
                if current:
                    out.append(Run(current[0][0], current[-1][0] + len(current[-1][1]),
                                   tuple(t for _, t in current)))
                current = []
            else:
                current.append((pos, tok))
    return out


def _tokens_before(text: str, start: int, width: int = 160) -> list[str]:
    window = text[max(0, start - width):start]
    # A headline's words ("Interview with the Mayor") say nothing of a name that opens the next paragraph,
    # nor a heading's ("Wednesday, April 1") of the line after it: a line that ends a sentence or is
    # short ends what comes before, where a hard-wrapped line of a sentence does not.
    cut = window.rfind("\n\n")
    line_end = window.rfind("\n")
    if line_end > cut:
        line = window[window.rfind("\n", 0, line_end) + 1:line_end].strip()
        if len(line) < 40 or line.endswith((".", "!", "?", ":", "”", '"')):
            cut = line_end
    return _TOKEN.findall(window[cut + 1:] if cut >= 0 else window)


def _ends_sentence(token: str, w: Words) -> bool:
    return token.endswith(".") and token not in w.abbreviations and token.lower() not in w.role \
        and not re.fullmatch(r"(?:[A-Z]\.)+", token)


def _head_verdict(tokens: list[str], w: Words) -> str | None:
    """The head of a noun phrase decides ("the city's mayor" public, "the mayor's brother" private):
    the last role or relation word before the first preposition."""
    verdict = None
    for i, tok in enumerate(tokens):
        if verdict and _bare(tok) in w.prepositions:
            break  # "a lawyer for the family": the lawyer is the head; "Department of ..." goes on
        pair = f"{_bare(tokens[i - 1])} {_bare(tok)}" if i else ""
        if _is_word(tok, w.private):
            verdict = STRONG
        elif _is_word(tok, w.role) or pair in w.role:
            verdict = ROLE
        elif "year-old" in tok.lower() or _bare(tok) in w.arrest:
            verdict = verdict or WEAK  # "a 34-year-old roofer", "a U.S. citizen detained for hours"
    return verdict


def _before(text: str, run: Run, w: Words) -> tuple[str | None, bool]:
    """Evidence from what precedes a mention; the flag says it was a relation ("his wife, Ana")."""
    window = text[max(0, run.start - 80):run.start]
    if window.rstrip().lower().endswith(("as", "name", "name,", "only")) and _FIRST_NAME_ONLY.search(window):
        return STRONG, True  # "who asked to be identified only by her first name, Maria"
    tokens = _tokens_before(text, run.start)
    if not tokens:
        return None, False
    last = tokens[-1]
    if last == ",":
        clause: list[str] = []
        for tok in reversed(tokens[:-1]):
            if tok in _BOUNDARY or _ends_sentence(tok, w) or _bare(tok) in w.speech_lead:
                break
            clause.insert(0, tok)
        while clause and _bare(clause[0]) in _LEADS:
            clause.pop(0)  # "according to his wife, Ana": the clause is "his wife"
        if not clause:
            return None, False
        first = clause[0]
        titled = all(t[0].isupper() or _is_word(t, w.role) or _is_word(t, w.title_run) for t in clause)
        possessive = any(re.search(r"['’]s$", t) for t in clause)  # "Ana Paz's husband, Wil Paz"
        if _bare(first) in w.determiners or possessive or titled:
            verdict = _head_verdict(clause, w)
            return verdict, verdict == STRONG
        return None, False
    if _bare(last) in w.arrest or " ".join(_bare(t) for t in tokens[-3:]) in w.arrest \
            or " ".join(_bare(t) for t in tokens[-2:]) in w.arrest:
        return WEAK, False  # "agents detained Luis Ortega"
    if _bare(last) == "of" and len(tokens) > 1 and _bare(tokens[-2]) in w.arrest_nouns:
        return WEAK, False  # "the arrest of Luis Ortega"
    if _bare(last) in ("named", "called") and _head_verdict(tokens[-5:-1], w) == STRONG:
        return STRONG, True  # "a man named Luis"
    if _bare(last) in ("including", "was", "were", "among", "them", "those"):
        # "Agents arrested 12 people, including Luis Ortega"; "Among those detained was Ana Cruz".
        clause = []
        for tok in reversed(tokens[-10:-1]):
            if _ends_sentence(tok, w) or tok in ";:“”\"":
                break
            clause.append(tok)
        if any(_bare(t) in w.arrest for t in clause):
            return WEAK, False
    # A title run right before the name: "acting ICE Director", "Ortega's neighbor", "Sen.".
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        if tok in _BOUNDARY or (_ends_sentence(tok, w) and tok not in w.abbreviations):
            break
        pair = f"{_bare(tokens[i - 1])} {_bare(tok)}" if i else ""
        previous = _bare(tokens[i - 1]) if i else ""
        if tok in w.clergy and i == len(tokens) - 1 and previous not in w.determiners \
                and not re.search(r"['’]s$", tokens[i - 1] if i else ""):
            return ROLE, False  # "said Sister Alma Reyes": a title, where "her sister Alma" is a relation
        if _is_word(tok, w.private):
            return STRONG, True
        if _is_word(tok, w.role) or pair in w.role:
            if previous in w.business or previous in _WORK_SHIFTS:
                return STRONG, True  # "said plant Supervisor Dario Ruiz", "shift Supervisor": an employer's, no public role
            return ROLE, False
        if not (_is_word(tok, w.title_run) or tok[0].isupper() or re.search(r"['’]s$", tok)):
            break
        if _bare(tok) in _TITLE_JOINS and i and not (tokens[i - 1][0].isupper() or _is_word(tokens[i - 1], w.role)
                                                      or _is_word(tokens[i - 1], w.title_run)):
            break  # "a store owner in Tafuna said": "in" joins a title ("Agent in Charge"), not an owner to a place
    return None, False


# Before a role word, the work of a business, not an office: "shift supervisor", "floor manager".
_WORK_SHIFTS = frozenset({"shift", "floor", "night", "day", "line", "crew", "site", "field", "kitchen", "store"})

# The small words inside a title run ("Special Agent in Charge", "Secretary of Homeland Security").
_TITLE_JOINS = frozenset({"in", "of", "for", "and", "the"})


_PASSIVE = re.compile(r"^\s+(?:was|were|had\s+been|has\s+been|is\s+being|is|got)\s+(?:\w+\s+)?(\w+(?:\s+\w+){0,2})")
_MODIFIER = re.compile(r"[ \t]+([a-z][\w-]*)")
_CUSTODY = re.compile(r"^\s+(?:in|into)\s+(?:ICE\s+|federal\s+|immigration\s+)?custody\b")
_PARTY = re.compile(r"^\s*[,(]\s*(?:[DRI]|Dem|Rep)\.?-[A-Z]")
# Only "of": "released Luis from ICE custody" and "held at ICE's facility" say nothing of a role.
_OF_ORG = re.compile(r"^[ \t]+of[ \t]+(the[ \t]+)?((?:[A-Z][\w'’&.-]*[ \t]*){1,6})")
# "On Sable Island, agents arrested ...", "In Port Clinton, officers ...": a run after a preposition of
# place that opens its sentence is where the sentence happens; the comma after it ends that phrase and
# starts the main clause, which is no apposition that presents a person
_OPENING_PLACE_PHRASE = re.compile(rf"(?:^|[.!?][\"”’]?\s+|\n)[ \t]*{OPENING_PLACE_PREPOSITIONS}[ \t]+$")
_WHO = re.compile(r"^(who|whose)\s+(.*)$", re.I | re.S)


def _clause_after(text: str, pos: int, w: Words) -> tuple[list[str], int]:
    """The tokens of the clause after a comma at `pos`, up to the next boundary, and where it ends."""
    out: list[str] = []
    stop = text.find("\n\n", pos, pos + 200)
    for m in _TOKEN.finditer(text, pos, stop if stop >= 0 else min(len(text), pos + 200)):
        tok = m.group(0)
        if tok in _BOUNDARY:
            return out, m.start()
        if _ends_sentence(tok, w) and not re.fullmatch(r"[A-Z][a-z]{0,4}\.", tok):
            if tok.rstrip("."):  # a bare stop (", .") is no word of the clause
                out.append(tok.rstrip("."))
            return out, m.end()
        out.append(tok)
    return out, min(len(text), pos + 200)


def _after(text: str, run: Run, w: Words) -> str | None:
    rest = text[run.end:run.end + 240]
    if _POSSESSIVE.match(rest):
        # "Ortega's wife": whoever has a relative named in a story is no official by that fact alone.
        follower = _TOKEN.findall(rest[2:40])
        return WEAK if follower and (_is_word(follower[0], w.private) or _bare(follower[0]) in w.client) else None
    if _PARTY.match(rest):
        return ROLE  # "Daniel Okafor, D-Ill."
    m = _OF_ORG.match(rest)
    if m:
        org = m.group(2).split()
        acronym = any(re.fullmatch(r"[A-Z]{2,6}", t.strip(".,")) for t in org)
        if acronym or (m.group(1) and any(_is_word(t, w.org) for t in org)):
            return ROLE  # "Dana Cole of the Example Rights Project"
    role_as = re.match(r"^,?\s+as\s+(?:his|her|their|its|a|an|the)\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)", rest)
    if role_as:
        verdict = _head_verdict(role_as.group(1).split(), w)  # "named Ana Cruz as his foreman"
        if verdict:
            return verdict
    after = re.match(r"^\s*,\s*", rest)
    if after:
        if _OPENING_PLACE_PHRASE.search(text, max(0, run.start - 12), run.start):
            return None
        return _apposition(text, run.end + after.end(), w, depth=0)
    if _CUSTODY.match(rest):
        return WEAK  # "took Luis Ortega into custody"
    passive = _PASSIVE.match(rest)
    if passive and any(passive.group(1).lower().startswith(a) for a in w.arrest):
        return WEAK  # "Ortega was detained"
    return None


def _apposition(text: str, pos: int, w: Words, depth: int) -> str | None:
    clause, end = _clause_after(text, pos, w)
    if not clause:
        return None
    joined = " ".join(clause)
    if _AGE.match(joined) or (len(clause) <= 3 and _AGE.match(clause[0])):
        # "Tom Diaz, 52, a neighbor": the age says private unless the next apposition names a role.
        nxt = _apposition(text, end + 1, w, depth + 1) if depth < 1 and text[end:end + 1] == "," else None
        return STRONG if nxt == STRONG else (nxt if nxt == ROLE else WEAK)
    who = _WHO.match(joined)
    if who:
        words_after = who.group(2).lower()
        if who.group(1).lower() == "whose":
            return STRONG if any(_is_word(t, w.private) for t in clause[1:4]) else None
        verb = next((v for v in w.private_verbs if words_after.startswith(v)), None)
        if verb:
            # "who was detained" marks the arrested, which an official may also be; "who lives" does not.
            custody = verb.startswith(("was ", "is ", "has been", "had been")) and "married" not in verb \
                and "undocumented" not in verb
            return WEAK if custody else STRONG
        if any(words_after.startswith(v) for v in w.role_verbs):
            rest = clause[1:]
            if len(rest) > 2 and _bare(rest[0]) in ("is", "was"):
                return _head_verdict(rest[2:], w)  # "who is the city's mayor", "who is the boy's mother"
            # "who directs the Example Rights Project" leads a group; "who runs a roofing company"
            # is an employer.
            obj = clause[2:10]
            if any(_is_word(t, w.org) or _is_word(t, w.role) or re.fullmatch(r"[A-Z]{2,6}", t) for t in obj):
                return ROLE
            if any(_is_word(t, w.private) or _bare(t) in w.business for t in obj):
                return STRONG
            return None
        if len(clause) > 2 and _bare(clause[1]) in ("is", "was", "has", "had") and \
                _bare(clause[2]) in w.determiners | {"been"}:
            return _head_verdict(clause[2:], w)
        if any(_is_word(t, w.private) for t in clause[1:4]) or any(_bare(t) in w.arrest for t in clause[1:4]):
            return WEAK
        return None
    first = clause[0]
    # A noun phrase ("the city's mayor", "field office director for Omaha"), not a verb
    # phrase ("pointing at the officer"), whose head decides.
    if _bare(first) in w.determiners or re.search(r"['’]s$", first) or _is_word(first, w.role) or \
            _is_word(first, w.title_run) or _is_word(first, w.private) or first[0].isupper():
        return _head_verdict(clause, w)
    return None


class People:
    """Every person-like name of one document, with the evidence of how the text presents it."""

    def __init__(self, text: str):
        self.text = text
        self.runs = find_runs(text)
        self._by_token: dict[str, list[int]] = {}
        for i, run in enumerate(self.runs):
            for token in set(run.tokens):
                self._by_token.setdefault(token, []).append(i)
        self._evidence: dict[int, tuple[str | None, bool, str | None]] = {}

    def _at(self, i: int) -> tuple[str | None, bool, str | None]:
        if i not in self._evidence:
            w = words()
            run = self.runs[i]
            follower = _MODIFIER.match(self.text, run.end)
            if follower and _is_word(follower.group(1), w.private):
                # "a Tacoma man", "Los Angeles residents": the name words qualify a noun; no person here.
                self._evidence[i] = (None, False, None)
                return self._evidence[i]
            before, relation = _before(self.text, run, w)
            after = _after(self.text, run, w)
            # "His parents, Rosa Lima and Efrain Lima," and "Ana Cruz and Ben Ito, his foremen":
            # names joined by "and" or a comma share what precedes the first and follows the last.
            if i and before is None and _JOINED.fullmatch(self.text[self.runs[i - 1].end:run.start]):
                before, relation = _before(self.text, self.runs[i - 1], w)
            if after is None and i + 1 < len(self.runs) and \
                    _JOINED.fullmatch(self.text[run.end:self.runs[i + 1].start]):
                after = _after(self.text, self.runs[i + 1], w)
            self._evidence[i] = (before, relation, after)
        return self._evidence[i]

    def spoke(self, i: int) -> bool:
        """Is the run the subject of a speech verb ("Ana Cruz said", "said Ana Cruz")?"""
        run = self.runs[i]
        before = self.text[max(0, run.start - 30):run.start]
        if _SPOKE_BEFORE.search(before):
            # "said Laredo Sector Acting Chief ...": a run followed by a title is no speaker.
            nxt = _TOKEN.match(self.text, run.end + 1) if self.text[run.end:run.end + 1] == " " else None
            return not (nxt and (nxt.group(0)[0].isupper() or _is_word(nxt.group(0), words().role)))
        return bool(_SPOKE_AFTER.match(self.text, run.end))

    def mentions(self, tokens: tuple[str, ...]) -> list[int]:
        """Runs that name the same person: the full name inside a longer run, or a part of it
        ("Ruiz" for "Ana Ruiz", "Ortega Baez" for "Luis Ortega Baez")."""
        near = sorted({i for t in tokens for i in self._by_token.get(t, ())})
        return [i for i in near if _contains(self.runs[i].tokens, tokens) or _contains(tokens, self.runs[i].tokens)]

    def person(self, name: str, title: str | None = None) -> Person:
        tokens = tuple(_clean_name(name).split())
        person = Person(tokens)
        for i in self.mentions(tokens) if tokens else []:
            before, relation, after = self._at(i)
            person.evidence.update(e for e in (before, after) if e)
            aged = bool(_AGE_AFTER.match(self.text, self.runs[i].end))
            person.introduced |= (relation or aged) and len(self.runs[i].tokens) == len(tokens)
            person.spoke |= self.spoke(i)
        # A record's title, or a "name" that is itself a role ("DHS spokesperson", "his mother");
        # not a name that merely has a role word in it ("Lorraine Bishop").
        w = words()
        named = [t for t in _TOKEN.findall(name) if re.fullmatch(_NAME_WORD, t) and re.search("[a-zß-ÿ]", t)
                 and not (_is_word(t, w.role) or _is_word(t, w.private) or _is_word(t, w.title_run))]
        for words_ in (title, None if named else name):
            verdict = _head_verdict(_TOKEN.findall(words_), w) if words_ else None
            if verdict:
                person.evidence.add(verdict)
        return person

    def everyone(self, only: set[str] | None = None) -> list[Person]:
        """One Person per distinct name in the text that could be a person; with `only`, just
        the names that share a word with it (the words of the records to judge)."""
        w = words()
        seen: dict[tuple[str, ...], Person] = {}
        for run in self.runs:
            if run.tokens in seen or (only is not None and only.isdisjoint(run.tokens)):
                continue
            if all(_is_word(t, w.role) or _is_word(t, w.org) or _is_word(t, w.private) or t in w.not_names
                   for t in run.tokens):
                continue  # "Neighbors", "Police Department": words, not a name
            if _OPERATION_BEFORE.search(self.text, max(0, run.start - 12), run.start):
                continue  # "called Operation Open Lagoon": an operation's name, not a person's
            seen[run.tokens] = self.person(run.name)
        return list(seen.values())

    def private_names(self, is_place: Callable[[str], bool] | None = None,
                      only: set[str] | None = None, publisher: str | None = None) -> list[str]:
        """Names that must appear in no record: private people's full names, their surnames and
        first names (unless a public person shares the word), and first names given alone
        after a relation ("her brother, Luis"). `only` limits the work to names with a word in it;
        a name made of the words of the `publisher`'s name is the outlet's, no person's."""
        w = words()
        outlet = set(_TOKEN.findall(publisher or ""))
        people = [p for p in self.everyone(only) if not (outlet and set(p.tokens) <= outlet)]
        public_words = {t for p in people if p.status == PUBLIC for t in p.tokens}
        out: set[str] = set()
        for p in people:
            # Someone who speaks and is given no public role is treated as private: when unsure, refuse.
            if p.status != PRIVATE and not (p.status == UNKNOWN and p.spoke and len(p.tokens) > 1):
                continue
            if len(p.tokens) == 1:
                if p.introduced and p.tokens[0] not in public_words and p.tokens[0] not in w.not_names \
                        and not (is_place is not None and is_place(p.tokens[0])):  # "Texas, 42, ..."
                    out.add(p.tokens[0])
                continue
            if any(t in w.not_names or _is_word(t, w.org) for t in p.tokens) or p.tokens[0] in w.place_prefixes:
                continue
            if is_place is not None and is_place(p.name):
                continue  # "detained Los Angeles residents"
            out.add(p.name)
            out.update(t for t in p.tokens if len(t) >= 3 and t not in public_words and t not in w.not_names
                       and t not in w.particles and not (is_place is not None and is_place(t)))
        return sorted(out, key=len, reverse=True)


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return 0 < n <= len(big) and any(big[i:i + n] == small for i in range(len(big) - n + 1))


def _clean_name(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    w = words()
    parts = [p for p in name.split() if p.rstrip(".") + "." not in w.abbreviations or len(p) > 5]
    return " ".join(parts)


def is_organisation(name: str) -> bool:
    """An agency or group named as a speaker ("ICE", "the Department of Homeland Security",
    "Example Rights Project") is no private individual."""
    w = words()
    tokens = _TOKEN.findall(name)
    if not tokens:
        return False
    if all(re.fullmatch(r"[A-Z][A-Z&.-]{1,7}", t) for t in tokens):
        return True  # "ICE", "DHS", "U.S."
    # Surnames can be org words ("Sally Field"): only the unmistakable ones end an organisation.
    def head(t: str) -> bool:
        return t[0].isupper() and _bare(t) in _ORG_HEADS

    # "Example Rights Project", "Department of Homeland Security"; not "Police Officer Ana Ruiz".
    named = head(tokens[-1]) or (head(tokens[0]) and "of" in tokens)
    return len(tokens) > 1 and named and not any(_is_word(t, w.private) for t in tokens)


def name_words(text: str) -> set[str]:
    """The capitalised words of a text that could be part of a name."""
    return set(re.findall(_NAME_WORD, text))


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    names = [n for n in names if n]
    if not names:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + r")(?![\w])")
