"""The matcher's forward walk takes each repeat step's ends in one scan (starts come
farthest first, each scanning only up to the previous one); it must find the same match,
step by step, as the plain walk that scans from every start, farthest first (so where
several paths reach a token, the earlier steps took the most: greedy)."""
import hypothesis.strategies as st
from hypothesis import given

from minsheng_ie.engine.matcher import CompiledRule, Step, _walk
from minsheng_ie.engine.rule import Rule

RULE = Rule("test.walk", "ORG", 1, "org", [], None, frozenset(), {}, {}, (), None, "test")


def plain_walk(cr: CompiledRule, masks: list[int], i: int):
    """The (start, end) each step took in the longest match from i, scanning every start."""
    n = len(masks)
    reach = {i: i}
    trail = []
    for k, step in enumerate(cr.steps):
        nxt: dict[int, int] = {}
        for p in sorted(reach, reverse=True):
            if step.lo == 0 and p not in nxt:
                nxt[p] = p
            q = p
            while q - p < step.hi and q < n and masks[q] & cr.bits[k]:
                q += 1
                if q - p >= step.lo and q not in nxt:
                    nxt[q] = p
        if not nxt:
            return None
        trail.append(nxt)
        reach = nxt
    end = max(reach)
    if end == i:
        return None
    spans = []
    for nxt in reversed(trail):
        spans.append((nxt[end], end))
        end = nxt[end]
    return spans[::-1]


steps = st.lists(st.tuples(st.sampled_from([0, 1, 2]), st.sampled_from([1, 2, 3, 5, 32]), st.integers(0, 2)),
                 min_size=1, max_size=4)


@given(steps, st.lists(st.integers(0, 7), max_size=40), st.data())
def test_walk_equals_the_plain_walk(spec, masks, data):
    cr = CompiledRule(RULE, [], [Step(((),), lo, max(lo, hi), None, False) for lo, hi, _ in spec],
                      [1 << b for _, _, b in spec])
    i = data.draw(st.integers(0, len(masks)))
    found = _walk(cr, list(range(len(masks))), masks, i, {}, lambda m: True)   # token t: class t
    assert (found[0] if found else None) == plain_walk(cr, masks, i)
