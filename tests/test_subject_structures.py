"""Subject structures (rules/subjects.yaml), generated: the numbers are written by cn2an's own
writer or as digits, the nouns are the genre's; the expected subject is the noun the
sentence was built around, never read back from the extractor."""
import random

import pytest

from .subject_cases import cases, figures, subjects
from .subject_cases import written as written_by

SETS = ["民生实事", "重点民生实事", "为民办实事项目", "民生工程", "重点任务", "考核指标"]
GROUPS = ["家庭医生团队", "志愿服务队", "驻村工作组", "巡回医疗队"]
PERSONS = ["老人", "残疾人", "儿童", "妇女"]
MODIFIERS = ["独居", "高龄", "困难", "低保", "孤寡", "留守", "空巢"]
MEASURES = ["区级一般公共预算收入", "地方财政收入", "城乡居民人均可支配收入", "税收收入"]
RNG = random.Random(13)


def written(n: int) -> str:
    return written_by(n, RNG)


def part_of_set(_):
    total = RNG.randint(12, 60)
    done, on_time = RNG.randint(1, 5), RNG.randint(6, 11)
    noun = RNG.choice(SETS)
    parts = [f"{written(done)}项", f"{written(on_time)}项"]
    return f"全县{total}项{noun}中，已完成{parts[0]}，序时推进{parts[1]}。", noun, parts


@pytest.mark.parametrize("text,noun,parts", cases(12, part_of_set))
def test_a_part_of_a_counted_set_takes_the_set_noun(text, noun, parts):
    found = subjects(text)
    for part in parts:
        assert found.get(part) == noun, (text, found)


def bracketed_total(_):
    teams, persons = RNG.randint(20, 400), RNG.randint(100, 3000)
    group = RNG.choice(GROUPS)
    return f"按计划开展{teams}个{group}（共{persons}人）线下培训", group, f"{persons}人"


@pytest.mark.parametrize("text,group,figure", cases(8, bracketed_total))
def test_a_bracketed_total_counts_the_noun_before_it(text, group, figure):
    assert subjects(text).get(figure) == group, text


def shared_persons(_):
    n = RNG.randint(20, 900)
    a, b = RNG.sample(MODIFIERS, 2)
    person = RNG.choice(PERSONS)
    unit = RNG.choice(["名", "户"])
    return f"为{n}{unit}{a}、{b}{person}提供上门服务", person, f"{n}{unit}"


@pytest.mark.parametrize("text,person,figure", cases(10, shared_persons))
def test_a_count_before_coordinated_modifiers_counts_their_persons(text, person, figure):
    assert subjects(text).get(figure) == person, text


def changed_from(_):
    a = RNG.randint(100, 900) + RNG.randint(1, 99) / 100
    b = round(a * RNG.uniform(0.8, 0.99), 1)
    measure = RNG.choice(MEASURES)
    return f"{measure}由年初预算{a}亿元调整为{b}亿元左右", measure, [f"{a}亿元", f"{b}亿元"]


@pytest.mark.parametrize("text,measure,figures", cases(8, changed_from))
def test_a_level_changed_from_a_qualified_figure_is_the_measure_before_it(text, measure, figures):
    found = subjects(text)
    for figure in figures:
        assert found.get(figure) == measure, (text, found)


FACILITIES = ["村级养老服务站", "社区食堂", "口袋公园", "公办幼儿园", "农村幸福院"]


def pointed_back(_):
    n = RNG.randint(5, 60)
    facility = RNG.choice(FACILITIES)
    return f"新建{facility}{n}个，已建成{n - 1}个，最后那一个建在哪里？", facility, "一个"


@pytest.mark.parametrize("text,facility,figure", cases(6, pointed_back))
def test_a_figure_after_a_demonstrative_points_back(text, facility, figure):
    assert subjects(text).get(figure) == facility, text


