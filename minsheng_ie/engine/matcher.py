"""Token-pattern matching in the style of spaCy's Matcher.

Each pattern compiles to a list of steps (token tests, a min and max count, a capture
name, a context flag). Walking a rule from a start token advances the set of reachable
token positions step by step — an NFA walk with back-pointers — so there is no
backtracking and the cost from one start is bounded by pattern length × MAX_REPEAT. A
rule's match from a start is its longest.

Three things keep it fast without changing what matches:
- Token classes. Every token test depends only on a token's normalised text and kind, so
  the tests a word passes are worked out once and remembered as a bit mask (like spaCy's
  vocabulary); the tokenizer stamps each token with its class, and a step test is one AND.
- One automaton for the first pass. The rules over plain tokens are combined into a DFA
  over token classes, built lazily. From each start it says, in one dict lookup per
  token, which rules match; only those are walked for their captures, and the result is
  remembered (as plans) by the classes the automaton read.
- A prefilter for the second pass (rules with ENT steps): a rule is tried only where its
  first token or entity fits, and not at all when a word it requires is not in the text.

A third pass runs the attaching rules (labels in ATTACH_LABELS, e.g. SUBJECT) over the
entities that survived overlap resolution, anchored at each entity they can attach to
(`attach_pass`): the steps before the rule's `figure` step are walked leftwards from it,
the steps after rightwards, highest priority first. Two automata (one per side, like the
first pass's) read outwards from each figure once and say which rules' sides can match
there, so only those are walked.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field as dc_field, replace
from typing import Callable

from ..core.lexicon import Lexicon
from ..core.vocab import ATTACH_LABELS
from .caches import CACHE_BYTES, MAX_WORD, entry_bytes
from .regex_chars import RegexFilter
from .rule import Rule
from .rule import MAX_REPEAT
from .tokenizer import Token


# An atom is one yes/no question about a token, asked once per word whatever the number
# of steps asking it: ("in", words), ("ends", words), ("regex", pattern), ("kind", kinds),
# ("han",) or ("len", n).
Atom = tuple


@dataclass(frozen=True)
class Step:
    # the token passes when, for one of these alternatives (ANY), every atom has its answer
    alts: tuple[tuple[tuple[Atom, bool], ...], ...]
    lo: int
    hi: int
    name: str | None
    context: bool
    ent: frozenset[str] | None = None   # labels / rule ids of first-pass matches it accepts
    ent_suffix: str = ""                 # appended to the names of the entity's captures
    key: str = ""                        # the token tests as text: equal keys, equal answers
    # ENT_WITH: (capture name, token test) the entity's captured tokens must all pass
    ent_with: tuple[tuple[str, "Step"], ...] = ()
    outside_ent: bool = False            # OUTSIDE_ENT: only tokens no kept entity covers
    # PREV / NOT_PREV / NEXT / NOT_NEXT: a zero-width step; the token before (offset -1)
    # or after (offset 0) must (not) pass this test
    prev: "Step | None" = None
    prev_wanted: bool = True
    prev_offset: int = -1


class Match:
    """A rule's match in token offsets. Its captures (the tokens each named step took)
    are put together on first use: most matches lose to a longer one unread."""
    __slots__ = ("rule", "start", "end", "core_start", "core_end", "_tokens", "_base", "_caps", "_captures")

    def __init__(self, rule: Rule, start: int, end: int, core_start: int, core_end: int,
                 tokens: list[Token], base: int, caps: tuple[tuple[str, int, int], ...],
                 captures: dict[str, list[Token]] | None = None):
        self.rule = rule
        self.start = start            # token index of the first token (context included)
        self.end = end                # token index after the last token
        self.core_start = core_start  # first non-context token
        self.core_end = core_end
        self._tokens = tokens
        self._base = base             # `caps` are (name, start, end) from this token
        self._caps = caps
        self._captures = captures     # captures taken over from entities (ENT steps)

    @property
    def captures(self) -> dict[str, list[Token]]:
        if self._captures is None or self._caps:
            captures = self._captures or {}
            base, tokens = self._base, self._tokens
            for name, a, b in self._caps:
                toks = tokens[base + a:base + b]
                captures[name] = captures[name] + toks if name in captures else toks
            self._captures, self._caps = captures, ()
        return self._captures

    @property
    def tokens_core(self) -> list[Token]:
        return self._tokens[self.core_start:self.core_end]


def _bounds(op: str | None) -> tuple[int, int]:
    if op is None:
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "*":
        return 0, MAX_REPEAT
    if op == "+":
        return 1, MAX_REPEAT
    lo, hi = op[1:-1].split(",")
    return int(lo), min(int(hi), MAX_REPEAT)


def compile_step(spec: dict, lexicons: dict[str, Lexicon]) -> Step:
    lo, hi = _bounds(spec.get("OP"))
    for key, wanted, offset in (("PREV", True, -1), ("NOT_PREV", False, -1), ("NEXT", True, 0),
                                ("NOT_NEXT", False, 0)):
        if key in spec:
            test = compile_step(spec[key], lexicons)
            return Step((), 0, 0, None, True, prev=test, prev_wanted=wanted, prev_offset=offset,
                        key=f"{key} {test.key}")
    if "ENT" in spec:
        ent = spec["ENT"]
        with_ = tuple((name, compile_step(test, lexicons)) for name, test in spec.get("ENT_WITH", {}).items())
        return Step((), lo, hi, spec.get("NAME"), bool(spec.get("CONTEXT")),
                    frozenset([ent] if isinstance(ent, str) else ent), spec.get("ENT_SUFFIX", ""),
                    ent_with=with_)
    own = _conds(spec, lexicons)
    alts = [own + _conds(alt, lexicons) for alt in spec["ANY"]] if "ANY" in spec else [own]
    key = repr(sorted((k, v) for k, v in spec.items() if k not in ("OP", "NAME", "CONTEXT", "OUTSIDE_ENT")))
    return Step(tuple(tuple(a) for a in alts), lo, hi, spec.get("NAME"), bool(spec.get("CONTEXT")), key=key,
                outside_ent=bool(spec.get("OUTSIDE_ENT")))


EDGE = "edge"   # the kind of the empty tokens the pipeline puts at both ends of a text
_EDGE_ATOM: Atom = ("kind", frozenset([EDGE]))


def _conds(spec: dict, lexicons: dict[str, Lexicon]) -> list[tuple[Atom, bool]]:
    """The token tests of a spec, as atoms and the answer each must have."""
    conds: list[tuple[Atom, bool]] = []
    if "TEXT" in spec:
        conds.append((("in", frozenset([spec["TEXT"]])), True))
    if "IN" in spec:
        conds.append((("in", frozenset(spec["IN"])), True))
    if "LEX" in spec:
        names = spec["LEX"] if isinstance(spec["LEX"], list) else [spec["LEX"]]
        dims = spec.get("DIMENSION")
        conds.append((("in", frozenset(f for n in names for f, e in lexicons[n].forms.items()
                                       if dims is None or e.dimension in dims)), True))
    if "NOT_IN" in spec:
        conds.append((("in", frozenset(spec["NOT_IN"])), False))
    if "NOT_LEX" in spec:
        names = spec["NOT_LEX"] if isinstance(spec["NOT_LEX"], list) else [spec["NOT_LEX"]]
        conds.append((("in", frozenset().union(*(lexicons[n].forms for n in names))), False))
    for key, wanted in (("ENDS_WITH_LEX", True), ("NOT_ENDS_WITH_LEX", False)):
        if key in spec:
            conds.append((("ends", frozenset(lexicons[spec[key]].forms)), wanted))
    if "REGEX" in spec:
        conds.append((("regex", spec["REGEX"]), True))
    for key, kinds in (("IS_NUM", ("num", "cnum")), ("IS_PUNCT", ("punct",)), ("IS_SPACE", ("space",))):
        if key in spec:
            conds.append((("kind", frozenset(kinds)), spec[key]))
    if "IS_EDGE" in spec:
        conds.append((_EDGE_ATOM, spec["IS_EDGE"]))
    if "IS_HAN" in spec:
        conds.append((("han",), spec["IS_HAN"]))
    if "LENGTH" in spec:
        conds.append((("len", spec["LENGTH"]), True))
    return conds


class TokenClasses:
    """Tokens that pass the same step tests share a class: (norm, kind) → class id.

    Every token test reads only the normalised text and the kind. A new word's atoms are
    answered in a few lookups — the word lists it is in, its kind, its length, its
    endings — plus the regexes its characters and length allow (regex_chars.py);
    which steps pass follows from the atoms' answers and is remembered per answer pattern.
    `masks[class]` has bit b set when the word passes the step test with bit b."""

    def __init__(self, steps: list[Step]):
        unique: dict[str, Step] = {}
        for st in steps:
            if st.ent is None and st.prev is None:
                unique.setdefault(st.key, st)
        self.bit = {key: 1 << b for b, key in enumerate(unique)}
        atoms: dict[Atom, int] = {}
        for st in unique.values():
            for conds in st.alts:
                for atom, _ in conds:
                    atoms.setdefault(atom, 1 << len(atoms))
        # the atoms' bits by what answers them: the word (word lists), an ending of it,
        # the kind, the length; then the Chinese-script test and the regexes
        self._member: dict[str, int] = {}
        self._ending: dict[str, int] = {}
        self._kind: dict[str, int] = {}
        self._length: dict[int, int] = {}
        self._han = 0
        self._regexes: list[tuple[int, re.Pattern[str]]] = []
        for atom, bit in atoms.items():
            what = atom[0]
            if what == "in" or what == "ends":
                table = self._member if what == "in" else self._ending
                for word in atom[1]:
                    table[word] = table.get(word, 0) | bit
            elif what == "kind":
                for kind in atom[1]:
                    self._kind[kind] = self._kind.get(kind, 0) | bit
            elif what == "len":
                self._length[atom[1]] = self._length.get(atom[1], 0) | bit
            elif what == "han":
                self._han = bit
            else:
                self._regexes.append((bit, re.compile(atom[1])))
        # the endings by their last character: a word is compared with those only
        self._endings_by_last: dict[str, list[tuple[str, int]]] = {}
        for ending, bit in self._ending.items():
            self._endings_by_last.setdefault(ending[-1], []).append((ending, bit))
        # which regexes a word may match, from its characters and length (most match none)
        self._regex_filter = RegexFilter([rx for _, rx in self._regexes])
        # each step alternative: (the step's bit, atoms that must hold, atoms that must not);
        # a word passes the step when it passes one of its alternatives
        alts = [(self.bit[key], sum(atoms[a] for a, want in conds if want),
                 sum(atoms[a] for a, want in conds if not want))
                for key, st in unique.items() for conds in st.alts]
        # an alternative that requires atoms is filed under one of them (its lowest), so a
        # new answer pattern is checked only against the alternatives its true atoms file;
        # one that requires that atom and nothing else passes with it (`_sure`: their bits)
        self._open_steps = [(bit, must_not) for bit, must, must_not in alts if not must]
        self._sure: dict[int, int] = {}
        self._steps_by_atom: dict[int, list[tuple[int, int, int]]] = {}
        for bit, must, must_not in alts:
            if must and must & (must - 1) == 0 and not must_not:
                self._sure[must] = self._sure.get(must, 0) | bit
            elif must:
                self._steps_by_atom.setdefault(must & -must, []).append((bit, must, must_not))
        # the empty tokens at a text's ends pass only the alternatives that ask for them
        # (IS_EDGE: true), never a test they would pass by having no text (NOT_IN …)
        edge = atoms.get(_EDGE_ATOM, 0)
        self._edge_steps = [(bit, must, must_not) for bit, must, must_not in alts if must & edge]
        self._mask_of_answers: dict[int, int] = {}
        self._of: dict[str, dict[str, int]] = {}   # kind → word → class
        self._budget = CACHE_BYTES                   # what _of may still spend (caches.py)
        self._class_of_mask: dict[int, int] = {}
        self.masks: list[int] = []
        self._lock = threading.Lock()

    def of(self, norm: str, kind: str) -> int:
        known = self._of.get(kind)
        if known is None:
            with self._lock:
                known = self._of.setdefault(kind, {})
        c = known.get(norm)
        if c is None:
            answers = (self._member.get(norm, 0) | self._kind.get(kind, 0)
                       | self._length.get(len(norm), 0))
            for ending, bit in self._endings_by_last.get(norm[-1:], ()):
                if norm.endswith(ending):
                    answers |= bit
            if self._han and norm and all("\u3400" <= ch <= "\u9fff" for ch in norm):   # IS_HAN
                answers |= self._han
            maybe = self._regex_filter.candidates(norm)
            if maybe:
                for i, (bit, rx) in enumerate(self._regexes):
                    if maybe >> i & 1 and rx.fullmatch(norm):
                        answers |= bit
            if kind == EDGE:
                mask = 0
                for bit, must, must_not in self._edge_steps:
                    if answers & must == must and not answers & must_not:
                        mask |= bit
            else:
                found = self._mask_of_answers.get(answers)
                mask = self._passes(answers) if found is None else found
                if found is None:
                    self._mask_of_answers[answers] = mask
            c = self._class_of_mask.get(mask)
            if c is None:
                with self._lock:   # a new class: numbered once, its mask listed before it is
                    c = self._class_of_mask.get(mask)
                    if c is None:
                        self.masks.append(mask)
                        c = self._class_of_mask[mask] = len(self.masks) - 1
            if len(norm) <= MAX_WORD and self._budget > 0:
                known[norm] = c
                self._budget -= entry_bytes(norm)
        return c


    def _passes(self, answers: int) -> int:
        """The mask of the steps a word with these atom answers passes."""
        mask = 0
        for bit, must_not in self._open_steps:
            if not answers & must_not:
                mask |= bit
        rest = answers
        while rest:
            atom = rest & -rest
            rest ^= atom
            mask |= self._sure.get(atom, 0)
            for bit, must, must_not in self._steps_by_atom.get(atom, ()):
                if answers & must == must and not answers & must_not:
                    mask |= bit
        return mask


class MaskView:
    """The token masks of a group of rules renumbered to the bits they read, and the rules
    with their bits renumbered alike. All step tests together take hundreds of bits, so a
    full mask is a long integer, and every AND or OR of one makes a new object; the tests
    of a group (`views`) fit in one machine word (62 bits), where compiled code works on
    plain integers. (A view reading more bits still works, with long integers.)"""

    def __init__(self, classes: TokenClasses, rules: list["CompiledRule"]):
        used = 0
        for cr in rules:
            used |= _used_bits(cr)
        self._classes = classes
        self._positions = [p for p in range(used.bit_length()) if used >> p & 1]
        # a full mask is renumbered byte by byte: for the j-th byte of the full numbering,
        # its value → the bits it stands for here (filled as values appear)
        self._width = (used.bit_length() + 7) // 8
        self._within = (1 << 8 * self._width) - 1
        # by byte: the bits of it this view reads; the bytes holding any (only those are read)
        self._used_bytes = [used >> 8 * j & 255 for j in range(self._width)]
        self._bytes = [j for j in range(self._width) if self._used_bytes[j]]
        self._of_byte: list[dict[int, int]] = [{} for _ in range(self._width)]
        self._masks: list[int] = []   # by token class, filled as classes appear
        self._lock = threading.Lock()

    def local(self, mask: int) -> int:
        """`mask` (full numbering) in this view's numbering: the bits it reads only."""
        out = 0
        data = (mask & self._within).to_bytes(self._width, "little")
        for j in self._bytes:
            byte = data[j] & self._used_bytes[j]
            if byte:
                table = self._of_byte[j]
                bits = table.get(byte)
                if bits is None:
                    bits = table[byte] = self._local_bits(byte << 8 * j)
                out |= bits
        return out

    def _local_bits(self, mask: int) -> int:
        """`mask` in this view's numbering, bit by bit."""
        out = 0
        for k, p in enumerate(self._positions):
            if mask >> p & 1:
                out |= 1 << k
        return out

    def rule(self, cr: "CompiledRule") -> "CompiledRule":
        """`cr` with its bits in this view's numbering."""
        return CompiledRule(cr.rule, cr.pattern, cr.steps, [self.local(b) for b in cr.bits],
                            [tuple((name, self.local(b)) for name, b in tests) for tests in cr.with_bits])

    def masks(self) -> list[int]:
        """The masks of the token classes made so far (TokenClasses.masks), renumbered."""
        mine, full = self._masks, self._classes.masks
        if len(mine) < len(full):
            with self._lock:
                for c in range(len(mine), len(full)):
                    mine.append(self.local(full[c]))
        return mine


