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
entities that survived overlap resolution, from starts a few tokens before each entity
they can attach to (`attach_pass`): few figures per text, so few walks.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field as dc_field
from typing import Callable

from ..core.lexicon import Lexicon
from ..core.vocab import ATTACH_LABELS
from .rule import Rule
from .rule import MAX_REPEAT
from .tokenizer import Token

_HAN = re.compile(r"[\u3400-\u9fff]+")


# An atom is one yes/no question about a token, asked once per word whatever the number
# of steps asking it: ("in", words), ("ends", words), ("regex", pattern), ("kind", kinds),
# ("han",) or ("len", n).
Atom = tuple


@dataclass(frozen=True)
class Step:
    conds: tuple[tuple[Atom, bool], ...]   # the atoms and the answer each must have
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
    conds: list[tuple[Atom, bool]] = []
    if "TEXT" in spec:
        conds.append((("in", frozenset([spec["TEXT"]])), True))
    if "IN" in spec:
        conds.append((("in", frozenset(spec["IN"])), True))
    if "LEX" in spec:
        names = spec["LEX"] if isinstance(spec["LEX"], list) else [spec["LEX"]]
        conds.append((("in", frozenset().union(*(lexicons[n].forms for n in names))), True))
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
    if "IS_HAN" in spec:
        conds.append((("han",), spec["IS_HAN"]))
    if "LENGTH" in spec:
        conds.append((("len", spec["LENGTH"]), True))
    key = repr(sorted((k, v) for k, v in spec.items() if k not in ("OP", "NAME", "CONTEXT", "OUTSIDE_ENT")))
    return Step(tuple(conds), lo, hi, spec.get("NAME"), bool(spec.get("CONTEXT")), key=key,
                outside_ent=bool(spec.get("OUTSIDE_ENT")))


class TokenClasses:
    """Tokens that pass the same step tests share a class: (norm, kind) → class id.

    Every token test reads only the normalised text and the kind. A new word's atoms are
    answered in a few lookups — the word lists it is in, its kind, its length, its
    endings — plus the regexes, which are only asked one by one when one of them matches;
    which steps pass follows from the atoms' answers and is remembered per answer pattern.
    `masks[class]` has bit b set when the word passes the step test with bit b."""

    LIMIT = 500_000   # words remembered per kind; past that, classes are worked out afresh each time

    def __init__(self, steps: list[Step]):
        unique: dict[str, Step] = {}
        for st in steps:
            if st.ent is None and st.prev is None:
                unique.setdefault(st.key, st)
        self.bit = {key: 1 << b for b, key in enumerate(unique)}
        atoms: dict[Atom, int] = {}
        for st in unique.values():
            for atom, _ in st.conds:
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
        # one pass to tell whether any regex matches (most words match none); a regex with
        # flags of its own cannot be joined, and then each is asked
        try:
            self._any_regex: re.Pattern[str] | None = re.compile(
                "|".join(f"(?:{rx.pattern})" for _, rx in self._regexes) or "(?!)")
        except re.error:
            self._any_regex = None
        # each step: (its bit, atoms that must hold, atoms that must not)
        self._steps = [(self.bit[key], sum(atoms[a] for a, want in st.conds if want),
                        sum(atoms[a] for a, want in st.conds if not want)) for key, st in unique.items()]
        self._mask_of_answers: dict[int, int] = {}
        self._of: dict[str, dict[str, int]] = {}   # kind → word → class
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
            if self._han and _HAN.fullmatch(norm):
                answers |= self._han
            if self._any_regex is None or self._any_regex.fullmatch(norm):
                for bit, rx in self._regexes:
                    if rx.fullmatch(norm):
                        answers |= bit
            mask = self._mask_of_answers.get(answers)
            if mask is None:
                mask = 0
                for bit, must, must_not in self._steps:
                    if answers & must == must and not answers & must_not:
                        mask |= bit
                self._mask_of_answers[answers] = mask
            c = self._class_of_mask.get(mask)
            if c is None:
                with self._lock:   # a new class: numbered once, its mask listed before it is
                    c = self._class_of_mask.get(mask)
                    if c is None:
                        self.masks.append(mask)
                        c = self._class_of_mask[mask] = len(self.masks) - 1
            if len(known) < self.LIMIT:
                known[norm] = c
        return c


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
    # for a rule that opens with one entity and then a required token: that token's bit
    after_ent: int = 0

    def __post_init__(self) -> None:
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
        if (first.ent is not None and first.lo == first.hi == 1 and len(self.steps) > 1
                and self.steps[1].ent is None and self.steps[1].lo >= 1):
            self.after_ent = self.bits[1]


