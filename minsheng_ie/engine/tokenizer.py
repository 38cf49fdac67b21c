"""Tokens for the rules: numbers found on characters, words found by a segmenter.

Segmenters split numbers badly (jieba cuts "23,876" at the comma; spaCy's default zh
tokenizer cuts "1.72万亿" into characters), so numbers, multipliers, 余/多 and % are
recognised with one linear regex first; only the text between them is segmented.
Chinese numerals are left to the segmenter, which knows 统一 or 一体化 are words, and a
segmented word that *starts* with a numeral is split when the rest is a word rules know
(一台 → 一|台, 十余类 → 十|余|类, 二季度 → 二|季度). Lexicon words (units, cues, agency
names) are added to the segmenter's user dictionary so tokens line up with the rules.
Last, the pieces a number was left in are joined into one token (_join_numbers), so the
rules and cn2an see every written number whole.
"""
from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any, Callable, ClassVar, Iterable, Iterator, Protocol

import regex

from ..core.lexicon import Lexicon
from .numerals import MAX_NUMBER, NUMERAL_CHARS, is_numeral

# the characters a segmenter word may begin with that make it a number to peel off
# (一台 → 一|台); 参 and 陆 begin words (参与, 陆续), so they count only inside a numeral
CN_DIGITS = "零〇一二三四五六七八九两俩壹贰叁肆伍柒捌玖廿卅卌"   # 廿卅卌: 20, 30, 40 (廿一日, 卅日)
CN_SCALES = "十百千万亿拾佰仟"
_CN_NUMERAL_CHARS = CN_DIGITS + CN_SCALES
_CN_NUMERAL = re.compile(f"[{_CN_NUMERAL_CHARS}]+")
_PIECE_CHARS = NUMERAL_CHARS + "0123456789.,"
# before a minus sign that makes a number negative (-3.8%, 为-5): not after a number, a
# unit or a range (3-4个, 5月-6月, 1万元--5万元)
_SIGN_AFTER = "(:,;="
_NO_START = "点百佰千仟万亿"   # no number begins with these (近百户 is told by the word before)
# format characters, marks, variation selectors: invisible or joined to the character before,
# they may stand inside a number (3\u200b0万元) or a word, and are read past (every mark,
# spacing ones too: Unicode versions move some between Mn and Mc)
_INVISIBLE = regex.compile(r"[\p{Cf}\p{M}]+")
_MARKER_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2}|(?:19|20)[0-9]{2})")
_NUM_LETTERS = re.compile(r"([0-9]+)([A-Za-z].*)")
# lexicons read by name (others by their flags: follows_number, splits_words …)
LEXICONS_READ = frozenset({"multiplier", "approx_inner", "unit", "fixed_phrase", "numeral_place", "date_unit"})
AFTER_NUMBER, BEFORE_MAGNITUDE = 1, 2   # what a token tells the word after it
_ATOM_KIND = {"space": "space", "punct": "punct", "approx": "word", "mult": "word", "degree": "word"}


class Token:
    # A plain class, not a dataclass: compiled, its own __init__ is native code, while a
    # dataclass's generated __init__ would run as Python for every token.
    __slots__ = ("text", "norm", "start", "end", "kind", "cls")

    def __init__(self, text: str, norm: str, start: int, end: int, kind: str, cls: int):
        self.text = text      # the original characters (offsets are into the original text)
        self.norm = norm      # the same characters normalised (Simplified, half-width)
        self.start = start
        self.end = end
        self.kind = kind      # num | cnum | alnum | word | punct | space
        self.cls = cls        # the matcher's class for (norm, kind): which token tests it passes

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end}, {self.kind})"


class Segmenter(Protocol):
    def cut(self, text: str) -> Iterable[str]: ...

    # the words of several texts in one list, a newline after each text's words
    def cut_many(self, texts: list[str]) -> list[str]: ...

    def has_word(self, word: str) -> bool: ...  # in the segmenter's dictionary?


