"""The registry of claim kinds that describe, reconcile, evaluation, the ledger and extraction read.

The built-in kinds are the modules of this package that define `KIND`; they are found and
registered on first use, not on import, because a kind's module imports the layers' value
helpers (describe, publish.words), and those layers import this registry. So adding a kind is
one new module here: nothing else lists the kinds.
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
from typing import Any

from enforcement_tracker.kinds.base import Kind, KindError

__all__ = ["KIND_NAMES", "UnknownKindError", "all_kinds", "checked_names", "find", "get", "headline_names",
           "kind_names", "register", "summary_names", "unregister"]


class UnknownKindError(KindError):
    """A record, filter or gold file names a kind that no module registers."""

    code = "E701"


_kinds: dict[str, tuple[int, int, Kind]] = {}  # name -> (rank, registration sequence, kind)
_sequence = itertools.count()
_builtins_loaded = False


def _load_builtins() -> None:
    global _builtins_loaded
    if _builtins_loaded:
        return
    _builtins_loaded = True  # set first: a kind's module may itself read the registry
    package = importlib.import_module("enforcement_tracker.kinds")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name in ("base", "registry"):
            continue
        module = importlib.import_module(f"enforcement_tracker.kinds.{info.name}")
        kind = getattr(module, "KIND", None)
        if isinstance(kind, Kind):
            register(kind)


def register(kind: Kind) -> Kind:
    """Add a kind; registering the same declaration again changes nothing."""
    _load_builtins()
    held = _kinds.get(kind.name)
    if held is not None:
        if held[2] is kind:
            return kind
        raise KindError(f"claim kind {kind.name!r} is already registered (version {held[2].version})",
                        hint="give the new kind another name, or unregister the old one first")
    _kinds[kind.name] = (kind.rank, next(_sequence), kind)
    return kind


def unregister(name: str) -> None:
    """Remove a kind (tests register toy kinds and take them out again)."""
    _load_builtins()
    if name not in _kinds:
        raise _unknown(name)
    del _kinds[name]


def find(name: Any) -> Kind | None:
    """The kind of that name, or None: for layers that show an unknown kind as its bare name."""
    _load_builtins()
    held = _kinds.get(name) if isinstance(name, str) else None
    return held[2] if held else None


def get(name: Any) -> Kind:
    kind = find(name)
    if kind is None:
        raise _unknown(name)
    return kind


def all_kinds() -> tuple[Kind, ...]:
    """Every registered kind in a stable order: by rank, then by when it was registered."""
    _load_builtins()
    return tuple(k for _, _, k in sorted(_kinds.values(), key=lambda held: held[:2]))


def kind_names() -> tuple[str, ...]:
    return tuple(k.name for k in all_kinds())


def headline_names() -> tuple[str, ...]:
    """The kinds an evaluation's headline (micro) scores count."""
    return tuple(k.name for k in all_kinds() if k.headline)


def checked_names() -> tuple[str, ...]:
    """The kinds `etrack check` holds against official figures."""
    return tuple(k.name for k in all_kinds() if k.checked_against_official)


def summary_names() -> tuple[str, ...]:
    """The kinds the demo's summary shows, in its order (summary_order, then the registry's order)."""
    shown = [(k.summary_order, i, k.name) for i, k in enumerate(all_kinds()) if k.summary_order is not None]
    return tuple(name for _, _, name in sorted(shown))


def _unknown(name: Any) -> UnknownKindError:
    known = ", ".join(kind_names())
    return UnknownKindError(f"[{UnknownKindError.code}] unknown claim kind {name!r}",
                            hint=f"use one of {known}; a new kind is a module in enforcement_tracker/kinds/"
                                 " that defines KIND")


def __getattr__(name: str) -> Any:
    # KIND_NAMES is read on each access, so it follows register() and unregister().
    if name == "KIND_NAMES":
        return kind_names()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
