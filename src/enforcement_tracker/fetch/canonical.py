"""One URL per article: tracking parameters stripped, host and scheme lower-cased, default port
and fragment dropped, and the page's own rel=canonical followed when it stays on the same site.

A canonical link to another site is not followed: a local paper's copy of a wire story often
names the wire's page as canonical, and that copy is a document of its own (copies.py links it
to its origin; it must not be taken for the origin's revision)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Parameters that say who sent the reader, never which article it is.
TRACKING_PARAMETERS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
    "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ocid", "cmpid", "cmp", "smid", "smtyp", "sr_share", "ref",
    "ref_src", "ref_url", "taid", "spm", "utm", "at_medium", "at_campaign", "s_cid",
    "xtor", "__twitter_impression",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "ga_", "at_")
_LINK = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
# rel=canonical sits in the head; a page's first 64 KiB hold the head of any real page.
HEAD_BYTES = 65_536


def canonical_url(url: str) -> str:
    """The URL without what varies between two links to one article."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    if ":" in host and not host.startswith("["):
        netloc = f"[{host}]" + netloc[len(host):]
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in TRACKING_PARAMETERS and not k.lower().startswith(TRACKING_PREFIXES)]
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def same_site(a: str, b: str) -> bool:
    def site(url: str) -> str:
        host = (urlsplit(url).hostname or "").lower()
        return host[4:] if host.startswith("www.") else host
    return site(a) == site(b) and site(a) != ""


def declared_canonical(html: str | bytes, base_url: str) -> str | None:
    """The page's <link rel="canonical" href>, absolute, when it is http(s) on the same site."""
    if isinstance(html, bytes):
        html = html[:HEAD_BYTES].decode("utf-8", "replace")
    else:
        html = html[:HEAD_BYTES]
    for tag in _LINK.finditer(html):
        attrs = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _ATTR.finditer(tag.group(0))}
        if "canonical" not in attrs.get("rel", "").lower().split() or not attrs.get("href"):
            continue
        href = urljoin(base_url, attrs["href"].strip())
        if urlsplit(href).scheme.lower() in ("http", "https") and same_site(href, base_url):
            return href
        return None
    return None


def page_canonical(html: str | bytes, final_url: str) -> str:
    """The canonical URL of a fetched page: its declared one when trusted, else its final URL's."""
    return canonical_url(declared_canonical(html, final_url) or final_url)
