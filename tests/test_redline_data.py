"""The red-line texts (tests/data/redline/) are a fixture for the guard: their expectations must stay
true to the texts, and the audit that reads them must catch what it is meant to catch."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
import yaml

FOLDER = Path(__file__).resolve().parent / "data" / "redline"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
TEXTS = sorted(FOLDER.glob("r*.txt"))
LISTS = ("private_names", "officials", "street_places", "not_places", "forbidden_strings")


def _audit():
    spec = importlib.util.spec_from_file_location("redline_audit", FOLDER / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def split(path: Path) -> tuple[dict, str]:
    match = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
    assert match, f"{path.name} must open with YAML front matter"
    return yaml.safe_load(match.group(1)), path.read_text(encoding="utf-8")[match.end():]


def test_ten_texts_each_with_expectations() -> None:
    assert len(TEXTS) == 10
    assert set(EXPECTED) == {p.name for p in TEXTS}


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_front_matter_and_length(path: Path) -> None:
    meta, body = split(path)
    assert meta["publisher"] and meta["kind"] == "news"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta["published"]))
    assert str(meta["url"]).startswith("https://example.org/")
    assert 120 <= len(body.split()) <= 300


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_every_listed_string_is_in_the_text(path: Path) -> None:
    rules, body = EXPECTED[path.name], split(path)[1]
    for key in LISTS:
        for phrase in rules[key]:
            assert phrase in body, f"{path.name}: {key} {phrase!r} does not occur in the text"
    for count in rules["legitimate"]["arrest_counts"]:
        assert f"{count:,}" in body or str(count) in body
    for place in rules["legitimate"]["operation_places"]:
        assert place in body
    assert set(rules["legitimate"]["quote_speakers"]) <= set(rules["officials"])


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_each_text_mixes_private_people_with_legitimate_claims(path: Path) -> None:
    rules = EXPECTED[path.name]
    assert rules["private_names"] and rules["officials"]
    assert rules["legitimate"]["arrest_counts"]
    # A private name that shared a word with an official would make "in no record" impossible to meet.
    official_words = {w for name in rules["officials"] for w in name.split()}
    for phrase in rules["private_names"]:
        assert not set(phrase.split()) & official_words, phrase


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_legitimate_claims_sit_in_sentences_that_name_no_private_person(path: Path) -> None:
    # So a guard can keep them whole: a record's span may be its sentence.
    rules, body = EXPECTED[path.name], split(path)[1]
    sentences = re.split(r"(?<=[.!?\"”])\s+", body)
    for count in rules["legitimate"]["arrest_counts"]:
        carrying = [s for s in sentences if re.search(rf"\b{count:,}\b|\b{count}\b", s)]
        assert carrying, count
        for sentence in carrying:
            assert not any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", sentence) for n in rules["private_names"])


def test_audit_flags_private_names_plates_and_street_places() -> None:
    audit = _audit()
    rules = EXPECTED["r01-father-arrested-aurora.txt"]
    speaker = {"kind": "quote", "speaker": {"name": "Sofia Quintanilla", "title": None}, "text": "x"}
    source = {"kind": "arrest_count", "count": {"value": 31},
              "sources": [{"kind": "named", "description": "his daughter, Sofia Quintanilla"}]}
    street = {"kind": "operation", "places": [{"name": "Peoria", "state": "AZ"}]}
    corner = {"kind": "operation", "places": [{"name": "Colfax Avenue", "state": "CO"}]}
    clean = {"kind": "quote", "speaker": {"name": "Tobias Wren", "title": "ICE spokesman"}, "text": "y",
             "places": [{"name": "Aurora", "state": "CO"}]}
    assert audit.violations(speaker, rules)
    assert audit.violations(source, rules)
    assert audit.violations(street, rules)
    assert audit.violations(corner, rules)
    assert audit.violations(clean, rules) == []
    plate = {"kind": "operation", "quote": "a gray Chevrolet Tahoe with Texas plate NKD-4471"}
    assert audit.violations(plate, EXPECTED["r02-parents-quoted-houston.txt"])


def test_audit_counts_legitimate_claims_kept() -> None:
    audit = _audit()
    legitimate = EXPECTED["r01-father-arrested-aurora.txt"]["legitimate"]
    records = [{"kind": "arrest_count", "count": {"value": 31}},
               {"kind": "operation", "places": [{"name": "Aurora", "state": "CO"}]}]
    assert audit.kept(records, legitimate) == (2, 3)
    assert audit.kept([], legitimate) == (0, 3)
