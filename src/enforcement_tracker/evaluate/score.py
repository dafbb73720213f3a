"""Precision, recall and F1 from matchings: per kind, micro over the headline kinds, per file; and
the accuracy of the fields the match ignores, over matched pairs (fields.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from enforcement_tracker.evaluate.fields import Comparison, FieldScores, compare_text
from enforcement_tracker.evaluate.match import Matching
from enforcement_tracker.kinds import registry


@dataclass
class TextResult:
    """One text: its gold records, the predictions in gold shape, and how they were matched."""

    file: str
    gold: list[dict[str, Any]]
    predicted: list[dict[str, Any]]
    matching: Matching
    text: str = ""  # the document text, to show the sentence around a miss

    def missed(self, include_optional: bool = False) -> list[int]:
        return [i for i, g in enumerate(self.gold)
                if i not in self.matching.pairs and (include_optional or not g.get("ambiguous"))]

    def spurious(self) -> list[int]:
        matched = self.matching.matched_predictions()
        return [j for j in range(len(self.predicted)) if j not in matched]

    def comparisons(self) -> list[Comparison]:
        """The fields of every matched pair, gold against prediction."""
        return compare_text(self.file, self.gold, self.predicted, self.matching.pairs)


@dataclass
class Tally:
    """Counts behind one precision/recall pair. Ambiguous gold is optional (ANNOTATION.md)."""

    predicted: int = 0
    correct: int = 0  # predictions matched to any gold record, required or optional
    required: int = 0
    found: int = 0  # required gold records matched
    optional: int = 0
    optional_found: int = 0

    def __iadd__(self, other: "Tally") -> "Tally":
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.required if self.required else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in self.__dataclass_fields__}
        out.update(precision=self.precision, recall=self.recall, f1=self.f1)
        return out


def tally_text(result: TextResult) -> dict[str, Tally]:
    """Per-kind tallies of one text."""
    tallies: dict[str, Tally] = {}
    for i, gold in enumerate(result.gold):
        t = tallies.setdefault(gold["kind"], Tally())
        hit = i in result.matching.pairs
        if gold.get("ambiguous"):
            t.optional += 1
            t.optional_found += hit
        else:
            t.required += 1
            t.found += hit
    matched = result.matching.matched_predictions()
    for j, pred in enumerate(result.predicted):
        t = tallies.setdefault(pred.get("kind", "?"), Tally())
        t.predicted += 1
        t.correct += j in matched
    return tallies


def micro(tallies: dict[str, Tally], kinds: Iterable[str] | None = None) -> Tally:
    """The sum over `kinds`, by default the registry's headline kinds as registered now."""
    total = Tally()
    kinds = registry.headline_names() if kinds is None else kinds
    for kind in kinds:
        total += tallies.get(kind, Tally())
    return total


@dataclass
class Scores:
    per_kind: dict[str, Tally]
    headline: Tally  # micro over arrest_count, target, criminality, operation
    per_file: dict[str, dict[str, Tally]]
    # arrest_count without the file that dominates it (031 in dev): (file, tally), or None
    arrest_count_without: tuple[str, Tally] | None = None
    kinds: list[str] = field(default_factory=list)
    fields: FieldScores = field(default_factory=FieldScores)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "headline": self.headline.to_dict(),
            "per_kind": {k: self.per_kind[k].to_dict() for k in self.kinds},
            "per_file": {
                f: {"headline": micro(t).to_dict(), **{k: v.to_dict() for k, v in t.items()}}
                for f, t in self.per_file.items()
            },
            "fields": self.fields.to_dict(self.kinds),
        }
        if self.arrest_count_without:
            name, tally = self.arrest_count_without
            out["arrest_count_without"] = {"file": name, **tally.to_dict()}
        return out


def score(results: Iterable[TextResult]) -> Scores:
    results = list(results)
    per_file = {r.file: tally_text(r) for r in results}
    fields = FieldScores()
    for result in results:
        fields.add(result.comparisons())
    per_kind: dict[str, Tally] = {}
    for tallies in per_file.values():
        for kind, t in tallies.items():
            per_kind.setdefault(kind, Tally())
            per_kind[kind] += t
    known = registry.kind_names()
    kinds = [k for k in known if k in per_kind] + sorted(set(per_kind) - set(known))
    return Scores(per_kind=per_kind, headline=micro(per_kind), per_file=per_file,
                  arrest_count_without=_without_dominant(per_file, "arrest_count"), kinds=kinds,
                  fields=fields)


def _without_dominant(per_file: dict[str, dict[str, Tally]], kind: str) -> tuple[str, Tally] | None:
    """The kind's tally without the file holding most of its required gold, when one file holds
    more than a third: one long list (031's 22 city counts) should not decide the figure alone."""
    required = {f: t[kind].required for f, t in per_file.items() if kind in t}
    total = sum(required.values())
    if not total:
        return None
    top = max(required, key=lambda f: (required[f], f))
    if required[top] * 3 <= total or required[top] == total:  # no dominant file, or nothing else
        return None
    rest = Tally()
    for f, tallies in per_file.items():
        if f != top and kind in tallies:
            rest += tallies[kind]
    return top, rest