class JiebaSegmenter:
    """jieba with its own dictionary instance, so the user's global jieba is untouched."""

    def __init__(self, words: dict[str, int]):
        import logging

        import jieba
        jieba.setLogLevel(logging.WARNING)
        self._tok = jieba.Tokenizer()
        self._tok.initialize()
        for w, freq in words.items():
            old = self._tok.FREQ.get(w, 0)
            self._tok.add_word(w, freq)
            # a word jieba knows changes the dictionary's total by its new frequency less
            # its old one, as in rjieba: the totals, and so the tokens, stay the same
            self._tok.total -= old

    def has_word(self, word: str) -> bool:
        return self._tok.FREQ.get(word, 0) > 0

    def cut(self, text: str) -> Iterable[str]:
        # HMM off: unknown words come out as single characters, never glued to a
        # neighbouring prefix (由市|交通局 would hide 市交通局 from the rules)
        return self._tok.cut(text, HMM=False)

    def cut_many(self, texts: list[str]) -> list[str]:
        return _cut_joined(self.cut, texts)


class RJiebaSegmenter:
    """rjieba: jieba's dictionary and algorithm in Rust, an order of magnitude faster."""

    def __init__(self, words: dict[str, int]):
        import rjieba
        self._jieba = rjieba.Jieba()
        for w, freq in words.items():
            self._jieba.add_word(w, freq, None)

    def has_word(self, word: str) -> bool:
        return self._jieba.has_word(word)

    def cut(self, text: str) -> Iterable[str]:
        return self._jieba.cut(text, False)

    def cut_many(self, texts: list[str]) -> list[str]:
        return _cut_joined(self.cut, texts)


class SpacySegmenter:
    """spaCy's Chinese tokenizer with segmenter 'jieba' or 'pkuseg' (model directory given)."""

    # spaCy keeps every string it has seen in its vocabulary, for good: past this many the
    # tokenizer is built afresh, so a long-running process does not grow with its texts
    MAX_STRINGS: ClassVar[int] = 1_000_000

    def __init__(self, words: dict[str, int], segmenter: str, pkuseg_model: str | Path | None):
        if segmenter == "pkuseg" and pkuseg_model is None:
            raise ValueError("segmenter 'pkuseg' needs pkuseg_model: a spacy_pkuseg model directory")
        if segmenter != "pkuseg":
            import jieba
            for w, freq in words.items():
                jieba.add_word(w, freq)
        self._segmenter, self._pkuseg_model = segmenter, pkuseg_model
        self._user_words = sorted(w for w, f in words.items() if f > 1)
        self._words = set(words)
        self._nlp = self._build()

    def _build(self) -> Any:   # a spacy Language
        import spacy
        cfg = {"nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": self._segmenter}}}
        nlp = spacy.blank("zh", config=cfg)
        if self._segmenter == "pkuseg":
            nlp.tokenizer.initialize(pkuseg_model=str(self._pkuseg_model))  # type: ignore[union-attr]
            nlp.tokenizer.pkuseg_update_user_dict(self._user_words)  # type: ignore[union-attr]
        return nlp

    def has_word(self, word: str) -> bool:
        return word in self._words

    def cut(self, text: str) -> Iterable[str]:
        words = [t.text for t in self._nlp.tokenizer(text)]
        if len(self._nlp.vocab.strings) > self.MAX_STRINGS:
            self._nlp = self._build()
        return words

    def cut_many(self, texts: list[str]) -> list[str]:
        return [w for t in texts for w in [*self.cut(t), "\n"]]


def _is_piece(t: Token) -> bool:
    """A token that is (part of) a written number: digits, numerals, scales, 点, 负."""
    return t.kind in ("num", "cnum") or (t.kind == "word" and not t.norm.strip(_PIECE_CHARS))


def _cut_joined(cut, texts: list[str]) -> list[str]:
    """One call for many texts: jieba cuts text on either side of a newline on its own
    (the newline is a word by itself), so joining on newlines changes no word. The texts
    here never hold a newline: whitespace is cut out before segmenting."""
    return [*cut("\n".join(texts)), "\n"]


SEGMENTERS = ("jieba", "jieba-py", "rjieba", "spacy-jieba", "spacy-pkuseg")


def make_segmenter(name: str, words: dict[str, int], pkuseg_model: str | Path | None = None) -> Segmenter:
    """'jieba' is jieba's dictionary and algorithm: run by rjieba (its Rust port, same
    tokens — tests/test_segmenters.py checks it on all gold texts) when that is installed,
    else by the Python jieba, which 'jieba-py' always uses."""
    if name == "jieba":
        try:
            return RJiebaSegmenter(words)
        except ImportError:
            return JiebaSegmenter(words)
    if name == "jieba-py":
        return JiebaSegmenter(words)
    if name == "rjieba":
        return RJiebaSegmenter(words)
    if name in ("spacy-jieba", "spacy-pkuseg"):
        return SpacySegmenter(words, name.split("-", 1)[1], pkuseg_model)
    raise ValueError(f"unknown segmenter {name!r}: use one of {', '.join(SEGMENTERS)}")


