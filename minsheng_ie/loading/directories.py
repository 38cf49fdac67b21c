"""Rule directories: every YAML file in them is a lexicon file or a rule file; lexicons
load first (rules refer to them), then rules, then the cross-file checks."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..core.errors import RuleError
from ..core.lexicon import Lexicon
from .lexicons import load_lexicon_file
from .rule_files import RuleSet, finish_rules, load_rule_file
from .yaml_io import load_yaml


def load_rule_dirs(dirs: Sequence[Path], normalisers: set[str]) -> tuple[RuleSet, dict[str, Lexicon]]:
    """The rules and lexicons of `dirs`, in order (a later directory adds to the lexicons
    of an earlier one); `normalisers`: the value normalisers rules may name."""
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
    lexicons: dict[str, Lexicon] = {}
    for path in lexicon_files:
        load_lexicon_file(path, lexicons)
    unknown = [f"lexicon '{lex.name}': key 'joins': unknown lexicon '{j}'"
               for lex in lexicons.values() for j in lex.joins if j not in lexicons]
    if unknown:
        raise RuleError(", ".join(str(p) for p in lexicon_files), unknown)
    ruleset = RuleSet()
    raw: list = []
    for path in rule_files:
        load_rule_file(path, ruleset, raw)
    finish_rules(ruleset, raw, lexicons, normalisers)
    return ruleset, lexicons
