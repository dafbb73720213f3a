"""A record's fields said in words, for people: "1,200 arrests (exact) on 2025-01-26, nationwide"."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from enforcement_tracker.kinds import registry


class _KindTitles(Mapping[str, str]):
    """Page headings by kind, read from the registry on each lookup (a kind added later is seen)."""

    def __getitem__(self, kind: str) -> str:
        found = registry.find(kind)
        if found is None:
            raise KeyError(kind)
        return found.title

    def __iter__(self) -> Iterator[str]:
        return iter(registry.kind_names())

    def __len__(self) -> int:
        return len(registry.kind_names())


KIND_TITLES: Mapping[str, str] = _KindTitles()


def number(value: dict[str, Any] | None, share: bool = False) -> str:
    if not value:
        return "no number"
    q = value.get("qualifier")
    fmt = (lambda v: f"{v * 100:.0f}%") if share else (lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,}")
    if value.get("low") is not None or value.get("high") is not None:
        text = f"{fmt(value['low']) if value.get('low') is not None else '?'}–" \
               f"{fmt(value['high']) if value.get('high') is not None else '?'}"
    elif value.get("value") is not None:
        text = fmt(value["value"])
    else:
        text = "an unstated number"
    return f"{q.replace('_', ' ')} {text}" if q and q != "exact" else text


def when(value: Any) -> str:
    if not value:
        return "undated"
    if isinstance(value, str):
        return value
    if "start" in value or "end" in value:
        return f"{when(value.get('start'))} to {when(value.get('end'))}"
    if value.get("date") is None:
        return f"unresolved ({value.get('text') or 'no date'})"
    precision = value.get("precision")
    out = value["date"] + (f" (the {precision})" if precision and precision != "day" else "")
    return out + (f", {value['part_of_day']}" if value.get("part_of_day") else "")


def places(value: list[dict[str, Any]] | None, empty: str = "nationwide") -> str:
    if not value:
        return empty
    return "; ".join(f"{p.get('name')}" + (f", {p['state']}" if p.get("state") and p.get("kind") != "state" else "")
                     + (f" ({p['kind']})" if p.get("kind") and p.get("kind") != "city" else "") for p in value)


def agencies(value: list[dict[str, Any]] | None) -> str:
    """Codes as readers know them ("ICE", "CBP"); the catch-all codes in words ("other federal agencies")."""
    return ", ".join(_AGENCY_OVERRIDES.get(a["code"], a["code"]) + (f" (“{a['text']}”)" if a.get("text") else "")
                     for a in value or []) or "not named"


def per_words(per: str | None) -> str:
    """A rate's period: "a day", "a week"; said plainly when the report does not give it."""
    return f"a {per}" if per in ("day", "week", "month", "year") else (f"per {per}" if per else "(period not stated)")


def plain(text: str | None) -> str:
    """A stored label with the ledger's codes said in words ("per_field_office" -> "per field office")."""
    if not text:
        return ""
    out = re.sub(r"\b[A-Z]+(?:_[A-Z]+)+\b", lambda m: _AGENCY_OVERRIDES.get(m.group(0), m.group(0).replace("_", " ")), text)
    return re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", lambda m: m.group(0).replace("_", " "), out)


def person(value: dict[str, Any] | None) -> str:
    if not value:
        return "not named"
    return ", ".join(x for x in (value.get("name"), value.get("title")) if x) or "not named"


def fields_in_words(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, words) pairs, in the order a reader checks them (the kind says which)."""
    kind = registry.find(data.get("kind"))
    return kind.words(data) if kind else []


def row_where(row: dict[str, Any]) -> str:
    return row.get("places") or "nationwide"


def row_day(row: dict[str, Any]) -> str:
    return row.get("date_start") or row.get("published") or "undated"


def row_amount(row: dict[str, Any]) -> str:
    """A records row's count columns in words: "1,200", "1,200–1,500", "1,200+", or ""."""
    if row.get("count_low") is not None:
        return f"{row['count_low']:,.0f}–{row['count_high']:,.0f}" if row.get("count_high") is not None \
            else f"{row['count_low']:,.0f}+"
    if row.get("count_value") is not None:
        return f"{row['count_value']:,.0f}"
    return ""


def summary(row: dict[str, Any]) -> str:
    """One line from a records row (indexed columns only), for lists and feeds."""
    kind = registry.find(row.get("kind"))
    return kind.summary(row) if kind else str(row.get("kind") or "Record")


# --- plain words for the codes the ledger stores (no raw code reaches a page) ----------------

def status_words(status: str | None) -> str:
    """An operation's status for people: "under way", "called off", "status not reported"."""
    if not status or status == "unknown":
        return "status not reported"
    return status.replace("_", " ")


CATEGORY_WORDS = {
    "not_criminal": "not criminal", "no_record": "no criminal record", "convicted": "convicted of a crime",
    "charged": "charged with a crime", "convicted_or_charged": "convicted or charged",
    "final_order": "with a final removal order", "collateral": "collateral arrests",
}

SOURCE_KIND_WORDS = {
    "anonymous": "anonymous sources", "named": "named", "unnamed_official": "unnamed officials",
    "outlet": "news outlet", "agency": "agency", "document": "document",
}

# Where a code's plain name comes from other than the first phrase of normalize/data/agencies.json.
_AGENCY_OVERRIDES = {"FEDERAL_OTHER": "other federal agencies", "STATE_LOCAL": "state or local police",
                     "MILITARY": "the military"}


def agency_name(code: str | None) -> str:
    """An agency code in words: "ICE" -> "Immigration and Customs Enforcement (ICE)"."""
    if not code:
        return "not named"
    if code in _AGENCY_OVERRIDES:
        return _AGENCY_OVERRIDES[code]
    phrase = _agency_first_phrases().get(code)
    return f"{phrase} ({code})" if phrase and phrase != code else code


@lru_cache(maxsize=1)
def _agency_first_phrases() -> dict[str, str]:
    data = json.loads(resources.files("enforcement_tracker.normalize").joinpath("data/agencies.json").read_text("utf-8"))
    return {code: phrases[0] for code, phrases in data.items() if not code.startswith("_") and phrases}


def check_code_words(code: str | None) -> str:
    """A check's verdict code in words (analyze/verdict.py CODES is the one list)."""
    from enforcement_tracker.analyze.verdict import CODES

    return CODES.get(code or "", "not checked yet")


def agency_codes() -> list[str]:
    """Every agency code of the record contract, in the order of normalize/data/agencies.json."""
    return list(_agency_first_phrases())


# Review states (store/review.py STATES) for people: what a reader needs to weigh a record.
REVIEW_WORDS = {"machine": "machine reading, not yet reviewed", "reviewed": "reviewed by a person",
                "verified": "verified by two reviewers", "rejected": "rejected by a reviewer"}


# The filter bar's review choices: (the `review` value, its words); "reviewed or verified" first,
# what a reader who wants only what a person checked picks.
REVIEW_CHOICES = (("reviewed,verified", "reviewed or verified"), ("machine", "machine readings, not yet reviewed"),
                  ("reviewed", "reviewed"), ("verified", "verified"), ("rejected", "rejected"))


def review_words(state: str | None) -> str:
    """A record's review state in words ("reviewed by a person"); no state is the machine's reading."""
    return REVIEW_WORDS.get(state or "machine", str(state))
