"""Generated responsibility lists: every member is found once, with its exact span and role.

The generator writes agency-like names that are not in the gazetteer (a level or a place,
random stems, a body ending), collectives (各县区, 区直各部门, 各县（市、区）人民政府, 各州、市人民政府), zones
with their 管委会, task forces (…专班), short forms (区水投) and names with an alias in
brackets; joins them with every list separator; puts the list in a responsible or support
cell (with or without cues), after a role cue (牵头单位：…；配合单位：…) or before a trailing
role word (…牵头，…配合, …按职责分工负责, A牵头；B，C配合), in Simplified or Traditional script. The expected members, spans and roles come from the
generator, not from the extractor. Fast in CI; `pytest --hypothesis-profile=long
tests/test_responsibility_lists.py -s` runs 100,000 texts and prints the counts.
"""
from __future__ import annotations

from collections import Counter

import hypothesis.strategies as st
import opencc
import pytest
from hypothesis import given

from minsheng_ie import default_extractor

EXT = default_extractor()
S2T = opencc.OpenCC("s2t")
COUNTS: Counter = Counter()

# characters for invented place names and stems: no numerals, no calendar or function words
NAME_CHARS = "东西南北华新城山海河湖江泉林石金玉龙凤春阳光明安宁平康泰丰源兴盛昌桃李云溪峰岭洲湾桥滨"
LEVELS = ["市", "区", "县", "省", "州"]
PLACE_ENDS = ["市", "区", "县", "镇"]
STEMS = ["教育", "卫生健康", "民政", "医疗保障", "住房保障", "城乡建设", "交通运输", "水务", "农业农村",
         "林业", "自然资源", "生态环境", "文化旅游", "体育", "商务", "科技", "工业信息化", "大数据",
         "政务服务", "市场监管", "应急管理", "退役军人事务", "人力资源", "社会保障", "城市更新", "园林绿化",
         "海洋渔业", "乡村振兴", "数字经济", "社会治理", "公共资源交易", "机关事务", "档案", "粮食物资",
         "能源", "气象", "人防", "产业发展", "投资促进", "营商环境", "公用事业", "港口航运", "供水排水",
         "污水处理", "城市运行", "网格化服务", "综合执法", "国有资产", "融媒体", "老龄工作", "残疾人工作"]
BODY_ENDINGS = ["局", "委", "办", "中心", "服务中心", "发展中心", "事务中心", "管理局", "办公室", "公司", "集团",
                "有限公司", "大队", "支队", "分局", "管委会"]
COLLECTIVES = ["各县区", "各街道", "各乡镇", "各镇街", "各相关单位", "各有关单位", "各成员单位", "区直各部门",
               "市直有关单位", "县直各部门", "相关管委会", "各县（市、区）人民政府", "各乡镇（街道）",
               "各街道办事处", "各区人民政府", "各县市区政府", "有关镇街"]
ZONES = ["经开区", "高新区", "经济技术开发区", "工业园区", "综合保税区", "旅游度假区", "产业园区"]
SHORT = ["水投", "城投", "交投", "文旅投", "国投", "农投", "城建", "水务"]
TASKS = ["工作专班", "专班", "指挥部", "推进办", "领导小组办公室"]
ALIASES = ["代建办", "粮食局", "市政务服务中心管理办公室", "国资委", "人防办", "地方志办公室"]


@st.composite
def place(draw) -> str:
    if draw(st.booleans()):
        return draw(st.sampled_from(LEVELS))
    name = "".join(draw(st.lists(st.sampled_from(NAME_CHARS), min_size=2, max_size=2)))
    return name + draw(st.sampled_from(PLACE_ENDS))