WORD_BITS = 62   # the bits of a compiled plain int (a tagged 63-bit signed integer)


def _used_bits(cr: "CompiledRule") -> int:
    """The bits of the step tests `cr` reads (full numbering)."""
    used = 0
    for bit in cr.bits:
        used |= bit
    for tests in cr.with_bits:
        for _, bit in tests:
            used |= bit
    return used


def views(classes: TokenClasses, rules: list["CompiledRule"]) -> tuple[list[MaskView], list[int]]:
    """The rules of a pass in groups whose step tests fit in one machine word (a rule
    reading more is a group of its own), a view per group, and each rule's group. The
    second and third passes read well over 62 tests in all, so one view for all their
    rules made every token's mask a long integer."""
    groups: list[int] = []   # the bits each group reads
    of_rule: list[int] = []
    for cr in rules:
        used = _used_bits(cr)
        g = next((g for g, bits in enumerate(groups) if (bits | used).bit_count() <= WORD_BITS), len(groups))
        if g == len(groups):
            groups.append(0)
        groups[g] |= used
        of_rule.append(g)
    return [MaskView(classes, [cr for cr, g in zip(rules, of_rule) if g == k]) for k in range(len(groups))], of_rule


class ClassNumbers:
    """Token classes as a set of rules tells them apart: classes whose masks agree on the
    bits `used` share a number. `numbers` by class; `distinct` (the masks, cut to `used`,
    in the full numbering) by number. An automaton reading numbers learns a state's move,
    and remembers a plan, once for all the classes its rules cannot tell apart."""

    def __init__(self, classes: TokenClasses, used: int):
        self._classes = classes
        self._used = used
        self.numbers: list[int] = []
        self.distinct: list[int] = []
        self._number_of: dict[int, int] = {}
        self._lock = threading.Lock()

    def number(self, classes: list[int]) -> list[int]:
        """The numbers of these token classes."""
        numbers, full = self.numbers, self._classes.masks
        if len(numbers) < len(full):
            with self._lock:
                for c in range(len(numbers), len(full)):
                    mask = full[c] & self._used
                    found = self._number_of.get(mask)
                    if found is None:
                        found = self._number_of[mask] = len(self.distinct)
                        self.distinct.append(mask)
                    numbers.append(found)
        return [numbers[c] for c in classes]


