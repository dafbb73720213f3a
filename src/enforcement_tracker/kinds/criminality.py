"""criminality: how many of those arrested had (or had no) criminal record ("nearly half")."""

from __future__ import annotations

from typing import Any, Mapping

from enforcement_tracker.describe import number_words
from enforcement_tracker.kinds.base import Kind
from enforcement_tracker.kinds.compare import criminality_group, criminality_numbers
from enforcement_tracker.kinds.examples import Draw, Latest
from enforcement_tracker.kinds.listing import number_part, period_part, tail_parts
from enforcement_tracker.kinds.values import ledger_columns, number_key, period_dates
from enforcement_tracker.publish import words

# Reports word one fact with neighbouring categories ("no record", "not criminal"); they are one claim.
_CATEGORY_GROUPS = {"not_criminal": "no_record", "no_record": "no_record", "collateral": "no_record",
                    "convicted": "convicted", "charged": "convicted", "convicted_or_charged": "convicted"}


def describe(record: dict[str, Any]) -> str:
    amount = number_words(record["share"], share=True) if record.get("share") else \
        number_words(record.get("count")) if record.get("count") else "some"
    return f"{amount} {record.get('category', '').replace('_', ' ')}"


def fields_in_words(data: dict[str, Any]) -> list[tuple[str, str]]:
    amount = words.number(data["share"], share=True) if data.get("share") else words.number(data.get("count"))
    return [("Category", (data.get("category") or "?").replace("_", " ")), ("How many", amount),
            ("Of", data.get("of") or "no arrest count in the same document")]


def summary(row: dict[str, Any]) -> str:
    share = f"{row['share'] * 100:.0f}%" if row.get("share") is not None else words.row_amount(row)
    return f"{share or 'An unstated share'} {words.CATEGORY_WORDS.get(row.get('category') or '', (row.get('category') or '').replace('_', ' '))}"


def claim_key(record: dict[str, Any]) -> tuple:
    # the count carries a record that states both ("14,111—nearly half—"), as in same_claim
    number = record.get("count") or record.get("share")
    return (_CATEGORY_GROUPS.get(record.get("category"), record.get("category")), number_key(number))


def same_claim(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a.get("category") == b.get("category") and \
        number_key(a.get("count") or a.get("share")) == number_key(b.get("count") or b.get("share"))


def match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    group = criminality_group(gold.get("category"))
    if group is None or group != criminality_group(pred.get("category")):
        return False
    gold_numbers, pred_numbers = criminality_numbers(gold), criminality_numbers(pred)
    if not gold_numbers:  # "collateral arrests" with no number matches a number-less prediction
        return not pred_numbers
    # A prediction may carry a count and its restated share; either can meet the gold number.
    return bool(gold_numbers & pred_numbers)


def columns(fields: dict[str, Any]) -> dict[str, Any]:
    return ledger_columns(fields, dates=period_dates(fields.get("period")))


def listing(record: dict[str, Any]) -> list[str]:
    number = record.get("count") if record.get("count") is not None else record.get("share")
    shown_as_share = record.get("share") is not None and record.get("count") is None
    parts = [str(record.get("category")), ("share " if shown_as_share else "") + number_part(number)]
    if record.get("of_count") is not None:
        parts.append(f"of {record['of_count']}")
    return parts + period_part(record) + tail_parts(record)


def gold_fields(record: dict[str, Any], by_id: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """Gold names the count a criminality record qualifies by its value (`of_count`), the contract
    by the count's record id (`of`)."""
    of = record.get("of")
    return {"of_count": _count_value(by_id.get(of)) if of else None}


def _count_value(row: dict[str, Any] | None) -> Any:
    """The value of a count as gold writes `of_count`: a number, or [low, high]."""
    if not row:
        return None
    count = row.get("count")
    if isinstance(count, dict):
        if count.get("value") is not None:
            return count["value"]
        if count.get("low") is not None or count.get("high") is not None:
            return [count.get("low"), count.get("high")]
    return count


def example(draw: Draw) -> tuple[str, dict[str, Any], list[Any]]:
    share = round(draw.rng.uniform(0.3, 0.7), 2)
    text = f"About {round(share * 100)} percent of those arrested had no criminal record."
    # It qualifies the document's arrest count before it, as a report's share does.
    return text, {"of": Latest("arrest_count"), "category": "no_record",
                  "share": {"value": share, "qualifier": "about"}}, [draw.anonymous]


KIND = Kind(
    name="criminality",
    version=5,
    title="Criminal history of those arrested",
    fields=(("of", "the id of the arrest_count it qualifies, or null"),
            ("category", "not_criminal, no_record, convicted, charged, convicted_or_charged, final_order"
                         " or collateral"),
            ("count", "how many, when a number is stated"),
            ("share", "what fraction of the arrests, when a share is stated (0 to 1)")),
    describe=describe,
    words=fields_in_words,
    summary=summary,
    claim_key=claim_key,
    same_claim=same_claim,
    match=match,
    columns=columns,
    headline=True,
    rank=40,
    finder="enforcement_tracker.extract.claims:find_claims",
    scored_fields=("category", "of_count", "qualifier", "sources"),
    checker="enforcement_tracker.analyze.shares:check_criminality",
    summary_order=40,
    gold_fields=gold_fields,
    listing=listing,
    example=example,
)
