"""Files and folders to Documents: front matter, encodings, HTML, and clear refusals."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from enforcement_tracker.errors import IngestError
from enforcement_tracker.models import Document

READABLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
# After UTF-8 (with or without BOM), the legacy encodings news archives actually use.
LEGACY_ENCODINGS = ("cp1252", "iso-8859-15", "mac_roman")
# libyaml's loader when the wheel has it: the pure-Python one costs more than the extraction.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_NO_DATE = {"", "unknown", "none", "null", "n/a", "na", "undated"}
_AGENCY_WORDS = re.compile(
    r"Immigration and Customs Enforcement|Department of|Customs and Border Protection|U\.S\. Attorney|"
    r"Homeland Security|Justice|\bICE\b|\bDHS\b|\bCBP\b|\bDOJ\b", re.I)


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every readable file under the given files and folders, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise IngestError("no such file or folder", source=str(raw), hint="check the path")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES and not p.name.startswith(".")
                           and p.name.lower() != "readme.md")
            if not found:
                raise IngestError("folder has nothing to read", source=str(raw),
                                  hint=f"put {', '.join(READABLE_SUFFIXES)} files in it")
            yield from found
        else:
            yield path


def read_document(path: str | Path, *, publisher: str | None = None, published: str | None = None,
                  display: str | None = None) -> Document:
    """Read one file. Front matter gives metadata; arguments given here override it."""
    path = Path(path)
    name = display or str(path)
    if not path.exists():
        raise IngestError("no such file", source=name, hint="check the path")
    if path.is_dir():
        raise IngestError("is a folder", source=name, hint="pass the folder to `etrack ingest`, or name a file")
    data = path.read_bytes()
    raw = decode(data, name)
    meta, body = split_front_matter(raw, name)
    if path.suffix.lower() in (".html", ".htm") or body.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        html_meta, body = _html_to_text(body, name)
        for key, value in html_meta.items():
            meta.setdefault(key, value)
    if not body.strip():
        raise IngestError("has no text after its front matter", source=name, hint="add the report's text")
    when = published if published is not None else meta.get("published", meta.get("date"))
    try:
        published_iso = parse_published(when)
    except ValueError as exc:
        raise IngestError(f"publication date {when!r} does not parse", source=name,
                          hint="write it as YYYY-MM-DD (or YYYY-MM, YYYY, or 'unknown')") from exc
    who = publisher or _text(meta.get("publisher")) or _text(meta.get("sitename"))
    return Document(
        text=body,
        publisher=who,
        published=published_iso,
        kind=_text(meta.get("kind")) or _guess_kind(who, _text(meta.get("url"))),
        title=_text(meta.get("title")),
        url=_text(meta.get("url")),
        path=name,
    )


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise IngestError("file is empty", source=name, hint="nothing to read; remove it or add the report's text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096] or _control_share(data[:4096]) > 0.05:
        raise IngestError("looks like a binary file, not text", source=name,
                          hint="convert it to text or HTML first (e.g. pdftotext)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in LEGACY_ENCODINGS[:1]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError(f"is neither UTF-8 nor {', '.join(LEGACY_ENCODINGS[:1])}", source=name,
                      hint="re-save it as UTF-8 (e.g. iconv -f <encoding> -t utf-8)")


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    bad = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(data)


def split_front_matter(raw: str, name: str) -> tuple[dict[str, Any], str]:
    """YAML between leading `---` lines; the body starts right after the closing line."""
    m = _FRONT_MATTER.match(raw)
    if not m:
        return {}, raw
    try:
        meta = yaml.load(m.group(1), Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" (line {line + 2})" if line is not None else ""
        raise IngestError(f"front matter is not valid YAML{where}", source=name,
                          hint="fix the lines between the two `---`") from exc
    if not isinstance(meta, dict):
        raise IngestError("front matter is not a set of `key: value` lines", source=name,
                          hint="write publisher:, published:, url:, title:, kind: lines")
    return meta, raw[m.end():]


def parse_published(value: Any) -> str | None:
    """ISO date, or a partial 'YYYY-MM' / 'YYYY', or None for no date. ValueError if unreadable."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and 1900 <= value <= 2100:
        return str(value)
    text = str(value).strip()
    if text.lower() in _NO_DATE:
        return None
    if re.fullmatch(r"\d{4}", text):
        return text
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    import dateparser  # costly import; only for unusual spellings

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    if parsed is None:
        raise ValueError(text)
    return parsed.date().isoformat()


def _html_to_text(html: str, name: str) -> tuple[dict[str, Any], str]:
    import trafilatura

    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if result is None:
        raise IngestError("HTML has no article text that could be found", source=name,
                          hint="save the article's text as a .txt file instead")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    meta = {k: data.get(k) for k in ("title", "date", "sitename", "url") if data.get(k)}
    if "date" in meta:
        meta["published"] = meta.pop("date")
    return meta, data.get("text") or ""


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _guess_kind(publisher: str | None, url: str | None) -> str:
    if url and ".gov/" in url + "/":
        return "release"
    if publisher and _AGENCY_WORDS.search(publisher):
        return "release"
    return "news"