Lead = tuple[int, frozenset[str], bool]   # token bits, entity labels and ids, or anything (all optional)


@dataclass
class CompiledRule:
    rule: Rule
    pattern: list[dict]   # the specs of `steps` (one alternative of the rule's pattern)
    steps: list[Step]
    bits: list[int]       # each step's bit in the token masks (0 for ENT steps)
    # for ENT steps with ENT_WITH: (capture name, bit of the test its tokens must pass)
    with_bits: list[tuple[tuple[str, int], ...]] = dc_field(default_factory=list)
    required: int = 0     # bits of the token steps that must match somewhere
    # where a match can begin: a token passing one of `lead_bits`, an entity with a label
    # or rule id in `lead_ents`, or anywhere when every step is optional
    lead_bits: int = 0
    lead_ents: frozenset[str] = frozenset()
    lead_any: bool = True
    # for a rule that opens with one token or entity: what must come right after it
    # (None: anything may)
    follow: Lead | None = None
    order: list[int] = dc_field(default_factory=list)   # the steps' indices, in order
    names: frozenset[str] = frozenset()   # the capture names of its steps
    ent_steps: list[int] = dc_field(default_factory=list)   # the indices of its ENT steps

    def __post_init__(self) -> None:
        self.order = list(range(len(self.steps)))
        self.names = frozenset(st.name for st in self.steps if st.name)
        self.ent_steps = [k for k, st in enumerate(self.steps) if st.ent is not None]
        for st, bit in zip(self.steps, self.bits):
            if st.lo >= 1:
                self.required |= bit
        ents: set[str] = set()
        for st, bit in zip(self.steps, self.bits):
            self.lead_bits |= bit
            ents |= st.ent or set()
            if st.lo >= 1:
                self.lead_any = False
                break
        self.lead_ents = frozenset(ents)
        first = self.steps[0]
        if first.lo == first.hi == 1 and first.prev is None:
            follow = _lead(self, list(range(1, len(self.steps))))
            if not follow[2]:
                self.follow = follow


Item = tuple[int, int, int]   # (rule, step, tokens the step has taken so far)


