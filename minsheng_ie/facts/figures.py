"""The figures of an item and what the words around them say: a target or a progress
figure, a condition or a deliverable, a plan restated, a cumulative or a period figure, a
part of another, the stage it reports. The words are lexicons (rules/lexicons/facts.yaml),
matched on the normalised text of the figure's clause (between `，；。：` and line breaks).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from ..core.entities import Entity, Extraction
from ..core.lexicon import Lexicon
from ..engine.normalize import normalize
from .model import Figure

# the lexicons this module reads by name (loading refuses a lexicon nobody reads)
LEXICONS_READ = frozenset({"unit", "person_unit", "plan_cue", "context_cue", "cumulative_cue", "breakdown_cue",
                           "new_cue", "standard_head", "condition_cue", "condition_dimension", "stage_word",
                           "increase_verb", "plan_noun", "accessory_cue", "remainder_cue", "level_verb",
                           "per_unit", "share_cue", "programme_noun", "done_word", "completing_verb",
                           "report_word", "report_hiding", "as_planned_word", "respectively_cue",
                           "item_name_noun", "completion_rate", "plan_after", "part_after", "plan_verb", "cmp_post",
                           "cmp_pre", "kind_unit", "outside_cue"})

CLAUSE_BREAKS = frozenset("，,；;。：:\n！？!?")
CLAUSE_SPLIT = re.compile(f"[{re.escape(''.join(sorted(CLAUSE_BREAKS)))}]")
NAME_QUOTES = {"“": "”", "「": "」", "『": "』"}   # opening → closing, around an item's name
LIST_JOINS = frozenset({"", "、", "和", "及", "与"})   # what stands between the figures of one list
LEVEL_GAP = 4     # characters (a place, a comparator) between a level verb and its figure: 提高到城镇616元/人月
SENTENCE_BREAKS = frozenset("；;。\n！？!?")
LABEL_TRIM = " （()）:：,，"     # brackets and marks around a part's label
PLAN_LABEL_JOINS = frozenset({"", "为", "是"})   # between a plan word and the colon of the list it labels
TARGET_FIELDS = frozenset({"target", "name"})
# progress cells, and the narrative text of an item (a target stated there by a plan word
# is taken as one, ITEMS.md "Targets stated in a progress cell")
PROGRESS_FIELDS = frozenset({"progress", "status", "rate", "text"})
FIGURE_LABELS = frozenset({"QUANTITY", "PERCENT"})


def _positions(text: str, form: str) -> list[int]:
    out, pos = [], text.find(form)
    while pos >= 0:
        out.append(pos)
        pos = text.find(form, pos + 1)
    return out


class Words:
    """A lexicon's forms found in a text, longest first (未完成 before 完成)."""

    def __init__(self, lexicon: Lexicon | None):
        self.forms = sorted(lexicon.forms, key=len, reverse=True) if lexicon else []
        self.lexicon = lexicon

    def find(self, text: str) -> list[tuple[int, str]]:
        """(position, form) of each match, left to right, the longest where several begin, none
        overlapping one found before it (超额完成|年度目标任务, not 超额|完成年度目标任务)."""
        starts = sorted((pos, -len(form), form) for form in self.forms for pos in _positions(text, form))
        found, end = [], 0
        for pos, _, form in starts:
            if pos >= end:
                found.append((pos, form))
                end = pos + len(form)
        return found

    def value(self, form: str) -> object:
        assert self.lexicon is not None
        return self.lexicon.forms[form].value

    def any_in(self, text: str) -> bool:
        return any(form in text for form in self.forms)

    def begins(self, text: str) -> bool:
        return any(text.startswith(form) for form in self.forms)

    def ends(self, text: str | None) -> bool:
        return bool(text) and any(text.endswith(form) for form in self.forms)  # type: ignore[union-attr]


