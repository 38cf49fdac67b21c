"""Responsible units: Simplified name, role from a cue word, gazetteer canonical name."""
from __future__ import annotations

from rapidfuzz import fuzz, process

from ...core.lexicon import Lexicon
from ..normalize import keep_width
from .context import Context


def org(m, ctx: Context) -> dict | None:
    caps = m.captures
    # the value is the span in Simplified script; full-width brackets stay as written
    name = keep_width("".join(t.text for t in m.tokens_core), "".join(t.norm for t in m.tokens_core))
    role = ctx.lex_value("role_cue", caps.get("role")) or ctx.lex_value("role_cue_after", caps.get("role_after"))
    out: dict = {"value": name, "role": role}
    agency = caps.get("agency")
    out["canonical"] = ctx.canonical("agency", agency) if agency else None
    if out["canonical"] is None:
        out["canonical"] = _fuzzy(name, ctx.lexicons["agency"])
    return out


def _fuzzy(name: str, lexicon: Lexicon) -> str | None:
    """The gazetteer entry whose short form best matches inside the name (rapidfuzz)."""
    found = lexicon.fuzzy_found
    if name not in found:
        best = process.extractOne(name, fuzzy_candidates(name, lexicon), scorer=fuzz.partial_ratio,
                                  score_cutoff=90)
        if len(found) > 65536:
            found.clear()
        found[name] = lexicon.forms[best[0]].canonical if best else None
    return found[name]


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
