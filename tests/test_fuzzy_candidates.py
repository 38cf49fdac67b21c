"""Fuzzy agency matching compares a name only with the gazetteer forms that share a pair
of adjacent characters with it: the form found must be the one found over all forms."""
import random

from minsheng_ie import default_extractor
from minsheng_ie.engine.values.orgs import fuzzy_candidates, near_form

LEXICON = default_extractor().lexicons["agency"]
FORMS = LEXICON.fuzzy_forms
CHARS = sorted(set("".join(FORMS)) | set("市区县镇街道办事处委员会局中心站所队"))


def _names(n: int, seed: int):
    rnd = random.Random(seed)
    for _ in range(n):
        if rnd.random() < 0.5:   # a form inside a name, often with a character changed or lost
            name = ("".join(rnd.choice(CHARS) for _ in range(rnd.randrange(4))) + rnd.choice(FORMS)
                    + "".join(rnd.choice(CHARS) for _ in range(rnd.randrange(4))))
            if rnd.random() < 0.5:
                i = rnd.randrange(len(name))
                name = name[:i] + rnd.choice(CHARS) + name[i + 1:]
            if rnd.random() < 0.3:
                i = rnd.randrange(len(name))
                name = name[:i] + name[i + 1:]
            yield name
        else:
            yield "".join(rnd.choice(CHARS) for _ in range(rnd.randrange(1, 14)))


def test_candidates_give_the_same_form_as_all_forms():
    matched = 0
    for name in _names(4000, seed=11):
        full = near_form(name, FORMS)
        assert near_form(name, fuzzy_candidates(name, LEXICON)) == full, name
        matched += full is not None
    assert matched > 200   # the sample does come near a form often