class Cues:
    """The lexicons of rules/lexicons/facts.yaml (and a few of the extractor's), ready to
    match."""

    def __init__(self, lexicons: dict[str, Lexicon]):
        self.lexicons = lexicons
        get = lexicons.get
        self.plan = Words(get("plan_cue"))
        self.context = Words(get("context_cue"))
        self.cumulative = Words(get("cumulative_cue"))
        self.breakdown = Words(get("breakdown_cue"))
        self.new = Words(get("new_cue"))
        self.standard = Words(get("standard_head"))
        self.condition = Words(get("condition_cue"))
        self.stage = Words(get("stage_word"))
        self.increase = Words(get("increase_verb"))
        self.plan_noun = Words(get("plan_noun"))
        self.accessory = Words(get("accessory_cue"))
        self.remainder = Words(get("remainder_cue"))
        self.level = Words(get("level_verb"))
        self.per_unit = Words(get("per_unit"))
        self.share = Words(get("share_cue"))
        self.programme = Words(get("programme_noun"))
        self.item_name = Words(get("item_name_noun"))
        self.done = Words(get("done_word"))
        self.completing = Words(get("completing_verb"))
        self.report = Words(get("report_word"))
        self.hiding = Words(get("report_hiding"))
        self.as_planned = Words(get("as_planned_word"))
        self.respectively = Words(get("respectively_cue"))
        self.plan_after = Words(get("plan_after"))
        self.part_after = Words(get("part_after"))
        self.plan_verb = Words(get("plan_verb"))
        self.comparator_post = Words(get("cmp_post"))
        self.comparator_pre = Words(get("cmp_pre"))
        self.completion_rate = Words(get("completion_rate"))
        self.condition_dimensions = set(Words(get("condition_dimension")).forms)
        self.persons = set(Words(get("person_unit")).forms)
        self.kinds = set(Words(get("kind_unit")).forms)
        self.outside = Words(get("outside_cue"))

    def dimension(self, unit: str | None) -> str | None:
        entry = self.lexicons["unit"].forms.get(unit or "") if "unit" in self.lexicons else None
        return entry.dimension if entry else None


