"""Indicators: the target figures of an item, each linked to the progress figure that
answers it (ITEMS.md, "Indicators", "Linking rules" and the hard cases).

A progress figure can answer a target when they count alike (the same unit, or persons in
名 and 人), report the same stage (开工 answers 新开工, not 建成) and name the same thing (a construction, 建设, is answered by what is started or built of it):
subjects alike (rapidfuzz, so shortened forms match), or a subject missing or different
when the target is the only one of its unit in the item (a percentage always needs its
name; a subject read short or long still links when the other figure's clause names it,
and a figure of the same value links). Each target takes one progress figure and each figure answers one target, best
pairs first: subjects alike, the same value, the cumulative figure (累计, 共, 截至) over a
period one (第二季度) or a part (其中), a new one (新增) for a target of new things. A
target stated in a progress unit is answered by the figures that follow it there, up to the
next target of their unit (一是…2.5万套…已有20190套进场施工。二是…).
"""
from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz

from ..engine.normalize import normalize
from .figures import PROGRESS_FIELDS, TARGET_FIELDS, Found
from .model import Indicator

SAME_SUBJECT = 60      # rapidfuzz score (0-100) from which two subjects name one thing
NAMED = 90             # score from which a subject is named in the other figure's clause
SAME_NUMBER = 1e-9
BARE_MEASURE = 2       # characters of a subject that names a measure only (增幅, 增速)
NAMED_PART = 1.0       # bonus of a part answered by the figure naming its label
MAX_RATIO = 20         # a progress figure this many times its target answers something else
NAMES_PART = 4         # characters a clause shares with a target's for naming it
YEAR_DAYS = 360        # a DATE this long or longer labels a year (2024年) or years (2019-2020年度)
YEAR_LABEL = re.compile(r"\d{4}年度?")   # a year alone, read as a deadline in a target cell (2024年度)


def subject_score(a: str | None, b: str | None) -> float | None:
    """How alike two subjects are (0–100), None when one is missing. A shortened form
    scores high (partial_ratio: 报销比例 in 普通门诊政策内报销比例)."""
    if not a or not b:
        return None
    return max(fuzz.ratio(a, b), fuzz.partial_ratio(a, b) if min(len(a), len(b)) >= 2 else 0)


def clause_score(t: Found, p: Found) -> float:
    return fuzz.ratio(_words(t.clause_text), _words(p.clause_text))


def names_score(t: Found, p: Found) -> float:
    """How well one figure's subject is named in the other's clause, with the label that
    heads it (72名…残疾儿童和孤独症儿童 ← 114名残疾儿童; 就读公办学校比例：泰顺>85.8% ←
    就读公办学校比例达86.18%), for a subject read too short or too long. A progress figure
    whose subject is a bare measure (增幅为－1.1%) names what its sentence names before it
    (地区生产总值…，增幅为－1.1%)."""
    scores = [fuzz.partial_ratio(a, _words(b.labelled_clause)) for a, b in ((t.subject, p), (p.subject, t))
              if a and len(a) >= 2]
    if t.subject and len(t.subject) >= 2 and _bare(p):
        scores.append(fuzz.partial_ratio(t.subject, _words(p.norm[p.sentence[0]:p.entity.start])))
    return max(scores, default=0.0)


def _bare(p: Found) -> bool:
    return bool(p.subject) and len(p.subject or "") <= BARE_MEASURE


def _measured(p: Found) -> list[str]:
    """What a bare measure (增幅57.74%) measures: the subject of the nearest figure before it
    in its sentence that names one (固定资产投资完成281.82亿元，增幅57.74%)."""
    named = [normalize(e.subject.text) for e in p.extraction.entities if e.subject is not None
             and len(e.subject.text) > BARE_MEASURE and p.sentence[0] <= e.start < p.entity.start]
    return named[-1:] if _bare(p) else []


def _words(text: str) -> str:
    return "".join(c for c in text if not c.isdigit() and c not in ".,%")


