"""Reading .docx: body order, Word's automatic numbering, merged cells, revisions and the
places Word hides text (content controls, text boxes), from hand-written WordprocessingML."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.contract import extract_json
from jixiao.intake.parse import parse_document
from jixiao.intake.readers.docx import read_docx
from jixiao.intake.readers.docx_numbering import chinese_counting, format_number
from tests.intake.readers.makers import W_NS, body, docx_bytes


def p(text: str, *, style: str = "", num: tuple[int, int] | None = None) -> str:
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        properties += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    ppr = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tc(text: str, *, span: int = 1, merge: str | None = None) -> str:
    properties = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if merge is not None:
        properties += f'<w:vMerge w:val="{merge}"/>' if merge else "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{p(text) if text else '<w:p/>'}</w:tc>"


def table(*rows: list[str]) -> str:
    width = max(sum(_span(cell) for cell in row) for row in rows)
    grid = '<w:gridCol w:w="1000"/>' * width
    return (
        f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>"
        + "".join(f"<w:tr>{''.join(row)}</w:tr>" for row in rows)
        + "</w:tbl>"
    )


def _span(cell: str) -> int:
    marker = '<w:gridSpan w:val="'
    return int(cell.split(marker, 1)[1].split('"', 1)[0]) if marker in cell else 1


def read(*elements: str, numbering: str = "") -> str:
    return read_docx(docx_bytes(body(*elements), numbering=numbering), label="测试.docx").text


def numbering(*levels: str, overrides: str = "") -> str:
    return (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="7">{"".join(levels)}'
        f'</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>{overrides}'
        "</w:numbering>"
    )


def level(index: int, fmt: str, text: str, *, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{index}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


# ---------------------------------------------------------------------------- numbering


def test_heading_styles_get_their_chinese_numbers_back() -> None:
    text = read(
        p("部门概况", style="Heading1"),
        p("单位基本情况", style="Heading2"),
        p("部门职责", style="Heading2"),
        p("正文。"),
        p("整体支出基本情况", style="Heading1"),
        p("基本支出", style="Heading2"),
    )
    assert text.split("\n")[:-1] == [
        "一、部门概况",
        "（一）单位基本情况",
        "（二）部门职责",
        "正文。",
        "二、整体支出基本情况",
        "（一）基本支出",  # a level restarts under the level above it
    ]


def test_numbers_follow_lvl_text_and_num_fmt() -> None:
    ladder = numbering(
        level(0, "chineseCounting", "%1、"),
        level(1, "decimal", "%2."),
        level(2, "decimalEnclosedCircle", "%3"),
        level(3, "decimal", "%1.%2.%4", extra='<w:isLgl/><w:suff w:val="space"/>'),
    )
    text = read(
        p("总体情况", num=(3, 0)),
        p("人员经费", num=(3, 1)),
        p("工资", num=(3, 2)),
        p("津贴", num=(3, 2)),
        p("细目", num=(3, 3)),
        p("公用经费", num=(3, 1)),
        numbering=ladder,
    )
    # isLgl writes every level of "%1.%2.%4" in decimal; a "1." before a figure gets a space.
    assert text.split("\n")[:-1] == [
        "一、总体情况",
        "1. 人员经费",
        "①工资",
        "②津贴",
        "1.1.1 细目",
        "2. 公用经费",
    ]


def test_a_restarted_list_starts_where_word_says_and_num_id_0_switches_numbering_off() -> None:
    ladder = numbering(
        level(0, "chineseCounting", "%1、"),
        overrides=(
            '<w:num w:numId="4"><w:abstractNumId w:val="7"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'
        ),
    )
    text = read(
        p("部门概况", num=(3, 0)),
        p("不编号", num=(0, 0)),
        p("评价过程", num=(4, 0)),
        p("存在的问题", num=(4, 0)),
        numbering=ladder,
    )
    assert text.split("\n")[:-1] == ["一、部门概况", "不编号", "三、评价过程", "四、存在的问题"]


def test_bullets_and_unknown_lists_add_nothing() -> None:
    ladder = numbering(level(0, "bullet", "\uf0b7"))
    assert (
        read(p("要点", num=(3, 0)), p("未定义", num=(9, 0)), numbering=ladder) == "要点\n未定义\n"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (100, "一百"),
     (105, "一百零五"), (110, "一百一十"), (1001, "一千零一")],
)  # fmt: skip
def test_chinese_counting(value: int, expected: str) -> None:
    assert chinese_counting(value) == expected


@pytest.mark.parametrize(
    ("fmt", "value", "expected"),
    [("ideographTraditional", 3, "丙"), ("upperRoman", 4, "IV"), ("lowerLetter", 27, "aa"),
     ("decimalFullWidth", 12, "１２"), ("chineseLegalSimplified", 12, "拾贰"),
     ("decimalZero", 7, "07"), ("none", 5, "")],
)  # fmt: skip
def test_number_formats(fmt: str, value: int, expected: str) -> None:
    assert format_number(value, fmt) == expected


# ------------------------------------------------------------------------------- tables

FUNDS = table(
    [tc("项目资金（万元）", merge="restart"), tc(""), tc("年初预算数"), tc("全年预算数"),
     tc("全年执行数"), tc("分值"), tc("执行率"), tc("得分")],
    [tc("", merge=""), tc("年度资金总额"), tc("100.00"), tc("120.00"), tc("116.47"),
     tc("10"), tc("97.06%"), tc("9.71")],
    [tc("", merge=""), tc("其中：当年财政拨款"), tc("100.00"), tc("120.00"), tc("116.47"),
     tc("—", span=3)],
    [tc("总分", span=6), tc("100"), tc("92")],
)  # fmt: skip


def test_merged_cells_are_written_once_at_their_first_column() -> None:
    document = read_docx(docx_bytes(body(FUNDS)), label="表.docx")
    lines = document.text.split("\n")
    assert lines[0].startswith("| 项目资金（万元） |  | 年初预算数 |")
    # The vertically merged cell is empty in the rows below; the spanned "—" is one cell.
    assert lines[2] == "|  | 其中：当年财政拨款 | 100.00 | 120.00 | 116.47 | — |"
    assert lines[3] == "| 总分 | 100 | 92 |"
    columns = {document.text[c.start : c.end]: c.address for c in document.cells if c.row == 4}
    assert columns == {"总分": (1, 4, 1), "100": (1, 4, 7), "92": (1, 4, 8)}


def test_funds_block_figures_come_out_with_their_cells() -> None:
    title = p("青峰县林业局2023年度项目支出绩效自评表")
    document = read_docx(docx_bytes(body(title, FUNDS)), label="表.docx")
    report = parse_document(document, source="表.docx")
    budget = report.budget
    assert budget.initial is not None and budget.initial.value.wan == Decimal("100.00")
    assert budget.adjusted is not None and budget.adjusted.value.wan == Decimal("120.00")
    assert budget.executed is not None and budget.executed.evidence.cell == (1, 2, 5)
    assert budget.execution_rate is not None and budget.execution_rate.value.percent == Decimal(
        "97.06"
    )
    assert report.performance.self_score is not None
    assert report.performance.self_score.evidence.cell == (1, 4, 8)
    cells = {e["path"]: e.get("cell") for e in extract_json(report)["evidence"]}
    assert cells["budget.initial"] == [1, 2, 3] and cells["unit_name"] is None


def test_paragraphs_and_tables_keep_their_order() -> None:
    text = read(p("甲"), table([tc("乙"), tc("丙")]), p("丁"))
    assert text == "甲\n| 乙 | 丙 |\n丁\n"


def test_a_table_inside_a_cell_is_read_into_that_cell() -> None:
    inner = table([tc("人员经费"), tc("793.43")])
    outer = table([f"<w:tc><w:tcPr/>{p('明细')}{inner}</w:tc>", tc("合计")])
    assert read(outer) == "| 明细人员经费 793.43 | 合计 |\n"


# ------------------------------------------------------------------- where text hides


def test_revisions_count_as_accepted() -> None:
    paragraph = (
        "<w:p><w:r><w:t>总支出</w:t></w:r>"
        '<w:del w:id="1" w:author="审核"><w:r><w:delText>5000</w:delText><w:tab/></w:r></w:del>'
        '<w:ins w:id="2" w:author="审核"><w:r><w:t>5252.64</w:t></w:r></w:ins>'
        "<w:r><w:t>万元</w:t></w:r></w:p>"
    )
    assert read(paragraph) == "总支出5252.64万元\n"


def test_content_controls_hyperlinks_and_line_breaks() -> None:
    control = f"<w:sdt><w:sdtPr/><w:sdtContent>{p('填报单位：青峰县林业局')}</w:sdtContent></w:sdt>"
    inline = (
        '<w:p><w:hyperlink r:id="x" xmlns:r="r"><w:r><w:t>链接</w:t></w:r></w:hyperlink>'
        "<w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"
    )
    assert read(control, inline) == "填报单位：青峰县林业局\n链接第一行\n第二行\n"


def test_a_text_box_is_read_once_after_its_paragraph() -> None:
    box = f"<w:txbxContent>{p('框内文字')}</w:txbxContent>"
    drawing = (
        "<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent>"
        f"<mc:Choice Requires='wps'><w:drawing>{box}</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    assert read(drawing) == "正文\n框内文字\n"


def test_empty_paragraphs_leave_no_blank_lines() -> None:
    assert read(p("甲"), "<w:p/>", p("  "), p("乙")) == "甲\n乙\n"
