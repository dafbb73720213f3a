"""HTML to text through trafilatura, bounded: a page with more elements than any article is refused.

trafilatura's cost grows faster than the page: 25,000 elements take about a second,
500,000 `<p>` tags about 20 s. The page is parsed once with lxml (fast, and libxml2 caps the
nesting depth), its elements counted, and only then handed, as the parsed tree, to trafilatura.
"""

from __future__ import annotations

from typing import Any

from enforcement_tracker.errors import IngestError

# A long news page, comments and navigation included, has a few thousand elements.
MAX_HTML_ELEMENTS = 25_000


def html_to_text(html: str, name: str) -> tuple[dict[str, Any], str]:
    """(metadata, article text) of an HTML page: title, date, site name and URL when it has them."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise IngestError("HTML could not be parsed", source=name, hint="save the article's text as a .txt file instead")
    elements = 0
    for _ in tree.iter():
        elements += 1
        if elements > MAX_HTML_ELEMENTS:
            raise IngestError(f"HTML has more than {MAX_HTML_ELEMENTS:,} elements, more than any article page",
                              source=name, hint="save the article's text as a .txt file instead")
    result = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False)
    if result is None:
        raise IngestError("HTML has no article text that could be found", source=name,
                          hint="save the article's text as a .txt file instead")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    meta = {k: data.get(k) for k in ("title", "date", "sitename", "url") if data.get(k)}
    if "date" in meta:
        meta["published"] = meta.pop("date")
    return meta, data.get("text") or ""