@dataclass
class Found:
    """A figure and its place in its text unit."""
    figure: Figure
    field: str
    norm: str                       # the unit's text, normalised (offsets unchanged)
    extraction: Extraction
    cues: Cues
    named: str | None = None        # a subject given from outside the unit (the row's name)
    listed: bool = False            # listed after a stated completion (完成年度任务的81.73%、111.13%)
    share: bool = False             # the share of the figure before it (已完成1个（50%）)
    per: str | None = None          # the head a rate is per (人 of 每人每月609元, 365.95元/人.月)
    standard: bool = False          # a money figure of an item that sets a standard (standard_item)

    @property
    def entity(self) -> Entity:
        return self.figure.entity

    @property
    def is_percent(self) -> bool:
        return self.entity.label == "PERCENT"

    @property
    def unit(self) -> str | None:
        """The canonical unit, "%" for a percentage."""
        return "%" if self.is_percent else self.entity.unit

    @property
    def unit_class(self) -> str | None:
        """Units that count alike share a class: 名 and 人 count persons; a rate per person
        is one class however written (每人每月609元, 609元/人月, 月人均609元)."""
        if self.standard:
            return f"{(self.unit or '').split('/')[0]}/standard"   # one standard, however written
        if self.per:
            return f"{(self.unit or '').split('/')[0]}/{self.per}"
        return "persons" if self.unit in self.cues.persons else self.unit

    @property
    def is_completion(self) -> bool:
        """A stated completion percent: kind completion, listed after one, or the share of
        the figure before it."""
        return self.entity.kind == "completion" or self.listed or self.share

    @cached_property
    def rate_task(self) -> str | None:
        """The task a completion rate to reach measures (投资 of 投资完成率达到50%及以上): such a
        target is answered by the share of that task done (投资完成率37.44%, kind completion)."""
        s = self.subject
        if not self.is_percent or self.is_completion or not s:
            return None
        form = next((f for f in self.cues.completion_rate.forms if s.endswith(f)), None)
        return (s[:-len(form)] or None) if form else None

    @property
    def value(self) -> float:
        return float(self.entity.value)

    @property
    def subject_text(self) -> str | None:
        """The subject as written, or None."""
        s = self.entity.subject
        return s.text if s is not None else self.named

    @cached_property
    def subject(self) -> str | None:
        """The subject in Simplified script, or None."""
        text = self.subject_text
        return normalize(text) if text is not None else None

    def _span(self, breaks: frozenset[str]) -> tuple[int, int]:
        a, b = self.entity.start, self.entity.end
        while a > 0 and self.norm[a - 1] not in breaks:
            a -= 1
        while b < len(self.norm) and self.norm[b] not in breaks:
            b += 1
        return a, b

    @cached_property
    def clause(self) -> tuple[int, int]:
        return self._span(CLAUSE_BREAKS)

    @cached_property
    def sentence(self) -> tuple[int, int]:
        return self._span(SENTENCE_BREAKS)

    @cached_property
    def before(self) -> str:
        """The clause before the figure, the subject's characters blanked (so 目标儿童覆盖率
        is no plan cue)."""
        a = self.clause[0]
        chars = list(self.norm[a:self.entity.start])
        s = self.entity.subject
        if s is not None:
            for k in range(max(s.start, a), min(s.end, self.entity.start)):
                chars[k - a] = " "
        return "".join(chars)

    @cached_property
    def clause_text(self) -> str:
        a, b = self.clause
        return self.norm[a:b]

    @cached_property
    def labelled_clause(self) -> str:
        """The clause with the label that heads it, when a colon opens it (就读公办学校比例：
        泰顺>85.8%)."""
        a, b = self.clause
        if a > 0 and self.norm[a - 1] in ":：":
            while a - 1 > 0 and self.norm[a - 2] not in CLAUSE_BREAKS:
                a -= 1
            a -= 1
        return self.norm[a:b]

    @cached_property
    def segment(self) -> str:
        """The part of the clause the figure stands in, a list split at 、 (规模化供水33个村
        of 其中单村供水18个村、规模化供水33个村)."""
        a, b = self.clause
        left = self.norm.rfind("、", a, self.entity.start)
        right = self.norm.find("、", self.entity.end, b)
        return self.norm[left + 1 if left >= 0 else a:right if right >= 0 else b]

    @cached_property
    def own(self) -> str:
        """The words of the figure's own part of its clause: its segment, on to the segment
        of the next figure (新建1所以失能、半失能…为主要功能的中心敬老院)."""
        a, b = self.clause
        start = self.norm.rfind("、", a, self.entity.start) + 1 or a
        for e in self.extraction.entities:
            if e.label in FIGURE_LABELS and self.entity.end <= e.start < b:
                b = max(self.entity.end, self.norm.rfind("、", self.entity.end, e.start))
                break
        return self.norm[start:b]

    @cached_property
    def after(self) -> str:
        return self.norm[self.entity.end:self.clause[1]]

    def dates_before(self) -> list[Entity]:
        a = self.clause[0]
        return [e for e in self.extraction.entities
                if e.label in ("DATE", "DEADLINE") and a <= e.start and e.end <= self.entity.start]

    # ---- what the words say -------------------------------------------------------------

    @cached_property
    def is_condition(self) -> bool:
        """A standard, a threshold or a condition, not a deliverable: an age, a duration or a
        ratio; a count of kinds before what it qualifies (4类重点对象); a rate per unit (1200元/生); a per-unit figure (每人每月,
        各配备一台); a figure by a standard (按60%的比例); a changed standard (由500元降低至200元);
        a subject naming a standard (起付标准, 年度救助限额); a money threshold (5万元以下)."""
        e, cues = self.entity, self.cues
        if self.is_level:
            return False
        if self.standard:   # the level the item's standard is to reach or has reached, unless the one it starts from
            return any(cues.condition.value(form) == "change" for _, form in cues.condition.find(self.before))
        if (e.unit and "/" in e.unit and self.field in TARGET_FIELDS) or cues.dimension(e.unit) in cues.condition_dimensions:
            return True
        if cues.standard.ends(self.subject):
            return True
        if e.unit in cues.kinds and self.after[:1] not in ("", "以", "及"):
            return True   # the kinds of what it qualifies (4类重点对象), not things delivered
        for pos, form in cues.condition.find(self.before):
            # 各 counts next to its figure (各配备一台), not as 各县区 opening the clause
            if form != "各" or len(self.before) - pos - len(form) <= 3:
                return True
        money = cues.dimension(e.unit) == "money"
        threshold = e.comparator in ("<", "<=") or (e.comparator == ">" and not any(c in e.text for c in "余多几"))
        return money and threshold

    @cached_property
    def is_summary(self) -> bool:
        """A count of the programme's items (今年确定的10件民生实事，已完成8件): the report's
        summary, no item's deliverable. The subject names the programme, or nothing while
        the programme is named right after the figure."""
        return not self.is_percent and (self.cues.programme.ends(self.subject) or (
            self.subject is None and self.cues.programme.begins(self.after)))

    @cached_property
    def in_item_name(self) -> bool:
        """Inside an item's quoted name (“完成城镇新增就业70万人”项目，已新增43.91万人): the
        name states the item's target, in whatever unit it stands."""
        norm, start, end = self.norm, self.entity.start, self.entity.end
        opening = max(norm.rfind(q, 0, start) for q in NAME_QUOTES)
        if opening < 0:
            return False
        closing = norm.find(NAME_QUOTES[norm[opening]], end)
        return (closing >= 0 and NAME_QUOTES[norm[opening]] not in norm[opening:start]
                and not any(c in SENTENCE_BREAKS for c in norm[opening:closing])
                and self.cues.item_name.begins(norm[closing + 1:]))

    @cached_property
    def is_plan(self) -> bool:
        """A plan or a target restated in a progress cell (计划完成429间, 年度目标50场,
        原计划…投资1.8亿元): a cue before it in its clause (or, for 原计划-like cues, its
        sentence), or a subject naming the plan itself."""
        if self.is_completion:
            return self.planned_share
        if self.modifies_plan or self.heads_done_part or self.plans_after:
            return True
        before = self.before
        a = self.sentence[0]
        # the sentence before the figure, its clause's subject blanked
        sentence_before = self.norm[a:self.entity.start - len(before)] + before
        cues = self.cues.plan.find(sentence_before)
        s, named = self.entity.subject, self.subject
        form = next((f for f in self.cues.plan.forms if named and named.endswith(f)), None)
        if s is not None and form and self.cues.plan.value(form) == "subject" and a <= s.start <= s.end <= self.entity.start:
            # a subject headed by a plan word names a plan, a cue where it ends (累计下达搬迁计划53.8万人)
            cues = sorted([*cues, (len(sentence_before) - (self.entity.start - s.end) - len(form), form)])
        offset = len(sentence_before) - len(before)    # where the clause begins in sentence_before
        first = min((pos - offset for pos, _ in cues if pos >= offset), default=len(before))
        if self.cues.done.any_in(before) and (
                first >= len(before) or self.cues.completing.any_in(before[:first])):
            return False   # done (已完成年度任务1200户), unless a plan is what was done (累计下达搬迁计划53.8万人)
        for pos, form in cues:
            if self.cues.plan.value(form) == "sentence":
                # a plan's sentence reaches on until it reports (原计划全年…50场，截至6月底已开展60场)
                if not self.cues.done.any_in(sentence_before[pos + len(form):]):
                    return True
                continue
            if self._heads_list(sentence_before, pos + len(form)):
                return True
            at = pos - offset   # where the cue is in the clause
            if at >= 0 and not self.cues.as_planned.ends(before[:at]):
                return True
        s = self.entity.subject
        if (not self.is_percent and s is not None and s.end <= self.entity.start and self.cues.completing.any_in(before)
                and not self.names_plan_after):
            # what was completed of what its subject before it names (完成项目投资2925.7万元); a plan
            # named after the figure is stated by it (超额完成40所的年度目标任务, whose subject is the
            # things the figure before it counted: 幼儿园48所)
            return False
        # a percentage naming a plan is a share of it, unless it is the plan's bound
        return ((self.cues.plan_noun.ends(self.subject) or self.names_plan_after and not self.is_percent)
                and (not self.is_percent or self.is_bound))

    @cached_property
    def modifies_plan(self) -> bool:
        """A figure that modifies the plan named right after it (承诺了新增就业1100万人以上的目标,
        低于3.7%的控制目标), no done or completing word before it: the plan, stated, not a report
        (已完成1500户的目标任务 reports the target reached)."""
        if self.cues.done.any_in(self.before) or self.cues.completing.any_in(self.before):
            return False   # what was done, the plan it fulfils named after it (已完成1200户的任务)
        return self.names_plan_after

    @cached_property
    def plans_after(self) -> bool:
        """The subject of a plan that follows it in its clause (全部7处公园计划7月1日前对外开放): a
        plan cue right after the figure (and its subject after it), no done word before it in its
        clause — a target stated in a progress cell, not progress."""
        if self.is_percent or self.cues.done.any_in(self.before) or self.cues.completing.any_in(self.before):
            return False
        s, rest = self.entity.subject, self.after
        if s is not None and s.start == self.entity.end:
            rest = self.norm[s.end:self.clause[1]]
        form = next((f for f in self.cues.plan.forms if rest.startswith(f)), None)
        return form is not None and not rest.startswith(form + "的")

    @cached_property
    def names_plan_after(self) -> bool:
        """The plan named right after the figure and 的 (1100万人以上的目标, 40所的年度目标任务)."""
        after = self.after.lstrip()
        post = next((f for f in self.cues.comparator_post.forms if after.startswith(f)), "")
        after = after[len(post):]    # a comparator left outside the figure (1100万人以上的目标)
        return after.startswith("的") and self.cues.plan_after.begins(after[1:])

    @cached_property
    def heads_done_part(self) -> bool:
        """The whole of which a part is done, named right after it (30个小区中已有3个完成改造):
        the task, stated in a progress cell; the part after it answers it."""
        s = self.entity.subject   # the cue may run over a comma (56个项目中，已完工12个): read the sentence
        named = s is not None and s.start >= self.entity.end and self.norm[self.entity.end:s.start].strip() == ""
        after = self.norm[s.end if named and s is not None else self.entity.end:self.sentence[1]].lstrip()
        return self.cues.part_after.begins(after)

    @cached_property
    def planned_share(self) -> bool:
        """A share of the work planned by now (计划完成工程量5%, 应完成5%), which the actual share
        answers (ITEMS.md, "Interim plans"): a completion percent after a planning word right
        before a completing verb in its clause (not 任务完成80%: a task is no plan of a share)."""
        if self.entity.kind != "completion":
            return False
        before = self.before
        return any(self.cues.completing.begins(before[at + len(form):]) and not self.cues.as_planned.ends(before[:at])
                   for at, form in self.cues.plan_verb.find(before))

    def _heads_list(self, sentence_before: str, end: int) -> bool:
        """A plan word that labels the clauses after its colon (目标任务为：开工改造小区1500个，投资
        完成率达到50%及以上): nothing but 为/是 between it and the colon, and no done word after."""
        rest = sentence_before[end:]
        colon = next((k for k, c in enumerate(rest) if c in ":："), None)
        return (colon is not None and rest[:colon] in PLAN_LABEL_JOINS
                and not self.cues.done.any_in(rest[colon + 1:]))

    @property
    def is_bound(self) -> bool:
        """A plan's upper bound, reached (低于3.7%的控制目标, 控制在5%以内的目标): at most, and a
        subject naming the plan. Above one (高于5%的预期目标) may be a target beaten or a
        ceiling broken (高于5.5%的控制目标): not read."""
        return self.entity.comparator in ("<", "<=") and self.cues.plan_noun.ends(self.subject)

    @cached_property
    def reports(self) -> bool:
        """Its clause or sentence reports progress (已, 累计, 截至, 完成 …), not a plan."""
        before = self.norm[self.sentence[0]:self.entity.start]
        for word in self.cues.hiding.forms:
            before = before.replace(word, " " * len(word))
        return self.cues.done.any_in(before) or self.cues.report.any_in(before)

    @cached_property
    def is_context(self) -> bool:
        """In a target cell, a stock or what is already done (全市共有7个考点, 已经安装空调32间)."""
        return self.cues.context.any_in(self.before)

    @cached_property
    def is_cumulative(self) -> bool:
        return self.cues.cumulative.any_in(self.norm[self.sentence[0]:self.entity.start])

    @cached_property
    def is_part(self) -> bool:
        """A part of the figure before it (其中扶贫贷款发174.5万元)."""
        return self.cues.breakdown.any_in(self.norm[self.sentence[0]:self.entity.start])

    @cached_property
    def part_label(self) -> str | None:
        """What a part names besides its subject, between the breakdown word (or the 、 of the
        list under it) and the figure: 安化县 of 其中安化县4.2万人、桃江县1.51万人."""
        if not self.is_part:
            return None
        a = self.clause[0]
        begin = self.norm.rfind("、", a, self.entity.start) + 1 or a
        text = self.norm[begin:self.entity.start]
        found = self.cues.breakdown.find(text)
        if found:
            text = text[found[-1][0] + len(found[-1][1]):]
        label = text.strip(LABEL_TRIM)
        subject = self.subject or ""
        if len(label) < 2 or (subject and (label in subject or subject in label)):
            return None
        return label

    @cached_property
    def total(self) -> Entity | None:
        """The total a part stands under (已开工39所，其中幼儿园11所 → 39所): the last figure of
        its label and unit before the breakdown word in its sentence, when nothing reports
        anew between the word and the part (not 已竣工8所 after the list)."""
        a = self.sentence[0]
        found = self.cues.breakdown.find(self.norm[a:self.entity.start])
        if not found:
            return None
        cue = a + found[-1][0]
        if self.cues.done.any_in(self.norm[cue:self.entity.start]):
            return None
        totals = [e for e in self.extraction.entities if e.label == self.entity.label and e.unit == self.entity.unit
                  and a <= e.start and e.end <= cue]
        return totals[-1] if totals else None

    @cached_property
    def is_level(self) -> bool:
        """The level a standard is set to (提高到每人每月609元, 分别降低至200元、400元): a level
        verb before it in its clause with nothing between but per-unit and comparator words and
        the list it stands in."""
        a = self.clause[0]
        before = self.norm[a:self.entity.start]
        last = self.last_before(self.cues.level)
        if last is None:
            return False
        pos, verb = last
        between = list(before[pos + len(verb):])
        for e in self.extraction.entities:
            if e.label in FIGURE_LABELS and a + pos + len(verb) <= e.start and e.end <= self.entity.start:
                between[e.start - a - pos - len(verb):e.end - a - pos - len(verb)] = " " * (e.end - e.start)
        rest = "".join(between)
        for at, form in self.cues.per_unit.find(rest):
            rest = rest[:at] + " " * len(form) + rest[at + len(form):]
        return len(rest.replace(" ", "").replace("、", "")) <= LEVEL_GAP

    def last_before(self, words: Words) -> tuple[int, str] | None:
        """The last of `words` in the clause before the figure: (its place in the clause, the form)."""
        found = words.find(self.norm[self.clause[0]:self.entity.start])
        return found[-1] if found else None

    @cached_property
    def is_remainder(self) -> bool:
        """What is still missing (还差300多例, 剩余4公里), not what was done: a cue before it
        in its clause, not wholly inside its subject (剩余劳动力 names what is counted; 还差
        read with 差 as the subject is still a cue)."""
        return self.cue_before(self.cues.remainder)

    def cue_before(self, words: Words) -> bool:
        """One of `words` in the clause before the figure, not wholly inside its subject."""
        a = self.clause[0]
        s = self.entity.subject
        for pos, form in words.find(self.norm[a:self.entity.start]):
            if s is None or not (s.start <= a + pos and a + pos + len(form) <= s.end):
                return True
        return False

    @cached_property
    def is_outside(self) -> bool:
        """What it counts is outside the group the item serves (对不属于4类重点对象…的6086户): an
        outside cue before it in its sentence."""
        return self.cues.outside.any_in(self.norm[self.sentence[0]:self.entity.start])

    @cached_property
    def is_accessory(self) -> bool:
        """A figure of those a deliverable reached (惠及农户1200户, 涉及居民22.98万户), not
        the deliverable."""
        a = self.clause[0]
        return self.cues.accessory.any_in(self.norm[self.norm.rfind("、", a, self.entity.start) + 1 or a:self.entity.start])

    @cached_property
    def is_new(self) -> bool:
        return self.cues.new.any_in(self.before)

    @cached_property
    def is_period(self) -> bool:
        """A figure for a stretch of the year (第二季度…82批次, 6月份办件2856件), not from
        its start: a date before it in its clause that does not begin on January 1."""
        for e in self.dates_before():
            if e.label == "DATE" and isinstance(e.value, list):
                start, end = (dt.date.fromisoformat(v) for v in e.value)
                if (start.month, start.day) != (1, 1) and (end - start).days < 360:
                    return True
        return False

    @cached_property
    def listed_at(self) -> tuple[int, list[str]] | None:
        """Its place in a list of figures that a respectively cue pairs with a list of things
        (城镇、农村…分别由574元、271元提高到609元、300元 → 300元: (1, ["将城镇", "农村低保…水平"])):
        its index in its run of figures joined by 、, and the 、-pieces of its clause before the
        cue, as many as the run has figures."""
        a, b = self.clause
        found = self.cues.respectively.find(self.norm[a:self.entity.start])
        if not found:
            return None
        pos, form = found[0]
        after = [e for e in self.extraction.entities
                 if e.label in FIGURE_LABELS and a + pos + len(form) <= e.start and e.end <= b]
        runs: list[list[Entity]] = []
        for e in after:
            if runs and self.norm[runs[-1][-1].end:e.start].strip() in LIST_JOINS:
                runs[-1].append(e)
            else:
                runs.append([e])
        run = next((r for r in runs if any(e is self.entity for e in r)), [])
        pieces = self.norm[a:a + pos].split("、")
        if len(run) < 2 or len(pieces) != len(run):
            return None
        return next(k for k, e in enumerate(run) if e is self.entity), pieces

    @cached_property
    def is_step(self) -> bool:
        """A step before the level it reaches (入园率提升8%，达到80%)."""
        b = self.before.rstrip()
        return any(b.endswith(form) for form in self.cues.increase.forms)

    @cached_property
    def stage(self) -> str:
        """prepare, start, done or build: the stage words of its clause (复核, 名单 …; 开工, 在建;
        建设完成), build when it names a construction and no stage (2.5万套人才公寓建设)."""
        if self.names_plan_after:
            return "build"   # 超额完成1万套的年度目标任务: 完成 fulfils the plan, the work has no stage here
        kinds = {self.cues.stage.value(form) for _, form in self.cues.stage.find(self.clause_text)}
        for stage in ("prepare", "start", "done", "build"):
            if stage in kinds:
                return stage
        return "done"


