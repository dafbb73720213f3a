"""The public document API: text and HTML to Documents, and Documents and Extractions to dicts and back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from enforcement_tracker.errors import IngestError
from enforcement_tracker.extract import extract_document
from enforcement_tracker.ingest import document_from_html, document_from_text, read_document
from enforcement_tracker.models import Document, Extraction, document_id

CLAIM = "ICE agents arrested 40 people in Chicago on Sunday, a spokesperson for the agency said on Monday.\n"
PAGE = """<html><head><title>Agents arrest 40 in Chicago</title>
<meta property="og:site_name" content="Example Lakeshore Wire"><meta name="date" content="2025-01-27"></head>
<body><article><h1>Agents arrest 40 in Chicago</h1>
<p>ICE agents arrested 40 people in Chicago on Sunday, a spokesperson for the agency said on Monday.</p>
<p>The mayor said the arrests had frightened families in several neighborhoods across the city.</p>
</article></body></html>"""


def test_text_with_its_metadata_is_a_document_named_by_its_text():
    doc = document_from_text(CLAIM, publisher="Example Wire", published="2025-01-29", url="https://example.org/a",
                             title="Forty arrested", source="feed:example#3")
    assert doc.id == document_id(CLAIM)
    assert (doc.publisher, doc.published, doc.kind, doc.title, doc.url, doc.path) == (
        "Example Wire", "2025-01-29", "news", "Forty arrested", "https://example.org/a", "feed:example#3")
    # The same words with other metadata are the same text, so the same id.
    assert document_from_text(CLAIM, publisher="Example Other").id == doc.id


def test_kind_is_guessed_from_the_address_or_the_publisher_unless_given():
    assert document_from_text(CLAIM, url="https://www.ice.gov/news/releases/x").kind == "release"
    assert document_from_text(CLAIM, publisher="U.S. Immigration and Customs Enforcement").kind == "release"
    assert document_from_text(CLAIM, publisher="Example Wire").kind == "news"
    assert document_from_text(CLAIM, url="https://www.ice.gov/x", kind="news").kind == "news"


def test_a_file_and_its_text_give_the_same_document(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(f"---\npublisher: Example Wire\npublished: January 29, 2025\nkind: release\n---\n{CLAIM}",
                 encoding="utf-8")
    from_file = read_document(f)
    from_text = document_from_text(CLAIM, publisher="Example Wire", published="January 29, 2025", kind="release",
                                   source=str(f))
    assert from_file == from_text


def test_html_metadata_fills_what_the_arguments_leave_out(tmp_path: Path):
    doc = document_from_html(PAGE, url="https://example.org/chicago")
    assert "arrested 40 people" in doc.text and "<p>" not in doc.text
    assert (doc.title, doc.publisher, doc.published) == ("Agents arrest 40 in Chicago", "Example Lakeshore Wire",
                                                         "2025-01-27")
    assert doc.url == "https://example.org/chicago" and doc.path == "https://example.org/chicago"
    given = document_from_html(PAGE, publisher="Example Given", published="2025-01-28", title="Given title")
    assert (given.publisher, given.published, given.title) == ("Example Given", "2025-01-28", "Given title")
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    assert read_document(f) == document_from_html(PAGE, source=str(f))


def test_html_bytes_are_decoded_by_their_charset_or_guessed():
    page = PAGE.replace("Chicago on Sunday", "Chicago on Sunday \u2014 in Pilsen caf\u00e9s \u2014")
    doc = document_from_html(page.encode("cp1252"), encoding="windows-1252", source="x.warc.gz#120")
    assert "caf\u00e9s \u2014" in doc.text and doc.path == "x.warc.gz#120"
    assert document_from_html(page.encode("utf-8"), encoding="no-such-charset").text == doc.text
    assert document_from_html(page.encode("cp1252")).text == doc.text


@pytest.mark.parametrize("call,words", [
    (lambda: document_from_text("  \n", source="row 7"), "row 7: has no text"),
    (lambda: document_from_text(CLAIM, published="not a date", source="row 8"), "row 8: publication date"),
    (lambda: document_from_text(CLAIM, kind="blog", source="row 9"), "row 9: kind 'blog' is not one of news, release"),
    (lambda: document_from_text("\x00\x01\x02" * 50, source="row 10"), "row 10: looks like a binary file"),
    (lambda: document_from_text(CLAIM * 100, max_bytes=1000, source="row 11"), "more than the document size limit"),
    (lambda: document_from_html(b"<html>" + b"<p>" * 30_000 + b"</html>", source="row 12"), "row 12: HTML has more"),
    (lambda: document_from_text(""), "<text>: has no text"),
])
def test_bad_input_is_one_error_that_names_it(call, words):
    with pytest.raises(IngestError) as err:
        call()
    assert words in str(err.value) and "\n" not in str(err.value)


def test_a_document_round_trips_through_its_dict_and_json():
    doc = document_from_text(CLAIM, publisher="Example Wire", published="2025-01", title="T", source="a.txt")
    doc.syndicated_from = "Example Origin"
    assert Document.from_dict(json.loads(json.dumps(doc.to_dict(text=True)))) == doc
    # The contract's object alone (no text) keeps the id and the metadata.
    bare = Document.from_dict(doc.to_dict())
    assert bare.id == doc.id and bare.text == "" and bare.to_dict() == doc.to_dict()
    assert set(doc.to_dict()) == {"id", "publisher", "published", "kind", "title", "url", "syndicated_from"}


def test_a_document_whose_text_was_changed_is_refused():
    data = document_from_text(CLAIM).to_dict(text=True)
    data["text"] = data["text"].replace("40", "400")
    with pytest.raises(IngestError, match="does not hash to its id"):
        Document.from_dict(data)
    with pytest.raises(IngestError, match="neither text nor id"):
        Document.from_dict({"publisher": "Example Wire"})


def test_an_extraction_round_trips_with_its_records_sources_and_refusals(repo_root: Path):
    extraction = extract_document(read_document(repo_root / "examples" / "01-chicago-surge-begins.txt"))
    assert extraction.records, "the example must carry records for this test to mean anything"
    extraction.refused = {"private_person": 2}
    data = json.loads(json.dumps(extraction.to_dict(complete=True)))
    again = Extraction.from_dict(data)
    assert again == extraction
    assert [r.to_dict() for r in again.records] == [r.to_dict() for r in extraction.records]
    # What `etrack extract --json` prints stays the contract: no text, no refusal counts.
    contract = extraction.to_dict()
    assert set(contract) == {"document", "records"} and "text" not in contract["document"]
    assert Extraction.from_dict(contract).records == extraction.records


# -- the batch call: each document returns its records or its error ----------------------------

def _reports(n: int) -> list[Document]:
    return [document_from_text(f"ICE agents arrested {10 + i} people in Chicago on Sunday, officials said.",
                               published="2025-01-29", source=f"doc-{i}") for i in range(n)]


def test_one_failing_document_fails_only_itself(monkeypatch):
    from enforcement_tracker import extract

    documents = _reports(3)
    expected = [extract_document(d) for d in _reports(3)]
    real = extract.records_from_sentences

    def breaks_on_the_second(document, sentences, name):
        if document.path == "doc-1":
            raise KeyError("a bug this document meets")
        return real(document, sentences, name)

    monkeypatch.setattr(extract, "records_from_sentences", breaks_on_the_second)
    outcomes = list(extract.extract_each(documents))
    assert [o.document.path for o in outcomes] == ["doc-0", "doc-1", "doc-2"]
    assert outcomes[1].extraction is None
    assert "doc-1: extraction failed (KeyError" in str(outcomes[1].error)
    for i in (0, 2):
        assert outcomes[i].error is None
        assert [r.to_dict() for r in outcomes[i].extraction.records] == [r.to_dict() for r in expected[i].records]


def test_a_missing_model_is_the_call_s_error_not_each_document_s():
    from enforcement_tracker.errors import ExtractError
    from enforcement_tracker.extract import extract_each
    from enforcement_tracker.settings import ExtractSettings

    with pytest.raises(ExtractError):
        list(extract_each(_reports(2), ExtractSettings(model="no_such_model_installed")))


def test_library_callers_get_one_process_unless_they_ask_for_a_pool(monkeypatch):
    import multiprocessing

    from enforcement_tracker import extract
    from enforcement_tracker.settings import ExtractSettings

    documents = [document_from_text(f"Note {i}: the council met on Tuesday about the budget.") for i in range(250)]
    pools = []
    real = multiprocessing.get_context

    def counting(method=None):
        pools.append(method)
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", counting)
    assert len(list(extract.extract_each(documents))) == 250
    assert len(list(extract.extract_documents(documents))) == 250
    assert pools == []
    assert len(list(extract.extract_each(documents, ExtractSettings(processes=2)))) == 250
    assert pools == ["fork"]
