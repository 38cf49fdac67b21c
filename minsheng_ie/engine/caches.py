"""The word caches of the tokenizer and the matcher, bounded in bytes rather than entries.

Words repeat, so how a word is cut and which token tests it passes are remembered. An
attacker's words do not: a run of one numeral once stored every prefix of itself (600 MB
for 33,333 characters), and distinct long tokens would fill any count of entries. So each
cache spends a byte budget, an entry costing an estimate of its key and value; past the
budget, words are worked out afresh each time (the same answers, more slowly), and a word
longer than MAX_WORD is never stored (no report repeats one)."""
from __future__ import annotations

CACHE_BYTES = 64 * 2 ** 20   # per cache: several hundred thousand words of a report archive
MAX_WORD = 64                # characters


def entry_bytes(word: str) -> int:
    """What storing `word` costs: the str (up to 4 bytes a character), the dict slot and
    the value (a tuple or an int), rounded up."""
    return 200 + 4 * len(word)
