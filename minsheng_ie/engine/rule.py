"""The Rule type: a validated rule whose fragments are inlined, ready for the matcher.

Kept apart from rules.py (files, schema, validation) so it can be compiled with the
modules that read a rule's attributes for every match.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_REPEAT = 32  # '*' and '+' match at most this many tokens: matching stays linear
MAX_ALTERNATIVES = 16   # patterns an EITHER step may expand a rule into


def expand(pattern: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The plain patterns a pattern with EITHER steps stands for: one per choice of branch
    (a rule matches where any of them matches). Raises ValueError past MAX_ALTERNATIVES."""
    out: list[list[dict[str, Any]]] = [[]]
    for spec in pattern:
        if "EITHER" in spec:
            branches = [alt for branch in spec["EITHER"] for alt in expand(branch)]
            out = [done + alt for done in out for alt in branches]
        else:
            out = [done + [spec] for done in out]
        if len(out) > MAX_ALTERNATIVES:
            raise ValueError(f"EITHER: more than {MAX_ALTERNATIVES} alternatives")
    return out


@dataclass
class Rule:
    id: str
    label: str
    priority: int
    value: str
    pattern: list[dict[str, Any]]      # as written, fragments inlined (EITHER steps kept)
    fields: frozenset[str] | None
    not_fields: frozenset[str]
    attrs: dict[str, Any]
    field_attrs: dict[str, dict[str, Any]]
    inherit: tuple[str, ...]
    examples: Any                      # rules.ExamplesModel: what the rule must and must not match
    file: str
    line: int | None = None
    description: str = ""
    # a list rule (lists.py): capture, separators and the ends/starts lexicons of its list
    list_of: dict[str, Any] | None = None
    second_pass: bool = False
    alternatives: list[list[dict[str, Any]]] = field(default_factory=list)   # expand(pattern)

    @property
    def in_second_pass(self) -> bool:
        """Rules with an ENT step run in the second pass, over the first pass's matches; so
        do rules marked `second_pass`, which are then tried only on texts that hold a token
        for every step they require (a trailing role word, a role cue)."""
        return self.second_pass or any("ENT" in spec for alt in self.alternatives for spec in alt)

    def defaults(self, fld: str | None) -> dict[str, Any]:
        """Attributes an entity of this rule gets when its match did not set them:
        the per-field ones first, then the plain ones."""
        if not self.field_attrs:
            return self.attrs
        return {**self.attrs, **self.field_attrs.get(fld or "", {})}

    def applies_to(self, fld: str | None) -> bool:
        if self.fields is not None and fld not in self.fields:
            return False
        return fld not in self.not_fields