def targets_of(figures: list[Found]) -> list[Found]:
    """The target figures: in a target or name unit, neither a condition nor context, and
    not a step before the level it reaches (提升8%，达到80%); plus the targets a progress
    unit states (年度目标50场) for a unit no target figure has. Of a project total and this
    year's share (总投资1.2亿元，年内计划投资1500万元), the year's."""
    figures = [f for f in figures if not f.is_summary]
    cells = [f for f in figures if f.field in TARGET_FIELDS and not f.is_condition and not f.is_context]
    remaining = {f.unit_class for f in cells if "剩余" in f.before or "余下" in f.before}
    cells = [f for f in cells if f.unit_class not in remaining or "剩余" in f.before or "余下" in f.before]
    kept = []
    for k, f in enumerate(cells):
        later = cells[k + 1:]
        if f.is_step and any(g.is_percent == f.is_percent and g.subject == f.subject for g in later):
            continue
        if (f.subject and f.subject.startswith("总") and not f.is_percent
                and any(g is not f and g.unit == f.unit and g.subject and not g.subject.startswith("总")
                        and g.subject.endswith(f.subject[1:]) for g in cells)):
            continue
        kept.append(f)
    if kept:
        return kept
    # no target figure in a target cell: a progress or narrative unit states the targets —
    # in the item's quoted name (“新增就业70万人”项目), by a plan word (年度目标50场), or as
    # the first statement of a unit class whose progress follows (新建公办幼儿园10所。目前已建成8所)
    told = [f for f in figures if f.field in PROGRESS_FIELDS and not f.is_condition]
    stated = [f for f in told if f.planned_share or not f.is_completion and (
        f.in_item_name or f.is_plan or _states_target(f, told) or (f.is_level and not f.reports))]
    return sorted(stated, key=lambda f: (f.figure.unit_index, f.entity.start))


def _states_target(f: Found, told: list[Found]) -> bool:
    """A figure of a progress unit that states the target the figures after it report on: it
    reports nothing itself, and a figure of its unit class that reports follows (_reported_after),
    or in its sentence what is still missing (2000例白内障复明手术，还差300多例) or, when the
    sentence opens with it, the share done (6个老旧小区改造正在施工中（90%）)."""
    if f.reports or f.is_completion or any(g.is_bound and g.unit_class == f.unit_class for g in _after(f, told, True)):
        return False   # what a plan's bound after it bounds is reached, not planned (失业率3.56%，低于3.7%的控制目标)
    opens = not f.norm[f.sentence[0]:f.entity.start].strip()
    return _reported_after(f, told, stating=True) or any(
        (g.share and opens) or (g.unit_class == f.unit_class and g.is_remainder) for g in _after(f, told, True))


def _after(f: Found, told: list[Found], same_sentence: bool) -> list[Found]:
    """The figures after `f`, in its sentence or in any unit after it."""
    if same_sentence:
        return [g for g in told if g.figure.unit_index == f.figure.unit_index and g.sentence == f.sentence
                and g.entity.start > f.entity.start]
    return [g for g in told if (g.figure.unit_index, g.entity.start) > (f.figure.unit_index, f.entity.start)]


def _reported_after(f: Found, told: list[Found], same_sentence: bool = False, stating: bool = False) -> bool:
    """A figure of f's unit class that reports follows it, naming the same thing or nothing
    (新建公办幼儿园10所。目前已建成8所; not 74名个体经营者获得…；全年新增就业9789人); for a
    figure `stating` a target by its place, not a larger one in its sentence (_another_report)."""
    # (not a plan named after its figure, done or not: 超额完成40所的年度目标任务 states the target
    # that 幼儿园48所 before it answers)
    return any(g.unit_class == f.unit_class and g.reports and not g.is_completion and not g.names_plan_after
               and _alike_or_unnamed(f.subject, g.subject) and not (stating and _another_report(f, g))
               for g in _after(f, told, same_sentence))


def _another_report(f: Found, g: Found) -> bool:
    """In the sentence of a figure no plan word marks, a larger figure after it is another count
    reported beside it (新建或改造153个社区老年活动中心…，完成224个社区老年活动场所条件改善), not
    the progress on it (建设50家示范店，已建成49家)."""
    return g.figure.unit_index == f.figure.unit_index and g.sentence == f.sentence and g.value > f.value


