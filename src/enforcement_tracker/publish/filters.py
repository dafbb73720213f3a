"""The one record filter every machine URL shares: the JSON API, the CSV, the GeoJSON, the feed.

A saved search is a query string; the same string on /api/records.json, /export/records.csv
and /feeds/records.atom returns the same records.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Mapping
from urllib.parse import urlencode

from enforcement_tracker.errors import PublishError
from enforcement_tracker.kinds import registry
from enforcement_tracker.publish.params import calendar_date

_STATE = re.compile(r"^[A-Za-z]{2}$")
_AGENCY = re.compile(r"^[A-Za-z_-]{2,20}$")
MAX_VALUE = 200
FILTER_NAMES = ("kind", "place", "state", "agency", "since", "until", "publisher")

# A record's own date, else its document's: what since/until compare against.
RECORD_START = "COALESCE(r.date_start, r.date_end, d.published)"
RECORD_END = "COALESCE(r.date_end, r.date_start, d.published)"


@dataclass(frozen=True)
class RecordFilter:
    kind: str | None = None
    place: str | None = None
    state: str | None = None
    agency: str | None = None
    since: str | None = None
    until: str | None = None
    publisher: str | None = None

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

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions over `records r JOIN documents d`, and their parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.kind:
            clauses.append("r.kind = ?")
            params.append(self.kind)
        if self.state:
            clauses.append("(r.state = ? OR r.id IN (SELECT record_id FROM record_places WHERE state = ?))")
            params += [self.state, self.state]
        if self.place:
            # Spellings tried exactly (as given, Title Case, UPPER) so the name index serves them;
            # NOCASE would scan every place.
            variants = list(dict.fromkeys([self.place, self.place.title(), self.place.upper()]))
            clauses.append(f"r.id IN (SELECT record_id FROM record_places WHERE name IN"
                           f" ({', '.join('?' for _ in variants)}))")
            params += variants
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

    @property
    def selective(self) -> bool:
        """A place or state picks few records through its index; other filters keep many."""
        return bool(self.place or self.state)

    def active(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}

    def query_string(self, **extra: Any) -> str:
        items = {**self.active(), **{k: v for k, v in extra.items() if v is not None}}
        return urlencode(items)