class _State:
    __slots__ = ("next", "accepts", "accept_bits", "alive_bits", "reads", "moves", "by_answers")

    def __init__(self, accepts: tuple[int, ...], alive_bits: int, reads: int, moves: list[tuple[int, int]]):
        self.next: dict[int, _State] = {}   # token class → state, filled as classes are seen
        self.accepts = accepts               # rules with a match ending here
        self.accept_bits = 0                 # the same as bits (rule r: 1 << r)
        for r in accepts:
            self.accept_bits |= 1 << r
        # the rules with a position here (1 << r): the only ones this state and the states
        # after it can accept
        self.alive_bits = alive_bits
        self.reads = reads                   # the step tests that can move a position on
        # for each step test that moves positions on: its bit, and the positions they move
        # to (a set of positions, as bits: `_Automaton._bit`)
        self.moves = moves
        # the answers to those tests → state: classes that answer alike share a move
        self.by_answers: dict[int, _State] = {}


class _Automaton:
    """The first-pass rules of one field as a DFA over token classes, built lazily.

    A state is the set of (rule, step, count) positions the rules can be in; reading a
    token class moves all of them at once. A step that may repeat up to the cap (`*`,
    `+`, {n,32}) stops counting once it has taken enough: the automaton then lets it run
    on past the cap, which only makes it try a walk that finds no longer match, and it
    needs one state for such a run, not one per token of it. States and moves are made on first use and
    kept (a move is shared by the classes that answer the state's tests alike), so after
    warm-up a token costs one dict lookup per live start whatever the number of rules.
    It only says *which* rules match from a start; `_walk` then finds their captures,
    remembered (as plans) by the token classes the automaton read.

    It reads token classes as its rules tell them apart (`ClassNumbers`): classes that
    pass the same tests of its rules are one to it, so states learn their moves, and
    plans are remembered, once for all of them."""

    MAX_STATES = 50_000   # past this (never seen in practice) the automaton starts over
    MAX_PLANS = 50_000    # token class sequences whose matches are remembered

    def __init__(self, rules: list[CompiledRule], classes: TokenClasses):
        self.rules = rules
        used = 0
        for cr in rules:
            for bit in cr.bits:
                used |= bit
        self.numbers = ClassNumbers(classes, used)
        self._lock = threading.Lock()
        self._firsts_lock = threading.Lock()
        # a set of positions is an int with a bit per position (numbered as they are met;
        # finitely many, kept over a reset): moving a state ORs the sets its positions move
        # to, and finding the state of a set hashes one int, where sets of (rule, step,
        # count) tuples hashed every tuple
        self._item_bit: dict[Item, int] = {}
        # by position number: its rule, the bit of the step test that moves it on (0: none),
        # the position it moves to and the positions that makes (-1: not worked out yet),
        # and whether its rule has matched there
        self._rule_of: list[int] = []
        self._read_of: list[int] = []
        self._next_of: list[Item] = []
        self._to_of: list[int] = []
        self._ends: list[bool] = []
        self._reset()

    def _reset(self) -> None:
        self._states: dict[int, _State] = {}
        self.plans: dict[tuple[int, ...], tuple[Plan, ...]] = {}
        self.dead = self._state(0)
        self.start = self._state(self._closure([(r, 0, 0) for r in range(len(self.rules))]))
        # the state after each token class from the start, by class (every token is a
        # start: a list read by index where start.next would be a dict lookup)
        self.firsts: list[_State] = []

    def first(self, cls: int) -> _State:
        """The state after reading a token of class number `cls` (`ClassNumbers`) from
        the start (`firsts` filled up to it)."""
        firsts = self.firsts
        while len(firsts) <= cls:
            c = len(firsts)
            st = self.step(self.start, c)
            with self._firsts_lock:   # (not self._lock: step takes it)
                if len(firsts) == c:
                    firsts.append(st)
        return firsts[cls]

    def _closure(self, items: list[Item]) -> int:
        """The positions `items` and those reachable from them without a token (past steps
        that have taken enough), as bits."""
        out = 0
        seen: set[Item] = set()
        todo = list(items)
        while todo:
            item = todo.pop()
            if item not in seen:
                seen.add(item)
                out |= self._bit(item)
                r, k, c = item
                steps = self.rules[r].steps
                if k < len(steps) and c >= steps[k].lo:
                    todo.append((r, k + 1, 0))
        return out

    def _bit(self, item: Item) -> int:
        """The bit of position `item` (numbered, and its move worked out, on first sight)."""
        bit = self._item_bit.get(item)
        if bit is None:
            r, k, c = item
            cr = self.rules[r]
            step = cr.steps[k] if k < len(cr.steps) else None
            bit = self._item_bit[item] = 1 << len(self._rule_of)
            self._rule_of.append(r)
            self._to_of.append(-1)
            self._ends.append(step is None)
            if step is not None and c < step.hi:
                self._read_of.append(cr.bits[k])
                self._next_of.append((r, k, min(c + 1, step.lo) if step.hi >= MAX_REPEAT else c + 1))
            else:
                self._read_of.append(0)
                self._next_of.append(item)
        return bit

    def _state(self, items: int) -> _State:
        st = self._states.get(items)
        if st is None:
            accepts: set[int] = set()
            alive = reads = 0
            moves: dict[int, int] = {}   # step test → the positions it moves on to
            digits = bin(items)   # the positions in the set: its 1 digits
            top = len(digits) - 1
            i = digits.find("1", 2)
            while i >= 0:
                n = top - i
                r = self._rule_of[n]
                alive |= 1 << r
                if self._ends[n]:
                    accepts.add(r)
                read = self._read_of[n]
                if read:
                    to = self._to_of[n]
                    if to < 0:
                        to = self._to_of[n] = self._closure([self._next_of[n]])
                    reads |= read
                    moves[read] = moves.get(read, 0) | to
                i = digits.find("1", i + 1)
            st = self._states[items] = _State(tuple(sorted(accepts)), alive, reads, list(moves.items()))
        return st

    def step(self, st: _State, cls: int) -> _State:
        """The state after reading a token of class number `cls` (made on first use)."""
        answers = self.numbers.distinct[cls] & st.reads
        nxt = st.by_answers.get(answers)
        if nxt is None:
            with self._lock:
                if len(self._states) > self.MAX_STATES:
                    self._reset()
                nxt = st.by_answers.get(answers) or self._move(st, answers)
                st.by_answers[answers] = nxt
        st.next[cls] = nxt
        return nxt

    def _move(self, st: _State, mask: int) -> _State:
        moved = 0
        for bit, to in st.moves:
            if mask & bit:
                moved |= to
        return self._state(moved) if moved else self.dead

    def plan(self, read: tuple[int, ...]) -> tuple[Plan, ...]:
        """The matches from a start whose tokens have class numbers `read`, as plans."""
        matched: set[int] = set()
        st = self.start
        for cls in read:
            st = self.step(st, cls)
            matched.update(st.accepts)
        numbers = list(read)
        plans = []
        for r in sorted(matched):
            found = _walk(self.rules[r], numbers, self.numbers.distinct, 0, {}, _always)
            plan = _plan(self.rules[r], found[0]) if found else None
            if plan is not None:
                plans.append(plan)
        if len(self.plans) >= self.MAX_PLANS:
            self.plans.clear()
        self.plans[read] = result = tuple(plans)
        return result