def _alike_or_unnamed(a: str | None, b: str | None) -> bool:
    """Subjects alike, or one missing or too short to tell (a verb read as a subject: 进场)."""
    if a is None or b is None or min(len(a), len(b)) <= BARE_MEASURE:
        return True
    return (subject_score(a, b) or 0) >= SAME_SUBJECT


def progress_of(figures: list[Found], targets: list[Found]) -> list[Found]:
    """The progress figures: in a progress, status or rate unit, not a plan, not a
    condition, not what is still missing (还差300多例) nor what is outside the item's group
    (对不属于4类重点对象…的6086户), not a target stated there."""
    told = [f for f in figures if f.field in PROGRESS_FIELDS and not f.is_condition and not f.is_summary]
    return [f for f in told if f not in targets and not f.is_plan and not f.is_condition and not f.is_remainder
            and not f.is_outside and not _restates(f, targets, told) and not _part_of_target(f, targets)]


def _part_of_target(f: Found, targets: list[Found]) -> bool:
    """A part listed under a target stated before it in its unit (计划实施重点建设项目71个…。其中亿元
    以上项目46个): a share of the plan, not what was done of it, unless its words report."""
    if f.total is not None:
        return any(t.entity is f.total for t in targets)
    return f.is_part and not f.reports and any(
        t.unit_class == f.unit_class and t.figure.unit_index == f.figure.unit_index
        and t.entity.end <= f.entity.start for t in targets)


def _restates(f: Found, targets: list[Found], told: list[Found]) -> bool:
    """A target restated at the head of a progress sentence (2个嵌入式养老机构建设已完成1个):
    the value of a target of its unit class, reporting nothing, before a figure of its class
    in its sentence that reports."""
    return not f.reports and any(t.unit_class == f.unit_class and abs(t.value - f.value) < SAME_NUMBER
                                 for t in targets) and _reported_after(f, told, same_sentence=True)


def link(targets: list[Found], progress: list[Found]) -> list[tuple[Found, Found]]:
    """(target, progress) pairs, each figure in one pair at most, best first."""
    unique: dict[str | None, int] = {}
    for t in targets:
        unique[t.unit_class] = unique.get(t.unit_class, 0) + 1
    scored = []
    for t in targets:
        mine = []
        for p in progress:
            score = _pair_score(t, p, unique[t.unit_class] == 1, _follows(t, p, targets))
            if score is not None:
                mine.append((score, p.value, t, p))
        scored += _parallel(t, mine, targets)
    # a part the target names by its own label (其中安化县4.2万人) is answered by the figure whose
    # segment names that label (安化县新增…4.2538万人) before any other
    scored = [(s + NAMED_PART if _names_label(t, p) else s, v, t, p) for s, v, t, p in scored]
    # the whole of which a part is done (30个小区中已有3个完成改造) is answered by that part, the
    # first figure after it in its sentence, before the stages listed after (12个正在施工)
    scored = [(s + NAMED_PART if _first_part(t, p, progress) else s, v, t, p) for s, v, t, p in scored]
    # a total answers a target before the parts listed under it (累计发放1.2亿元，其中个人贷款0.8亿元),
    # unless the part names the target and its total does not (托位1155个，其中普惠托位1155个 ← 普惠托位685个)
    candidates = {(id(t), id(p.entity)) for _, _, t, p in scored}
    scored = [s for s in scored if s[3].total is None or (id(s[2]), id(s[3].total)) not in candidates
              or _names_the_target(s[2], s[3])]
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    used: set[int] = set()
    pairs = []
    for _, _, t, p in scored:
        if id(t) not in used and id(p) not in used:
            used.update((id(t), id(p)))
            pairs.append((t, p))
    return pairs


def _first_part(t: Found, p: Found, progress: list[Found]) -> bool:
    if not t.heads_done_part:
        return False
    after = [f for f in progress if f.figure.unit_index == t.figure.unit_index and f.sentence == t.sentence
             and f.entity.start > t.entity.end]
    return bool(after) and min(after, key=lambda f: f.entity.start) is p


