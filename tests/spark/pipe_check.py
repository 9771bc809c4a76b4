"""Run howtokb under Apache Spark (local mode) through RDD.pipe() and
compare its records with a single-process run.

usage: pipe_check.py DUMP.jsonl HOWTOKB_BINARY EXPECTED_ARTICLES.jsonl

The dump is split into several partitions; each partition's lines are piped
through `howtokb extract - --stdout` in its own process, as a cluster would.
Exit 0 when the set of (id, content_hash) pairs equals the expected one.
"""
import json
import os
import sys

from pyspark import SparkConf, SparkContext


def main():
    dump, binary, expected = sys.argv[1:4]
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    conf = (
        SparkConf()
        .setMaster("local[2]")
        .setAppName("howtokb-pipe-test")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
    )
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        rdd = sc.textFile(dump, minPartitions=4)
        partitions = rdd.getNumPartitions()
        lines = rdd.pipe(f"{binary} extract - --stdout").collect()
    finally:
        sc.stop()
    got = {(r["id"], r["content_hash"]) for r in map(json.loads, lines)}
    with open(expected, encoding="utf-8") as f:
        want = {(r["id"], r["content_hash"]) for r in map(json.loads, f)}
    print(f"spark partitions={partitions} records={len(lines)} expected={len(want)} equal={got == want}")
    if got != want or len(lines) != len(want):
        print("missing:", sorted(want - got)[:5], "unexpected:", sorted(got - want)[:5])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
