"""Shared by the format tests of our gold sets (blind, blind2, blind3, blind4, blind5): reading a text and a gold file,
and the checks every gold line must pass."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

# The fields a gold record of each kind must carry (ANNOTATION.md).
KIND_FIELDS = {
    "arrest_count": {"count", "period", "places", "scope"},
    "criminality": {"category", "of_count"},
    "operation": {"places", "start", "end", "status", "name"},
    "target": {"count", "per", "scope"},
    "cadence": {"count", "unit", "per"},
    "quote": {"speaker", "text"},
}


def gold_lines(gold: Path) -> list[dict]:
    return [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]


def home_states(gold: Path) -> set[str]:
    """The state of the first place coded in each text of a gold file: where each story is set."""
    states = set()
    for line in gold_lines(gold):
        places = [place for record in line["records"] for place in record.get("places", [])]
        if places and places[0]["state"]:
            states.add(places[0]["state"])
    return states


def split(path: Path) -> tuple[dict, str]:
    """A text's front matter and body; the text must open with front matter."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, f"{path.name} must open with YAML front matter"
    return yaml.safe_load(match.group(1)), text[match.end():]


STATUSES = {"planned", "under_way", "ended", "called_off", "unknown"}
QUALIFIERS = {"exact", "about", "nearly", "at_least", "more_than", "fewer_than", "up_to"}
CATEGORIES = {
    "not_criminal", "no_record", "collateral", "convicted", "charged", "convicted_or_charged",
    "final_order", "gang_member", "other",
}
DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")


def _number_ok(number: dict) -> bool:
    return number["qualifier"] in QUALIFIERS and (("value" in number) or (
        "low" in number and "high" in number and number["low"] < number["high"]))


def _share_ok(share: dict) -> bool:
    """A share, one value or a range ("60 to 70 percent"), within (0, 1]."""
    low, high = (share["value"], share["value"]) if "value" in share else (share["low"], share["high"])
    return _number_ok(share) and 0 < low and high <= 1


def check_gold_line(line: dict, meta: dict, body: str) -> None:
    """A gold line as ANNOTATION.md codes it: fields per kind, evidence and quotes verbatim, numbers,
    categories, statuses and dates well formed and consistent with the publication date."""
    published = str(meta.get("published"))
    assert line["published"] == (published if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) else None)
    counts = {r["count"].get("value") for r in line["records"] if r["kind"] == "arrest_count"}
    quotes = [r for r in line["records"] if r["kind"] == "quote"]
    assert len(quotes) <= 3, "only the first three quotations of a text are coded"
    for record in line["records"]:
        assert KIND_FIELDS[record["kind"]] <= set(record), record
        assert record.get("ambiguous", True) is True, "ambiguous is either true or absent"
        assert record["evidence"] in body, f"evidence not verbatim: {record['evidence']!r}"
        for place in record.get("places", []):
            assert place["state"] is None or re.fullmatch(r"[A-Z]{2}", place["state"]), record
        if record["kind"] in {"arrest_count", "target"}:
            assert _number_ok(record["count"]), record
        if record["kind"] == "quote":
            assert record["text"] in body, f"quoted text not verbatim: {record['text']!r}"
            assert record["speaker"] in body, f"speaker not named in the body: {record['speaker']!r}"
        if record["kind"] == "criminality":
            assert record["category"] in CATEGORIES, record
            assert ("count" in record) != ("share" in record), record
            if record.get("count") is not None:
                assert _number_ok(record["count"]), record
            if "share" in record:
                assert _share_ok(record["share"]), record
            if record["of_count"] is not None:
                assert record["of_count"] in counts, record
        if record["kind"] == "operation":
            assert record["status"] in STATUSES, record
            for end in ("start", "end"):
                assert record[end] is None or DATE.fullmatch(record[end]), record
            if record["start"] and record["end"]:
                assert record["start"] <= record["end"], record
            if record["status"] == "ended" and record["end"] and line["published"]:
                assert record["end"] <= line["published"], record
            if record["status"] == "planned" and record["start"] and line["published"]:
                assert record["start"] > line["published"], record
        if record["kind"] == "arrest_count" and record["period"] and "start" in record["period"]:
            start, end = record["period"]["start"], record["period"]["end"]
            assert start or end, record
            assert not (start and end) or start <= end, record


def check_news_report(path: Path, words: tuple[int, int], *, invented_outlet: bool = True) -> None:
    """One text of a news set: front matter of a news report at an example.org address (from an
    invented "Example ..." outlet, unless the set predates that rule) and a body of `words` words."""
    meta, body = split(path)
    assert meta["kind"] == "news"
    assert str(meta["url"]).startswith("https://example.org/")
    if invented_outlet:
        assert str(meta["publisher"]).startswith("Example ")
    assert words[0] <= len(body.split()) <= words[1]


def check_federal_release(path: Path, words: tuple[int, int], publishers: tuple[str, ...]) -> None:
    """A short federal release of ours: an example.org URL, an agency as publisher, its length, and a
    dateline that opens its first paragraph."""
    meta, body = split(path)
    assert str(meta["url"]).startswith("https://example.org/")
    assert str(meta["publisher"]).startswith(publishers)
    assert words[0] <= len(body.split()) <= words[1]
    assert " — " in body.split("\n\n")[1], "a release opens its first paragraph with a dateline"


