"""What a claim kind is: one declaration that every layer of the pipeline reads.

A kind names its fields, says how a record of it reads in words (a line, a page's fields, a list
summary from the ledger's indexed columns), what two reports must share to be one claim
(reconcile), when two mentions in one document are one restatement (extraction's merge), when a
prediction stands for a gold record (evaluation, ANNOTATION.md) and which ledger columns it fills.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from enforcement_tracker import __version__
from enforcement_tracker.errors import TrackerError

Fields = dict[str, Any]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class KindError(TrackerError):
    """A claim kind is unknown, or its declaration is unusable."""

    code = "E700"


@dataclass(frozen=True)
class Kind:
    """One claim kind. The callables take a record's fields as a plain dict (the record contract:
    `kind`, the kind's fields, and for `describe`/`words` possibly `sources` too)."""

    name: str
    # Bumped whenever the rules that find or read this kind change, so every record says which
    # rules made it (`extractor`).
    version: int
    title: str  # a page heading: "Arrest count"
    fields: tuple[tuple[str, str], ...]  # (field, one line on what it holds), for docs and codebooks
    describe: Callable[[Fields], str]  # one line: what the record claims
    words: Callable[[Fields], list[tuple[str, str]]]  # (label, words) pairs for a record page
    summary: Callable[[Fields], str]  # one line from a ledger row's indexed columns only
    claim_key: Callable[[Fields], tuple]  # what reports must share to be the same claim
    same_claim: Callable[[Fields, Fields], bool]  # two mentions in one document, one restatement
    match: Callable[[Fields, Fields], bool]  # (gold, prediction): ANNOTATION.md's rule for the kind
    columns: Callable[[Fields], dict[str, Any]]  # the indexed ledger columns it fills
    headline: bool = False  # counted in the headline (micro) scores of an evaluation
    rank: int = 100  # where it sorts in tables, reports and CLI choices (then registration order)
    finder: str | None = None  # the extract module that finds it, "module:function"

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise KindError(f"claim kind name {self.name!r} is not a lower-case identifier",
                            hint="use letters, digits and underscores, e.g. 'arrest_count'")
        if not isinstance(self.version, int) or isinstance(self.version, bool) or self.version < 1:
            raise KindError(f"claim kind {self.name!r} has version {self.version!r}",
                            hint="a version is a whole number from 1 up")
        names = [f for f, _ in self.fields]
        if len(set(names)) != len(names):
            raise KindError(f"claim kind {self.name!r} declares a field twice ({', '.join(names)})",
                            hint="name each field once")

    @property
    def component(self) -> str:
        """The versioned component name, in spaCy's style: "etrack.arrest_count.v2"."""
        return f"etrack.{self.name}.v{self.version}"

    @property
    def extractor(self) -> str:
        """What a record of this kind carries in `extractor`: component and package version."""
        return f"{self.component}@{__version__}"

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f for f, _ in self.fields)
