"""Throughput of extraction at scale on this machine: one process, extract_many over two
processes, Dask (LocalCluster, 2 workers) and Spark (local[2]). The figures of
docs/scale.md come from here.

    python scripts/measure_scale.py [ROWS]        # default 100,000 rows

Rows are the development gold units (the seed reports, the development challenge sets)
with every digit redrawn at random, so that the figures change from row to row as in an
archive while the words stay those of real reports. Each engine runs on the same rows
with the rows' ref_date and field; wall clock, with the load average before each run
(the cores may be shared), and rows per CPU second of all the processes involved —
the JVM and Dask's scheduler included — which is what one free core does.
"""
from __future__ import annotations

import json
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rows(n: int) -> list[tuple[str, str, str | None, str | None]]:
    files = sorted((ROOT / "gold").glob("0*.jsonl")) + [
        ROOT / "gold" / "challenge" / f for f in ("mixed_simplified.jsonl", "traditional_messy.jsonl")]
    units = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    rnd = random.Random(0)
    out = []
    for i in range(n):
        u = units[i % len(units)]
        text = "".join(str(rnd.randrange(10)) if c.isdigit() and c.isascii() else c for c in u["text"])
        out.append((f"r{i}", text, u.get("ref_date"), u.get("field")))
    return out


def cpu_seconds() -> float:
    """CPU time of this process and all its descendants, living (from /proc) or reaped:
    the workers of the pool, Dask's worker processes, Spark's JVM and Python workers."""
    parent: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parent[int(entry)] = int(fields[1])
            times[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    me, total = os.getpid(), 0.0
    for pid in times:
        p = pid
        while p > 1 and p != me:
            p = parent.get(p, 0)
        if p == me and pid != me:
            total += times[pid]
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime + total


def timed(label: str, fn, n: int, results: dict) -> None:
    """Wall clock, and rows per CPU second of every process involved (per core: what a
    free core does, whatever else the machine runs)."""
    load = os.getloadavg()[0]
    t, cpu = time.perf_counter(), cpu_seconds()
    fn()
    secs, cpu = time.perf_counter() - t, cpu_seconds() - cpu
    results[label] = {"rows": n, "seconds": round(secs, 2), "rows_per_s": round(n / secs),
                      "cpu_seconds": round(cpu, 2), "rows_per_cpu_s": round(n / cpu), "load_before": load}
    print(f"{label:<34} {n / secs:>9,.0f} rows/s wall  {n / cpu:>9,.0f} rows per CPU second  "
          f"({secs:6.1f} s, load {load:.1f})", flush=True)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    data = rows(n)
    texts, refs, fields = [r[1] for r in data], [r[2] for r in data], [r[3] for r in data]
    import minsheng_ie
    print(minsheng_ie.build_info(), flush=True)
    results: dict = {"build": minsheng_ie.build_info()["build"], "cores": os.cpu_count()}
    ext = minsheng_ie.Extractor()
    timed("one process, extract()", lambda: [ext.extract(t, ref_date=r, field=f) for _, t, r, f in data], n, results)
    ext = minsheng_ie.Extractor()
    timed("extract_many, 2 processes", lambda: ext.extract_many(texts, ref_date=refs, field=fields, n_process=2),
          n, results)

    import pandas as pd
    pdf = pd.DataFrame(data, columns=["id", "text", "ref_date", "field"])

    import dask.dataframe as dd
    import distributed
    from minsheng_ie.dask import with_entities as dask_entities
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        ddf = dask_entities(dd.from_pandas(pdf, npartitions=16), "text", ref_date_col="ref_date", field_col="field")
        timed("Dask, LocalCluster 2 workers", lambda: ddf["entities"].map(len, meta=("n", int)).sum().compute(),
              n, results)

    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession
    from minsheng_ie.spark import with_entities as spark_entities
    spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
             .config("spark.driver.host", "127.0.0.1").config("spark.driver.memory", "2g").getOrCreate())
    try:
        df = spark.createDataFrame(pdf).repartition(16).cache()
        df.count()
        out = spark_entities(df, "text", ref_date_col="ref_date", field_col="field")
        timed("Spark, local[2]", lambda: out.selectExpr("sum(size(entities))").collect(), n, results)
    finally:
        spark.stop()
    (ROOT / "benchmarks" / "results").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "results" / "scale.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
