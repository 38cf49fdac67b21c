"""The pipeline, top to bottom:

    normalise → tokenize → match rules → resolve overlaps, normalising values → entities

Values are normalised while overlaps are resolved: candidates are taken best first, and
a candidate's value is worked out when its characters are still free. A match whose
value is impossible (2月30日, a number cn2an cannot read) drops out there, so a
lower-priority reading of the same characters can still win; matches that lose to a
longer one (every shorter name inside 市金融局) never need their values.

This module, the tokenizer, the matcher and the value normalisers are compiled with
mypyc when the package is installed (see setup.py); `Extractor` checks the input and
calls `Pipeline.run`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import fields
from functools import partial
from operator import attrgetter
from types import MemberDescriptorType
from typing import Any, Callable

from ..core.entities import Entity, Extraction, Span
from ..core.lexicon import Lexicon
from .lists import ListSpec, list_members
from .matcher import EDGE, EntIndex, Match, Matcher
from .normalize import normalize
from .rule import Rule
from .tokenizer import Token, Tokenizer
from .values import NORMALISERS, Context


LEXICONS_READ = frozenset({"list_sep"})   # separators between members of a list
ATTACH_WINDOW = 40   # an attaching rule's match starts at most this many tokens before its entity


class Candidate:
    """A match with its character span, waiting for overlap resolution. Its values are
    worked out on first use: most matches lose to a longer one and never need them."""

    def __init__(self, match: Match, tokens: list[Token], ctx: Context):
        self.match = match
        self.rule: Rule = match.rule
        r = self.rule
        self.start: int = tokens[match.core_start].start
        self.end: int = tokens[match.core_end - 1].end
        self.match_end: int = tokens[match.end - 1].end   # context included (县卫健局（牵头）)
        # the order of preference: priority, longer span, longer match, earlier, rule id
        self.sort_key = (-r.priority, self.start - self.end, match.start - match.end, self.start, r.id)
        self._ctx = ctx
        self._attrs: dict[str, Any] | None = None
        self._done = False

    @property
    def attrs(self) -> dict[str, Any] | None:
        """The entity's value and attributes; None when the value is impossible (2月30日)."""
        if not self._done:
            self._attrs = NORMALISERS[self.rule.value](self.match, self._ctx)
            self._done = True
        return self._attrs

    @property
    def kept_attrs(self) -> dict[str, Any]:
        """The attributes of a candidate overlap resolution kept (so its value is possible)."""
        assert self._attrs is not None
        return self._attrs