EntIndex = dict[int, list[tuple[int, "Match"]]]   # token start → (token end, match)
# a walk's positions by step with back-pointers, the entities its ENT steps took, where it ends
_Reached = tuple[list[dict[int, int]], dict[tuple[int, int, int], "Match"], dict[int, int]]


class Matcher:
    """Two passes: rules over tokens, then rules that also match first-pass entities (ENT)."""

    def __init__(self, rules: list[Rule], lexicons: dict[str, Lexicon]):
        # a rule with EITHER steps runs as one compiled pattern per alternative
        self.rules = rules
        plain = [(r, alt) for r in rules for alt in r.alternatives]
        steps = [[compile_step(s, lexicons) for s in alt] for _, alt in plain]
        self.classes = TokenClasses([t for ss in steps for st in ss
                                     for t in [st, *(w for _, w in st.ent_with), *([st.prev] if st.prev else [])]])
        bit = self.classes.bit
        compiled = [CompiledRule(r, alt, ss, [bit[st.prev.key] if st.prev else bit.get(st.key, 0) if st.ent is None
                                              else 0 for st in ss],
                                 [tuple((name, bit[w.key]) for name, w in st.ent_with) for st in ss])
                    for (r, alt), ss in zip(plain, steps)]
        attaching = [cr for cr in compiled if cr.rule.label in ATTACH_LABELS]
        compiled = [cr for cr in compiled if cr.rule.label not in ATTACH_LABELS]
        self._first = [cr for cr in compiled if not cr.rule.in_second_pass]
        # the second and third passes read token masks renumbered to the bits of a group
        # of their rules (`views`): the rule at index b reads those of its group's view
        second = [cr for cr in compiled if cr.rule.in_second_pass]
        self._second_views, self._second_group = views(self.classes, second)
        self._second = [self._second_views[g].rule(cr) for cr, g in zip(second, self._second_group)]
        # the third pass: rules attaching to kept entities, each with the index of its
        # `figure` step, by the labels and rule ids that step takes
        self._attach_views, attach_group = views(self.classes, attaching)
        self._attach = [_Anchored(self._attach_views[g].rule(cr), next(k for k, st in enumerate(cr.steps)
                                                                      if st.name == "figure"), g)
                        for cr, g in zip(attaching, attach_group)]
        # (rule id, field) → the attaching rules for its entities, by priority (`_Group`)
        self._attach_groups: dict[tuple[str, str | None], list[_Group]] = {}
        # the side filters are automata over token classes: they read the full masks
        self._attach_full = attaching
        # the side filters of a group of rules (by their indices): groups of one priority
        # for several rules or fields are often the same rules, and share theirs
        self._filters: dict[tuple[int, ...], tuple[_SideFilter, _SideFilter]] = {}
        # the labels and rule ids an attaching rule's `figure` step takes
        self.attach_targets: frozenset[str] = frozenset(e for side in self._attach for e in side.takes)
        # where second-pass rules can begin: by token class (filled as classes appear),
        # and after the matches of which rule (by the labels and ids they begin with)
        # (rule indices, not bits: past 62 rules a bit set is a long integer, and each test on
        # it allocates)
        self._second_by_class: dict[int, tuple[int, ...]] = {}
        # (index, group, the token tests it requires) of the second-pass rules that require any
        self._second_required = [(b, g, cr.required) for b, (cr, g) in enumerate(zip(self._second, self._second_group))
                                 if cr.required]
        self._second_required_any = [0] * len(self._second_views)   # by group: the tests some rule requires
        for _, g, required in self._second_required:
            self._second_required_any[g] |= required
        self._second_after: dict[str, tuple[tuple[int, CompiledRule], ...]] = {}   # rule id → (index, rule)
        for r in rules:
            self._second_after[r.id] = tuple((b, cr) for b, cr in enumerate(self._second)
                                             if r.label in cr.lead_ents or r.id in cr.lead_ents)
        # one automaton per set of rules: fields whose rules are the same share theirs
        self._automata: dict[str | None, _Automaton] = {}
        self._automaton_of_rules: dict[tuple[int, ...], _Automaton] = {}
        self._second_of_field: dict[str | None, list[bool]] = {}   # the rules that apply (a flag each)
        self._lock = threading.Lock()

    def _automaton(self, field: str | None) -> _Automaton:
        auto = self._automata.get(field)
        if auto is None:
            with self._lock:
                auto = self._automata.get(field)
                if auto is None:
                    rules = tuple(i for i, cr in enumerate(self._first) if cr.rule.applies_to(field))
                    auto = self._automaton_of_rules.get(rules)
                    if auto is None:
                        auto = _Automaton([self._first[i] for i in rules], self.classes)
                        self._automaton_of_rules[rules] = auto
                    self._automata = {**self._automata, field: auto}
        return auto

    def first_pass(self, tokens: list[Token], classes: list[int], field: str | None) -> list[Match]:
        """The matches of the rules over plain tokens; `classes` are the tokens' classes
        (`TokenClasses.of`, which the tokenizer is given)."""
        auto = self._automaton(field)
        firsts, dead, plans_of = auto.firsts, auto.dead, auto.plans
        classes = auto.numbers.number(classes)   # (as the automaton tells them apart)
        n = len(tokens)
        out: list[Match] = []
        for i in range(n):
            cls = classes[i]
            st = firsts[cls] if cls < len(firsts) else auto.first(cls)
            if st is dead or tokens[i].kind == "space":
                continue
            last = i + 1 if st.accepts else 0   # where the last match from i ends
            j = i + 1
            while j < n:
                cls = classes[j]
                j += 1
                st = st.next.get(cls) or auto.step(st, cls)
                if st is dead:
                    break
                if st.accepts:
                    last = j
            if not last:
                continue
            # every match from i lies within these tokens, and a walk's result depends on
            # nothing after its match: the class numbers up to `last` determine the plans
            read = tuple(classes[i:last])
            plans = plans_of.get(read)
            if plans is None:
                plans = auto.plan(read)
            for plan in plans:
                out.append(_build(plan, tokens, i))
        return out

    def _second_starts(self, cls: int) -> tuple[int, ...]:
        """The second-pass rules that can begin on a token of class `cls` (their indices)."""
        found = self._second_by_class.get(cls)
        if found is None:
            masks = [view.masks()[cls] for view in self._second_views]
            group = self._second_group
            found = tuple(b for b, cr in enumerate(self._second) if cr.lead_any or masks[group[b]] & cr.lead_bits)
            self._second_by_class[cls] = found
        return found

    def _second_applying(self, field: str | None) -> list[bool]:
        """The second-pass rules that apply to `field` (a flag per rule index; a list, not
        bytes: compiled, setting an item of a list is a fast path, of a bytearray not)."""
        found = self._second_of_field.get(field)
        if found is None:
            found = [cr.rule.applies_to(field) for cr in self._second]
            self._second_of_field = {**self._second_of_field, field: found}
        return found

    def second_pass(self, tokens: list[Token], classes: list[int], field: str | None,
                    ents: EntIndex, usable: Callable[[Match], bool]) -> list[Match]:
        """The matches of the rules with ENT steps (and of rules marked second_pass) over
        the first pass's matches `ents`, of which ENT steps take only the `usable` ones
        (asked only when one would be taken)."""
        all_masks = [view.masks() for view in self._second_views]   # by group (`views`), by class
        # the required tests no token passes, by group: rules needing one can't match
        missing: list[int] = []
        for g, group_masks in enumerate(all_masks):
            present = 0
            for cls in classes:
                present |= group_masks[cls]
            missing.append(self._second_required_any[g] & ~present)
        possible = self._second_applying(field).copy()   # the rules that can match here (a flag each)
        for b, g, required in self._second_required:
            if required & missing[g]:
                possible[b] = False
        if not any(possible):
            return []
        second, group = self._second, self._second_group
        by_class = self._second_by_class
        todo: dict[tuple[int, int], CompiledRule] = {}   # (start, rule) → rule, in order
        for i, cls in enumerate(classes):
            known = by_class.get(cls)
            starts = self._second_starts(cls) if known is None else known
            if starts and tokens[i].kind != "space":
                for b in starts:
                    if possible[b]:
                        follow = second[b].follow
                        if follow is None or _may_lead(follow, classes, all_masks[group[b]], i + 1, ents.get(i + 1, _NONE)):
                            todo[(i, b)] = second[b]
        after = self._second_after
        # A rule opening with an entity is first walked as if every entity were usable: a
        # walk that fails then fails with fewer, and `usable` need not work out the values
        # of the entities that would begin it (most lose to a longer match later). One that
        # succeeds is the real walk if every entity it asked about is usable (the real walk
        # asks about the same ones, in the same order, while each is): (start, rule) → the
        # walk and those entities, or None.
        relaxed: dict[tuple[int, int], tuple[Walked, list[Match]] | None] = {}
        for i, found in ents.items():
            if tokens[i].kind == "space":
                continue
            for q, em in found:
                for b, cr in after[em.rule.id]:
                    # the token after the entity must fit (saves most failed walks)
                    key = (i, b)
                    if (possible[b] and key not in todo
                            and (cr.follow is None or _may_lead(cr.follow, classes, all_masks[group[b]], q, ents.get(q, _NONE)))):
                        if key in relaxed:
                            tried = relaxed[key]
                        else:
                            asked: list[Match] = []
                            g = group[b]
                            w = _walk(cr, classes, all_masks[g], i, ents, _recording(asked))
                            tried = relaxed[key] = None if w is None else (w, asked)
                        if tried is not None and usable(em):
                            todo[key] = cr
        out: list[Match] = []
        for key, cr in todo.items():
            tried = relaxed.get(key)
            if tried is not None and all(usable(m) for m in tried[1]):
                walked: Walked | None = tried[0]
            else:
                i, b = key
                g = group[b]
                walked = _walk(cr, classes, all_masks[g], i, ents, usable)
            if walked is not None:
                spans, chosen = walked
                plan = _plan(cr, spans)
                if plan is not None:
                    out.append(_build(plan, tokens, 0, _entity_captures(cr, spans, chosen)))
        return out

    def attach_pass(self, tokens: list[Token], classes: list[int], field: str | None, ents: EntIndex,
                    targets: list[tuple[int, int, Match]], window: int,
                    accept: Callable[[int, Match], bool]) -> None:
        """Run the attaching rules over the kept entities `ents` (by start), for each target
        entity (start, end, match) in turn that a rule's `figure` step may take: the steps
        before `figure` are walked leftwards from the target, at most `window` tokens, the
        steps after it rightwards, and every start combined with every end is a match.
        `accept(target, match)` is offered the matches best first — higher priority, the
        longer `subject`, the later start, the rule id — until it takes one."""
        if not self._attach or not targets:
            return
        all_masks = [view.masks() for view in self._attach_views]   # by group (`views`), by class
        covered = bytearray(len(tokens))   # tokens inside kept entities (OUTSIDE_ENT)
        ends: EntIndex = {}                # the entities by where they end, for leftward walks
        for a, found_here in ents.items():
            for b, em in found_here:
                covered[a:b] = b"\x01" * (b - a)
                ends.setdefault(b, []).append((a, em))
        n = len(tokens)
        for t, (a, b, em) in enumerate(targets):
            lim = max(0, a - window)
            for group in self._groups(em.rule, field):
                # which of the group's sides can match here at all, read off its two filters
                # (a group after the one that attaches is never read)
                left = group.left.accepted(classes, a - 1, lim - 1, -1)
                right = group.right.accepted(classes, b, n, 1)
                left_bits, right_bits = group.left.bits, group.right.bits
                walked: list[tuple[_Anchored, _Reached, _Reached]] = []
                for k, side in enumerate(group.sides):
                    if left_bits[k] & ~left or right_bits[k] & ~right:
                        continue
                    cr, fig, g = side.rule, side.figure, side.group
                    if ((side.unfiltered and not side.may_start(classes, all_masks[g], a, b, ends, ents))
                            or (cr.with_bits[fig] and not _captures_pass(em, cr.with_bits[fig], all_masks[g]))):
                        continue
                    before = _reach(cr, classes, all_masks[g], a, ends, _always, covered, side.before, lim, True)
                    if before is None:
                        continue
                    after = _reach(cr, classes, all_masks[g], b, ents, _always, covered, side.after)
                    if after is not None:
                        walked.append((side, before, after))
                if walked and _offer(walked, a, b, em, tokens, t, accept):
                    break

    def _groups(self, rule: Rule, field: str | None) -> list[_Group]:
        """The attaching rules for `field` whose `figure` step takes the entities of `rule`,
        in groups of one priority, highest first."""
        groups = self._attach_groups.get((rule.id, field))
        if groups is None:
            mine = [i for i, side in enumerate(self._attach) if (rule.label in side.takes or rule.id in side.takes)
                    and side.rule.rule.applies_to(field)]
            groups = [self._group(tuple(i for i in mine if self._attach[i].rule.rule.priority == prio))
                      for prio in sorted({self._attach[i].rule.rule.priority for i in mine}, reverse=True)]
            self._attach_groups = {**self._attach_groups, (rule.id, field): groups}
        return groups

    def _group(self, members: tuple[int, ...]) -> _Group:
        """The attaching rules `members` (indices in `_attach`) as a group, with side filters
        shared by every group of the same rules."""
        sides = [self._attach[i] for i in members]
        with self._lock:
            filters = self._filters.get(members)
            if filters is None:
                full = [self._attach_full[i] for i in members]
                filters = self._filters[members] = (_SideFilter(sides, full, self.classes, True),
                                                    _SideFilter(sides, full, self.classes, False))
        return _Group(sides, *filters)


