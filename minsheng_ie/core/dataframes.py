"""pandas DataFrames out of result rows; pandas is an optional extra (minsheng_ie[pandas])."""
from __future__ import annotations

from typing import Any


def dataframe(rows: list[dict[str, Any]], columns: list[str]) -> Any:
    """A DataFrame of `rows`, with `columns` first (and present even when there is no row)."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("to_dataframe() needs pandas: pip install 'minsheng_ie[pandas]'") from None
    extra = [k for r in rows for k in r if k not in columns]
    return pd.DataFrame(rows, columns=columns + list(dict.fromkeys(extra)))
