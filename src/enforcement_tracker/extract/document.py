"""One document's sentences to records: find candidates, attribute, merge restatements, link."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache, partial
from typing import Any, Callable, Iterable

from spacy.tokens import Doc

from enforcement_tracker.extract.attribution import default_sources, merge_sources, outlets, sentence_sources
from enforcement_tracker import kinds
from enforcement_tracker.extract.candidates import Candidate
from enforcement_tracker.extract.claims import find_claims
from enforcement_tracker.extract.restated import restated_count
from enforcement_tracker.extract.tallied_operations import operations_from_tallies
from enforcement_tracker.extract.targets import rate_right_after
from enforcement_tracker.extract.count_parts import scope_parts
from enforcement_tracker.extract.count_tables import Header, table_header, table_rows
from enforcement_tracker.extract.context import period_from_context, place_from_context
from enforcement_tracker.extract.frames import find_frames
from enforcement_tracker.extract.gapped_lists import (criminality_base, criminality_row, gapped_parts, is_list_line, list_period,
                                                      line_part, starts_a_list)
from enforcement_tracker.extract.lexicon import alternation
from enforcement_tracker.extract.operations import find_operations
from enforcement_tracker.extract.prefilter import headline_paragraphs
from enforcement_tracker.extract.quotes import _title, find_quotes, full_name_index, mentioned_people
from enforcement_tracker.extract.sentences import Sentence, analyse_sentence, paragraph_views
from enforcement_tracker.models import Document, Record, Source
from enforcement_tracker.record_ids import assign_ids
from enforcement_tracker.kinds.compare import criminality_group
from enforcement_tracker.normalize.dates import later_day, order_range
from enforcement_tracker.normalize.gazetteer import Gazetteer
from enforcement_tracker.normalize.numbers import number_key

_SPOKE_AFTER = re.compile(rf"^(?:,[^,]{{0,60}},)?\s+{alternation('speech_verb')}\b")
_SPOKE_BEFORE = re.compile(rf"\b(?:{alternation('quote_verb')}|according\s+to)\s+$")
_ARREST_WORDS = re.compile(r"\b(?:arrest\w*|apprehen\w*|custody|detain\w*)\b", re.I)
_SYNDICATED = re.compile(r"(?:originally\s+appeared|first\s+appeared|was\s+originally\s+published|first\s+published)\s+"
                         r"(?:on|in|at|by)\s+(?:the\s+)?(?P<site>[A-Z][\w&'’-]*(?:\.[a-z]{2,4})?(?:\s+[A-Z][\w&'’-]*(?:\.[a-z]{2,4})?)*)")


def build_sentences(document: Document, parsed: Iterable[tuple[int, int, Doc]]) -> list[Sentence]:
    places = Gazetteer.open().for_document()
    out: list[Sentence] = []
    for para_index, offset, doc in parsed:
        frames = lru_cache(maxsize=1)(partial(find_frames, doc, offset))  # the window's, once, if asked
        for span in doc.sents:
            if span.text.strip():
                sent = analyse_sentence(span, len(out), para_index, offset, document.published, places)
                sent.window_frames = frames
                out.append(sent)
    _drop_surnames_as_places(out)
    return out


def _drop_surnames_as_places(sentences: list[Sentence]) -> None:
    """'Ana Ponce ... Ponce said': once a document names a person, their surname alone is that
    person, not the town of that name."""
    surnames = {name.split()[-1] for s in sentences for _, _, name in s.persons if len(name.split()) > 1}
    if not surnames:
        return
    for s in sentences:
        s.places = [p for p in s.places if p.text not in surnames or " " in p.text.strip()]


def records_from_sentences(document: Document, sentences: list[Sentence],
                           extractor: Callable[[str], str]) -> list[Record]:
    headline = headline_paragraphs(document.text)
    persons = [p[2] for s in sentences for p in s.persons]
    full_names = full_name_index(persons)
    candidates: list[Candidate] = []
    counted: set[tuple[int, int]] = set()  # (paragraph, sentence) of the sentences that made an arrest count
    in_a_list = False  # the sentence before leads into a list of counts set out a line each, or is one of them
    list_state: str | None = None  # the state of that list's places so far
    lead_period: dict | None = None  # the period that list's lead-in names
    home_place = next((p.place for s in sentences for p in s.places if p.role == "dateline"), None)
    home_state = (home_place or {}).get("state")
    crim_base: int | None = None  # the count that rows of criminality under "Of the 95 people arrested:" qualify
    table: Header | None = None  # the header of the table of counts whose rows come next
    for s in sentences:
        in_head = s.paragraph in headline
        found = find_claims(s, headline=in_head)
        after_a_count = (s.paragraph, s.index - 1) in counted
        if not any(c.kind == "arrest_count" for c in found):
            again = restated_count(s, after_a_count=after_a_count, headline=in_head)
            found += [again] if again else []
        found = gapped_parts(s, found, after_a_count=after_a_count, headline=in_head,
                             counted_before=[c.fields["count"].get("value") for c in candidates if c.kind == "arrest_count"])
        line = line_part(s, in_a_list=in_a_list, state=list_state, home_place=home_place, headline=in_head,
                         period=lead_period) if not found else None
        found += [line] if line else []
        if line and line.fields["places"]:
            list_state = line.fields["places"][0]["state"]
        if starts_a_list(s):
            lead_period = list_period(s)
        in_a_list = (in_a_list and is_list_line(s)) or starts_a_list(s) or any(c.kind == "arrest_count" for c in found)
        if not in_a_list:
            list_state = lead_period = None
        row = criminality_row(s, crim_base, in_head) if crim_base and not found else None
        found += [row] if row else []
        if table is not None and not found:
            found += table_rows(s, table, _latest_period(candidates, sentences), in_head, state=home_state)
        table = table_header(s) or (table if found else None)
        crim_base = criminality_base(s) or (crim_base if row else None)
        if any(c.kind == "arrest_count" for c in found):
            counted.add((s.paragraph, s.index))
        candidates.extend(found + find_operations(s, headline=in_head))
    # A quotation may run over several sentences, its attribution in the last: read paragraphs.
    mentioned: list[tuple[str, str | None]] = []  # people named so far: who "he" or "the mayor" is
    for view in paragraph_views(document.text, sentences):
        candidates.extend(find_quotes(view, full_names, headline=view.paragraph in headline, mentioned=mentioned))
        mentioned.extend(mentioned_people(view, full_names))
    _attribute(candidates, sentences, document, full_names)
    merged = _merge(candidates, sentences, document)
    return _to_records(merged, document, extractor, sentences)


_COMPARED_WITH = re.compile(r"\b(?:(?:down|up)\s+from|compared\s+(?:with|to))\s+$", re.I)


def _latest_period(candidates: list[Candidate], sentences: list[Sentence]) -> Any:
    """The period of the latest count told so far that has one, and is not one it is compared with
    ("That is down from 900 a year before"): a table's rows break it down."""
    return next((c.fields["period"] for c in reversed(candidates)
                 if c.kind == "arrest_count" and c.fields.get("period") and
                 not _COMPARED_WITH.search(sentences[c.sentence].before(c.anchor, 30))), None)