Item = tuple[int, int, int]   # (rule, step, tokens the step has taken so far)


class _State:
    __slots__ = ("next", "accepts", "reads", "moves", "by_answers")

    def __init__(self, accepts: tuple[int, ...], reads: int, moves: list[tuple[int, frozenset[Item]]]):
        self.next: dict[int, _State] = {}   # token class → state, filled as classes are seen
        self.accepts = accepts               # rules with a match ending here
        self.reads = reads                   # the step tests that can move a position on
        # for each position that can move on: its step's bit, and where it moves to
        self.moves = moves
        # the answers to those tests → state: classes that answer alike share a move
        self.by_answers: dict[int, _State] = {}


class _Automaton:
    """The first-pass rules of one field as a DFA over token classes, built lazily.

    A state is the set of (rule, step, count) positions the rules can be in; reading a
    token class moves all of them at once. States and moves are made on first use and
    kept (a move is shared by the classes that answer the state's tests alike), so after
    warm-up a token costs one dict lookup per live start whatever the number of rules.
    It only says *which* rules match from a start; `_walk` then finds their captures,
    remembered (as plans) by the token classes the automaton read."""

    MAX_STATES = 50_000   # past this (never seen in practice) the automaton starts over
    MAX_PLANS = 50_000    # token class sequences whose matches are remembered

    def __init__(self, rules: list[CompiledRule], classes: TokenClasses):
        self.rules = rules
        self.classes = classes
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._states: dict[frozenset[Item], _State] = {}
        self._closures: dict[Item, frozenset[Item]] = {}
        self.plans: dict[tuple[int, ...], tuple[Plan, ...]] = {}
        self.dead = self._state(frozenset())
        self.start = self._state(self._closure((r, 0, 0) for r in range(len(self.rules))))

    def _closure(self, items) -> frozenset[Item]:
        """Add the positions reachable without a token: past steps that have taken enough."""
        out: set[Item] = set()
        todo = list(items)
        while todo:
            item = todo.pop()
            if item not in out:
                out.add(item)
                r, k, c = item
                steps = self.rules[r].steps
                if k < len(steps) and c >= steps[k].lo:
                    todo.append((r, k + 1, 0))
        return frozenset(out)

    def _state(self, items: frozenset[Item]) -> _State:
        st = self._states.get(items)
        if st is None:
            accepts = tuple(sorted({r for r, k, _ in items if k == len(self.rules[r].steps)}))
            reads = 0
            moves = []
            for r, k, c in items:
                cr = self.rules[r]
                if k < len(cr.steps) and c < cr.steps[k].hi:
                    reads |= cr.bits[k]
                    item = (r, k, c + 1)
                    to = self._closures.get(item)
                    if to is None:
                        to = self._closures[item] = self._closure((item,))
                    moves.append((cr.bits[k], to))
            st = self._states[items] = _State(accepts, reads, moves)
        return st

    def step(self, st: _State, cls: int) -> _State:
        """The state after reading a token of class `cls` (made on first use)."""
        answers = self.classes.masks[cls] & st.reads
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
        moved = [to for bit, to in st.moves if mask & bit]
        return self._state(frozenset().union(*moved)) if moved else self.dead

    def plan(self, read: tuple[int, ...]) -> tuple[Plan, ...]:
        """The matches from a start whose tokens have classes `read`, as plans."""
        matched: set[int] = set()
        st = self.start
        for cls in read:
            st = self.step(st, cls)
            matched.update(st.accepts)
        masks = [self.classes.masks[c] for c in read]
        plans = []
        for r in sorted(matched):
            found = _walk(self.rules[r], masks, 0, {}, _always)
            plan = _plan(self.rules[r], found[0]) if found else None
            if plan is not None:
                plans.append(plan)
        if len(self.plans) >= self.MAX_PLANS:
            self.plans.clear()
        self.plans[read] = result = tuple(plans)
        return result