def outlets_of_none_before(texts: list[Path], earlier_sets: tuple[Path, ...], which: str) -> set[str]:
    """The publishers of a set's texts, checked against every earlier set's: none may come again."""
    publishers = {split(path)[0]["publisher"] for path in texts}
    for earlier in earlier_sets:
        used = {split(path)[0]["publisher"] for path in earlier.glob("*.txt")}
        assert not publishers & used, f"{which} must not reuse an outlet of {earlier.name}/"
    return publishers


def check_codes_every_text_once(lines: list[dict], texts: list[Path]) -> None:
    assert sorted(line["file"] for line in lines) == [path.name for path in texts]


def set_years(texts: list[Path]) -> set[str]:
    """The publication years of a set's texts."""
    return {str(split(path)[0]["published"])[:4] for path in texts}


def check_periods_close_by_report(line: dict) -> None:
    """Every dated arrest count of the line ends by the day of the report (or is open)."""
    for record in line["records"]:
        if record["kind"] == "arrest_count" and record["period"] and "start" in record["period"]:
            assert not record["period"]["end"] or record["period"]["end"] <= line["published"], record


def coded_place_names(lines: list[dict]) -> set[str]:
    """Every place name a gold file codes, casefolded."""
    return {place["name"].casefold() for line in lines for record in line["records"]
            for place in record.get("places", [])}


def check_places_none_before(lines: list[dict], earlier_sets, at_least: int) -> None:
    """At least `at_least` coded place names, none coded by an earlier set."""
    ours = coded_place_names(lines)
    assert len(ours) >= at_least
    for earlier in earlier_sets:
        shared = ours & coded_place_names(gold_lines(earlier / "gold.jsonl"))
        assert not shared, f"{earlier.name}/ already codes {sorted(shared)}: choose other places"


def check_kind_minimums(lines: list[dict], minimum: dict[str, int], total: int) -> None:
    kinds = [record["kind"] for line in lines for record in line["records"]]
    for kind, count in minimum.items():
        assert kinds.count(kind) >= count, kind
    assert len(kinds) >= total


def check_no_private_names(gold: Path, texts: list[Path], names) -> None:
    """Each private name is in some text, and no part of it (a first name, any part of a surname) in the gold."""
    coded = gold.read_text(encoding="utf-8")
    bodies = " ".join(split(path)[1] for path in texts)
    for name in names:
        assert name in bodies, f"{name} is not in any text"
        for part in re.split(r"[\s-]+", name):
            assert not re.search(rf"\b{re.escape(part)}\b", coded), f"a gold record names the private person {name}"


TARGET_SCOPES = frozenset({"nationwide", "per_field_office", "place"})


def check_records_agree_with_their_kinds(line: dict) -> None:
    """What ANNOTATION.md asks of each kind, record by record: an operation under way has no end and began by
    the report; a target has a scope and a rate; a quote's evidence is its text, with no trailing comma."""
    for record in line["records"]:
        if record["kind"] == "operation" and record["status"] == "under_way":
            assert record["end"] is None and record["start"] <= line["published"], record
        if record["kind"] == "target":
            assert record["scope"] in TARGET_SCOPES and record["per"] in {"day", "week", "month", "year"}, record
        if record["kind"] == "quote":
            assert record["evidence"] == record["text"], record
            assert not record["text"].endswith(","), "a quote's text drops its trailing comma"


def check_criminality_bases(lines: list[dict]) -> None:
    """A criminality count qualifies a count of its own text, and is no bigger than it."""
    for line in lines:
        counts = {r["count"]["value"] for r in line["records"] if r["kind"] == "arrest_count"}
        for record in line["records"]:
            if record["kind"] == "criminality" and record["of_count"] is not None and record.get("count"):
                assert record["count"]["value"] <= record["of_count"] and record["of_count"] in counts, record


# The publishers a federal release of a blind set may carry.
FEDERAL_PUBLISHERS = (
    "U.S. Immigration and Customs Enforcement", "U.S. Customs and Border Protection",
    "U.S. Department of Homeland Security", "U.S. Department of Justice",
)


def texts_by_kind(folder: Path) -> tuple[list[Path], list[Path], list[Path]]:
    """A set's texts, its news reports and its federal releases (by the `kind` of their front matter)."""
    texts = sorted(folder.glob("*.txt"))
    return (texts, [p for p in texts if split(p)[0]["kind"] == "news"],
            [p for p in texts if split(p)[0]["kind"] == "release"])


def line_of(gold: Path, stem: str) -> dict:
    """The gold line of the text whose file name starts with `stem`."""
    return next(line for line in gold_lines(gold) if line["file"].startswith(stem))


def records_of(gold: Path, stem: str, kind: str) -> list[dict]:
    return [r for r in line_of(gold, stem)["records"] if r["kind"] == kind]


def body_of(texts: list[Path], stem: str) -> str:
    return split(next(path for path in texts if path.name.startswith(stem)))[1]
