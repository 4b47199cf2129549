"""The report's data as an Excel workbook, the way finance bureaus keep it.

``render_dataset_xlsx``: the 自评表 sheet, then one sheet per block of the data set (概况, 支出,
功能分类, 三公, 预算执行, 指标, 问题). ``render_self_evaluation_xlsx``: the 自评表 alone.

Every figure is a number cell holding the exact Decimal, with a number format that shows the
digits the report printed (amounts in 万元, rates as percentages); never text. Text cells that
a spreadsheet could take for a formula (starting with = + - @, or a tab or carriage return)
are written as text with a leading apostrophe (the usual guard against formula injection).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, Side  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from jixiao.domain.money import Money, Rate, canonical
from jixiao.domain.outlines import outline_by_name
from jixiao.domain.rate_words import OTHER_RATIOS
from jixiao.domain.report import Report, ReportKind
from jixiao.render import tables as table_views
from jixiao.render.figures import Figure, report_figures
from jixiao.render.model import build_view
from jixiao.render.tables import Cell, Table, names_another_ratio
from jixiao.render.values import MONEY_PLACEHOLDERS, placeholder_values, signed_date

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="center")
_SPENDING = ("支出合计", "基本支出", "人员经费", "公用经费", "项目支出")
_ACCOUNTS = ("本年收入合计", "收入总计", "支出总计")
_THREE_PUBLIC = (
    "三公经费",
    "因公出国费",
    "公务用车费",
    "公务用车购置费",
    "公务用车运行费",
    "公务接待费",
)
_BUDGET = ("年初预算数", "全年预算数", "全年执行数", "结转结余")
# How the templates name each figure in a sentence (see jixiao/data/templates).
_WORDING = {
    "支出合计": "本年支出合计",
    "三公经费": "“三公”经费支出",
    "因公出国费": "因公出国（境）费",
    "公务用车费": "公务用车购置及运行维护费",
    "公务用车运行费": "公务用车运行维护费",
}
_LABELS = {
    "三公经费": "“三公”经费",
    "因公出国费": "因公出国（境）费",
    "公务用车费": "公务用车购置及运行维护费",
    "公务用车运行费": "公务用车运行维护费",
}


def safe_text(text: str) -> str:
    """Text that no spreadsheet evaluates: a leading formula character gets an apostrophe."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def render_dataset_xlsx(report: Report, outline: str | None = None) -> bytes:
    """The whole data set; ``outline`` is accepted for symmetry with the other formats."""
    workbook = Workbook()
    first = workbook.active
    workbook.remove(first)
    values = placeholder_values(report)
    _profile_sheet(workbook.create_sheet("概况"), report)
    figures = report_figures(report)
    spending = _Rows(workbook.create_sheet("支出"))
    _figures_block(spending, "二、支出情况", figures, values, _SPENDING)
    spending.skip()
    _figures_block(spending, "三、收入支出总计", figures, values, _ACCOUNTS)
    _functional_sheet(workbook.create_sheet("功能分类"), report)
    three_public = _Rows(workbook.create_sheet("三公"))
    _figures_block(three_public, "五、“三公”经费支出情况", figures, values, _THREE_PUBLIC)
    _budget_sheet(workbook.create_sheet("预算执行"), figures, values, _rate_wording(report))
    _narrative_sheet(workbook.create_sheet("问题"), report)
    _self_evaluation_sheet(workbook.create_sheet("自评表"), report)
    workbook.active = len(workbook.sheetnames) - 1
    return _save(workbook)


def render_self_evaluation_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    _self_evaluation_sheet(workbook.active, report)
    workbook.active.title = "自评表"
    return _save(workbook)


def xlsx_bytes(report: Report, outline: str | None = None) -> bytes:
    return render_dataset_xlsx(report, outline)


# ------------------------------------------------------------------------------------ sheets


