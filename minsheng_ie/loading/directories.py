"""Rule directories: every YAML file in them is a lexicon file or a rule file; lexicons
load first (rules refer to them), then rules, then the cross-file checks."""
from __future__ import annotations

import difflib
import warnings
from pathlib import Path
from typing import AbstractSet, Mapping, Sequence

from ..core.errors import RuleError
from ..core.lexicon import Lexicon
from ..engine.values import Contract
from .lexicons import load_lexicon_file
from .rule_files import RuleSet, finish_rules, lexicon_names, load_rule_file
from .yaml_io import is_regular_file, load_yaml


def load_rule_dirs(dirs: Sequence[Path], contracts: Mapping[str, Contract],
                   readers: AbstractSet[str]) -> tuple[RuleSet, dict[str, Lexicon]]:
    """The rules and lexicons of `dirs`, in order (a later directory adds to the lexicons
    of an earlier one). `contracts`: the value normalisers rules may name, with what each
    reads; `readers`: the lexicons code reads besides (tokenizer, document reader). A
    lexicon that no rule, normaliser or reader reads is an error: it would never be used."""
    lexicon_files, rule_files = [], []
    for d in dirs:
        if not d.is_dir():
            raise RuleError(str(d), ["not a directory of rule files"])
        for path in sorted(d.rglob("*.yaml")) + sorted(d.rglob("*.yml")):
            if not is_regular_file(path):
                warnings.warn(f"{path}: skipped, not a regular file (a FIFO, device, socket or directory)",
                              stacklevel=2)
                continue
            data = load_yaml(path).data
            if isinstance(data, dict) and "lexicons" in data:
                lexicon_files.append(path)
            elif isinstance(data, dict) and ("rules" in data or "fragments" in data):
                rule_files.append(path)
            else:
                raise RuleError(str(path), ["key '(top level)': a rule file needs 'rules' "
                                            "(or 'fragments'); a lexicon file needs 'lexicons'"])
    lexicons: dict[str, Lexicon] = {}
    for path in lexicon_files:
        load_lexicon_file(path, lexicons)
    for lex in lexicons.values():
        unknown = [j for j in lex.joins if j not in lexicons]
        if unknown:
            source, line = lex.sources[-1]
            raise RuleError(source, [f"file (line {line}): key 'lexicons -> {lex.name} -> joins': "
                                   f"unknown lexicon '{name}'" for name in unknown])
    ruleset = RuleSet()
    raw: list = []
    for path in rule_files:
        load_rule_file(path, ruleset, raw)
    finish_rules(ruleset, raw, lexicons, contracts)
    _check_read(ruleset, lexicons, contracts, readers)
    return ruleset, lexicons


def _check_read(ruleset: RuleSet, lexicons: Mapping[str, Lexicon], contracts: Mapping[str, Contract],
                readers: AbstractSet[str]) -> None:
    read = set(readers).union(*(c.lexicons for c in contracts.values()))
    read.update(j for lex in lexicons.values() for j in lex.joins)   # the tokenizer joins their words
    for rule in ruleset.rules:
        for alt in rule.alternatives:
            for spec in alt:
                read.update(name for _, name in lexicon_names(spec))
        if rule.list_of:   # a list rule's lexicons (engine/lists.py)
            read.update(v for k, v in rule.list_of.items() if k in ("separators", "ends", "starts", "shared_head"))
    by_file: dict[str, list[str]] = {}
    for name, lex in lexicons.items():
        # the tokenizer reads lexicons by these flags, whatever their names
        if name in read or lex.follows_number or lex.splits_words or lex.precedes_magnitude or lex.rare:
            continue
        near = difflib.get_close_matches(name, sorted(read), n=1, cutoff=0.6)
        hint = f": did you mean '{near[0]}'?" if near else ""
        path, line = lex.sources[-1]
        by_file.setdefault(path, []).append(f"file (line {line}): key 'lexicons -> {name}': no rule or code "
                                            f"reads a lexicon named '{name}'{hint}")
    for where, problems in by_file.items():
        raise RuleError(where, problems)
