from __future__ import annotations

import datetime as dt
from typing import Any

from ...core.lexicon import Entry, Lexicon
from ..tokenizer import Token


class Context:
    """What values are worked out against: the report date, the field, the lexicons.
    (A plain class: made once per text, its compiled __init__ is native code.)"""

    def __init__(self, ref_date: dt.date | None, field: str | None, lexicons: dict[str, Lexicon], text: str = ""):
        self.ref_date = ref_date
        self.field = field
        self.lexicons = lexicons
        self.text = text   # normalised, for values read from what comes before (a carried year)
        # subjects attached so far (attach pass, left to right): entity start → (start, end)
        self.attached: dict[int, tuple[int, int]] = {}

    def lex_value(self, lexicon: str, tokens: list[Token] | None) -> Any:
        """The value of the lexicon entry the captured tokens spell, if any."""
        entry = self._entry(lexicon, tokens)
        return entry.value if entry is not None else None

    def canonical(self, lexicon: str, tokens: list[Token] | None) -> str | None:
        entry = self._entry(lexicon, tokens)
        return entry.canonical if entry is not None else None

    def _entry(self, lexicon: str, tokens: list[Token] | None) -> Entry | None:
        if not tokens:
            return None
        return self.lexicons[lexicon].forms.get("".join([t.norm for t in tokens]))
