"""The codebook of claim kinds, written from the registry so that it cannot drift from the code:
as plain data (for a web page or the JSON API) and as Markdown."""

from __future__ import annotations

from typing import Any

from enforcement_tracker.kinds.registry import all_kinds


def codebook_data() -> list[dict[str, Any]]:
    """One entry per registered kind, in the registry's order: what it is, which component finds
    it, what an evaluation scores, whether `etrack check` holds it against official figures, and
    each field with its one-line meaning."""
    return [{"kind": kind.name, "title": kind.title, "component": kind.component, "finder": kind.finder,
             "headline": kind.headline, "scored_fields": list(kind.scored_fields), "checker": kind.checker,
             "fields": [{"field": name, "meaning": meaning} for name, meaning in kind.fields]}
            for kind in all_kinds()]


def codebook_markdown() -> str:
    """A Markdown section per kind, from `codebook_data`."""
    parts = []
    for entry in codebook_data():
        head = f"## `{entry['kind']}`: {entry['title']}\n\nComponent `{entry['component']}`"
        head += f", found by `{entry['finder']}`" if entry["finder"] else ""
        head += "; counted in the headline scores.\n" if entry["headline"] else ".\n"
        if entry["scored_fields"]:
            head += "\nScored on matched pairs by `etrack eval`: " + \
                ", ".join(f"`{name}`" for name in entry["scored_fields"]) + ".\n"
        if entry["checker"]:
            head += f"\nHeld against official figures by `etrack check` (`{entry['checker']}`).\n"
        rows = "\n".join(f"| `{f['field']}` | {f['meaning']} |" for f in entry["fields"])
        parts.append(f"{head}\n| field | meaning |\n| --- | --- |\n{rows}\n")
    return "\n".join(parts)
