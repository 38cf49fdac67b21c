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
    pd = pytest.importorskip("pandas")
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