EntIndex = dict[int, list[tuple[int, "Match"]]]   # token start → (token end, match)


class Matcher:
    """Two passes: rules over tokens, then rules that also match first-pass entities (ENT)."""

    def __init__(self, rules: list[Rule], lexicons: dict[str, Lexicon]):
        # a rule with ANY steps runs as one compiled pattern per alternative
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
        self._first = [cr for cr in compiled if not cr.rule.uses_entities]
        self._second = [cr for cr in compiled if cr.rule.uses_entities]
        # the third pass: rules attaching to kept entities, by the labels and ids they begin with
        self._attach = attaching
        self._attach_by_class: dict[int, tuple[CompiledRule, ...]] = {}
        self._attach_after: dict[str, tuple[CompiledRule, ...]] = {
            r.id: tuple(cr for cr in attaching if r.label in cr.lead_ents or r.id in cr.lead_ents) for r in rules}
        self._attach_of_field: dict[str | None, frozenset[int]] = {}
        # the labels and rule ids an attaching rule's `figure` step takes
        self.attach_targets: frozenset[str] = frozenset(
            e for cr in attaching for st in cr.steps if st.name == "figure" for e in st.ent or ())
        # where second-pass rules can begin: by token class (filled as classes appear),
        # and after the matches of which rule (by the labels and ids they begin with)
        self._second_by_class: dict[int, tuple[CompiledRule, ...]] = {}
        self._second_after: dict[str, tuple[CompiledRule, ...]] = {}   # rule id → rules
        for r in rules:
            self._second_after[r.id] = tuple(cr for cr in self._second
                                             if r.label in cr.lead_ents or r.id in cr.lead_ents)
        # one automaton per set of rules: fields whose rules are the same share theirs
        self._automata: dict[str | None, _Automaton] = {}
        self._automaton_of_rules: dict[tuple[int, ...], _Automaton] = {}
        self._second_of_field: dict[str | None, frozenset[int]] = {}   # ids of the rules that apply
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
        start, dead, plans_of = auto.start, auto.dead, auto.plans
        n = len(tokens)
        out: list[Match] = []
        for i in range(n):
            cls = classes[i]
            st = start.next.get(cls) or auto.step(start, cls)
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
            # nothing after its match: the classes up to `last` determine the plans
            read = tuple(classes[i:last])
            plans = plans_of.get(read)
            if plans is None:
                plans = auto.plan(read)
            for plan in plans:
                out.append(_build(plan, tokens, i))
        return out

    def _second_starts(self, cls: int) -> tuple[CompiledRule, ...]:
        """Second-pass rules that can begin on a token of class `cls`."""
        found = self._second_by_class.get(cls)
        if found is None:
            mask = self.classes.masks[cls]
            found = tuple(cr for cr in self._second if cr.lead_any or mask & cr.lead_bits)
            self._second_by_class[cls] = found
        return found

    def second_pass(self, tokens: list[Token], classes: list[int], field: str | None,
                    ents: EntIndex, usable: Callable[[Match], bool]) -> list[Match]:
        """The matches of the rules with ENT steps over the first pass's matches `ents`, of
        which ENT steps take only the `usable` ones (asked only when one would be taken)."""
        all_masks = self.classes.masks
        masks = [all_masks[c] for c in classes]
        n = len(masks)
        todo: dict[tuple[int, int], CompiledRule] = {}   # (start, rule) → rule, in order
        for i, cls in enumerate(classes):
            for cr in self._second_starts(cls):
                todo[(i, id(cr))] = cr
        after = self._second_after
        for i, found in ents.items():
            for q, em in found:
                for cr in after[em.rule.id]:
                    # the token after the entity must fit (saves most failed walks)
                    if (not cr.after_ent or (q < n and masks[q] & cr.after_ent)) and usable(em):
                        todo[(i, id(cr))] = cr
        if not todo:
            return []
        present = 0   # the tests some token passes: rules needing another can't match
        for cls in set(classes):
            present |= all_masks[cls]
        applies = self._second_of_field.get(field)
        if applies is None:
            applies = frozenset(id(cr) for cr in self._second if cr.rule.applies_to(field))
            self._second_of_field = {**self._second_of_field, field: applies}
        out: list[Match] = []
        for (i, rule), cr in todo.items():
            if cr.required & ~present or tokens[i].kind == "space" or rule not in applies:
                continue
            walked = _walk(cr, masks, i, ents, usable, all_masks)
            if walked is not None:
                spans, chosen = walked
                plan = _plan(cr, spans)
                if plan is not None:
                    out.append(_build(plan, tokens, 0, _entity_captures(cr, spans, chosen)))
        return out

    def attach_pass(self, tokens: list[Token], classes: list[int], field: str | None, ents: EntIndex,
                    targets: list[int], window: int) -> list[Match]:
        """The matches of the attaching rules over the kept entities `ents`, walked from the
        starts up to `window` tokens before each target (the token where an entity they may
        attach to begins) and from the targets themselves."""
        if not self._attach or not targets:
            return []
        all_masks = self.classes.masks
        masks = [all_masks[c] for c in classes]
        applies = self._attach_of_field.get(field)
        if applies is None:
            applies = frozenset(id(cr) for cr in self._attach if cr.rule.applies_to(field))
            self._attach_of_field = {**self._attach_of_field, field: applies}
        covered = bytearray(len(tokens))   # tokens inside kept entities (OUTSIDE_ENT)
        for a, found_here in ents.items():
            for b, _ in found_here:
                covered[a:b] = b"\x01" * (b - a)
        starts: set[int] = set()
        for t in targets:
            starts.update(range(max(0, t - window), t + 1))
        out: list[Match] = []
        for i in sorted(starts):
            if tokens[i].kind == "space":
                continue
            cls = classes[i]
            found = self._attach_by_class.get(cls)
            if found is None:
                found = tuple(cr for cr in self._attach if cr.lead_any or masks[i] & cr.lead_bits)
                self._attach_by_class[cls] = found
            todo = {id(cr): cr for cr in found}
            for _, em in ents.get(i, ()):
                todo.update({id(cr): cr for cr in self._attach_after[em.rule.id]})
            for key, cr in todo.items():
                if key not in applies:
                    continue
                # every end, not only the longest: a rule may reach several entities from
                # one start (a subject carried to each later figure)
                for spans, chosen in _walk_ends(cr, masks, i, ents, all_masks, covered):
                    plan = _plan(cr, spans)
                    if plan is not None:
                        out.append(_build(plan, tokens, 0, _entity_captures(cr, spans, chosen)))
        return out