class _Rows:
    """Writes rows one after another; each value is written as what it is."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 0

    def add(self, values: Sequence[Entry], *, header: bool = False, frame: bool = True) -> None:
        self.row += 1
        for column, value in enumerate(values, start=1):
            cell = self.sheet.cell(row=self.row, column=column)
            _put(cell, value)
            if header:
                cell.font = _BOLD
            if frame:
                cell.border = _BORDER
                cell.alignment = _WRAP
        if header:
            self.sheet.freeze_panes = self.sheet.cell(row=self.row + 1, column=1)

    def skip(self) -> None:
        self.row += 1

    def table(self, table: Table) -> None:
        self.add(list(table.columns), header=True)
        for cells in table.rows:
            self.add(list(cells))

    def widths(self, widths: Sequence[int]) -> None:
        for index, width in enumerate(widths):
            self.sheet.column_dimensions[chr(ord("A") + index)].width = width


Entry = str | Decimal | int | Money | Rate | Cell | None


def _self_evaluation_sheet(sheet: Worksheet, report: Report) -> None:
    rows = _Rows(sheet)
    project = report.kind is ReportKind.PROJECT
    name = "项目支出绩效自评表" if project else "部门整体支出绩效自评表"
    year = f"（{report.profile.year}年度）" if report.profile.year else ""
    rows.add([f"{name}{year}"], header=True, frame=False)
    unit = report.profile.name.value if report.profile.name else report.profile.signing_unit
    rows.add(["单位名称", unit or "—"])
    parts = table_views.self_evaluation(report)
    if not parts:
        rows.add(["报告未列明预算执行情况和绩效指标"], frame=False)
    for table in parts:
        rows.skip()
        rows.table(table)
    rows.widths([16, 14, 18, 10, 12, 10, 12, 8, 8, 24])


def _profile_sheet(sheet: Worksheet, report: Report) -> None:
    profile = report.profile
    performance = report.performance
    values = placeholder_values(report)
    outline = outline_by_name(report.outline) if report.outline else None
    rows = _Rows(sheet)
    # The document's title first: it says what kind of report this is, for whoever reads the
    # workbook (a person, or jixiao again).
    rows.add([document_title(report)], header=True, frame=False)
    rows.add(["一、单位概况"], frame=False)
    rows.add(["项目", "内容"], header=True)
    for label, value in (
        ("单位名称", profile.name.value if profile.name else None),
        ("年度", profile.year),
        ("报告类型", _KIND_NAMES[report.kind]),
        ("提纲", outline.title if outline else None),
        ("来源文件", report.source),
        ("地区", profile.region),
        ("内设机构", "、".join(profile.internal_sections) or None),
        ("下属单位", "、".join(profile.subordinate_units) or None),
        ("编制数", profile.authorized_staff.value.value if profile.authorized_staff else None),
        ("在职人数", profile.actual_staff.value.value if profile.actual_staff else None),
        ("自评得分", performance.self_score.value.percent if performance.self_score else None),
        ("评价等级", performance.grade.value if performance.grade else None),
        ("落款单位", profile.signing_unit),
        ("落款日期", signed_date(profile.signed_on)),
    ):
        rows.add([label, value])
    conclusion = _score_sentence(values)
    if conclusion:
        # The score and grade as the report words them, in the sentence a reader takes them
        # from; the grade by the 自评表's own 总分 is on that sheet.
        rows.add(["自评结论（报告所写）", conclusion])
    rows.widths([20, 60])


def _score_sentence(values: Mapping[str, str | None]) -> str | None:
    score, grade = values.get("自评得分"), values.get("评价等级")
    parts = [f"自评得分{score}" if score else "", f"评价等级为“{grade}”" if grade else ""]
    return "，".join(p for p in parts if p) + "。" if score or grade else None


def document_title(report: Report) -> str:
    """The report's own title where its text has one, else the template's."""
    return build_view(report).title


_NOT_STATED = "报告未列示"


def _figures_block(
    rows: _Rows,
    heading: str,
    figures: dict[str, Figure],
    values: Mapping[str, str | None],
    names: Sequence[str],
) -> None:
    """A numbered heading, then one row a figure: the numbers, and the figure as the report
    words it. The heading keeps each block a section of its own for whoever reads the
    workbook as a document; the wording carries the change and its rate, which no column
    header names."""
    rows.add([heading], frame=False)
    rows.add(["项目", "金额（万元）", "较上年增减（万元）", "增减率", "报告所写"], header=True)
    for name in names:
        figure = figures.get(MONEY_PLACEHOLDERS[name])
        label = _LABELS.get(name, name)
        if figure is None:
            # Said in words, not left blank: a row of one filled cell reads back as a loose
            # label, and the next row's amount would be taken for it.
            rows.add([label, None, None, None, _NOT_STATED])
        else:
            rows.add(
                [label, figure.value, figure.change, figure.change_rate, _sentence(name, values)]
            )
    rows.widths([28, 16, 20, 12, 60])


def _sentence(name: str, values: Mapping[str, str | None]) -> str | None:
    """The figure in the templates' wording: "本年支出合计5918.26万元，较上年减少486.52万元，
    下降8.22%。"."""
    value = values.get(name)
    if value is None:
        return None
    change, rate = values.get(f"{name}增减"), values.get(f"{name}增减率")
    text = f"{_WORDING.get(name, name)}{value}"
    text += f"，较上年{change}" if change else ""
    text += f"，{rate}" if rate else ""
    return text + "。"