# ---- subjaud: structures of unseen report pages ------------------------------------------
PROJECT_SETS = ["省定项目", "市定项目", "民生工程项目", "重点民生项目", "为民办实事项目"]
WHICH = ["全面完成全年目标任务", "按进度实施", "超额完成年度任务", "正在推进"]


def part_after_relative(_):
    total = RNG.randint(30, 90)
    done, going = RNG.randint(5, 14), RNG.randint(15, 25)
    noun = RNG.choice(PROJECT_SETS)
    a, b = RNG.sample(WHICH, 2)
    parts = [f"{written(done)}项", f"{written(going)}项"]
    return f"今年承担{total}项{noun}，{a}的有{parts[0]}，{b}的有{parts[1]}。", noun, parts


@pytest.mark.parametrize("text,noun,parts", cases(10, part_after_relative))
def test_a_count_after_a_relative_clause_counts_the_set(text, noun, parts):
    found = subjects(text)
    for part in parts:
        assert found.get(part) == noun, (text, found)


def share_of_count(_):
    total = RNG.randint(20, 60)
    done = RNG.randint(2, total - 1)
    noun = RNG.choice(PROJECT_SETS)
    share = f"{round(done * 100 / total, 1)}%"
    verb = RNG.choice(["完工", "建成", "已完成"])
    return f"分解落实的{total}个{noun}已开工{total}个，{verb}{done}个，占{share}。", noun, share


@pytest.mark.parametrize("text,noun,share", cases(8, share_of_count))
def test_a_bare_share_after_a_count_is_a_share_of_what_it_counts(text, noun, share):
    assert subjects(text).get(share) == noun, text


AREAS = [("老旧小区", "个", "万平方米"), ("城镇老旧小区", "个", "万户"), ("农村公路", "条", "公里"),
         ("棚户区", "个", "万平方米")]


def list_member_shared(_):
    noun, count_unit, size_unit = RNG.choice(AREAS)
    n, size = RNG.randint(10, 90), RNG.randint(5, 300)
    verb = RNG.choice(["新实施", "完成", "新开工改造"])
    return f"{verb}{noun}{n}{count_unit}、{size}{size_unit}；", noun, f"{size}{size_unit}"


@pytest.mark.parametrize("text,noun,figure", cases(8, list_member_shared))
def test_a_figure_of_another_unit_after_a_comma_of_the_list_shares_the_subject(text, noun, figure):
    assert subjects(text).get(figure) == noun, text


SHIFTS = ["提前", "推迟", "延期"]
DURATIONS = [("个月", "个月"), ("周", "周"), ("天", "天")]


def shifted(_):
    verb = RNG.choice(SHIFTS)
    n = RNG.randint(1, 9)
    unit = RNG.choice(DURATIONS)[0]
    figure = f"{written(n)}{unit}"
    return f"全市{RNG.randint(10, 30)}个子项目{verb}{figure}完成", verb, figure


@pytest.mark.parametrize("text,verb,figure", cases(9, shifted))
def test_a_duration_of_a_shift_takes_the_shift_verb(text, verb, figure):
    assert subjects(text).get(figure) == verb, text


PERIODS = ["年度", "全年"]
PLANNED = ["投资", "总投资", "资金"]


def planned(_):
    noun = f"{RNG.choice(PERIODS)}计划{RNG.choice(PLANNED)}"
    figure = f"{RNG.randint(1, 99) / 10}亿元"
    return f"总投资{RNG.randint(10, 20)}亿元，{noun}{figure}", noun, figure


@pytest.mark.parametrize("text,noun,figure", cases(8, planned))
def test_a_years_planned_measure_keeps_its_plan_word(text, noun, figure):
    assert subjects(text).get(figure) == noun, text


SERVED = [("服务", "留守儿童", "困境儿童"), ("慰问", "困难党员", "老干部"), ("走访", "独居老人", "残疾人")]