class Pipeline:
    """The tokenizer, the matcher and the lexicons of one Extractor, run on one text."""

    def __init__(self, tokenizer: Tokenizer, matcher: Matcher, lexicons: dict[str, Lexicon]):
        self.tokenizer = tokenizer
        self.matcher = matcher
        self.lexicons = lexicons
        sep = lexicons.get("list_sep")
        self._list_sep: set[str] = set(sep.forms) if sep else set()
        self._start = Token("", "", 0, 0, EDGE, matcher.classes.of("", EDGE))   # the empty token at 0
        # list rules (lists.py): rule id → how its lists split
        self._lists: dict[str, ListSpec] = {r.id: ListSpec(r.list_of, lexicons) for r in matcher.rules if r.list_of}

    def run(self, text: str, ref: dt.date | None, field: str | None) -> Extraction:
        """The entities of `text` (checked by the caller: a str, a known field)."""
        if not text.strip():
            return _extraction(text, (), ref, field, ())
        norm = normalize(text)
        # an empty token at each end, so a rule can ask for the start or the end (IS_EDGE)
        tokens = [self._start, *self.tokenizer.tokenize(text, norm),
                  Token("", "", len(text), len(text), EDGE, self._start.cls)]
        ctx = Context(ref, field, self.lexicons, norm)
        classes = [t.cls for t in tokens]
        candidates = self._candidates(self.matcher.first_pass(tokens, classes, field), tokens, ctx)
        candidates.sort(key=attrgetter("sort_key"))
        ents: dict[int, list[tuple[int, Match]]] = {}
        of_match: dict[int, Candidate] = {}
        for c in candidates:
            ents.setdefault(c.match.core_start, []).append((c.match.core_end, c.match))
            of_match[id(c.match)] = c
        # a first-pass match with an impossible value is no entity for the second pass either
        second = self.matcher.second_pass(tokens, classes, field, ents,
                                          lambda m: of_match[id(m)].attrs is not None)
        candidates += self._candidates(second, tokens, ctx)
        kept = resolve_overlaps(candidates)
        self._fill_attrs(kept, norm, field)
        self._attach(kept, tokens, classes, field, ctx, text)
        entities: list[Entity] = []
        vetoed: list[Entity] = []
        for c in kept:
            ent = _entity(c, text)
            (vetoed if c.rule.label == "VETO" else entities).append(ent)
        return _extraction(text, tuple(entities), ref, field, tuple(vetoed))

    def _candidates(self, matches: list[Match], tokens: list[Token], ctx: Context) -> list[Candidate]:
        """A candidate per match, and per member of the match of a list rule."""
        out: list[Candidate] = []
        for m in matches:
            if m.rule.list_of is None:
                out.append(Candidate(m, tokens, ctx))
            else:
                out += [Candidate(member, tokens, ctx) for member in list_members(m, self._lists[m.rule.id], tokens)]
        return out

    def _fill_attrs(self, kept: list[Candidate], norm: str, field: str | None) -> None:
        """List members share attributes, then defaults apply.

        An entity takes the attributes its rule lists in `inherit` from the entity before
        it when only list separators stand between them and that entity's rule lists them
        too (县卫健局（牵头）、县医保局 → both lead). Members of one list match share their
        captures already; a rule that leaves `inherit` out passes nothing on (区城管局牵头，
        区交通局… : the role word is 区城管局's alone). Then the defaults: the rule's
        per-field attributes, then its plain ones."""
        ents = [c for c in kept if c.rule.label != "VETO"]
        for prev, c in zip(ents, ents[1:]):
            if (c.rule.inherit and prev.rule.label == c.rule.label
                    and self._only_separators(norm[max(prev.end, prev.match_end):c.start])):
                for key in c.rule.inherit:
                    if (c.kept_attrs.get(key) is None and prev.kept_attrs.get(key) is not None
                            and key in prev.rule.inherit):
                        c.kept_attrs[key] = prev.kept_attrs[key]
        for c in kept:
            for key, val in c.rule.defaults(field).items():
                if c.kept_attrs.get(key) is None:
                    c.kept_attrs[key] = val

    def _attach(self, kept: list[Candidate], tokens: list[Token], classes: list[int], field: str | None,
                ctx: Context, text: str) -> None:
        """The attaching rules (SUBJECT): each entity a match's `figure` step took gets the
        attributes of its best match — higher priority, then the longer `subject`, then the
        later start (the nearest entity a subject is carried from), then rule id — whose
        normaliser accepts it, plus that rule's `attrs` (kind). Entities are done left to
        right, so a subject carried from an earlier entity is known when it is asked for."""
        ents = [c for c in kept if c.rule.label != "VETO"]
        wanted = self.matcher.attach_targets
        of_target = [c for c in ents if c.rule.label in wanted or c.rule.id in wanted]
        targets = [(c.match.core_start, c.match.core_end, c.match) for c in of_target]
        if not targets:
            return
        index: EntIndex = {}
        for c in ents:
            index.setdefault(c.match.core_start, []).append((c.match.core_end, c.match))

        def accept(t: int, m: Match) -> bool:
            c = of_target[t]
            attrs = NORMALISERS[m.rule.value](m, ctx)
            if attrs is None:
                return False
            where = attrs.get("subject")
            c.kept_attrs["subject"] = (frozen(Span, _SPAN_SETTERS, (where[0], where[1], text[where[0]:where[1]]))
                                       if where else None)
            if where:
                ctx.attached[c.start] = where
            for name, val in m.rule.defaults(field).items():
                c.kept_attrs[name] = val
            c.kept_attrs["subject_rule"] = m.rule.id
            return True

        self.matcher.attach_pass(tokens, classes, field, index, targets, ATTACH_WINDOW, accept)

    def _only_separators(self, between: str) -> bool:
        s = between.strip()
        return s == "" or s in self._list_sep


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the best candidate for every character: higher priority first, then the longer
    span, then the longer match (more context), then the earlier start, then the rule id.
    One entity per character across labels: a year is a DATE or a QUANTITY, never both.
    A candidate whose value is impossible is passed over, leaving its characters to the
    next best (its value is worked out only when its characters are still free).
    A kept VETO says its span is no entity: it stops what lies inside it or overlaps it
    in part, not a longer candidate that holds it whole — another reading, of which the
    vetoed words are a part (一体化 inside 城乡供水一体化推进工作领导小组办公室)."""
    if not candidates:
        return []
    taken = bytearray(max(c.end for c in candidates))   # 1: an entity's, 2: a veto's
    vetoes: list[Candidate] = []
    kept: list[Candidate] = []
    for c in sorted(candidates, key=attrgetter("sort_key")):
        if taken.find(1, c.start, c.end) >= 0 or (taken.find(2, c.start, c.end) >= 0 and not _holds_whole(c, vetoes)):
            continue
        if c.attrs is None:
            continue
        veto = c.rule.label == "VETO"
        taken[c.start:c.end] = (b"\x02" if veto else b"\x01") * (c.end - c.start)
        if veto:
            vetoes.append(c)
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def _holds_whole(c: Candidate, vetoes: list[Candidate]) -> bool:
    """Whether every kept veto that `c` overlaps lies inside it, and `c` is longer."""
    for v in vetoes:
        if v.start < c.end and c.start < v.end and not (c.start <= v.start and v.end <= c.end
                                                         and c.end - c.start > v.end - v.start):
            return False
    return True


def _entity(c: Candidate, text: str) -> Entity:
    a = c.kept_attrs
    return frozen(Entity, _ENTITY_SETTERS, (c.rule.label, c.start, c.end, text[c.start:c.end], a.get("value"),
                                           c.rule.id, *[a.get(key) for key in _ENTITY_FIELDS[6:]]))


def entity_to_tuple(e: Entity) -> tuple:
    """An entity's fields as plain values (its subject span as (start, end, text)): what
    extract_many's workers send — a Span would be pickled through its Python __setstate__."""
    t = e.as_tuple()
    s = t[_SUBJECT_AT]
    return t if s is None else (*t[:_SUBJECT_AT], (s.start, s.end, s.text), *t[_SUBJECT_AT + 1:])


