"""The codebook of claim kinds, written from the registry so that it cannot drift from the code."""

from __future__ import annotations

from enforcement_tracker.kinds.registry import all_kinds


def codebook_markdown() -> str:
    """A Markdown section per kind: its title, component name, finder, and each field's meaning."""
    parts = []
    for kind in all_kinds():
        head = f"## `{kind.name}`: {kind.title}\n\nComponent `{kind.component}`"
        head += f", found by `{kind.finder}`" if kind.finder else ""
        head += "; counted in the headline scores.\n" if kind.headline else ".\n"
        rows = "\n".join(f"| `{name}` | {meaning} |" for name, meaning in kind.fields)
        parts.append(f"{head}\n| field | meaning |\n| --- | --- |\n{rows}\n")
    return "\n".join(parts)
