"""Responsible units: Simplified name, role from a cue word, gazetteer canonical name."""
from __future__ import annotations

from rapidfuzz.distance import Levenshtein

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
    alias in brackets (县委老干部局 → 老干部局, 市发改委(代建办) → 发改委); else the longest form
    of four characters or more that ends the name with one character changed, added or left
    out (市住房城乡建设局 → 住房和城乡建设局). A form found only inside the name names another
    body (…改革工作领导小组办公室 is not 巡察工作领导小组办公室) and gives none."""
    base = name.split("(", 1)[0] or name
    for k in range(len(base) - 1):
        entry = lexicon.forms.get(base[k:])
        if entry is not None:
            return entry.canonical
    found = lexicon.fuzzy_found
    if base not in found:
        form = near_form(base, fuzzy_candidates(base, lexicon))
        if len(found) > 65536:
            found.clear()
        found[base] = lexicon.forms[form].canonical if form else None
    return found[base]


def near_form(name: str, forms: list[str]) -> str | None:
    """The longest of `forms` (four characters or more) that the end of `name` spells with
    at most one character changed, added or left out; the first in order on a tie."""
    best = None
    for form in forms:
        n = len(form)
        if n >= 4 and (best is None or n > len(best)) and any(
                Levenshtein.distance(form, name[-k:]) <= 1 for k in (n - 1, n, n + 1) if k <= len(name)):
            best = form
    return best


def fuzzy_candidates(name: str, lexicon: Lexicon) -> list[str]:
    """The forms that share a pair of adjacent characters with `name`, in lexicon order:
    a form of four characters or more within one edit of a part of the name keeps one of
    its pairs whole. tests/test_fuzzy_candidates.py checks that near_form finds the same
    form among these as among all forms."""
    forms = lexicon.fuzzy_forms
    if len(name) < 2:
        return forms
    index = lexicon.fuzzy_bigrams
    near = {i for k in range(len(name) - 1) for i in index.get(name[k:k + 2], ())}
    return [forms[i] for i in sorted(near)]
