"""Schedule status (ITEMS.md, "Schedule" and "Status words"): an indicator's from its
completion against the expected share, else from the status words that name it; an
item's as the worst of its indicators' and of the words that speak for the whole item."""
from __future__ import annotations

from dataclasses import dataclass

from ..core.entities import Extraction
from ..engine.normalize import normalize
from .figures import CLAUSE_BREAKS, PROGRESS_FIELDS, Words
from .linking import NAMES_PART, Chosen, common_run
from .model import Indicator

LEXICONS_READ = frozenset({"status_word", "item_word", "intent_word", "status_join", "cell_word"})
BEHIND_MARGIN = 0.10   # behind: completion below the expected share by more than this
CELL_TRIM = " 　。.；;！!"   # marks around a cell's one word
SHARE_OF = "的"        # after a done word, a share of it follows (完成任务的94.7%): nothing is done


@dataclass
class StatusWord:
    word: str
    status: str
    clause: str
    field: str
    unit_index: int
    start: int         # the clause's place in its unit's text
    end: int
    node: bool         # a done word before the period it reports on (已完成二季度任务)
    prepares: bool     # the clause reports a step before the deliverable (招标, 方案 …)
    rest: str          # the clause less the word and the words of the whole item (该项目, 目前), blanked

    @property
    def bare(self) -> bool:
        """The clause names nothing but the item (已完成。, 此项工作已完成)."""
        return not self.rest.split()

    def names_only(self, text: str) -> bool:
        """Everything else the clause says is in `text` (the item's target), in words of two
        characters or more (西平县腾云气体有限公司已完成关闭退出任务, 实现农村义务教育学生全覆盖;
        not 养老服务中心主体已完工)."""
        return all(_covered(part, text) for part in self.rest.split())


def _covered(part: str, text: str) -> bool:
    """`part` is a run of pieces of `text`, each of two characters or more."""
    i = 0
    while i < len(part):
        n = next((n for n in range(len(part) - i, 1, -1) if part[i:i + n] in text), 0)
        if not n:
            return False
        i += n
    return True


def figure_status(share: float | None, met: bool | None, expected: float | None) -> str:
    """done, behind or on_track from a completion (or stated completion) share, or met."""
    if met is not None:
        return "done" if met else "behind"
    if share is None:
        return "unknown"
    if share >= 1:
        return "done"
    if expected is not None and share < expected - BEHIND_MARGIN:
        return "behind"
    return "on_track"


def status_words(units: list[tuple[str, Extraction]], words: Words, stages: Words,
                 item_words: Words, intent: Words, joins: Words, cell_words: Words | None = None) -> list[StatusWord]:
    """The status words of the progress, status and rate units, one per clause, unless a
    word of intent (防止进度滞后, 预计…全部完工) or a deadline (年底前完工: a plan) stands before
    it; a done word before the period it reports on (已完成二季度任务) states a node reached, and
    one before the share done of it (完成任务的94.7%) states nothing done.
    What else the clause says (`rest`) leaves out the item's own words, the other status
    words, the words that join them (已完工并投入使用) and the date it was done (于8月底).
    A cell that holds nothing but a cell word (完成, 建成: a 形象进度 column) states the whole
    item's stage."""
    out = []
    for k, (fld, ext) in enumerate(units):
        if fld not in PROGRESS_FIELDS:
            continue
        norm = normalize(ext.text)
        whole = norm.strip(CELL_TRIM)
        if cell_words is not None and whole in cell_words.forms:
            out.append(StatusWord(whole, str(cell_words.value(whole)), whole, fld, k, 0, len(norm), False, False, ""))
            continue
        a = 0
        for b in [k for k, c in enumerate(norm) if c in CLAUSE_BREAKS] + [len(norm)]:
            clause = norm[a:b]
            found = [(pos, w) for pos, w in words.find(clause) if not intent.any_in(clause[:pos])
                     and not any(e.label == "DEADLINE" and a <= e.start and e.end <= a + pos for e in ext.entities)
                     and not (words.value(w) == "done" and _share_follows(clause, pos + len(w), a, ext))]
            if found:
                pos, word = found[0]
                status = str(words.value(word))
                node = status == "done" and any(e.label in ("DATE", "DEADLINE") and a + pos + len(word) <= e.start < b
                                                for e in ext.entities)
                prepares = any(stages.value(f) == "prepare" for _, f in stages.find(clause))
                rest = list(clause)
                dates = [(e.start - a, e.end - e.start) for e in ext.entities
                         if e.label == "DATE" and a <= e.start and e.end <= b]
                for at, n in ([(at, len(w)) for at, w in found if words.value(w) == status] + dates):
                    rest[at:at + n] = " " * n
                for lexicon in (item_words, joins):
                    for at, form in lexicon.find("".join(rest)):
                        rest[at:at + len(form)] = " " * len(form)
                blank = "".join(" " if c in "　、“”\"" else c for c in rest)
                out.append(StatusWord(word, status, clause, fld, k, a, b, node, prepares, blank))
            a = b + 1
    return out


def _share_follows(clause: str, at: int, offset: int, ext: Extraction) -> bool:
    """A share of what the done word names follows it (完成任务的94.7%, 完成年度任务85%): nothing
    is done. A percentage that names the plan done does not (提前完成55%的年度目标)."""
    return clause.startswith(SHARE_OF, at) or any(
        e.label == "PERCENT" and e.start == offset + at and not clause.startswith(SHARE_OF, e.end - offset)
        for e in ext.entities)


def named_indicator(word: StatusWord, chosen: list[Chosen]) -> Indicator | None:
    """The indicator whose target the status word's clause names: the longest run of
    characters the clause (less the status word) shares with the target's part of its
    clause, NAMES_PART characters at least (未成年人保护工作站 of 指导14个镇街全部建立
    未成年人保护工作站)."""
    said = word.clause.replace(word.word, "|")
    best, best_len = None, NAMES_PART - 1
    for ind, t, _ in chosen:
        if t is None:
            continue
        n = common_run(t.own, said)
        if n > best_len:
            best, best_len = ind, n
    return best


NAME_JOINS = "、和及与"   # between the names of a list of things delivered
HEAD_MIN = 2              # characters of a target's head noun every listed name holds


def listed_indicator(word: StatusWord, chosen: list[Chosen]) -> Indicator | None:
    """The indicator a done word answers by naming the things delivered, as many as its target
    counts and each of its kind (公办幼儿园3所 ← 新建成投用清江幼儿园、芙蓉镇中心幼儿园良园园区和
    仙溪幼儿园卓南园区): one with no progress figure whose subject ends in a head (幼儿园) that every
    name after the word holds."""
    if word.status != "done":
        return None
    after = word.clause[word.clause.find(word.word) + len(word.word):]
    names = [n for n in "".join("|" if c in NAME_JOINS else c for c in after).split("|")]
    if len(names) < 2 or not all(names):
        return None
    for ind, t, p in chosen:
        if t is None or p is not None or t.is_percent or not t.subject or t.value != len(names):
            continue
        heads = [t.subject[k:] for k in range(len(t.subject) - HEAD_MIN + 1)]
        if any(all(h in n for n in names) for h in heads):
            return ind
    return None