def syndicated_from(text: str) -> str | None:
    m = _SYNDICATED.search(text)
    if not m:
        return None
    site = m.group("site").strip()
    key = re.sub(r"\.(?:com|org|net|co\.uk|news)$", "", site, flags=re.I).replace(" ", "").lower()
    for outlet in outlets():
        if outlet.replace(" ", "").lower() == key or outlet.replace(" ", "").lower().removeprefix("the") == key:
            return outlet
    return site


# -- attribution -------------------------------------------------------------------------------

def _named_speaker(s: Sentence, full_names: dict[str, str]) -> list[Source]:
    outside = [p for p in s.persons if not s.in_quote(p[0])]
    speaker = None
    for a, b, name in outside:
        # "X said", "X, the mayor, told" and "said X": the person is the one speaking.
        if _SPOKE_AFTER.match(s.after(b, 70)) or _SPOKE_BEFORE.search(s.before(a, 12)):
            speaker = (a, b, name)
            break
    if speaker is None:
        return []
    a, b, name = speaker
    name = re.sub(r"[’']s$", "", name).strip()
    title = _title(s, a, b)
    if not title:
        # Someone the sentence gives no role ("owner Kim Tran said ...") is no source of a claim:
        # a private person never becomes a record's source (the guard would refuse the record).
        return []
    person = {"name": full_names.get(name.split()[-1], name), "title": title}
    return [Source(kind="named", person=person)]


