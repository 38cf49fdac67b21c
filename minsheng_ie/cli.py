"""The `minsheng-ie` command: extract, parse, eval, rules list|test|lint.

Errors are one line on stderr with a non-zero exit code: 2 for bad usage or unreadable
input, 1 for a failed check (rule tests, lint).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Sequence

from .core.dates import parse_ref_date
from .core.errors import DocumentError, GoldError, RuleError
from .documents import extract_document as _extract_document
from .documents import read_document
from .documents.extraction import item_rows
from .facts import DocumentFacts, document_facts
from .facts.documents import ROW_KEYS
from .evaluation.gold import load_jsonl
from .evaluation.scoring import evaluate, format_report, score
from .extractor import Extractor, default_extractor
from .loading.examples import check, example_cases
from .progress import progress_bar


def _extractor(args):
    if getattr(args, "rules", None) or getattr(args, "segmenter", "jieba") != "jieba":
        return Extractor(rules=args.rules or (), segmenter=args.segmenter)
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
    for i, text in enumerate(texts):
        result = ext.extract(text, ref_date=args.ref_date, field=args.field)
        rows = [e.to_dict(details=True) for e in result.entities]
        if args.format == "jsonl":
            rec = {"id": str(i + 1), "ref_date": args.ref_date, "field": args.field, "text": text, "entities": rows}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif args.format == "csv":
            if writer is None:
                writer = csv.writer(out)
                writer.writerow(["unit", "label", "start", "end", "text", "value", "unit_of_measure",
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
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError(f"cannot read {path}: {exc}") from None


def cmd_parse(args) -> int:
    ext = _extractor(args)
    paths = [None] if args.sample else args.paths
    if not paths:
        raise DocumentError("give a report file (or --sample)")
    for path in progress_bar(paths, enabled=args.progress and len(paths) > 1, desc="reports"):
        doc = read_document(_sample_path() if path is None else Path(path))
        if args.ref_date:
            doc.ref_date = parse_ref_date(args.ref_date)
        result = _extract_document(doc, ext)
        rows = item_rows(result)
        if args.format.startswith("indicators"):
            _write_indicators(document_facts(result, ext.lexicons), args.format, header=path == paths[0])
        elif args.format == "jsonl":
            for rec in result.to_records():
                sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif args.format == "csv":
            buf = io.StringIO()
            w = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["number"])
            w.writeheader()
            w.writerows(rows)
            sys.stdout.write(buf.getvalue())
        else:
            sys.stdout.write(result.table(document_facts(result, ext.lexicons).item_lines) + "\n")
    return 0


def _write_indicators(facts: DocumentFacts, fmt: str, header: bool) -> None:
    """One row per indicator (item facts): CSV with a header before the first report's
    rows (`indicators`), or JSON lines (`indicators-jsonl`)."""
    rows = facts.rows()
    if fmt == "indicators-jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(ROW_KEYS))
    if header:
        w.writeheader()
    w.writerows(rows)
    sys.stdout.write(buf.getvalue())


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
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp):
        sp.add_argument("--rules", action="append", metavar="DIR", help="extra rule directory (repeatable)")
        sp.add_argument("--segmenter", default="jieba", choices=["jieba", "jieba-py", "rjieba", "spacy-jieba"])

    e = sub.add_parser("extract", help="extract entities from a text, a file or stdin")
    e.add_argument("text", nargs="?", help="the text (else --file or stdin)")
    e.add_argument("--file", help="read the text from this file ('-' for stdin)")
    e.add_argument("--lines", action="store_true", help="treat every non-empty line as a text unit")
    e.add_argument("--ref-date", help="report date for dates without a year (ISO)")
    e.add_argument("--field", help="what the text is: target, progress, responsible …")
    e.add_argument("--format", choices=["jsonl", "csv", "table"], default="table")
    common(e)
    e.set_defaults(func=cmd_extract)

    r = sub.add_parser("parse", help="read whole reports into items with their facts")
    r.add_argument("paths", nargs="*", help="report files (.txt .csv .xlsx .docx .html)")
    r.add_argument("--sample", action="store_true", help="parse the bundled sample report")
    r.add_argument("--ref-date", help="override the report date found in the document")
    r.add_argument("--format", choices=["jsonl", "csv", "table", "indicators", "indicators-jsonl"], default="table",
                   help="table: items with their indicators; indicators(-jsonl): one CSV (JSON) row per "
                        "indicator with completion and status")
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
    except (DocumentError, ValueError, TypeError) as exc:
        sys.stderr.write(f"minsheng-ie: error: {exc}\n")
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
