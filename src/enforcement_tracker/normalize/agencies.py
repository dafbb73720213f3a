"""Agency names as written, mapped to the contract's codes (the word list is data/agencies.json)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def agency_table() -> list[tuple[str, str]]:
    """(phrase, code), longest phrase first so "ICE ERO" wins over "ICE"."""
    data = json.loads(resources.files("enforcement_tracker.normalize").joinpath("data/agencies.json").read_text("utf-8"))
    pairs = [(phrase, code) for code, phrases in data.items() if not code.startswith("_") for phrase in phrases]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    # Acronyms match only in capitals ("ICE", not "ice"); names match in any case.
    alternatives = [re.escape(p) if p.isupper() else f"(?i:{re.escape(p)})" for p, _ in agency_table()]
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])")


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    return {phrase.lower(): code for phrase, code in agency_table()}


def find_agencies(text: str) -> list[dict[str, Any]]:
    """Agencies named in text, each once: [{"code": "ICE", "text": "Immigration and Customs Enforcement"}]."""
    lookup = _lookup()
    seen: dict[str, dict[str, Any]] = {}
    for m in _pattern().finditer(text):
        code = lookup[m.group(0).lower()]
        seen.setdefault(code, {"code": code, "text": m.group(0)})
    # ERO and HSI are parts of ICE: a filter on ICE should find their work too.
    sub = next((a for c, a in seen.items() if c.startswith("ICE-")), None)
    if sub is not None and "ICE" not in seen:
        seen["ICE"] = {"code": "ICE", "text": sub["text"]}
    return list(seen.values())


def agency_phrases() -> list[str]:
    """Surface forms for the name ruler."""
    return [phrase for phrase, _ in agency_table()]
