"""Whole reports: the five seed layouts, file formats, and document extraction."""
import csv

import pytest

import minsheng_ie
from minsheng_ie import DocumentError
from minsheng_ie import read_text

from .conftest import GOLD

# the layout is what the reader found: numbered items (002's labelled narrative, 003's plan list) are one reader
SEED_ITEMS = {"000": (8, "tab_table"), "001": (30, "pipe_table"), "002": (20, "numbered"),
              "003": (50, "numbered"), "004": (16, "line_table")}
FIELDS = {"000": {"name", "target", "responsible", "progress", "problem", "plan"},
          "001": {"name", "target", "progress", "responsible", "status"},
          "002": {"name", "responsible", "target", "progress"},
          "003": {"name", "target"},
          "004": {"name", "target", "rate", "responsible"}}


def seed(prefix):
    path = next(GOLD.glob(f"{prefix}_*.txt"))
    return path, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", sorted(SEED_ITEMS))
def test_seed_layout_items_and_fields(prefix):
    path, text = seed(prefix)
    doc = minsheng_ie.read_document(path)
    n, layout = SEED_ITEMS[prefix]
    assert doc.layout == layout
    assert len(doc.items) == n
    assert [it.number for it in doc.items] == [str(i) for i in range(1, n + 1)]
    for it in doc.items:
        assert FIELDS[prefix] <= {u.field for u in it.fields}, it.number
        assert it.name
        for u in it.fields:
            assert doc.text[u.start:u.end] == u.text
    assert doc.ref_date is not None


def test_ref_dates():
    want = {"000": "2020-03-31", "001": "2024-07-10", "002": "2020-10-31", "003": "2020-03-10", "004": "2024-08-28"}
    for prefix, date in want.items():
        assert str(minsheng_ie.read_document(seed(prefix)[0]).ref_date) == date


def test_duplicated_page_read_once():
    doc = minsheng_ie.read_document(seed("004")[0])
    assert len(doc.items) == 16 and doc.items[-1].get("responsible")[0].text == "县民政局"


def test_inline_responsible_unit_in_narrative():
    doc = minsheng_ie.read_document(seed("002")[0])
    assert doc.items[6].get("responsible")[0].text == "区人社局、退役军人事务局"
    assert doc.items[2].get("responsible")[0].text == "区司法局"


def test_extract_document_gives_lead_units_and_summary():
    result = minsheng_ie.extract_document(seed("002")[0])
    first = result.items[0].summary()
    assert first["lead_units"] == ["区住建局"]
    assert first["deadline"] == "2020-12-31"
    item11 = result.items[10]
    assert item11.lead_units == ["区民政局", "区医保局", "区工会"]
    records = result.to_records()
    assert len(records) == len(read_text(seed("002")[1]).units())


def test_document_extract_matches_gold():
    from minsheng_ie.evaluation.gold import load_jsonl
    from minsheng_ie.evaluation.scoring import score
    for prefix in SEED_ITEMS:
        path, _ = seed(prefix)
        result = minsheng_ie.extract_document(path)
        preds = {r["id"]: r["entities"] for r in result.to_records()}
        report = score(load_jsonl(path.with_suffix(".jsonl")), preds)
        assert report.to_dict()["labels"]["micro"]["f1"] >= 0.97, prefix


# ------------------------------------------------------------------ file formats

HEADER = ["序号", "项目名称", "任务目标", "进展情况", "牵头单位"]
ROWS = [["1", "老旧小区改造", "年内改造老旧小区30个", "已完工12个，完成投资1.2亿元", "区住建局"],
        ["2", "新增就业", "城镇新增就业600人以上", "截至6月底新增就业562人", "区人社局、区财政局"]]
TITLE = "某区2024年民生实事二季度进展情况"


def _check_doc(doc):
    assert len(doc.items) == 2
    it = doc.items[1]
    assert it.name == "新增就业"
    assert it.get("target")[0].text == "城镇新增就业600人以上"
    assert it.get("responsible")[0].text == "区人社局、区财政局"
    result = minsheng_ie.extract_document(doc)
    assert result.items[1].lead_units == ["区人社局", "区财政局"]
    assert [e.text for e in result.items[0].targets] == ["30个"]


def test_csv_round_trip(tmp_path):
    p = tmp_path / "r.csv"
    with open(p, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([TITLE])
        w.writerow(HEADER)
        w.writerows(ROWS)
    _check_doc(minsheng_ie.read_document(p))


def test_xlsx_round_trip(tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([TITLE])
    ws.append(HEADER)
    for r in ROWS:
        ws.append(r)
    p = tmp_path / "r.xlsx"
    wb.save(p)
    _check_doc(minsheng_ie.read_document(p))


def test_docx_round_trip(tmp_path):
    import docx
    d = docx.Document()
    d.add_paragraph(TITLE)
    t = d.add_table(rows=0, cols=len(HEADER))
    for r in [HEADER] + ROWS:
        cells = t.add_row().cells
        for c, v in zip(cells, r):
            c.text = v
    p = tmp_path / "r.docx"
    d.save(p)
    _check_doc(minsheng_ie.read_document(p))


def test_html_round_trip(tmp_path):
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in ROWS)
    head = "<tr>" + "".join(f"<th>{c}</th>" for c in HEADER) + "</tr>"
    p = tmp_path / "r.html"
    p.write_text(f"<html><head><title>{TITLE}</title></head><body><table>{head}{rows}</table></body></html>",
                 encoding="utf-8")
    _check_doc(minsheng_ie.read_document(p))


def test_unreadable_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        minsheng_ie.read_document(tmp_path / "missing.xlsx")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DocumentError, match="cannot read"):
        minsheng_ie.read_document(bad)
    odd = tmp_path / "r.pdf"
    odd.write_bytes(b"%PDF")
    with pytest.raises(DocumentError, match="unsupported"):
        minsheng_ie.read_document(odd)