@st.composite
def unit(draw) -> str:
    """One unit, Simplified. Every kind starts with a level, a place or a collective word,
    or ends like a body, so a weak separator (和 及) before or after it splits the list."""
    kind = draw(st.sampled_from(["body", "body", "body", "collective", "zone", "short", "task", "alias", "levels"]))
    if kind == "collective":
        return draw(st.sampled_from(COLLECTIVES))
    if kind == "levels":   # 各 governs every level before the shared head: 各州、市、县人民政府
        levels = draw(st.lists(st.sampled_from(LEVELS + ["乡", "镇", "旗"]), min_size=2, max_size=4, unique=True))
        return "各" + "、".join(levels) + draw(st.sampled_from(["人民政府", "政府"]))
    if kind == "zone":
        return draw(st.sampled_from(["", draw(place())])) + draw(st.sampled_from(ZONES)) + "管委会"
    if kind == "short":
        return draw(st.sampled_from(["市", "区", "县"])) + draw(st.sampled_from(SHORT))
    stems = "".join(draw(st.lists(st.sampled_from(STEMS), min_size=1, max_size=2, unique=True)))
    if kind == "task":
        return draw(place()) + stems + draw(st.sampled_from(TASKS))
    name = draw(place()) + stems + draw(st.sampled_from(BODY_ENDINGS))
    if kind == "alias":
        name += draw(st.sampled_from(["（", "("])) + draw(st.sampled_from(ALIASES)) + draw(st.sampled_from(["）", ")"]))
    return name


SEPARATORS = ["、", "，", ",", "；", ";", " ", "和", "及", "以及", "、"]
TIGHT = ["、", "和", "及", " "]


def _join(pieces: list[tuple[str, str | None]]) -> tuple[str, list[tuple[int, int, str]]]:
    """Text from (piece, role) pairs, where a piece with a role is a unit: the text and the
    expected (start, end, role) of every unit."""
    text, spans = "", []
    for piece, role in pieces:
        if role is not None:
            spans.append((len(text), len(text) + len(piece), role))
        text += piece
    return text, spans


WEAK = ("和", "及", "以及")
# a function word glues to an invented place name after it when the segmenter knows the
# pair as a word (和丰, 由云山): no list can see the name's start then, so only names that
# begin with a level or a collective word follow one (docs/annotation.md)
STARTS = tuple(LEVELS) + ("各", "相关", "有关")


@st.composite
def members(draw, role: str, seps: list[str]) -> list[tuple[str, str | None]]:
    names = draw(st.lists(unit(), min_size=1, max_size=5, unique=True))
    out: list[tuple[str, str | None]] = []
    for k, name in enumerate(names):
        if k:
            sep = draw(st.sampled_from(seps))
            if sep in WEAK and not name.startswith(STARTS):
                sep = "、"
            out.append((sep, None))
        out.append((name, role))
    return out


@st.composite
def responsibility_text(draw):
    """(text, field, expected spans and roles)."""
    layout = draw(st.sampled_from(["cell", "cell_support", "cell_cues", "support_cell", "cue", "trailing",
                                   "bracket", "lead_group"]))
    if layout == "cell":
        return _join(draw(members("lead", SEPARATORS))) + ("responsible",)
    if layout == "support_cell":   # a 配合单位 column
        return _join(draw(members("support", SEPARATORS))) + ("support",)
    if layout == "cell_cues":      # 牵头单位：A、B\n配合单位：C，D
        pieces = [(draw(st.sampled_from(["牵头单位：", "责任单位:", "牵头部门 "])), None)]
        pieces += draw(members("lead", SEPARATORS))
        pieces += [(draw(st.sampled_from(["\n配合单位：", "；协办单位：", "\n配合部门:"])), None)]
        return _join(pieces + draw(members("support", SEPARATORS))) + ("responsible",)
    if layout == "cell_support":   # A、B，C、D配合: a comma ends the trailing word's reach
        pieces = draw(members("lead", SEPARATORS)) + [("，", None)] + draw(members("support", TIGHT))
        return _join(pieces + [(draw(st.sampled_from(["配合", "协办", "配合。"])), None)]) + ("responsible",)
    if layout == "lead_group":     # A、B牵头；C、D，E配合: after the semicolon a trailing word reaches over commas
        pieces = draw(members("lead", TIGHT)) + [(draw(st.sampled_from(["牵头；", "牵头;"])), None)]
        pieces += draw(members("support", ["、", "，", ",", "、"]))
        return _join(pieces + [(draw(st.sampled_from(["配合", "配合。", "积极配合"])), None)]) + ("responsible",)
    if layout == "bracket":        # A（牵头）、B、C in a responsible cell
        pieces = draw(members("lead", ["、"]))[:1] + [("（牵头）、", None)] + draw(members("lead", ["、", "，"]))
        return _join(pieces) + ("responsible",)
    field = draw(st.sampled_from(["target", "progress", "plan"]))
    prose = draw(st.sampled_from(["新建公办幼儿园15所。", "完成老旧小区改造30个，", "", "年底前完成。"]))
    if layout == "cue":
        lead_cue = draw(st.sampled_from(["牵头单位：", "责任单位：", "牵头部门:", "责任单位为"]))
        pieces = [(prose + "（" + lead_cue, None)] + draw(members("lead", SEPARATORS))
        if draw(st.booleans()):
            cue = draw(st.sampled_from(["；配合单位：", "；协办单位：", "，共同责任单位："]))
            pieces += [(cue, None)] + draw(members("support", SEPARATORS))
        return _join(pieces + [("）", None)]) + (field,)
    # trailing role words in running text: 由A牵头，B、C配合实施 (由 before a name that
    # begins with a level; before an invented place the segmenter may glue it on: 由云山)
    leads = draw(members("lead", TIGHT))
    pieces = [(prose + ("由" if leads[0][0].startswith(STARTS) else ""), None)] + leads + [("牵头，", None)]
    if draw(st.booleans()):
        pieces += draw(members("support", TIGHT)) + [(draw(st.sampled_from(["配合实施。", "配合，", "积极配合"])), None)]
    else:   # …，B、C按职责分工负责: co-responsible, lead
        pieces += draw(members("lead", TIGHT)) + [(draw(st.sampled_from(["按职责分工负责）", "共同负责。"])), None)]
    return _join(pieces) + (field,)


