"""Rule files: loading, cross-file checks (ids, fragments, lexicons, normalisers) and
inlining of fragments, into the Rule objects the engine runs. Every file is validated
against loading/schema.py when it loads; all problems are reported together, each naming
the file, the rule id, the line and the key."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from pydantic import BaseModel

from ..core.errors import RuleError
from ..core.lexicon import Lexicon
from ..core.vocab import ATTACH_LABELS, RULE_LABELS
from ..engine.rule import Rule, expand
from ..engine.values import Contract
from .schema import RuleFileModel, RuleModel, TokenSpecModel
from .yaml_io import YamlDoc, load_yaml, problem, validate

@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)
    fragments: dict[str, tuple[str, list[dict[str, Any]]]] = field(default_factory=dict)


def load_rule_file(path: Path, into: RuleSet, raw_rules: list[tuple[YamlDoc, int, RuleModel]]) -> None:
    doc = load_yaml(path)
    model = validate(RuleFileModel, doc)
    problems = []
    for name, specs in model.fragments.items():
        if name in into.fragments:
            problems.append(problem(doc, ("fragments", name), f"fragment '{name}' is already defined in {into.fragments[name][0]}"))
        into.fragments[name] = (str(path), [s.model_dump(exclude_none=True) for s in specs])
    if problems:
        raise RuleError(str(path), problems)
    for i, rule in enumerate(model.rules):
        raw_rules.append((doc, i, rule))


def finish_rules(into: RuleSet, raw_rules: list[tuple[YamlDoc, int, RuleModel]],
                 lexicons: dict[str, Lexicon], contracts: Mapping[str, Contract]) -> None:
    """Cross-file checks (duplicate ids, unknown lexicons/fragments/normalisers, captures
    and lexicons against the normaliser's contract), then inline."""
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
        contract = contracts.get(rm.value)
        if contract is None:
            errs.append(problem(doc, loc + ("value",), f"unknown value normaliser '{rm.value}' "
                                                       f"(known: {', '.join(sorted(contracts))})"))
        try:
            pattern = _inline(rm.pattern, into.fragments, lexicons, [], known_ids)
            alternatives = expand(pattern)
        except ValueError as exc:
            errs.append(problem(doc, loc + ("pattern",), str(exc)))
            continue
        wrong = [w for alt in alternatives for w in _misplaced(rm.label, alt)]
        if wrong:
            errs.append(problem(doc, loc + ("pattern",), wrong[0]))
            continue
        list_of = rm.list_of.model_dump(exclude_none=True) if rm.list_of is not None else None
        for key, name in (list_of or {}).items():
            if key in ("separators", "ends", "starts", "shared_head") and name not in lexicons:
                errs.append(problem(doc, loc + ("list", key), f"unknown lexicon '{name}'"))
        if list_of and any(all(spec.get("NAME") != list_of["capture"] for spec in alt) for alt in alternatives):
            errs.append(problem(doc, loc + ("list", "capture"), f"no pattern step is named '{list_of['capture']}'"))
        if contract is not None:
            errs.extend(problem(doc, loc + key, msg) for key, msg in _against_contract(
                rm.value, contract, alternatives, lexicons, list_of["capture"] if list_of else None))
        into.rules.append(Rule(
            id=rm.id, label=rm.label, priority=rm.priority, value=rm.value, pattern=pattern,
            fields=frozenset(rm.fields) if rm.fields is not None else None,
            not_fields=frozenset(rm.not_fields or ()), attrs=rm.attrs, field_attrs=rm.field_attrs,
            inherit=tuple(rm.inherit),
            examples=rm.examples, file=doc.path,
            line=doc.line(loc), description=rm.description, list_of=list_of, second_pass=rm.second_pass,
            alternatives=alternatives))
    for path, errs in by_file.items():
        if errs:
            raise RuleError(path, errs)


_LOOKS = ("PREV", "NOT_PREV", "NEXT", "NOT_NEXT")


def _misplaced(label: str, pattern: list[dict[str, Any]]) -> list[str]:
    """What one expanded pattern of a rule with this label may not contain."""
    out = []
    if label not in ATTACH_LABELS and any("OUTSIDE_ENT" in d for d in pattern):
        out.append(f"OUTSIDE_ENT is for attaching rules ({', '.join(ATTACH_LABELS)}) only")
    if any(k in d for d in pattern for k in _LOOKS) and not any("ENT" in d for d in pattern):
        out.append("PREV, NOT_PREV, NEXT and NOT_NEXT are for rules with an ENT step (the first pass "
                   "reads no token around a match)")
    figures = [d for d in pattern if d.get("NAME") == "figure"]
    if label in ATTACH_LABELS and (len(figures) != 1 or "ENT" not in figures[0]):
        out.append(f"a {label} rule needs one ENT step named 'figure': the entity it attaches to")
    return out


def _against_contract(name: str, contract: Contract, alternatives: list[list[dict[str, Any]]],
                      lexicons: Mapping[str, Lexicon], list_capture: str | None) -> list[tuple[tuple, str]]:
    """(key, message) for each capture the normaliser does not read (a list rule's list
    capture is read by the pipeline) and each lexicon it needs that is not loaded."""
    out: list[tuple[tuple, str]] = []
    for cap in sorted({spec["NAME"] for alt in alternatives for spec in alt if spec.get("NAME") is not None}):
        if cap not in contract.captures and cap != list_capture:
            out.append((("pattern",), f"capture '{cap}' is not read by normaliser '{name}' "
                                                f"(it reads: {', '.join(sorted(contract.captures)) or 'none'})"))
    for lex in sorted(contract.lexicons - set(lexicons)):
        out.append((("value",), f"normaliser '{name}' needs lexicon '{lex}', which no loaded file defines"))
    return out


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
        if "EITHER" in d:
            out.append({"EITHER": [_inline(branch, fragments, lexicons, stack, known_ids) for branch in d["EITHER"]]})
            continue
        ents = d.get("ENT")
        for ent in ([ents] if isinstance(ents, str) else ents or []):
            if ent not in RULE_LABELS and ent not in known_ids:
                raise ValueError(f"{k} -> ENT: '{ent}' is neither a label nor a rule id")
        for where, name in lexicon_names(d):
            if name not in lexicons:
                raise ValueError(f"{k} -> {where}: unknown lexicon '{name}' (known: {', '.join(sorted(lexicons))})")
        out.append(d)
    return out


def lexicon_names(spec: dict[str, Any]) -> list[tuple[str, str]]:
    """(key path, lexicon name) for every lexicon a token spec reads, its nested tests
    (ANY alternatives, ENT_WITH, PREV, NEXT …, and the tests nested in those) included."""
    nested = [(f"ANY -> {j} -> ", alt) for j, alt in enumerate(spec.get("ANY", ()))]
    nested += [(f"ENT_WITH -> {n} -> ", t) for n, t in spec.get("ENT_WITH", {}).items()]
    nested += [(f"{key} -> ", spec[key]) for key in ("PREV", "NOT_PREV", "NEXT", "NOT_NEXT") if key in spec]
    out = []
    for key in ("LEX", "NOT_LEX", "ENDS_WITH_LEX", "NOT_ENDS_WITH_LEX"):
        names = spec.get(key)
        out += [(key, name) for name in ([names] if isinstance(names, str) else names or [])]
    for where, test in nested:
        out += [(where + key, name) for key, name in lexicon_names(test)]
    return out
