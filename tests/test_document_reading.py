"""The reader's structure rules on small generated reports, file dispatch, encodings,
never-silent behaviour, outputs an analyst can use."""
import json
import time
import tracemalloc

import pytest

import minsheng_ie
from minsheng_ie import DocumentError, read_document, read_text
from minsheng_ie.cli import main
from minsheng_ie.documents.numbering import cn_numeral, marker


@pytest.mark.parametrize("n", [1, 2, 9, 10, 11, 19, 20, 35, 99])
def test_every_numbering_scheme_gives_its_value(n):
    for written, scheme in ((f"{n}.", "arabic"), (f"{n}、", "arabic"), (f"({n})", "arabic_paren"),
                            (f"{cn_numeral(n)}、", "cn"), (f"({cn_numeral(n)})", "cn_paren"),
                            (f"第{cn_numeral(n)}项", "ordinal")):
        m = marker(written + "新建幼儿园")
        assert m is not None and (m.scheme, m.value) == (scheme, str(n)), written
    if n <= 20:
        assert marker(chr(0x2460 + n - 1) + "新建幼儿园").value == str(n)


@pytest.mark.parametrize("line", ["1.5万人已接种", "3.5公里道路", "2020年计划完成", "一是加强领导", "十大民生实事"])
def test_figures_and_prose_are_not_markers(line):
    assert marker(line) is None


def _report(section_marks, item_mark, restart):
    lines = ["某县2023年民生实事进展情况"]
    k = 0
    for s, sec in enumerate(section_marks, 1):
        lines.append(f"{sec}类别{s}")
        for i in range(1, 3):
            k += 1
            num = i if restart else k
            lines.append(f"{item_mark(num)}项目{s}{i}，牵头单位：县局{s}{i}")
            lines.append(f"目标任务：建成{s}{i}个。进展情况：完成{i}个。")
    return "\n".join(lines)


@pytest.mark.parametrize("restart", [True, False])
@pytest.mark.parametrize("item_mark", [lambda n: f"{n}.", lambda n: f"（{n}）", lambda n: chr(0x2460 + n - 1)])
def test_sections_and_items(restart, item_mark):
    doc = read_text(_report(["一、", "二、", "三、"], item_mark, restart))
    assert len(doc.items) == 6
    want = [f"{s}.{i}" if restart else str((s - 1) * 2 + i) for s in (1, 2, 3) for i in (1, 2)]
    assert [it.number for it in doc.items] == want
    assert [it.section for it in doc.items] == [f"类别{s}" for s in (1, 2, 3) for _ in (1, 2)]
    assert doc.items[3].name == "项目22" and doc.items[3].get("responsible")[0].text == "县局22"
    assert doc.items[3].get("progress")[0].text == "完成2个。"


def test_labels_inline_own_line_and_bracketed():
    doc = read_text("1.新建幼儿园（牵头单位：县教育局；配合单位：县财政局）。建成5所。\n"
                    "完成时限：2023年12月底\n"
                    "2.老旧小区改造。改造10个小区。(县住建局牵头，县城管局配合)\n"
                    "3.农村公路\n进展情况：\n已完成60公里，\n其余在建。")
    one, two, three = doc.items
    assert one.name == "新建幼儿园" and one.get("support")[0].text == "县财政局"
    assert one.get("deadline")[0].text == "2023年12月底"
    assert two.get("responsible")[0].nested and two.get("support")[0].text == "县城管局"
    assert three.get("progress")[0].text == "已完成60公里，\n其余在建。"


def test_problem_and_plan_sections_hold_no_items():
    doc = read_text("一、进展情况\n1.项目甲。已完成。\n2.项目乙。已完成。\n二、存在问题\n1.资金不足。\n2.进度慢。\n"
                    "三、下一步打算\n1.加强督查。")
    assert [it.name for it in doc.items] == ["项目甲", "项目乙"]


def test_table_roles_follow_the_column_and_totals_are_not_items():
    text = "序号|项目名称|进展情况|完成情况|牵头单位|责任单位|\n1|甲|完成3个|已完成|县教育局|县财政局|\n合计|||||\n"
    doc = read_text(text)
    assert len(doc.items) == 1
    fields = {u.field: u.text for u in doc.items[0].fields}
    assert fields["responsible"] == "县教育局" and fields["support"] == "县财政局" and fields["status"] == "已完成"


def test_header_names_by_meaning():
    from minsheng_ie.documents.headers import header_field
    for header, field in [("截至10月底进度", "progress"), ("形象进度", "progress"), ("办理结果", "progress"),
                          ("年度建设任务", "target"), ("完成時限", "deadline"), ("計劃完成時間", "deadline"),
                          ("时间节点", "deadline"), ("配合單位", "support"), ("协办单位", "support"),
                          ("牽頭部門", "responsible"), ("存在問題", "problem"), ("完成率(%)", "rate"),
                          ("截至9月底", "progress"), ("截止目前", "progress"), ("配合", "support")]:
        assert header_field(header) == field, header