def _traditional(text: str) -> str | None:
    t = S2T.convert(text)
    return t if len(t) == len(text) else None


def _check_running_text(case: tuple[str, list[tuple[int, int, str]]], traditional: bool, field: str) -> None:
    """The ORG entities of the case's text (in Traditional script when asked and the
    conversion keeps the offsets) are exactly the expected spans and roles."""
    text, expected = case
    if traditional:
        text = _traditional(text) or text
    got = [(e.start, e.end, e.role) for e in EXT.extract(text, field=field).entities if e.label == "ORG"]
    assert got == expected, (text, [(text[s:e], role) for s, e, role in got])


@given(responsibility_text(), st.booleans())
def test_every_member_found_with_span_and_role(case, traditional):
    text, expected, field = case
    if traditional:
        text = _traditional(text) or text
    r = EXT.extract(text, field=field)
    got = [(e.start, e.end, e.role) for e in r.entities if e.label == "ORG"]
    assert got == expected, (text, field, [(text[s:e], role) for s, e, role in got])
    COUNTS["texts"] += 1
    COUNTS["units"] += len(expected)
    COUNTS[field] += 1
    COUNTS["traditional"] += traditional


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    print(f"\nresponsibility lists: {dict(COUNTS)}")


# --- bodies outside slots: enumerations, source lines, titles -------------------------
# commissions and offices are named by short forms (a stem + 委 is rarely one: 民政委 is not)
SHORT_BODIES = ["发改委", "卫健委", "民宗委", "国资委", "人口计生委", "经信委", "农委", "扶贫办", "人防办", "外事办",
                "金融办", "信访办", "网信办", "民生办", "粮食办", "移民办", "口岸办", "台办", "侨办", "老龄办"]


@st.composite
def listed_body(draw) -> str:
    """A department as an enumeration in running text names it: a level or nothing, then a
    stem and 局 or 厅, or a commission's or an office's short form (自治区农牧厅, 教育厅,
    市档案局, 人口计生委)."""
    prefix = draw(st.sampled_from(["", "", "省", "市", "区", "县", "自治区"]))
    if draw(st.booleans()):
        return prefix + draw(st.sampled_from(SHORT_BODIES))
    return prefix + draw(st.sampled_from(STEMS)) + draw(st.sampled_from(["局", "厅"]))


@st.composite
def enumeration_text(draw):
    """(text, expected spans): a comma, then three to eight departments joined by 、 (和 or
    及 before the last), then 等单位 or the end of the clause."""
    names = draw(st.lists(listed_body(), min_size=3, max_size=8, unique=True))
    pieces: list[tuple[str, str | None]] = [(draw(st.sampled_from(["会上，", "2024年，", "经研究，"])), None)]
    for k, name in enumerate(names):
        if k:
            last = k == len(names) - 1
            pieces.append((draw(st.sampled_from(["、", "和", "及"])) if last and name.startswith(STARTS) else "、", None))
        pieces.append((name, "mention"))
    pieces.append((draw(st.sampled_from(["等单位汇报了进展。", "，分别汇报了进展。", "。"])), None))
    return _join(pieces)


