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
from .subjects import carried_subject, shared_subject, subject
from .times import date, deadline


def veto(match, ctx: Context) -> dict:
    return {"value": None}


NORMALISERS: dict[str, Callable] = {
    "quantity": quantity,
    "percent": percent,
    "date": date,
    "deadline": deadline,
    "org": org,
    "veto": veto,
    "subject": subject,
    "carried_subject": carried_subject,
    "shared_subject": shared_subject,
}

__all__ = ["NORMALISERS", "Context"]
