"""Extraction past one machine: the same pipeline as a PySpark job (an optional extra).

    pip install 'enforcement-tracker[spark]'
    etrack spark extract INPUT OUTPUT --master local[2]
    etrack load OUTPUT --db etrack.db

`spark/partition.py` is the per-partition work in plain Python (the public document API and
`extract_each`); `spark/job.py` is the Spark side (read, `mapPartitions`, write);
`spark/warc.py` streams WARC files named by a manifest; `spark/columns.py` declares the tables.
Importing this package does not import pyspark.
"""