def _offer(walked: list[tuple["_Anchored", _Reached, _Reached]], a: int, b: int, em: Match,
           tokens: list[Token], t: int, accept: Callable[[int, Match], bool]) -> bool:
    """Offer target t (tokens a to b, the entity em) the matches of the rules `walked` from
    it, best first; whether it took one. Every start of a rule's walk leftwards combined
    with every end of its walk rightwards is a match."""
    options: list[tuple[_Anchored, list[tuple[int, int]], dict[tuple[int, int, int], Match]]] = []
    for side, before, after in walked:
        cr, fig = side.rule, side.figure
        chosen = {**before[1], **after[1], (fig, a, b): em} if before[1] or after[1] else {(fig, a, b): em}
        tails = [_trace(cr, after[0], e, side.after) for e in sorted(after[2])]
        for s in before[2]:
            head = _trace(cr, before[0], s, side.before)
            for tail in tails:
                options.append((side, head[:fig] + [(a, b)] + tail[fig + 1:], chosen))
    if len(options) > 1:
        options.sort(key=lambda o: o[0].key(o[1], tokens))
    for side, spans, chosen in options:
        plan = _plan(side.rule, spans)
        if plan is not None and accept(t, _build(plan, tokens, 0, _entity_captures(side.rule, spans, chosen))):
            return True
    return False