def extraction_from_tuples(text: str, ref: dt.date | None, field: str | None,
                           entities: list[tuple], vetoed: list[tuple]) -> Extraction:
    """The Extraction whose entities have the fields `entities` and `vetoed` (as from
    entity_to_tuple): how extract_many rebuilds what its workers send."""
    return _extraction(text, tuple([_entity_from_tuple(e) for e in entities]), ref, field,
                       tuple([_entity_from_tuple(e) for e in vetoed]))


def _entity_from_tuple(t: tuple) -> Entity:
    s = t[_SUBJECT_AT]
    if s is not None:
        t = (*t[:_SUBJECT_AT], frozen(Span, _SPAN_SETTERS, s), *t[_SUBJECT_AT + 1:])
    return frozen(Entity, _ENTITY_SETTERS, t)


def _extraction(text: str, entities: tuple[Entity, ...], ref: dt.date | None, field: str | None,
                vetoed: tuple[Entity, ...]) -> Extraction:
    return frozen(Extraction, _EXTRACTION_SETTERS, (text, entities, ref, field, vetoed))


def frozen(cls: type, setters: list[Setter], values: tuple) -> Any:
    """An instance of the frozen dataclass `cls` with these field values (`setters`: from
    `_setters(cls)`), built as its generated __init__ builds it (field by field, past its
    frozen __setattr__), but compiled: the generated __init__ runs as Python and takes
    twice as long."""
    obj: Any = _new(cls)
    for put, value in zip(setters, values):
        put(obj, value)
    return obj


Setter = Callable[[Any, Any], Any]


def _setters(cls: type) -> list[Setter]:
    """How to set each field of the frozen dataclass `cls` on a new instance. A field of a
    slots class is set by its slot's descriptor (object.__setattr__ would look the name up
    on the class each time: twice as slow); any other by object.__setattr__."""
    out: list[Setter] = []
    for f in fields(cls):
        slot = cls.__dict__.get(f.name)
        out.append(slot.__set__ if isinstance(slot, MemberDescriptorType) else partial(_set_field, f.name))
    return out


def _set_field(name: str, obj: Any, value: Any) -> None:
    _set(obj, name, value)


_new = object.__new__
_set = object.__setattr__
_ENTITY_FIELDS = tuple(f.name for f in fields(Entity))
_EXTRACTION_FIELDS = tuple(f.name for f in fields(Extraction))
_SPAN_FIELDS = tuple(f.name for f in fields(Span))
_ENTITY_SETTERS = _setters(Entity)
_EXTRACTION_SETTERS = _setters(Extraction)
_SPAN_SETTERS = _setters(Span)
_SUBJECT_AT = _ENTITY_FIELDS.index("subject")
# _entity and _extraction give their values in this order
if (_ENTITY_FIELDS[:6] != ("label", "start", "end", "text", "value", "rule")
        or _EXTRACTION_FIELDS != ("text", "entities", "ref_date", "field", "vetoed")
        or _SPAN_FIELDS != ("start", "end", "text")):
    raise ImportError("pipeline.py builds Entity, Extraction and Span by field order: update it with entities.py")
