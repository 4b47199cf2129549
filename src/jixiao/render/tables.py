"""The 自评表 (self-evaluation form) as table views that every output draws alike.

Two tables, as on the printed form: the funds block (年初预算数 / 全年预算数 / 全年执行数 /
分值 / 执行率 / 得分) and the indicator rows (一级 / 二级 / 三级指标, 指标性质, 指标值,
度量单位, 完成值, 分值, 得分, 偏差原因) closed by the 总分 row with the grade. An empty cell
holds "—", as Chinese forms print it, so that every value keeps its column when a reader
flattens the table. Each numeric cell keeps its exact Decimal for spreadsheets.

The form adds up (framework.md §9): the 总分 row's 分值 and 得分 are the sums of the rows above
(the funds row included), never a figure copied from elsewhere, and its grade is the band of
that 总分 when the 分值 add up to the full 100 points ("—" otherwise: an incomplete form has no
grade). The funds row carries the 预算执行率 item, 10 points on the standard form: its 分值 is
10 when the indicators hold the other 90, and its 得分 is what the report's own 自评得分 leaves
for it (自评得分 − Σ indicator 得分, the form's identity) when that lies within its 分值, else the
usual rule min(执行率, 100%) × 分值. The report's stated 自评得分 and 评价等级 stay where the
report states them; the grade here is labelled "（按总分）", a fact of this form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from jixiao.domain.money import Money, MoneyUnit, Rate, canonical
from jixiao.domain.rate_words import may_be_another_ratio
from jixiao.domain.report import Indicator, Report, ReportKind, StatedMoney, StatedRate
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
FULL_POINTS = Decimal(100)
FUNDS_POINTS = Decimal(10)  # the 预算执行率 item of the standard form (framework.md §2.3)
GRADE_BANDS = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))


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
    points = funds_points(report)
    funds = _funds(report, points)
    if funds is not None:
        tables.append(funds)
    if report.performance.indicators:
        tables.append(_indicators(report, points if funds is not None else (None, None)))
    return tuple(tables)


def funds_points(report: Report) -> tuple[Decimal | None, Decimal | None]:
    """(分值, 得分) of the funds row: see the module's docstring; None where not known. A
    report whose own form states them keeps its figures, whatever they add up to: the form
    shows what the unit wrote, and the audit says where it does not add up."""
    stated_weight, stated_score = report.budget.weight, report.budget.score
    if stated_weight is not None:
        return stated_weight.value.percent, stated_score.value.percent if stated_score else None
    indicators = report.performance.indicators
    weights = [i.weight for i in indicators]
    if not indicators or any(w is None for w in weights):
        return None, None
    weight = FULL_POINTS - sum(w for w in weights if w is not None)
    if weight != FUNDS_POINTS:
        return None, None
    scores = [i.score for i in indicators]
    stated = report.performance.self_score
    if stated is not None and all(s is not None for s in scores):
        rest = stated.value.percent - sum(s for s in scores if s is not None)
        if 0 <= rest <= weight:
            return weight, rest
    rate = report.budget.execution_rate
    if rate is None:
        return weight, None
    share = min(rate.value.percent, Decimal(100)) / 100
    return weight, (share * weight).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def grade_of(total: Decimal) -> str:
    """The band of a 总分 out of 100 (财预〔2020〕10号: 优 90, 良 80, 中 60, else 差)."""
    return next(grade for minimum, grade in GRADE_BANDS if total >= minimum)


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


def _funds(report: Report, points: tuple[Decimal | None, Decimal | None]) -> Table | None:
    budget = report.budget
    stated = [budget.initial, budget.adjusted, budget.executed]
    if all(s is None for s in stated) and budget.execution_rate is None:
        return None
    unit = table_unit([s.value for s in stated if s is not None])
    rate = None if names_another_ratio(budget.execution_rate) else budget.execution_rate
    weight, score = points
    row = (
        Cell(_funds_label(report)),
        *(money_cell(_value(s), unit) for s in stated),
        number_cell(weight),
        percent_cell(rate.value.percent, rate.value.ulp) if rate else Cell(EMPTY),
        number_cell(score),
    )
    return Table((f"项目资金（{unit.value}）", *FUNDS_COLUMNS), (row,), "funds")


def names_another_ratio(rate: StatedRate | None) -> bool:
    """A rate the report words as another ratio (发放率): the audit only warns on it, and put
    in a funds row's 执行率 column it would read back as the execution rate."""
    return rate is not None and may_be_another_ratio(rate.evidence.quote)


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


def _indicators(report: Report, funds: tuple[Decimal | None, Decimal | None]) -> Table:
    """The indicator rows and the 总分 row: the sums of the form's rows, funds row included."""
    indicators = report.performance.indicators
    rows = [_indicator_row(indicator) for indicator in indicators]
    weights = (
        [funds[0], *(i.weight for i in indicators)]
        if funds[0] is not None
        else [i.weight for i in indicators]
    )
    scores = (
        [funds[1], *(i.score for i in indicators)]
        if funds[0] is not None
        else [i.score for i in indicators]
    )
    total_weight = _sum(weights)
    total_score = _sum(scores)
    if total_weight is None or total_score is None:
        # A form with a 分值 or 得分 missing has no total: a lone 分值 sum would read as 总分.
        total_weight = total_score = None
    grade = EMPTY
    if total_weight == FULL_POINTS and total_score is not None:
        grade = f"{grade_of(total_score)}（按总分）"
    rows.append(
        (
            Cell("总分"),
            *(Cell(EMPTY) for _ in range(6)),
            number_cell(total_weight),
            number_cell(total_score),
            Cell(grade),
        )
    )
    return Table(INDICATOR_COLUMNS, tuple(rows), "indicators")


def _sum(values: list[Decimal | None]) -> Decimal | None:
    """The sum when every value is known, else None: a partial sum is not a total."""
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), Decimal(0))


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