def _names_label(t: Found, p: Found) -> bool:
    label = t.part_label
    return label is not None and label in p.segment


def _names_the_target(t: Found, part: Found) -> bool:
    total = part.total.subject if part.total is not None else None
    return t.subject is not None and part.subject == t.subject and (total is None or normalize(total.text) != t.subject)


def _parallel(t: Found, candidates: list[tuple[float, float, Found, Found]],
              targets: list[Found]) -> list[tuple[float, float, Found, Found]]:
    """Parallel lists (ITEMS.md: several progress figures for one target, the largest): the
    same measure given for several places (中心区…城镇616元、山区县…城镇609元). Figures of one
    measure are those of one unit, unit class and kind whose subjects end alike (端州区、…集中
    供养孤儿养育标准 and 集中供养孤儿养育标准). When the target is one of as many targets of its
    measure (and no respectively list tells them apart), they align by list position; else
    each takes the group's best score, so the largest wins (then the first)."""
    out = []
    for c in candidates:
        group = [d for d in candidates if _one_measure(c[3], d[3])]
        mine = [g for g in targets if _one_measure(t, g)] if t.listed_at is None else [t]
        if len(group) > 1 and len(group) == len(mine):
            if group.index(c) == mine.index(t):
                out.append(c)
            continue
        out.append((max(d[0] for d in group), c[1], t, c[3]))
    return out


def _one_measure(a: Found, b: Found) -> bool:
    """Two figures of one measure in one unit (for different places): the same unit class,
    stage and kind flags, and one subject the end of the other."""
    if a is b:
        return True
    if (a.figure.unit_index != b.figure.unit_index or a.unit_class != b.unit_class or a.stage != b.stage
            or (a.is_cumulative, a.is_period, a.is_part, a.is_new) != (b.is_cumulative, b.is_period, b.is_part, b.is_new)
            or not a.subject or not b.subject):
        return False
    short, long = sorted((a.subject, b.subject), key=len)
    return short == long or (len(short) > BARE_MEASURE and long.endswith(short))


def _aligned(t: Found, p: Found) -> bool | None:
    """Whether a progress figure names the thing a target's place in a respectively list pairs
    it with (分别…609元、300元 ← 城镇616元: 城镇 is the first thing, 609元 the first figure);
    None when the target is in no such list or the figure names none or several of them."""
    listed = t.listed_at
    if listed is None or not p.subject:
        return None
    k, pieces = listed
    named = [j for j, piece in enumerate(pieces) if p.subject in piece]
    return named[0] == k if len(named) == 1 else None


def _follows(t: Found, p: Found, targets: list[Found]) -> bool:
    """A target stated in a progress unit and the figure after it, before the next target of
    its unit class (一是省直2.5万套人才公寓建设。…已有20190套进场施工。二是…); or a plan's
    bound, or a plan the figure modifies, and the figure of its sentence just before it, which
    it bounds or answers (城镇登记失业率3.56%，低于3.7%的控制目标)."""
    k = t.figure.unit_index
    if t.field not in PROGRESS_FIELDS or p.figure.unit_index != k:
        return False
    if (t.is_bound or t.modifies_plan) and p.entity.end <= t.entity.start:
        return p.sentence == t.sentence and not any(
            g is not p and g.figure.unit_index == k and g.unit_class == t.unit_class
            and p.entity.end <= g.entity.start < t.entity.start for g in targets)
    return t.entity.end <= p.entity.start and not any(
        g is not t and g.figure.unit_index == k and g.unit_class == t.unit_class
        and t.entity.end <= g.entity.start < p.entity.start for g in targets)


