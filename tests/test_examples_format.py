"""The examples/ texts are a test fixture: their front matter and expected records must stay usable."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXPECTED = EXAMPLES / "expected.jsonl"
TEXT_FILES = sorted(EXAMPLES.glob("*.txt"))
HTML_FILES = sorted(EXAMPLES.glob("*.html"))
KIND_FIELDS = {
    "arrest_count": {"count", "period", "places", "scope"},
    "criminality": {"category", "of_count"},
    "operation": {"places", "start", "end", "status", "name"},
    "target": {"count", "per", "scope"},
    "cadence": {"count", "unit", "per"},
    "quote": {"speaker", "text"},
}


def split_front_matter(text: str) -> tuple[dict, str]:
    """Front matter between the first two `---` lines; the body is everything after."""
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, "file must open with YAML front matter between --- lines"
    return yaml.safe_load(match.group(1)), text[match.end():]


class _MetaReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name")
            if key:
                self.meta[key] = attributes.get("content") or ""
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def expected_lines() -> list[dict]:
    return [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines() if line.strip()]


def body_of(path: Path) -> str:
    if path.suffix == ".html":
        return path.read_text(encoding="utf-8")
    return split_front_matter(path.read_text(encoding="utf-8"))[1]


def test_there_are_enough_examples() -> None:
    assert len(TEXT_FILES) + len(HTML_FILES) >= 12
    assert HTML_FILES, "one HTML page exercises HTML ingest"


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_front_matter_names_publisher_and_kind(path: Path) -> None:
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    assert meta["publisher"]
    assert meta["kind"] in ("news", "release")
    assert str(meta["url"]).startswith("https://example.org/")
    assert body.strip()
    published = meta.get("published")
    if published is not None:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(published))


@pytest.mark.parametrize("path", HTML_FILES, ids=lambda p: p.name)
def test_html_page_carries_site_name_and_date(path: Path) -> None:
    reader = _MetaReader()
    reader.feed(path.read_text(encoding="utf-8"))
    assert reader.title.strip()
    assert reader.meta.get("og:site_name")
    assert reader.meta.get("article:published_time", "").startswith("2025-")


def test_expected_covers_every_example_once() -> None:
    names = [line["file"] for line in expected_lines()]
    assert len(names) == len(set(names))
    assert set(names) == {p.name for p in TEXT_FILES + HTML_FILES}


@pytest.mark.parametrize("line", expected_lines(), ids=lambda line: line["file"])
def test_expected_records_are_well_formed(line: dict) -> None:
    path = EXAMPLES / line["file"]
    body = body_of(path)
    if path.suffix == ".txt":
        published = split_front_matter(path.read_text(encoding="utf-8"))[0].get("published")
        full_date = published is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(published))
        assert line["published"] == (str(published) if full_date else None)
    counts = {r["count"].get("value") for r in line["records"] if r["kind"] == "arrest_count"}
    for record in line["records"]:
        assert KIND_FIELDS[record["kind"]] <= set(record), record
        assert record["evidence"] in body, f"evidence not verbatim in {path.name}: {record['evidence']!r}"
        if record["kind"] == "criminality" and record["of_count"] is not None:
            # of_count must name a count stated in the same file
            assert record["of_count"] in counts, record
