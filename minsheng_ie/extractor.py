"""Extractor: loads the rules and lexicons, builds the tokenizer and the matcher, and
checks the input of each extraction before the pipeline (pipeline.py) runs it."""
from __future__ import annotations

import datetime as dt
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from .entities import Extraction
from .errors import RuleError
from .lexicons import Lexicon, load_lexicon_file
from .matcher import Matcher
from .pipeline import Pipeline
from .resources import bundled_rules_dir
from .rule import Rule
from .rules import FIELDS, RuleSet, finish_rules, load_rule_file
from .tokenizer import Tokenizer
from .values import NORMALISERS
from .yaml_io import load_yaml

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_ref_date(ref_date: Any) -> dt.date | None:
    """None, a date/datetime, or a string: ISO, or anything dateparser reads (2020年3月31日)."""
    if ref_date is None:
        return None
    if isinstance(ref_date, dt.datetime):
        return ref_date.date()
    if isinstance(ref_date, dt.date):
        return ref_date
    if not isinstance(ref_date, str):
        raise TypeError(f"ref_date must be a date or str, not {type(ref_date).__name__}")
    return _parse_date_string(ref_date)


@lru_cache(maxsize=4096)   # a batch gives the same few dates again and again
def _parse_date_string(ref_date: str) -> dt.date:
    s = ref_date.strip()
    if _ISO.match(s):
        try:
            return dt.date.fromisoformat(s)
        except ValueError:
            raise ValueError(f"invalid ref_date {ref_date!r}: not a calendar date") from None
    import dateparser  # slow to import: only when a non-ISO date is given
    parsed = dateparser.parse(s, languages=["zh", "en"], settings={"STRICT_PARSING": True})
    if parsed is None:
        raise ValueError(f"invalid ref_date {ref_date!r}: use an ISO date like 2020-03-31")
    return parsed.date()


class Extractor:
    """Loads the bundled rules plus any user rule directories, then extracts."""

    def __init__(self, rules: Iterable[str | Path] | str | Path = (), *, bundled: bool = True,
                 segmenter: str = "jieba", pkuseg_model: str | Path | None = None,
                 check_examples: bool = True):
        """`rules`: user rule directories, loaded after the bundled ones. With
        `check_examples`, the examples of user rules are run at load and a failing one
        raises RuleError (the bundled examples are run by the test suite)."""
        dirs = [rules] if isinstance(rules, (str, Path)) else list(rules)
        user_dirs = [Path(d) for d in dirs]
        self.rule_dirs = ([bundled_rules_dir()] if bundled else []) + user_dirs
        self.lexicons: dict[str, Lexicon] = {}
        self.ruleset = RuleSet()
        self._load(self.rule_dirs)
        words = {w for r in self.rules for spec in r.pattern
                 for w in ([spec["TEXT"]] if "TEXT" in spec else []) + spec.get("IN", [])}
        self.segmenter_name = segmenter
        self.pkuseg_model = pkuseg_model
        self.matcher = Matcher(self.ruleset.rules, self.lexicons)
        self.tokenizer = Tokenizer(self.lexicons, self.matcher.classes.of, segmenter, pkuseg_model, words)
        self.pipeline = Pipeline(self.tokenizer, self.matcher, self.lexicons)
        if check_examples and user_dirs:
            self.check_examples([r for r in self.rules
                                 if any(Path(r.file).is_relative_to(d) for d in user_dirs)])

    def check_examples(self, rules=None) -> None:
        """Run the examples of `rules` (default: all); raise RuleError per failing file."""
        from .rule_examples import check, example_cases
        wanted = {id(r) for r in (self.rules if rules is None else rules)}
        by_file: dict[str, list[str]] = {}
        for case in example_cases(self):
            if id(case.rule) in wanted:
                for p in check(case, self):
                    by_file.setdefault(case.rule.file, []).append(
                        f"rule '{case.rule.id}' (line {case.rule.line}): key 'examples -> {case.kind} -> "
                        f"{case.index}': {p.split(': ', 1)[1]}")
        for file, problems in by_file.items():
            raise RuleError(file, problems)

    @property
    def rules(self) -> list[Rule]:
        return self.ruleset.rules

    def _load(self, dirs: Sequence[Path]) -> None:
        lexicon_files, rule_files = [], []
        for d in dirs:
            if not d.is_dir():
                raise RuleError(str(d), ["not a directory of rule files"])
            for path in sorted(d.rglob("*.yaml")) + sorted(d.rglob("*.yml")):
                data = load_yaml(path).data
                if isinstance(data, dict) and "lexicons" in data:
                    lexicon_files.append(path)
                elif isinstance(data, dict) and ("rules" in data or "fragments" in data):
                    rule_files.append(path)
                else:
                    raise RuleError(str(path), ["key '(top level)': a rule file needs 'rules' "
                                                "(or 'fragments'); a lexicon file needs 'lexicons'"])
        for path in lexicon_files:
            load_lexicon_file(path, self.lexicons)
        raw: list = []
        for path in rule_files:
            load_rule_file(path, self.ruleset, raw)
        finish_rules(self.ruleset, raw, self.lexicons, set(NORMALISERS))

    # ------------------------------------------------------------------ extraction

    def extract(self, text: str, *, ref_date: dt.date | str | None = None,
                field: str | None = None) -> Extraction:
        if not isinstance(text, str):
            raise TypeError(f"extract() needs str text, not {type(text).__name__}")
        if field is not None and field not in FIELDS:
            raise ValueError(f"invalid field {field!r}: use one of {', '.join(FIELDS)}")
        return self.pipeline.run(text, parse_ref_date(ref_date), field)

    def extract_many(self, texts: Iterable[str], *, ref_date=None, field=None,
                     n_process: int = 1, progress: bool = False) -> list[Extraction]:
        from .batch import extract_many
        return extract_many(self, texts, ref_date=ref_date, field=field,
                            n_process=n_process, progress=progress)


_default: Extractor | None = None
_default_lock = threading.Lock()


def default_extractor() -> Extractor:
    """The shared Extractor with the bundled rules, built once on first use (thread-safe)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Extractor()
    return _default


def extract(text: str, *, ref_date: dt.date | str | None = None, field: str | None = None) -> Extraction:
    """Extract QUANTITY, PERCENT, DATE, DEADLINE and ORG entities from one text unit."""
    if not isinstance(text, str):
        raise TypeError(f"extract() needs str text, not {type(text).__name__}")
    return default_extractor().extract(text, ref_date=ref_date, field=field)
