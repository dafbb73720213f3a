"""Quality floors: for each evaluation set, the precision and recall extraction may not fall below.

The floors live in one JSON file (tests/quality_baseline.json), one entry per set:

    {"sets": {"dev2": {"gold": ["../shared/corpus/dev2/gold.jsonl"],
                       "micro": {"precision": 0.74, "recall": 0.72},
                       "per_kind": {"operation": {"precision": 0.44, "recall": 0.54}, ...},
                       "measured": "..."}}}

`floors_entry` writes an entry from a fresh evaluation (`etrack eval GOLD --floors` prints it), so
raising a set's floors is replacing its entry with what that command prints.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from enforcement_tracker.errors import EvalError
from enforcement_tracker.evaluate.score import Scores, Tally
from enforcement_tracker.kinds import registry

FIGURES = ("precision", "recall")


@dataclass(frozen=True)
class SetFloors:
    """The floors of one evaluation set."""

    name: str
    gold: tuple[str, ...]  # gold files, relative to the repository root
    micro: dict[str, float]
    per_kind: dict[str, dict[str, float]]

    def gold_paths(self, root: Path) -> list[Path]:
        return [(root / g).resolve() for g in self.gold]


@dataclass(frozen=True)
class Shortfall:
    """A figure below its floor."""

    set_name: str
    scope: str  # "micro" or a kind
    figure: str
    achieved: float | None
    floor: float

    def __str__(self) -> str:
        achieved = "nothing (no predictions or no gold)" if self.achieved is None else f"{self.achieved:.3f}"
        return f"{self.set_name} {self.scope} {self.figure} is {achieved}, below its floor {self.floor:.2f}"


def round_down(value: float | None) -> float:
    """A floor from a measured figure: two decimals, never above the figure (0.7481 -> 0.74)."""
    if value is None:
        return 0.0
    return math.floor(value * 100 + 1e-9) / 100


def floors_entry(scores: Scores, gold: Sequence[str | Path]) -> dict[str, Any]:
    """The baseline entry a set would get from these scores: micro floors, and floors for every
    kind the set has required gold of (a kind without gold has no recall to guard)."""
    per_kind = {kind: _floors(scores.per_kind[kind]) for kind in scores.kinds
                if scores.per_kind[kind].required}
    headline = scores.headline
    return {
        "gold": [str(g) for g in gold],
        "micro": _floors(headline),
        "per_kind": per_kind,
        "measured": (f"{date.today().isoformat()}: micro P {_figure(headline.precision)} "
                     f"R {_figure(headline.recall)} ({headline.correct}/{headline.predicted} "
                     f"predictions correct, {headline.found}/{headline.required} gold found)"),
    }


def format_entry(entry: dict[str, Any], indent: str = "") -> str:
    """An entry as the baseline file lays it out: one line per floor pair, so a diff that raises
    floors reads as one changed line per kind."""
    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = ["{"]
    keys = [k for k in ("gold", "micro", "per_kind", "measured") if k in entry]
    keys += [k for k in entry if k not in keys]
    for n, key in enumerate(keys):
        comma = "," if n < len(keys) - 1 else ""
        value = entry[key]
        if key == "per_kind" and isinstance(value, dict) and value:
            lines.append(f'  "per_kind": {{')
            kinds = list(value)
            lines += [f"    {one(k)}: {one(value[k])}{',' if i < len(kinds) - 1 else ''}"
                      for i, k in enumerate(kinds)]
            lines.append(f"  }}{comma}")
        else:
            lines.append(f"  {one(key)}: {one(value)}{comma}")
    lines.append("}")
    return "\n".join(indent + line if i else line for i, line in enumerate(lines))


def format_baseline(note: str, entries: dict[str, dict[str, Any]]) -> str:
    """The whole baseline file, laid out as format_entry lays out each set."""
    names = list(entries)
    sets = [f"    {json.dumps(name)}: {format_entry(entries[name], indent='    ')}"
            + ("," if i < len(names) - 1 else "") for i, name in enumerate(names)]
    return "{\n  \"note\": " + json.dumps(note, ensure_ascii=False) + ",\n  \"sets\": {\n" \
        + "\n".join(sets) + "\n  }\n}\n"


def raise_entry(old: SetFloors, new: dict[str, Any], *, allow_lower: bool = False) -> dict[str, Any]:
    """A set's entry after a new measurement: each floor rises to the new figure, and falls to it
    only when `allow_lower` (a deliberate reset); a kind the new figures lack keeps its floors."""
    def merge(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
        figures = list(after) + [f for f in before if f not in after]
        return {f: after[f] if f in after and (allow_lower or f not in before) else
                max(before.get(f, 0.0), after.get(f, 0.0)) for f in figures}

    kinds = list(new.get("per_kind", {})) + [k for k in old.per_kind if k not in new.get("per_kind", {})]
    return {**new, "gold": list(old.gold), "micro": merge(old.micro, new["micro"]),
            "per_kind": {k: merge(old.per_kind.get(k, {}), new.get("per_kind", {}).get(k, {}))
                         for k in kinds}}


def _floors(tally: Tally) -> dict[str, float]:
    return {figure: round_down(getattr(tally, figure)) for figure in FIGURES}


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def shortfalls(floors: SetFloors, scores: Scores) -> list[Shortfall]:
    """Every micro and per-kind figure of `scores` below its floor."""
    out = []
    checks: list[tuple[str, Tally, dict[str, float]]] = [("micro", scores.headline, floors.micro)]
    checks += [(kind, scores.per_kind.get(kind, Tally()), kind_floors)
               for kind, kind_floors in floors.per_kind.items()]
    for scope, tally, wanted in checks:
        for figure, floor in wanted.items():
            achieved = getattr(tally, figure)
            if (achieved or 0.0) < floor:
                out.append(Shortfall(floors.name, scope, figure, achieved, floor))
    return out


def read_baseline(path: Path) -> dict[str, SetFloors]:
    """Every set's floors, checked: a floor is a fraction, a kind is a known kind."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalError(f"cannot read the quality baseline ({exc.strerror})", source=str(path),
                        hint="restore it from git") from exc
    except json.JSONDecodeError as exc:
        raise EvalError(f"not valid JSON ({exc.msg}, line {exc.lineno})", source=str(path),
                        hint="fix the JSON; `etrack eval GOLD --floors` prints a valid entry") from exc
    sets = data.get("sets") if isinstance(data, dict) else None
    if not isinstance(sets, dict) or not sets:
        raise EvalError('no "sets" object', source=str(path),
                        hint='the file is {"sets": {"NAME": {"gold": [...], "micro": {...}}}}')
    return {name: _parse_set(name, entry, str(path)) for name, entry in sets.items()}


