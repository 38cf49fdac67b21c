"""Value normalisers: turn a rule match into an entity's value and attributes.

A rule names its normaliser with `value:`. Each normaliser gets the match and the
context and returns a dict of attributes (always `value`), or None to reject the match
(an impossible date, a number cn2an cannot read).
"""
from __future__ import annotations

from typing import Callable

from .context import Context
from .numbers import percent, quantity
from .orgs import org
from .times import date, deadline, deadline_ahead


def veto(match, ctx: Context) -> dict:
    return {"value": None}


NORMALISERS: dict[str, Callable] = {
    "quantity": quantity,
    "percent": percent,
    "date": date,
    "deadline": deadline,
    "deadline_ahead": deadline_ahead,
    "org": org,
    "veto": veto,
}

__all__ = ["NORMALISERS", "Context"]
