"""One URL per article: what two links to the same story differ in is dropped."""

from __future__ import annotations

import pytest

from enforcement_tracker.fetch.canonical import canonical_url, declared_canonical, page_canonical


@pytest.mark.parametrize("url, expected", [
    ("https://News.Example/2025/a?utm_source=x&utm_medium=email", "https://news.example/2025/a"),
    ("https://news.example:443/a#comments", "https://news.example/a"),
    ("http://news.example:80/a", "http://news.example/a"),
    ("http://news.example:8080/a", "http://news.example:8080/a"),
    ("https://news.example/a?fbclid=abc&id=7&gclid=z", "https://news.example/a?id=7"),
    ("https://news.example/a?b=2&a=1", "https://news.example/a?a=1&b=2"),
    ("https://news.example", "https://news.example/"),
    ("https://news.example//a//b", "https://news.example/a/b"),
    ("https://news.example/a?mc_cid=1&mc_eid=2&ocid=3&smid=4", "https://news.example/a"),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_article_parameters_stay():
    assert canonical_url("https://news.example/story?id=123&page=2") == "https://news.example/story?id=123&page=2"


def test_same_site_rel_canonical_is_followed():
    page = '<html><head><link rel="canonical" href="/2025/02/story"></head><body></body></html>'
    assert declared_canonical(page, "https://www.news.example/amp/story") == "https://www.news.example/2025/02/story"
    assert page_canonical(page.encode(), "https://news.example/amp/story?utm_source=x") == \
        "https://news.example/2025/02/story"


def test_attribute_order_and_quotes_do_not_matter():
    page = "<head><LINK href='https://news.example/s' REL='canonical'></head>"
    assert declared_canonical(page, "https://news.example/amp/s") == "https://news.example/s"


@pytest.mark.parametrize("href", ["https://wire.example/original", "javascript:alert(1)", "ftp://news.example/a"])
def test_a_canonical_elsewhere_is_not_followed(href):
    """A local paper's copy pointing at the wire's page is a copy, not the wire's revision."""
    page = f'<head><link rel="canonical" href="{href}"></head>'
    assert declared_canonical(page, "https://news.example/local-copy") is None
    assert page_canonical(page, "https://news.example/local-copy") == "https://news.example/local-copy"


def test_other_link_rels_are_not_canonical():
    page = '<head><link rel="alternate" href="/feed.xml"><link rel="stylesheet" href="/s.css"></head>'
    assert declared_canonical(page, "https://news.example/a") is None
