"""What a claim kind is: one declaration that every layer of the pipeline reads.

A kind names its fields, says how a record of it reads in words (a line, a page's fields, a list
summary from the ledger's indexed columns), what two reports must share to be one claim
(reconcile), when two mentions in one document are one restatement (extraction's merge), when a
prediction stands for a gold record (evaluation, ANNOTATION.md), which fields an evaluation scores
and how its listing shows a record, which ledger columns it fills, what tells two of its records
on one span apart (record ids), whether its claims are held against official data, where it stands
in the demo's summary, and a made-up example of it for synthetic ledgers.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from enforcement_tracker import __version__
from enforcement_tracker.errors import TrackerError

Fields = dict[str, Any]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _number_core(value: Any) -> str:
    """A number as its figures only ("1200", "1200-1500"): a newer reading of its qualifier
    ("about", "nearly") is the same number."""
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    return "-".join(str(value[k]) for k in ("value", "low", "high") if value.get(k) is not None)


def number_discriminator(fields: Fields) -> str:
    """What tells two claims of one kind in one sentence apart (a count and its share, two
    categories): the numbers and the category, the parts a newer extractor reads as the same
    figures. Record ids are made from it (record_ids.py), so a kind that changes its
    discriminator changes the id of every record of it; nothing read less surely (places,
    dates, qualifiers, speakers, sources) is in it."""
    return "|".join((str(fields.get("category") or ""), _number_core(fields.get("count")),
                     _number_core(fields.get("share"))))


def place_name_discriminator(fields: Fields) -> str:
    """Two claims without a number in one sentence (operations in two cities) are told apart by
    their places' names, not by how the gazetteer resolved them."""
    return "|".join(sorted({str(p.get("name") or "").lower() for p in fields.get("places") or []
                            if isinstance(p, dict)}))


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
    # The fields `etrack eval` compares on matched pairs, beyond what `match` already requires to be
    # equal, in the order its field table lists them (names from evaluate.fields.FIELDS).
    scored_fields: tuple[str, ...] = ()
    # The analyze function that holds a claim of this kind against official figures,
    # "module:function" taking (connection, Claim) and returning (figures, why unchecked); None:
    # `etrack check` leaves the kind alone.
    checker: str | None = None
    # Part of a record id (record_ids.py): two records of this kind in one sentence with different
    # discriminators are two claims. Takes the record's fields.
    discriminator: Callable[[Fields], str] = number_discriminator
    # Where the kind comes in the demo's summary of the example reports (lowest first); None: not
    # shown there.
    summary_order: int | None = None
    # A contract record's fields as an evaluation's gold shape names them, given the document's
    # records by id (criminality's `of`, a record id, becomes gold's `of_count`, that count's value);
    # the fields it returns are added to the prediction. None: the contract shape is gold's shape.
    gold_fields: Callable[[Fields, Mapping[str, Fields]], Fields] | None = None
    # The parts, after the kind's name, of one line on a gold record or prediction in an
    # evaluation's listing of misses ("1200", "period 2025-01-26", "Chicago IL"). None: the
    # parts every kind may have (a period, places, a partial scope).
    listing: Callable[[Fields], list[str]] | None = None
    # A made-up sentence of this kind for synthetic ledgers (tests, benchmarks), from one
    # kinds.examples.Draw: (sentence, fields, sources). None: synthetic ledgers cannot hold it.
    example: Callable[[Any], tuple[str, Fields, list[Any]]] | None = None

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
        blank = [f for f, meaning in self.fields if not meaning.strip()]
        if blank:
            raise KindError(f"claim kind {self.name!r} gives no meaning for {', '.join(blank)}",
                            hint="say in one line what each field holds: the codebook prints it")
        if len(set(self.scored_fields)) != len(self.scored_fields):
            raise KindError(f"claim kind {self.name!r} scores a field twice ({', '.join(self.scored_fields)})",
                            hint="name each scored field once")
        for slot, value in (("finder", self.finder), ("checker", self.checker)):
            if value is not None and not re.match(r"^[\w.]+:\w+$", value):
                raise KindError(f"claim kind {self.name!r} has {slot} {value!r}",
                                hint='write "package.module:function"')

    @property
    def component(self) -> str:
        """The versioned component name, in spaCy's style: "etrack.arrest_count.v4"."""
        return f"etrack.{self.name}.v{self.version}"

    @property
    def extractor(self) -> str:
        """What a record of this kind carries in `extractor`: component and package version."""
        return f"{self.component}@{__version__}"

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f for f, _ in self.fields)

    @property
    def checked_against_official(self) -> bool:
        return self.checker is not None

    def check_function(self) -> Callable[..., Any]:
        """The checker, imported when first asked for: analyze imports the layers that read kinds."""
        if self.checker is None:
            raise KindError(f"claim kind {self.name!r} is not checked against official data",
                            hint="give it a checker, \"module:function\", or leave it out of `etrack check`")
        module, _, function = self.checker.partition(":")
        return getattr(importlib.import_module(module), function)