def standard_item(extractions: list[tuple[str, Extraction]], cues: Cues) -> bool:
    """An item that sets a standard (提高城乡低保标准, a row named 城市低保标准): a clause of a target
    or name unit that opens with a verb that raises or sets a standard it names (`standard_head`),
    or a row's label that ends with one. Its money figures are the standard's levels, not conditions: the level to reach
    (标准不低于3480元/年) and the level reached (已达到644元/月, 已按每人每月75元的标准发放)."""
    for fld, ext in extractions:
        if fld not in TARGET_FIELDS:
            continue
        label = not any(e.label in FIGURE_LABELS for e in ext.entities)   # a row's indicator name
        for clause in CLAUSE_SPLIT.split(normalize(ext.text)):
            clause = clause.strip(" ()（）")
            heads = cues.standard.find(clause)
            if not heads:
                continue
            if (label and clause.endswith(heads[-1][1])) or cues.increase.begins(clause) or cues.level.begins(clause):
                return True
    return False


def read_figures(extractions: list[tuple[str, Extraction]], cues: Cues) -> list[Found]:
    """Every QUANTITY and PERCENT of the item's units, in order. A percentage listed right
    after a stated completion is one too (分别完成年度目标任务的81.73%、111.13%、91.34%)."""
    out: list[Found] = []
    for k, (fld, ext) in enumerate(extractions):
        norm = normalize(ext.text)
        last: Found | None = None
        for e in ext.entities:
            if e.label in FIGURE_LABELS and e.value is not None:
                in_list = last is not None and norm[last.entity.end:e.start].strip() == "、"
                listed = in_list and last is not None and last.is_completion and e.label == "PERCENT"
                found = Found(Figure(k, e.start, e.end, e), fld, norm, ext, cues, listed=listed,
                              share=last is not None and _share_of(last, e, cues))
                found.per = _per(found) or (last.per if in_list and last is not None else None)
                out.append(found)
                last = found
    return out


