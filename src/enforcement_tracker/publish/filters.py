"""The one record filter every machine URL shares: the JSON API, the CSV, the GeoJSON, the feed.

A saved search is a query string; the same string on /api/records.json, /export/records.csv
and /feeds/records.atom returns the same records.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Mapping
from urllib.parse import urlencode

from enforcement_tracker.errors import PublishError, TrackerError
from enforcement_tracker.kinds import registry
from enforcement_tracker.publish.params import calendar_date

_STATE = re.compile(r"^[A-Za-z]{2}$")
_AGENCY = re.compile(r"^[A-Za-z_-]{2,20}$")
MAX_VALUE = 200
# The order the filter bar shows them in. A new filter is a field here, a check in from_args and
# a clause in where(); every page, API and export reads this one list.
FILTER_NAMES = ("q", "kind", "place", "state", "agency", "since", "until", "publisher", "status", "review")
_PLACE_STATE = re.compile(r"^(?P<name>.+?),\s*(?P<state>[A-Za-z]{2})$")
_FTS_TOKEN = re.compile(r"[\w'-]+", re.UNICODE)

# A record's own date, else its document's: what since/until compare against.
RECORD_START = "COALESCE(r.date_start, r.date_end, d.published)"
RECORD_END = "COALESCE(r.date_end, r.date_start, d.published)"
# records_fts_by_date's rowid (migration 012) is the document's date as yyyymmdd times KEY_SPAN,
# plus the record's rowid.
KEY_SPAN = 4294967296


def first_day(text: str) -> str:
    """The first calendar day a `since` names: "2025-02" is 2025-02-01, "2025" 2025-01-01."""
    return (text + "-01-01"[len(text) - 4:])[:10] if len(text) < 10 else text[:10]


def last_day(text: str) -> str:
    """The last calendar day an `until` names: "2025-02" is 2025-02-28, "2025" 2025-12-31."""
    import calendar

    if len(text) == 4:
        return f"{text}-12-31"
    if len(text) == 7:
        y, m = int(text[:4]), int(text[5:7])
        return f"{text}-{calendar.monthrange(y, m)[1]:02d}"
    return text[:10]


@dataclass(frozen=True)
class RecordFilter:
    q: str | None = None           # words of the quote (the records_fts index)
    kind: str | None = None
    place: str | None = None
    state: str | None = None
    agency: str | None = None
    since: str | None = None
    until: str | None = None
    publisher: str | None = None
    status: str | None = None      # an operation's status: planned, under_way, ended, called_off, unknown
    review: str | None = None      # review states, comma-separated: machine, reviewed, verified, rejected

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> "RecordFilter":
        """Read the filter from query-string arguments; a malformed value is refused, not ignored."""
        values = {name: (str(args.get(name)).strip() or None) if args.get(name) is not None else None
                  for name in FILTER_NAMES}
        for name, value in values.items():
            if value and len(value) > MAX_VALUE:
                raise PublishError(f"{name} is longer than {MAX_VALUE} characters", source=name,
                                   hint="no place, publisher or code is that long; shorten it")
        if values["kind"] and values["kind"] not in registry.kind_names():
            raise PublishError(f"unknown kind {values['kind']!r}", source="kind",
                               hint="one of " + ", ".join(registry.kind_names()))
        for name in ("since", "until"):
            if values[name]:
                calendar_date(values[name], name)
        if values["status"]:
            from enforcement_tracker.kinds.operation import STATUSES

            status = values["status"].lower().replace(" ", "_")
            if status not in STATUSES:
                raise PublishError(f"unknown status {values['status']!r}", source="status",
                                   hint="one of " + ", ".join(s.replace("_", " ") for s in STATUSES))
            values["status"] = status
        if values["review"]:
            from enforcement_tracker.store.review import STATES, parse_states

            try:
                picked = parse_states(values["review"])
            except TrackerError as exc:
                raise PublishError(exc.message, source="review", hint=exc.hint) from exc
            values["review"] = ",".join(s for s in STATES if s in picked) or None
        if values["q"] and not _FTS_TOKEN.search(values["q"]):
            raise PublishError("q has no words to search for", source="q",
                               hint=f"got {values['q']!r}; type words of the quote, like: arrests Sunday")
        if values["place"]:
            found = _PLACE_STATE.match(values["place"])
            if found:  # "Chicago, IL": the place as the tool prints it
                if values["state"] and values["state"].upper() != found["state"].upper():
                    raise PublishError(f"place {values['place']!r} is not in state {values['state']!r}",
                                       source="place", hint="leave state out, or name a place in that state")
                values["place"], values["state"] = found["name"].strip(), found["state"]
        if values["state"]:
            if not _STATE.match(values["state"]):
                raise PublishError("state must be a two-letter USPS code like CO", source="state",
                                   hint=f"got {values['state']!r}")
            values["state"] = values["state"].upper()
        if values["agency"]:
            if not _AGENCY.match(values["agency"]):
                raise PublishError("agency must be a code like ICE or ICE-ERO", source="agency",
                                   hint=f"got {values['agency']!r}")
            values["agency"] = values["agency"].upper()
        return cls(**values)

    def where(self, *, probe: bool = False, by_date: bool = False, words: bool = True,
              sets: bool | None = None) -> tuple[str, list[Any]]:
        """SQL conditions over `records r JOIN documents d`, and their parameters. With `probe`, a
        place, state or words are a test of each row read (the records they pick looked up once,
        then probed), never where the query starts: for a walk over documents in date order.
        With `by_date` (the ledger has migration 012's records_fts_by_date) the words are looked
        up there together with the kind, status and review state: one intersection in FTS5, so
        words no record of that kind holds cost an index read, not a set of every quote with them.
        Without `words`, the words are left to the caller, which reads that index's matches
        (word_search): a place or state is then tested on each of them, not looked up as a set,
        unless `sets` for a place (a caller that reads every match: one lookup, then a probe of the set each)."""
        clauses: list[str] = []
        params: list[Any] = []
        rid = "+r.id" if probe else "r.id"
        sets = words if sets is None else sets
        if self.kind:
            clauses.append("r.kind = ?")
            params.append(self.kind)
        if self.place:
            # Spellings tried exactly (as given, Title Case, UPPER) so the name index serves them;
            # NOCASE would scan every place. With a state, the place must be in it ("Aurora, CO").
            variants = self.place_variants()
            in_state = " AND state = ?" if self.state else ""
            names = f"name IN ({', '.join('?' for _ in variants)}){in_state}"
            if sets:
                clauses.append(f"{rid} IN (SELECT record_id FROM record_places WHERE {names})")
            else:  # the rows read are the by-date index's matches, its place words narrowed already
                clauses.append(f"EXISTS (SELECT 1 FROM record_places WHERE record_id = r.id AND {names})")
            params += variants + ([self.state] if self.state else [])
        elif self.state and words:
            # Two index lookups made into one set (an OR of the two would scan every record).
            clauses.append(f"{rid} IN (SELECT record_id FROM record_places WHERE state = ?"
                           " UNION SELECT id FROM records WHERE state = ?)")
            params += [self.state, self.state]
        elif self.state:
            clauses.append("(r.state = ? OR EXISTS (SELECT 1 FROM record_places WHERE record_id = r.id AND state = ?))")
            params += [self.state, self.state]
        if self.status:
            clauses.append("r.status = ?")
            params.append(self.status)
        if self.review:
            states = self.review.split(",")
            clauses.append(f"r.review IN ({', '.join('?' for _ in states)})")
            params += states
        if self.q and words:
            column = "+r.rowid" if probe else "r.rowid"
            if by_date:
                clauses.append(f"{column} IN (SELECT rowid % {KEY_SPAN} FROM records_fts_by_date"
                               " WHERE records_fts_by_date MATCH ?)")
                params.append(self.by_date_query())
            else:
                clauses.append(f"{column} IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)")
                params.append(self.fts_query())
        if self.agency:
            # EXISTS probes the (record_id, code) key per row: cheap while reading newest first.
            clauses.append("EXISTS (SELECT 1 FROM record_agencies a WHERE a.record_id = r.id AND a.code = ?)")
            params.append(self.agency)
        if self.since:
            clauses.append(f"{RECORD_END} >= ?")
            params.append(self.since)
        if self.until:
            # "~" sorts after every digit, so until=2025-01 keeps all of January.
            clauses.append(f"{RECORD_START} <= ?")
            params.append(self.until + "~")
        if self.publisher:
            clauses.append("d.publisher = ? COLLATE NOCASE")
            params.append(self.publisher)
        return (" AND ".join(clauses) or "1"), params

    def place_variants(self) -> list[str]:
        return list(dict.fromkeys([self.place, self.place.title(), self.place.upper()])) if self.place else []

    def words(self) -> list[str]:
        """The words of q, as every search reads them."""
        return _FTS_TOKEN.findall(self.q or "")

    def fts_query(self) -> str:
        """The words of q as FTS5 phrases: every word must be in the quote, and no word is syntax."""
        return " ".join('"' + w.replace('"', '""') + '"' for w in self.words())

    def by_date_query(self) -> str:
        """The words as records_fts_by_date (migration 012) reads them: in the quote, and every
        filter but the dates among the record's facet words. A kind, status, review state or
        agency is one made word of `facets` ("koperation"), exact; a place ("p chicago xil" in
        `places`), state or publisher matches a superset, so where() still tests each row."""
        def phrase(text: str) -> str:
            return '"' + text.replace('"', '""') + '"'

        parts = [f"quote : {p}" for p in self.fts_query().split(" ")] if self.q else []
        if self.kind:
            parts.append("facets : k" + self.kind.replace("_", ""))
        if self.status:
            parts.append("facets : s" + self.status.replace("_", ""))
        if self.review:
            parts.append("facets : (" + " OR ".join("r" + s.replace("_", "") for s in self.review.split(",")) + ")")
        if self.agency:
            parts.append("facets : a" + self.agency.replace("-", "").replace("_", ""))
        if self.place:
            parts.append("places : " + phrase(f"p {self.place}" + (f" x{self.state}" if self.state else "")))
        elif self.state:
            parts.append(f"(facets : x{self.state} OR places : x{self.state})")
        if self.publisher:
            parts.append("publisher : " + phrase(self.publisher))
        return " AND ".join(parts)

    @property
    def needs_documents(self) -> bool:
        """Whether where() reads the documents table (a publisher, or dates that fall back to it)."""
        return bool(self.publisher or self.since or self.until)

    @property
    def selective(self) -> bool:
        """A place, state or search picks few records through its index; other filters keep many."""
        return bool(self.place or self.state or self.q)

    def label(self) -> str:
        """The selection in words, for headings: "Aurora, CO · since 2025-01-27"."""
        parts = []
        if self.q:
            parts.append(f"“{self.q}”")
        if self.place:
            parts.append(self.place + (f", {self.state}" if self.state else ""))
        elif self.state:
            parts.append(self.state)
        for name in ("kind", "agency", "publisher", "status", "review"):
            value = getattr(self, name)
            if value:
                parts.append(value.replace("_", " "))
        if self.since:
            parts.append(f"since {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        return " · ".join(parts)

    def active(self) -> dict[str, str]:
        """The filters set, as a URL carries them (a place with its state reads "Aurora, CO")."""
        out = {k: v for k, v in asdict(self).items() if v}
        if self.place and self.state:
            out["place"] = f"{self.place}, {self.state}"
            out.pop("state")
        return out

    def query_string(self, **extra: Any) -> str:
        items = {**self.active(), **{k: v for k, v in extra.items() if v is not None}}
        return urlencode(items)