def _pair_score(t: Found, p: Found, only_of_unit: bool, follows: bool) -> float | None:
    # a completion rate to reach (投资完成率达到50%) is answered by the share of its task done too
    rate = t.rate_task is not None and p.is_completion
    if t.is_percent != p.is_percent or (t.is_completion != p.is_completion and not rate):
        return None
    # a bound bounds a measure, of no stage; a whole that a done part is counted in (30个小区中
    # 已有3个完成改造) takes the stage of its parts
    if not (t.is_bound or t.heads_done_part or _same_stage(t.stage, p.stage)):
        return None
    if _listed_together(t, p):
        return None
    if _other_years(t, p):
        return None       # 2019-2020年度…任务21335户 ↚ 2018-2019年度…49255户: another programme year
    if not t.is_percent and t.value > 0 and p.value > MAX_RATIO * t.value:
        return None       # twenty times the target: another measure (74名 ↚ 新增就业9789人)
    same = max([subject_score(t.subject, s) or 0.0 for s in _measured(p)],
               default=subject_score(t.rate_task if rate else t.subject, p.subject))
    if t.unit_class != p.unit_class and not (_per_word_only(t, p) and (same or 0) >= SAME_SUBJECT):
        return None
    aligned = _aligned(t, p)
    if aligned is False:
        return None       # another thing of the list (农村459元 ↚ 分别…609元、300元's 609元)
    equal = abs(t.value - p.value) < SAME_NUMBER
    named = (same or 0) >= SAME_SUBJECT or names_score(t, p) >= NAMED or follows or bool(aligned)
    if not named and (t.is_percent or p.total is not None or not (only_of_unit or equal)):
        return None       # a part under its total (其中幼儿园11所) answers only a target it names
    if not named and not equal and _other_things(t, p, same):
        return None       # 10处路口 ↚ 新增了36处电子警察: the one target of its unit, but another thing
    score = (same or 0) / 100 + clause_score(t, p) / 200 + (0.5 if follows or aligned else 0.0)
    if equal:
        score += 0.6
    if p.is_cumulative:
        score += 0.4
    if p.is_period:
        score -= 0.4
    if p.is_part:
        score -= 0.6
    if t.is_new and p.is_new:
        score += 0.5
    if t.stage == "build" and p.stage == "start":
        score -= 0.3      # a construction is answered by what is built before what is started
    return score


def _other_things(t: Found, p: Found, same: float | None) -> bool:
    """Two subjects that name different things (路口 and 电子警察), neither named in the other's
    clause (the caller's `named`): both given, the progress one in its own clause and longer than
    a bare measure, not a character in common, and neither the task itself (年度目标任务, which names no thing). The only target of a unit is answered by a figure
    of that unit whose subject is missing or read short, not by one that says it counts
    something else."""
    if same is None or same > 0 or _bare(p) or not _own_subject(p):
        return False   # a subject of two characters may be a verb read as one (竣工517台), one
                       # carried from the clause before may be another figure's (完成审批556台，竣工155台)
    return not any(t.cues.plan_noun.ends(s) for s in (t.subject, p.subject))


def _own_subject(f: Found) -> bool:
    """The figure's subject stands in its own clause (not carried from a clause before it)."""
    s = f.entity.subject
    return s is not None and f.clause[0] <= s.start and s.end <= f.clause[1]


def _years(f: Found) -> tuple[int, int] | None:
    """The years a figure's clause labels it with before it (2019-2020年度, 2024年): the first and
    last year of its last DATE of a year or more, or of a year read as a target's deadline
    (完成2024年度…300户), None when it has none."""
    years = []
    for e in f.dates_before():
        if e.label == "DATE" and isinstance(e.value, list) and len(e.value) == 2:
            a, b = (dt.date.fromisoformat(v) for v in e.value)
            if (b - a).days >= YEAR_DAYS:
                years.append((a.year, b.year))
        elif e.label == "DEADLINE" and isinstance(e.value, str) and YEAR_LABEL.fullmatch(normalize(e.text)):
            years.append((int(e.value[:4]),) * 2)
    return years[-1] if years else None


