"""Lexicons: named word lists loaded from YAML (units, cue words, agency names …).

A lexicon file holds one or more lexicons:

    lexicons:
      unit:
        description: Measure words and units.
        follows_number: true        # the tokenizer splits 一台 → 一|台 for these words
        entries:
          元: {dimension: money, forms: [圆]}
          人次: {dimension: count}
          以上: ">="                 # a bare scalar is the entry's value

Every surface form (the key and its `forms`) is normalised like input text, so
Traditional or full-width variants listed here meet the text as rules see it.
Lexicons of the same name in several files (bundled and user directories) merge.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..core.errors import RuleError
from ..core.lexicon import Entry, Lexicon
from ..core.vocab import DIMENSIONS
from ..engine.normalize import normalize
from .schema import Word
from .yaml_io import load_yaml, problem, validate


class EntryModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: Any = None
    forms: list[Word] = []
    dimension: str | None = None


class LexiconModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    follows_number: bool = False
    segment: bool = True          # feed the words to the segmenter's user dictionary
    # words the segmenter should not make: they go into its dictionary with frequency 0,
    # so 县财政局和县医保局 is cut 和|县, not 和县 (a county)
    rare: bool = False
    # a segmenter word that starts with one of these forms and ends with another known
    # form is split in two (今年底 → 今年|底)
    splits_words: bool = False
    # with splits_words: each form followed by each form of these lexicons is a word for
    # the segmenter (今年+末), split again at the join, so the segmenter never cuts 今|年末
    joins: list[str] = []
    # after one of these words a bare magnitude is a number: 近百户, 上千人, 逾万元
    precedes_magnitude: bool = False
    entries: dict[Word, EntryModel | str | int | float | bool | None]


class LexiconFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lexicons: dict[str, LexiconModel]


def load_lexicon_file(path: Path, into: dict[str, Lexicon]) -> None:
    doc = load_yaml(path)
    model = validate(LexiconFileModel, doc)
    problems = []
    for name, lex_model in model.lexicons.items():
        lex = into.setdefault(name, Lexicon(name))
        lex.sources.append((str(path), doc.line(("lexicons", name))))
        lex.follows_number |= lex_model.follows_number
        lex.segment = lex.segment and lex_model.segment
        lex.rare |= lex_model.rare
        lex.splits_words |= lex_model.splits_words
        lex.joins = tuple(dict.fromkeys([*lex.joins, *lex_model.joins]))
        lex.precedes_magnitude |= lex_model.precedes_magnitude
        for key, spec in lex_model.entries.items():
            entry_model = spec if isinstance(spec, EntryModel) else EntryModel(value=spec)
            dim = entry_model.dimension
            if dim is not None and dim not in DIMENSIONS or dim is None and name == "unit":
                problems.append(problem(doc, ("lexicons", name, "entries", key, "dimension"),
                                        f"dimension {dim!r} is not one of {', '.join(DIMENSIONS)}"
                                        + (" (every unit has one)" if dim is None else "")))
            entry = Entry(key, entry_model.value if entry_model.value is not None else key,
                          entry_model.dimension)
            for form in {key, *entry_model.forms}:
                norm = normalize(form)
                old = lex.forms.get(norm)
                if old is not None and old != entry and old.canonical != key:
                    problems.append(problem(doc, ("lexicons", name, "entries", key),
                                            f"form '{form}' is already an entry of '{old.canonical}'"))
                lex.forms[norm] = entry
    if problems:
        raise RuleError(str(path), problems)