@given(enumeration_text(), st.booleans())
def test_every_listed_body_found_in_running_text(case, traditional):
    _check_running_text(case, traditional, "progress")
    COUNTS["enumerations"] += 1
    COUNTS["listed bodies"] += len(case[1])


TITLES = ["常委", "副书记", "主任", "副主任", "局长", "副局长", "厅长", "主席", "副主席", "秘书长"]
PERSONS = ["齐同生", "刘慧", "王五", "李明华", "张强"]


@given(st.lists(st.tuples(listed_body(), st.sampled_from(TITLES), st.sampled_from(PERSONS)), min_size=1, max_size=3),
       st.booleans())
def test_a_body_in_a_persons_title_is_no_unit(people, traditional):
    """自治区党委常委、自治区副主席齐同生: a body right before an office holder's title is
    part of the title (ANNOTATION.md: people's titles are not ORG)."""
    text = "出席会议的有" + "，".join(body + title + person for body, title, person in people) + "。"
    if traditional:
        text = _traditional(text) or text
    got = [e.text for e in EXT.extract(text, field="text").entities if e.label == "ORG"]
    assert got == [], (text, got)
    COUNTS["titles"] += len(people)


OUTLETS = ["四川日报", "宁夏日报客户端", "人民网-河北频道", "河南发布", "新华网", "央视新闻"]


@given(st.lists(listed_body(), min_size=1, max_size=3, unique=True), st.sampled_from(OUTLETS),
       st.sampled_from(["来源：", "信息来源：", "来源:", "发布机构："]), st.booleans())
def test_a_source_line_names_bodies_not_outlets(bodies, outlet, cue, traditional):
    """来源：X — the bodies that published a page are ORG mention; a newspaper or a site is none."""
    head = "发布时间：2024-05-06 10:31 "
    pieces = [(head + cue, None)]
    for k, body in enumerate(bodies):
        if k:
            pieces.append(("、", None))
        pieces.append((body, "mention"))
    pieces.append((" 字体：[ 大 中 小 ]", None))
    text, expected = _join(pieces)
    outlet_text = head + cue + outlet + " 字体：[ 大 中 小 ]"
    if traditional:
        text, outlet_text = _traditional(text) or text, _traditional(outlet_text) or outlet_text
    got = [(e.start, e.end, e.role) for e in EXT.extract(text, field="text").entities if e.label == "ORG"]
    assert got == expected, (text, [(text[s:e], role) for s, e, role in got])
    assert [e.text for e in EXT.extract(outlet_text, field="text").entities if e.label == "ORG"] == []
    COUNTS["source lines"] += 1


# words that take a body after them, of every kind the audits met: verbs (列入, 认真落实,
# 报送至), conjunctions (以便), a speaker (我代表) and a year's 年度 (docs/annotation.md, orgaud2)
GOVERNING = ["列入", "纳入", "认真落实", "全面落实", "以便", "报送至", "我代表", "2022年度"]
OWN_LEVEL = ["市委", "区委", "县委", "省委", "市政府", "区政府", "县政府", "省政府", "县人大常委会", "市政协"]


@st.composite
def governed_body(draw):
    """(text, expected span): a clause whose body follows a governing word; the body is a
    form with its own level (市委, 区政府), an invented department, or a place's
    government (X区人民政府)."""
    kind = draw(st.sampled_from(["own_level", "department", "government"]))
    if kind == "own_level":
        body = draw(st.sampled_from(OWN_LEVEL))
    elif kind == "department":
        body = draw(st.sampled_from(LEVELS)) + draw(st.sampled_from(STEMS)) + "局"
    else:
        body = draw(place()) + "人民政府"
    # not 至 before an invented place: the segmenter may glue it to the name's first
    # character (至阳|东区), a known limitation (docs/annotation.md)
    governing = [g for g in GOVERNING if kind != "government" or not g.endswith("至")]
    head = draw(st.sampled_from(["", "十件民生实事", "各单位要"])) + draw(st.sampled_from(governing))
    return _join([(head, None), (body, "mention"), (draw(st.sampled_from(["重点督办事项。", "适时协调处理。", "工作部署。"])), None)])


