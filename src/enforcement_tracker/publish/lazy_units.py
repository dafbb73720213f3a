"""Datasette's units registry (its vendored pint), built when first used instead of at import.

`datasette.views.base` builds `pint.UnitRegistry()` as it is imported: importing pint (and numpy,
which pint finds) and parsing its unit definitions is 0.4 s of the 0.85 s a server of the ledger
spends importing before it can answer (`python -X importtime`). Only tables with `units` in their
metadata, and unit-aware filters on them, ever use it; the ledger declares none. `install()`
stands a small module in for pint until then: the registry it hands out loads the real pint and
builds the real registry on its first use, and everything else asked of the module loads it too.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

NAME = "datasette.vendored.pint"


def _real_pint() -> types.ModuleType:
    if isinstance(sys.modules.get(NAME), _StandIn):
        del sys.modules[NAME]
    return importlib.import_module(NAME)


class _LazyRegistry:
    """A pint UnitRegistry made on first use, with the arguments it was asked with."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._arguments = (args, kwargs)
        self._registry: Any = None

    def _real(self) -> Any:
        if self._registry is None:
            args, kwargs = self._arguments
            self._registry = _real_pint().UnitRegistry(*args, **kwargs)
        return self._registry

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._real(), name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._real()(*args, **kwargs)


class _StandIn(types.ModuleType):
    UnitRegistry = _LazyRegistry

    def __getattr__(self, name: str) -> Any:
        return getattr(_real_pint(), name)


def install() -> None:
    """Stand in for Datasette's pint, unless pint or Datasette's views are already imported (then
    nothing is left to defer)."""
    if NAME in sys.modules or "datasette.views.base" in sys.modules:
        return
    sys.modules[NAME] = _StandIn(NAME)
