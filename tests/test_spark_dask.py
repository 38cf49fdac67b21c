"""Spark (local[2]) and Dask (LocalCluster, 2 workers): the entities column equals
extract() row by row, with ref_date and field per row, missing cells, and a user rule
directory carried to the workers."""
import json
import os
import sys

import pytest

import minsheng_ie
from minsheng_ie.cluster import RECORD, entity_record

from .conftest import GOLD

LEXICON = "lexicons:\n  unit:\n    entries:\n      眼机井: {dimension: count}\n"   # a user's unit
USER_TEXT = "新打30眼机井，9月底前完成"   # bundled rules: 30眼; with the user's: 30眼机井


def _rows():
    """(id, text, ref_date, field) of every unit of two seed gold files, a user-rule text,
    and a missing text."""
    rows = []
    for path in sorted(GOLD.glob("00[01]_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            u = json.loads(line)
            rows.append((u["id"], u["text"], u.get("ref_date"), u.get("field")))
    return rows + [("user", USER_TEXT, "2024-06-30", None), ("none", None, "2024-06-30", None)]


def _expected(ext, text, ref, field):
    if text is None:
        return None
    return [entity_record(e) for e in ext.extract(text, ref_date=ref, field=field).entities]


@pytest.fixture(scope="module")
def user_rules(tmp_path_factory):
    d = tmp_path_factory.mktemp("my_rules")
    (d / "lexicons.yaml").write_text(LEXICON, encoding="utf-8")
    return d


def test_record_is_flat_and_typed():
    e = minsheng_ie.extract("截至2月底，累计发放5842万元，完成22.85%", ref_date="2020-03-31").entities
    recs = [entity_record(x) for x in e]
    assert [r["number"] for r in recs] == [None, 58420000.0, 22.85]
    assert json.loads(recs[0]["value"]) == ["2020-02-29", "2020-02-29"]
    assert all(list(r) == [name for name, _ in RECORD] for r in recs)


def test_dask_equals_extract_row_by_row(user_rules):
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    import pandas as pd
    from minsheng_ie.dask import with_entities
    rows = _rows()
    pdf = pd.DataFrame(rows, columns=["id", "text", "ref_date", "field"])
    ext = minsheng_ie.Extractor(rules=[user_rules])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        ddf = with_entities(dd.from_pandas(pdf, npartitions=4), "text", ref_date_col="ref_date",
                            field_col="field", rules=[str(user_rules)])
        out = ddf.compute()
    assert list(out["id"]) == [r[0] for r in rows]
    for (_, text, ref, field), got in zip(rows, out["entities"]):
        assert got == _expected(ext, text, ref, field), text
    assert [r["unit"] for r in out["entities"].iloc[-2]] == ["眼机井", None]   # the user's unit


def test_spark_equals_extract_row_by_row(user_rules, monkeypatch):
    pyspark = pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession
    from minsheng_ie.spark import with_entities
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    monkeypatch.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (SparkSession.builder.master("local[2]").appName("minsheng_ie-test")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
             .config("spark.driver.host", "127.0.0.1").getOrCreate())
    try:
        rows = _rows()
        df = spark.createDataFrame(rows, "id string, text string, ref_date string, field string").repartition(2)
        out = with_entities(df, "text", ref_date_col="ref_date", field_col="field",
                            rules=[str(user_rules)]).collect()
    finally:
        spark.stop()
    ext = minsheng_ie.Extractor(rules=[user_rules])
    by_id = {r["id"]: r for r in out}
    assert len(out) == len(rows)
    for rid, text, ref, field in rows:
        got = by_id[rid]["entities"]
        want = _expected(ext, text, ref, field)
        assert (None if got is None else [e.asDict() for e in got]) == want, text
    assert pyspark.__version__


def test_missing_columns_are_named():
    import pandas as pd
    dd = pytest.importorskip("dask.dataframe")
    from minsheng_ie.dask import with_entities
    ddf = dd.from_pandas(pd.DataFrame({"text": ["已完成87间"]}), npartitions=1)
    with pytest.raises(ValueError, match="no column 'date'"):
        with_entities(ddf, "text", ref_date_col="date")
    with pytest.raises(ValueError, match="already has a column 'text'"):
        with_entities(ddf, "text", output_col="text")
    assert os.environ.get("PYSPARK_PYTHON") != "unset"
