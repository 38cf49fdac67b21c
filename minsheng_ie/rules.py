"""Rule files: schema, loading and validation.

A rule file is YAML:

    fragments:                      # named token sub-patterns, usable in any file
      year: [{IS_NUM: true, REGEX: "(19|20)[0-9]{2}", NAME: y}, {TEXT: 年}]
    rules:
      - id: quantity.number_unit
        label: QUANTITY
        priority: 50
        value: quantity              # the value normaliser (minsheng_ie.values)
        pattern:
          - {LEX: cmp_pre, OP: "?", NAME: comparator, CONTEXT: true}
          - {IS_NUM: true, NAME: num}
          - {LEX: unit, NAME: unit}
        examples:
          match:
            - text: 不少于200场次
              expect: [{text: 200场次, value: 200, unit: 场次, comparator: ">="}]
          no_match: [第五项]

Token spec keys (all given keys must hold): TEXT, IN, NOT_IN, LEX, NOT_LEX, ENDS_WITH_LEX, REGEX
(full match on the normalised token), IS_NUM, IS_PUNCT, IS_SPACE, IS_HAN, LENGTH;
FRAGMENT inlines a named fragment. OP is ?, *, + or {n,m}; NAME captures the tokens
for the normaliser; CONTEXT tokens must match but stay outside the entity span.
Every file is validated when it loads; all problems are reported together, each
naming the file, the rule id, the line and the key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .errors import RuleError
from .lexicons import Lexicon
from .rule import Rule
from .yaml_io import YamlDoc, load_yaml, problem, validation_problems

LABELS = ("QUANTITY", "PERCENT", "DATE", "DEADLINE", "ORG", "VETO")
FIELDS = ("name", "target", "progress", "responsible", "status", "problem", "plan", "rate",
          "leader", "text")
MAX_REPEAT = 32  # '*' and '+' match at most this many tokens: matching stays linear

_OP = re.compile(r"^(\?|\*|\+|\{(\d+),(\d+)\})$")


class TokenSpecModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    TEXT: str | None = None
    IN: list[str] | None = None
    NOT_IN: list[str] | None = None
    LEX: str | None = None
    NOT_LEX: str | list[str] | None = None
    ENDS_WITH_LEX: str | None = None
    REGEX: str | None = None
    IS_NUM: bool | None = None
    IS_PUNCT: bool | None = None
    IS_SPACE: bool | None = None
    IS_HAN: bool | None = None
    LENGTH: int | None = None
    FRAGMENT: str | None = None
    ENT: str | list[str] | None = None
    ENT_SUFFIX: str | None = None      # rename the entity's captures: y → y2 for a range end
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
        keys = self.model_dump(exclude_none=True, exclude={"OP", "NAME", "CONTEXT"})
        if not keys:
            raise ValueError("a token spec needs at least one test (TEXT, IN, LEX, REGEX, IS_NUM …)")
        if self.FRAGMENT and len(keys) > 1:
            raise ValueError("FRAGMENT cannot be combined with other tests")
        if self.ENT and (len(keys) - (self.ENT_SUFFIX is not None) > 1 or self.OP):
            raise ValueError("ENT matches a whole entity: it takes no other test and no OP")
        if self.ENT_SUFFIX is not None and not self.ENT:
            raise ValueError("ENT_SUFFIX goes with ENT")
        return self


class ExampleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    ref_date: str | None = None
    field: Literal[FIELDS] | None = None  # type: ignore[valid-type]
    expect: list[dict[str, Any]] = Field(min_length=1)


class NoMatchModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    ref_date: str | None = None
    field: Literal[FIELDS] | None = None  # type: ignore[valid-type]


class ExamplesModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: list[ExampleModel] = Field(min_length=1)
    no_match: list[str | NoMatchModel] = []


class RuleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
    label: Literal[LABELS]  # type: ignore[valid-type]
    priority: int = Field(ge=0, le=1000)
    value: str
    pattern: list[TokenSpecModel] = Field(min_length=1)
    description: str = ""
    fields: list[Literal[FIELDS]] | None = None  # type: ignore[valid-type]
    not_fields: list[Literal[FIELDS]] | None = None  # type: ignore[valid-type]
    attrs: dict[str, Any] = {}
    field_attrs: dict[str, dict[str, Any]] = {}
    inherit: list[str] = []
    inherit_backward: list[str] = []
    examples: ExamplesModel


class RuleFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    fragments: dict[str, list[TokenSpecModel]] = {}
    rules: list[RuleModel] = []


def check_regex_safe(pattern: str) -> None:
    """Refuse regexes that can backtrack catastrophically: a repeat inside a repeat,
    backreferences and lookarounds. Token texts are short, but the rule is the rule."""
    try:
        parsed = re._parser.parse(pattern)  # type: ignore[attr-defined]
    except re.error as exc:
        raise ValueError(f"invalid regex: {exc}") from None
    const = re._constants  # type: ignore[attr-defined]

    def walk(items, inside_repeat: bool) -> None:
        for op, av in items:
            if op in (const.MAX_REPEAT, const.MIN_REPEAT, const.POSSESSIVE_REPEAT):
                lo, hi, sub = av
                unbounded = hi == const.MAXREPEAT or hi > 16
                if inside_repeat and unbounded:
                    raise ValueError("nested unbounded repeat (catastrophic backtracking)")
                walk(sub, inside_repeat or unbounded)
            elif op in (const.GROUPREF, const.GROUPREF_EXISTS):
                raise ValueError("backreferences are not allowed")
            elif op in (const.ASSERT, const.ASSERT_NOT):
                raise ValueError("lookarounds are not allowed in token regexes")
            elif op == const.SUBPATTERN:
                walk(av[-1], inside_repeat)
            elif op == const.BRANCH:
                for alt in av[1]:
                    walk(alt, inside_repeat)

    walk(parsed, False)


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)
    fragments: dict[str, tuple[str, list[dict[str, Any]]]] = field(default_factory=dict)


def load_rule_file(path: Path, into: RuleSet, raw_rules: list[tuple[YamlDoc, int, RuleModel]]) -> None:
    doc = load_yaml(path)
    model = _validate(RuleFileModel, doc)
    problems = []
    for name, specs in model.fragments.items():
        if name in into.fragments:
            problems.append(problem(doc, ("fragments", name), f"fragment '{name}' is already defined in {into.fragments[name][0]}"))
        into.fragments[name] = (str(path), [s.model_dump(exclude_none=True) for s in specs])
    if problems:
        raise RuleError(str(path), problems)
    for i, rule in enumerate(model.rules):
        raw_rules.append((doc, i, rule))


def _validate(model: type[BaseModel], doc: YamlDoc) -> Any:
    from pydantic import ValidationError
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise RuleError(doc.path, validation_problems(doc, exc)) from None


def finish_rules(into: RuleSet, raw_rules: list[tuple[YamlDoc, int, RuleModel]],
                 lexicons: dict[str, Lexicon], normalisers: set[str]) -> None:
    """Cross-file checks (duplicate ids, unknown lexicons/fragments/normalisers), then inline."""
    seen: dict[str, str] = {r.id: r.file for r in into.rules}
    known_ids = frozenset(seen) | {rm.id for _, _, rm in raw_rules}
    by_file: dict[str, list[str]] = {}
    for doc, i, rm in raw_rules:
        loc = ("rules", i)
        errs = by_file.setdefault(doc.path, [])
        if rm.id in seen:
            errs.append(problem(doc, loc + ("id",), f"duplicate rule id '{rm.id}' (also in {seen[rm.id]})"))
            continue
        seen[rm.id] = doc.path
        if rm.value not in normalisers:
            errs.append(problem(doc, loc + ("value",), f"unknown value normaliser '{rm.value}' "
                                                       f"(known: {', '.join(sorted(normalisers))})"))
        try:
            pattern = _inline(rm.pattern, into.fragments, lexicons, [], known_ids)
        except ValueError as exc:
            errs.append(problem(doc, loc + ("pattern",), str(exc)))
            continue
        into.rules.append(Rule(
            id=rm.id, label=rm.label, priority=rm.priority, value=rm.value, pattern=pattern,
            fields=frozenset(rm.fields) if rm.fields is not None else None,
            not_fields=frozenset(rm.not_fields or ()), attrs=rm.attrs, field_attrs=rm.field_attrs,
            inherit=tuple(rm.inherit), inherit_backward=tuple(rm.inherit_backward),
            examples=rm.examples, file=doc.path,
            line=doc.line(loc), description=rm.description))
    for path, errs in by_file.items():
        if errs:
            raise RuleError(path, errs)


def _inline(specs: list[TokenSpecModel] | list[dict[str, Any]], fragments, lexicons, stack: list[str],
            known_ids: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for k, spec in enumerate(specs):
        d = spec.model_dump(exclude_none=True) if isinstance(spec, BaseModel) else dict(spec)  # type: ignore[call-overload]
        frag = d.get("FRAGMENT")
        if frag is not None:
            if frag not in fragments:
                raise ValueError(f"{k} -> FRAGMENT: unknown fragment '{frag}'")
            if frag in stack:
                raise ValueError(f"{k} -> FRAGMENT: fragment '{frag}' refers to itself")
            inner = _inline(fragments[frag][1], fragments, lexicons, stack + [frag], known_ids)
            if d.get("OP") or d.get("CONTEXT") or d.get("NAME"):
                raise ValueError(f"{k} -> FRAGMENT: OP, NAME and CONTEXT go inside the fragment")
            out.extend(inner)
            continue
        ents = d.get("ENT")
        for ent in ([ents] if isinstance(ents, str) else ents or []):
            if ent not in LABELS and ent not in known_ids:
                raise ValueError(f"{k} -> ENT: '{ent}' is neither a label nor a rule id")
        for key in ("LEX", "NOT_LEX", "ENDS_WITH_LEX"):
            names = d.get(key)
            for name in ([names] if isinstance(names, str) else names or []):
                if name not in lexicons:
                    raise ValueError(f"{k} -> {key}: unknown lexicon '{name}' "
                                     f"(known: {', '.join(sorted(lexicons))})")
        out.append(d)
    return out
