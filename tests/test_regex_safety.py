"""The regex check of rule files (loading/regex_safety.py): what backtracks badly is
refused, what it accepts runs in linear time, and its dependence on CPython's private
regex parser is watched."""
import re

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from minsheng_ie import default_extractor
from minsheng_ie.loading import regex_safety
from minsheng_ie.loading.regex_safety import check_regex_safe

from .watchdog import run_guarded

# the three, and the classic shapes of catastrophic backtracking
HOSTILE = [r"(\d\d?)+[05]", r"\d*\d*\d*\d*\d*[05]", r"(\d{1,16}){1,16}[05]", r"(a+)+b", r"(a|a)+b",
           r"(a|ab)*c", r"(\d+)*$", r"(x+x+)+y", r"(.*a){12}", r"(\w+\s?)+\$", r"(.*){1,32000}[bc]",
           r"^(([a-z])+.)+[A-Z]([a-z])+$", r"\d+0*\d+", r"\d*[05]\d*", r"\w+年\w+", r"\d*?\d*",
           r"[a-z]{0,2000}[a-z]{0,2000}", r"(?i)a*A*", r"(?i:a)*A*", r"(a*)*", r"(a?)+", r"(?:a|b|ab)+",
           r"(\d+\.?)+", r"(?=a)a", r"(a)\1"]
# linear, and refused by nothing (they are how token regexes are written)
SAFE = [r"\d+年\d+", r"\d*\.\d*", r"(,\d{3})+", r"\d*[05]", r"\d+(?:\.\d+)?%", r"[A-Z]+\d+",
        r"\d{1,3}(?:,\d{3})*", r"[0-9]+(?:\.[0-9]+)*", r"\d*\d{0,16}", r"(?:a+b)+", r"第[一二三四五六七八九十]+批"]
BUNDLED = sorted({spec["REGEX"] for r in default_extractor().rules for spec in r.pattern if "REGEX" in spec})


@pytest.mark.parametrize("pattern", HOSTILE)
def test_backtracking_patterns_refused(pattern):
    with pytest.raises(ValueError, match="backtrack|not allowed|ways"):
        check_regex_safe(pattern)


@pytest.mark.parametrize("pattern", SAFE + BUNDLED)
def test_linear_patterns_accepted(pattern):
    check_regex_safe(pattern)


def test_cpython_parser_still_understood():
    """The check reads the parse trees of `re._parser`, a private module. If this fails,
    CPython changed it: the stricter text check is in use (refusing some safe patterns);
    update regex_safety._parser and _Checker to the new parse trees."""
    assert regex_safety.PARSER is not None, (
        "CPython's re._parser is missing or changed shape: check_regex_safe fell back to its text check")


@pytest.mark.parametrize("pattern", HOSTILE)
def test_fallback_refuses_what_the_parser_check_refuses(pattern):
    with pytest.raises(ValueError):
        regex_safety._check_text(pattern)


@pytest.mark.parametrize("pattern", BUNDLED)
def test_fallback_accepts_the_bundled_patterns(pattern):
    regex_safety._check_text(pattern)


def test_fallback_takes_over_when_the_parser_is_gone(monkeypatch):
    monkeypatch.setattr(re, "_parser", None, raising=False)
    assert regex_safety._parser() is None
    monkeypatch.setattr(regex_safety, "PARSER", None)
    with pytest.raises(ValueError, match="more than one unbounded"):
        check_regex_safe(r"\d*\d*[05]")
    check_regex_safe(r"[0-9]{1,2}")


# ---------------------------------------------------------------- accepted means linear

_ATOMS = ["a", "b", "0", r"\d", "[ab]", "[a0]", ".", "[^a]", r"\w"]
_QUANTS = ["", "", "?", "*", "+", "*?", "{0,3}", "{1,2}", "{2}", "{0,40}"]


def _regexes(depth=0):
    atom = st.tuples(st.sampled_from(_ATOMS), st.sampled_from(_QUANTS)).map("".join)
    if depth < 2:
        group = st.tuples(st.lists(st.deferred(lambda: _regexes(depth + 1)), min_size=1, max_size=3),
                          st.sampled_from(_QUANTS)).map(lambda t: "(?:" + "|".join(t[0]) + ")" + t[1])
        atom = st.one_of(atom, group)
    return st.lists(atom, min_size=1, max_size=4).map("".join)


def _accepted(pattern):
    try:
        check_regex_safe(pattern)
    except ValueError:
        return False
    return True


# one child process checks 50 patterns: 150 in the default profile, 100,000 in the long one
@settings(max_examples=max(1, settings().max_examples // 50))
@given(st.lists(_regexes(), min_size=50, max_size=50))
def test_accepted_patterns_run_in_linear_time(patterns):
    """Every accepted pattern, on runs of 20,000 of one character (then a stranger) and of
    two alternating, which is what makes ambiguous patterns explode: those of 50 random
    patterns that pass, together within 2 s of CPU (a quadratic one alone would take
    minutes)."""
    patterns = [p for p in patterns if _accepted(p)]
    out = run_guarded("import re", f"""
        for p in {patterns!r}:
            rx = re.compile(p)
            for s in ("a" * 20000, "0" * 20000, "ab" * 10000, "a0" * 10000):
                rx.fullmatch(s)
                rx.fullmatch(s + "x")
        return True""", cpu_seconds=2, megabytes=512)
    assert out.status == "ok", f"{patterns}: {out}"


# ---------------------------------------------------------------- the package's own regexes

def _package_patterns():
    """Every compiled regex of the package: module patterns, the patterns its cached
    builders return, and the tokenizer's atom pattern."""
    import functools
    import importlib
    import inspect
    import pkgutil

    import minsheng_ie
    found = {}
    for info in pkgutil.walk_packages(minsheng_ie.__path__, "minsheng_ie."):
        if info.name.startswith("minsheng_ie._rules") or info.name.endswith(("cli", "spacy_component")):
            continue
        mod = importlib.import_module(info.name)
        for name, obj in vars(mod).items():
            if isinstance(obj, functools._lru_cache_wrapper) and obj.__module__ == mod.__name__:
                obj = obj() if not inspect.signature(obj.__wrapped__).parameters else None
            if isinstance(obj, re.Pattern) and isinstance(obj.pattern, str):
                found[f"{info.name}.{name}"] = obj.pattern
    found["tokenizer atoms"] = default_extractor().tokenizer._atoms.pattern
    return found


PACKAGE_PATTERNS = _package_patterns()


@pytest.mark.parametrize("name", sorted(PACKAGE_PATTERNS))
def test_package_regexes_are_linear(name):
    """The code's own regexes meet the rule files' bar (lookarounds allowed): no pattern on
    the text or document path can be made to backtrack (the as-of label regex took 19 s on
    截至 + 2,000 blanks)."""
    check_regex_safe(PACKAGE_PATTERNS[name], lookarounds=True)
