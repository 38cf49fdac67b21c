"""Responsible units: Simplified name, role from a cue word, gazetteer canonical name."""
from __future__ import annotations

from rapidfuzz import fuzz, process

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


_cache: dict[tuple[int, str], str | None] = {}


def _fuzzy(name: str, lexicon) -> str | None:
    """The gazetteer entry whose short form best matches inside the name (rapidfuzz)."""
    key = (id(lexicon), name)
    if key not in _cache:
        forms = [f for f in lexicon.forms if len(f) >= 2]
        best = process.extractOne(name, forms, scorer=fuzz.partial_ratio, score_cutoff=90)
        if len(_cache) > 65536:
            _cache.clear()
        _cache[key] = lexicon.forms[best[0]].canonical if best else None
    return _cache[key]
