"""Files and folders to Documents: front matter, encodings, HTML, and clear refusals."""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator

from enforcement_tracker.errors import IngestError
from enforcement_tracker.ingest.files import read_bounded
from enforcement_tracker.ingest.frontmatter import split_front_matter
from enforcement_tracker.models import Document
from enforcement_tracker.settings import DEFAULT_MAX_DOCUMENT_BYTES

READABLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
# After UTF-8 (with or without BOM), the legacy encodings news archives actually use.
LEGACY_ENCODINGS = ("cp1252", "iso-8859-15", "mac_roman")
_NO_DATE = {"", "~", "unknown", "none", "null", "n/a", "na", "undated"}
# Control characters other than tab, newlines and form feed: what binary data is made of.
# Counted with C-speed calls (a regex over text, bytes.translate over bytes): a loop over every
# character was a tenth of a second of reading 600 reports, before any could be extracted.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 12, 13))
# dateparser is for "January 29, 2025"; a longer value is not a date and would only cost time.
MAX_DATE_CHARS = 64
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every readable file under the given files and folders, in a stable order."""
    for raw in paths:
        path = Path(raw)
        try:
            exists, is_dir = path.exists(), path.is_dir()
        except OSError as exc:  # a name too long for the file system, a path through a file
            raise IngestError(f"cannot be looked up ({exc.strerror or exc})", source=printable(str(raw)),
                              hint="check the path") from exc
        if not exists:
            if os.path.lexists(path):
                raise IngestError("is a symbolic link that loops or points nowhere", source=printable(str(raw)),
                                  hint="point the link at a real file")
            raise IngestError("no such file or folder", source=printable(str(raw)), hint="check the path")
        if is_dir:
            try:
                found = sorted(p for p in path.rglob("*")
                               if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES and not p.name.startswith(".")
                               and p.name.lower() != "readme.md")
            except OSError as exc:
                raise IngestError(f"folder could not be listed ({exc.strerror or exc})", source=printable(str(raw)),
                                  hint="check the folder's permissions") from exc
            if not found:
                raise IngestError("folder has nothing to read", source=str(raw),
                                  hint=f"put {', '.join(READABLE_SUFFIXES)} files in it")
            yield from found
        else:
            yield path


def read_document(path: str | Path, *, publisher: str | None = None, published: str | None = None,
                  display: str | None = None, max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> Document:
    """Read one file. Front matter gives metadata; arguments given here override it.

    Only a regular file of at most max_bytes is read; anything else is an IngestError naming it.
    The rest is what `document_from_text` / `document_from_html` (ingest/api.py) do with a body.
    """
    from enforcement_tracker.ingest.api import build_document, looks_like_html  # api reads this module

    path = Path(path)
    name = display or str(path)
    data = read_bounded(path, name, max_bytes)
    meta, body = split_front_matter(decode(data, name), name)
    if publisher is not None:
        meta["publisher"] = publisher
    if published is not None:
        meta["published"] = published
    return build_document(body, meta, name, path=name, html=looks_like_html(body, path.suffix))


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise IngestError("file is empty", source=name, hint="nothing to read; remove it or add the report's text")
    for encoding in _unicode_encodings(data[:4096]):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise IngestError(f"looks like {encoding.upper()} but does not decode as it (cut short or corrupt)",
                              source=name, hint="re-save it as UTF-8 (e.g. iconv -f utf-16 -t utf-8)") from None
        return check_text(text, name)
    if b"\x00" in data[:4096] or _control_share(data[:4096]) > 0.05:
        raise IngestError("looks like a binary file, not text", source=name,
                          hint="convert it to text or HTML first (e.g. pdftotext)")
    try:
        return check_text(data.decode("utf-8-sig"), name)
    except UnicodeDecodeError:
        pass
    for encoding in LEGACY_ENCODINGS[:1]:
        try:
            return check_text(data.decode(encoding), name)
        except UnicodeDecodeError:
            continue
    # Pasted together from UTF-8 and cp1252 pieces (a common archive accident): each piece as it was
    # written, as long as most of the file is UTF-8.
    text = data.decode("utf-8", "etrack-cp1252")
    if text.count("\ufffd") <= len(text) // 1000:
        return check_text(text, name)
    raise IngestError(f"is neither UTF-8 nor {', '.join(LEGACY_ENCODINGS[:1])}", source=name,
                      hint="re-save it as UTF-8 (e.g. iconv -f <encoding> -t utf-8)")


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 read as cp1252; its five holes as U+FFFD."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", "replace"), error.end


codecs.register_error("etrack-cp1252", _cp1252_bytes)


def _unicode_encodings(head: bytes) -> list[str]:
    """UTF-32 and UTF-16 by their byte-order mark, or UTF-16 without one by its pattern of NULs."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return ["utf-32"]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ["utf-16"]
    if len(head) >= 8:
        even, odd = head[0::2], head[1::2]
        # ASCII text in UTF-16: one byte of every pair is NUL, the other almost never.
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
            return ["utf-16-le"]
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
            return ["utf-16-be"]
    return []


def printable(name: str) -> str:
    """A file name fit for one error line: control characters (a newline in a name) escaped."""
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


def check_text(text: str, name: str) -> str:
    """Decoded text that a reader could use: NULs past the first 4 KiB and control bytes mean binary."""
    if "\x00" in text or _control_share_text(text) > 0.05:
        raise IngestError("looks like a binary file, not text", source=name,
                          hint="convert it to text or HTML first (e.g. pdftotext)")
    return text


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, _CONTROL_BYTES))) / len(data)


def _control_share_text(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL_CHARS.findall(text)) / len(text)


def parse_published(value: Any) -> str | None:
    """ISO date, or a partial 'YYYY-MM' / 'YYYY', or None for no date. ValueError if unreadable.

    A value with a time must be a real time too: `2025-01-01 25:00` or `+25:00` is refused, not cut.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100:
        return str(value)
    # Zero-width and direction marks (format characters) are invisible in an editor: not part of a date.
    text = "".join(c for c in str(value) if unicodedata.category(c) != "Cf").strip()
    if text.lower() in _NO_DATE:
        return None
    if len(text) > MAX_DATE_CHARS:
        raise ValueError(f"{len(text):,} characters is not a date")
    if re.fullmatch(r"\d{4}", text):
        _year(int(text))
        return text
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{_year(int(m.group(1))):04d}-{int(m.group(2)):02d}"
    m = _ISO_DAY.match(text)
    if m:
        day = date(_year(int(m.group(1))), int(m.group(2)), int(m.group(3)))
        if m.end() < len(text):
            # Python 3.11 reads every ISO 8601 time and offset; a wrong one raises ValueError.
            datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
        return day.isoformat()
    import dateparser  # costly import; only for unusual spellings

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    if parsed is None:
        raise ValueError(text)
    return parsed.date().isoformat()


def _year(year: int) -> int:
    """Years a report can be from; year 0 or 9999 is a typo, not a date."""
    if not 1800 <= year <= 2200:
        raise ValueError(f"year {year} is out of range")
    return year