def _always(m: Match) -> bool:
    return True


Walked = tuple[list[tuple[int, int]], dict[tuple[int, int], Match]]


def _walk(cr: CompiledRule, masks: list[int], i: int, ents: EntIndex, usable: Callable[[Match], bool],
          class_masks: list[int] | None = None) -> Walked | None:
    """The longest match of `cr` from token i: the (start, end) each step took, and the
    entity each ENT step took; None if there is none. `class_masks` (TokenClasses.masks)
    answers ENT_WITH tests on an entity's captured tokens."""
    found = _reach(cr, masks, i, ents, usable, class_masks)
    if found is None:
        return None
    trail, chosen = found
    return _trace(cr, trail, max(trail[-1])), chosen


def _walk_ends(cr: CompiledRule, masks: list[int], i: int, ents: EntIndex,
               class_masks: list[int] | None, covered: bytearray | None) -> list[Walked]:
    """Every match of `cr` from token i, one per end (nearest first)."""
    found = _reach(cr, masks, i, ents, _always, class_masks, covered)
    if found is None:
        return []
    trail, chosen = found
    return [(_trace(cr, trail, end), chosen) for end in sorted(trail[-1]) if end > i]


def _trace(cr: CompiledRule, trail: list[dict[int, int]], end: int) -> list[tuple[int, int]]:
    """Which tokens each step took, by walking the back-pointers from `end`."""
    spans: list[tuple[int, int]] = [(0, 0)] * len(cr.steps)
    pos = end
    for k in range(len(cr.steps) - 1, -1, -1):
        prev = trail[k][pos]
        spans[k] = (prev, pos)
        pos = prev
    return spans