def _functional_sheet(sheet: Worksheet, report: Report) -> None:
    spending = report.spending
    rows = _Rows(sheet)
    rows.add(["四、支出功能分类"], frame=False)
    sentence = _functional_sentence(placeholder_values(report))
    if sentence:
        # What the classes add up to, worded as the templates word it (and as readers take it):
        # the rows alone would not say whether they break down 支出合计 or 项目支出.
        rows.add([sentence], frame=False)
    rows.add(["科目编码", "科目名称", "报告所写名称", "金额（万元）"], header=True)
    for item in spending.functional:
        rows.add([item.code, item.name, item.stated_name, item.amount.value])
    rows.skip()
    rows.add(["口径", _BASIS[spending.functional_basis.value], None, None])
    if spending.functional_whole is not None:
        rows.add(["所列合计", None, None, spending.functional_whole.value])
    rows.widths([10, 26, 26, 16])


def _rate_wording(report: Report) -> str | None:
    """The report's own words for a rate that may be another ratio (发放率为98%), kept as
    written: put as 预算执行率 it would read back as the execution rate."""
    rate = report.budget.execution_rate
    return rate.evidence.quote if rate is not None and names_another_ratio(rate) else None


def _budget_sheet(
    sheet: Worksheet,
    figures: dict[str, Figure],
    values: Mapping[str, str | None],
    rate_wording: str | None = None,
) -> None:
    rows = _Rows(sheet)
    rows.add(["六、预算执行情况"], frame=False)
    rows.add(["项目", "数值", "报告所写"], header=True)
    for name in _BUDGET:
        figure = figures.get(MONEY_PLACEHOLDERS[name])
        value = None if figure is None else figure.value
        rows.add([f"{name}（万元）", value, None if value is None else _sentence(name, values)])
    rate = figures.get("budget.execution_rate")
    rows.add(
        [
            _rate_label(rate_wording),
            None if rate is None else rate.value,
            _rate_sentence(values, rate_wording),
        ]
    )
    rows.widths([20, 16, 60])


def _rate_label(wording: str | None) -> str:
    """执行率, or the other ratio the report names (发放率): a 执行率 row reads back as one."""
    return next((w for w in OTHER_RATIOS if wording and w in wording), "执行率")


def _rate_sentence(values: Mapping[str, str | None], wording: str | None) -> str | None:
    if not values.get("执行率"):
        return None
    return f"{wording}。" if wording else f"预算执行率{values['执行率']}。"


