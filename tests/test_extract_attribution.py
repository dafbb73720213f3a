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
