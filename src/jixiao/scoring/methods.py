"""Named scoring methods a framework file refers to, each with its parameters checked at load.

A framework indicator says ``method: deduct_per_point`` and ``params: {limit: 100, deduct:
0.5}``; ``bind(name, params)`` returns a ``Rule`` that turns the indicator's value (or its
operands, or an evaluator's judgement) into points and a Chinese clause such as
"不高于0，得满分5分". Every method floors at 0 and never gives more than the weight
("扣完为止"). ``describe`` writes the scoring standard for docs/frameworks.md from the same
parameters, so the documentation cannot drift from what the code does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from jixiao.domain.basic_data import Level
from jixiao.scoring.cases import ParamError, Rule
from jixiao.scoring.judged_methods import Checklist, LevelBand, QualitativeBand, Violations
from jixiao.scoring.value_methods import (
    BalanceTiers,
    Band,
    Bands,
    DeductPerPoint,
    Proportional,
    Reference,
    TargetRatio,
)

_ZERO, _HUNDRED = Decimal(0), Decimal(100)


# -- binding parameters --------------------------------------------------------------------
def _decimal(raw: Mapping[str, object], name: str, default: Decimal | None = None) -> Decimal:
    value = raw.get(name)
    if value is None:
        if default is None:
            raise ParamError(name, "必须填写")
        return default
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ParamError(name, f"应为数字，实为“{value}”")
    try:
        return Decimal(str(value))
    except ArithmeticError as error:
        raise ParamError(name, f"应为数字，实为“{value}”") from error


def _known(raw: Mapping[str, object], names: Sequence[str]) -> None:
    unknown = sorted(set(raw) - set(names))
    if unknown:
        raise ParamError(unknown[0], f"不是该方法的参数（可用：{'、'.join(names) or '无'}）")


def _bind_deduct(raw: Mapping[str, object]) -> Rule:
    _known(raw, ("limit", "deduct", "step", "count"))
    count = raw.get("count", "exact")
    if count not in ("exact", "started"):
        raise ParamError("count", "应为 exact（按实际差额折算）或 started（不足一档按一档计）")
    step = _decimal(raw, "step", Decimal(1))
    if step <= 0:
        raise ParamError("step", "应大于0")
    return DeductPerPoint(
        _decimal(raw, "limit"), _decimal(raw, "deduct"), step, started=count == "started"
    )


def _bind_bands(raw: Mapping[str, object]) -> Rule:
    _known(raw, ("bands", "otherwise"))
    listed = raw.get("bands")
    if not isinstance(listed, list) or not listed:
        raise ParamError("bands", "应为非空列表，每项写 min（不低于）或 max（不高于）和 points")
    bands = []
    for index, item in enumerate(listed):
        if not isinstance(item, dict) or ("min" in item) == ("max" in item):
            raise ParamError(f"bands[{index}]", "每一档写 min 或 max 之一，再写 points")
        key = "min" if "min" in item else "max"
        bands.append(Band(_decimal(item, key), _decimal(item, "points"), is_min=key == "min"))
    if len({b.is_min for b in bands}) != 1:
        raise ParamError("bands", "各档须统一用 min 或统一用 max")
    return Bands(tuple(bands), _decimal(raw, "otherwise", _ZERO))


def _bind_proportional(raw: Mapping[str, object]) -> Rule:
    _known(raw, ("target",))
    target = _decimal(raw, "target", _HUNDRED)
    if target <= 0:
        raise ParamError("target", "应大于0")
    return Proportional(target)


def _bind_balance(raw: Mapping[str, object]) -> Rule:
    _known(raw, ("none", "not_increased", "increased"))
    return BalanceTiers(
        _decimal(raw, "none"), _decimal(raw, "not_increased"), _decimal(raw, "increased", _ZERO)
    )


def _bind_checklist(raw: Mapping[str, object]) -> Rule:
    _known(raw, ("items", "per_point"))
    items = raw.get("items")
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        raise ParamError("items", "应为评价要点的文字列表")
    return Checklist(tuple(str(i) for i in items), _decimal(raw, "per_point", Decimal(1)))


def _bind_violations(raw: Mapping[str, object]) -> Rule:
    _known(raw, ("deduct",))
    return Violations(_decimal(raw, "deduct", Decimal(1)))


def _bind_qualitative(raw: Mapping[str, object]) -> Rule:
    _known(raw, ("bands",))
    listed = raw.get("bands")
    if listed is None:
        return QualitativeBand()
    if not isinstance(listed, list) or len(listed) != len(Level):
        raise ParamError("bands", "应列出达成、部分达成、未达成三档")
    bands = []
    for index, item in enumerate(listed):
        if not isinstance(item, dict):
            raise ParamError(f"bands[{index}]", "每档写 level、low、high")
        try:
            level = Level(str(item.get("level")))
        except ValueError as error:
            raise ParamError(f"bands[{index}].level", "应为 达成、部分达成 或 未达成") from error
        bands.append(LevelBand(level, _decimal(item, "low"), _decimal(item, "high")))
    if {b.level for b in bands} != set(Level):
        raise ParamError("bands", "三档各写一次")
    return QualitativeBand(tuple(bands))


def _bind_reference(raw: Mapping[str, object]) -> Rule:
    _known(raw, ())
    return Reference()


def _bind_target_ratio(raw: Mapping[str, object]) -> Rule:
    _known(raw, ())
    return TargetRatio()


METHODS: dict[str, Callable[[Mapping[str, object]], Rule]] = {
    "deduct_per_point": _bind_deduct,
    "bands": _bind_bands,
    "proportional": _bind_proportional,
    "balance_tiers": _bind_balance,
    "checklist": _bind_checklist,
    "violations": _bind_violations,
    "qualitative_band": _bind_qualitative,
    "target_ratio": _bind_target_ratio,
    "reference": _bind_reference,
}

SUMMARIES: dict[str, str] = {
    "deduct_per_point": "达到标准得满分，超出（或不足）部分按每个百分点（或每一档）扣分，扣完为止",
    "bands": "按数值所在的档次给分，第一个符合的档次为准",
    "proportional": "达到标准值得满分，否则按实际值与标准值之比计分",
    "balance_tiers": "无结转结余得满分；有结转结余但不高于上年得部分分；高于上年不得分",
    "checklist": "按满足的评价要点数计分，每项若干分，不超过分值",
    "violations": "未发现违规得满分，每发现一项违规扣若干分，扣完为止",
    "qualitative_band": "按完成情况定档（达成100%–80%、部分达成80%–60%、未达成60%–0%），在档内给分",
    "reference": "不计分（分值为0），只列示指标值供参考",
    "target_ratio": "定量指标：达到指标值得满分，未达到按比例计分（≤类取倒数比例）",
}


def bind(name: str, raw: Mapping[str, object] | None) -> Rule:
    """The rule for method ``name`` with its parameters; ParamError/KeyError when unusable."""
    if name not in METHODS:
        raise KeyError(name)
    return METHODS[name](raw or {})
