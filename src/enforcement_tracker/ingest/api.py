"""The public way into the pipeline: a text or an HTML page, with its metadata, to a Document.

Files, fetched pages, WARC records and Spark rows all come through these two functions, so a
document gets the same id, kind, date and refusals wherever it was read:

    >>> doc = document_from_text("Agents arrested 40 people in Chicago on Sunday.",
    ...                          publisher="Example Wire", published="2025-01-29")
    >>> doc.published, doc.kind
    ('2025-01-29', 'news')

`read_document(path)` is a thin wrapper: it reads and decodes the file, takes its front
matter as metadata, and hands the body to one of them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from enforcement_tracker.errors import IngestError
from enforcement_tracker.ingest.html import html_to_text
from enforcement_tracker.ingest.reader import check_text, decode, parse_published
from enforcement_tracker.models import Document
from enforcement_tracker.settings import max_document_bytes

DOCUMENT_KINDS = ("news", "release")
# Named in error lines when the caller gave no source (a string handed over in memory).
UNNAMED = "<text>"
_AGENCY_WORDS = re.compile(
    r"Immigration and Customs Enforcement|Department of|Customs and Border Protection|U\.S\. Attorney|"
    r"Homeland Security|Justice|\bICE\b|\bDHS\b|\bCBP\b|\bDOJ\b", re.I)
# An .html file with no tag at all is text that was given the wrong name: read it as text.
_TAG = re.compile(r"<[A-Za-z!/?]")


def document_from_text(text: str, *, publisher: str | None = None, published: str | date | None = None,
                       url: str | None = None, title: str | None = None, kind: str | None = None,
                       source: str | None = None, max_bytes: int | None = None) -> Document:
    """A Document of plain text; `source` (a path, a URL, `file.warc.gz#1234`) names it in errors
    and is kept as its provenance. An IngestError says what is wrong with a bad input."""
    name = source or UNNAMED
    _check_size(text, name, max_bytes)
    check_text(text, name)
    meta = _given(publisher=publisher, published=published, url=url, title=title, kind=kind)
    return build_document(text, meta, name, path=source)


def document_from_html(html: str | bytes, *, url: str | None = None, publisher: str | None = None,
                       published: str | date | None = None, title: str | None = None, kind: str | None = None,
                       source: str | None = None, encoding: str | None = None,
                       max_bytes: int | None = None) -> Document:
    """A Document of an HTML page's article text (trafilatura). The page's own title, date, site
    name and URL fill what the arguments leave out; arguments win. Bytes are decoded with
    `encoding` (an HTTP charset) when it works, else as a file would be (UTF-8, then cp1252)."""
    name = source or url or UNNAMED
    if isinstance(html, (bytes, bytearray)):
        _check_size(html, name, max_bytes)
        html = decode_bytes(bytes(html), name, encoding)
    else:
        _check_size(html, name, max_bytes)
    meta = _given(publisher=publisher, published=published, url=url, title=title, kind=kind)
    return _from_html_body(html, meta, name, path=source or url)


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> str:
    """Bytes to text: the declared encoding if it decodes cleanly, else the file reader's rules."""
    if encoding:
        try:
            return check_text(data.decode(encoding), name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset label is common on the web; guess as for a file
    return decode(data, name)


def looks_like_html(body: str, suffix: str = "") -> bool:
    """HTML by its name and a tag in it, or by its opening whatever its name."""
    return (suffix.lower() in (".html", ".htm") and _TAG.search(body) is not None) or \
        body.lstrip()[:15].lower().startswith(("<!doctype", "<html"))


def _from_html_body(html: str, meta: dict[str, Any], name: str, *, path: str | None) -> Document:
    html_meta, body = html_to_text(html, name)
    for key, value in html_meta.items():
        meta.setdefault(key, value)
    return build_document(body, meta, name, path=path)


def build_document(body: str, meta: dict[str, Any], name: str, *, path: str | None,
                   html: bool = False) -> Document:
    """The one place metadata becomes a Document: `meta` holds what was given (front matter,
    arguments, the page's own tags) as raw values; `published` is read here, `kind` checked here."""
    if html:
        return _from_html_body(body, meta, name, path=path)
    if not body.strip():
        raise IngestError("has no text after its front matter" if meta else "has no text", source=name,
                          hint="add the report's text")
    when = meta.get("published", meta.get("date"))
    try:
        published_iso = parse_published(when)
    except ValueError as exc:
        raise IngestError(f"publication date {_shown(when)} does not parse", source=name,
                          hint="write it as YYYY-MM-DD (or YYYY-MM, YYYY, or 'unknown')") from exc
    who = _text(meta.get("publisher")) or _text(meta.get("sitename"))
    kind = _text(meta.get("kind"))
    if kind is not None and kind not in DOCUMENT_KINDS:
        raise IngestError(f"kind {_shown(kind)} is not one of {', '.join(DOCUMENT_KINDS)}",
                          source=name, hint="write `kind: news` or `kind: release`, or leave it out")
    url = _text(meta.get("url"))
    return Document(text=body, publisher=who, published=published_iso, kind=kind or guess_kind(who, url),
                    title=_text(meta.get("title")), url=url, path=path)


def guess_kind(publisher: str | None, url: str | None) -> str:
    """A release when it comes from a .gov address or an agency; news otherwise."""
    if url and ".gov/" in url + "/":
        return "release"
    if publisher and _AGENCY_WORDS.search(publisher):
        return "release"
    return "news"


def _given(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _check_size(data: str | bytes, name: str, max_bytes: int | None) -> None:
    limit = max_document_bytes() if max_bytes is None else max_bytes
    # A character is at least one byte: only a long string needs its encoded size worked out.
    if len(data) > limit // 4:
        size = len(data) if isinstance(data, (bytes, bytearray)) else len(data.encode("utf-8", "surrogatepass"))
        if size > limit:
            raise IngestError(f"is {size:,} bytes, more than the document size limit of {limit:,}", source=name,
                              hint="split it into one document per report, or raise ETRACK_MAX_DOCUMENT_BYTES")


def _shown(value: Any, limit: int = 40) -> str:
    """A bad value quoted in an error line, cut short: the line must stay one line."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
