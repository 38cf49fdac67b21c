"""Responsible units: Simplified name, role from a cue word, gazetteer canonical name."""
from __future__ import annotations

from rapidfuzz import fuzz, process

from ...core.lexicon import Lexicon
from ..normalize import keep_width
from .context import Context


def org(m, ctx: Context) -> dict | None:
    caps = m.captures
    norm = "".join(t.norm for t in m.tokens_core)
    # the value is the span in Simplified script; full-width brackets stay as written
    name = keep_width("".join(t.text for t in m.tokens_core), norm)
    role = ctx.lex_value("role_cue", caps.get("role")) or ctx.lex_value("role_cue_after", caps.get("role_after"))
    return {"value": name, "role": role, "canonical": _canonical(norm, ctx.lexicons["agency"])}


def _canonical(name: str, lexicon: Lexicon) -> str | None:
    """The gazetteer entry of the unit: the longest form the name ends with, before an
    alias in brackets (县委老干部局 → 老干部局, 市发改委(代建办) → 发改委); else the form
    that matches best inside it (rapidfuzz), if it names the same kind of body (same last
    character: 区文化广电和旅游体育局 → 文化和旅游局, never 区水投 → anything)."""
    base = name.split("(", 1)[0] or name
    for k in range(len(base) - 1):
        entry = lexicon.forms.get(base[k:])
        if entry is not None:
            return entry.canonical
    found = lexicon.fuzzy_found
    if base not in found:
        best = process.extractOne(base, fuzzy_candidates(base, lexicon), scorer=fuzz.partial_ratio,
                                  score_cutoff=90)
        if len(found) > 65536:
            found.clear()
        found[base] = lexicon.forms[best[0]].canonical if best and best[0][-1] == base[-1] else None
    return found[base]


def fuzzy_candidates(name: str, lexicon: Lexicon) -> list[str]:
    """The forms that can reach partial_ratio 90 with `name`, in lexicon order (so ties
    resolve as over all forms). Both have two characters or more, and a score of 90
    leaves at most one character out of line in the aligned window: the two then share
    a pair of adjacent characters. tests/test_fuzzy_candidates.py checks this."""
    forms = lexicon.fuzzy_forms
    if len(name) < 2:
        return forms
    index = lexicon.fuzzy_bigrams
    near = {i for k in range(len(name) - 1) for i in index.get(name[k:k + 2], ())}
    return [forms[i] for i in sorted(near)]
