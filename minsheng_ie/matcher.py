"""Token-pattern matching in the style of spaCy's Matcher.

Each pattern compiles to a list of steps (a token test, a min and max count, a capture
name, a context flag). Matching from a start token advances the set of reachable token
positions step by step — an NFA walk with back-pointers — so there is no backtracking
and the cost from one start is bounded by pattern length × MAX_REPEAT.

Rules are only tried where they can start: a rule is filed under the texts or kinds its
first token can have and, when known, those of the next token; a rule that could start
on any token (an organisation name) is tried only within reach before a token its
required head word matches (its anchor). Most tokens start nothing and are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .lexicons import Lexicon
from .rules import MAX_REPEAT, Rule
from .tokenizer import Token

Test = Callable[[Token], bool]
_HAN = re.compile(r"[\u3400-\u9fff]+")


@dataclass(frozen=True)
class Step:
    test: Test
    lo: int
    hi: int
    name: str | None
    context: bool
    texts: frozenset[str] | None   # the finite set of texts this step accepts, if known
    kinds: frozenset[str] | None   # token kinds this step accepts, if that is all it tests
    ent: frozenset[str] | None = None   # labels / rule ids of first-pass matches it accepts
    ent_suffix: str = ""                 # appended to the names of the entity's captures
    key: str = ""                        # the token tests as text: equal keys, equal answers


@dataclass(frozen=True)
class Match:
    rule: Rule
    start: int            # token index of the first token (context included)
    end: int              # token index after the last token
    core_start: int       # first non-context token
    core_end: int
    captures: dict[str, list[Token]]
    tokens_core: list[Token]


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
    if "ENT" in spec:
        ent = spec["ENT"]
        return Step(lambda tok: False, 1, 1, spec.get("NAME"), bool(spec.get("CONTEXT")),
                    None, None, frozenset([ent] if isinstance(ent, str) else ent), spec.get("ENT_SUFFIX", ""))
    tests: list[Test] = []
    texts: set[str] | None = None
    kinds: set[str] | None = None

    def narrow(s: set[str]) -> None:
        nonlocal texts
        texts = s if texts is None else texts & s

    if "TEXT" in spec:
        t = spec["TEXT"]
        tests.append(lambda tok, t=t: tok.norm == t)
        narrow({t})
    if "IN" in spec:
        s = frozenset(spec["IN"])
        tests.append(lambda tok, s=s: tok.norm in s)
        narrow(set(s))
    if "LEX" in spec:
        forms = lexicons[spec["LEX"]].forms
        tests.append(lambda tok, f=forms: tok.norm in f)
        narrow(set(forms))
    if "NOT_IN" in spec:
        s = frozenset(spec["NOT_IN"])
        tests.append(lambda tok, s=s: tok.norm not in s)
    if "NOT_LEX" in spec:
        names = spec["NOT_LEX"] if isinstance(spec["NOT_LEX"], list) else [spec["NOT_LEX"]]
        banned = frozenset().union(*(lexicons[n].forms for n in names))
        tests.append(lambda tok, b=banned: tok.norm not in b)
    if "ENDS_WITH_LEX" in spec:
        forms = lexicons[spec["ENDS_WITH_LEX"]].forms
        longest = max((len(f) for f in forms), default=0)
        seen: dict[str, bool] = {}   # token texts repeat: remember the answer

        def ends_with(tok: Token, forms=forms, longest=longest, seen=seen) -> bool:
            t = tok.norm
            hit = seen.get(t)
            if hit is None:
                hit = any(t[-k:] in forms for k in range(1, min(longest, len(t)) + 1))
                if len(seen) < 100_000:
                    seen[t] = hit
            return hit
        tests.append(ends_with)
    if "REGEX" in spec:
        rx = re.compile(spec["REGEX"])
        tests.append(lambda tok, rx=rx: rx.fullmatch(tok.norm) is not None)
    if "IS_NUM" in spec:
        want = spec["IS_NUM"]
        tests.append(lambda tok, w=want: (tok.kind in ("num", "cnum")) == w)
        if want:
            kinds = {"num", "cnum"}
    if "IS_PUNCT" in spec:
        want = spec["IS_PUNCT"]
        tests.append(lambda tok, w=want: (tok.kind == "punct") == w)
        if want:
            kinds = {"punct"}
    if "IS_SPACE" in spec:
        want = spec["IS_SPACE"]
        tests.append(lambda tok, w=want: (tok.kind == "space") == w)
        if want:
            kinds = {"space"}
    if "IS_HAN" in spec:
        want = spec["IS_HAN"]
        tests.append(lambda tok, w=want: (_HAN.fullmatch(tok.norm) is not None) == w)
    if "LENGTH" in spec:
        n = spec["LENGTH"]
        tests.append(lambda tok, n=n: len(tok.norm) == n)

    if len(tests) == 1:
        test = tests[0]
    else:
        def test(tok: Token, tests=tuple(tests)) -> bool:
            for t in tests:
                if not t(tok):
                    return False
            return True
    lo, hi = _bounds(spec.get("OP"))
    only_kind = kinds if kinds is not None and texts is None else None
    key = repr(sorted((k, v) for k, v in spec.items() if k not in ("OP", "NAME", "CONTEXT")))
    return Step(test, lo, hi, spec.get("NAME"), bool(spec.get("CONTEXT")),
                frozenset(texts) if texts is not None else None,
                frozenset(only_kind) if only_kind is not None else None, key=key)


@dataclass
class CompiledRule:
    rule: Rule
    steps: list[Step]
    # what the token after the first can be (texts, kinds), when that is known: a cheap
    # test that saves most of the failed attempts of rules starting on a number
    follow: tuple[frozenset[str], frozenset[str]] | None = None

    def __post_init__(self) -> None:
        first = self.steps[0]
        if first.lo != 1 or first.hi != 1 or len(self.steps) == 1:
            return
        texts: set[str] = set()
        kinds: set[str] = set()
        for step in self.steps[1:]:
            if step.ent is not None or (step.texts is None and step.kinds is None):
                return
            texts |= step.texts or set()
            kinds |= step.kinds or set()
            if step.lo >= 1:
                self.follow = (frozenset(texts), frozenset(kinds))
                return
        # every later step is optional: the match may end after the first token

    def may_start(self, tokens: list[Token], i: int, ents: "EntIndex") -> bool:
        """For a rule starting with an entity: can the token after one of the entities
        that start here begin the rest of the pattern?"""
        want = self.steps[0].ent
        here = [(e, m) for e, m in ents.get(i, ()) if m.rule.label in want or m.rule.id in want]
        if not here or self.follow is None:
            return bool(here)
        texts, kinds = self.follow
        return any(e < len(tokens) and (tokens[e].norm in texts or tokens[e].kind in kinds) for e, _ in here)


EntIndex = dict[int, list[tuple[int, "Match"]]]   # token start → (token end, match)


@dataclass
class _Anchor:
    """A rule that can start on any token is only tried where a required step of it (its
    anchor) can match within reach: `lo`..`hi` tokens after the start."""
    rule: CompiledRule
    step: Step
    lo: int
    hi: int


ENT_TOKENS = 16  # an entity matched by an ENT step spans at most this many tokens


def _anchor(cr: CompiledRule, texts_only: bool = False) -> _Anchor | None:
    """The last required step with a finite set of texts, else the last required step."""
    best = None
    lo = hi = 0
    for step in cr.steps:
        if step.lo >= 1 and step.ent is None and (step.texts is not None or not texts_only):
            if best is None or step.texts is not None or best[0].texts is None:
                best = (step, lo, hi)
        lo += step.lo
        hi += ENT_TOKENS if step.ent is not None else step.hi
    return _Anchor(cr, *best) if best else None


class _Index:
    """Rules filed under every token text / kind / entity that can start a match."""

    def __init__(self, rules: list[CompiledRule]):
        # start key ("t", text) or ("k", kind) → rules; rules with a known `follow`
        # are filed under (start key, next token's text or kind) instead
        self.plain: dict[tuple[str, str], list[CompiledRule]] = {}
        self.follow: dict[tuple[str, str, str, str], list[CompiledRule]] = {}
        self.by_ent: list[CompiledRule] = []
        self.anchored: list[_Anchor] = []
        for cr in rules:
            self._add(cr)
        # texts and kinds some rule can start on: any other token is skipped at once
        self.start_texts = {k[1] for k in list(self.plain) + list(self.follow) if k[0] == "t"}
        self.start_kinds = {k[1] for k in list(self.plain) + list(self.follow) if k[0] == "k"}

    def _file(self, key: tuple[str, str], cr: CompiledRule) -> None:
        if cr.follow is None:
            self.plain.setdefault(key, []).append(cr)
            return
        texts, kinds = cr.follow
        for t in texts:
            self.follow.setdefault(key + ("t", t), []).append(cr)
        for k in kinds:
            self.follow.setdefault(key + ("k", k), []).append(cr)

    def starting_at(self, tokens: list[Token], i: int) -> list[list[CompiledRule]]:
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        groups = []
        for key in (("t", tok.norm), ("k", tok.kind)):
            g = self.plain.get(key)
            if g:
                groups.append(g)
            if nxt is not None:
                for g in (self.follow.get(key + ("t", nxt.norm)), self.follow.get(key + ("k", nxt.kind))):
                    if g:
                        groups.append(g)
        return groups

    def _add(self, cr: CompiledRule) -> None:
        texts: set[str] = set()
        kinds: set[str] = set()
        ent = False
        for step in cr.steps:
            if step.ent is not None:
                ent = True
            elif step.texts is not None:
                texts |= step.texts
            elif step.kinds is not None:
                kinds |= step.kinds
            else:
                anchor = _anchor(cr)
                if anchor is None:
                    raise ValueError(f"rule '{cr.rule.id}' has no required step")
                self.anchored.append(anchor)
                return
            if step.lo > 0:
                break
        for t in texts:
            self._file(("t", t), cr)
        for k in kinds:
            self._file(("k", k), cr)
        if ent:
            # a rule starting on an entity but needing a known word later (去年同期) is
            # tried only within reach of that word
            anchor = _anchor(cr, texts_only=True)
            if anchor is not None and not texts and not kinds:
                self.anchored.append(anchor)
            else:
                self.by_ent.append(cr)

    @staticmethod
    def anchor_positions(anchored: list[_Anchor], tokens: list[Token]) -> list[list[int]]:
        """For each anchored rule, the token positions where its anchor matches."""
        cache: dict[str, list[int]] = {}
        out = []
        for a in anchored:
            key = a.step.key
            if key not in cache:
                if a.step.texts is not None:
                    texts = a.step.texts
                    cache[key] = [j for j, t in enumerate(tokens) if t.norm in texts and a.step.test(t)]
                else:
                    cache[key] = [j for j, t in enumerate(tokens) if a.step.test(t)]
            out.append(cache[key])
        return out


class Matcher:
    """Two passes: rules over tokens, then rules that also match first-pass entities (ENT)."""

    def __init__(self, rules: list[Rule], lexicons: dict[str, Lexicon]):
        compiled = [CompiledRule(r, [compile_step(s, lexicons) for s in r.pattern]) for r in rules]
        self.first = _Index([cr for cr in compiled if not cr.rule.uses_entities])
        self.second = _Index([cr for cr in compiled if cr.rule.uses_entities])

    def match(self, tokens: list[Token], field: str | None, ents: EntIndex | None = None) -> list[Match]:
        """First pass when `ents` is None, else the second pass over those entities."""
        index = self.first if ents is None else self.second
        ents = ents or {}
        # starts worth trying for anchored rules: within reach before an anchor token
        starts: dict[int, list[CompiledRule]] = {}
        anchored = [a for a in index.anchored if a.rule.rule.applies_to(field)]
        for a, pos in zip(anchored, index.anchor_positions(anchored, tokens)):
            last = -1
            for p in pos:
                for i in range(max(p - a.hi, last + 1, 0), p - a.lo + 1):
                    starts.setdefault(i, []).append(a.rule)
                last = max(last, p - a.lo)
        out: list[Match] = []
        start_texts, start_kinds = index.start_texts, index.start_kinds
        for i, tok in enumerate(tokens):
            if tok.kind == "space" or (tok.norm not in start_texts and tok.kind not in start_kinds
                                       and i not in starts and i not in ents):
                continue
            todo = index.starting_at(tokens, i)
            if i in starts:
                todo.append(starts[i])
            if i in ents:
                todo.append(index.by_ent)
            seen: set[int] = set()
            for group in todo:
                for cr in group:
                    if id(cr) in seen or not cr.rule.applies_to(field):
                        continue
                    if cr.steps[0].ent is not None and not cr.may_start(tokens, i, ents):
                        continue
                    seen.add(id(cr))
                    m = _match_at(cr, tokens, i, ents)
                    if m is not None:
                        out.append(m)
        return out


def _match_at(cr: CompiledRule, tokens: list[Token], i: int, ents: EntIndex) -> Match | None:
    n = len(tokens)
    reach: dict[int, int] = {i: i}
    trail: list[dict[int, int]] = []
    chosen: dict[tuple[int, int], Match] = {}   # (step, end) → the entity an ENT step took
    for k, step in enumerate(cr.steps):
        nxt: dict[int, int] = {}
        test, lo, hi = step.test, step.lo, step.hi
        if step.ent is not None:
            for p in reach:
                for q, em in ents.get(p, ()):
                    if (em.rule.label in step.ent or em.rule.id in step.ent) and q not in nxt:
                        nxt[q] = p
                        chosen[(k, q)] = em
        elif hi == 1:  # the common case: one token, maybe optional
            for p in reach:
                if lo == 0 and p not in nxt:
                    nxt[p] = p
                if p < n and p + 1 not in nxt and test(tokens[p]):
                    nxt[p + 1] = p
        else:
            for p in reach:
                if lo == 0 and p not in nxt:
                    nxt[p] = p
                q = p
                while q - p < hi and q < n and test(tokens[q]):
                    q += 1
                    if q - p >= lo and q not in nxt:
                        nxt[q] = p
        if not nxt:
            return None
        trail.append(nxt)
        reach = nxt
    end = max(reach)
    if end == i:
        return None  # an all-optional pattern that matched nothing
    # walk the back-pointers to find which tokens each step took
    spans: list[tuple[int, int]] = [(0, 0)] * len(cr.steps)
    pos = end
    for k in range(len(cr.steps) - 1, -1, -1):
        prev = trail[k][pos]
        spans[k] = (prev, pos)
        pos = prev
    captures: dict[str, list[Token]] = {}
    core = [(a, b) for (a, b), st in zip(spans, cr.steps) if not st.context and b > a]
    if not core:
        return None
    own = {st.name for st in cr.steps if st.name}
    for k, ((a, b), st) in enumerate(zip(spans, cr.steps)):
        if st.ent is not None and b > a:
            # the entity's parts, unless this pattern captures the same part itself
            for name, toks in chosen[(k, b)].captures.items():
                name += st.ent_suffix
                if name not in own:
                    captures.setdefault(name, []).extend(toks)
        if st.name and b > a:
            captures.setdefault(st.name, []).extend(tokens[a:b])
    return Match(cr.rule, i, end, core[0][0], core[-1][1], captures, tokens[core[0][0]:core[-1][1]])