def _attribute(candidates: list[Candidate], sentences: list[Sentence], document: Document,
               full_names: dict[str, str]) -> None:
    own: list[list[Source]] = []
    back: list[bool] = []
    for s in sentences:
        srcs, points_back = sentence_sources(s.text, _named_speaker(s, full_names))
        own.append(srcs)
        back.append(points_back)
    resolved: list[list[Source]] = []
    last_group: list[Source] = []
    for i, s in enumerate(sentences):
        srcs = own[i]
        if not srcs and back[i] and last_group:
            srcs = list(last_group)
        if any(x.kind in ("anonymous", "unnamed_official") for x in srcs):
            last_group = [x for x in srcs if x.kind in ("anonymous", "unnamed_official")]
        resolved.append(srcs)
    for i, s in enumerate(sentences):
        if resolved[i]:
            continue
        # News style puts the attribution at the end of the paragraph: "..., the sources said."
        nxt = i + 1
        if nxt < len(sentences) and sentences[nxt].paragraph == s.paragraph and back[nxt] and resolved[nxt]:
            resolved[i] = list(resolved[nxt])
    fallback = default_sources(document.publisher, document.kind)
    by_sentence = {s.index: resolved[i] for i, s in enumerate(sentences)}
    for c in candidates:
        if c.kind == "quote":
            continue
        c.sources = merge_sources(c.sources, by_sentence.get(c.sentence) or fallback)


# -- merging restatements ----------------------------------------------------------------------

def _merge(candidates: list[Candidate], sentences: list[Sentence], document: Document) -> list[Candidate]:
    out: list[Candidate] = []
    ordered = sorted(candidates, key=lambda c: (c.in_headline, c.start, c.anchor))
    # Headline claims are restated in the body; the body's words carry them (ANNOTATION: restatements).
    for c in ordered:
        if c.in_headline and _goal_told_again(c, out, sentences):
            continue  # its fields are a count's, none of them the goal's
        target = _same_claim(c, out) or (_rounded_restatement(c, out) if c.in_headline else None)
        if target is None:
            out.append(c)
        else:
            _fold(target, c)
    if not any(c.kind == "arrest_count" for c in out):
        # With no arrest in the document, "the majority have convictions" qualifies no arrest.
        out = [c for c in out if c.kind != "criminality" or _ARREST_WORDS.search(sentences[c.sentence].text)]
    tallied = operations_from_tallies(out, sentences, document.published)
    if tallied:
        out = sorted(out + tallied, key=lambda c: (c.in_headline, c.start, c.anchor))
    ops = [c for c in out if c.kind == "operation"]
    _merge_operations(ops, out, document)
    _characterize_targets(out, sentences)
    _counts_in_their_operation(out, document.published)
    place_from_context(out, sentences)
    period_from_context(out, sentences)
    return sorted(out, key=lambda c: (c.start, c.anchor))


def _goal_told_again(c: Candidate, seen: list[Candidate], sentences: list[Sentence]) -> Candidate | None:
    """A headline's 'ICE tells officers: 25 arrests a week' beside the body's goal of 25 a week is
    that goal told again, not 25 arrests made."""
    if c.kind != "arrest_count" or "value" not in (c.fields.get("count") or {}):
        return None
    sent = next((s for s in sentences if s.index == c.sentence), None)
    n = next((x for x in sent.numbers if x.start <= c.anchor < x.end), None) if sent else None
    rate = rate_right_after(sent.after(n.end, 30)) if n else None
    if rate is None:
        return None
    return next((o for o in seen if o.kind == "target" and not o.in_headline and o.fields.get("per") == rate
                 and (o.fields.get("count") or {}).get("value") == c.fields["count"]["value"]), None)