def _parse_set(name: str, entry: Any, path: str) -> SetFloors:
    where = f"{path}: set {name!r}"
    if not isinstance(entry, dict):
        raise EvalError("is not an object", source=where, hint="paste the output of `etrack eval GOLD --floors`")
    gold = entry.get("gold")
    if isinstance(gold, str):
        gold = [gold]
    if not isinstance(gold, list) or not gold or not all(isinstance(g, str) for g in gold):
        raise EvalError('has no "gold" list of files', source=where,
                        hint="name its gold files relative to the repository root")
    micro = _parse_floors(entry.get("micro"), f"{where} micro")
    per_kind_raw = entry.get("per_kind") or {}
    if not isinstance(per_kind_raw, dict):
        raise EvalError('"per_kind" is not an object', source=where, hint='write {"KIND": {"precision": P}}')
    per_kind = {}
    for kind, floors in per_kind_raw.items():
        if kind not in registry.kind_names():
            raise EvalError(f"unknown kind {kind!r} in per_kind", source=where,
                            hint=f"kind is one of {', '.join(registry.kind_names())}")
        per_kind[kind] = _parse_floors(floors, f"{where} {kind}")
    return SetFloors(name, tuple(gold), micro, per_kind)


def _parse_floors(raw: Any, where: str) -> dict[str, float]:
    if not isinstance(raw, dict) or not raw:
        raise EvalError("has no floors", source=where, hint='write {"precision": P, "recall": R}')
    out = {}
    for figure, value in raw.items():
        if figure not in FIGURES:
            raise EvalError(f"unknown figure {figure!r}", source=where, hint="use precision or recall")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
            raise EvalError(f"{figure} floor {value!r} is not a fraction", source=where,
                            hint="a floor lies in [0, 1]")
        out[figure] = float(value)
    return out