_SHARE_GAP = "()（）,，、 　"   # what may stand between a figure and its share besides a share cue


def _share_of(last: Found, e: Entity, cues: Cues) -> bool:
    """A percentage with no subject of its own, or a completion share (which may carry the
    task it completes: 6个老旧小区改造正在施工中（90%）), that states the share of the count or
    amount right before it in its sentence, in a progress unit (已完成1个（50%）, 已完成篩查
    16510名，達到101.91%): nothing between them but brackets, commas and a share cue, or the
    percentage alone in brackets."""
    if (e.label != "PERCENT" or e.subject is not None and e.kind != "completion" or last.is_percent
            or last.field not in PROGRESS_FIELDS):
        return False
    gap = last.norm[last.entity.end:e.start]
    if any(c in SENTENCE_BREAKS for c in gap):
        return False
    if gap.endswith("(") and last.norm[e.end:e.end + 1] == ")":
        return True      # a bracketed share closing the statement (6个老旧小区改造正在施工中（90%）)
    words = gap.strip(_SHARE_GAP)
    return not words or words in cues.share.forms


def _per(f: Found) -> str | None:
    """The head a money rate is per: the slash unit's (365.95元/人.月 → 人), or a per-unit word
    right before the figure in its clause (每人每月609元, 月人均补助不低于330元 → 人)."""
    unit = f.entity.unit or ""
    if f.is_percent or f.cues.dimension(unit.split("/")[0]) != "money":
        return None
    if "/" in unit:
        return unit.split("/", 1)[1][:1] or None
    last = f.last_before(f.cues.per_unit)
    if last is None:
        return None
    pos, form = last
    if any(e.label in FIGURE_LABELS and f.clause[0] + pos < e.start < f.entity.start for e in f.extraction.entities):
        return None      # another figure stands between: the word is its
    return str(f.cues.per_unit.value(form))
