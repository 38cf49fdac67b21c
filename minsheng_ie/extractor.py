"""The pipeline, top to bottom:

    normalise → tokenize → match rules → resolve overlaps, normalising values → entities

Values are normalised while overlaps are resolved: candidates are taken best first, and
a candidate's value is worked out when its characters are still free. A match whose
value is impossible (2月30日, a number cn2an cannot read) drops out there, so a
lower-priority reading of the same characters can still win; matches that lose to a
longer one (every shorter name inside 市金融局) never need their values.
"""
from __future__ import annotations

import datetime as dt
import re
import threading
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any, Iterable, Sequence

from .entities import Entity, Extraction
from .errors import RuleError
from .lexicons import Lexicon, load_lexicon_file
from .matcher import Match, Matcher
from .normalize import normalize
from .resources import bundled_rules_dir
from .rules import FIELDS, RuleSet, finish_rules, load_rule_file
from .tokenizer import Token, Tokenizer
from .values import NORMALISERS, Context
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


class _Candidate:
    """A match with its character span, waiting for overlap resolution. Its values are
    worked out on first use: most matches lose to a longer one and never need them."""
    __slots__ = ("match", "rule", "start", "end", "match_end", "sort_key", "_ctx", "_attrs")

    def __init__(self, match: Match, tokens: list[Token], ctx: Context):
        self.match = match
        self.rule = r = match.rule
        self.start = start = tokens[match.core_start].start
        self.end = end = tokens[match.core_end - 1].end
        self.match_end = tokens[match.end - 1].end   # context included (县卫健局（牵头）)
        # the order of preference: priority, longer span, longer match, earlier, rule id
        self.sort_key = (-r.priority, start - end, match.start - match.end, start, r.id)
        self._ctx = ctx
        self._attrs: dict[str, Any] | None | object = _UNSET

    @property
    def attrs(self) -> dict[str, Any] | None:
        """The entity's value and attributes; None when the value is impossible (2月30日)."""
        if self._attrs is _UNSET:
            self._attrs = NORMALISERS[self.rule.value](self.match, self._ctx)
        return self._attrs  # type: ignore[return-value]


_UNSET = object()


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
        sep = self.lexicons.get("list_sep")
        self._list_sep = set(sep.forms) if sep else set()
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
    def rules(self):
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
        ref = parse_ref_date(ref_date)
        if not text.strip():
            return Extraction(text, (), ref, field)
        norm = normalize(text)
        tokens = self.tokenizer.tokenize(text, norm)
        ctx = Context(ref, field, self.lexicons)
        candidates = [_Candidate(m, tokens, ctx) for m in self.matcher.match(tokens, field)]
        candidates.sort(key=attrgetter("sort_key"))
        ents: dict[int, list] = {}
        of_match: dict[int, _Candidate] = {}
        for c in candidates:
            ents.setdefault(c.match.core_start, []).append((c.match.core_end, c.match))
            of_match[id(c.match)] = c
        # a first-pass match with an impossible value is no entity for the second pass either
        second = self.matcher.match(tokens, field, ents, lambda m: of_match[id(m)].attrs is not None)
        candidates += [_Candidate(m, tokens, ctx) for m in second]
        kept = resolve_overlaps(candidates)
        self._fill_attrs(kept, norm, field)
        entities, vetoed = [], []
        for c in kept:
            ent = _entity(c, text)
            (vetoed if c.rule.label == "VETO" else entities).append(ent)
        return Extraction(text, tuple(entities), ref, field, tuple(vetoed))

    def _fill_attrs(self, kept: list[_Candidate], norm: str, field: str | None) -> None:
        """List members share attributes, then defaults apply.

        Forward: 牵头单位:区教育局、卫健委 → both lead (rule key `inherit`).
        Backward: 区交通局、各街道配合 → both support (rule key `inherit_backward`: the
        attribute came from a word after the list, so it flows back and not forward).
        Defaults: the rule's per-field attributes, then its plain attributes."""
        ents = [c for c in kept if c.rule.label != "VETO"]
        for prev, c in zip(ents, ents[1:]):
            if (c.rule.inherit and prev.rule.label == c.rule.label
                    and self._only_separators(norm[max(prev.end, prev.match_end):c.start])):
                for key in c.rule.inherit:
                    if (c.attrs.get(key) is None and prev.attrs.get(key) is not None
                            and key not in prev.rule.inherit_backward):
                        c.attrs[key] = prev.attrs[key]
        if any(c.rule.inherit_backward for c in ents):
            backward = {id(c): set(c.rule.inherit_backward) for c in ents}
            for c, nxt in reversed(list(zip(ents, ents[1:]))):
                if c.rule.label == nxt.rule.label and self._only_separators(norm[c.end:nxt.start]):
                    for key in backward[id(nxt)] & set(c.rule.inherit):
                        if c.attrs.get(key) is None and nxt.attrs.get(key) is not None:
                            c.attrs[key] = nxt.attrs[key]
                            backward[id(c)].add(key)
        for c in kept:
            for key, val in c.rule.defaults(field).items():
                if c.attrs.get(key) is None:
                    c.attrs[key] = val

    def _only_separators(self, between: str) -> bool:
        s = between.strip()
        return s == "" or s in self._list_sep

    def extract_many(self, texts: Iterable[str], *, ref_date=None, field=None,
                     n_process: int = 1, progress: bool = False) -> list[Extraction]:
        from .batch import extract_many
        return extract_many(self, texts, ref_date=ref_date, field=field,
                            n_process=n_process, progress=progress)


def resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the best candidate for every character: higher priority first, then the longer
    span, then the longer match (more context), then the earlier start, then the rule id.
    One entity per character across labels: a year is a DATE or a QUANTITY, never both.
    A candidate whose value is impossible is passed over, leaving its characters to the
    next best (its value is worked out only when its characters are still free)."""
    if not candidates:
        return []
    taken = bytearray(max(c.end for c in candidates))
    kept: list[_Candidate] = []
    for c in sorted(candidates, key=attrgetter("sort_key")):
        if any(taken[c.start:c.end]) or c.attrs is None:
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def _entity(c: _Candidate, text: str) -> Entity:
    a = c.attrs
    return Entity(label=c.rule.label, start=c.start, end=c.end, text=text[c.start:c.end],
                  value=a.get("value"), rule=c.rule.id, unit=a.get("unit"),
                  value_max=a.get("value_max"), comparator=a.get("comparator"),
                  points=a.get("points"), role=a.get("role"), canonical=a.get("canonical"))


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
