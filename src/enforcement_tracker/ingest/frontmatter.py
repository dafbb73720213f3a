"""Front matter: the `key: value` lines between two leading `---` lines, read as plain strings.

Front matter is five short scalars, so the YAML reader is held to that. Every value stays a
string (no YAML dates, integers or tags, whose constructors raise on `2025-02-30` or a
5,000-digit number), anchors and aliases are refused before anything is built (a 700-byte
alias bomb expands to gigabytes), and the block, its nesting and its values are bounded.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from enforcement_tracker.errors import IngestError

# Only the base loader: every scalar a string, whatever it looks like. libyaml's when present.
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_CLOSE = re.compile(r"^---[ \t]*(?:\r?\n|\Z)", re.M)
MAX_FRONT_MATTER_CHARS = 16_384
MAX_EVENTS = 1_000
MAX_DEPTH = 4
MAX_VALUE_CHARS = 2_000
KEYS = ("publisher", "published", "date", "url", "title", "kind")
_HINT = "fix the lines between the two `---`"


def split_front_matter(raw: str, name: str) -> tuple[dict[str, Any], str]:
    """(metadata, body): YAML between leading `---` lines; the body starts right after the closing line."""
    opening = _OPEN.match(raw)
    if not opening:
        return {}, raw
    # An empty block closes on the line right after the opening one.
    closing = _CLOSE.search(raw, opening.end())
    if closing is None:
        return {}, raw  # a leading rule, not front matter: the file is all body, as before
    block = raw[opening.end():closing.start()]
    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise IngestError(f"front matter is {len(block):,} characters, more than {MAX_FRONT_MATTER_CHARS:,}",
                          source=name, hint="front matter holds a few `key: value` lines; move the rest to the body")
    meta = _load(block.rstrip("\r\n"), name)
    return meta, raw[closing.end():]


def _load(block: str, name: str) -> dict[str, Any]:
    try:
        _check_events(block, name)
        meta = yaml.load(block, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise IngestError(f"front matter is not valid YAML{where}", source=name, hint=_HINT) from exc
    if meta is None or meta == "":
        return {}
    if not isinstance(meta, dict):
        raise IngestError("front matter is not a set of `key: value` lines", source=name,
                          hint="write publisher:, published:, url:, title:, kind: lines")
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if not isinstance(key, str) or key not in KEYS:
            continue  # other keys are the writer's notes; they never reach the ledger
        if not isinstance(value, str):
            raise IngestError(f"front matter `{key}:` holds a {'list' if isinstance(value, list) else 'mapping'}, "
                              f"not one value", source=name, hint=f"write `{key}: <one value>` on one line")
        if len(value) > MAX_VALUE_CHARS:
            raise IngestError(f"front matter `{key}:` is {len(value):,} characters long, more than {MAX_VALUE_CHARS:,}",
                              source=name, hint=f"shorten `{key}:`")
        out[key] = value
    return out


def _check_events(block: str, name: str) -> None:
    """Refuse what could grow while it is built, before building it: aliases, deep nesting, bulk."""
    depth = 0
    for n, event in enumerate(yaml.parse(block, Loader=_LOADER)):
        if n > MAX_EVENTS:
            raise IngestError(f"front matter has more than {MAX_EVENTS:,} YAML items", source=name,
                              hint="front matter holds a few `key: value` lines")
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise IngestError("front matter uses YAML anchors or aliases (`&name`, `*name`)", source=name,
                              hint="write each value out in full")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise IngestError(f"front matter nests deeper than {MAX_DEPTH} levels", source=name,
                                  hint="write plain `key: value` lines")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
