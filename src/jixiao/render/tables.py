"""The 自评表 (self-evaluation form) as table views that every output draws alike.

Two tables, as on the printed form: the funds block (年初预算数 / 全年预算数 / 全年执行数 /
分值 / 执行率 / 得分) and the indicator rows (一级 / 二级 / 三级指标, 指标性质, 指标值,
度量单位, 完成值, 分值, 得分, 偏差原因) closed by the 总分 row with the grade. An empty cell
holds "—", as Chinese forms print it, so that every value keeps its column when a reader
flattens the table. Each numeric cell keeps its exact Decimal for spreadsheets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.domain.money import Money, MoneyUnit, Rate, canonical
from jixiao.domain.report import Indicator, Report, ReportKind, StatedMoney
from jixiao.render.figures import money_digits, rate_digits

EMPTY = "—"
FUNDS_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
INDICATOR_COLUMNS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: its text as printed and, for a number, its exact value.

    ``kind`` is "text", "money" (``number`` in the table's unit), "percent" (``number`` is
    97.12 for 97.12%) or "number"; ``places`` is how many decimals the text shows.
    """

    text: str
    number: Decimal | None = None
    kind: str = "text"
    places: int = 0

    @property
    def is_numeric(self) -> bool:
        return self.number is not None


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    key: str = ""  # "funds" or "indicators": which part of the form; "source": the report's
    # own table, kept as it was written
    source_rows: tuple[str, ...] = ()  # a source table's pipe rows as written


def self_evaluation(report: Report) -> tuple[Table, ...]:
    """The 自评表 of the report: the funds block and the indicator rows, where stated."""
    tables = []
    funds = _funds(report)
    if funds is not None:
        tables.append(funds)
    if report.performance.indicators:
        tables.append(_indicators(report))
    return tuple(tables)


def table_unit(amounts: list[Money]) -> MoneyUnit:
    """元 when every amount was stated in 元, else 万元: printing in a finer unit than a figure
    was stated in would claim digits the report never gave."""
    if amounts and all(m.stated_unit is MoneyUnit.YUAN for m in amounts):
        return MoneyUnit.YUAN
    return MoneyUnit.WAN


def money_cell(money: Money | None, unit: MoneyUnit) -> Cell:
    if money is None:
        return Cell(EMPTY)
    text = money_digits(money, unit)
    return Cell(text, Decimal(text), "money", _places(text))


def percent_cell(percent: Decimal | None, ulp: Decimal = Decimal("0.01")) -> Cell:
    if percent is None:
        return Cell(EMPTY)
    text = rate_digits(Rate(percent, ulp))
    return Cell(f"{text}%", Decimal(text), "percent", _places(text))


def number_cell(value: Decimal | str | None) -> Cell:
    """A score, a weight, or an indicator value that may be a number or a word."""
    if value is None or value == "":
        return Cell(EMPTY)
    if isinstance(value, Decimal):
        text = canonical(value)
        return Cell(text, Decimal(text), "number", _places(text))
    if _PLAIN_NUMBER.fullmatch(value.strip()):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return Cell(value)
        return Cell(value.strip(), number, "number", _places(value.strip()))
    return Cell(value)


def _funds(report: Report) -> Table | None:
    budget = report.budget
    stated = [budget.initial, budget.adjusted, budget.executed]
    if all(s is None for s in stated) and budget.execution_rate is None:
        return None
    unit = table_unit([s.value for s in stated if s is not None])
    rate = budget.execution_rate
    row = (
        Cell(_funds_label(report)),
        *(money_cell(_value(s), unit) for s in stated),
        Cell(EMPTY),
        percent_cell(rate.value.percent, rate.value.ulp) if rate else Cell(EMPTY),
        Cell(EMPTY),
    )
    return Table((f"项目资金（{unit.value}）", *FUNDS_COLUMNS), (row,), "funds")


def _funds_label(report: Report) -> str:
    """年度资金总额, the form's word, unless it would name a different figure.

    Readers take the 全年执行数 of 年度资金总额 in a 部门整体 form as the unit's total spending;
    when the report's total is another figure, or is not stated, the row says 预算资金 instead.
    """
    executed, total = report.budget.executed, report.spending.total
    if report.kind is ReportKind.PROJECT:
        return "年度资金总额"
    if executed is not None and total is not None and executed.value.wan == total.value.wan:
        return "年度资金总额"
    return "预算资金"


def _indicators(report: Report) -> Table:
    rows = [_indicator_row(indicator) for indicator in report.performance.indicators]
    performance = report.performance
    weights = [i.weight for i in performance.indicators]
    total_weight = sum(w for w in weights if w is not None) if all(weights) else None
    rows.append(
        (
            Cell("总分"),
            *(Cell(EMPTY) for _ in range(6)),
            number_cell(total_weight if isinstance(total_weight, Decimal) else None),
            number_cell(performance.self_score.value.percent if performance.self_score else None),
            Cell(performance.grade.value if performance.grade else EMPTY),
        )
    )
    return Table(INDICATOR_COLUMNS, tuple(rows), "indicators")


def _indicator_row(indicator: Indicator) -> tuple[Cell, ...]:
    return (
        Cell(indicator.level1 or EMPTY),
        Cell(indicator.level2 or EMPTY),
        Cell(indicator.level3 or EMPTY),
        Cell(indicator.direction.value if indicator.direction else EMPTY),
        number_cell(indicator.target),
        Cell(indicator.unit or EMPTY),
        number_cell(indicator.actual),
        number_cell(indicator.weight),
        number_cell(indicator.score),
        Cell(indicator.deviation_reason or EMPTY),
    )


def _value(stated: StatedMoney | None) -> Money | None:
    return None if stated is None else stated.value


def _places(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0
