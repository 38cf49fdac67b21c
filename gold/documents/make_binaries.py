"""Writes the .xlsx and .docx documents of the development corpus (run from this folder:
`python make_binaries.py`). Their expected items are in NAME.expect.yaml, written by
reading the documents, not this script's output. Text documents are committed as they are."""
from pathlib import Path

import docx
import openpyxl

HERE = Path(__file__).resolve().parent


def quanzhou() -> None:
    """Items on the second sheet; header in row 3 under a merged title and a date line."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes.append(["填报说明"])
    notes.append(["1.本表由各项目牵头单位每月5日前报送市委市政府督查室。"])
    notes.append(["2.进展情况须写明已完成的工程量、投资额。"])
    ws = wb.create_sheet("进度表")
    ws.append(["2020年泉州市为民办实事项目1-4月进展情况表"])
    ws.merge_cells("A1:F1")
    ws.append(["填报时间：2020年5月12日"])
    ws.append(["序号", "项目名称", "建设内容", "1-4月进展", "计划完成时间", "责任单位"])
    for row in [
        [1, "公办幼儿园建设", "新、改扩建公办幼儿园20所，新增学位约5400个", "已开工7所，开工率35%；完成投资3212万元",
         "2020年12月", "市教育局"],
        [2, "城市书房建设", "建成城市书房10家", "已选址8家，完成装修2家", "2020年10月底", "市文旅局"],
        [3, "农村生活污水治理", "完成200个村庄生活污水治理", "已完成62个村，完成率31%", "2020年11月底", "市生态环境局"],
        [4, "老旧小区改造", "改造老旧小区60个", "已开工41个", "2020年12月底", "市住建局"],
        [5, "养老服务设施", "新建居家社区养老服务照料中心30个", "已建成12个", "2020年9月", "市民政局"],
    ]:
        ws.append(row)
    wb.save(HERE / "quanzhou_2020_04.xlsx")


def zhoukou() -> None:
    """Two-row header, section rows merged across, a lead unit merged down, a total row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "十件民生实事"
    ws.append(["周口市2022年中心城区十件民生实事推进情况（截至10月底）"])
    ws.merge_cells("A1:G1")
    ws.append(["序号", "项目名称", "年度目标", "截至10月底进展", None, "牵头单位", "配合单位"])
    ws.append([None, None, None, "完成情况", "完成率", None, None])
    for col in "ABCFG":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("D2:E2")
    rows = [
        ["一、学前教育普惠扩容", None, None, None, None, None, None],
        [1, "新建公办幼儿园", "新建公办幼儿园13所", "已建成投用11所", "84.6%", "市教育局", "市自然资源和规划局"],
        [2, "新增学前教育学位", "新增学位3510个", "已新增学位2970个", "84.6%", None, "市住房和城乡建设局"],
        [3, "幼儿园教师培训", "培训幼儿园教师600人次", "已培训620人次", "103.3%", None, "市财政局"],
        ["二、城市更新", None, None, None, None, None, None],
        [4, "老旧小区改造", "改造老旧小区45个", "已完工32个", "71.1%", "市住房和城乡建设局", "各区政府"],
        [5, "背街小巷整治", "整治背街小巷60条", "已完成48条", "80%", "市城市管理局", "各区政府"],
        [6, "城区公厕提升", "新建改造公厕50座", "已完成50座", "100%", "市城市管理局", None],
        ["合计", None, None, None, None, None, None],
    ]
    for r in rows:
        ws.append(r)
    ws.merge_cells("A4:G4")
    ws.merge_cells("A8:G8")
    ws.merge_cells("F5:F7")
    ws.merge_cells("A12:C12")
    wb.save(HERE / "zhoukou_2022_11.xlsx")


