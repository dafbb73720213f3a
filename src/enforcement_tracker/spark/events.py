"""Reconciliation as a Spark `groupBy`, for a full backfill: a job's records into events.

`etrack load` regroups only the claims it touched, in SQLite; a backfill over a year of output is
the same grouping done where the records are: each record keyed by its claim's hash
(reconcile.claim_hash), grouped, and each group turned into events by the same
`group_records` and `summarize` that the ledger runs. Only the winning copy of each text counts
(store/identity.py), as in the ledger, and a wire copy counts as its family's outlet, linked by
the ledger's own rule (store/copy_links.py) over the documents that share a MinHash band. The
result, OUTPUT/events, has the ledger's `events` rows.
"""

from __future__ import annotations

import json
from itertools import combinations
from typing import Any, Iterable, Iterator

EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"), ("kind", "string"), ("label", "string"), ("state", "string"), ("date_start", "string"),
    ("date_end", "string"), ("status", "string"), ("n_documents", "long"), ("n_records", "long"),
    ("n_independent_sources", "long"), ("conflicts", "string"), ("json", "string"),
)


def winning_copies(documents):
    """(document_id, copy_key, publisher, published, syndicated_from) of each text's winning copy:
    the identity rule's order (store/identity.py: copy_order) as a window."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    read = documents.where(F.col("error").isNull())
    order = [F.col("published").isNull(), *(F.coalesce(F.col(c), F.lit("")) for c in
             ("published", "publisher", "url", "title", "kind", "path")), F.col("copy_key")]
    ranked = read.withColumn("rank", F.row_number().over(Window.partitionBy("id").orderBy(*order)))
    return ranked.where(F.col("rank") == 1).select(
        F.col("id").alias("document_id"), "copy_key", "publisher", "published", "syndicated_from", "title", "text")


def member_of(row: Any):
    """A winning copy as store/copy_links.py reads a document."""
    from enforcement_tracker.fetch.copies import signature
    from enforcement_tracker.store.copy_links import Member, own_outlet

    text = row["text"] or ""
    return Member(row["document_id"], row["publisher"], row["published"], row["title"], signature(text),
                  own_outlet(text, row["publisher"], row["syndicated_from"]))


def _band_keys(member) -> list[tuple[str, str]]:
    from enforcement_tracker.fetch.copies import band_keys

    return [(key, member.id) for key in band_keys(member.fingerprint)] if member.fingerprint is not None else []


def linked_outlets(spark, winners):
    """(document_id, outlet) of every winning copy: its family's outlet, or its own credit. The
    candidate pairs (a shared band) are found where the documents are; only the documents in a
    pair, without their text, are brought to the driver to be grouped into families."""
    from enforcement_tracker.spark.columns import spark_schema
    from enforcement_tracker.store.copy_links import links_of

    members = winners.rdd.map(member_of).cache()
    pairs = (members.flatMap(_band_keys).groupByKey()
             .flatMap(lambda group: combinations(sorted(set(group[1])), 2)).distinct().collect())
    involved = spark.sparkContext.broadcast({i for pair in pairs for i in pair})
    links = links_of(members.filter(lambda m: m.id in involved.value).collect(), pairs)
    shared = spark.sparkContext.broadcast({i: link.syndicated_from for i, link in links.items()})
    rows = members.map(lambda m: (m.id, shared.value[m.id] if m.id in shared.value else m.own_outlet))
    return spark.createDataFrame(rows, spark_schema((("document_id", "string"), ("outlet", "string"))))


def claim_of(row: Any) -> tuple[str, dict[str, Any]]:
    from enforcement_tracker.reconcile import claim_hash

    record = json.loads(row["json"])
    record["document"] = {"publisher": row["publisher"], "published": row["published"],
                          "syndicated_from": row["syndicated_from"]}
    return claim_hash(record), record


def events_of_claim(item: tuple[str, Iterable[dict[str, Any]]]) -> Iterator[tuple]:
    from enforcement_tracker.reconcile import group_records, summarize

    for event in group_records(list(item[1])):
        row = summarize(event)
        yield tuple(row[name] for name, _ in EVENT_COLUMNS)


def backfill_events(spark, output: str) -> int:
    """Write OUTPUT/events from OUTPUT/documents and OUTPUT/records; the number of events."""
    from enforcement_tracker.spark.columns import spark_schema

    documents = spark.read.parquet(f"{output}/documents")
    winners = winning_copies(documents)
    outlets = linked_outlets(spark, winners)
    winners = winners.drop("syndicated_from", "title", "text").join(outlets, "document_id") \
        .withColumnRenamed("outlet", "syndicated_from")
    records = spark.read.parquet(f"{output}/records").drop("month").join(winners, ["document_id", "copy_key"])
    records = records.dropDuplicates(["id"])  # the same copy read twice is one document
    grouped = records.select("json", "publisher", "published", "syndicated_from").rdd.map(claim_of).groupByKey()
    events = spark.createDataFrame(grouped.flatMap(events_of_claim), spark_schema(EVENT_COLUMNS))
    events.write.mode("overwrite").parquet(f"{output}/events")
    return spark.read.parquet(f"{output}/events").count()
