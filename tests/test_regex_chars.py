"""The regex prefilter of token classes (engine/regex_chars.py) never leaves out a regex
that matches: checked on words generated from each regex, and on random words."""
import re

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from minsheng_ie import default_extractor
from minsheng_ie.engine.regex_chars import RegexFilter

BUNDLED = [rx.pattern for _, rx in default_extractor().matcher.classes._regexes]
# the constructs the reading follows, and those it reads as "any character"
TRICKY = [
    r"(?<=[0-9])万|亿(?!元)", r"\b[a-z]+\b", r"(a|)b?c*", r"(?:x{0}|y)z", r"([一二])\1",
    r"(?i)[a-z]+井", r"(?i:ab)c", r"[^0-9]+", r"[^\d]+点", r"\d+(?:\.\d+)?%", r"\w+", r".{2,3}",
    r"(?P<n>[0-9])(?(n)元|角)", r"(?>[0-9]+)号", r"[0-9]++年", r"[0-9]{1,3}?\.", r"^$", r"x*",
    r"[\u3400-\u9fff]{1,6}(省|市)", r"[^\u3400-\u9fff]", r"(?s)[0-9]+", r"a|\s",
]
PATTERNS = BUNDLED + TRICKY
FILTER = RegexFilter([re.compile(p) for p in PATTERNS])
ALPHABET = sorted({c for p in PATTERNS for c in p if not c.isascii()} | set("0123456789.%abcxyzAB 元角号点年万亿"))


def assert_kept(word: str) -> None:
    maybe = FILTER.candidates(word)
    for i, p in enumerate(PATTERNS):
        if re.fullmatch(p, word):
            assert maybe >> i & 1, (p, word)


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=60)
@given(data=st.data())
def test_words_a_regex_matches_are_kept(pattern, data):
    assert_kept(data.draw(st.from_regex(pattern, fullmatch=True)))


@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=8))
def test_random_words_are_kept(word):
    assert_kept(word)


def test_most_words_ask_no_regex():
    """The point of it: a plain word or a long number is asked no bundled regex."""
    bundled = (1 << len(BUNDLED)) - 1
    for word in ("上学", "不断完善", "1095.89万", "VOCs"):
        assert FILTER.candidates(word) & bundled == 0, word
