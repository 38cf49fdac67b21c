"""Extractor: loads the rules and lexicons, builds the tokenizer and the matcher, and
checks the input of each extraction before the pipeline (pipeline.py) runs it."""
from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Iterable

from .batch import DEFAULT_TIMEOUT, close_workers, extract_many
from .core.dates import parse_ref_date
from .core.entities import Extraction
from .core.errors import LimitError, RuleError
from .core.vocab import ATTACH_LABELS, FIELDS
from .documents import reader as document_reader
from .engine import pipeline as pipeline_module
from .engine import tokenizer as tokenizer_module
from .facts import figures as facts_figures
from .facts import groups as facts_groups
from .facts import schedule as facts_schedule
from .facts import status as facts_status
from .engine.matcher import Matcher
from .engine.pipeline import Pipeline
from .engine.rule import Rule
from .engine.tokenizer import Tokenizer
from .engine.values import CONTRACTS
from .loading.directories import load_rule_dirs
from .loading.examples import check, example_cases
from .loading.resources import bundled_rules_dir


# Characters per extract() call (≈ 3 MB of Chinese in UTF-8). Memory grows with the text
# — up to ~1 KB a character on texts dense in entities — so this keeps one call of the
# worst kind near 1 GB; a report is rarely past 100,000. docs/limits.md.
MAX_TEXT_LENGTH = 1_000_000

# the lexicons code reads by name, besides the normalisers' (loading refuses any other)
_LEXICON_READERS = (tokenizer_module.LEXICONS_READ | pipeline_module.LEXICONS_READ | document_reader.LEXICONS_READ
                    | facts_figures.LEXICONS_READ | facts_groups.LEXICONS_READ | facts_schedule.LEXICONS_READ
                    | facts_status.LEXICONS_READ)


class Extractor:
    """Loads the bundled rules plus any user rule directories, then extracts."""

    def __init__(self, rules: Iterable[str | Path] | str | Path = (), *, bundled: bool = True,
                 segmenter: str = "jieba", pkuseg_model: str | Path | None = None,
                 check_examples: bool = True, max_text_length: int | None = MAX_TEXT_LENGTH):
        """Load the rules and build the tokenizer, matcher and pipeline.

        Args:
            rules: your rule directories (YAML rule and lexicon files), loaded after the
                bundled ones; a lexicon of the same name as a bundled one adds to it.
            bundled: load the bundled rules (`rules/` of the package) first.
            segmenter: `jieba` (default), `jieba-py`, `spacy-jieba` or `spacy-pkuseg`.
            pkuseg_model: a spacy_pkuseg model directory, for `spacy-pkuseg`.
            check_examples: run the examples of your rules at load; a failing one raises
                RuleError (the bundled examples are run by the test suite).
            max_text_length: the longest text `extract` takes, in characters (None: no
                limit); a longer one raises LimitError.

        Raises:
            RuleError: a rule or lexicon file is invalid (file, rule id, line and key named).
        """
        self.max_text_length = max_text_length
        dirs = [rules] if isinstance(rules, (str, Path)) else list(rules)
        user_dirs = [Path(d) for d in dirs]
        self.rule_dirs = ([bundled_rules_dir()] if bundled else []) + user_dirs
        self.ruleset, self.lexicons = load_rule_dirs(self.rule_dirs, CONTRACTS, _LEXICON_READERS)
        # the words of entity rules must come out of the segmenter whole; attaching rules
        # read the words it gives (adding theirs would re-cut the text entities come from)
        words = {w for r in self.rules if r.label not in ATTACH_LABELS for alt in r.alternatives for spec in alt
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

    # ------------------------------------------------------------------ extraction

    def extract(self, text: str, *, ref_date: dt.date | str | None = None,
                field: str | None = None) -> Extraction:
        """The entities of one text unit: see `minsheng_ie.extract` for the arguments."""
        _check_text(text, self.max_text_length)
        if field is not None and field not in FIELDS:
            raise ValueError(f"invalid field {field!r}: use one of {', '.join(FIELDS)}")
        return self.pipeline.run(text, parse_ref_date(ref_date), field)

    def extract_many(self, texts: Iterable[str], *, ref_date=None, field=None, n_process: int = 1,
                     progress: bool = False, chunk_size: int = 256,
                     timeout: float | None = DEFAULT_TIMEOUT) -> list[Extraction]:
        """`extract` over many texts, in order, optionally in `n_process` processes (-1:
        one per core; this process is one of them); `ref_date` and `field` are one value
        for all or a list, one per text. `timeout`: seconds a worker may take over one
        chunk of `chunk_size` texts (None: no limit). Texts that fail (a worker died or
        hung twice on their chunk, or extract() raised) raise BatchError at the end,
        which carries every other result (minsheng_ie.batch)."""
        return extract_many(self, texts, ref_date=ref_date, field=field, n_process=n_process,
                            progress=progress, chunk_size=chunk_size, timeout=timeout)

    def close(self) -> None:
        """Stop the worker processes `extract_many` keeps for this extractor's next call
        (they are stopped anyway when it is collected or the interpreter exits)."""
        close_workers(self)


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
    """Extract QUANTITY, PERCENT, DATE, DEADLINE and ORG entities from one text unit.

    Args:
        text: one text unit (a table cell, a numbered item, a line), Simplified or
            Traditional, any width; entity offsets index this string exactly.
        ref_date: the report's date (a `datetime.date` or an ISO / written date string):
            completes dates without a year and resolves 今年, 本月, 年底; never the clock.
        field: what the text is (`core.vocab.FIELDS`: target, progress, responsible …);
            a responsible-unit cell makes its units lead, a target cell its years deadlines.

    Returns:
        An `Extraction` whose `entities` are sorted by start.

    Raises:
        TypeError: `text` is not a str. ValueError: an unknown `field` or an invalid `ref_date`.
        LimitError: `text` is longer than `MAX_TEXT_LENGTH` characters (see `Extractor`).
    """
    _check_text(text)   # before the default extractor is built: a wrong call fails fast
    return default_extractor().extract(text, ref_date=ref_date, field=field)


def _check_text(text: object, max_length: int | None = None) -> None:
    if not isinstance(text, str):
        raise TypeError(f"extract() needs str text, not {type(text).__name__}")
    if max_length is not None and len(text) > max_length:
        raise LimitError(f"text of {len(text):,} characters is longer than the limit of {max_length:,} "
                         f"per extract() call: split it (by paragraph or item), or raise the limit "
                         f"with Extractor(max_text_length=…)")
