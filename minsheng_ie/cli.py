"""The `minsheng-ie` command: extract, parse, view, eval, rules list|test|lint.

Errors are one line on stderr with a non-zero exit code: 2 for bad usage or unreadable
input, 1 for a failed check (rule tests, lint).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Sequence

from .about import describe
from .core.dates import parse_ref_date
from .core.errors import DocumentError, GoldError, RuleError
from .documents import extract_document as _extract_document
from .documents import read_document
from .documents.encodings import decode
from .facts import document_facts
from .facts.documents import ROW_KEYS
from .evaluation.gold import load_jsonl
from .evaluation.scoring import evaluate, format_report, score
from .engine.tokenizer import SEGMENTERS
from .extractor import Extractor, default_extractor
from .loading.examples import check, example_cases
from .progress import progress_bar


def _extractor(args):
    if getattr(args, "rules", None) or getattr(args, "segmenter", "jieba") != "jieba":
        return Extractor(rules=args.rules or (), segmenter=args.segmenter, pkuseg_model=args.pkuseg_model)
    return default_extractor()


def _write_entities_table(rows: list[dict], out) -> None:
    for r in rows:
        extra = " ".join(f"{k}={r[k]}" for k in ("unit", "comparator", "value_max", "points", "role")
                         if r.get(k) is not None)
        out.write(f"{r['label']:<9} {r['start']:>5}-{r['end']:<5} {r['text']:<16} {json.dumps(r['value'], ensure_ascii=False):<26} {extra}  [{r['rule']}]\n")


def cmd_extract(args) -> int:
    if args.text is not None:
        texts = [args.text]
    else:
        raw = _read_input(args.file)
        texts = [ln for ln in raw.splitlines() if ln.strip()] if args.lines else [raw]
    ext = _extractor(args)
    out = sys.stdout
    writer = None
    for i, text in enumerate(progress_bar(texts, enabled=args.progress and len(texts) > 1, desc="units",
                                          unit="unit")):
        result = ext.extract(text, ref_date=args.ref_date, field=args.field)
        rows = [e.to_dict(details=True) for e in result.entities]
        if args.format == "jsonl":
            rec = {"id": str(i + 1), "ref_date": args.ref_date, "field": args.field, "text": text, "entities": rows}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif args.format == "csv":
            if writer is None:
                writer = csv.writer(out)
                writer.writerow(["id", "label", "start", "end", "text", "value", "unit",
                                 "comparator", "value_max", "points", "role", "rule"])
            for r in rows:
                writer.writerow([i + 1, r["label"], r["start"], r["end"], r["text"],
                                 json.dumps(r["value"], ensure_ascii=False), r.get("unit"), r.get("comparator"),
                                 r.get("value_max"), r.get("points"), r.get("role"), r["rule"]])
        else:
            if len(texts) > 1:
                out.write(f"# {i + 1}: {text[:40]}\n")
            _write_entities_table(rows, out)
    return 0


def _read_input(path: str | None) -> str:
    if path in (None, "-"):
        return sys.stdin.read()
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read {path}: {exc.strerror or exc}") from None
    return decode(raw, path)


def cmd_parse(args) -> int:
    """Read reports into items; a bad file is reported and the batch goes on. Exit 2 when
    a file could not be read, 1 when one gave no item (unless --allow-empty), else 0."""
    ext = _extractor(args)
    paths = [None] if args.sample else args.paths
    if not paths:
        raise DocumentError("give a report file (or --sample)")
    ref_date = parse_ref_date(args.ref_date) if args.ref_date else None
    writer = _ParseWriter(args.format, sys.stdout, ext)
    failed = empty = 0
    for path in progress_bar(paths, enabled=args.progress and len(paths) > 1, desc="reports", unit="file"):
        name = "sample" if path is None else path
        try:
            doc = read_document(_sample_path() if path is None else Path(path), sheet=args.sheet)
        except (DocumentError, OSError) as exc:
            failed += 1
            sys.stderr.write(f"minsheng-ie: error: {_one_line(exc)}\n")
            continue
        if ref_date is not None:
            doc.ref_date = ref_date
        for warning in doc.warnings:
            if ref_date is None or "report date" not in warning:
                sys.stderr.write(f"minsheng-ie: warning: {name}: {warning} (layout {doc.layout})\n")
        empty += not doc.items
        writer.write(_extract_document(doc, ext))
    if len(paths) > 1 and (failed or empty and not args.allow_empty):
        sys.stderr.write(f"minsheng-ie: {failed} of {len(paths)} files could not be read, "
                         f"{empty} gave no item\n")
    if failed:
        return 2
    if empty and not args.allow_empty:
        return 1
    return 0


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


class _ParseWriter:
    """Writes parse results: jsonl (one object per item), units (one record per text unit,
    the gold shape), csv (one row per item, one header for all files), indicators
    (-jsonl) (one CSV / JSON row per indicator of the item facts), table (the items with
    their item facts)."""
    CSV_COLUMNS = ["file", "number", "section", "name", "deadline", "targets", "progress",
                   "lead_units", "support_units"]

    def __init__(self, fmt: str, out, ext: Extractor) -> None:
        self.fmt, self.out, self.ext = fmt, out, ext
        self.csv: csv.DictWriter[str] | None = None

    def write(self, result) -> None:
        if self.fmt == "jsonl":
            for rec in result.item_records():
                self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif self.fmt == "units":
            for rec in result.to_records():
                self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            if self.csv is None:
                self.csv = csv.DictWriter(self.out, fieldnames=self.CSV_COLUMNS)
                self.csv.writeheader()
            file = result.document.source or result.document.name
            for it in result.items:
                s = it.summary()
                self.csv.writerow({"file": file, **{k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list)
                                                        else v) for k, v in s.items()}})
        elif self.fmt == "indicators-jsonl":
            for row in document_facts(result, self.ext.lexicons).rows():
                self.out.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif self.fmt == "indicators":
            if self.csv is None:
                self.csv = csv.DictWriter(self.out, fieldnames=list(ROW_KEYS))
                self.csv.writeheader()
            self.csv.writerows(document_facts(result, self.ext.lexicons).rows())
        else:
            self.out.write(result.table(document_facts(result, self.ext.lexicons).item_lines) + "\n")


def cmd_view(args) -> int:
    """One report as a self-contained HTML page (the text highlighted, the items table with
    each item's facts: status, target ← progress, completion)."""
    if not (args.sample or args.path):
        raise DocumentError("give a report file (or --sample)")
    doc = read_document(_sample_path() if args.sample else Path(args.path))
    if args.ref_date:
        doc.ref_date = parse_ref_date(args.ref_date)
    ext = _extractor(args)
    result = _extract_document(doc, ext)
    html = result.to_html([facts for _, facts in document_facts(result, ext.lexicons).items])
    if args.output in (None, "-"):
        sys.stdout.write(html)
    else:
        Path(args.output).write_text(html, encoding="utf-8")
    return 0


def _add_view(sub) -> argparse.ArgumentParser:
    v = sub.add_parser("view", help="write a report as one HTML page: text highlighted, items table")
    v.add_argument("path", nargs="?", help="the report file (.txt .csv .xlsx .docx .html)")
    v.add_argument("-o", "--output", help="the HTML file to write (default: stdout)")
    v.add_argument("--sample", action="store_true", help="view the bundled sample report")
    v.add_argument("--ref-date", help="override the report date found in the document")
    v.set_defaults(func=cmd_view)
    return v


def _add_segmenter(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--segmenter", default="jieba", choices=SEGMENTERS,
                    help="word segmenter (default jieba; spacy-pkuseg needs --pkuseg-model)")
    sp.add_argument("--pkuseg-model", metavar="DIR", help="a spacy_pkuseg model directory (with --segmenter spacy-pkuseg)")


def _sample_path() -> Path:
    return Path(str(resources.files("minsheng_ie") / "data" / "sample_report.txt"))


def cmd_eval(args) -> int:
    units = [u for path in args.gold for u in load_jsonl(path)]
    if args.pred:
        preds = {u.id: list(u.entities) for path in args.pred for u in load_jsonl(path, allow_null_values=True)}
        report = score(units, preds)
    else:
        report = evaluate(units, _extractor(args))
    sys.stdout.write(format_report(report, top=args.top) + "\n")
    if args.json:
        Path(args.json).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def cmd_rules(args) -> int:
    ext = _extractor(args)
    if args.action == "list":
        for r in sorted(ext.rules, key=lambda r: (r.label, -r.priority, r.id)):
            sys.stdout.write(f"{r.label:<9} {r.priority:>4}  {r.id:<34} {Path(r.file).name}:{r.line}  {r.description}\n")
        return 0
    if args.action == "test":
        failed = total = 0
        for case in example_cases(ext):
            total += 1
            problems = check(case, ext)
            if problems:
                failed += 1
                for p in problems:
                    sys.stdout.write(f"FAIL {p}\n")
        sys.stdout.write(f"{total - failed} passed, {failed} failed\n")
        return 1 if failed else 0
    # lint: loading already validated schemas, lexicons, regexes and contracts; what is
    # left is what a rule owes its readers: a description and a negative example
    bundled = Path(ext.rule_dirs[0]) if ext.rule_dirs and not args.rules else None
    user_dirs = [Path(d).resolve() for d in args.rules or ()]
    checked = [r for r in ext.rules
               if args.all or any(Path(r.file).resolve().is_relative_to(d) for d in user_dirs)]
    problems = lint_rules(checked)
    for p in problems:
        sys.stdout.write(f"error: {p}\n")
    scope = "all" if args.all else ("user" if user_dirs else "no")
    sys.stdout.write(f"{len(checked)} {scope} rules linted ({len(ext.rules)} loaded, {len(ext.lexicons)} lexicons), "
                     f"{len(problems)} problems\n")
    if bundled is not None and not args.all:
        sys.stdout.write("(give --rules DIR to lint your rules, or --all for the bundled ones too)\n")
    return 1 if problems else 0


def lint_rules(rules) -> list[str]:
    """What each rule owes its readers beyond a valid schema: a description and at least
    one example it must not match."""
    problems = []
    for r in rules:
        where = f"{r.file}: rule '{r.id}' (line {r.line})"
        if not r.description.strip():
            problems.append(f"{where}: key 'description': missing (say what the rule finds)")
        if not r.examples.no_match:
            problems.append(f"{where}: key 'examples -> no_match': no negative example (give at least one)")
    return problems


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="minsheng-ie", description="Facts out of 民生实事 progress reports.")
    p.add_argument("--version", action="version", version=describe(), help="version and which build runs")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp):
        sp.add_argument("--rules", action="append", metavar="DIR", help="extra rule directory (repeatable)")
        _add_segmenter(sp)

    e = sub.add_parser("extract", help="extract entities from a text, a file or stdin")
    e.add_argument("text", nargs="?", help="the text (else --file or stdin)")
    e.add_argument("--file", help="read the text from this file ('-' for stdin)")
    e.add_argument("--lines", action="store_true", help="treat every non-empty line as a text unit")
    e.add_argument("--ref-date", help="report date for dates without a year (2020-03-31 or 2020年3月31日)")
    e.add_argument("--field", help="what the text is: target, progress, responsible …")
    e.add_argument("--format", choices=["jsonl", "csv", "table"], default="table")
    e.add_argument("--progress", action="store_true", help="show a progress bar over the text units (--lines)")
    common(e)
    e.set_defaults(func=cmd_extract)

    r = sub.add_parser("parse", help="read whole reports into items with their facts")
    r.add_argument("paths", nargs="*", help="report files (.txt .csv .xlsx .docx .html)")
    r.add_argument("--sample", action="store_true", help="parse the bundled sample report")
    r.add_argument("--ref-date", help="override the report date (2020-03-31 or 2020年3月31日)")
    r.add_argument("--format", choices=["jsonl", "units", "csv", "table", "indicators", "indicators-jsonl"],
                   default="table",
                   help="jsonl: one object per item; units: one record per text unit (the gold shape); "
                        "csv: one row per item; indicators (indicators-jsonl): one CSV (JSON) row per "
                        "indicator with completion and status; table: items with their indicators")
    r.add_argument("--sheet", help="the .xlsx sheet to read (name or 1-based number; default: every sheet)")
    r.add_argument("--allow-empty", action="store_true", help="exit 0 even when a file gives no item")
    r.add_argument("--progress", action="store_true", help="show a progress bar over many files")
    common(r)
    r.set_defaults(func=cmd_parse)

    v = sub.add_parser("eval", help="score the extractor (or --pred files) against gold JSONL")
    v.add_argument("gold", nargs="+")
    v.add_argument("--pred", action="append", help="prediction JSONL instead of running the extractor")
    v.add_argument("--top", type=int, default=15, help="how many errors of each kind to list")
    v.add_argument("--json", help="also write the table as JSON here")
    common(v)
    v.set_defaults(func=cmd_eval)

    common(_add_view(sub))

    ru = sub.add_parser("rules", help="list, test or lint rules")
    ru.add_argument("action", choices=["list", "test", "lint"])
    ru.add_argument("--all", action="store_true", help="lint: the bundled rules too, not only --rules DIRs")
    common(ru)
    ru.set_defaults(func=cmd_rules)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (RuleError, GoldError) as exc:
        sys.stderr.write(f"minsheng-ie: {exc}\n")
        return 2
    except BrokenPipeError:
        return 0
    except (DocumentError, ValueError, TypeError, OSError) as exc:
        sys.stderr.write(f"minsheng-ie: error: {_one_line(exc)}\n")
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
