"""Where the bundled rules live: `rules/` in a checkout, `minsheng_ie/_rules` when installed."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .lexicons import Lexicon, load_lexicon_file


def bundled_rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "_rules"            # a wheel install maps rules/ here
    return installed if installed.is_dir() else here.parent / "rules"


@lru_cache(maxsize=None)
def bundled_lexicon(file: str, name: str) -> Lexicon:
    lexicons: dict[str, Lexicon] = {}
    load_lexicon_file(bundled_rules_dir() / "lexicons" / file, lexicons)
    return lexicons[name]