class _Anchored:
    """An attaching rule walked from its `figure` step: the steps before it (leftwards) and
    after it, and what the tokens next to the figure must be for a walk to be worth it."""

    def __init__(self, cr: CompiledRule, figure: int, group: int):
        self.rule, self.figure = cr, figure
        self.group = group   # the view its bits are numbered in (`views`)
        self.before = list(range(figure - 1, -1, -1))
        self.after = list(range(figure + 1, len(cr.steps)))
        # a side the filters do not read (one with an entity step): its first token is checked
        self.unfiltered = any(_filtered_steps(cr, order) is None for order in (self.before, self.after) if order)
        self.takes = cr.steps[figure].ent or frozenset()   # the labels and rule ids of its figures
        self.subject = [k for k, st in enumerate(cr.steps) if st.name == "subject"]
        self.left = _lead(cr, self.before)
        self.right = _lead(cr, self.after)

    def may_start(self, classes: list[int], masks: list[int], a: int, b: int, ends: EntIndex,
                  starts: EntIndex) -> bool:
        """Whether the token (or entity) before the figure can begin the leftward walk and
        the one after it the rightward walk (`masks`: by class, in its rule's numbering)."""
        return (_may_lead(self.left, classes, masks, a - 1, ends.get(a, _NONE))
                and _may_lead(self.right, classes, masks, b, starts.get(b, _NONE)))

    def key(self, spans: list[tuple[int, int]], tokens: list[Token]) -> tuple[int, int, str]:
        """The order among a figure's matches of one priority: the longer subject (in
        characters), then the later start, then the rule id."""
        taken = [spans[k] for k in self.subject if spans[k][1] > spans[k][0]]
        width = tokens[taken[-1][1] - 1].end - tokens[taken[0][0]].start if taken else 0
        return -width, -spans[0][0], self.rule.rule.id


_NONE: list[tuple[int, "Match"]] = []


class _Group:
    """Attaching rules of one priority that may take a kind of entity, in order, and the
    filters of their two sides."""
    __slots__ = ("sides", "left", "right")

    def __init__(self, sides: list[_Anchored], left: "_SideFilter", right: "_SideFilter"):
        self.sides = sides
        self.left = left
        self.right = right


def _filtered_steps(cr: CompiledRule, order: list[int]) -> list[int] | None:
    """The steps in `order` a side filter reads (all but the zero-width ones); None when it
    cannot read that side: it takes an entity (entities are not tokens), or has no step left."""
    if any(cr.steps[k].ent is not None for k in order):
        return None
    keep = [k for k in order if cr.steps[k].prev is None]
    return keep or None


class _SideFilter:
    """One side (left or right of `figure`) of the attaching rules of a group (`_Group`)
    whose side has only token steps, as one automaton over token classes (`_Automaton`,
    read leftwards for the left sides). Reading from a figure outwards until no side can go
    on tells which sides can match there; only those rules are walked. Zero-width steps and
    OUTSIDE_ENT are left out of the automaton: it may let a side through that the walk then
    refuses, never the reverse.

    A filter per group of one priority, not one for all the rules: an automaton's states
    are sets of its rules' positions, so one over all of them learnt states for the
    combinations its rules' positions make — hundreds of new ones on new texts, where a
    group's few rules make few —, and it read on as long as any rule lived, where the
    groups after the one that attaches are never read at all."""

    def __init__(self, sides: list["_Anchored"], full: list[CompiledRule], classes: TokenClasses, left: bool):
        """`full`: the rules of `sides` with their bits in the full numbering."""
        rules: list[CompiledRule] = []
        self.bits: list[int] = []   # by side: its bit among the automaton's rules (0: not filtered)
        self._classes = classes
        for side, cr in zip(sides, full):
            keep = _filtered_steps(cr, side.before if left else side.after)
            self.bits.append(0 if keep is None else 1 << len(rules))
            if keep is None:
                continue
            # a step taking up to n > 1 tokens is read as taking any number: the automaton
            # then counts no tokens (one state where there would be one per count, per
            # rule), and lets through, at most, a run the walk finds too long
            rules.append(CompiledRule(cr.rule, [], [replace(cr.steps[k], hi=MAX_REPEAT) if cr.steps[k].hi > 1
                                                    else cr.steps[k] for k in keep], [cr.bits[k] for k in keep]))
        self.auto = _Automaton(rules, classes) if rules else None

    def accepted(self, classes: list[int], start: int, stop: int, step: int) -> int:
        """The bits of the sides that match on the tokens read from `start` towards `stop`
        (`classes`: the tokens' classes)."""
        auto = self.auto
        if auto is None:
            return 0
        numbers = auto.numbers.numbers   # by class: as this filter's automaton tells them apart
        if len(numbers) < len(self._classes.masks):
            auto.numbers.number([])      # (fills `numbers` up to every class made so far)
        st = auto.start
        ok = st.accept_bits
        i = start
        while i != stop:   # (compiled, a range with a variable step is a Python call)
            if not st.alive_bits & ~ok:
                break   # every side still alive has matched: reading on adds none
            cls = numbers[classes[i]]
            st = st.next.get(cls) or auto.step(st, cls)
            if st is auto.dead:
                break
            ok |= st.accept_bits
            i += step
        return ok


def _lead(cr: CompiledRule, order: list[int]) -> Lead:
    """What can come first on a walk through the steps in `order`."""
    bits = 0
    ents: set[str] = set()
    for k in order:
        st = cr.steps[k]
        if st.prev is not None:
            continue
        bits |= cr.bits[k]
        ents |= st.ent or set()
        if st.lo >= 1:
            return bits, frozenset(ents), False
    return bits, frozenset(ents), True


def _may_lead(lead: Lead, classes: list[int], masks: list[int], t: int, found: list[tuple[int, "Match"]]) -> bool:
    """Whether token t (of class classes[t], whose mask is masks[class]), or an entity in
    `found`, can come first (per `lead`)."""
    bits, ents, anything = lead
    return (anything or (0 <= t < len(classes) and bool(masks[classes[t]] & bits))
            or any(em.rule.label in ents or em.rule.id in ents for _, em in found))


def _always(m: Match) -> bool:
    return True


def _recording(asked: list[Match]) -> Callable[[Match], bool]:
    """A `usable` that takes every entity, listing those it is asked about in `asked`."""
    def usable(m: Match) -> bool:
        asked.append(m)
        return True
    return usable


Walked = tuple[list[tuple[int, int]], dict[tuple[int, int, int], Match]]


