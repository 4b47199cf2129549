"""The warnings a reviewer wants beside a scorecard, each with a stable kebab-case code.

They flag what the numbers alone hide: a self score well above the computed one; indicators
scored as if achieved while the money was not spent; targets without a number or unit;
outputs that are money spent; satisfaction without a sample; a unit's own score that
contradicts its own target and actual. Every message is one Chinese sentence with the numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.domain.evidence import Evidence
from jixiao.domain.scorecard import ScoreWarning
from jixiao.scoring.cases import Better
from jixiao.scoring.numbers import number, percent, points, result
from jixiao.scoring.targets import Reading

# code → what it flags (docs/frameworks.md lists them from here).
WARNING_CODES: dict[str, str] = {
    "self-score-above-computed": "单位自评得分比核算得分高出规定分差以上",
    "score-ratio-above-execution": "绩效指标得分率比预算执行率高出规定百分点以上",
    "target-not-quantified": "指标值不是数值，或有数值没有度量单位",
    "actual-not-quantified": "定量指标的完成值不是数值（如“完成”），按定性档次核定",
    "output-as-spending": "产出指标以资金到位、支付或支出金额衡量，而不是做成了什么",
    "satisfaction-without-sample": "满意度指标没有说明调查方式和样本量",
    "achieved-not-full-marks": "已达到目标的指标，单位却没有给满分",
    "unachieved-full-marks": "未达到目标的指标，单位却给了满分",
    "far-exceeded-target": "完成值远超指标值，需说明原因并复核目标是否偏低",
    "score-above-weight": "单位所给得分超过分值",
    "score-outside-band": "定性指标所给得分不在完成情况对应的档次内",
    "weights-not-standard": "一级指标分值合计与框架的原则分值不符",
    "weights-sum-not-100": "执行率与各指标分值合计不等于满分，已按比例折算",
    "indicator-unweighted": "指标未列分值，未计入总分",
}

_SPENDING_WORDS = ("资金", "支付", "拨付", "支出", "经费", "兑付", "预算执行", "花费")


def locate(text: str, phrase: str) -> tuple[Evidence, ...]:
    """The first place a phrase appears in the source text, as evidence (none if absent)."""
    if not text or not phrase:
        return ()
    start = text.find(phrase)
    if start < 0:
        return ()
    return (Evidence(phrase, start, start + len(phrase)),)


def self_score_above(
    self_score: Decimal | None, total: Decimal | None, margin: Decimal, title: str
) -> list[ScoreWarning]:
    if self_score is None or total is None or self_score - total <= margin:
        return []
    message = (
        f"单位自评得分{number(self_score)}分，比按“{title}”核算的{points(total)}高出"
        f"{points(self_score - total)}（超过{number(margin)}分），请核实自评打分"
    )
    return [ScoreWarning("self-score-above-computed", message, None, self_score, total)]


def ratio_above_execution(
    ratio: Decimal | None, execution: Decimal | None, margin: Decimal, basis: str
) -> list[ScoreWarning]:
    """``ratio``: indicator points as a percent of their weights; ``execution``: percent."""
    if ratio is None or execution is None or ratio - execution <= margin:
        return []
    message = (
        f"绩效指标得分率{percent(ratio)}（{basis}）比预算执行率{percent(execution)}高出"
        f"{result(ratio - execution)}个百分点（超过{number(margin)}个百分点）：资金没有按计划"
        "支出，绩效目标却基本完成，请核实完成值和得分"
    )
    return [ScoreWarning("score-ratio-above-execution", message, None, ratio, execution)]


def indicator_warnings(
    indicator_id: str,
    reading: Reading,
    *,
    far_exceeded: Decimal,
    survey_described: bool,
    text: str,
) -> list[ScoreWarning]:
    """Everything one row of a unit's indicator table gives a reviewer to ask about."""
    found: list[tuple[str, str, Decimal | None, Decimal | None]] = []
    row = reading.indicator
    name = f"“{row.level3}”"
    found.extend(_quantification(name, reading))
    if _is_output(row.level1) and "成本" not in row.level2 and _is_spending(reading):
        found.append(
            (
                "output-as-spending",
                f"产出指标{name}以资金到位、支付或支出衡量，反映的是钱花了多少而不是做成了什么，"
                "应改为数量、质量、时效等产出指标",
                None,
                None,
            )
        )
    if _is_satisfaction(reading) and not survey_described:
        found.append(
            (
                "satisfaction-without-sample",
                f"满意度指标{name}（完成值{row.actual or '未填'}）没有说明调查方式和样本量"
                "（发放、回收问卷的份数），无法核实",
                None,
                None,
            )
        )
    found.extend(_score_against_result(name, reading))
    found.extend(_far_exceeded(name, reading, far_exceeded))
    evidence = locate(text, row.level3)
    return [
        ScoreWarning(code, message, indicator_id, stated, computed, evidence)
        for code, message, stated, computed in found
    ]


