"""The target linter: what a reviewer would send back in a target table, found as the unit types.

``lint_table(table)`` returns every issue, never raises on one. Each issue has a stable code, a
severity (an ``error`` blocks the table from being submitted; a ``warning`` is for the reviewer
to weigh), a Chinese message, and the row and cell it is about, so that a form can mark it.

The defects (see framework.md §5.3: 指标不量化, 重投入轻产出, 产出 reported as money spent):

- ``target-no-value`` / ``target-no-unit``: a quantitative indicator without a number, or a
  number without a unit ("有效提升" is not a target value);
- ``target-input-as-output``: an input or process indicator (资金到位率, 支出进度, 预算执行率)
  or an amount of money placed among the outputs or benefits;
- ``target-duplicate``: the same indicator twice;
- ``target-no-benefit`` / ``target-no-satisfaction``: no benefit indicator, no satisfaction one;
- ``target-incomparable``: a value the year-end actual cannot be compared with: no direction,
  a direction in the value that contradicts the row's, a rate not in percent, a bounded rate
  above 100%, a value in another unit than the row's, a number set as a qualitative target.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from jixiao.scoring.targets import number_and_unit
from jixiao.targets.library import Vocabulary, load_vocabulary
from jixiao.targets.model import TargetRow, TargetTable

ERROR, WARNING = "error", "warning"

CODES: dict[str, str] = {
    "target-no-goal": "未填写年度总体目标",
    "target-no-indicators": "没有绩效指标",
    "target-row-incomplete": "指标名称不完整",
    "target-no-value": "没有指标值",
    "target-no-unit": "没有计量单位",
    "target-input-as-output": "以投入充当产出",
    "target-duplicate": "指标重复",
    "target-no-benefit": "缺少效益指标",
    "target-no-satisfaction": "缺少满意度指标",
    "target-incomparable": "指标值无法与完成值比较",
}
_HUNDRED = Decimal(100)
_PREFIX = re.compile(r"^\s*(≥|≤|>=|<=|=|＞|＜|>|<)")
_PREFIX_DIRECTION = {"≥": "≥", ">=": "≥", ">": "≥", "＞": "≥", "≤": "≤", "<=": "≤", "<": "≤"}
_PREFIX_DIRECTION.update({"＜": "≤", "=": "="})


@dataclass(frozen=True, slots=True)
class TargetIssue:
    code: str
    severity: str  # "error" | "warning"
    message: str
    row: int | None = None  # 0-based index of the row, None for the whole table
    field: str = ""  # the cell: level3, direction, value, unit; "" for the row or table

    @property
    def title(self) -> str:
        return CODES[self.code]


def lint_table(table: TargetTable, vocabulary: Vocabulary | None = None) -> tuple[TargetIssue, ...]:
    """Every issue of the table, table-level ones first, then row by row."""
    words = vocabulary or load_vocabulary()
    issues: list[TargetIssue] = []
    if not table.goal.strip():
        issues.append(TargetIssue("target-no-goal", ERROR, "请填写年度总体目标", field="goal"))
    if not table.rows:
        issues.append(TargetIssue("target-no-indicators", ERROR, "目标表还没有绩效指标"))
    else:
        issues.extend(_coverage(table, words))
    for index, row in enumerate(table.rows):
        issues.extend(_row_issues(index, row, words))
    issues.extend(_duplicates(table))
    return tuple(issues)


def has_errors(issues: tuple[TargetIssue, ...]) -> bool:
    return any(issue.severity == ERROR for issue in issues)


# -- the table -----------------------------------------------------------------------------
def _coverage(table: TargetTable, words: Vocabulary) -> list[TargetIssue]:
    found: list[TargetIssue] = []
    if not any(_has(row.level1, words.benefit_level1) for row in table.rows):
        found.append(
            TargetIssue(
                "target-no-benefit",
                WARNING,
                "目标表没有效益指标：只有产出而没有效益，年底无法评价资金使用的效果",
            )
        )
    satisfaction = words.satisfaction
    if not any(
        _has(row.level1, satisfaction) or _has(row.level3, satisfaction) for row in table.rows
    ):
        found.append(
            TargetIssue(
                "target-no-satisfaction",
                WARNING,
                "目标表没有满意度指标：请设置服务对象满意度，并写明调查方式和样本量",
            )
        )
    return found


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    return re.sub(r"[\s\"'“”‘’「」]", "", text)


def _duplicates(table: TargetTable) -> list[TargetIssue]:
    first: dict[str, int] = {}
    found = []
    for index, row in enumerate(table.rows):
        key = _key(row.level3)
        if not key:
            continue
        if key in first:
            found.append(
                TargetIssue(
                    "target-duplicate",
                    ERROR,
                    f"第{index + 1}行“{row.level3}”与第{first[key] + 1}行重复：同一指标只设一次",
                    index,
                    "level3",
                )
            )
        else:
            first[key] = index
    return found


# -- one row -------------------------------------------------------------------------------
def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def _row_issues(index: int, row: TargetRow, words: Vocabulary) -> list[TargetIssue]:
    where = f"第{index + 1}行“{row.level3 or row.level2 or row.level1}”"
    if not row.level1 or not row.level3:
        missing = "一级指标" if not row.level1 else "三级指标"
        return [
            TargetIssue(
                "target-row-incomplete",
                ERROR,
                f"{where}：请填写{missing}",
                index,
                "level1" if not row.level1 else "level3",
            )
        ]
    found = _input_as_output(index, row, words, where)
    if row.quantitative:
        found.extend(_quantitative(index, row, words, where))
    else:
        found.extend(_qualitative(index, row, words, where))
    return found


def _input_as_output(
    index: int, row: TargetRow, words: Vocabulary, where: str
) -> list[TargetIssue]:
    if not (_has(row.level1, ("产出",)) or _has(row.level1, words.benefit_level1)):
        return []
    if _has(row.level3, words.input_indicators):
        return [
            TargetIssue(
                "target-input-as-output",
                WARNING,
                f"{where}是资金投入或预算执行类指标，不是{row.level1}：资金到位、支出进度等"
                "在运行监控和预算执行率中考核，产出指标应写做成了什么",
                index,
                "level3",
            )
        ]
    _, value_unit = number_and_unit(row.value)
    unit = row.unit or value_unit
    money = unit in words.money_units
    if money and "产出" in row.level1 and not _has(row.level2, words.output_money_level2):
        return [
            TargetIssue(
                "target-input-as-output",
                WARNING,
                f"{where}以金额（{unit}）计量，是花了多少钱而不是做成了什么：请改为实物量"
                "（人次、项、公里等），资金控制放在成本指标中",
                index,
                "unit",
            )
        ]
    return []


def _quantitative(index: int, row: TargetRow, words: Vocabulary, where: str) -> list[TargetIssue]:
    value = row.value.strip()
    if not value:
        return [TargetIssue("target-no-value", ERROR, f"{where}：请填写指标值", index, "value")]
    number, value_unit = number_and_unit(value)
    if number is None:
        vague = [w for w in words.vague_values if w in value]
        reason = f"“{value}”是笼统用语，没有数值" if vague else f"“{value}”不是数值"
        return [
            TargetIssue(
                "target-no-value",
                ERROR,
                f"{where}：{reason}；定量指标应写明数值（如 95）和计量单位，"
                "无法量化的请改为定性指标并写明要达到的状态",
                index,
                "value",
            )
        ]
    found: list[TargetIssue] = []
    unit = row.unit.strip() or value_unit
    if not unit:
        found.append(
            TargetIssue(
                "target-no-unit",
                ERROR,
                f"{where}：指标值{value}没有计量单位（人次、项、%、万元……）",
                index,
                "unit",
            )
        )
    found.extend(_comparable(index, row, words, where, number=number, value_unit=value_unit))
    return found


def _comparable(
    index: int,
    row: TargetRow,
    words: Vocabulary,
    where: str,
    *,
    number: Decimal,
    value_unit: str,
) -> list[TargetIssue]:
    def issue(message: str, field: str) -> TargetIssue:
        return TargetIssue("target-incomparable", ERROR, f"{where}：{message}", index, field)

    found = []
    if row.direction is None:
        found.append(
            issue("未选择指标性质（≥、≤、=），年底无法判断完成值是否达到目标", "direction")
        )
    prefix = _PREFIX.match(unicodedata.normalize("NFKC", row.value))
    stated = _PREFIX_DIRECTION.get(prefix.group(1)) if prefix else None
    if stated and row.direction is not None and stated != row.direction.value:
        found.append(
            issue(f"指标值写的“{stated}”与指标性质“{row.direction.value}”相反", "direction")
        )
    row_unit = row.unit.strip()
    if value_unit and row_unit and _key(value_unit) != _key(row_unit):
        found.append(issue(f"指标值带单位“{value_unit}”，与计量单位“{row_unit}”不一致", "unit"))
    unit = row_unit or value_unit
    percent = unit in words.percent_units
    if _is_rate(row.level3, words) and unit and not percent:
        found.append(issue(f"“{row.level3}”是比率，计量单位应为%，现为“{unit}”", "unit"))
    if percent and number > _HUNDRED and _has(row.level3, words.bounded_rates):
        found.append(issue(f"“{row.level3}”不可能超过100%，指标值为{number}%", "value"))
    return found


def _is_rate(name: str, words: Vocabulary) -> bool:
    return any(name.endswith(word) for word in words.rate_words)


def _qualitative(index: int, row: TargetRow, words: Vocabulary, where: str) -> list[TargetIssue]:
    value = row.value.strip()
    if not value:
        return [
            TargetIssue(
                "target-no-value",
                ERROR,
                f"{where}：定性指标也要写明年底要达到的状态（如“12月底前完成并验收”）",
                index,
                "value",
            )
        ]
    number, value_unit = number_and_unit(value)
    if number is not None and (not value_unit or value_unit in words.percent_units):
        return [
            TargetIssue(
                "target-incomparable",
                ERROR,
                f"{where}：定性指标的指标值是数字“{value}”，年底会按文字档次评价而不是按数值；"
                "请改为定量指标并选择指标性质和计量单位",
                index,
                "value",
            )
        ]
    if _is_rate(row.level3, words):
        return [
            TargetIssue(
                "target-incomparable",
                ERROR,
                f"{where}是比率，应设为定量指标并填写百分比数值",
                index,
                "value",
            )
        ]
    return []
