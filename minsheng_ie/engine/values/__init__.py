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
from .subjects import carried_subject, shared_subject, subject
from .times import date, deadline


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
    "deadline": deadline,
    "org": org,
    "veto": veto,
    "subject": subject,
    "carried_subject": carried_subject,
    "shared_subject": shared_subject,
}

_COMPARATOR = Contract(frozenset({"cmp_pre", "cmp_post", "approx"}),
                       frozenset({"cmp_pre", "cmp_post", "approx_inner"}))
# the parts of a time expression; the second end of a range has them with suffix 2
_TIME_PARTS = ("y", "m", "d", "ymd", "md", "y_rel", "y_same", "m_rel", "q", "q_word", "q_upto",
               "ypart", "mpart", "qpart")
_TIME = Contract(frozenset(_TIME_PARTS) | {p + "2" for p in _TIME_PARTS},
                 frozenset({"rel_year", "rel_period", "rel_month", "quarter_word", "quarter_span",
                            "year_part", "month_part", "quarter_part"}))

CONTRACTS: dict[str, Contract] = {
    "quantity": Contract(
        _COMPARATOR.captures | {"num", "mult", "num_rest", "mult_rest", "jiao", "fen", "num2", "mult2",
                                "unit", "per"},
        _COMPARATOR.lexicons | {"multiplier", "unit"}),
    "percent": Contract(_COMPARATOR.captures | {"num", "num2", "points"}, _COMPARATOR.lexicons),
    "date": _TIME,
    "deadline": _TIME,
    "org": Contract(frozenset({"role", "role_after", "agency"}),
                    frozenset({"role_cue", "role_cue_after", "agency"})),
    "veto": Contract(),
    # attaching normalisers (SUBJECT rules): `figure` is the entity they attach to
    "subject": Contract(frozenset({"subject", "figure"})),
    "carried_subject": Contract(frozenset({"carry", "figure"}), frozenset({"unit", "person_unit"})),
    "shared_subject": Contract(frozenset({"carry", "figure"})),
}

__all__ = ["NORMALISERS", "CONTRACTS", "Contract", "Normaliser", "Context"]