class Tokenizer:
    MAX_SPLITS = 500_000   # words whose cuts are remembered
    def __init__(self, lexicons: dict[str, Lexicon], classify: Callable[[str, str], int],
                 segmenter: str = "jieba", pkuseg_model: str | Path | None = None,
                 pattern_words: Iterable[str] = ()):
        """`classify`: (norm, kind) → the token's class for the matcher (kept with the
        word's cut, so a known word is classified once). `pattern_words`: the TEXT/IN
        strings of rule patterns; like lexicon words they must come out of the segmenter
        as whole tokens."""
        self._classify = classify
        after = {f for lex in lexicons.values() if lex.follows_number for f in lex.forms}
        self._after_number = after
        pattern_words = set(pattern_words)
        self._known = {f for lex in lexicons.values() for f in lex.forms} | pattern_words
        self._multipliers = set(lexicons["multiplier"].forms) if "multiplier" in lexicons else set()
        self._approx = set(lexicons["approx_inner"].forms) if "approx_inner" in lexicons else set()
        self._numberish = self._approx | self._multipliers   # words that end a number
        self._splitting = {f for lex in lexicons.values() if lex.splits_words for f in lex.forms}
        self._before_magnitude = {f for lex in lexicons.values() if lex.precedes_magnitude for f in lex.forms}
        self._units = set(lexicons["unit"].forms) if "unit" in lexicons else set()
        self._unit_heads = {u[:k] for u in self._units for k in range(1, len(u))}   # 个 of 个月
        # set phrases are never cut, though they begin with a number and a unit (一度, 一次性)
        # and place names that begin so (六安, 三台县)
        self._whole = {f for name in ("fixed_phrase", "numeral_place") if name in lexicons
                       for f in lexicons[name].forms}
        self._latin_units = {f for f in self._units if f[0].isascii() and f[0].isalpha()}   # cm, m2, m²
        self._date_units = set(lexicons["date_unit"].forms) if "date_unit" in lexicons else set()
        # A high frequency makes lexicon words win over dictionary words that would
        # swallow them (区工会 → 区|工会, 今年以来 → 今年|以来).
        forms = {f for lex in lexicons.values() if lex.segment and not lex.rare for f in lex.forms} | pattern_words
        words = {f: 100000 for f in forms if len(f) > 1 and not f.isascii()}
        # 今年末 as one word, or the segmenter cuts 今|年末 (splits_words cuts it again)
        for lex in lexicons.values():
            for other in lex.joins:
                words.update((f + g, 100000) for f in lex.forms for g in lexicons[other].forms)
        # rare words at frequency 0: the segmenter never makes them (at 1 a long one still
        # beats two common words: 占地约 over 占地|约)
        words.update({f: 0 for lex in lexicons.values() if lex.rare for f in lex.forms})
        self._seg = make_segmenter(segmenter, words, pkuseg_model)
        self._lock = threading.Lock()
        self._atoms = self._atom_regex(lexicons)
        # how each word is cut in each context (words repeat, so this is worked out once):
        # the cut, the context it gives the next word, its kind if it stays whole, its class
        self._splits: list[dict[str, tuple[tuple[tuple[int, int, str], ...], int, str | None, int]]] = \
            [{} for _ in range(4)]

    def _atom_regex(self, lexicons: dict[str, Lexicon]) -> re.Pattern[str]:
        """One alternation, no nested quantifiers: linear in the text."""
        mults = sorted(self._multipliers, key=len, reverse=True)
        # a multiplier char that begins a unit (千伏, 千米) is the unit, not a multiplier
        unit_forms = lexicons["unit"].forms if "unit" in lexicons else {}
        mult_alts = []
        for m in mults:
            blockers = sorted({u[len(m)] for u in unit_forms if u.startswith(m) and len(u) > len(m)})
            if m == "百":
                blockers.append("分")
            look = f"(?![{''.join(re.escape(b) for b in blockers)}])" if blockers else ""
            mult_alts.append(re.escape(m) + look)
        approx = "".join(re.escape(a) for a in sorted(self._approx) if len(a) == 1)
        parts = [
            r"(?P<space>\s+)",
            r"(?P<alnum>[A-Za-z][A-Za-z0-9²³]*(?:\.[0-9]+)?|[0-9]+[A-Za-z][A-Za-z0-9²³]*)",   # m², 10hm²
            # thousands grouped with commas (1,236) or single spaces (4 316, 12 350)
            r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?"
            r"|[0-9]{1,3}(?: [0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)*"
            # a decimal that lost its 0 (约.7公里 is 0.7, never 7)
            r"|(?<![0-9.])\.[0-9]+(?![.0-9]))",
            r"(?P<pct>[百佰] ?分 ?之|[%‰])",   # 百分之, spaced out as 百 分 之 in some texts
            r"(?P<degree>°[CF])",   # 39°C: a unit, not punctuation and a letter
            # punctuation is never glued to a word, whatever the segmenter does
            r"(?P<punct>[^\w\s])",
        ]
        if approx:
            parts.append(rf"(?P<approx>(?<=[0-9])[{approx}])")
        if mult_alts:
            parts.append(rf"(?P<mult>(?<=[0-9{approx}])(?:{'|'.join(mult_alts)}))")
        # a lookahead on the characters an atom can begin with lets the engine pass over
        # the Chinese text between atoms without trying every alternative at every char
        firsts = "".join(sorted({m[0] for m in mults} | set("百佰%‰°")))
        begins = rf"(?=[\sA-Za-z0-9{re.escape(firsts)}{approx}]|[^\w\s])"
        return re.compile(f"{begins}(?:{'|'.join(parts)})")

    def tokenize(self, text: str, norm: str) -> list[Token]:
        """Tokens covering every non-space character of `text` (norm is its normalised form)."""
        if _INVISIBLE.search(norm) is None:
            return self._tokenize(text, norm)
        # tokenized without the invisible characters (3\u200b0万元 as 30万元, not 3 and 0万元,
        # a wrong value), each token then spanning them in the text as given
        gone = bytearray(len(norm))
        for m in _INVISIBLE.finditer(norm):
            gone[m.start():m.end()] = b"\1" * (m.end() - m.start())
        keep = [i for i in range(len(norm)) if not gone[i]]
        tokens = self._tokenize("".join(text[i] for i in keep), "".join(norm[i] for i in keep))
        out: list[Token] = []
        for t in tokens:
            s, e = keep[t.start], keep[t.end - 1] + 1
            out.append(Token(text[s:e], t.norm, s, e, t.kind, t.cls))
        return out

    def _tokenize(self, text: str, norm: str) -> list[Token]:
        pieces: list[tuple[int, int, str | None]] = []   # atoms, and the text between (None)
        pos = 0
        for m in self._atoms.finditer(norm):
            s, e = m.span()
            if s > pos:
                pieces.append((pos, s, None))
            pieces.append((s, e, m.lastgroup))
            pos = e
        if pos < len(norm):
            pieces.append((pos, len(norm), None))
        between = [norm[s:e] for s, e, kind in pieces if kind is None]
        if between:
            with self._lock:  # segmenters keep caches that are not documented as thread-safe
                words = iter(self._seg.cut_many(between))
        same = text == norm
        tokens: list[Token] = []
        for s, e, kind in pieces:
            if kind is None:
                self._words(text, norm, same, s, words, tokens)
            elif kind == "num":
                self._number(text, norm, s, e, tokens)
            elif kind == "alnum":
                self._alnum(text, norm, s, e, tokens)
            else:
                t = norm[s:e]
                kind = _ATOM_KIND.get(kind) or ("punct" if e - s == 1 else "word")   # pct: % or 百分之
                tokens.append(Token(t if same else text[s:e], t, s, e, kind, self._classify(t, kind)))
        return self._join_numbers(text, norm, tokens)

    def _join_numbers(self, text: str, norm: str, tokens: list[Token]) -> list[Token]:
        """One token for each written number. Segmenters and atoms leave numbers in pieces
        (壹|佰|贰拾|万, 五百|卅|四, 1|万|600, 三点|五, 7 |万|5 |千, 负|十二); a run of
        pieces becomes one token — the whole run, grammatical or not, so a part of a
        number is never read as a number (四 out of 五百卅四). Spaces join only into a
        grammatical number (7 万5 千 yes; 3万 5个 is two)."""
        out: list[Token] = []
        i, n = 0, len(tokens)
        while i < n:
            t = tokens[i]
            kind = t.kind
            if kind != "num" and kind != "cnum" and (kind != "word" or t.norm[0] not in _PIECE_CHARS) \
                    and t.norm != "-":
                if t.norm in self._units and out and out[-1].kind == "word" and out[-1].end == t.start:
                    out[-1:] = self._peel_number(text, norm, out[-1])   # 共五|CM → 共|五|CM
                out.append(t)   # most tokens: no number begins here
                i += 1
                continue
            if out and out[-1].kind == "word" and out[-1].end == t.start:
                # the segmenter glued the number's first digits to the word before it:
                # 共五|十二万 → 共|五十二万 (else 十二万 alone is read: a wrong value), 共五|亿个
                w = out[-1]
                k = len(w.norm) - len(w.norm.rstrip(NUMERAL_CHARS))
                j = i
                while j < n and _is_piece(tokens[j]) and tokens[j].start == (tokens[j - 1].end if j > i else t.start):
                    j += 1   # the run of pieces that follows (十二点|零)
                head = norm[t.start:tokens[j - 1].end] if j > i else t.norm[0] if t.norm[1:] in self._units else ""
                if 0 < k < len(w.norm) and head and is_numeral(w.norm[-k:] + head):
                    out[-1] = self._token(text, norm, w.start, w.end - k, "word")
                    tokens[i:i] = [self._token(text, norm, w.end - k, w.end, "cnum")]
                    n += 1
                    t = tokens[i]
            if t.norm[0] == "零" and len(t.norm) > 1 and out and out[-1].norm in self._units:
                # 零 joins two quantities (两年零三个月): it begins no number
                tokens[i:i + 1] = [self._token(text, norm, t.start, t.start + 1, "word"),
                                   self._token(text, norm, t.start + 1, t.end, t.kind)]
                n += 1
                t = tokens[i]
            if not (_is_piece(t) or t.norm == "-" and self._is_sign(tokens, i)) or (
                    t.norm == "零" and out and out[-1].norm in self._units):   # 两年|零|三个月
                out.append(t)
                i += 1
                continue
            j = i + 1
            while j < n:
                u = tokens[j]
                if _is_piece(u) and u.start == tokens[j - 1].end:
                    j += 1
                elif (u.kind == "word" and u.start == tokens[j - 1].end and u.norm[0] in "万亿"
                      and u.norm[1:] in self._units):
                    # 五|亿个: the magnitude belongs to the number, the rest is its unit
                    tokens[j:j + 1] = [self._token(text, norm, u.start, u.start + 1, "cnum"),
                                       self._token(text, norm, u.start + 1, u.end, "word")]
                    n += 1
                    j += 1
                    break
                elif (u.norm == " " and j + 1 < n and _is_piece(tokens[j + 1]) and tokens[j + 1].start == u.end
                      and (tokens[j - 1].norm[-1] in NUMERAL_CHARS or tokens[j + 1].norm[0] in NUMERAL_CHARS)):
                    j += 2
                else:
                    break
            if (j < n and tokens[j].kind == "word" and tokens[j].norm[0] in NUMERAL_CHARS
                    and tokens[j].start == tokens[j - 1].end and tokens[j].norm not in self._units):
                # the segmenter glued the number's last digit to its unit: 肆拾|陆家 → 肆拾陆|家
                w = tokens[j]
                k = self._numeral_head(norm[t.start:tokens[j - 1].end].replace(" ", ""), w.norm)
                if k:
                    tokens[j:j + 1] = [self._token(text, norm, w.start, w.start + k, "cnum"),
                                       self._token(text, norm, w.start + k, w.end, "word")]
                    n += 1
                    j += 1
            written = norm[t.start:tokens[j - 1].end]
            if (j < n and written[-1] in "十百千万" and tokens[j].start == tokens[j - 1].end
                    and written[-1] + tokens[j].norm in self._units and not is_numeral(written)
                    and is_numeral(written[:-1])):
                # the magnitude begins the unit: 七点三四|千克, not the number 七点三四千
                last, unit = tokens[j - 1], tokens[j]
                kept = [self._token(text, norm, last.start, last.end - 1, last.kind)] if last.end - 1 > last.start else []
                tokens[j - 1:j + 1] = kept + [self._token(text, norm, last.end - 1, unit.end, "word")]
                n -= 1 - len(kept)
                j -= 1 - len(kept)
                t = tokens[i]
            if j - i > 1 or t.kind == "cnum" or (t.kind == "word" and is_numeral(t.norm)):   # not 千万, 点
                out.extend(self._number_run(text, norm, tokens[i:j], tokens[j] if j < n else None))
            else:
                out.append(t)
            i = j
            if (j + 1 < n and tokens[j].norm in self._unit_heads and tokens[j].end == tokens[j + 1].start
                    and out[-1].kind in ("num", "cnum") and tokens[j].norm + tokens[j + 1].norm in self._units):
                # a unit the segmenter cut in two after a number: 三|个|月 → 三|个月
                out.append(self._token(text, norm, tokens[j].start, tokens[j + 1].end, "word"))
                i = j + 2
        return out

    def _peel_number(self, text: str, norm: str, w: Token) -> list[Token]:
        """A word that is a known word and a numeral (共五 before a unit) as the two."""
        k = len(w.norm) - len(w.norm.rstrip(NUMERAL_CHARS))
        if 0 < k < len(w.norm) and w.norm[:-k] in self._known and is_numeral(w.norm[-k:]):
            return [self._token(text, norm, w.start, w.end - k, "word"), self._token(text, norm, w.end - k, w.end, "cnum")]
        return [w]

    def _numeral_head(self, number: str, w: str) -> int:
        """How many characters of `w` continue `number` when the rest of `w` is a unit or
        another word that follows numbers (二十|三分 → 二十三|分, 分 of minutes or cents)."""
        for k in range(len(w) - 1, 0, -1):
            if (w[k:] in self._units or w[k:] in self._after_number) and not w[:k].strip(NUMERAL_CHARS) and is_numeral(number + w[:k]):
                return k
        return 0

    def _number_run(self, text: str, norm: str, run: list[Token], after: Token | None) -> list[Token]:
        """The tokens for a run of number pieces (see _join_numbers)."""
        s, e = run[0].start, run[-1].end
        if e - s > MAX_NUMBER:
            return [self._number_token(text, norm, s, e, run)]   # noise, no number
        joined = norm[s:e].replace(" ", "")
        head: list[Token] = []
        while (len(run) > 1 and run[0].kind == "word" and run[0].norm[0] in _NO_START
               and " " not in norm[s:e] and not is_numeral(joined)):
            head.append(run[0])   # 服务站|点|6, 千万|3个: a word no number begins with
            run = run[1:]
            s = run[0].start
            joined = norm[s:e]
        if head:
            return head + self._number_run(text, norm, run, after)
        if not is_numeral(joined):
            # spaces join only a grammatical number: 3万 5个 is two. Only a space token splits
            # the run: the space of a group of thousands (622 155) is inside its token, and
            # splitting there again would recurse without end
            if any(t.norm == " " for t in run):
                out: list[Token] = []
                part: list[Token] = []
                for t in run + [None]:
                    if t is None or t.norm == " ":
                        if part:
                            out += self._number_run(text, norm, part, t or after)
                        part = []
                        if t is not None:
                            out.append(t)
                    else:
                        part.append(t)
                return out
            if joined.endswith("点") and len(run) > 1:   # 二十|三点: a clock time ends the number
                return self._number_run(text, norm, run[:-1], run[-1]) + [run[-1]]
            if (joined.endswith("两") and joined[-2] not in "两俩" and is_numeral(joined[:-1])
                    and (after is None or after.norm not in self._units and after.norm not in self._multipliers)):
                # 两 is a unit (tael) after a whole number: 二两, 三千两百两; not in 两两, 三两个
                return [self._number_token(text, norm, s, e - 1), self._token(text, norm, e - 1, e, "word")]
        return [self._number_token(text, norm, s, e, run)]

    def _number_token(self, text: str, norm: str, s: int, e: int, run: list[Token] | None = None) -> Token:
        t = norm[s:e]
        kind = "num" if any("0" <= c <= "9" for c in t) else "cnum"
        if run is not None and len(run) == 1 and run[0].kind == kind:
            return run[0]
        return Token(text[s:e], t, s, e, kind, self._classify(t, kind))

    def _is_sign(self, tokens: list[Token], i: int) -> bool:
        """A minus before a number that no number, unit or range precedes (-3.8%, 为-5)."""
        t = tokens[i]
        if t.norm != "-" or i + 1 >= len(tokens) or tokens[i + 1].kind not in ("num", "cnum") \
                or tokens[i + 1].start != t.end:
            return False
        if i == 0:
            return True
        prev = tokens[i - 1]
        if prev.kind in ("space",):
            return True
        if prev.kind == "punct":
            return prev.norm in _SIGN_AFTER
        return prev.kind == "word" and prev.norm not in self._after_number and not _is_piece(prev)

    def _token(self, text: str, norm: str, s: int, e: int, kind: str) -> Token:
        t = norm[s:e]
        return Token(text[s:e], t, s, e, kind, self._classify(t, kind))

    def _number(self, text: str, norm: str, s: int, e: int, out: list[Token]) -> None:
        """A list marker glued to a month or a year is split off: "2.11月底前" is "2." +
        "11月底前", "1.2022年度" is "1." + "2022年度" (a decimal is never followed by 月/日, nor
        one with a year's four digits by 年)."""
        m = _MARKER_DATE.fullmatch(norm, s, e) if e - s <= 7 and "." in norm[s:e] else None
        if m and norm[e:e + 1] in (("年",) if len(m.group(2)) == 4 else ("月", "日", "号")) \
                and (s == 0 or not norm[s - 1].isalnum()):
            k = s + len(m.group(1))
            out.append(self._token(text, norm, s, k, "num"))
            out.append(self._token(text, norm, k, k + 1, "punct"))
            out.append(self._token(text, norm, k + 1, e, "num"))
        else:
            out.append(self._token(text, norm, s, e, "num"))

    def _alnum(self, text: str, norm: str, s: int, e: int, out: list[Token]) -> None:
        """33cm → 33 | cm when the letters are a unit; 5G, PM2.5 and AED stay whole."""
        m = _NUM_LETTERS.fullmatch(norm, s, e)
        if m and m.group(2) in self._latin_units:
            k = s + len(m.group(1))
            out.append(self._token(text, norm, s, k, "num"))
            out.append(self._token(text, norm, k, e, "word"))
        else:
            out.append(self._token(text, norm, s, e, "alnum"))

    def _context(self, kind: str, norm: str) -> int:
        """What a token says about the word after it, as bits: AFTER_NUMBER (it ends a
        number), BEFORE_MAGNITUDE (近, 约: 近百户)."""
        return ((AFTER_NUMBER if kind in ("num", "cnum") or norm in self._numberish
                 or not norm.strip(NUMERAL_CHARS) else 0)
                | (BEFORE_MAGNITUDE if norm in self._before_magnitude else 0))

    def _words(self, text: str, norm: str, same: bool, pos: int, words: Iterator[str], out: list[Token]) -> None:
        """Tokens for the segmenter's words of the text from `pos` on: `words` up to the
        next newline."""
        context = 0
        if out:
            prev = out[-1]
            if prev.kind == "space" and len(out) > 1:
                prev = out[-2]  # "50 万元": a stray space between a number and its unit
            context = self._context(prev.kind, prev.norm)
        splits = self._splits
        for w in words:
            if w == "\n":
                return
            found = splits[context].get(w)
            if found is None:
                cut = self._split_word(w, bool(context & AFTER_NUMBER), bool(context & BEFORE_MAGNITUDE))
                a, b, kind = cut[-1]
                # the context the next word gets from this word's last part, and the kind
                # of a word that stays whole and joins no neighbour (most words)
                whole = kind if len(cut) == 1 and kind != "cnum" else None
                # (a tuple of tuples of str and int: the garbage collector stops tracking it)
                found = (tuple(cut), self._context(kind, w[a:b]), whole, self._classify(w, whole) if whole else -1)
                if len(splits[context]) < self.MAX_SPLITS:
                    splits[context][w] = found
            parts, context, whole, cls = found
            end = pos + len(w)
            if whole is not None:
                out.append(Token(w if same else text[pos:end], w, pos, end, whole, cls))
                pos = end
                continue
            for a, b, kind in parts:
                a += pos
                b += pos
                t = norm[a:b]
                out.append(Token(t if same else text[a:b], t, a, b, kind, self._classify(t, kind)))
            pos = end

    def _split_word(self, w: str, after_number: bool, before_magnitude: bool) -> list[tuple[int, int, str]]:
        """Where to cut a segmenter word, as (start, end, kind) within it: a leading numeral
        (and 余/多) is peeled off when the rest is a known word. `after_number`: the word
        follows a number; `before_magnitude`: it follows a word like 近 (近百户)."""
        e = len(w)
        if not w[0].isalnum() or w.isascii():
            return [(0, e, "punct" if not w[0].isalnum() and e == 1 and not w.isalnum() else "word")]
        if after_number and w in self._after_number or w in self._whole:
            return [(0, e, "word")]  # 千伏 after 110 is a unit, not 千 + 伏; 一度 is "once"
        # 第/首 + numeral (+ rest): 第一批 → 第|一|批
        lead = 1 if w[0] in "第首" and e > 1 and w[1] in _CN_NUMERAL_CHARS else 0
        m = _CN_NUMERAL.match(w, lead) if w[lead] in _CN_NUMERAL_CHARS else None   # most words: no regex call
        if m:
            num_end = m.end()
            numeral = w[lead:num_end]
            rest_at = num_end + 1 if num_end < e and w[num_end] in self._approx else num_end
            rest = w[rest_at:]
            valid = (any(c in CN_DIGITS for c in numeral) or numeral.startswith(("十", "拾"))
                     or (numeral in ("百", "千", "万") and before_magnitude))
            # the rest, when it is no word rules know, may be a unit glued to more (一个半月 →
            # 一|个|半|月, 十块钱 → 十|块|钱, 三年半 → 三|年|半)
            cut = [] if not rest or rest in self._after_number or rest in self._known \
                else self._split_word(rest, True, False)
            if len(cut) > 1 and (w in self._known or any(rest[a:b] not in self._known and kind != "cnum"
                                                         for a, b, kind in cut)):
                cut = [(0, len(rest), "word")]   # 一次性, 一毛不拔, 一口气: a word, not a number
            # (a numeral after the unit begins the next number: 二十|三分三|十五秒 → 三|分|三)
            if (valid or after_number) and (len(cut) != 1):
                parts = []
                if lead:
                    parts.append((0, 1, "word"))
                parts.append((lead, num_end, "cnum" if valid else "word"))
                if rest_at > num_end:
                    parts.append((num_end, rest_at, "word"))
                if cut:
                    parts += [(a + rest_at, b + rest_at, kind) for a, b, kind in cut]
                elif rest:
                    parts.append((rest_at, e, "word"))
                return parts
            dated = self._date_parts(w)
            if dated:
                return dated
        if w[0] in "半多" and w[1:] in self._after_number:
            return [(0, 1, "word"), (1, e, "word")]   # 半小时 → 半|小时, (三个)多月 → 多|月
        if w not in self._known:
            # a known word glued to the number after it: 约一亿 → 约|一亿
            for k in range(1, e - 1):
                if w[:k] in self._known and w[k] in CN_DIGITS and is_numeral(w[k:]):
                    return [(0, k, "word"), (k, e, "cnum")]
        if w not in self._known and e > 2:
            for k in range(e - 1, 1, -1):  # 今年底 → 今年|底
                if w[:k] in self._splitting and w[k:] in self._known:
                    return [(0, k, "word"), (k, e, "word")]
        if after_number and w not in self._known:
            # the segmenter glued a unit to the next word: 余场次, 间考场, 个村
            for k in range(e - 1, 0, -1):
                head, tail = w[:k], w[k:]
                if head in self._after_number and (tail in self._known or len(tail) == 1
                                                   or self._seg.has_word(tail)):
                    return [(0, k, "word")] + [(a + k, b + k, kind)
                                               for a, b, kind in self._split_word(tail, False, False)]
        elif after_number and w in self._known and w not in self._after_number:
            # 年内 after a number is 年 + 内 (2年内), but 月底 stays one word
            for k in range(e - 1, 0, -1):
                if w[:k] in self._after_number and w[k:] in self._after_number:
                    return [(0, k, "word"), (k, e, "word")]
        return [(0, e, "word")]

    def _date_parts(self, w: str) -> list[tuple[int, int, str]] | None:
        """A word of numerals and calendar units that the segmenter keeps whole (四月八,
        十月十日) → its parts; None for any other word (三天两头, 一年一度)."""
        parts: list[tuple[int, int, str]] = []
        i, e = 0, len(w)
        while i < e:
            m = _CN_NUMERAL.match(w, i)
            if m:
                parts.append((i, m.end(), "cnum"))
                i = m.end()
                continue
            j = next((j for j in range(e, i, -1) if w[i:j] in self._date_units), 0)
            if not j:
                return None
            parts.append((i, j, "word"))
            i = j
        return parts if sum(kind == "cnum" for _, _, kind in parts) >= 2 else None
