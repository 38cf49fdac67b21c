"""Helpers of the generated subject tests (test_subject_structures.py,
test_subject_lists_and_carries.py): numbers written as reports write them, and what the
extractor attaches to each figure."""
import random

import cn2an

from minsheng_ie import default_extractor


def written(n: int, rng: random.Random) -> str:
    """A number as reports write it: digits, or Chinese numerals by cn2an's writer."""
    return str(n) if rng.random() < 0.5 else cn2an.an2cn(n)


def figures(text: str) -> dict[str, tuple[str | None, str | None]]:
    """Each QUANTITY and PERCENT of `text`, by its surface: (its subject's text, its kind)."""
    out = {}
    for e in default_extractor().extract(text).entities:
        if e.label in ("QUANTITY", "PERCENT"):
            d = e.to_dict()
            out[d["text"]] = ((d.get("subject") or {}).get("text"), d.get("kind"))
    return out


def subjects(text: str) -> dict[str, str | None]:
    """Each figure's subject text, by the figure's surface."""
    return {figure: subject for figure, (subject, _) in figures(text).items()}


def cases(n: int, make) -> list:
    return [make(i) for i in range(n)]