def _indicator_sheet(sheet: Worksheet, report: Report) -> None:
    rows = _Rows(sheet)
    indicators = [t for t in table_views.self_evaluation(report) if t.key == "indicators"]
    if indicators:
        rows.table(indicators[0])
    else:
        rows.add(list(table_views.INDICATOR_COLUMNS), header=True)
    rows.widths([12, 16, 24, 8, 12, 8, 12, 8, 8, 30])


def _narrative_sheet(sheet: Worksheet, report: Report) -> None:
    performance = report.performance
    rows = _Rows(sheet)
    rows.add(["七、绩效成效、问题与建议"], frame=False)
    rows.add(["类别", "序号", "内容"], header=True)
    groups: Iterable[tuple[str, Sequence[str]]] = (
        ("绩效成效", [a.text for a in performance.achievements]),
        ("存在问题", performance.problems),
        ("改进建议", performance.suggestions),
        ("评价结论", performance.conclusions),
    )
    for kind, items in groups:
        for number, text in enumerate(items, start=1):
            rows.add([kind, number, text])
    rows.widths([12, 6, 80])


def _functional_sentence(values: Mapping[str, str | None]) -> str | None:
    """The breakdown in the templates' wording for its basis (see the templates' 功能分类)."""
    if values.get("功能分类"):
        return f"按支出功能分类，{values['功能分类']}。"
    if values.get("项目支出功能分类"):
        return f"项目支出按支出功能分类：{values['项目支出功能分类']}。"
    if values.get("所列功能分类") and values.get("功能分类合计"):
        return f"功能分类统计的支出{values['功能分类合计']}，构成如下：{values['所列功能分类']}。"
    if values.get("其他功能分类"):
        return f"按支出科目分，{values['其他功能分类']}。"
    return None


_KIND_NAMES = {
    ReportKind.OVERALL: "部门整体支出绩效评价",
    ReportKind.PROJECT: "项目支出绩效评价",
    ReportKind.FINAL_ACCOUNTS: "部门决算",
    ReportKind.BUDGET: "部门预算",
    ReportKind.UNKNOWN: "未识别",
}
_BASIS = {
    "total": "各科目之和为支出合计",
    "project": "各科目之和为项目支出",
    "stated": "各科目之和为另行写明的金额",
    "unknown": "口径未注明",
    "partial": "列表有科目缺少名称，不核对合计",
}


# ------------------------------------------------------------------------------------- cells


def _put(cell: Any, value: Entry) -> None:
    """One value into one cell: numbers as numbers with a format, text guarded as text."""
    if value is None:
        return
    if isinstance(value, Cell):
        if value.number is None:
            _put(cell, value.text)
        elif value.kind == "percent":
            cell.value = _exact(value.number / 100)
            cell.number_format = _percent_format(value.places)
        else:
            cell.value = _exact(value.number)
            cell.number_format = _number_format(value.places)
    elif isinstance(value, Money):
        cell.value = _exact(value.wan)
        cell.number_format = _number_format(max(2, _places(value.ulp), _places(value.wan)))
    elif isinstance(value, Rate):
        cell.value = _exact(value.percent / 100)
        cell.number_format = _percent_format(max(_places(value.ulp), _places(value.percent)))
    elif isinstance(value, str):
        cell.value = safe_text(value)
        cell.data_type = "s"  # never a formula, whatever the text
    elif isinstance(value, Decimal):
        cell.value = _exact(value)
        cell.number_format = _number_format(_places(value))
    else:
        cell.value = value


def _exact(value: Decimal) -> Decimal:
    """The same number without an exponent, so that the file holds plain digits."""
    return Decimal(canonical(value))


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _number_format(places: int) -> str:
    return "#,##0" + ("." + "0" * places if places else "")


def _percent_format(places: int) -> str:
    return "0" + ("." + "0" * places if places else "") + "%"


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
