"""Run the examples kept beside every rule (Duckling's corpus habit).

A `match` example passes when extracting its text yields, for every expected entity, one
produced by the rule (or by the rule named in the expectation) with the same text and
the same values for every key given. A `no_match` example passes when the rule produces
nothing on its text. For an attaching rule (SUBJECT) "produced by" means "whose subject
the rule attached", and an expected `subject` is its text (or null).
Used by the test suite and by `minsheng-ie rules test`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Protocol

from ..core.entities import TextExtractor
from ..core.vocab import ATTACH_LABELS, same_value
from ..engine.rule import Rule


class RuleExtractor(TextExtractor, Protocol):
    """An extractor with its rules: what running their examples needs."""

    @property
    def rules(self) -> list[Rule]: ...


@dataclass(frozen=True)
class ExampleCase:
    rule: Rule
    kind: str            # match | no_match
    index: int
    text: str
    ref_date: str | None
    field: str | None
    expect: tuple[dict[str, Any], ...] = ()

    @property
    def name(self) -> str:
        return f"{self.rule.id}:{self.kind}:{self.index}"


def example_cases(extractor: RuleExtractor) -> Iterator[ExampleCase]:
    for rule in extractor.rules:
        for i, ex in enumerate(rule.examples.match):
            yield ExampleCase(rule, "match", i, ex.text, ex.ref_date, ex.field, tuple(ex.expect))
        for i, bad in enumerate(rule.examples.no_match):
            if isinstance(bad, str):
                yield ExampleCase(rule, "no_match", i, bad, None, None)
            else:
                yield ExampleCase(rule, "no_match", i, bad.text, bad.ref_date, bad.field)


def check(case: ExampleCase, extractor: RuleExtractor) -> list[str]:
    """Problems with one example; empty when it passes."""
    result = extractor.extract(case.text, ref_date=case.ref_date, field=case.field)
    found = [e.to_dict(details=True) for e in result.entities + result.vetoed]
    by = "subject_rule" if case.rule.label in ATTACH_LABELS else "rule"
    where = f"{case.rule.file}: rule '{case.rule.id}' example {case.kind}[{case.index}] {case.text!r}"
    if case.kind == "no_match":
        bad = [e for e in found if e.get(by) == case.rule.id]
        return [f"{where}: should not match, got {bad}"] if bad else []
    problems = []
    for want in case.expect:
        rule_id = want.get("rule", case.rule.id)
        same_text = [e for e in found if e["text"] == want.get("text") and e.get(by) == rule_id]
        if not same_text:
            problems.append(f"{where}: expected {want} from '{rule_id}', got {found}")
            continue
        e = {**same_text[0]}
        if "subject" in e:
            e["subject"] = e["subject"]["text"] if e["subject"] else None
        diffs = [f"{k}: want {v!r}, got {e.get(k)!r}" for k, v in want.items()
                 if k not in ("text", "rule") and not same_value(v, e.get(k))]
        if diffs:
            problems.append(f"{where}: {want['text']!r}: " + "; ".join(diffs))
    return problems