def served_list(_):
    verb, a, b = RNG.choice(SERVED)
    figure = f"{RNG.randint(100, 900)}{RNG.choice(['人次', '人', '名'])}"
    return f"{verb}{a}、{b}等{figure}", f"{a}、{b}", figure


@pytest.mark.parametrize("text,persons,figure", cases(8, served_list))
def test_persons_listed_before_deng_are_the_persons_counted(text, persons, figure):
    assert subjects(text).get(figure) == persons, text


AREA_LEVELS = ["县市区", "市县区"]


def area_levels(_):
    level = RNG.choice(AREA_LEVELS)
    figure = f"{RNG.randint(20, 120)}个"
    return f"居民医保门诊统筹的{level}{figure}，超任务{RNG.randint(2, 40)}个", level, figure


@pytest.mark.parametrize("text,level,figure", cases(4, area_levels))
def test_levels_of_local_government_are_no_named_place(text, level, figure):
    assert subjects(text).get(figure) == level, text


def deixis(_):
    area = RNG.choice(["城区", "街道", "社区", "县", "市"])
    verb = RNG.choice(["新建", "改造", "建成"])
    noun = RNG.choice(["口袋公园", "公办幼儿园", "老年食堂"])
    figure = f"{RNG.randint(2, 40)}个"
    return f"该{area}{verb}{noun}{figure}", noun, figure


@pytest.mark.parametrize("text,noun,figure", cases(8, deixis))
def test_the_area_pointed_at_with_gai_is_no_part_of_the_subject(text, noun, figure):
    assert subjects(text).get(figure) == noun, text


PLANS = ["年度目标任务", "年度任务", "全年目标", "年度计划"]


def plan_in_brackets(_):
    plan = RNG.choice(PLANS)
    amount = f"{RNG.randint(2, 90) / 10}万{RNG.choice(['个', '户', '套'])}"
    approx = RNG.choice(["", "约"])
    share = f"{RNG.randint(10, 90)}%"
    return f"新开工改造城镇老旧小区1.2万个，占{plan}（{approx}{amount}）的{share}", plan, amount, share


@pytest.mark.parametrize("text,plan,amount,share", cases(8, plan_in_brackets))
def test_a_plans_amount_in_brackets_counts_the_plan_and_the_share_completes_it(text, plan, amount, share):
    found = figures(text)
    assert found[amount][0] == plan, text
    assert found[share] == (plan, "completion"), text


PROVINCES = ["广西", "湖南", "内蒙古", "黑龙江", "浙江", "四川", "宁夏", "新疆"]
RATES = ["无害化卫生厕所普及率", "城乡居民医保参保率", "农村自来水普及率", "城镇调查失业率"]


def province_measure(_):
    """A province by its short name opening a measure: the place owning the figure goes."""
    province, measure = RNG.choice(PROVINCES), RNG.choice(RATES)
    figure = f"{RNG.randint(50, 99)}.{RNG.randint(1, 9)}%"
    return f"{province}{measure}{RNG.choice(['达到', '为', '提高到'])}{figure}", measure, figure


@pytest.mark.parametrize("text,measure,figure", cases(8, province_measure))
def test_a_province_by_its_short_name_is_no_part_of_the_subject(text, measure, figure):
    assert subjects(text).get(figure) == measure, text


OWNERS = ["项目", "财政", "医保基金", "省级财政", ""]
GIVING = ["投入", "支出", "拨付"]


def total_given(_):
    """总 + a verb of giving is a noun, the total given, with its owner before it."""
    owner, verb = RNG.choice(OWNERS), RNG.choice(GIVING)
    figure = f"{written(RNG.randint(2, 900))}万元"
    return f"{RNG.choice(['', '截至目前，', '全年'])}{owner}总{verb}{figure}", f"{owner}总{verb}", figure


@pytest.mark.parametrize("text,subject,figure", cases(8, total_given))
def test_a_total_given_is_a_noun(text, subject, figure):
    assert subjects(text).get(figure) == subject, text


