"""The bundled rules and lexicons: the package `minsheng_ie._rules` (the `rules/` folder
of the source tree, mapped there by pyproject.toml)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..core.lexicon import Lexicon
from .lexicons import load_lexicon_file


@lru_cache(maxsize=1)
def bundled_rules_dir() -> Path:
    # the rules are read as files (line numbers in errors, user directories beside them),
    # so the package must be on the file system, as pip installs it (wheel or editable)
    return Path(str(resources.files("minsheng_ie._rules")))


@lru_cache(maxsize=None)
def bundled_lexicon(file: str, name: str) -> Lexicon:
    lexicons: dict[str, Lexicon] = {}
    load_lexicon_file(bundled_rules_dir() / "lexicons" / file, lexicons)
    return lexicons[name]
