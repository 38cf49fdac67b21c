"""Extraction as a Dask DataFrame column (extra `[dask]`):

    from minsheng_ie.dask import with_entities
    ddf = with_entities(dd.read_parquet("cells/"), "text", ref_date_col="report_date")

adds `entities`: per row, a list of dicts (label, start, end, text, value as JSON, rule,
unit, …, number) — the entities `minsheng_ie.extract` finds in that row's text with its
ref_date and field. Built on `map_partitions`: each worker process builds its extractor
once; the user's rule files travel inside the task graph. docs/scale.md has the recipe.
"""
from __future__ import annotations

from typing import Any, Sequence

import dask.dataframe as dd
import pandas as pd

from .cluster import RuleFiles, extract_column, pack_rules


def with_entities(ddf: dd.DataFrame, text_col: str, *, ref_date_col: str | None = None,
                  field_col: str | None = None, output_col: str = "entities",
                  rules: Sequence[str] = (), segmenter: str = "jieba") -> dd.DataFrame:
    """`ddf` with the entities of `text_col` in `output_col` (an object column)."""
    for col in (text_col, ref_date_col, field_col):
        if col is not None and col not in ddf.columns:
            raise ValueError(f"no column {col!r} in the DataFrame (columns: {', '.join(ddf.columns)})")
    if output_col in ddf.columns:
        raise ValueError(f"the DataFrame already has a column {output_col!r}: choose another output_col")
    meta = ddf._meta.assign(**{output_col: pd.Series([], dtype=object)})
    return ddf.map_partitions(_extract_partition, text_col, ref_date_col, field_col, output_col,
                              pack_rules(rules), segmenter, meta=meta)


def _extract_partition(pdf: pd.DataFrame, text_col: str, ref_date_col: str | None, field_col: str | None,
                       output_col: str, rules: RuleFiles, segmenter: str) -> pd.DataFrame:
    n = len(pdf)
    column: Any = extract_column(pdf[text_col], pdf[ref_date_col] if ref_date_col else [None] * n,
                                 pdf[field_col] if field_col else [None] * n, rules, segmenter)
    return pdf.assign(**{output_col: pd.Series(column, index=pdf.index, dtype=object)})