@given(governed_body(), st.booleans())
def test_a_governing_word_stays_outside_the_body(case, traditional):
    """列入市委, 以便区政府, 报送至县政府督查室: the body begins after the word that governs it."""
    _check_running_text(case, traditional, "text")
    COUNTS["governed bodies"] += 1


@st.composite
def two_bodies(draw):
    """(text, expected spans): a committee written together with a government, each with its
    own level (区委区政府督查组, 省委省政府) or each with its own place
    (中共X省委X省人民政府, the joint authors of a document)."""
    if draw(st.booleans()):
        level = draw(st.sampled_from(["省", "市", "区", "县"]))
        second = level + "政府" + draw(st.sampled_from(["", "督查组", "督查室"]))
        pieces = [("在", None), (level + "委", "mention"), (second, "mention"), ("的领导下", None)]
    else:
        name = "".join(draw(st.lists(st.sampled_from(NAME_CHARS), min_size=2, max_size=2)))
        level = draw(st.sampled_from(["省", "市"]))
        pieces = [("根据《", None), ("中共" + name + level + "委", "mention"), (name + level + "人民政府", "mention"),
                  ("关于印发实施方案的通知》", None)]
    return _join(pieces)


@given(two_bodies(), st.booleans())
def test_a_committee_and_a_government_are_two_bodies(case, traditional):
    _check_running_text(case, traditional, "text")
    COUNTS["committee and government"] += 1


WORK_NOUNS = ["民生实事", "民生实事项目", "为民办实事", "重点项目", "老旧小区", "城中村", "棚户区", "农村公路",
              "城乡供水一体化", "乡村振兴", "河长制", "创建全国文明城市"]
TASK_VERBS = ["推进", "改造", "实施", "提升"]   # of the task_verb lexicon: kept out of names found by shape
WORK_VERBS = TASK_VERBS + ["建设", ""]
TASK_FORCE_ENDS = ["工作领导小组办公室", "领导小组办公室", "工作领导小组", "领导小组", "指挥部办公室", "指挥部", "工作专班", "专班"]


@st.composite
def task_force(draw):
    """(text, expected spans or none): a task force named after its work, with the verbs of
    that work inside its name (市民生实事项目推进工作领导小组). With its level or place it is
    one ORG; without them, a name with a task verb is no name (the verb may be the
    clause's), and nothing is the answer, never the tail after the verb."""
    prefix = draw(st.sampled_from(["", "市", "区", "县", "省", "市政府", "县政府", "place"]))
    if prefix == "place":
        prefix = draw(place())
    verb = draw(st.sampled_from(WORK_VERBS if prefix else TASK_VERBS))
    name = draw(st.sampled_from(WORK_NOUNS)) + verb + draw(st.sampled_from(TASK_FORCE_ENDS))
    tail = draw(st.sampled_from(["召开调度会。", "印发了通知。", "对进展情况进行通报。"]))
    head = draw(st.sampled_from(["", "日前，", "2024年5月，"]))
    if not prefix:
        return _join([(head + name + tail, None)])
    return _join([(head, None), (prefix + name, "mention"), (tail, None)])


@given(task_force(), st.booleans())
def test_a_task_force_is_named_whole(case, traditional):
    _check_running_text(case, traditional, "text")
    COUNTS["task forces"] += 1


@given(st.sampled_from(sorted(EXT.lexicons["ministry"].forms)), st.sampled_from(["经{}批准。", "{}印发了通知。", "日前，{}公布名单。"]),
       st.booleans())
def test_a_ministry_is_named_and_its_departments_are_not(ministry, frame, traditional):
    """经财政部批准 → 财政部; 各级财政部门 (departments of finance) names no body, even where the
    segmenter cuts X部|门."""
    text = frame.format(ministry)
    at = frame.index("{}")
    _check_running_text(_join([(text[:at], None), (ministry, "mention"), (text[at + len(ministry):], None)]),
                        traditional, "text")
    if ministry.endswith("部"):
        _check_running_text(_join([(f"各级{ministry}门要加强监管。", None)]), traditional, "text")
