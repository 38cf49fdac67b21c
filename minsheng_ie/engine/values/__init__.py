"""Value normalisers: turn a rule match into an entity's value and attributes.

A rule names its normaliser with `value:`. Each normaliser gets the match and the
context and returns a dict of attributes (always `value`), or None to reject the match
(an impossible date, a number cn2an cannot read).

Each normaliser also declares what it reads (`CONTRACTS`): the capture names (NAME in a
pattern) and the lexicons. Rule loading checks every rule against the declaration of the
normaliser it names, so a capture nobody reads or a missing lexicon is an error at load,
not a value silently lost.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from ..matcher import Match
from .context import Context
from .numbers import percent, quantity
from .orgs import org
from .subjects import carried_subject, nth_member, shared_subject, subject
from .times import as_of, date, deadline, deadline_ahead, deadline_ahead_dated


class Normaliser(Protocol):
    def __call__(self, m: Match, ctx: Context) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class Contract:
    """What a normaliser reads: capture names and lexicons."""
    captures: frozenset[str] = frozenset()
    lexicons: frozenset[str] = frozenset()


def veto(m: Match, ctx: Context) -> dict[str, Any] | None:
    return {"value": None}


NORMALISERS: dict[str, Normaliser] = {
    "quantity": quantity,
    "percent": percent,
    "date": date,
    "as_of": as_of,
    "deadline": deadline,
    "deadline_ahead": deadline_ahead,
    "deadline_ahead_dated": deadline_ahead_dated,
    "org": org,
    "veto": veto,
    "subject": subject,
    "carried_subject": carried_subject,
    "shared_subject": shared_subject,
    "nth_member": nth_member,
}

_COMPARATOR = Contract(frozenset({"cmp_pre", "cmp_post", "approx"}),
                       frozenset({"cmp_pre", "cmp_post", "approx_inner"}))
# the parts of a time expression; the second end of a range has them with suffix 2
_TIME_PARTS = ("y", "m", "d", "ymd", "ym", "md", "dmy", "y_rel", "y_same", "y_at", "m_rel", "m_word", "m_upto",
               "m_last", "q", "q_word", "q_upto", "q_rel", "century", "c_rel", "decade", "ypart", "munit",
               "mpart", "qpart")
_TIME = Contract(frozenset(_TIME_PARTS) | {p + "2" for p in _TIME_PARTS},
                 frozenset({"rel_year", "rel_period", "rel_month", "rel_quarter", "rel_century", "month_word",
                            "quarter_word", "quarter_span", "year_part", "month_part", "quarter_part"}))

# the parts of a quantity; the second end of a range has them with suffix 2
_QUANTITY_PARTS = ("num", "mult", "jiao", "fen", "half", "sign", "major", "cent", "unit", "per")

CONTRACTS: dict[str, Contract] = {
    "quantity": Contract(
        _COMPARATOR.captures | set(_QUANTITY_PARTS) | {p + "2" for p in _QUANTITY_PARTS},
        _COMPARATOR.lexicons | {"multiplier", "unit", "money_major", "money_cent"}),
    "percent": Contract(_COMPARATOR.captures | {"num", "num2", "points"}, _COMPARATOR.lexicons),
    "date": _TIME,
    "as_of": _TIME,
    "deadline": _TIME,
    "deadline_ahead": _TIME,
    "deadline_ahead_dated": _TIME,
    "org": Contract(frozenset({"role", "role_after", "agency"}),
                    frozenset({"role_cue", "role_cue_after", "agency"})),
    "veto": Contract(),
    # attaching normalisers (SUBJECT rules): `figure` is the entity they attach to
    "subject": Contract(frozenset({"subject", "figure"})),
    "carried_subject": Contract(frozenset({"carry", "figure"}), frozenset({"unit", "person_unit"})),
    "shared_subject": Contract(frozenset({"carry", "figure"})),
    "nth_member": Contract(frozenset({"members", "before", "after", "figure"})),
}

__all__ = ["NORMALISERS", "CONTRACTS", "Contract", "Normaliser", "Context"]
