"""The lexicon type: a named word list (units, cue words, agency names …) mapping every
normalised surface form to its entry. Lexicon files are loaded by loading/lexicons.py."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Entry:
    canonical: str          # the key as written in the YAML (Simplified canonical form)
    value: Any
    dimension: str | None = None


@dataclass
class Lexicon:
    name: str
    follows_number: bool = False
    segment: bool = True
    rare: bool = False      # words the segmenter should not make (和县 in 县财政局和县医保局)
    splits_words: bool = False
    joins: tuple[str, ...] = ()   # lexicons whose forms may follow, written as one word
    precedes_magnitude: bool = False
    forms: dict[str, Entry] = field(default_factory=dict)   # normalised surface form → entry
    sources: list[tuple[str, int | None]] = field(default_factory=list)   # (file, line) of each definition

    # for fuzzy matching (values/orgs.py), once the lexicon is loaded
    @cached_property
    def fuzzy_forms(self) -> list[str]:
        """The forms of two characters or more: what a name is compared with."""
        return [f for f in self.forms if len(f) >= 2]

    @cached_property
    def fuzzy_bigrams(self) -> dict[str, list[int]]:
        """Each pair of adjacent characters → the fuzzy_forms (by index) that have it."""
        index: dict[str, list[int]] = {}
        for i, form in enumerate(self.fuzzy_forms):
            for pair in dict.fromkeys(form[k:k + 2] for k in range(len(form) - 1)):
                index.setdefault(pair, []).append(i)
        return index

    @cached_property
    def fuzzy_found(self) -> dict[str, str | None]:
        """Names already compared, with the canonical form they matched (or None)."""
        return {}
