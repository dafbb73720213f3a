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
    alternatives = []
    for phrase, _ in agency_table():
        escaped = re.escape(phrase)
        # Acronyms must match in capitals; phrases match in any case.
        flags = "" if phrase.isupper() else "(?i:" 
        alternatives.append(f"{flags}{escaped})" if flags else escaped)
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])")


def find_agencies(text: str) -> list[dict[str, Any]]:
    """Agencies named in text, each once: [{"code": "ICE", "text": "Immigration and Customs Enforcement"}]."""
    lookup = {phrase.lower(): code for phrase, code in agency_table()}
    seen: dict[str, dict[str, Any]] = {}
    for m in _pattern().finditer(text):
        code = lookup[m.group(0).lower()]
        seen.setdefault(code, {"code": code, "text": m.group(0)})
    # A named sub-office implies its parent: ICE-ERO work is ICE work.
    if any(c.startswith("ICE-") for c in seen) and "ICE" not in seen:
        pass
    return list(seen.values())


def agency_phrases() -> list[str]:
    """Surface forms for the entity ruler."""
    return [phrase for phrase, _ in agency_table()]