def test_html_rowspan_and_colspan(tmp_path):
    p = tmp_path / "r.html"
    p.write_text("<table><tr><th>序号</th><th>项目名称</th><th>进展情况</th><th>牵头单位</th></tr>"
                 "<tr><td colspan=4>一、教育</td></tr>"
                 "<tr><td>1</td><td>甲</td><td>完成1所</td><td rowspan=2>县教育局</td></tr>"
                 "<tr><td>2</td><td>乙</td><td>完成2所</td></tr></table>", encoding="utf-8")
    doc = read_document(p)
    assert [(it.section, it.name, it.get("responsible")[0].text) for it in doc.items] == [
        ("教育", "甲", "县教育局"), ("教育", "乙", "县教育局")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16"])
def test_text_files_in_every_encoding(tmp_path, encoding):
    text = "某縣民生實事進展情況\n1.新建幼兒園。目標任務：新建5所。進展情況：已建成3所。責任單位：縣教育局\n" \
           "2.老舊小區改造。目標任務：改造10個。進展情況：已開工8個。責任單位：縣住建局\n"
    for suffix in (".txt", ".csv", ".html"):
        p = tmp_path / f"r{suffix}"
        body = text if suffix != ".html" else "<p>" + text.replace("\n", "</p><p>") + "</p>"
        p.write_bytes(body.encode(encoding))
        if suffix == ".csv":
            continue        # a one-column csv is not a table; decoding is what is tested
        doc = read_document(p)
        assert [it.name for it in doc.items] == ["新建幼兒園", "老舊小區改造"], suffix


def test_undecodable_file_names_the_file(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(bytes(range(128, 256)) * 20)
    with pytest.raises(DocumentError, match="bad.txt"):
        read_document(p)


def test_read_document_dispatch(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_document("nope.xlsx")
    with pytest.raises(FileNotFoundError):
        minsheng_ie.read_file(tmp_path / "nope.txt")
    with pytest.raises(IsADirectoryError, match="is a directory"):
        read_document(str(tmp_path))
    assert read_document("1.新建幼儿园。建成5所。\n2.老旧小区。改造10个。").items[1].name == "老旧小区"


def test_empty_report_warns_and_parse_exits_non_zero(tmp_path, capsys):
    p = tmp_path / "empty.txt"
    p.write_text("这是一段没有编号的文字。", encoding="utf-8")
    assert read_document(p).warnings
    assert main(["parse", str(p)]) == 1
    assert "empty.txt" in capsys.readouterr().err
    assert main(["parse", str(p), "--allow-empty"]) == 0


def test_batch_goes_on_past_a_bad_file(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("某县民生实事进展\n1.新建幼儿园。进展情况：完成3所。\n", encoding="utf-8")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    assert main(["parse", str(bad), str(good), "--format", "csv"]) == 2
    out = capsys.readouterr()
    assert "新建幼儿园" in out.out and "bad.xlsx" in out.err and "1 of 2 files could not be read" in out.err


def test_ref_date_in_iso_or_chinese_not_words(tmp_path, capsys):
    p = tmp_path / "r.txt"
    p.write_text("1.新建幼儿园。进展情况：10月底完成3所。\n", encoding="utf-8")
    assert main(["parse", str(p), "--ref-date", "2023年9月30日", "--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["ref_date"] == "2023-09-30"
    assert main(["parse", str(p), "--ref-date", "yesterday"]) == 2


def test_xlsx_sheet_choice_and_merged_cells(tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表说明"])
    ws = wb.create_sheet("明细")
    ws.append(["序号", "项目名称", "进展情况", "牵头单位"])
    ws.append([1, "甲", "完成1所", "县教育局"])
    ws.append([2, "乙", "完成2所", None])
    ws.merge_cells("D2:D3")
    p = tmp_path / "r.xlsx"
    wb.save(p)
    for sheet in (None, "明细", 2):
        doc = read_document(p, sheet=sheet)
        assert [it.get("responsible")[0].text for it in doc.items] == ["县教育局", "县教育局"]
    with pytest.raises(DocumentError, match="说明, 明细"):
        read_document(p, sheet="进度")


def test_outputs_json_and_dataframes():
    import pandas as pd   # the test extra installs it (minsheng_ie[pandas])
    result = minsheng_ie.extract_document(read_text(_report(["一、", "二、"], lambda n: f"{n}.", True)))
    json.dumps(result.to_dict(), ensure_ascii=False)
    json.dumps(result.document.to_dict(), ensure_ascii=False)
    long, wide = result.to_dataframe("long"), result.to_dataframe("wide")
    assert isinstance(long, pd.DataFrame) and len(wide) == 4
    assert {"file", "number", "field", "label", "value"} <= set(long.columns)
    assert len(result.document.to_dataframe()) == 4
    assert len(minsheng_ie.extract("已完成87间").to_dataframe()) == 1


def test_one_line_report_of_5mb_is_linear_and_has_no_giant_title():
    unit = "全市共完成老旧小区改造30个，惠及居民1200户，完成投资1.2亿元，"
    big = unit * (5_000_000 // len(unit))
    t0 = time.perf_counter()
    read_text(big[:500_000])
    small = time.perf_counter() - t0
    t0 = time.perf_counter()
    doc = read_text(big)
    elapsed = time.perf_counter() - t0
    assert doc.title is None and not doc.items and doc.warnings and doc.ref_date is None
    assert len(doc.front) == 1 and doc.front[0].text == big.strip()
    assert elapsed < 25 * small + 2          # ten times the text, about ten times the time
    tracemalloc.start()
    read_text(big[:1_000_000])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 40 * 1_000_000             # a few copies of the text, not one per line or label


def _xlsx(tmp_path, rows, formats=None, merges=(), name="r.xlsx"):
    """A one-sheet workbook of `rows`; formats: {(row, col): code or built-in id}, 1-based."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for (r, c), fmt in (formats or {}).items():
        cell = ws.cell(r, c)
        if isinstance(fmt, int):            # a built-in id openpyxl has no code for (CJK dates)
            cell.number_format = "0"
            cell._style.numFmtId = fmt
        else:
            cell.number_format = fmt
    for rng in merges:
        ws.merge_cells(rng)
    p = tmp_path / name
    wb.save(p)
    return p


def test_xlsx_cells_read_as_excel_displays_them(tmp_path):
    """Numbers and dates of .xlsx cells under their number format: expected texts are
    written by Python's own formatting and datetime, not by the reader's formatter."""
    import datetime as dt
    import random
    rnd = random.Random(7)
    cases = []
    for _ in range(40):
        n = rnd.randint(0, 10 ** 7)
        x = rnd.randint(0, 10 ** 6) / 1000 + 0.0004          # never a rounding tie
        r = rnd.randint(0, 2000) / 1000 + 0.00004
        d = dt.date(2000, 1, 1) + dt.timedelta(days=rnd.randint(0, 12000))
        serial = (d - dt.date(1899, 12, 30)).days
        cases += [(n, "#,##0", f"{n:,}"), (x, "0.0", f"{x:.1f}"), (x, "#,##0.00", f"{x:,.2f}"),
                  (r, "0.0%", f"{r * 100:.1f}%"), (r, "0%", f"{r * 100:.0f}%"), (n, '0"户"', f"{n}户"),
                  (-x, "#,##0.00;(#,##0.00)", f"({x:,.2f})"),
                  (dt.datetime(d.year, d.month, d.day), "yyyy/m/d", f"{d.year}/{d.month}/{d.day}"),
                  (dt.datetime(d.year, d.month, d.day), 'yyyy"年"m"月"d"日"', f"{d.year}年{d.month}月{d.day}日"),
                  (dt.datetime(d.year, d.month, d.day), "yyyy-mm-dd", d.isoformat()),
                  (dt.datetime(d.year, d.month, d.day), "mm-dd-yy", f"{d.year}/{d.month}/{d.day}"),  # short date
                  (serial, 31, f"{d.year}年{d.month}月{d.day}日"), (serial, 57, f"{d.year}年{d.month}月")]
    rows = [["序号", "项目名称", "进展情况"]] + [[k, f"项目{k}", v] for k, (v, _, _) in enumerate(cases, 1)]
    p = _xlsx(tmp_path, rows, {(k + 1, 3): fmt for k, (_, fmt, _) in enumerate(cases, 1)})
    doc = read_document(p)
    got = [it.get("progress")[0].text for it in doc.items]
    assert got == [want for _, _, want in cases]


@pytest.mark.parametrize("group", ["截至10月底进展", "截至7月底完成情况", "年度目标任务", "1—9月进展情况"])
def test_a_group_header_names_each_sub_column_by_its_own_name(tmp_path, group):
    """A group header merged over sub-columns: a sub-column that names a field is that
    field (目标 under 截至10月底进展 is the target); one that names none is the group's."""
    from minsheng_ie.documents.headers import beside_forms, header_field, header_forms
    import random
    rnd = random.Random(group)
    by_field = {}
    for form, fld in header_forms().items():      # (a role-by-column name such as 完成情况 aside)
        if fld in ("target", "progress", "rate", "deadline") and 2 <= len(form) <= 6 and form not in beside_forms():
            by_field.setdefault(fld, []).append(form)
    for _ in range(5):
        subs = [rnd.choice(sorted(by_field[f])) for f in ("target", "progress", "rate", "deadline")] + ["数值"]
        rows = [["序号", "项目名称", group] + [None] * (len(subs) - 1) + ["牵头单位"],
                [None, None] + subs + [None]]
        rows += [[k, f"项目{k}"] + [f"值{k}{c}" for c in range(len(subs))] + ["县教育局"] for k in (1, 2)]
        last = chr(ord("C") + len(subs) - 1)
        p = _xlsx(tmp_path, rows, merges=[f"C1:{last}1", "A1:A2", "B1:B2", f"{chr(ord(last) + 1)}1:{chr(ord(last) + 1)}2"])
        item = read_document(p).items[0]
        fields = {u.text: u.field for u in item.fields}
        assert [fields[f"值1{c}"] for c in range(4)] == ["target", "progress", "rate", "deadline"], subs
        assert fields["值14"] == header_field(group) and fields["县教育局"] == "responsible"


def test_a_column_of_measure_words_is_no_field(tmp_path):
    """计量单位 or 单位 over 亩, 万元, 元/年 is the unit of the figures, not the responsible
    units: the 责任单位 beside it keeps the lead."""
    from minsheng_ie.loading.resources import bundled_lexicon
    import random
    rnd = random.Random(3)
    units = sorted(bundled_lexicon("units.yaml", "unit").forms)
    for header in ("计量单位", "单位"):
        measures = [rnd.choice(units) for _ in range(4)]
        measures[1] = "万" + measures[1]
        measures[2] = measures[2] + "/年"
        rows = [["序号", "项目名称", "完成量", header, "责任单位"]]
        rows += [[k, f"项目{k}", 100 * k, m, f"县局{k}"] for k, m in enumerate(measures, 1)]
        doc = read_document(_xlsx(tmp_path, rows))
        for it, m in zip(doc.items, measures):
            assert it.get("responsible")[0].text == it.get("responsible")[-1].text == f"县局{it.number}"
            assert not it.get("support") and [u.field for u in it.fields if u.text == m] == ["text"]


def test_status_columns_by_meaning_beside_progress():
    """Every status header of the lexicon (序时进度情况, 是否达到序时进度, 项目状态 …), Simplified
    or Traditional, with or without an as-of period before it, names the status column
    beside a progress column — never a second progress."""
    import opencc
    from minsheng_ie.documents.headers import header_forms
    to_trad = opencc.OpenCC("s2t")
    forms = sorted(f for f, fld in header_forms().items() if fld == "status")
    assert len(forms) >= 20
    for k, form in enumerate(forms):
        header = [form, to_trad.convert(form), f"1—{k % 12 + 1}月{form}"][k % 3]
        text = (f"序号\t项目名称\t进展情况\t{header}\t牵头单位\n1\t项目甲\t已完成3个\t未达序时\t县教育局\n"
                "2\t项目乙\t已完成5个\t已完成\t县民政局\n")
        fields = {u.text: u.field for u in read_text(text).items[0].fields}
        assert fields["未达序时"] == "status" and fields["已完成3个"] == "progress", header


@pytest.mark.parametrize("sep", [".", "-"])
def test_a_row_whose_number_the_next_extends_is_a_section(sep):
    """序号 1 over 1.1, 1.2 (or 1-1, 1-2): the parent row is a section, its children items."""
    import random
    rnd = random.Random(sep)
    for _ in range(5):
        counts = [rnd.randint(1, 4) for _ in range(rnd.randint(2, 5))]
        lines = ["序号\t项目名称\t目标任务\t进展情况\t牵头单位"]
        want = []
        for s, n in enumerate(counts, 1):
            lines.append(f"{s}\t类别{s}\t\t\t")
            for k in range(1, n + 1):
                lines.append(f"{s}{sep}{k}\t项目{s}{k}\t建成{k}个\t已建成{k}个\t县局{s}")
                want.append((f"{s}{sep}{k}", f"类别{s}", f"项目{s}{k}"))
        doc = read_text("\n".join(lines) + "\n")
        assert [(it.number, it.section, it.name) for it in doc.items] == want


def test_a_tail_with_a_figure_is_not_a_list_of_units():
    """技能培训提升，区人社局 ends its name with the responsible units; 新建1000张养老床位，开工建设
    10个区域性养老服务中心 ends like an agency too (中心) but holds a figure: it is all the name."""
    import random
    from minsheng_ie.loading.resources import bundled_lexicon
    rnd = random.Random(11)
    suffixes = sorted(bundled_lexicon("orgs.yaml", "agency_suffix").forms)
    units = sorted(bundled_lexicon("units.yaml", "unit").forms)
    lines, want = ["某市民生实事进展情况"], []
    for k in range(1, 21):
        suffix, unit, n = rnd.choice(suffixes), rnd.choice(units), rnd.randint(2, 5000)
        if k % 2:
            name = f"新建{n}{unit}设施，建设{rnd.randint(2, 99)}{unit}区域性服务{suffix}"
            lines.append(f"{k}. {name}")
            want.append((name, []))
        else:
            lines.append(f"{k}. 项目{k}，区服务{suffix}")
            want.append((f"项目{k}", [f"区服务{suffix}"]))
        lines.append(f"已完成{n}{unit}。")
    doc = read_text("\n".join(lines))
    assert [(it.name, [u.text for u in it.get("responsible")]) for it in doc.items] == want


def _labels_on_own_lines(k, site, unit, deadline):
    return [f"第{cn_numeral(k)}项　项目{k}（{site}）", "目标任务：", f"建成{k}个", "进展情况：", f"已建成{k - 1}个",
            "牵头单位：", unit, "完成时限：", deadline]


def test_labels_whose_value_is_on_the_next_line_up_to_the_last_item():
    """Labels alone on their lines (牵头单位： / 县水利局): the next line is the value, even
    when it looks like a signature (a unit, a date) after the last item; a bracket of bare
    units in the name is part of the name when the item names its units by label."""
    import datetime as dt
    import random
    from minsheng_ie.loading.resources import bundled_lexicon
    rnd = random.Random(5)
    suffixes = [s for s, e in bundled_lexicon("orgs.yaml", "agency_suffix").forms.items() if e.value != "place"]
    for n in (1, 2, 4):
        lines, want = ["某县民生工程实施进度通报", "一、实施进度较慢项目"], []
        for k in range(1, n + 1):
            site, unit = f"某乡污水处理{rnd.choice(suffixes)}", f"县某{rnd.choice(suffixes)}"
            d = dt.date(2020, 1, 1) + dt.timedelta(days=rnd.randint(0, 365))
            deadline = rnd.choice([f"{d.year}年{d.month}月{d.day}日", f"{d.year}年{d.month}月底"])
            lines += _labels_on_own_lines(k, site, unit, deadline)
            want.append((f"项目{k}（{site}）", unit, deadline))
        lines += ["县民生工程领导小组办公室", "2020年10月16日"]
        doc = read_text("\n".join(lines))
        assert [(it.name, it.get("responsible")[0].text, it.get("deadline")[0].text) for it in doc.items] == want
        assert not any(len(it.get("responsible")) > 1 for it in doc.items)
        assert doc.front[-1].text == "2020年10月16日"
    # without a labelled unit, the bracket of bare units is the responsible one
    doc = read_text("\n".join(f"{k}.项目{k}（县某{s}）\n进展情况：已建成{k}个" for k, s in enumerate(suffixes[:6], 1)))
    assert [(it.name, it.get("responsible")[0].text) for it in doc.items] == [
        (f"项目{k}", f"县某{s}") for k, s in enumerate(suffixes[:6], 1)]


@pytest.mark.parametrize("cue", ["进展情况", "进展情况：", "实施方案"])
def test_unlabelled_text_before_a_labelled_progress_is_the_target(cue):
    """①项目：建筑面积7000平方米。进展情况：主体已完工。 — the text after the name's colon says
    what the item is to do: its target, whatever the report's heading says unlabelled text is."""
    import random
    rnd = random.Random(cue)
    lines, want = [f"某区十项民生实事项目{cue}", "一、教育类"], []
    for k in range(1, 9):
        a, b = rnd.randint(100, 9000), rnd.randint(1, 99)
        inline = k % 2 == 0
        lines.append(f"{chr(0x2460 + k - 1)}项目{k}：建筑面积约{a}平方米。" + (f"进展情况：已完成{b}%。" if inline else ""))
        if not inline:
            lines.append(f"进展情况：已完成{b}%。")
        lines[-1] += "（牵头单位：区教育局；配合单位：区财政局）"
        want.append((f"项目{k}", f"建筑面积约{a}平方米。", f"已完成{b}%。"))
    doc = read_text("\n".join(lines))
    # (a bracket after the progress text stays inside its unit; its units are nested fields)
    got = [(it.name, it.get("target")[0].text, it.get("progress")[0].text.split("（")[0]) for it in doc.items]
    assert got == want
    assert all(it.get("responsible")[0].text == "区教育局" for it in doc.items)


@pytest.mark.parametrize("label", ["统计时点", "填报日期", "数据截至", "报送日期"])
def test_the_date_the_figures_stand_at_is_the_report_date(label):
    import datetime as dt
    import random
    rnd = random.Random(label)
    for _ in range(10):
        d = dt.date(2010, 1, 1) + dt.timedelta(days=rnd.randint(0, 5000))
        written = rnd.choice([f"{d.year}年{d.month}月{d.day}日", d.isoformat(), f"{d.year}/{d.month}/{d.day}"])
        doc = read_text(f"某市{d.year}年为民办实事项目进度统计表\n{label}：{written}　　填报单位：某市统计局\n"
                        "1.新建幼儿园。进展情况：已建成3所。\n")
        assert doc.ref_date == d, written


def test_a_header_is_named_by_the_word_it_is_built_on():
    """Chinese compounds name their kind last: a modifier before a field's name keeps its
    field (项目进度 is progress, 年度目标完成率 a rate, 进度滞后原因 a problem); a header naming two
    things (目标任务及完成时限) is named by the first."""
    import random
    from minsheng_ie.documents.headers import header_field, header_forms
    rnd = random.Random(2)
    forms = {f: fld for f, fld in header_forms().items() if len(f) >= 3 and fld not in ("number", "text")}
    modifiers = ["项目", "全县", "本年度", "市级", "主要", "年度目标", "建设任务"]
    for form, fld in forms.items():
        header = rnd.choice(modifiers) + form
        assert header_field(header) == fld, header
        other = rnd.choice([f for f, g in forms.items() if g != fld])
        assert header_field(f"{form}及{other}") == fld, f"{form}及{other}"


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_html_layout_tables_around_the_report(tmp_path, depth):
    """Government pages frame their content in layout tables: a table that holds a table is
    read as paragraphs, the table inside as the report's table."""
    rows = "".join(f"<tr><td>{k}</td><td>项目{k}</td><td>已完成{k}个</td><td>市局{k}</td></tr>" for k in range(1, 6))
    page = ("<p>某市2023年民生实事项目进展情况表</p><table border=1><tr><th>序号</th><th>项目名称</th>"
            f"<th>进展情况</th><th>牵头单位</th></tr>{rows}</table><p>某市人民政府办公室</p><p>2023年10月8日</p>")
    for _ in range(depth):
        page = f"<table width='100%'><tr><td class='nav'>首页 &gt; 政务公开</td></tr><tr><td>{page}</td></tr></table>"
    p = tmp_path / "r.html"
    p.write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    doc = read_document(p)
    assert [(it.name, it.get("progress")[0].text, it.get("responsible")[0].text) for it in doc.items] == [
        (f"项目{k}", f"已完成{k}个", f"市局{k}") for k in range(1, 6)]
    assert doc.title == "某市2023年民生实事项目进展情况表" and str(doc.ref_date) == "2023-10-08"


def test_a_table_split_at_page_breaks_reads_as_one(tmp_path):
    """A long .docx table broken into several tables (a page break, an empty paragraph
    between): the parts without a header continue the table above, sections included."""
    import random
    import docx
    rnd = random.Random(4)
    for _ in range(4):
        rows = [["序号", "项目名称", "进展情况", "牵头单位"]]
        want, k = [], 0
        for s in range(1, 4):
            rows.append([f"{cn_numeral(s)}、类别{s}"] * 4)
            for _ in range(rnd.randint(2, 4)):
                k += 1
                rows.append([str(k), f"项目{k}", f"已完成{k}个", f"县局{k}"])
                want.append((str(k), f"类别{s}", f"项目{k}", f"县局{k}"))
        cuts = sorted(rnd.sample(range(2, len(rows)), rnd.randint(1, 3)))
        d = docx.Document()
        d.add_paragraph("某县2023年民生实事进展情况表")
        for a, b in zip([0] + cuts, cuts + [len(rows)]):
            table = d.add_table(rows=0, cols=4)
            for r in rows[a:b]:
                cells = table.add_row().cells
                if len(set(r)) == 1:
                    cells[0].merge(cells[3])
                    cells[0].text = r[0]
                else:
                    for c, v in zip(cells, r):
                        c.text = v
            d.add_paragraph("")
        p = tmp_path / "r.docx"
        d.save(p)
        doc = read_document(p)
        assert [(it.number, it.section, it.name, it.get("responsible")[0].text) for it in doc.items] == want, cuts


@pytest.mark.parametrize("mark", [lambda n: f"{n}.", lambda n: f"{n}、", lambda n: f"（{n}）", lambda n: chr(0x2460 + n - 1),
                                  lambda n: f"第{cn_numeral(n)}项 "])
def test_a_name_cell_that_holds_the_number(mark):
    """No 序号 column, the name cell numbered (1.新建幼儿园): the marker is the item's number."""
    for restart in (False, True):
        lines, want, k = ["项目名称\t进展情况\t牵头单位"], [], 0
        for s in (1, 2):
            lines.append(f"{cn_numeral(s)}、类别{s}\t\t")
            for i in (1, 2, 3):
                k += 1
                n = i if restart else k
                lines.append(f"{mark(n)}项目{k}\t已完成{k}个\t县局{k}")
                want.append((f"{s}.{n}" if restart else str(n), f"类别{s}", f"项目{k}"))
        doc = read_text("\n".join(lines) + "\n")
        assert [(it.number, it.section, it.name) for it in doc.items] == want


def test_a_table_aligned_with_spaces():
    """A table typed with spaces (or converted from a PDF): cells between runs of spaces, a
    missing cell told by where the others stand (CJK characters two columns wide), section
    rows of one cell inside it."""
    import random
    import unicodedata
    rnd = random.Random(9)

    def width(s):
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    for _ in range(10):
        header = ["序号", "项目名称", "进展情况", "牵头单位"]
        rows, want, k = [], [], 0
        for s in (1, 2):
            rows.append([f"{cn_numeral(s)}、类别{s}"])
            for _ in range(rnd.randint(2, 4)):
                k += 1
                name = "项目" + "甲乙丙丁戊己" [:rnd.randint(1, 6)] + str(k)
                progress = f"已完成{rnd.randint(1, 99999)}个" if rnd.random() > 0.2 else ""
                unit = f"县局{k}" if rnd.random() > 0.2 else ""
                rows.append([str(k), name, progress, unit])
                want.append((str(k), f"类别{s}", name, progress or None, unit or None))
        widths = [max(width(r[c]) for r in [header] + rows if len(r) > c) + rnd.randint(2, 6) for c in range(4)]
        lines = ["某县民生实事进展情况表", ""]
        for r in [header] + rows:
            cells = r if len(r) == 1 else [(v + " " * (widths[c] - width(v))) for c, v in enumerate(r)]
            lines.append("".join(cells).rstrip())
        doc = read_text("\n".join(lines + ["", "某县民生办"]))
        got = [(it.number, it.section, it.name, next((u.text for u in it.get("progress")), None),
                next((u.text for u in it.get("responsible")), None)) for it in doc.items]
        assert doc.layout == "aligned_table" and got == want, "\n".join(lines)


def _field_names():
    """Every field name of the header lexicon (but the number's and the name's) → its field."""
    from minsheng_ie.loading.resources import bundled_lexicon
    forms = bundled_lexicon("fields.yaml", "field_header").forms.items()
    return {f: str(e.value) for f, e in forms if str(e.value) not in ("number", "name")}


@pytest.mark.parametrize("brackets", ["【】", "〔〕", "[]", "［］", "〖〗"])
@pytest.mark.parametrize("colon", ["", "after", "inside"])
def test_a_field_name_in_brackets_is_a_label_with_or_without_a_colon(brackets, colon):
    """【目标】, 〔进展〕：, [牵头单位：] — for every field name of the header lexicon, the
    brackets set the label off: on its own line or inline after the item's name."""
    names = _field_names()
    lines, want = ["某县2024年民生实事进展情况"], []
    for k, (form, fld) in enumerate(names.items(), 1):
        label = brackets[0] + form + ("：" if colon == "inside" else "") + brackets[1] + ("：" if colon == "after" else "")
        value = f"建成幼儿园{k}所"
        lines += [f"{k}.项目{k}{label}{value}"] if k % 2 else [f"{k}.项目{k}", label + value]
        want.append((str(k), f"项目{k}", fld, value))
    doc = read_text("\n".join(lines))
    got = [(it.number, it.name, it.fields[1].field, it.fields[1].text) for it in doc.items]
    assert got == want and all(len(it.fields) == 2 for it in doc.items)


def test_bracketed_labels_own_their_lines_up_to_the_last_item():
    """Items whose fields are bracketed labels on lines of their own: a paragraph without a
    label after a prose field continues it; a labelled line is never the signature (【责任单位】
    县水利局 after the last item), and a paragraph on next steps after the last item closes the
    report — unless the items each have one of their own."""
    import random
    rnd = random.Random(7)
    for own_next_steps in (False, True):
        lines, want = ["某市2024年重点民生实事一季度推进情况"], []
        for k in range(1, rnd.randint(3, 6)):
            a, b, extra = rnd.randint(10, 999), rnd.randint(1, 9), rnd.random() < 0.5
            lines += [f"{cn_numeral(k)}、项目{k}", f"【目标】建成{a}个。", f"【进展】已建成{b}个。"]
            progress = f"已建成{b}个。" + (f"\n另有{k}个在建。" if extra else "")
            if extra:
                lines.append(f"另有{k}个在建。")
            lines += [f"【责任单位】县水利局{k}"] + ([f"下一步，将加快项目{k}建设。"] if own_next_steps else [])
            want.append((str(k), f"项目{k}", f"建成{a}个。", progress, f"县水利局{k}"))
        if not own_next_steps:
            lines.append("下一步，各牵头单位要加快工作进度。")
        lines += ["县人民政府办公室", "2024年4月15日"]
        doc = read_text("\n".join(lines))
        got = [(it.number, it.name, it.get("target")[0].text, it.get("progress")[0].text,
                it.get("responsible")[0].text) for it in doc.items]
        assert got == want
        last_texts = " ".join(u.text for u in doc.items[-1].fields)
        assert ("下一步" in last_texts) == own_next_steps
        assert [u.text for u in doc.front[-3 + own_next_steps:]] == (
            ["县人民政府办公室", "2024年4月15日"] if own_next_steps else
            ["下一步，各牵头单位要加快工作进度。", "县人民政府办公室", "2024年4月15日"])


def _header_forms(fld):
    from minsheng_ie.loading.resources import bundled_lexicon
    return [f for f, e in bundled_lexicon("fields.yaml", "field_header").forms.items() if str(e.value) == fld]


def _two_tables(rnd):
    """Two tables of items, each under a numbered section row and its own header row, worded
    and ordered its own way (names drawn from the header lexicon); numbers restart."""
    fields = ["number", "name", "target", "progress", "responsible"]
    rows, want = [["某市民生实事项目进度表"]], []
    for s in (1, 2):
        order = fields[:2] + rnd.sample(fields[2:], 3)
        rows += [[f"{cn_numeral(s)}、类别{s}"], [rnd.choice(_header_forms(f)) for f in order]]
        for i in range(1, rnd.randint(2, 4)):
            values = {"number": str(i), "name": f"项目{s}{i}", "target": f"建成{s}{i}0个",
                      "progress": f"已建成{s}{i}个", "responsible": f"县局{s}{i}"}
            rows.append([values[f] for f in order])
            want.append((f"{s}.{i}", f"类别{s}", f"项目{s}{i}", values["target"], values["progress"],
                         values["responsible"]))
    return rows, want


def _items_read(doc):
    return [(it.number, it.section, it.name, it.get("target")[0].text, it.get("progress")[0].text,
             it.get("responsible")[0].text) for it in doc.items]


def test_a_header_row_below_items_starts_a_new_table(tmp_path):
    """Two tables on one sheet (or in one text), each with its own header row: the second
    table's columns are its header's, both under their section rows."""
    import random
    rnd = random.Random(11)
    for k in range(6):
        rows, want = _two_tables(rnd)
        width = max(len(r) for r in rows)
        merges = [f"A{i}:{chr(64 + width)}{i}" for i, r in enumerate(rows, 1) if len(r) == 1]
        doc = read_document(_xlsx(tmp_path, rows, merges=merges, name=f"t{k}.xlsx"))
        assert _items_read(doc) == want
        doc = read_text("\n".join("|".join(r + [""] * (width - len(r))) for r in rows))
        assert _items_read(doc) == want


def test_a_numbered_heading_before_a_table_heads_its_items(tmp_path):
    """Tables under numbered headings of their own (paragraphs of a .docx, lines of a text):
    each heading is the section of the table below it; numbers that restart keep its number."""
    import random
    import docx
    rnd = random.Random(12)
    for k in range(4):
        rows, want = _two_tables(rnd)
        d = docx.Document()
        d.add_paragraph(rows[0][0])
        parts, text = [], [rows[0][0]]
        for r in rows[1:]:
            if len(r) == 1:
                d.add_paragraph(r[0])
                text.append(r[0])
                parts.append(d.add_table(rows=0, cols=5))
            else:
                cells = parts[-1].add_row().cells
                for c, v in zip(cells, r):
                    c.text = v
                text.append("\t".join(r))
        d.save(tmp_path / f"t{k}.docx")
        assert _items_read(read_document(tmp_path / f"t{k}.docx")) == want
        assert _items_read(read_text("\n".join(text))) == want


def test_a_row_with_no_number_and_no_name_continues_the_item_above(tmp_path):
    """A row with an empty 序号 and an empty name carries on the item above: its cells are
    the item's too (a value the item already has in that column once), even a row holding a
    single cell; a section row still is one (its cell is the number or the name), and rows
    of one cell after the table's last row of several are its footer, not the last item's."""
    import random
    rnd = random.Random(13)
    for k in range(6):
        rows = [["序号", "项目名称", "年度目标", "完成情况", "完成率", "责任单位"], ["一、类别1"] * 6]
        want, n = [], rnd.randint(3, 7)
        for i in range(1, n + 1):
            unit, pct = f"区局{i}", rnd.randint(1, 150)
            rows.append([str(i), f"项目{i}", f"目标{i}甲", f"完成{i}甲", f"{pct}%", unit])
            targets, progress, rates = [f"目标{i}甲"], [f"完成{i}甲"], [f"{pct}%"]
            for j in range(rnd.randint(0, 2)):
                alone = i < n and rnd.random() < 0.3          # (the last one would be the footer)
                rows.append(["", "", "", f"完成{i}乙{j}", "", ""] if alone else
                            ["", "", f"目标{i}乙{j}", f"完成{i}乙{j}", f"{pct + j + 1}%", unit])
                targets += [] if alone else [f"目标{i}乙{j}"]
                progress.append(f"完成{i}乙{j}")
                rates += [] if alone else [f"{pct + j + 1}%"]
            want.append((str(i), "类别1", f"项目{i}", targets, progress, rates, [unit]))
        rows += [["", "", "", "", "", "某区民生办"], ["", "", "", "", "", "2017年8月24日"]]
        doc = read_document(_xlsx(tmp_path, rows, merges=["A2:F2"], name=f"c{k}.xlsx"))
        got = [(it.number, it.section, it.name, *([u.text for u in it.get(f)] for f in
                ("target", "progress", "rate", "responsible"))) for it in doc.items]
        assert got == want
        assert [u.text for u in doc.front[-2:]] == ["某区民生办", "2017年8月24日"]


def test_a_line_that_is_only_an_as_of_date_gives_the_report_date():
    """（截至2022年9月20日） under the title: the date the figures stand at."""
    import datetime as dt
    import random
    rnd = random.Random(14)
    for _ in range(20):
        d = dt.date(2010, 1, 1) + dt.timedelta(days=rnd.randint(0, 5000))
        line = rnd.choice(["（截至{}）", "(截止{})", "截至{}"]).format(f"{d.year}年{d.month}月{d.day}日")
        doc = read_text(f"某市民生实事项目进度表\n{line}\n1.新建幼儿园。进展情况：已建成3所。\n")
        assert doc.ref_date == d, line
    assert read_text("某市民生实事项目进度表\n（截至2022年2月30日）\n1.新建幼儿园。进展情况：已建成3所。").ref_date is None