def _rounded_restatement(c: Candidate, seen: list[Candidate]) -> Candidate | None:
    """A headline's 'nearly half' or 'over 1,500' beside the body's 47% or 1,505 is the same claim
    rounded (ANNOTATION: rounded restatements are not coded again)."""
    if c.kind not in ("criminality", "arrest_count"):
        return None
    mine = _amount(c, share="share" in c.fields and "count" not in c.fields)
    if mine is None:
        return None
    for o in seen:
        if o.kind != c.kind or o.in_headline:
            continue
        if c.kind == "criminality" and criminality_group(o.fields.get("category")) != \
                criminality_group(c.fields.get("category")):
            continue
        by_share = "share" in c.fields and "count" not in c.fields
        if by_share != ("share" in o.fields):
            continue
        theirs = _amount(o, share=by_share)
        if theirs is None:
            continue
        tolerance = 0.06 if "share" in c.fields else 0.02 * theirs
        if abs(mine - theirs) <= tolerance and (c.fields.get("share") or c.fields.get("count") or {}).get("qualifier") != "exact":
            return o
    return None


def _amount(c: Candidate, *, share: bool) -> float | None:
    number = c.fields.get("share") if share else c.fields.get("count")
    if not isinstance(number, dict):
        return None
    value = number.get("value", number.get("low"))
    return float(value) if isinstance(value, (int, float)) else None


def _same_claim(c: Candidate, seen: list[Candidate]) -> Candidate | None:
    """The earlier mention that `c` restates, by its kind's rule."""
    same = kinds.get(c.kind).same_claim
    return next((o for o in seen if o.kind == c.kind and same(o.fields, c.fields)), None)


def _fold(into: Candidate, other: Candidate) -> None:
    into.sources = merge_sources(into.sources, other.sources)
    for key, value in other.fields.items():
        if key == "characterizations":
            into.fields[key] = sorted(set(into.fields.get(key) or []) | set(value or []))
        elif into.fields.get(key) in (None, [], "unknown") and value not in (None, []):
            into.fields[key] = value


def _place_keys(c: Candidate) -> set[tuple]:
    return {(p.get("geonameid") or p.get("name"), p.get("state")) for p in c.fields.get("places") or []}


# Operations told as several ("operations this week were in Tulsa, Omaha and Wichita"); "operations" as a
# modifier ("fugitive operations teams") names no several operations.
_SEVERAL = re.compile(r"\b(?:operations|surges|sweeps|raids)\b(?!\s+(?:teams?|units?|officers?|centers?|staff)\b)", re.I)
_ANAPHOR_OWN = re.compile(r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,3}?(?:operation|surge|sweep)\s+"
                          r"(?:in|at|across|(?:planned|set|scheduled|slated|expected)\s+for|for)\s", re.I)


def _told_date(op: Candidate) -> bool:
    """A date of its own, said as a date ("ended Thursday"), not only "today's" or "yesterday's"."""
    for key in ("start", "end"):
        d = op.fields.get(key) or {}
        if d.get("date") and not re.match(r"(?i)^(?:today|yesterday|tonight|this\s)", d.get("text") or ""):
            return True
    return False


def _sentence_text(c: Candidate, document: Document) -> str:
    return document.text[c.start:c.end]


def _dated_apart(a: Candidate, b: Candidate) -> bool:
    """Both operations are dated, and their dates cannot be the same operation's."""
    def span(c: Candidate) -> tuple[str, str] | None:
        start = (c.fields.get("start") or {}).get("date")
        end = (c.fields.get("end") or {}).get("date")
        if not (start or end):
            return None
        return (start or end)[:10], (end or start)[:10]
    x, y = span(a), span(b)
    return bool(x and y) and (x[1] < y[0] or y[1] < x[0])


