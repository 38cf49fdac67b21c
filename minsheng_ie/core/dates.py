"""The report date a caller gives: a date, or a string in ISO or written form."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_ref_date(ref_date: Any) -> dt.date | None:
    """None, a date/datetime, or a string: ISO, or anything dateparser reads (2020年3月31日)."""
    if ref_date is None:
        return None
    if isinstance(ref_date, dt.datetime):
        return ref_date.date()
    if isinstance(ref_date, dt.date):
        return ref_date
    if not isinstance(ref_date, str):
        raise TypeError(f"ref_date must be a date or str, not {type(ref_date).__name__}")
    return _parse_date_string(ref_date)


@lru_cache(maxsize=4096)   # a batch gives the same few dates again and again
def _parse_date_string(ref_date: str) -> dt.date:
    s = ref_date.strip()
    if _ISO.match(s):
        try:
            return dt.date.fromisoformat(s)
        except ValueError:
            raise ValueError(f"invalid ref_date {ref_date!r}: not a calendar date") from None
    import dateparser  # slow to import: only when a non-ISO date is given
    parsed = dateparser.parse(s, languages=["zh", "en"], settings={"STRICT_PARSING": True})
    if parsed is None:
        raise ValueError(f"invalid ref_date {ref_date!r}: use an ISO date like 2020-03-31")
    return parsed.date()