RECIPIENTS = ["困难家庭", "低保户", "符合条件的家庭", "改厕农户", "特困人员"]
PER_UNIT = ["每户", "每人", "每户每年", "每人每月"]
GIVING_VERBS = ["补助", "救助", "资助"]


def per_unit_grant(_):
    """Recipients, a per-unit word, a verb of giving and the amount: the figure measures what
    the verb gives each, not the recipients."""
    verb = RNG.choice(GIVING_VERBS)
    figure = f"{written(RNG.randint(2, 9) * 100)}元"
    return f"{RNG.choice(RECIPIENTS)}{RNG.choice(PER_UNIT)}{verb}{figure}", verb, figure


@pytest.mark.parametrize("text,verb,figure", cases(8, per_unit_grant))
def test_a_per_unit_grant_measures_what_is_given(text, verb, figure):
    assert subjects(text).get(figure) == verb, text


# ---- subjaud2: structures of unseen report pages ------------------------------------------
PLANS = ["年度计划", "年度投资计划", "全年计划", "总投资", "年度目标"]


def share_of_plan_bare(_):
    money, share = RNG.randint(1, 90) + RNG.randint(1, 99) / 100, RNG.randint(300, 999) / 10
    plan = RNG.choice(PLANS)
    return f"累计完成投资{money}亿元，占{plan}{share}%", plan, f"{share}%"


@pytest.mark.parametrize("text,plan,share", cases(10, share_of_plan_bare))
def test_a_share_of_a_plan_without_de_is_a_completion_of_the_plan(text, plan, share):
    assert figures(text).get(share) == (plan, "completion"), text


def plan_completion_rate(_):
    prefix = RNG.choice(["年度", "全年", "投资", "年度投资"])
    rate = f"{RNG.randint(300, 1200) / 10}%"
    return f"累计完成投资{RNG.randint(2, 40)}亿元，{prefix}计划完成率{rate}", f"{prefix}计划", rate


@pytest.mark.parametrize("text,plan,rate", cases(8, plan_completion_rate))
def test_a_plan_before_a_completion_rate_is_its_task(text, plan, rate):
    assert figures(text).get(rate) == (plan, "completion"), text


ROW_LABELS = ["孕产妇免费产前筛查", "农村低保标准", "城乡居民医保参保人数", "农村公路", "公办幼儿园学位"]
ROW_UNITS = ["万人", "公里", "元/月/人", "户", "个"]


def table_row(i):
    label, unit = RNG.choice(ROW_LABELS), RNG.choice(ROW_UNITS)
    target = RNG.randint(100, 900)
    done = target + RNG.randint(-50, 200)
    rate = f"{round(done * 100 / target, 1)}%"
    return f"{i + 1} {label} {unit} {target} {done}  {rate} 卫健委", label, rate


@pytest.mark.parametrize("text,label,rate", cases(10, table_row))
def test_a_flattened_table_rows_label_names_its_share(text, label, rate):
    assert subjects(text).get(rate) == label, text


def sent_into(_):
    thing = RNG.choice(["电影", "戏", "图书", "文艺演出"])
    where = RNG.choice(["下乡", "进村", "进社区", "进校园"])
    n = RNG.randint(100, 30000)
    return f"全年送{thing}{where}{n}场", thing, f"{n}场"


@pytest.mark.parametrize("text,thing,figure", cases(8, sent_into))
def test_what_is_sent_into_a_place_glued_to_the_verb_is_the_subject(text, thing, figure):
    assert subjects(text).get(figure) == thing, text


def works_then_finished(_):
    thing = RNG.choice(["农村危房", "老旧小区", "村级养老服务站", "农村公路"])
    works = RNG.choice(["改造", "建设", "维修"])
    done = RNG.choice(["竣工", "完工"])
    unit = RNG.choice(["户", "个", "处"])
    n = RNG.randint(10, 5000)
    return f"{thing}{works}{done}{n}{unit}", thing, f"{n}{unit}"