def _merge_operations(ops: list[Candidate], out: list[Candidate], document: Document) -> None:
    kept: list[Candidate] = []
    for op in ops:
        host = None
        if op.anaphoric and kept:
            host = kept[-1]
        elif op.anaphoric and not (_told_date(op) or op.fields.get("name")
                                   or (_place_keys(op) and _ANAPHOR_OWN.search(_sentence_text(op, document)))):
            # "these arrests were made in ..." with no operation before it; but "the planned
            # operation in Tulsa" names its own operation even when it is the first one told.
            out.remove(op)
            continue
        elif _place_keys(op):
            host = next((k for k in kept if _place_keys(k) & _place_keys(op)), None)
        if host is None and op.fields.get("name"):
            host = next((k for k in kept if k.fields.get("name") == op.fields.get("name")), None)
        if host is None and op.in_headline and not _place_keys(op) and not op.fields.get("name"):
            # "45 arrested in Panhandle sweep that ended Tuesday" over a story of one operation: the
            # headline restates the body's operation (ANNOTATION: restatements), it is not a second
            body = [k for k in kept if not k.in_headline]
            host = body[0] if len(body) == 1 and not _dated_apart(body[0], op) else None
        if host is None and op.fields.get("name") and not _place_keys(op) and not _told_date(op):
            # 'The agency calls it "Operation Prairie Sweep."': the name of the one operation told
            # of before, not a second operation
            unnamed = [k for k in kept if not k.fields.get("name")]
            host = unnamed[0] if len(unnamed) == 1 and len(kept) == 1 else None
        if host is None and kept and not _place_keys(kept[-1]) and not _place_keys(op) and not op.fields.get("name") \
                and not _dated_apart(kept[-1], op):
            host = kept[-1]
        if host is not None and _dated_apart(host, op) and not op.anaphoric:
            host = None  # "March 2015 – an operation ...; August 2013 – an operation ...": two operations
        if host is not None and len(_place_keys(op)) > 1 and _place_keys(op) - _place_keys(host) and \
                _SEVERAL.search(_sentence_text(op, document)):
            host = None  # "operations this week were in Tulsa, Omaha and Wichita": several, not that one
        if host is None:
            kept.append(op)
            continue
        has_dates = op.fields.get("start") or op.fields.get("end")
        if has_dates and not (host.fields.get("start") or host.fields.get("end")):
            host.start, host.end = op.start, op.end
        status = op.fields.get("status")
        if status == "called_off" or host.fields.get("status") in (None, "unknown"):
            host.fields["status"] = status
        if not host.fields.get("places") and op.fields.get("places"):
            host.fields["places"] = op.fields["places"]
        if later_day(op.fields.get("start"), host.fields.get("end")):
            # "The operation drew protests ... on Wednesday", after it "ended Saturday": no start
            op.fields = {**op.fields, "start": None}
        _fold(host, op)
        out.remove(op)
    _fold_bare_mentions(kept, out, document)
    for i, op in enumerate(kept):
        _settle_status(op, document.published)
        if not op.fields.get("agencies") and i > 0:
            # "The teams then head to Tulsa": the same agencies, named one sentence back.
            op.fields["agencies"] = kept[i - 1].fields.get("agencies") or []


def _fold_bare_mentions(kept: list[Candidate], out: list[Candidate], document: Document) -> None:
    """An operation mention that tells nothing of its own (no date, no name, no status) in a story
    of another operation in the same state, before or after it, is that operation: "last week's
    operation in Wayne County" in a lead, then "arrested 40 people in Wooster and Orrville from
    May 4 to May 8". Not when the sentence speaks of several operations, or when two could be it."""
    def states(c: Candidate) -> set[str]:
        return {p["state"] for p in c.fields.get("places") or [] if p.get("state")}

    for op in list(kept):
        f = op.fields
        if f.get("start") or f.get("end") or f.get("name") or f.get("status") not in (None, "unknown") or \
                not states(op) or _SEVERAL.search(_sentence_text(op, document)):
            continue
        hosts = [k for k in kept if k is not op and states(k) & states(op)]
        if len(hosts) != 1:
            continue
        _fold(hosts[0], op)
        kept.remove(op)
        out.remove(op)