def _other_years(t: Found, p: Found) -> bool:
    """Both figures labelled with years, neither within the other's (2019-2020年度 and 2018-2019
    年度, 2024年 and 2023年): the figure is another year's (or programme year's), not the progress
    on this one's target. A year within a programme's years (2024年 of 2021-2025年) may be."""
    a, b = _years(t), _years(p)
    if a is None or b is None:
        return False
    return not (a[0] <= b[0] and b[1] <= a[1]) and not (b[0] <= a[0] and a[1] <= b[1])


def _listed_together(t: Found, p: Found) -> bool:
    """Members of one list of deliverables (新建或改造153个社区老年活动中心、10个社区老年日间照料中心):
    one clause, a 、 between them and no done word after it; the later one is the next thing
    delivered, not the progress of the first."""
    if t.figure.unit_index != p.figure.unit_index or t.clause != p.clause:
        return False
    a, b = sorted((t.entity.end, p.entity.start))
    between = t.norm[a:b]
    return "、" in between and not t.cues.done.any_in(between)


def _per_word_only(t: Found, p: Found) -> bool:
    """One figure is a rate by a per-unit word only (月人均补助330元), the other the same unit
    with none (补助365元): alike when their subjects are (a slash rate, 100元/人, never
    answers a total)."""
    return (t.per is None) != (p.per is None) and t.unit == p.unit and "/" not in (t.unit or "")


def _same_stage(a: str, b: str) -> bool:
    """The same stage, or a construction (build) and what is started or done of it."""
    return a == b or {a, b} in ({"build", "start"}, {"build", "done"})


Chosen = tuple[Indicator, Found | None, Found | None]   # an indicator, its target and progress figure


def indicators(targets: list[Found], pairs: list[tuple[Found, Found]]) -> list[Chosen]:
    """One indicator per target figure, with its progress figure and completion."""
    answered = {id(t): p for t, p in pairs}
    out: list[Chosen] = []
    for t in targets:
        p = answered.get(id(t))
        ind = Indicator(subject=t.subject_text, unit=t.unit,
                        target=t.figure, progress=[p.figure] if p else [])
        if p is not None:
            if t.entity.comparator in ("<=", "<"):
                ind.met = p.value <= t.value if t.entity.comparator == "<=" else p.value < t.value
            elif t.value:
                ind.completion = round(p.value / t.value, 4)
        out.append((ind, t, p))
    return out


def reported(figures: list[Found], chosen: list[Chosen]) -> list[Found]:
    """The figures that report what was delivered: in progress units, no target, plan,
    condition, completion share or figure of those reached (惠及农户1200户)."""
    targets = {id(t) for _, t, _ in chosen if t is not None}
    return [f for f in figures if f.field in PROGRESS_FIELDS and id(f) not in targets and not f.is_completion
            and not f.is_plan and not f.is_condition and not f.is_accessory]


def answering(figure: Found, chosen: list[Chosen], delivered: list[Found]) -> Chosen | None:
    """The indicator a progress figure reports on: the one it answers, else one of its own
    with no target (ITEMS.md gold: a progress figure whose stated completion or status word
    stands for the target), added to `chosen`."""
    for c in chosen:
        if c[2] is figure:
            return c
    if figure not in delivered:
        return None
    own: Chosen = (Indicator(subject=figure.subject_text, unit=figure.unit, target=None,
                             progress=[figure.figure]), None, figure)
    chosen.append(own)
    return own


def figures_before(unit_index: int, sentence: int, start: int, delivered: list[Found]) -> list[Found]:
    """The delivered figures before `start` in its sentence (beginning at `sentence`)."""
    return [f for f in delivered if f.figure.unit_index == unit_index and f.sentence[0] == sentence
            and f.entity.end <= start]


def figure_before(unit_index: int, sentence: int, start: int, delivered: list[Found],
                  chosen: list[Chosen], count: int = 1, k: int = 0) -> Found | None:
    """The figure a statement at `start` speaks of: of the delivered figures before it in its
    sentence (beginning at `sentence`), the last one that answers a target, else the last one; for the k-th of a list
    of `count` statements (分别完成…的73.74%、91.4%、98%), the k-th of the last `count`."""
    before = figures_before(unit_index, sentence, start, delivered)
    if count == 1:
        linked = [f for f in before if any(p is f for _, _, p in chosen)]
        last = linked or before
        return last[-1] if last else None
    return before[len(before) - count + k] if len(before) >= count else None