@pytest.mark.parametrize("text,thing,figure", cases(10, works_then_finished))
def test_works_then_a_verb_of_finishing_drop_the_works(text, thing, figure):
    assert subjects(text).get(figure) == thing, text


def coordinated_verbs(_):
    second = RNG.choice(["改造提升", "加固改造", "改扩建"])
    noun = RNG.choice(["标准化菜市场", "中小学校舍", "农贸市场", "公办幼儿园"])
    n = RNG.randint(5, 90)
    return f"完成新建和{second}{noun}{n}个", noun, f"{n}个"


@pytest.mark.parametrize("text,noun,figure", cases(8, coordinated_verbs))
def test_coordinated_verbs_before_the_object_are_no_subject(text, noun, figure):
    assert subjects(text).get(figure) == noun, text


THINGS_OF_PROJECTS = [("座", "遮阳挡雨棚"), ("条", "支路卡口"), ("座", "城市公厕"), ("处", "积水点"), ("条", "背街小巷")]


def counted_before_project(_):
    unit, noun = RNG.choice(THINGS_OF_PROJECTS)
    n = RNG.randint(3, 400)
    return f"建成{n}{unit}{noun}项目", noun, f"{n}{unit}"


@pytest.mark.parametrize("text,noun,figure", cases(8, counted_before_project))
def test_a_measure_word_of_things_counts_the_things_not_the_project(text, noun, figure):
    assert subjects(text).get(figure) == noun, text


OWNERS = ["市政府", "县政府", "区政府", "省政府"]
OWNED = ["民生实事项目", "为民办实事项目", "重点民生实事"]


def counted_of_owner(_):
    n = RNG.randint(8, 40)
    # 项/件 count matters, never the bodies (13个区政府 may count the governments)
    unit, owner, noun = RNG.choice(["项", "件"]), RNG.choice(OWNERS), RNG.choice(OWNED)
    return f"截至7月底，{n}{unit}{owner}{noun}累计完成投资12亿元", noun, f"{n}{unit}"


@pytest.mark.parametrize("text,noun,figure", cases(8, counted_of_owner))
def test_an_owning_body_between_a_count_and_its_noun_is_dropped(text, noun, figure):
    assert subjects(text).get(figure) == noun, text


def changed_between_years(_):
    noun = RNG.choice(["民生工程项目", "民生实事", "惠民项目"])
    y = RNG.randint(2005, 2012)
    a, b = RNG.randint(5, 20), RNG.randint(21, 40)
    verb = RNG.choice(["拓展为", "增加到", "扩大到"])
    figs = [f"{a}项", f"{b}项"]
    return f"我市{noun}由{y}年的{figs[0]}{verb}{y + 6}年的{figs[1]}", noun, figs


@pytest.mark.parametrize("text,noun,figs", cases(8, changed_between_years))
def test_a_level_changed_between_dated_figures_keeps_its_measure(text, noun, figs):
    found = subjects(text)
    for figure in figs:
        assert found.get(figure) == noun, (text, found)


def quoted_after_area(_):
    verb = RNG.choice(["打通", "新建", "建成"])
    area = RNG.choice(["中心城区", "全市", "城区"])
    name = RNG.choice(["“断头路”", "“口袋公园”", "“春泥计划”实施点", "“妇女儿童之家”"])
    n = RNG.randint(5, 90)
    return f"{verb}{area}{name}{n}个", name, f"{n}个"


@pytest.mark.parametrize("text,name,figure", cases(10, quoted_after_area))
def test_a_quoted_name_after_an_area_is_the_subject(text, name, figure):
    assert subjects(text).get(figure) == name, text


STAGE_VERBS = ["续建", "开建", "核定", "签订", "打通", "新辟", "普及"]
STAGE_OBJECTS = [("保障性住房", "套"), ("补助经费", "万元"), ("安置补偿协议", "户"), ("公交线路", "条"), ("应急救护培训", "人次")]