def _quantification(name: str, reading: Reading) -> Iterable[tuple[str, str, None, None]]:
    row = reading.indicator
    if row.direction is not None and reading.better is None:
        return  # declared 定性: a qualitative target is allowed by 财预〔2020〕10号
    code = "target-not-quantified"
    if not (row.target or "").strip():
        yield code, f"{name}没有填写年度指标值", None, None
    elif reading.target is None:
        yield code, f"{name}的指标值“{row.target}”不是数值，绩效目标未量化", None, None
    elif not reading.target_unit:
        yield code, f"{name}的指标值{row.target}没有度量单位", None, None
    elif reading.actual is None and reading.level is not None:
        yield (
            "actual-not-quantified",
            f"{name}的指标值为{row.target}{reading.target_unit}，完成值却填“{row.actual}”，"
            f"没有填写实际数值，只能按定性指标“{reading.level.value}”档核定",
            None,
            None,
        )


def _is_output(level1: str) -> bool:
    return "产出" in level1


def _is_spending(reading: Reading) -> bool:
    return reading.money_unit or any(w in reading.indicator.level3 for w in _SPENDING_WORDS)


def _is_satisfaction(reading: Reading) -> bool:
    row = reading.indicator
    return any("满意" in part for part in (row.level1, row.level2, row.level3))


def _score_against_result(
    name: str, reading: Reading
) -> Iterable[tuple[str, str, Decimal | None, Decimal | None]]:
    row = reading.indicator
    weight, score = row.weight, row.score
    if weight is None or score is None:
        return
    said = f"{name}指标值{row.target or '未填'}{_unit(reading)}，完成值{row.actual or '未填'}"
    if score > weight:
        yield (
            "score-above-weight",
            f"{name}得{number(score)}分，超过分值{number(weight)}分",
            score,
            weight,
        )
    achieved = reading.achieved
    if achieved is True and score < weight:
        yield (
            "achieved-not-full-marks",
            f"{said}，已达到目标，却只得{number(score)}分（分值{number(weight)}分）："
            "得分与完成情况不符，应得满分或说明扣分原因",
            score,
            weight,
        )
    if achieved is False and score >= weight:
        yield (
            "unachieved-full-marks",
            f"{said}，未达到目标，却得满分{number(weight)}分",
            score,
            None,
        )


def _far_exceeded(
    name: str, reading: Reading, ratio: Decimal
) -> Iterable[tuple[str, str, Decimal | None, Decimal | None]]:
    target, actual, better = reading.target, reading.actual, reading.better
    if target is None or actual is None or better is None or target <= 0:
        return
    far = actual * ratio <= target if better is Better.LOWER else actual >= target * ratio
    if not far:
        return
    share = actual / target * 100
    unit = _unit(reading)
    yield (
        "far-exceeded-target",
        f"{name}完成值{number(actual)}{unit}是指标值{number(target)}{unit}的{percent(share)}，"
        "远超目标：请说明原因，并复核目标是否定得过低",
        actual,
        target,
    )


def _unit(reading: Reading) -> str:
    unit = reading.target_unit
    return "" if unit in ("—", "-", "/") else unit
