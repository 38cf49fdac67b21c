"""Item facts: the indicators of one item, how far each has got and whether the item is
on schedule (ITEMS.md). `assess` works on the extractions of the item's text units;
`item_facts` extracts them first (the Python contract outside scorers call)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Mapping, Protocol, Sequence

from ..core.dates import parse_ref_date
from ..core.entities import Entity, Extraction, TextExtractor
from ..core.lexicon import Lexicon
from ..core.vocab import FIELDS
from ..documents.headers import header_field
from ..engine.normalize import normalize
from ..engine.values.numbers import as_json_number, parse_number
from .figures import PROGRESS_FIELDS, SENTENCE_BREAKS, TARGET_FIELDS, Cues, Found, Words, read_figures, standard_item
from .linking import (Chosen, answering, figure_before, figures_before, indicators, link, progress_of, prints_share,
                      reported, stated_completions, targets_of)
from .model import Assessment, Figure, worst
from .schedule import as_of_date, expected_share, item_period
from .status import StatusWord, figure_status, listed_indicator, named_indicator, status_words

SAID = "said"         # the extraction field of a statement of the item's group (said_units)
UNIT_FIELD = "unit"   # a column that gives the unit of the bare numbers of the row (计量单位)


def _header_hint(name: str) -> str:
    """What a report's column header given as a field (目标任务) most likely names. A hint,
    not a mapping: headers are ambiguous out of their table (单位 is a responsible unit
    in one report and a measure word's column in another). `text`, the field of headers that
    name no field (备注, 计量单位), is no hint."""
    field = header_field(name)
    return f", a column header: its field is probably {field!r}" if field in FIELDS and field != "text" else ""


class LexiconExtractor(TextExtractor, Protocol):
    """An extractor with its lexicons (minsheng_ie.Extractor is one)."""
    lexicons: dict[str, Lexicon]


def item_facts(units: list[tuple[str, str]] | Mapping[str, str], extractor: LexiconExtractor, *,
               ref_date: Any = None, as_of: Any = None, said: Sequence[str] = ()) -> Assessment:
    """The facts of one item from its text units, `(field, text)` pairs (a field may repeat;
    a dict `{field: text}` is accepted). Fields are those of extract() (target, progress,
    status, rate, name, responsible …) plus `unit`, a unit column for bare numbers.
    `ref_date`: the report's date; `as_of`: the date the report's figures are as of, when
    the caller knows it (a report titled 3月进展: March 31); a date the item states its
    figures at (截至6月底) comes first, `ref_date` last. `said`: what the report says of a
    group the item is in (上述6项实事均超额完成年度目标任务, facts.groups), read as status cells."""
    pairs = list(units.items()) if isinstance(units, Mapping) else list(units)
    for k, pair in enumerate(pairs):
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise TypeError(f"item_facts() takes (field, text) pairs of str; unit {k} is {pair!r}")
        if pair[0] not in FIELDS and pair[0] != UNIT_FIELD:
            raise ValueError(f"unit {k}: unknown field {pair[0]!r}{_header_hint(pair[0])} "
                             f"(use one of {', '.join(FIELDS)}, {UNIT_FIELD})")
    ref = parse_ref_date(ref_date)
    extractions = [(fld, extractor.extract(text, ref_date=ref, field=fld) if fld != UNIT_FIELD
                    else Extraction(text, ())) for fld, text in pairs]
    if isinstance(said, str) or not all(isinstance(x, str) for x in said):
        raise TypeError(f"item_facts() takes `said` as a list of str, not {said!r}")
    return assess(extractions + said_units(said), extractor.lexicons, ref, parse_ref_date(as_of))


def said_units(said: Sequence[str]) -> list[tuple[str, Extraction]]:
    """Statements made of the item's group, as status cells: their words count for the item,
    their figures (上述6项) are the group's, not the item's, and they name none of the item's
    indicators (126项民生实事均全部完成: the item is done, a figure of it with no progress stays unknown)."""
    return [("status", Extraction(text, (), field=SAID)) for text in said]


def assess(units: list[tuple[str, Extraction]], lexicons: dict[str, Lexicon], ref: dt.date | None,
           as_of: dt.date | None = None) -> Assessment:
    """The facts of an item whose text units are already extracted; `as_of` as for
    item_facts."""
    cues = Cues(lexicons)
    figures = read_figures(units, cues) + _column_figures(units, cues)
    if standard_item(units, cues):
        for f in figures:
            f.standard = not f.is_percent and cues.dimension((f.unit or "").split("/")[0]) == "money"
    targets = targets_of(figures)
    chosen = indicators(targets, link(targets, progress_of(figures, targets)))
    item_stated = stated_completions(figures, chosen, _whole_task(figures, cues))

    as_of = as_of_date(units, ref, lexicons) or as_of or ref
    year = as_of.year if as_of else None
    start, deadline = item_period(units, year, lexicons, _stated_deadlines(targets))
    expected = expected_share(as_of, start, deadline)

    for ind, t, p in chosen:
        share = ind.completion if ind.completion is not None else ind.stated_completion
        ind.status = figure_status(share, ind.met, expected)
        if t is not None and p is not None and t.planned_share:
            # the share planned by now against the share done (应完成5%，实际完成6%): on schedule or not
            ind.status = "on_track" if p.value >= t.value else "behind"
    item_words, used = _weigh_words(units, figures, chosen, lexicons, cues)
    status = worst([ind.status for ind, _, _ in chosen] + item_words)
    if status == "unknown" and item_stated is not None:
        status = figure_status(item_stated, None, expected)
    return Assessment(units=[(f, e.text) for f, e in units], ref_date=ref, as_of=as_of, start=start,
                      end=deadline, expected=expected, indicators=[ind for ind, _, _ in chosen],
                      stated_completion=item_stated, status=status, status_words=used)


def _weigh_words(units: list[tuple[str, Extraction]], figures: list[Found], chosen: list[Chosen],
                 lexicons: dict[str, Lexicon], cues: Cues) -> tuple[list[str], list[str]]:
    """Weigh the status words (ITEMS.md, "Status words"): each sets the status of the
    indicator it names (a lagging word over a computed on_track, never over done), and
    returns the statuses that speak for the item, and the words used. A status cell speaks
    for the whole item (a node reached, 已完成二季度任务: on track); in a progress cell a
    lagging word does, a done word only when it names nothing else (已完成。) or, in an item
    with no target figure, nothing but what the item's target names (…已完成关闭退出任务); a
    finished node or part
    does not. A word in a clause whose figures answer a target adds nothing to them."""
    delivered = reported(figures, chosen)
    speaking = {id(f) for _, t, p in chosen for f in (t, p) if f is not None}
    untargeted = all(t is None for _, t, _ in chosen)
    item_text = [normalize(e.text) for f, e in units if f in TARGET_FIELDS]
    item_words: list[str] = []
    used: list[str] = []
    # an on-track word of a status cell (基本完成, 按序时推进) speaks for what no figure does
    computed = any(ind.status != "unknown" for ind, _, _ in chosen)
    for word in status_words(units, Words(lexicons.get("status_word")), cues.stage,
                             Words(lexicons.get("item_word")), Words(lexicons.get("intent_word")),
                             Words(lexicons.get("status_join")), Words(lexicons.get("cell_word"))):
        if word.prepares and word.status == "done":
            continue   # a finished tender finishes nothing
        if any(id(f) in speaking for f in figures
               if f.figure.unit_index == word.unit_index and word.start <= f.entity.start < word.end):
            continue
        if word.field != "progress":
            status = "on_track" if word.node else word.status
            if status != "on_track" or not computed:
                item_words.append(status)
            said = units[word.unit_index][1].field == SAID
            if status != "behind" and not word.node and not said:
                # a node reached says nothing of each figure, nor a statement of the item's group
                for ind, _, _ in chosen:
                    ind.status = status if ind.status == "unknown" else ind.status
            used.append(word.word)
            continue
        if word.node:
            continue
        named = named_indicator(word, chosen) or listed_indicator(word, chosen)
        if named is None:
            norm = normalize(units[word.unit_index][1].text)
            sentence = max((k + 1 for k in range(word.start) if norm[k] in SENTENCE_BREAKS), default=0)
            f = figure_before(word.unit_index, sentence, word.start, delivered, chosen)
            # a word of the task (超额完成年度目标任务) speaks of the figure before it like a share;
            # in a clause of its own (…共6座，新增…3350吨/天，完成年度目标任务) of the last one of each
            # unit in its sentence (parts before a total, 养护院(80张)…共计229张, are the total's)
            of_task = cues.plan_noun.any_in(word.clause)
            if of_task and word.bare:
                last = {g.unit_class: g for g in figures_before(word.unit_index, sentence, word.start, delivered)}
                for g in last.values():
                    answering(g, chosen, delivered)
            found = answering(f, chosen, delivered) if f is not None and (id(f) in speaking or of_task) else None
            named = found[0] if found else None
        if named is not None and (named.status == "unknown" or (word.status == "behind" and named.status != "done")):
            named.status = word.status
        if word.status == "behind" or (word.status == "on_track" and not computed):
            item_words.append(word.status)
        elif word.bare or (untargeted and any(word.names_only(text) for text in item_text)
                           and not _under_way(units, word, cues)):
            item_words.append("done")
            for ind, _, _ in chosen:
                ind.status = "done" if ind.status == "unknown" else ind.status
        used.append(word.word)
    return item_words, used


def _stated_deadlines(targets: list[Found]) -> list[dt.date]:
    """The deadlines in the clauses of the targets a progress unit states (全部7处公园计划7月1日前
    对外开放 → July 1): the date the item's stated task is due."""
    out = []
    for t in targets:
        if t.field not in PROGRESS_FIELDS:
            continue
        a, b = t.clause
        out += [dt.date.fromisoformat(e.value) for e in t.extraction.entities
                if e.label == "DEADLINE" and isinstance(e.value, str) and a <= e.start and e.end <= b]
    return out


def _under_way(units: list[tuple[str, Extraction]], word: StatusWord, cues: Cues) -> bool:
    """Another clause of the progress says a part is still being prepared or started
    (绿化工作已完成，启动照明、防雷设施改造前期工作): the done word names a part, not the item."""
    for k, (fld, ext) in enumerate(units):
        if fld not in PROGRESS_FIELDS:
            continue
        norm = normalize(ext.text)
        for pos, form in cues.stage.find(norm):
            if cues.stage.value(form) in ("prepare", "start") and not (k == word.unit_index and word.start <= pos < word.end):
                return True
    return False


def _whole_task(figures: list[Found], cues: Cues) -> list[Found]:
    """The completion percents that state the whole task: of the task itself (完成年度任务的
    85%, 完成率 or a 完成率 column), or of one thing when the item states one (项目已完成80%);
    several things done to different shares are parts (主体结构完成90%，车库主体完成60%)."""
    shares = [f for f in figures if f.is_completion and f.field in PROGRESS_FIELDS]
    whole = [f for f in shares if f.subject is None or cues.plan_noun.ends(f.subject) or f.subject == "完成率"]
    things = {f.subject for f in shares if f not in whole}
    return whole + ([f for f in shares if f not in whole] if len(things) == 1 else [])


def _column_figures(units: list[tuple[str, Extraction]], cues: Cues) -> list[Found]:
    """Cells that hold a bare number (ITEMS.md, "Bare numbers in unit columns"): figures of
    the unit the row's unit column gives (none given: of one unknown unit; in a rate cell:
    a completion percent), named by the row's name, for linking. A label ending with a
    comparator bounds a bare target (城镇登记失业率低于(%) | 4.3). A bare number in a cell of a
    column no field names (`text`: 总投资, 备注) is neither: what it counts is not said."""
    columns = [normalize(e.text).strip(" ()（）") for f, e in units if f == UNIT_FIELD]
    unit = columns[0] if columns else None
    entry = cues.lexicons["unit"].forms.get(unit or "") if "unit" in cues.lexicons else None
    canonical = "%" if unit in ("%", "％") else entry.canonical if entry else unit
    names = [e.text for f, e in units if f == "name"]
    bound = _label_comparator(units, cues)
    rated = None if columns else _unit_by_rate(units)
    out = []
    for k, (fld, ext) in enumerate(units):
        # a bare number in a cell that is no target or progress (总投资 | 1800: the project's
        # scope, 编号) says nothing of how far the year's work has got
        if fld not in TARGET_FIELDS | PROGRESS_FIELDS or fld in ("name", "text") or any(
                e.label in ("QUANTITY", "PERCENT") for e in ext.entities):
            continue
        text = ext.text.strip()
        number = parse_number(normalize(text))
        if number is None or not text:
            continue
        start = ext.text.index(text)
        percent = canonical == "%" or fld == "rate"
        unit_of = rated(number) if rated is not None and fld in PROGRESS_FIELDS and not percent else canonical
        entity = Entity("PERCENT" if percent else "QUANTITY", start, start + len(text), text,
                        as_json_number(number), "facts.unit_column", unit=None if percent else unit_of,
                        comparator=bound if fld == "target" else None,
                        kind="completion" if percent and fld == "rate" else None)
        out.append(Found(Figure(k, entity.start, entity.end, entity), fld, normalize(ext.text), ext, cues,
                         named=names[0] if names else None))   # the row's name names it
    return out


def _unit_by_rate(units: list[tuple[str, Extraction]]) -> Callable[[Any], str | None] | None:
    """For a row with no unit column: the unit a bare progress number takes from the row's one
    target figure when the row's printed completion rate is their quotient (目标 2500人 | 完成
    3321 | 完成率 133%: 3321/2500 = 132.84 %, the text says they count alike), else none."""
    targets = [e for f, ext in units if f in TARGET_FIELDS and f != "name" for e in ext.entities
               if e.label == "QUANTITY" and isinstance(e.value, (int, float)) and e.value]
    rates = [e for f, ext in units if f == "rate" for e in ext.entities if e.label == "PERCENT"]
    rates += [Entity("PERCENT", 0, 0, t, as_json_number(n), "")
              for f, ext in units if f == "rate" and not ext.entities
              for t in [ext.text.strip()] if (n := parse_number(normalize(t).rstrip("%％"))) is not None]
    if len(targets) != 1 or not rates:
        return None
    target = targets[0]
    digits = re.match(r"[\d.]+", normalize(target.text))
    if digits is None or float(digits.group()) != target.value:
        return None   # a target written with a multiplier (316万元): the bare number's scale is unknown

    def unit(number: Any) -> str | None:
        for r in rates:
            if isinstance(r.value, (int, float)) and prints_share(r.text, r.value, float(number) / target.value):
                return target.unit
        return None
    return unit


def _label_comparator(units: list[tuple[str, Extraction]], cues: Cues) -> str | None:
    """The comparator a row's label puts on its bare target (城镇登记失业率低于(%) | 4.3: at most
    4.3): a label of the target or name cells, with no figure, ending with a comparator word
    before its bracketed unit."""
    for fld, ext in units:
        if fld in TARGET_FIELDS and not any(e.label in ("QUANTITY", "PERCENT") for e in ext.entities):
            label = normalize(ext.text).strip()
            label = label[:label.rfind("(")] if label.endswith(")") and "(" in label else label
            form = next((f for f in cues.comparator_pre.forms if label.endswith(f)), None)
            if form is not None:
                return str(cues.comparator_pre.value(form))
    return None
