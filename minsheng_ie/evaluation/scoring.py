"""Precision, recall and F1 of predictions against gold, per label and overall.

Strict: same label, start and end. Partial: same label and overlapping spans, each gold
and predicted entity used at most once. TIME merges DATE and DEADLINE, so a right span
with the wrong role still counts there. Value accuracy is over strict matches and
compares the value and the label's attributes (unit, comparator, value_max, points, role).
Subject accuracy is over the figures (QUANTITY, PERCENT) found with the right span: the
same subject span (start and end) or both null; kind accuracy likewise for `kind`.

A wrong value is worse than a miss, so wrong values are counted and listed apart, per
label: `value_errors` are strict matches with another value; `misread` are numbers
(QUANTITY, PERCENT) whose span overlaps a gold one and whose value is neither its value
nor its value_max (贰拾万元 = 200000 read out of 壹佰贰拾万元). `money_errors` counts both
for gold QUANTITY in a unit of money (the unit lexicon's dimension `money`).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..core.vocab import FIGURE_LABELS, LABEL_ATTRS, LABELS, same_value
from ..engine.normalize import to_simplified
from ..loading.resources import bundled_lexicon
from .gold import GoldUnit

SCORED = LABELS + ("TIME",)


NUMBERS = ("QUANTITY", "PERCENT")


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    partial_tp: int = 0
    value_ok: int = 0
    misread: int = 0

    def add(self, other: "Counts") -> None:
        for k in ("gold", "pred", "tp", "partial_tp", "value_ok", "misread"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @staticmethod
    def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else (1.0 if not gold else 0.0)
        r = tp / gold if gold else (1.0 if not pred else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def row(self) -> dict[str, Any]:
        p, r, f = self._prf(self.tp, self.pred, self.gold)
        pp, pr, pf = self._prf(self.partial_tp, self.pred, self.gold)
        return {"gold": self.gold, "pred": self.pred, "tp": self.tp, "fp": self.pred - self.tp,
                "fn": self.gold - self.tp, "p": p, "r": r, "f1": f,
                "partial_p": pp, "partial_r": pr, "partial_f1": pf,
                "value_acc": self.value_ok / self.tp if self.tp else 1.0,
                "value_errors": self.tp - self.value_ok, "misread": self.misread}


@dataclass
class SubjectCounts:
    figures: int = 0      # gold figures found with the right span
    subject_ok: int = 0
    kind_ok: int = 0

    def row(self) -> dict[str, Any]:
        return {"figures": self.figures,
                "subject_acc": self.subject_ok / self.figures if self.figures else 1.0,
                "kind_acc": self.kind_ok / self.figures if self.figures else 1.0}


def _span(subject: Any) -> tuple[int, int] | None:
    return (subject["start"], subject["end"]) if subject else None


@dataclass
class Report:
    subjects: SubjectCounts = field(default_factory=SubjectCounts)
    wrong_subject: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in SCORED})
    docs: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    scripts: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    missed: list[dict[str, Any]] = field(default_factory=list)
    false: list[dict[str, Any]] = field(default_factory=list)
    wrong_value: list[dict[str, Any]] = field(default_factory=list)
    misread: list[dict[str, Any]] = field(default_factory=list)

    def micro(self) -> Counts:
        total = Counts()
        for lab in LABELS:
            total.add(self.labels[lab])
        return total

    def to_dict(self) -> dict[str, Any]:
        rows = {k: v.row() for k, v in self.labels.items()}
        rows["micro"] = self.micro().row()
        rows["macro"] = {k: sum(rows[lab][k] for lab in LABELS) / len(LABELS)
                         for k in ("p", "r", "f1", "partial_f1", "value_acc")}
        return {"labels": rows, "docs": {k: v.row() for k, v in sorted(self.docs.items())},
                "scripts": {k: v.row() for k, v in sorted(self.scripts.items())},
                "subjects": self.subjects.row(),
                "money_errors": sum(e["money"] for e in self.wrong_value + self.misread),
                "missed": self.missed, "false": self.false, "wrong_value": self.wrong_value,
                "misread": self.misread, "wrong_subject": self.wrong_subject}


def _same_value(g: dict, p: dict) -> bool:
    keys = ("value",) + LABEL_ATTRS.get(g["label"], ())
    for k in keys:
        a, b = g.get(k), p.get(k)
        if k == "points":
            a, b = bool(a), bool(b)
        if not same_value(a, b):
            return False
    return True


def _is_money(e: dict) -> bool:
    entry = bundled_lexicon("units.yaml", "unit").forms.get(e.get("unit") or "")
    return e["label"] == "QUANTITY" and entry is not None and entry.dimension == "money"


def _misread(g: list[dict], p: list[dict]) -> list[tuple[dict, dict]]:
    """Predicted numbers overlapping a gold one, not on its span, with a value that is
    neither its value nor its value_max."""
    out = []
    for q in p:
        for e in g:
            if (q["start"], q["end"]) != (e["start"], e["end"]) and q["start"] < e["end"] and e["start"] < q["end"] \
                    and not any(same_value(q["value"], e.get(k)) for k in ("value", "value_max")):
                out.append((e, q))
                break
    return out


def _score_unit(gold: list[dict], pred: list[dict], label: str) -> tuple[Counts, list, list, list, list]:
    def pick(ents):
        if label == "TIME":
            return [e for e in ents if e["label"] in ("DATE", "DEADLINE")]
        return [e for e in ents if e["label"] == label]

    g, p = pick(gold), pick(pred)
    c = Counts(gold=len(g), pred=len(p))
    strict = {(e["start"], e["end"]): e for e in p}
    matched_p: set[int] = set()
    wrong = []
    for e in g:
        hit = strict.get((e["start"], e["end"]))
        if hit is not None:
            c.tp += 1
            matched_p.add(id(hit))
            if label == "TIME" or _same_value(e, hit):
                c.value_ok += 1
            else:
                wrong.append((e, hit))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for e in g:  # partial: greedy one-to-one overlap
        for q in p:
            if id(q) not in used_p and q["start"] < e["end"] and e["start"] < q["end"]:
                used_g.add(id(e))
                used_p.add(id(q))
                c.partial_tp += 1
                break
    missed = [e for e in g if (e["start"], e["end"]) not in strict]
    gold_spans = {(e["start"], e["end"]) for e in g}
    false = [q for q in p if (q["start"], q["end"]) not in gold_spans]
    misread = _misread(g, p) if label in NUMBERS else []
    c.misread = len(misread)
    return c, missed, false, wrong, misread


def _context(text: str, e: dict, width: int = 12) -> str:
    s, t = e["start"], e["end"]
    return f"{text[max(0, s - width):s]}[{text[s:t]}]{text[t:t + width]}".replace("\n", " ")


def score(gold_units: Iterable[GoldUnit], predictions: dict[str, list[dict]]) -> Report:
    """`predictions` maps unit id → predicted entity dicts (Entity.to_dict() shape)."""
    rep = Report()
    for unit in gold_units:
        pred = predictions.get(unit.id, [])
        gold = list(unit.entities)
        script = "traditional" if to_simplified(unit.text) != unit.text else "simplified"
        for label in SCORED:
            c, missed, false, wrong, misread = _score_unit(gold, pred, label)
            rep.labels[label].add(c)
            if label == "TIME":
                continue
            rep.docs[unit.doc or "?"].add(c)
            rep.scripts[script].add(c)
            for e in missed:
                rep.missed.append({"id": unit.id, "label": label, "text": e["text"], "context": _context(unit.text, e)})
            for e in false:
                rep.false.append({"id": unit.id, "label": label, "text": e["text"], "rule": e.get("rule"),
                                  "context": _context(unit.text, e)})
            if label in FIGURE_LABELS:
                _score_subjects(rep, unit, gold, pred, label)
            for kind, pairs in ((rep.wrong_value, wrong), (rep.misread, misread)):
                for ge, pe in pairs:
                    kind.append({"id": unit.id, "label": label, "text": pe["text"], "rule": pe.get("rule"),
                                 "context": _context(unit.text, pe), "gold": _shown(ge), "pred": _shown(pe),
                                 "money": _is_money(ge) and not _same_amount(ge, pe)})
    return rep


def _score_subjects(rep: Report, unit: GoldUnit, gold: list[dict], pred: list[dict], label: str) -> None:
    found = {(e["start"], e["end"]): e for e in pred if e["label"] == label}
    for g in gold:
        p = found.get((g["start"], g["end"])) if g["label"] == label else None
        if p is None:
            continue
        rep.subjects.figures += 1
        same_subject = _span(g.get("subject")) == _span(p.get("subject"))
        same_kind = g.get("kind") == p.get("kind")
        rep.subjects.subject_ok += same_subject
        rep.subjects.kind_ok += same_kind
        if not (same_subject and same_kind):
            rep.wrong_subject.append({
                "id": unit.id, "label": label, "text": g["text"], "context": _context(unit.text, g, 20),
                "rule": p.get("subject_rule"),
                "gold": {"subject": (g.get("subject") or {}).get("text"), "kind": g.get("kind")},
                "pred": {"subject": (p.get("subject") or {}).get("text"), "kind": p.get("kind")}})


def _shown(e: dict) -> dict:
    return {k: e.get(k) for k in ("text", "value") + LABEL_ATTRS[e["label"]] if e.get(k) is not None}


def _same_amount(g: dict, p: dict) -> bool:
    """The same sum of money (a comparator apart), or one end of a gold range."""
    if g.get("unit") != p.get("unit"):
        return False
    if (g["start"], g["end"]) == (p["start"], p["end"]):
        return same_value(g["value"], p["value"]) and same_value(g.get("value_max"), p.get("value_max"))
    return False


def format_report(rep: Report, top: int = 15) -> str:
    d = rep.to_dict()
    lines = []
    hdr = f"{'label':<10}{'gold':>6}{'pred':>6}{'tp':>6}{'fp':>5}{'fn':>5}  {'P':>6}{'R':>7}{'F1':>7}  {'pP':>6}{'pR':>7}{'pF1':>7}  {'value':>6}"
    lines.append(hdr)
    lines.append("-" * len(hdr))
    for name in list(SCORED) + ["micro"]:
        r = d["labels"][name]
        lines.append(f"{name:<10}{r['gold']:>6}{r['pred']:>6}{r['tp']:>6}{r['fp']:>5}{r['fn']:>5}  "
                     f"{r['p']:>6.3f}{r['r']:>7.3f}{r['f1']:>7.3f}  {r['partial_p']:>6.3f}{r['partial_r']:>7.3f}"
                     f"{r['partial_f1']:>7.3f}  {r['value_acc']:>6.3f}")
    m = d["labels"]["macro"]
    lines.append(f"{'macro':<10}{'':>28}  {m['p']:>6.3f}{m['r']:>7.3f}{m['f1']:>7.3f}  {'':>13}{m['partial_f1']:>7.3f}  {m['value_acc']:>6.3f}")
    sj = d["subjects"]
    lines.append(f"subjects  {sj['figures']:>6} figures found  subject {sj['subject_acc']:.3f}  kind {sj['kind_acc']:.3f}")
    for title, rows in (("per document", d["docs"]), ("per script", d["scripts"])):
        lines.append(f"\n{title}:")
        for name, r in rows.items():
            lines.append(f"  {name:<24} gold {r['gold']:>4}  pred {r['pred']:>4}  P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f1']:.3f}  value {r['value_acc']:.3f}")
    lines.append(f"\nvalue errors per label (strict span, another value) and misread numbers (an overlapping "
                 f"span with another value); money errors: {d['money_errors']}")
    for name in SCORED:
        r = d["labels"][name]
        if r["value_errors"] or r["misread"]:
            lines.append(f"  {name:<10} value errors {r['value_errors']:>4}   misread {r['misread']:>4}")
    for title, rows, n in (("top missed", d["missed"], top), ("top false", d["false"], top),
                           ("wrong values", d["wrong_value"], len(d["wrong_value"])),
                           ("misread numbers", d["misread"], len(d["misread"])),
                           ("wrong subjects", d["wrong_subject"], top)):
        lines.append(f"\n{title} ({len(rows)}):")
        for e in rows[:n]:
            extra = f"  rule={e['rule']}" if e.get("rule") else ""
            if "gold" in e:
                extra += f"  gold={e['gold']} pred={e['pred']}"
            lines.append(f"  {e['id']:<22} {e['label']:<9} {e.get('context', e['text'])}{extra}")
    return "\n".join(lines)


def evaluate(gold_units: list[GoldUnit], extractor) -> Report:
    """Run the extractor on every gold unit (with its ref_date and field) and score it."""
    preds = {}
    for u in gold_units:
        r = extractor.extract(u.text, ref_date=u.ref_date, field=u.field)
        preds[u.id] = [e.to_dict(details=True) for e in r.entities]
    return score(gold_units, preds)


__all__ = ["score", "evaluate", "format_report", "Report", "Counts"]
