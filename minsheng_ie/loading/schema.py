"""The schema of rule files (pydantic, extra keys refused) and the regex safety check.

A rule file is YAML:

    fragments:                      # named token sub-patterns, usable in any file
      year: [{IS_NUM: true, REGEX: "(19|20)[0-9]{2}", NAME: y}, {TEXT: 年}]
    rules:
      - id: quantity.number_unit
        label: QUANTITY
        priority: 50
        value: quantity              # the value normaliser (engine/values)
        pattern:
          - {LEX: cmp_pre, OP: "?", NAME: comparator, CONTEXT: true}
          - {IS_NUM: true, NAME: num}
          - {LEX: unit, NAME: unit}
        examples:
          match:
            - text: 不少于200场次
              expect: [{text: 200场次, value: 200, unit: 场次, comparator: ">="}]
          no_match: [第五项]

Token spec keys (all given keys must hold): TEXT, IN, NOT_IN, LEX (one lexicon or a list;
DIMENSION: only its entries of these dimensions), NOT_LEX, (NOT_)ENDS_WITH_LEX, REGEX
(full match on the normalised token), IS_NUM, IS_PUNCT, IS_SPACE, IS_HAN, IS_EDGE (the empty
token at either end of the text), LENGTH, ANY (a list of such specs, one of which the token
must pass); FRAGMENT inlines a named fragment; EITHER lists alternative sequences of steps;
ENT matches a whole first-pass entity (ENT_SUFFIX renames its captures, ENT_WITH tests the
tokens it captured); PREV / NOT_PREV and NEXT / NOT_NEXT test the token before / after
(zero-width). OP is ?, *, + or {n,m}; NAME captures the tokens
for the normaliser; CONTEXT tokens must match but stay outside the entity span.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from ..core.entities import Entity
from ..core.vocab import DIMENSIONS, FIELDS, RULE_LABELS
from .regex_safety import check_regex_safe

# what an example may expect of an entity: its fields (the entity's `to_dict(details=True)`)
EXPECT_KEYS = frozenset(f.name for f in dataclasses.fields(Entity)) - {"start", "end"}

_OP = re.compile(r"^(\?|\*|\+|\{(\d+),(\d+)\})$")

# A word of a rule or lexicon (TEXT, IN, a lexicon form) goes into the segmenter's
# dictionary, which stores every prefix of it: a word of 100,000 characters would store
# gigabytes. The longest bundled one has 14 (社会治安综合治理委员会办公室).
Word = Annotated[str, StringConstraints(max_length=64)]


class TokenSpecModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    TEXT: Word | None = None
    IN: list[Word] | None = None
    NOT_IN: list[Word] | None = None
    LEX: str | list[str] | None = None
    DIMENSION: list[Literal[DIMENSIONS]] | None = None  # type: ignore[valid-type]  # with LEX: entries of these only
    NOT_LEX: str | list[str] | None = None
    ENDS_WITH_LEX: str | None = None
    NOT_ENDS_WITH_LEX: str | None = None
    REGEX: str | None = None
    IS_NUM: bool | None = None
    IS_PUNCT: bool | None = None
    IS_SPACE: bool | None = None
    IS_HAN: bool | None = None
    IS_EDGE: bool | None = None        # the empty token at the start or the end of the text
    ANY: list["TokenSpecModel"] | None = None   # the token passes one of these specs
    LENGTH: int | None = None
    FRAGMENT: str | None = None
    EITHER: list[list["TokenSpecModel"]] | None = None   # alternative sub-sequences of steps
    ENT: str | list[str] | None = None
    ENT_SUFFIX: str | None = None      # rename the entity's captures: y → y2 for a range end
    # with ENT: the entity's captured tokens under each name must pass the token test
    # ({unit: {LEX: person_unit}}: a figure counting persons)
    ENT_WITH: dict[str, "TokenSpecModel"] | None = None
    # zero-width: the token before this point passes (PREV) or does not pass, or there is
    # none (NOT_PREV), the token test (a subject that does not end with a verb)
    PREV: "TokenSpecModel | None" = None
    NOT_PREV: "TokenSpecModel | None" = None
    # zero-width: the token after this point passes (NEXT) or does not, or there is none
    # (NOT_NEXT), the token test (a percentage that ends its clause)
    NEXT: "TokenSpecModel | None" = None
    NOT_NEXT: "TokenSpecModel | None" = None
    OUTSIDE_ENT: bool | None = None    # attaching rules: a token no kept entity covers
    OP: str | None = None
    NAME: str | None = None
    CONTEXT: bool = False

    @field_validator("OP")
    @classmethod
    def _op(cls, v: str | None) -> str | None:
        if v is not None and not _OP.match(v):
            raise ValueError("OP must be ?, *, + or {n,m}")
        return v

    @field_validator("REGEX")
    @classmethod
    def _regex(cls, v: str | None) -> str | None:
        if v is not None:
            check_regex_safe(v)
        return v

    @model_validator(mode="after")
    def _not_empty(self) -> "TokenSpecModel":
        keys = self.model_dump(exclude_none=True, exclude={"OP", "NAME", "CONTEXT", "OUTSIDE_ENT"})
        if not keys:
            raise ValueError("a token spec needs at least one test (TEXT, IN, LEX, REGEX, IS_NUM …)")
        if self.FRAGMENT and (len(keys) > 1 or self.OUTSIDE_ENT is not None):
            raise ValueError("FRAGMENT cannot be combined with other tests")
        if self.EITHER is not None and (len(keys) > 1 or self.OP or self.NAME or self.CONTEXT or len(self.EITHER) < 2):
            raise ValueError("EITHER takes two or more lists of steps and nothing else (OP, NAME, CONTEXT go inside)")
        if self.ENT and self.OUTSIDE_ENT is not None:
            raise ValueError("OUTSIDE_ENT is a test of a plain token, not of ENT")
        if self.ENT and (len(keys) - (self.ENT_SUFFIX is not None) - (self.ENT_WITH is not None) > 1 or self.OP):
            raise ValueError("ENT matches a whole entity: it takes no other test and no OP")
        if (self.ENT_SUFFIX is not None or self.ENT_WITH is not None) and not self.ENT:
            raise ValueError("ENT_SUFFIX and ENT_WITH go with ENT")
        if self.DIMENSION is not None and not self.LEX:
            raise ValueError("DIMENSION goes with LEX (the entries of a lexicon with these dimensions)")
        for alt in self.ANY or ():
            if (alt.OP or alt.NAME or alt.CONTEXT or alt.ENT or alt.FRAGMENT or alt.ANY or alt.EITHER
                    or any(t is not None for t in (alt.PREV, alt.NOT_PREV, alt.NEXT, alt.NOT_NEXT))):
                raise ValueError("an ANY alternative is a token test: no OP, NAME, CONTEXT, ENT, FRAGMENT, ANY, "
                                 "EITHER, PREV or NEXT")
        tests = [(f"ENT_WITH -> {n}", t) for n, t in (self.ENT_WITH or {}).items()]
        looks = (("PREV", self.PREV), ("NOT_PREV", self.NOT_PREV), ("NEXT", self.NEXT), ("NOT_NEXT", self.NOT_NEXT))
        tests += [(k, t) for k, t in looks if t is not None]
        for name, spec in tests:
            if (spec.ENT or spec.FRAGMENT or spec.EITHER or spec.OP or spec.NAME or spec.CONTEXT
                    or any(t is not None for t in (spec.PREV, spec.NOT_PREV, spec.NEXT, spec.NOT_NEXT))):
                raise ValueError(f"{name}: a plain token test (no ENT, FRAGMENT, EITHER, OP, NAME, CONTEXT, PREV, NEXT)")
        if any(t is not None for _, t in looks) and (len(keys) > 1 or self.OP or self.NAME):
            raise ValueError("PREV, NOT_PREV, NEXT and NOT_NEXT look at a neighbour token: one of them alone, "
                             "no OP or NAME")
        return self


TokenSpecModel.model_rebuild()


class NoMatchModel(BaseModel):
    """A text a rule must not match (and what a match example has besides `expect`)."""
    model_config = ConfigDict(extra="forbid")
    text: str
    ref_date: str | None = None
    field: Literal[FIELDS] | None = None  # type: ignore[valid-type]


class ExampleModel(NoMatchModel):
    expect: list[dict[str, Any]] = Field(min_length=1)

    @field_validator("expect")
    @classmethod
    def _keys(cls, v: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for want in v:
            unknown = sorted(set(want) - EXPECT_KEYS)
            if unknown:
                raise ValueError(f"unknown key(s) {', '.join(unknown)} in an expected entity "
                                 f"(known: {', '.join(sorted(EXPECT_KEYS))})")
            if "text" not in want:
                raise ValueError("an expected entity needs its 'text'")
        return v


class ExamplesModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: list[ExampleModel] = Field(min_length=1)
    no_match: list[str | NoMatchModel] = []


class ListModel(BaseModel):
    """A list rule: the capture holding the list, split into one entity per member at the
    forms of the `separators` lexicon (and spaces) outside brackets; a separator whose
    value is `weak` (和) splits only after a member ending with a form of `ends` or before
    one starting with a form of `starts`; a member longer than `bare_max` characters must
    end with a form of `ends`; `shared_head` joins an opener and levels to the member with
    their head (engine/lists.py)."""
    model_config = ConfigDict(extra="forbid")
    capture: str
    separators: str
    ends: str | None = None
    starts: str | None = None
    bare_max: int | None = Field(None, ge=1)   # longer members must end with a form of `ends`
    shared_head: str | None = None   # opener, levels and heads (各州、市人民政府 is one member)


class RuleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
    label: Literal[RULE_LABELS]  # type: ignore[valid-type]
    priority: int = Field(ge=0, le=1000)
    value: str
    pattern: list[TokenSpecModel] = Field(min_length=1)
    description: str = ""
    fields: list[Literal[FIELDS]] | None = None  # type: ignore[valid-type]
    not_fields: list[Literal[FIELDS]] | None = None  # type: ignore[valid-type]
    attrs: dict[str, Any] = {}
    field_attrs: dict[str, dict[str, Any]] = {}
    inherit: list[str] = []
    list_of: ListModel | None = Field(None, alias="list")
    # match in the second pass, tried only on texts with a token for every required step
    second_pass: bool = False
    examples: ExamplesModel


class RuleFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    fragments: dict[str, list[TokenSpecModel]] = {}
    rules: list[RuleModel] = []
