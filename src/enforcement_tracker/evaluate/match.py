"""Matching predicted records to gold records, exactly as ANNOTATION.md ("How a prediction is
matched") says: each kind's rule is its `match` in enforcement_tracker/kinds/. Pure functions over
plain dicts; both the gold shapes and the record-contract shapes are accepted, so gold can be
matched against gold in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from enforcement_tracker.kinds import registry
# The value comparisons live with the kinds, whose match rules use them; fields.py and older
# callers still import them from here.
from enforcement_tracker.kinds.compare import (CRIMINALITY_GROUPS, Interval, NumberKey,  # noqa: F401
                                               criminality_group, criminality_numbers, date_intervals,
                                               days_apart, last_word, normalize_name, number_key, place_keys,
                                               speaker_text)


def matches(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Whether a prediction may stand for a gold record (same kind, the kind's match rule holds)."""
    kind = registry.find(gold.get("kind"))
    if kind is None or kind.name != pred.get("kind"):
        return False
    return kind.match(gold, pred)


# --- one-to-one matching -------------------------------------------------------------------------

@dataclass
class Matching:
    """Which prediction stands for which gold record, in one text."""

    pairs: dict[int, int] = field(default_factory=dict)  # gold index -> prediction index

    def matched_predictions(self) -> set[int]:
        return set(self.pairs.values())


def match_records(gold: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]) -> Matching:
    """A maximum one-to-one matching (augmenting paths), so no result depends on record order.

    Required gold records are matched first: an augmenting path never unmatches a matched gold
    record, so the result has as many required matches as any matching can, and is maximum overall
    (ambiguous gold that a prediction meets makes that prediction correct). Within each group,
    pairs that also agree on the fields the rule ignores (places, category, name) are tried first:
    the figures are the same either way, but a listing of misses then names the right one (which
    of 031's many "1" counts was missed, not an arbitrary one).
    """
    edges = [[j for j, p in enumerate(predicted) if matches(g, p)] for g in gold]
    close = [[j for j in edges[i] if agrees(g, predicted[j])] for i, g in enumerate(gold)]
    owner: dict[int, int] = {}  # prediction index -> gold index

    def augment(gi: int, usable: list[list[int]], seen: set[int]) -> bool:
        for pj in usable[gi]:
            if pj in seen:
                continue
            seen.add(pj)
            if pj not in owner or augment(owner[pj], usable, seen):
                owner[pj] = gi
                return True
        return False

    required = [i for i, g in enumerate(gold) if not g.get("ambiguous")]
    optional = [i for i, g in enumerate(gold) if g.get("ambiguous")]
    for group in (required, optional):
        for usable in (close, edges):
            for gi in group:
                if gi not in owner.values():
                    augment(gi, usable, set())
    return Matching(pairs={gi: pj for pj, gi in sorted(owner.items(), key=lambda kv: kv[1])})


def agrees(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Agreement beyond the matching rule: same places (or none), same category, same name."""
    gold_places, pred_places = place_keys(gold.get("places")), place_keys(pred.get("places"))
    if gold_places or pred_places:
        names = {name for name, _ in pred_places}
        if not any(name in names for name, _ in gold_places):
            return False
    return all(gold.get(key) == pred.get(key) for key in ("category", "name") if key in gold)
