"""Does a piece of text look like a list of responsible units (区人社局、退役军人事务局)?
Told from the endings of the bundled agency lexicons, for cells and name tails that carry
no label."""
from __future__ import annotations

import re
from functools import lru_cache

from ..engine.normalize import normalize
from ..loading.resources import bundled_lexicon
from .measures import has_quantity


@lru_cache(maxsize=1)
def _org_endings() -> tuple[frozenset[str], int]:
    """Agency names, agency endings and collectives from the bundled org lexicons."""
    forms: set[str] = set()
    for name in ("agency", "agency_suffix", "collective", "collective_head"):
        forms |= set(bundled_lexicon("orgs.yaml", name).forms)
    return frozenset(forms), max(map(len, forms))


def looks_like_orgs(s: str) -> bool:
    """A list of units: every part ends like an agency, and none holds a figure (10个)."""
    endings, longest = _org_endings()
    parts = [p for p in re.split(r"[、,，\s]+", normalize(s)) if p]
    return bool(parts) and not has_quantity(s) and all(
        len(p) <= 16 and any(p[-k:] in endings for k in range(1, min(longest, len(p)) + 1)) for p in parts)


@lru_cache(maxsize=1)
def _role_words() -> tuple[tuple[str, str], ...]:
    """Role words written after units (牵头, 配合 …) → the field of the units before them."""
    forms = bundled_lexicon("orgs.yaml", "role_cue_after").forms
    return tuple(sorted(((f, "responsible" if e.value == "lead" else "support") for f, e in forms.items()),
                        key=lambda p: -len(p[0])))


_CHUNK = re.compile(r"[^,，;；]+")


def units_with_roles(norm: str, s: int, e: int) -> list[tuple[str, int, int]] | None:
    """norm[s:e] as lists of units with their fields — '县卫健局牵头，县医保局、县财政局配合' →
    [(responsible, …), (support, …)] — or None when it is not only units. Units with no
    role word after them are the responsible ones."""
    out = []
    for m in _CHUNK.finditer(norm, s, e):
        cs, ce = m.start(), m.end()
        chunk = norm[cs:ce].strip()
        if not chunk:
            continue
        fld = "responsible"
        for word, role in _role_words():
            if chunk.endswith(word):
                fld, ce = role, norm.rindex(word, cs, ce)
                break
        if not looks_like_orgs(norm[cs:ce]):
            return None
        out.append((fld, cs, ce))
    return out or None


def has_role_word(norm: str, s: int, e: int) -> bool:
    """Does a unit list in norm[s:e] say a role after a unit (县卫健局牵头, B配合)?"""
    return any(norm[m.start():m.end()].strip().endswith(word)
               for m in _CHUNK.finditer(norm, s, e) for word, _ in _role_words())