def _settle_status(op: Candidate, published: str | None) -> None:
    f = op.fields
    f["start"], f["end"] = order_range(f.get("start"), f.get("end"))
    if not published or len(published) != 10 or f.get("status") == "called_off":
        return
    start = (f.get("start") or {}).get("date")
    end = (f.get("end") or {}).get("date")
    if start and start > published:
        f["status"] = "planned"
    elif end and end <= published and f.get("status") in ("unknown", "under_way", "planned"):
        f["status"] = "ended"


def _counts_in_their_operation(out: list[Candidate], published: str | None) -> None:
    """The counts of a document about one operation are that operation's: where a count's sentence
    names no place or period, the operation's places and dates are the count's; a count dated only
    by the day the operation ended covers the operation (ANNOTATION: places for a total are the
    places named for the operation as a whole)."""
    ops = [c for c in out if c.kind == "operation"]
    if len(ops) != 1:
        return
    op = ops[0].fields
    start, end = op.get("start"), op.get("end")
    span: Any = {"start": start, "end": end} if (start or end) else None
    if span and not end and published and (start or {}).get("date") == published:
        span = dict(start)  # an operation that began the day of the report: its counts are that day's
    for count in (c for c in out if c.kind == "arrest_count"):
        f = count.fields
        if not f.get("places") and not f.get("nationwide") and op.get("places") and f.get("scope") == "total":
            f["places"] = list(op["places"])
        period = f.get("period")
        if span is None:
            continue
        # "arrested 60 people in an operation that concluded Aug. 12": the count runs until that day
        # (a count dated by the day the operation began is that day's count, and stays so).
        if period is None or (isinstance(period, dict) and period.get("date") and end and
                              period.get("date") == end.get("date")):
            f["period"] = dict(span)


_LISTENER = re.compile(r"\b(?:to|told|tells|tell|with)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,2}$")


def _characterize_targets(out: list[Candidate], sentences: list[Sentence]) -> None:
    """What the sources called a target ("goal", "quota"), from the sentences that follow it."""
    words = re.compile(r"\b(goal|quota|target|benchmark)s?\b", re.I)
    for t in (c for c in out if c.kind == "target"):
        sent = sentences[t.sentence]
        if t.fields.get("issued_by") is None:
            # not whoever is told of it ("documents described to the Example Dispatch", "told Ana Cruz")
            persons = [p for p in sent.persons if not sent.in_quote(p[0]) and not _LISTENER.search(sent.before(p[0], 24))]
            if persons:
                a, b, name = persons[0]
                t.fields["issued_by"] = {"name": name, "title": _title(sent, a, b)}
        chars = set(t.fields.get("characterizations") or [])
        for s in sentences[t.sentence + 1:t.sentence + 4]:
            if s.paragraph != sent.paragraph:
                break
            chars.update(m.group(1).lower() for m in words.finditer(s.text))
        t.fields["characterizations"] = sorted(chars)


# -- records -----------------------------------------------------------------------------------

