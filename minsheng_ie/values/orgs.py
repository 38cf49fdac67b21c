"""Responsible units: Simplified name, role from a cue word, gazetteer canonical name."""
from __future__ import annotations

from rapidfuzz import fuzz, process

from ..lexicons import Lexicon
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
        best = process.extractOne(name, lexicon.fuzzy_forms, scorer=fuzz.partial_ratio, score_cutoff=90)
        if len(found) > 65536:
            found.clear()
        found[name] = lexicon.forms[best[0]].canonical if best else None
    return found[name]