def lunan() -> None:
    """Paragraphs in three levels: 一、 › （一） › 1、, a problems section with its own list."""
    d = docx.Document()
    for p in [
        "关于2017年政府为民办好10件实事落实情况的调查报告",
        "为了解区政府承诺为群众办好10件实事的落实情况，近日，区政协对相关情况进行了调查。现将情况报告如下：",
        "一、10件实事的进展情况",
        "截止2017年12月底，10件实事大多数已经完成，还有部分内容有待推进。",
        "（一）完成事项情况",
        "1、创业就业工程：74名个体经营者获得660.5万元创业担保贷款；全年新增就业9789人，城镇登记失业率控制在4.0%以内。",
        "2、基础设施建设：投资520万元对范董线进行翻修改造；投资33.6万元对长城园、文北园进行绿化提升。",
        "3、文体教育：投资925万元实施两所学校塑胶操场改造，“电影下乡”活动放映672场。",
        "（二）推进中事项情况",
        "4、食品安全：对2691家食品生产销售经营单位进行量化分级管理，完成食品安全抽检795批次。",
        "5、高龄补贴：85至89周岁老人补贴标准为每人每年1000元，已发放至11月。",
        "二、存在的问题",
        "1、部分项目前期手续办理时间长。",
        "2、个别项目资金到位不及时。",
        "路南区政协",
        "2018年1月8日",
    ]:
        d.add_paragraph(p)
    d.save(HERE / "lunan_2017_12.docx")


def xiangtan() -> None:
    """A table: a lead unit merged down (cell identity), equal text in unmerged cells,
    section rows merged across, 责任单位 beside 牵头单位."""
    d = docx.Document()
    d.add_paragraph("湘潭市2019年1-10月重点民生实事项目进展情况表")
    rows = [
        ["序号", "项目", "目标任务", "进展情况", "牵头单位", "责任单位"],
        ["省实事", None, None, None, None, None],
        ["1", "改（新）建农村户用厕所", "改（新）建农村户用厕所3.2万户", "已完成2.7万户，完成84%", "市农业农村局", "各县市区人民政府"],
        ["2", "新增直播卫星用户", "新增直播卫星用户6000户", "已完成4100户", "市文旅广体局", "各县市区人民政府"],
        ["3", "节目数字化覆盖", "4座台站完成省级节目数字化覆盖", "已完成2座", "市文旅广体局", "市广播电视台"],
        ["市实事", None, None, None, None, None],
        ["4", "新建农村公办幼儿园", "新建农村公办幼儿园10所", "已建成6所", "市教育局", "市财政局"],
        ["5", "城区老旧小区改造", "改造城区老旧小区40个", "已开工34个", "市住房城乡建设局", "各区人民政府"],
        ["6", "敬老院防雷工程改造", "完成农村敬老院防雷改造52所", "已完成改造45所", "市民政局", "市气象局"],
    ]
    t = d.add_table(rows=len(rows), cols=6)
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            if v is not None:
                t.cell(r, c).text = v
    t.cell(1, 0).merge(t.cell(1, 5))
    t.cell(5, 0).merge(t.cell(5, 5))
    merged = t.cell(3, 4).merge(t.cell(4, 4))      # 市文旅广体局 over items 2 and 3
    merged.text = "市文旅广体局"
    d.add_paragraph("注：各县市区人民政府为项目属地责任主体。")
    d.save(HERE / "xiangtan_2019_10.docx")


def dachen() -> None:
    """Items numbered 一、 with bodies of unlabelled paragraphs."""
    d = docx.Document()
    for p in [
        "2021年大陈乡人民政府民生实事项目实施情况的报告",
        "2021年度大陈乡确定的民生实事项目有3个，共投入资金约537万元。基本情况如下：",
        "一、“书香大陈”文化健身公园建设项目",
        "总投资230余万元，完成景墙、健身步道、智慧健身广场、公厕、廊架等建设。",
        "项目现已完工并投入使用，日均接待群众约300人次。",
        "二、萃文小学连接221省道道路提升项目",
        "总投资278万元，道路全长600米，路面由3.5米拓宽至6米，现已建成使用。",
        "三、大陈智慧农贸市场改造提升项目",
        "总投资29万元，完成室内整体装修和智能化设备安装，已改造成为智慧农贸市场并投入使用。",
        "大陈乡人民政府",
        "2021年12月20日",
    ]:
        d.add_paragraph(p)
    d.save(HERE / "dachen_2021_12.docx")


if __name__ == "__main__":
    for make in (quanzhou, zhoukou, lunan, xiangtan, dachen):
        make()
