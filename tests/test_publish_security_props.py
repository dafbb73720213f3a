"""Property tests of the web ledger's input handling (Hypothesis): no input makes a 500.

The parametrized drills in test_publish_security.py try named hostile values; these draw
query strings and URLs at random (names the routes read and names they do not, any text for
values, several parameters at once) and check every answer is a clean one.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from enforcement_tracker.publish.csvsafe import CsvDefuser, defuse  # noqa: E402
from enforcement_tracker.publish.params import cursor  # noqa: E402
from enforcement_tracker.publish.security import link_url  # noqa: E402
from enforcement_tracker.publish.synthetic import linked_extraction, write_ledger  # noqa: E402
from test_publish_security import BASE, FORMULA, HOSTILE_URLS, SAFE_URL, TABLE_PARAMETERS, Client  # noqa: E402

ROUTES = ["/", "/api/records.json", "/feeds/records.atom", "/export/records.csv", "/export/operations.geojson",
          "/records/{rec}", "/documents/{doc}", "/{db}/records", "/{db}/records.json", "/{db}/documents.json",
          "/{db}/records.csv", "/{db}/records_by_kind_and_state.json", "/{db}/records/{rec}.json"]
NAMES = sorted(set(TABLE_PARAMETERS) | {"place", "state", "agency", "since", "until", "publisher"})
VALUES = st.one_of(st.text(max_size=40), st.integers(min_value=-10**30, max_value=10**30).map(str),
                   st.sampled_from(["", "max", "x,99999999999999999999", "2025-02-30", "{}", "[]", "kind", "rowid"]))
QUERY = st.lists(st.tuples(st.one_of(st.sampled_from(NAMES), st.text(min_size=1, max_size=12)), VALUES), max_size=4)


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    path: Path = tmp_path_factory.mktemp("props") / "ledger.db"
    write_ledger(path, 120, seed=5, extra=[linked_extraction(SAFE_URL, lead=FORMULA)]
                 + [linked_extraction(u) for u in HOSTILE_URLS[:3]])
    client = Client(path, base_url=BASE)
    client.db = path.stem
    yield client
    client.close()


def _encode(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{quote(k, safe='', errors='surrogatepass')}={quote(v, safe='', errors='surrogatepass')}"
                    for k, v in pairs)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ROUTES), pairs=QUERY)
def test_no_query_string_makes_a_server_error(web, route, pairs):
    rec = linked_extraction(SAFE_URL, lead=FORMULA)
    url = route.format(db=web.db, rec=rec.records[0].id, doc=rec.document.id) + "?" + _encode(pairs)
    response = web.get(url)
    assert response.status_code < 500, url
    assert "content-security-policy" in response.headers


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(segments=st.lists(st.text(max_size=20), min_size=1, max_size=4))
def test_no_path_makes_a_server_error(web, segments):
    path = "/" + "/".join(quote(s, safe="", errors="surrogatepass") for s in segments)
    assert web.get(path).status_code < 500, path


@given(st.text(max_size=60))
def test_a_linked_url_is_always_http_or_https_with_a_host(url):
    linked = link_url(url)
    if linked is not None:
        assert linked.lower().startswith(("http://", "https://"))
        assert not any(c in linked for c in "\t\n\r")


@given(st.text(max_size=30))
def test_a_defused_cell_never_starts_a_formula_unless_it_is_a_number(cell):
    out = defuse(cell)
    if out.startswith(("=", "+", "-", "@", "\t", "\r")):
        float(out)  # a plain numeric literal, nothing a spreadsheet runs


@given(rows=st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=4), min_size=1, max_size=6),
       size=st.integers(min_value=1, max_value=50))
def test_csv_defusing_is_the_same_in_any_chunks(rows, size):
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    data = out.getvalue().encode("utf-8")
    whole = CsvDefuser().feed(data, final=True)
    defuser = CsvDefuser()
    chunks = [data[i:i + size] for i in range(0, len(data), size)] or [b""]
    assert b"".join(defuser.feed(c, final=i == len(chunks) - 1) for i, c in enumerate(chunks)) == whole


@given(st.text(max_size=40))
def test_a_cursor_is_refused_or_fits_sqlite(token):
    try:
        parsed = cursor(token)
    except Exception as exc:  # noqa: BLE001 - the only allowed failure is a PublishError
        assert type(exc).__name__ == "PublishError"
        return
    assert parsed is None or 0 <= parsed[1] < 2**63
