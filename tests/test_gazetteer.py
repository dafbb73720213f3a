import sqlite3
import threading
from pathlib import Path

import pytest

from enforcement_tracker.normalize import gazetteer_build
from enforcement_tracker.normalize.gazetteer import (
    Gazetteer,
    GazetteerError,
    build_gazetteer,
    default_path,
    is_common_word,
    state_code,
)

NYC = 5128581
WASHINGTON_DC = 4140963


@pytest.fixture(scope="session")
def gaz(tmp_path_factory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    build_gazetteer(path)
    return Gazetteer.open(path)


# A handful of rows in the builder's shape, so file-handling tests need not read GeoNames.
TINY = ([("city", "Aurora", "CO", 5412347, 39.7, -104.8, 359407, None),
         ("city", "New York City", "NY", NYC, 40.7, -74.0, 8804190, None),
         ("city", "Washington", "DC", WASHINGTON_DC, 38.9, -77.0, 689545, None),
         ("city", "Los Angeles", "CA", 5368361, 34.1, -118.2, 3820914, None),
         ("city", "Philadelphia", "PA", 4560349, 40.0, -75.2, 1603797, None),
         ("city", "Las Vegas", "NV", 5506956, 36.2, -115.1, 646790, None),
         ("city", "New Orleans", "LA", 4335045, 30.0, -90.1, 383997, None),
         ("city", "Nashville", "TN", 4644585, 36.2, -86.8, 689447, None),
         ("city", "Louisville", "KY", 4299276, 38.3, -85.8, 633045, None),
         ("city", "Lexington-Fayette", "KY", 4297983, 38.0, -84.5, 322570, None),
         ("city", "Honolulu", "HI", 5856195, 21.3, -157.9, 350964, None),
         ("city", "The Bronx", "NY", 5110266, 40.8, -73.9, 1385108, None),
         ("state", "U.S. Virgin Islands", "VI", 4796775, None, None, None, "78"),
         ("state", "Northern Mariana Islands", "MP", 4041468, None, None, None, "69")]
        + [("country", name, None, 1, None, None, None, None) for name in (
            "United States", "United Kingdom", "The Netherlands", "Myanmar", "Ivory Coast",
            "Cabo Verde", "Czechia", "Eswatini", "Timor Leste", "North Macedonia",
            "Democratic Republic of the Congo", "Republic of the Congo", "Turkey",
            "Palestinian Territory", "South Korea", "Vatican", "Russia", "Vietnam",
            "United Arab Emirates")],
        {"city": 12})


def test_bare_aurora_is_the_most_populous_aurora_colorado(gaz):
    place = gaz.resolve("Aurora")
    assert (place.kind, place.state, place.geonameid) == ("city", "CO", 5412347)
    assert [p.state for p in gaz.lookup("Aurora")][:2] == ["CO", "IL"]


@pytest.mark.parametrize("name, state", [("Aurora", "IL"), ("Aurora", "Illinois"),
                                         ("Aurora", "Ill."), ("Aurora, Ill.", None),
                                         ("Aurora, Illinois", None)])
def test_aurora_with_illinois_is_aurora_illinois(gaz, name, state):
    place = gaz.resolve(name, state)
    assert (place.name, place.state, place.geonameid) == ("Aurora", "IL", 4883817)


@pytest.mark.parametrize("text", ["Colorado", "colorado", "Colo.", "Colo", "CO"])
def test_colorado_written_any_way_is_co(gaz, text):
    assert state_code(text) == "CO"
    place = gaz.resolve(text)
    assert (place.kind, place.state, place.name) == ("state", "CO", "Colorado")


@pytest.mark.parametrize("text, code", [("Ill.", "IL"), ("N.Y.", "NY"), ("D.C.", "DC"),
                                        ("Calif.", "CA"), ("W.Va.", "WV"), ("Wash.", "WA"),
                                        ("Puerto Rico", "PR"), ("District of Columbia", "DC")])
def test_state_code_reads_ap_abbreviations(text, code):
    assert state_code(text) == code


@pytest.mark.parametrize("text", ["co", "in", "me", "L.A.", "Ontario", "", None])
def test_state_code_rejects_words_that_only_look_like_states(text):
    assert state_code(text) is None


@pytest.mark.parametrize("name", ["New York City", "NYC", "N.Y.C.", "New York, N.Y.",
                                  "New York, New York"])
def test_new_york_city_is_the_city_in_ny(gaz, name):
    place = gaz.resolve(name)
    assert (place.kind, place.state, place.geonameid) == ("city", "NY", NYC)


def test_bare_new_york_is_the_state_but_lookup_offers_the_city(gaz):
    assert gaz.resolve("New York").kind == "state"
    assert NYC in [p.geonameid for p in gaz.lookup("New York")]


def test_chicago_has_its_coordinates_and_the_contract_shape(gaz):
    place = gaz.resolve("Chicago")
    assert place.to_dict() == {"name": "Chicago", "kind": "city", "state": "IL",
                               "geonameid": 4887398, "lat": pytest.approx(41.85, abs=0.01),
                               "lon": pytest.approx(-87.65, abs=0.01)}


@pytest.mark.parametrize("name", ["La Paz County", "Mohave County", "la paz county"])
def test_arizona_counties(gaz, name):
    place = gaz.resolve(name)
    assert (place.kind, place.state) == ("county", "AZ")


@pytest.mark.parametrize("name", ["Venezuela", "El Salvador", "Mexico", "Guatemala"])
def test_foreign_countries_have_no_state(gaz, name):
    place = gaz.resolve(name)
    assert (place.kind, place.state, place.to_dict()["state"]) == ("country", None, None)
    assert place.geonameid and place.lat is not None


@pytest.mark.parametrize("name, state", [("Washington", "DC"), ("Washington, D.C.", None),
                                         ("Washington D.C.", None), ("Washington DC", None),
                                         ("D.C.", None)])
def test_washington_dc_is_the_city(gaz, name, state):
    place = gaz.resolve(name, state)
    assert (place.kind, place.state, place.geonameid) == ("city", "DC", WASHINGTON_DC)
    assert gaz.lookup(name, state)[0] == place


def test_bare_washington_is_the_state(gaz):
    assert (gaz.resolve("Washington").kind, gaz.resolve("Washington").state) == ("state", "WA")


def test_saint_and_st_are_the_same_name(gaz):
    assert gaz.resolve("Saint Louis") == gaz.resolve("St. Louis")
    assert gaz.resolve("St. Paul").state == "MN"


def test_a_state_with_no_place_of_that_name_resolves_to_nothing(gaz):
    assert gaz.resolve("Aurora, Nev.") is None
    assert gaz.resolve("Springfield Gardens Heights") is None


def test_states_have_coordinates_and_territories_count(gaz):
    colorado = gaz.state("Colo.")
    assert 37 < colorado.lat < 41 and -109 < colorado.lon < -102
    assert gaz.resolve("Puerto Rico").kind == "state"
    assert gaz.resolve("San Juan").state == "PR"


def test_a_bare_name_takes_the_place_named_earlier_in_the_document(gaz):
    doc = gaz.for_document()
    assert doc.resolve("Aurora, Illinois").state == "IL"
    assert doc.resolve("Aurora").state == "IL"
    other = gaz.for_document()
    assert other.resolve("Aurora").state == "CO"


def test_names_feed_an_entity_ruler(gaz):
    names = set(gaz.names())
    for pair in [("Aurora", "city"), ("Chicago", "city"), ("Colorado", "state"),
                 ("La Paz County", "county"), ("Venezuela", "country"), ("NYC", "city")]:
        assert pair in names
    assert ("Colo.", "state") in set(gaz.names(abbreviations=True))


@pytest.mark.parametrize("name, common", [("Union", True), ("liberty", True),
                                          ("Chicago", False), ("Aurora", False)])
def test_common_word_place_names_are_flagged(name, common):
    assert is_common_word(name) is common


def test_first_use_builds_in_etrack_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ETRACK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(gazetteer_build, "_collect_places", lambda: TINY)
    assert default_path().parent == tmp_path / "cache"
    gaz = Gazetteer.open()
    try:
        assert default_path().exists()
        assert gaz.resolve("Aurora").geonameid == 5412347
    finally:
        gaz.close()


def test_a_failed_rebuild_leaves_the_old_file_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer_build, "_collect_places", lambda: TINY)
    path = tmp_path / "g.sqlite"
    build_gazetteer(path)
    before = path.read_bytes()
    monkeypatch.setattr(gazetteer_build, "_read_aliases",
                        lambda: [("Gotham", "city", "Gotham City", "NY")])
    with pytest.raises(GazetteerError, match="Gotham"):
        build_gazetteer(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.sqlite"]


def test_concurrent_builds_end_with_one_whole_file(tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer_build, "_collect_places", lambda: TINY)
    path = tmp_path / "g.sqlite"
    build_gazetteer(path)
    reader = sqlite3.connect(path)
    threads = [threading.Thread(target=build_gazetteer, args=(path,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # A reader that opened the old file still reads it; the new one is whole.
    assert reader.execute("SELECT count(*) FROM places").fetchone()[0] == len(TINY[0])
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["g.sqlite"]


def test_a_file_that_is_not_a_gazetteer_is_reported(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not sqlite")
    with pytest.raises(GazetteerError, match="delete it"):
        Gazetteer.open(bad)


def test_every_common_word_on_the_stop_list_is_a_place_we_hold(gaz):
    from enforcement_tracker.normalize.placenames import DATA_DIR

    lines = (DATA_DIR / "common_words.txt").read_text(encoding="utf-8").splitlines()
    words = [w for w in lines if w.strip() and not w.startswith("#")]
    assert len(words) == len(set(words))
    assert [w for w in words if not any(p.kind == "city" for p in gaz.lookup(w))] == []


def test_lookup_by_geonameid_and_state(gaz):
    assert gaz.get(NYC).name == "New York City"
    assert gaz.state("Ill.").name == "Illinois"
    assert gaz.state("Ontario") is None


@pytest.mark.parametrize("name, expected", [
    ("western Michigan", ("Michigan", "state", "MI")),
    ("the Chicago area", ("Chicago", "city", "IL")),
    ("Southern California", ("California", "state", "CA")),
    ("metro Atlanta", ("Atlanta", "city", "GA")),
    ("North Carolina", ("North Carolina", "state", "NC")),
    ("East Chicago", ("East Chicago", "city", "IN")),
])
def test_a_region_is_the_place_it_is_named_for_unless_it_is_a_place(gaz, name, expected):
    place = gaz.resolve(name)
    assert (place.name, place.kind, place.state) == expected


def test_a_region_around_a_common_word_is_not_that_town(gaz):
    assert gaz.resolve("Bay Area") is None


def test_an_unwritable_cache_is_reported_with_a_fix(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("ETRACK_CACHE", str(blocker / "cache"))
    with pytest.raises(GazetteerError, match="ETRACK_CACHE"):
        Gazetteer.open()


def test_a_possessive_names_the_place(gaz):
    assert gaz.resolve("Chicago's").geonameid == 4887398
    assert gaz.resolve("Lee's Summit").state == "MO"


def test_names_can_leave_out_small_towns(gaz):
    big = set(gaz.names(min_city_population=100_000))
    assert ("Aurora", "city") in big and ("Waukegan", "city") not in big
    assert ("Colorado", "state") in big and ("Mohave County", "county") in big
