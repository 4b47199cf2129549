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
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, Side  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from jixiao.domain.money import Money, Rate, canonical
from jixiao.domain.report import Report, ReportKind
from jixiao.render import tables as table_views
from jixiao.render.figures import Figure, report_figures
from jixiao.render.tables import Cell, Table
from jixiao.render.values import MONEY_PLACEHOLDERS

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
    _self_evaluation_sheet(workbook.create_sheet("自评表"), report)
    _profile_sheet(workbook.create_sheet("概况"), report)
    figures = report_figures(report)
    _figures_sheet(workbook.create_sheet("支出"), figures, (*_SPENDING, *_ACCOUNTS))
    _functional_sheet(workbook.create_sheet("功能分类"), report)
    _figures_sheet(workbook.create_sheet("三公"), figures, _THREE_PUBLIC)
    _budget_sheet(workbook.create_sheet("预算执行"), figures)
    _indicator_sheet(workbook.create_sheet("指标"), report)
    _narrative_sheet(workbook.create_sheet("问题"), report)
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
    rows = _Rows(sheet)
    rows.add(["项目", "内容"], header=True)
    for label, value in (
        ("单位名称", profile.name.value if profile.name else None),
        ("年度", profile.year),
        ("报告类型", report.kind.value),
        ("提纲", report.outline),
        ("来源文件", report.source),
        ("地区", profile.region),
        ("内设机构", "、".join(profile.internal_sections) or None),
        ("下属单位", "、".join(profile.subordinate_units) or None),
        ("编制数", profile.authorized_staff.value.value if profile.authorized_staff else None),
        ("在职人数", profile.actual_staff.value.value if profile.actual_staff else None),
        ("自评得分", performance.self_score.value.percent if performance.self_score else None),
        ("评价等级", performance.grade.value if performance.grade else None),
        ("落款单位", profile.signing_unit),
        ("落款日期", profile.signed_on),
    ):
        rows.add([label, value])
    rows.widths([14, 60])


def _figures_sheet(sheet: Worksheet, figures: dict[str, Figure], names: Sequence[str]) -> None:
    rows = _Rows(sheet)
    rows.add(["项目", "金额（万元）", "较上年增减（万元）", "增减率"], header=True)
    for name in names:
        figure = figures.get(MONEY_PLACEHOLDERS[name])
        label = _LABELS.get(name, name)
        if figure is None:
            rows.add([label, None, None, None])
        else:
            rows.add([label, figure.value, figure.change, figure.change_rate])
    rows.widths([28, 16, 20, 12])


def _functional_sheet(sheet: Worksheet, report: Report) -> None:
    spending = report.spending
    rows = _Rows(sheet)
    rows.add(["科目编码", "科目名称", "报告所写名称", "金额（万元）"], header=True)
    for item in spending.functional:
        rows.add([item.code, item.name, item.stated_name, item.amount.value])
    rows.skip()
    rows.add(["口径", _BASIS[spending.functional_basis.value], None, None])
    if spending.functional_whole is not None:
        rows.add(["所列合计", None, None, spending.functional_whole.value])
    rows.widths([10, 26, 26, 16])


def _budget_sheet(sheet: Worksheet, figures: dict[str, Figure]) -> None:
    rows = _Rows(sheet)
    rows.add(["项目", "数值"], header=True)
    for name in _BUDGET:
        figure = figures.get(MONEY_PLACEHOLDERS[name])
        rows.add([f"{name}（万元）", None if figure is None else figure.value])
    rate = figures.get("budget.execution_rate")
    rows.add(["执行率", None if rate is None else rate.value])
    rows.widths([20, 16])


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


_BASIS = {
    "total": "各科目之和为支出合计",
    "project": "各科目之和为项目支出",
    "stated": "各科目之和为另行写明的金额",
    "unknown": "口径未注明",
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