def _walk(cr: CompiledRule, classes: list[int], masks: list[int], i: int, ents: EntIndex,
          usable: Callable[[Match], bool]) -> Walked | None:
    """The longest match of `cr` from token i: the (start, end) each step took, and the
    entity each ENT step took by (step, start, end); None if there is none, or if only
    optional steps matched. `classes`: the tokens' classes; `masks`: by class, in the
    numbering of `cr`'s bits (a MaskView's, or the full one)."""
    found = _reach(cr, classes, masks, i, ents, usable)
    if found is None:
        return None
    trail, chosen, reach = found
    end = max(reach)
    if end == i:
        return None
    return _trace(cr, trail, end), chosen


def _trace(cr: CompiledRule, trail: list[dict[int, int]], end: int, order: list[int] | None = None
           ) -> list[tuple[int, int]]:
    """Which tokens each step walked in `order` took, by following the back-pointers from
    where the walk ended (leftwards walks end at the start)."""
    spans: list[tuple[int, int]] = [(0, 0)] * len(cr.steps)
    pos = end
    for j in range(len(trail) - 1, -1, -1):
        prev = trail[j][pos]
        spans[order[j] if order is not None else j] = (prev, pos) if prev <= pos else (pos, prev)
        pos = prev
    return spans


def _reach(cr: CompiledRule, classes: list[int], masks: list[int], i: int, ents: EntIndex,
           usable: Callable[[Match], bool], covered: bytearray | None = None, order: list[int] | None = None,
           limit: int = 0, left: bool = False) -> _Reached | None:
    """The positions each step of `cr` reaches from token boundary i — for each step in
    `order` (all by default) a dict from position to the position where the step began: an
    NFA walk with back-pointers —, the entity each ENT step took, and the positions the
    walk ends at; None when it cannot end. A `left` walk goes leftwards (`order` from the
    last step down), to no position before `limit`: then `ents` are the entities by where
    they end, and each step's positions are where it begins. `covered` marks the tokens
    inside kept entities, which OUTSIDE_ENT steps do not take. Token t passes a step when
    masks[classes[t]] has its bit; `masks` also answers the ENT_WITH tests on an entity's
    captured tokens."""
    if order is not None and not order:
        return [], {}, {i: i}   # nothing to walk on this side
    n = len(classes)
    d, back = (-1, 1) if left else (1, 0)   # the direction, and where the token read is from a position
    reach: dict[int, int] = {i: i}
    trail: list[dict[int, int]] = []
    chosen: dict[tuple[int, int, int], Match] = {}   # (step, start, end) → the entity an ENT step took
    for k in order if order is not None else cr.order:
        step = cr.steps[k]
        nxt: dict[int, int] = {}
        bit, lo, hi = cr.bits[k], step.lo, step.hi
        # positions are tried last first (farthest right), so where several paths reach a
        # position, the back-pointer kept is the one on which the earlier steps took the most
        ordered = list(reach)
        if len(ordered) > 1:   # (most steps begin at one position)
            ordered.sort()     # (a list, and no keyword: compiled, both are fast paths)
            ordered.reverse()
        free = covered if step.outside_ent else None
        if step.prev is not None:   # zero-width: the token before (or after) p passes the test, or not
            want, off = step.prev_wanted, step.prev_offset
            inside = covered if step.prev.outside_ent else None
            for p in ordered:
                q = p + off
                if (0 <= q < n and bool(masks[classes[q]] & bit) and not (inside and inside[q])) == want:
                    nxt[p] = p
        elif step.ent is not None:
            for p in ordered:
                if lo == 0 and p not in nxt:
                    nxt[p] = p
                for q, em in ents.get(p, ()):
                    if ((em.rule.label in step.ent or em.rule.id in step.ent) and q not in nxt
                            and q >= limit
                            and (not cr.with_bits[k] or _captures_pass(em, cr.with_bits[k], masks))
                            and usable(em)):   # (last: it may work out the entity's value)
                        nxt[q] = p
                        chosen[(k, q, p) if left else (k, p, q)] = em
        else:
            if not left and lo <= 1:
                # positions come farthest first: a position q > p that a farther start
                # reaches has its back-pointer already, so each start scans only up to the
                # previous one, and the run of passing tokens is read once in all, not once
                # per start (two {0,32} steps in a row would cost 32 × 32)
                floor = n
                for p in ordered:
                    if lo == 0 and p not in nxt:
                        nxt[p] = p
                    stop, t = min(p + hi, floor), p
                    while t < stop and masks[classes[t]] & bit and not (free and free[t]):
                        t += 1
                        if t not in nxt:
                            nxt[t] = p
                    floor = p
            else:
                for p in ordered:
                    if lo == 0 and p not in nxt:
                        nxt[p] = p
                    t, taken = p - back, 0   # the next token read, the tokens taken
                    while taken < hi and limit <= t < n and masks[classes[t]] & bit and not (free and free[t]):
                        taken += 1
                        t += d
                        if taken >= lo and t + back not in nxt:
                            nxt[t + back] = p
        if not nxt:
            return None
        trail.append(nxt)
        reach = nxt
    return trail, chosen, reach


def _captures_pass(em: Match, tests: tuple[tuple[str, int], ...], class_masks: list[int] | None) -> bool:
    """Every token the entity captured under each name passes that name's test (ENT_WITH)."""
    if class_masks is None:
        return False
    caps = em.captures
    for name, bit in tests:
        toks = caps.get(name)
        if not toks or not all(class_masks[t.cls] & bit for t in toks):
            return False
    return True


# a match relative to its start: rule, start, end, core start, core end, and the
# (name, start, end) of each capture
Plan = tuple[CompiledRule, int, int, int, int, tuple[tuple[str, int, int], ...]]


def _plan(cr: CompiledRule, spans: list[tuple[int, int]]) -> Plan | None:
    """The plan of a match whose steps took `spans`; None if it took only context."""
    core = [(a, b) for (a, b), st in zip(spans, cr.steps) if not st.context and b > a]
    if not core:
        return None
    caps = tuple((st.name, a, b) for (a, b), st in zip(spans, cr.steps) if st.name and b > a)
    return cr, spans[0][0], spans[-1][1], core[0][0], core[-1][1], caps


def _entity_captures(cr: CompiledRule, spans: list[tuple[int, int]],
                     chosen: dict[tuple[int, int, int], Match]) -> dict[str, list[Token]]:
    """The captures of the entities ENT steps took, unless the rule captures the same part."""
    own = cr.names
    captures: dict[str, list[Token]] = {}
    for k in cr.ent_steps:
        a, b = spans[k]
        if b > a:
            suffix = cr.steps[k].ent_suffix
            for name, toks in chosen[(k, a, b)].captures.items():
                name += suffix
                if name not in own:
                    captures.setdefault(name, []).extend(toks)
    return captures


def _build(plan: Plan, tokens: list[Token], base: int,
           captures: dict[str, list[Token]] | None = None) -> Match:
    """The match a plan describes, for a start at token `base`."""
    cr, start, end, core_start, core_end, caps = plan
    return Match(cr.rule, base + start, base + end, base + core_start, base + core_end, tokens, base, caps,
                 captures)
