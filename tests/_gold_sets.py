"""Shared by the format tests of our gold sets (blind, blind2): reading a text and a gold file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

# The fields a gold record of each kind must carry (ANNOTATION.md).
KIND_FIELDS = {
    "arrest_count": {"count", "period", "places", "scope"},
    "criminality": {"category", "of_count"},
    "operation": {"places", "start", "end", "status", "name"},
    "target": {"count", "per", "scope"},
    "cadence": {"count", "unit", "per"},
    "quote": {"speaker", "text"},
}


def gold_lines(gold: Path) -> list[dict]:
    return [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]


def split(path: Path) -> tuple[dict, str]:
    """A text's front matter and body; the text must open with front matter."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, f"{path.name} must open with YAML front matter"
    return yaml.safe_load(match.group(1)), text[match.end():]