def stated_completions(figures: list[Found], chosen: list[Chosen], item_wide: list[Found]) -> float | None:
    """Put each stated completion percent (kind completion) on the indicator it states:
    the one whose progress figure it is, or the one of the figure it speaks of
    (figure_before), which may be an indicator of its own with no target. One that states
    the whole task (年度任务, 工程总量, a 完成率 column) and finds no figure is the item's;
    with no computable pair in the item, it is every indicator's (ITEMS.md, "Stated
    completion"), and so it is for an item of one indicator. Returns the item's."""
    item_stated: float | None = None
    paired = any(p is not None for _, _, p in chosen)
    delivered = reported(figures, chosen)
    shares = [c for c in figures if c.is_completion and c.field in PROGRESS_FIELDS]
    for c in shares:
        share = round(c.value / 100, 4)
        found: Chosen | None = next((x for x in chosen if x[2] is c), None)
        if found is not None and found[1] is not None and found[1].rate_task is not None:
            continue      # the share reached answers a rate to reach: progress, no statement of completion
        if found is None:
            group = [s for s in shares if s.figure.unit_index == c.figure.unit_index and s.clause == c.clause]
            f = figure_before(c.figure.unit_index, c.sentence[0], group[0].entity.start, delivered, chosen,
                              len(group), group.index(c))
            if f is None or not any(p is f for _, _, p in chosen):
                found = _named_unanswered(c, chosen)
            if found is None and f is not None:
                found = answering(f, chosen, delivered)
        if found is None and c.field == "rate":
            found = _rate_of(c, chosen)
            if found is not None and c in item_wide and item_stated is None:
                item_stated = share   # the row's whole task, stated beside its plan and done columns
        if found is not None:
            found[0].stated_completion = share
        elif c in item_wide and item_stated is None:
            item_stated = share
    targeted = [ind for ind, t, _ in chosen if t is not None]
    if item_stated is not None and not paired:
        for ind in targeted:
            ind.stated_completion = item_stated
    elif item_stated is not None and len(targeted) == 1 and targeted[0].stated_completion is None:
        targeted[0].stated_completion = item_stated   # the whole task is its one indicator (a 完成率 column)
    return item_stated


def _rate_of(c: Found, chosen: list[Chosen]) -> Chosen | None:
    """The indicator a rate cell (a 完成率 column) states the completion of when the row has
    several: the one pair whose computed completion it prints, to its printed decimals
    (计划投资 1800 | 完成投资 1000 | % 55.6 → 1000/1800 = 55.56 %); none when no pair or
    several do."""
    matching = [x for x in chosen if x[1] is not None and x[0].completion is not None
                and prints_share(c.entity.text, c.value, x[0].completion)]
    return matching[0] if len(matching) == 1 else None


def prints_share(printed: str, value: float, share: float) -> bool:
    """A printed percentage (55.6, 133%) is `share` rounded to its printed decimals."""
    digits = printed.strip().rstrip("%％ ")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return abs(100 * share - value) < 10 ** -decimals


def _named_unanswered(c: Found, chosen: list[Chosen]) -> Chosen | None:
    """The target with no progress figure that the sentence of a stated completion names
    (2）大专及以上学历提升：…1937，完成率214.75% → 完成大专及以上学历提升902人): the longest run
    of characters the sentence shares with the target's part of its clause, NAMES_PART at
    least."""
    said = _words(c.norm[c.sentence[0]:c.sentence[1]])
    best, best_len = None, NAMES_PART - 1
    for x in chosen:
        _, t, p = x
        if t is None or p is not None:
            continue
        n = common_run(_words(t.own), said)
        if n > best_len:
            best, best_len = x, n
    return best


def common_run(a: str, b: str) -> int:
    """The length of the longest run of characters in both texts."""
    best = 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        row = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                row[j] = prev[j - 1] + 1
                best = max(best, row[j])
        prev = row
    return best
