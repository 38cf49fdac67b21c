"""Does a piece of text look like a list of responsible units (区人社局、退役军人事务局)?
Told from the endings of the bundled agency lexicons, for cells and name tails that carry
no label."""
from __future__ import annotations

import re
from functools import lru_cache

from ..engine.normalize import normalize
from ..loading.resources import bundled_lexicon


@lru_cache(maxsize=1)
def _org_endings() -> tuple[frozenset[str], int]:
    """Agency names, agency endings and collectives from the bundled org lexicons."""
    forms: set[str] = set()
    for name in ("agency", "agency_suffix", "collective", "collective_head"):
        forms |= set(bundled_lexicon("orgs.yaml", name).forms)
    return frozenset(forms), max(map(len, forms))


def looks_like_orgs(s: str) -> bool:
    """A list of units: every part ends like an agency."""
    endings, longest = _org_endings()
    parts = [p for p in re.split(r"[、,，\s]+", normalize(s)) if p]
    return bool(parts) and all(
        len(p) <= 16 and any(p[-k:] in endings for k in range(1, min(longest, len(p)) + 1)) for p in parts)