def stage_verb(_):
    verb = RNG.choice(STAGE_VERBS)
    noun, unit = RNG.choice(STAGE_OBJECTS)
    n = RNG.randint(10, 9000)
    return f"今年已{verb}{noun}{n}{unit}", noun, f"{n}{unit}"


@pytest.mark.parametrize("text,noun,figure", cases(12, stage_verb))
def test_verbs_of_stage_approval_and_signing_are_no_subject(text, noun, figure):
    assert subjects(text).get(figure) == noun, text


def persons_of_activity(_):
    act = RNG.choice(["施工", "维修", "检测", "安装"])
    n = RNG.randint(20, 900)
    rest = RNG.choice(["正加班加点", "全部到岗", "参与建设"])
    return f"现场{n}名{act}人员{rest}", f"{act}人员", f"{n}名"


@pytest.mark.parametrize("text,persons,figure", cases(8, persons_of_activity))
def test_a_count_of_persons_named_by_their_activity_takes_the_whole_noun(text, persons, figure):
    assert subjects(text).get(figure) == persons, text


# ---- subjaud3: structures of unseen report pages ------------------------------------------
BASES = ["年度计划", "计划投资", "全年计划", "年度投资计划"]


def compared_with_plan(_):
    money, points = RNG.randint(1, 90) / 10, RNG.randint(11, 800) / 10
    base, word = RNG.choice(BASES), RNG.choice(["高", "低", "多", "少"])
    return f"完成投资{money}亿元，比{base}{word}{points}个百分点", base, f"{points}个百分点"


@pytest.mark.parametrize("text,base,points", cases(10, compared_with_plan))
def test_points_above_a_plan_measure_the_plan(text, base, points):
    assert subjects(text).get(points) == base, text


def overall_rate(_):
    whole = RNG.choice(["整体", "总体", "综合"])
    n, rate = RNG.randint(20, 900), f"{RNG.randint(800, 2400) / 10}%"
    thing, unit = RNG.choice([("老年助餐服务点", "个"), ("城市公园", "个"), ("单村水站", "座"), ("托养机构", "家")])
    return f"已新增{thing}{n}{unit}，{whole}完成率{rate}。", f"{whole}完成率", rate


@pytest.mark.parametrize("text,rate_name,rate", cases(10, overall_rate))
def test_a_word_of_the_whole_stays_with_a_completion_rate(text, rate_name, rate):
    assert figures(text).get(rate) == (rate_name, "completion"), text


PLACES = ["长沙市", "衡阳市", "株洲市", "湘西自治州", "平江县", "岳麓区", "浏阳市"]


def places_sharing_a_rate(_):
    places = RNG.sample(PLACES, RNG.randint(2, 5))
    shares = [f"{RNG.randint(1000, 9999) / 100}%" for _ in places]
    rate = RNG.choice(["完成率", "开工率", "竣工率"])
    listed = "、".join(p + s for p, s in zip(places, shares))
    return f"各市州{rate}分别为：{listed}。", dict(zip(shares, places))


@pytest.mark.parametrize("text,expected", cases(10, places_sharing_a_rate))
def test_places_in_a_list_of_shares_label_them(text, expected):
    found = subjects(text)
    for share, place in expected.items():
        assert found.get(share) == place, (text, found)


def share_in_brackets(_):
    noun = RNG.choice(["全省平均水平", "全市平均水平", "兴宁", "平远", "上年同期水平"])
    own, other = f"{RNG.randint(3000, 9999) / 100}%", f"{RNG.randint(3000, 9999) / 100}%"
    return f"开工率为{own}，高于{noun}({other})", noun, other


@pytest.mark.parametrize("text,noun,share", cases(8, share_in_brackets))
def test_a_share_alone_in_brackets_is_the_value_of_the_noun_before(text, noun, share):
    assert subjects(text).get(share) == noun, text


