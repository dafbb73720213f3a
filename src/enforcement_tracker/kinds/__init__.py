"""Claim kinds: one module per kind, read through one registry by every layer.

A kind's module (operation.py, arrest_count.py, ...) defines `KIND`, a `Kind` holding its fields,
its words, its reconcile key, its in-document merge rule, its evaluation match and scored fields,
its ledger columns, its record-id discriminator, whether it is checked against official data and
where the demo's summary shows it. `registry` finds those modules on first use.
"""

from enforcement_tracker.kinds.base import Kind, KindError
from enforcement_tracker.kinds.registry import (UnknownKindError, all_kinds, checked_names, find, get,
                                                headline_names, kind_names, register, summary_names, unregister)

__all__ = ["Kind", "KindError", "UnknownKindError", "all_kinds", "checked_names", "find", "get", "headline_names",
           "kind_names", "register", "summary_names", "unregister"]
