"""Who says it: outlets and agencies named in attributions, on sentences we wrote."""

from __future__ import annotations

import pytest

from enforcement_tracker.extract.attribution import sentence_sources


@pytest.mark.parametrize("text,outlet", [
    ("Two supervisors told Example Valley Public Radio this week.", "Example Valley Public Radio"),
    ("Three people told NBC News.", "NBC News"),
    ("A deputy told KXYZ-TV on Monday.", "KXYZ-TV"),
    ("The figures were released, according to The Plains Courier.", "The Plains Courier"),
])
def test_an_outlet_someone_spoke_to(text, outlet):
    sources, _ = sentence_sources(text, [])
    assert outlet in [s.outlet for s in sources if s.kind == "outlet"]


def test_reporters_are_no_outlet():
    sources, _ = sentence_sources("She told reporters the count would rise.", [])
    assert not [s for s in sources if s.kind == "outlet"]


def test_a_person_given_no_role_is_no_source_of_a_claim():
    from _extract_helpers import records

    body = ("Federal agents made 300 arrests in Boise, Idaho, since the surge began March 1, officials said.\n\n"
            "At a bakery near the river, owner Lena Ruiz said customers had stayed home since the surge began.")
    recs = records(body)
    assert any(r["kind"] == "operation" for r in recs)
    for r in recs:
        assert all((s.get("person") or {}).get("name") != "Lena Ruiz" for s in r["sources"])