STAGES = ["动工", "开工", "竣工", "入住"]


def stages_opening_clauses(_):
    target = RNG.randint(10000, 90000)
    first, later = RNG.sample(STAGES, 2)
    a, b = RNG.randint(1000, target), RNG.randint(1000, target)
    return f"全县农村危房改造任务为{target}户，已{first}{a}户；{later}{b}户", {f"{a}户": first, f"{b}户": later}


@pytest.mark.parametrize("text,expected", cases(10, stages_opening_clauses))
def test_a_stage_verb_opening_its_clause_names_its_figure(text, expected):
    found = subjects(text)
    for figure, stage in expected.items():
        assert found.get(figure) == stage, (text, found)


def stage_after_things(_):
    thing = RNG.choice(["农村危房", "城镇危房", "农村住宅"])
    a = RNG.randint(3000, 9000)
    b = RNG.randint(100, a)
    return f"截至9月底，我市{thing}改造已开工{a}户，其中已竣工{b}户", thing, [f"{a}户", f"{b}户"]


@pytest.mark.parametrize("text,thing,figs", cases(8, stage_after_things))
def test_works_and_a_stage_after_a_thing_leave_the_thing(text, thing, figs):
    found = subjects(text)
    for figure in figs:
        assert found.get(figure) == thing, (text, found)


def object_after_place(_):
    place = RNG.choice(["老旧小区", "农村学校", "村卫生室", "社区"])
    verb = RNG.choice(["加装", "安装", "更换"])
    thing, unit = RNG.choice([("电梯", "台"), ("充电桩", "个"), ("健身器材", "套")])
    n = RNG.randint(10, 3000)
    return f"已完成{place}{verb}{thing}{n}{unit}", thing, f"{n}{unit}"


@pytest.mark.parametrize("text,thing,figure", cases(10, object_after_place))
def test_a_place_a_works_verb_and_its_object_count_the_object(text, thing, figure):
    assert subjects(text).get(figure) == thing, text


def one_of_them(_):
    n = RNG.choice(["五个", "3个", "八项", "十项"])
    noun = RNG.choice(["县", "重点工程", "民生工程", "试点城市"])
    return f"该县是全省{n}{noun}之一", noun, n


@pytest.mark.parametrize("text,noun,figure", cases(8, one_of_them))
def test_one_of_ends_the_counted_noun(text, noun, figure):
    assert subjects(text).get(figure) == noun, text


def marked_list_item(_):
    marker = RNG.choice(["(三)", "（五）", "(十一)"])
    noun = RNG.choice(["全市困难群众医疗费用综合保障率", "城乡居民医保参保率", "新生儿听力筛查率"])
    share = f"{RNG.randint(5000, 9999) / 100}%"
    return f"{marker}{noun}已达{share}", noun, share


@pytest.mark.parametrize("text,noun,share", cases(8, marked_list_item))
def test_a_list_marker_opens_no_subject(text, noun, share):
    assert subjects(text).get(share) == noun, text


def measure_after_count(_):
    thing = RNG.choice(["垦造耕地项目", "高标准农田", "老旧小区", "安置房项目"])
    n = RNG.randint(2, 90)
    unit = RNG.choice(["亩", "平方米", "公顷", "万元"])
    m = RNG.randint(50, 9000)
    between = RNG.choice(["约", "共", "共计", "大约", ""])
    return f"新增{thing}{n}个{between}{m}{unit}，均已完成招投标", thing, f"{m}{unit}"


@pytest.mark.parametrize("text,thing,figure", cases(10, measure_after_count))
def test_a_measure_right_after_a_count_measures_the_things_counted(text, thing, figure):
    """垦造耕地项目40个约3750亩: the measure is of the things counted (约 stays outside the span)."""
    assert subjects(text).get(figure) == thing, text
