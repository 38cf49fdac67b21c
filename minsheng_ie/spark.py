"""Extraction as a Spark column (extra `[spark]`):

    from minsheng_ie.spark import with_entities
    df = with_entities(spark.read.parquet("cells/"), "text", ref_date_col="report_date",
                       field_col="field", rules=["my_rules/"])

adds `entities`, an array of structs (label, start, end, text, value as JSON, rule,
unit, value_max, comparator, points, role, canonical, …, number) — the same entities
as `minsheng_ie.extract` on each row's text, ref_date and field. Built on `mapInPandas`:
each Python worker builds its extractor once and reuses it for every batch of every task
(Spark reuses its Python workers); the user's rule files travel inside the task. A
missing text gives a null array. docs/scale.md has the recipe for an archive.
"""
from __future__ import annotations

from typing import Any, Iterator, Sequence

from pyspark.sql import DataFrame
from pyspark.sql import types as T

from .cluster import RECORD, RuleFiles, extract_column, pack_rules

_TYPES = {"str": T.StringType(), "json": T.StringType(), "int": T.IntegerType(), "float": T.DoubleType(),
          "bool": T.BooleanType()}
ENTITY_TYPE = T.StructType([T.StructField(name, _TYPES[kind]) for name, kind in RECORD])


def with_entities(df: DataFrame, text_col: str, *, ref_date_col: str | None = None,
                  field_col: str | None = None, output_col: str = "entities",
                  rules: Sequence[str] = (), segmenter: str = "jieba") -> DataFrame:
    """`df` with the entities of `text_col` in `output_col` (ref_date and field per row
    from those columns when given: ISO dates or dates, field names)."""
    for col in (text_col, ref_date_col, field_col):
        if col is not None and col not in df.columns:
            raise ValueError(f"no column {col!r} in the DataFrame (columns: {', '.join(df.columns)})")
    if output_col in df.columns:
        raise ValueError(f"the DataFrame already has a column {output_col!r}: choose another output_col")
    schema = T.StructType(df.schema.fields + [T.StructField(output_col, T.ArrayType(ENTITY_TYPE))])
    packed = pack_rules(rules)
    return df.mapInPandas(_extract_batches(text_col, ref_date_col, field_col, output_col, packed, segmenter),
                          schema=schema)


def _extract_batches(text_col: str, ref_date_col: str | None, field_col: str | None, output_col: str,
                     rules: RuleFiles, segmenter: str):
    def run(batches: Iterator[Any]) -> Iterator[Any]:
        for pdf in batches:
            n = len(pdf)
            pdf[output_col] = extract_column(
                pdf[text_col], pdf[ref_date_col] if ref_date_col else [None] * n,
                pdf[field_col] if field_col else [None] * n, rules, segmenter)
            yield pdf
    return run