def _reach(cr: CompiledRule, masks: list[int], i: int, ents: EntIndex, usable: Callable[[Match], bool],
           class_masks: list[int] | None, covered: bytearray | None = None
           ) -> tuple[list[dict[int, int]], dict[tuple[int, int], Match]] | None:
    """The positions each step of `cr` reaches from token i, each with a back-pointer to
    where that step began (an NFA walk), and the entity each ENT step took; None when the
    rule cannot match from i or matches nothing but optional steps. `covered` marks the
    tokens inside kept entities, which OUTSIDE_ENT steps do not take."""
    n = len(masks)
    reach: dict[int, int] = {i: i}
    trail: list[dict[int, int]] = []
    chosen: dict[tuple[int, int], Match] = {}   # (step, end) → the entity an ENT step took
    for k, step in enumerate(cr.steps):
        nxt: dict[int, int] = {}
        bit, lo, hi = cr.bits[k], step.lo, step.hi
        # positions are tried farthest first, so where several paths reach a token, the
        # back-pointer kept is the one on which the earlier steps took the most (greedy)
        order = sorted(reach, reverse=True) if len(reach) > 1 else reach
        free = covered if step.outside_ent else None
        if step.prev is not None:   # zero-width: the token before (or after) p passes the test, or not
            want, off = step.prev_wanted, step.prev_offset
            inside = covered if step.prev.outside_ent else None
            for p in order:
                q = p + off
                if (0 <= q < n and bool(masks[q] & bit) and not (inside and inside[q])) == want:
                    nxt[p] = p
        elif step.ent is not None:
            for p in order:
                if lo == 0 and p not in nxt:
                    nxt[p] = p
                for q, em in ents.get(p, ()):
                    if ((em.rule.label in step.ent or em.rule.id in step.ent) and q not in nxt and usable(em)
                            and (not cr.with_bits[k] or _captures_pass(em, cr.with_bits[k], class_masks))):
                        nxt[q] = p
                        chosen[(k, q)] = em
        elif hi == 1:  # the common case: one token, maybe optional
            for p in order:
                if lo == 0 and p not in nxt:
                    nxt[p] = p
                if p < n and p + 1 not in nxt and masks[p] & bit and not (free and free[p]):
                    nxt[p + 1] = p
        else:
            for p in order:
                if lo == 0 and p not in nxt:
                    nxt[p] = p
                q = p
                while q - p < hi and q < n and masks[q] & bit and not (free and free[q]):
                    q += 1
                    if q - p >= lo and q not in nxt:
                        nxt[q] = p
        if not nxt:
            return None
        trail.append(nxt)
        reach = nxt
    if max(reach) == i:
        return None  # an all-optional pattern that matched nothing
    return trail, chosen


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
                     chosen: dict[tuple[int, int], Match]) -> dict[str, list[Token]]:
    """The captures of the entities ENT steps took, unless the rule captures the same part."""
    own = {st.name for st in cr.steps if st.name}
    captures: dict[str, list[Token]] = {}
    for k, ((a, b), st) in enumerate(zip(spans, cr.steps)):
        if st.ent is not None and b > a:
            for name, toks in chosen[(k, b)].captures.items():
                name += st.ent_suffix
                if name not in own:
                    captures.setdefault(name, []).extend(toks)
    return captures


def _build(plan: Plan, tokens: list[Token], base: int,
           captures: dict[str, list[Token]] | None = None) -> Match:
    """The match a plan describes, for a start at token `base`."""
    cr, start, end, core_start, core_end, caps = plan
    return Match(cr.rule, base + start, base + end, base + core_start, base + core_end, tokens, base, caps,
                 captures)