def _to_records(candidates: list[Candidate], document: Document, extractor: Callable[[str], str],
                sentences: list[Sentence]) -> list[Record]:
    records: list[Record] = []
    counts: list[tuple[Candidate, Record]] = []
    fallback = default_sources(document.publisher, document.kind)
    for c in candidates:
        start, end = _trim(document.text, c.start, c.end)
        fields = {k: v for k, v in c.fields.items() if k not in ("listed", "nationwide")}
        period = fields.get("period")
        if isinstance(period, dict) and "start" in period:
            fields["period"] = dict(zip(("start", "end"), order_range(period.get("start"), period.get("end"))))
        rec = Record(kind=c.kind, span=(start, end), quote=document.text[start:end], fields=fields,
                     sources=c.sources or list(fallback), document_id=document.id, extractor=extractor(c.kind))
        if c.kind == "arrest_count":
            counts.append((c, rec))
        records.append(rec)
    assign_ids(records, document.text)  # together: ids from the claim and its sentence (record_ids.py)
    scope_parts(counts, sentences)
    before: tuple[Candidate, str] | None = None  # the criminality told last, and the count it qualifies
    for c, rec in zip(candidates, records):
        if c.kind == "criminality":
            rec.fields["of"] = _link(c, counts, sentences, before)
            base = next((k for k, r in counts if r.id == rec.fields["of"]), None)
            # not a count that is itself the criminality ("arrested 71 aliens with convictions")
            if base is not None and base.anchor != c.anchor and not (
                    c.fields.get("count") and number_key(base.fields["count"]) == number_key(c.fields["count"])):
                before = (c, rec.fields["of"])
    return records


def _link(c: Candidate, counts: list[tuple[Candidate, Record]], sentences: list[Sentence],
          before: tuple[Candidate, str] | None = None) -> str | None:
    """The arrest count a criminality record qualifies: the one it names ("of the 107"), one in its
    own sentence, the count it is itself ("arrested 2,400 aliens with convictions"), or for "of
    those arrested", "others" and "the remaining" the group's total told before it (not a
    sub-count of a list). A share of a year told apart ("last fiscal year, 86 percent") qualifies
    no count of the report."""
    if c.of_value:
        match = next((r for k, r in counts if number_key(k.fields["count"]) == c.of_value), None)
        if match:
            return match.id
    mine = number_key(c.fields.get("count")) if c.fields.get("count") else None
    same_sentence = [(k, r) for k, r in counts if k.sentence == c.sentence]
    others = [r for k, r in same_sentence if k.anchor != c.anchor]
    if others:
        return others[0].id
    itself = [r for k, r in same_sentence if mine and number_key(k.fields["count"]) == mine]
    if itself:
        return itself[0].id
    if c.link_previous and not _own_year(sentences[c.sentence]):
        if before is not None and _goes_on(before[0], c, counts, sentences[c.sentence]):
            base = next((r for _, r in counts if r.id == before[1]), None)
            if base is not None and (mine is None or _amount(c, share=False) is None or
                                     (_amount(next(k for k, r in counts if r is base), share=False) or 0) >=
                                     (_amount(c, share=False) or 0)):
                return before[1]
        earlier = [(k, r) for k, r in counts if k.sentence < c.sentence]
        # a part is one the rules said so of, or one scope_parts found
        totals = [(k, r) for k, r in earlier
                  if "part" not in (k.fields.get("scope"), r.fields.get("scope")) and not k.fields.get("listed")]
        value = _amount(c, share=False) if mine else None
        bigger = [(k, r) for k, r in (totals or earlier)
                  if value is None or (_amount(k, share=False) or 0) > value]
        pick = bigger or totals or earlier
        if pick:
            return pick[-1][1].id
    return None


def _goes_on(told: Candidate, c: Candidate, counts: list[tuple[Candidate, Record]], sent: Sentence) -> bool:
    """'Ninety-six of the 107 have convictions. The remaining 11 ...': criminality told right after a
    criminality of a group, in its paragraph or the next sentence, with no count told between, qualifies
    the same count; "Of those arrested" names the whole group again, its total."""
    near = told.paragraph == c.paragraph or c.sentence - told.sentence <= 1
    whole = _THE_WHOLE_GROUP.search(sent.text)
    return near and not whole and not any(told.sentence < k.sentence <= c.sentence for k, _ in counts)


# "Of those arrested, 90 had no record", "of all the people arrested": the group as a whole, again
_THE_WHOLE_GROUP = re.compile(r"\bof\s+(?:all\s+)?(?:those|the\s+people|the\s+\w+s)\s+(?:arrested|detained|apprehended|"
                              r"taken\s+into\s+custody)\b", re.I)


def _own_year(sent: Sentence) -> bool:
    return any(d.kind in ("fiscal_year", "relative_year", "year") for d in sent.dates)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


