"""Document text with record spans marked, escaped piece by piece so no text ever becomes markup."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    record_id: str
    kind: str
    label: str = ""


def highlight(text: str, spans: list[Span], *, focus: str | None = None, refs: bool = True) -> Markup:
    """Mark every span (overlaps split into pieces); after each span's end, a numbered link to its record."""
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    numbers = {s.record_id: i + 1 for i, s in enumerate(spans)}
    bounds = sorted({0, n} | {s.start for s in spans} | {s.end for s in spans})
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        piece = str(escape(text[a:b]))
        covering = [s for s in spans if s.start <= a and b <= s.end]
        if covering:
            ids = " ".join(s.record_id for s in covering)
            kinds = ", ".join(sorted({s.kind.replace("_", " ") for s in covering}))
            focused = focus is not None and any(s.record_id == focus for s in covering)
            first = focused and any(s.record_id == focus and s.start == a for s in covering)
            attrs = ' id="quote"' if first else ""
            out.append(f'<mark class="span{" focus" if focused else ""}"{attrs} data-records="{escape(ids)}"'
                       f' title="{escape(kinds)}">{piece}</mark>')
        else:
            out.append(piece)
        if refs:
            for s in spans:
                if s.end == b:
                    out.append(f'<sup class="ref"><a href="/records/{escape(s.record_id)}"'
                               f' title="{escape(s.label or s.kind)}">{numbers[s.record_id]}</a></sup>')
    return Markup("".join(out))
