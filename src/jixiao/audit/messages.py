"""The zh-CN message catalogue of the audit, and how figures are written in messages.

Messages are format strings keyed by rule code (``code``) or by ``code:variant`` for a rule
that says different things. Amounts are shown in the unit the text used (793.43万元,
911000.39元) with canonical digits: never a float, never an exponent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from jixiao.domain.money import Money, MoneyUnit, Rate, canonical

_SUM_MISMATCH = "{whole}不等于{parts}之和{computed}，相差{difference}{note}"
_SUM_ROUNDING = "{parts}之和为{computed}，{whole}与之相差{difference}，在四舍五入误差范围内"

CATALOGUE: dict[str, str] = {
    "total-equals-basic-plus-project": _SUM_MISMATCH,
    "total-equals-basic-plus-project:rounding": _SUM_ROUNDING,
    "total-equals-basic-plus-project:other-spending": (
        "；决算的本年支出合计还可能包括上缴上级支出、经营支出或对附属单位补助支出，请核实"
    ),
    "basic-equals-personnel-plus-public": _SUM_MISMATCH,
    "basic-equals-personnel-plus-public:rounding": _SUM_ROUNDING,
    "functional-sum-equals-total": (
        "{whole}不等于所列{count}个功能分类科目支出之和{computed}，相差{difference}"
    ),
    "functional-sum-equals-total:rounding": (
        "{whole}与所列{count}个功能分类科目支出之和{computed}相差{difference}，在四舍五入误差范围内"
    ),
    "functional-sum-equals-total:neither": (
        "所列{count}个功能分类科目支出之和{computed}，既不等于{first}（相差{first_difference}），"
        "也不等于{second}（相差{second_difference}），报告也未说明这些科目是哪一项支出的分类"
    ),
    "functional-sum-equals-total:other-whole": (
        "所列{count}个功能分类科目支出之和{computed}不等于{whole}（相差{difference}），"
        "而等于{other}：功能分类列的是{other_label}的分类，报告却把它写在{label}下"
    ),
    "functional-sum-equals-total:other-whole-too": (
        "所列{count}个功能分类科目支出之和{computed}不等于{whole}（相差{difference}），"
        "也不等于{other}（相差{other_difference}）"
    ),
    "functional-sum-equals-total:unknown-basis": (
        "所列{count}个功能分类科目支出之和{computed}不等于{whole}，相差{difference}，"
        "报告也未说明这些科目是哪一项支出的分类"
    ),
    "functional-sum-equals-total:short-list": (
        "只列出{count}个功能分类科目，合计{computed}，不等于{whole}（相差{difference}），"
        "功能分类列表可能不完整"
    ),
    "whole-equals-stated-parts": (
        "“{whole}”不等于其后分列的{count}项之和{computed}，相差{difference}"
    ),
    "whole-equals-stated-parts:rounding": (
        "“{whole}”与其后分列的{count}项之和{computed}相差{difference}，在四舍五入误差范围内"
    ),
    "count-matches-named-items": (
        "报告称共{count}，其后逐一列出的却是{named}，数目与名单不符，请核对"
    ),
    "count-matches-named-items:repeated": (
        "名单中“{name}”出现了两次；去掉重复后列出{named}，与所称共{count}相符，请核对名单"
    ),
    "share-matches": (
        "占比{stated}与{numerator}÷{denominator}计算的{computed}不符，相差{difference}个百分点"
    ),
    "share-matches:rounding": (
        "占比{stated}与{numerator}÷{denominator}计算的{computed}相差{difference}个百分点，"
        "在四舍五入误差范围内"
    ),
    "part-share-matches": (
        "占比{stated}与“{part}”÷“{whole}”计算的{computed}不符，相差{difference}个百分点"
    ),
    "combined-rate-matches": (
        "“{stated}”与所列{count}项不符：按各项支出和执行率推算，各项预算合计约{budget}、"
        "支出合计{spent}，整体执行率应为{computed}，相差{difference}个百分点，请核对各项数字"
    ),
    "combined-rate-matches:budgeted": (
        "“{stated}”与所列{count}项不符：按各项预算和执行率推算，各项预算合计{budget}、"
        "支出合计约{spent}，整体执行率应为{computed}，相差{difference}个百分点，请核对各项数字"
    ),
    "growth-base-matches": (
        "“{first}”与“{second}”都与上年的{name}相比，由此推算的上年{name}分别为{first_base}"
        "和{second_base}，相差{difference}，超出四舍五入与预计误差的范围：两处的数值或增长率"
        "至少有一处有误，请核对"
    ),
    "level-share-equals-whole": (
        "“{whole}”分为{shares}，{level}资金是其中的{share}；“{statement}”却把全部{stated}都称为"
        "{level}资金，两处不能同时成立：请核对{level}资金的实际金额和资金来源的写法"
    ),
    "values-swapped": (
        "{first}与{second}的数额前后互换：一处{one}，另一处{other}；"
        "其中一处的名称与数额对应有误，请核对表格与正文"
    ),
    "shares-add-up": "{parts}占{whole}的比例合计{total}，各部分之和应为100%",
    "shares-add-up:over": "{parts}占{whole}的比例合计{total}，部分之和超过了100%",
    "completion-rate-matches": (
        "完成预算{stated}与{numerator}÷{denominator}计算的{computed}不符，相差{difference}个百分点"
    ),
    "completion-rate-matches:rounding": (
        "完成预算{stated}与{numerator}÷{denominator}计算的{computed}相差{difference}个百分点，"
        "在四舍五入误差范围内"
    ),
    "over-budget-matches": (
        "{actual}与{budget}相比{computed}，与报告所说“{stated}”不符，相差{difference}"
    ),
    "over-budget-matches:rounding": (
        "{actual}与{budget}相比{computed}，与报告所说“{stated}”相差{difference}，"
        "在四舍五入误差范围内"
    ),
    "score-table-adds-up": "自评表的分值与得分对不上：{detail}",
    "score-table-adds-up:above-weight": "指标“{name}”得分{score}分高于其分值{weight}分",
    "score-table-adds-up:funds-row": (
        "预算执行率一项分值{weight}分、执行率{rate}，按比例应得{expected}分，表中得分为{score}分"
    ),
    "score-table-adds-up:total": "自评总分{stated}分不等于各项得分之和{summed}分",
    "three-public-equals-parts": _SUM_MISMATCH,
    "three-public-equals-parts:rounding": _SUM_ROUNDING,
    "three-public-equals-parts:exceeds": (
        "{whole}小于已列明的{parts}之和{computed}，超出{difference}"
    ),
    "three-public-equals-parts:gap": (
        "{whole}中已列明{parts}，合计{computed}；未列明的{missing}合计应为{difference}"
    ),
    "execution-rate-matches": (
        "执行率{stated}与{executed}÷{budget}计算的{computed}不符，相差{difference}个百分点"
    ),
    "execution-rate-matches:other-ratio": (
        "“{quote}”与{executed}÷{budget}计算的{computed}相差{difference}个百分点；"
        "该比率可能按人数、项目数或拨付额计算，并非执行率，请核对其口径"
    ),
    "execution-rate-matches:rounding": (
        "执行率{stated}与{executed}÷{budget}计算的{computed}相差{difference}个百分点，"
        "在四舍五入误差范围内"
    ),
    "functional-class-name": (
        "功能分类“{stated}”不是{edition}政府收支分类科目中的类级科目名称{suggestion}"
    ),
    "functional-class-name:suggestion": "，应为“{name}”",
    "functional-class-name:code": (
        "功能分类代码{code}（“{stated}”）不是{edition}政府收支分类科目中的类级科目代码"
    ),
    "functional-class-name:code-conflict": (
        "功能分类“{stated}”的代码写作{code}，而该名称对应的类级科目代码是{expected}"
    ),
    "functional-class-name:variant": (
        "功能分类“{stated}”不是规范的科目名称，规范名称为“{name}”（{code}）"
    ),
    "required-section-missing": (
        "按《{outline}》提纲，报告应有第{ordinal}部分“{section}”，但没有找到这一部分"
    ),
    "self-score-missing": "报告没有给出绩效自评得分（百分制总分）",
    "indicator-table-missing": (
        "报告没有绩效指标表：未列出各项绩效指标的年度指标值、实际完成值、分值和得分"
    ),
    "score-grade-band": (
        "自评得分{score}分应评为“{expected}”（{band}），与报告所写等级“{stated}”不符"
    ),
    "score-grade-band:range": "自评得分{score}分超出0至100分的范围",
    "income-equals-expenditure-totals": "{income}与{expenditure}不相等，相差{difference}",
    "carryover-balance": (
        "{closing}不等于{inflows}减去{outflows}所得的{computed}，相差{difference}{note}"
    ),
    "carryover-balance:rounding": (
        "{closing}与{inflows}减去{outflows}所得的{computed}相差{difference}，在四舍五入误差范围内"
    ),
    "carryover-balance:unstated": "（报告未写明使用结余或结余分配，差额可能来自这些项目）",
    "income-equals-expenditure-totals:rounding": (
        "{income}与{expenditure}相差{difference}，在四舍五入误差范围内"
    ),
    "three-public-change-equals-parts": (
        "{whole}同比{change}，而{parts}合计{computed}，相差{difference}{note}"
    ),
    "three-public-change-equals-parts:rounding": (
        "{whole}同比{change}，{parts}合计{computed}，相差{difference}，在四舍五入误差范围内{note}"
    ),
    "three-public-change-equals-parts:zero-part": "；{parts}本年为0且未说明变动，按无变动计算",
    "change-rate-matches": (
        "{label}{value}，同比{change}，按上年{base}计算应{computed}，"
        "与所写的{stated}不符，相差{difference}个百分点"
    ),
    "change-rate-matches:rounding": (
        "{label}{value}，同比{change}，按上年{base}计算应{computed}，"
        "与所写的{stated}相差{difference}个百分点，在四舍五入误差范围内"
    ),
    "change-rate-matches:any": (
        "{label}{value}，{change}，按变化前的{base}计算应{computed}，"
        "与所写的{stated}不符，相差{difference}个百分点"
    ),
    "change-rate-matches:any-rounding": (
        "{label}{value}，{change}，按变化前的{base}计算应{computed}，"
        "与所写的{stated}相差{difference}个百分点，在四舍五入误差范围内"
    ),
    "figure-restated-differently": "{label}前后写法不一致：“{first}”与“{second}”，相差{difference}",
    "ocr-low-confidence": (
        "{label}“{figure}”（{page}）是从扫描件或照片识别出的，识别置信度仅{confidence}，"
        "可能有误：请核对原件"
    ),
    "ocr-low-confidence:lone-stroke": (
        "{label}“{figure}”（{page}）是单独识别出的一个“1”，也可能是表格线或竖线“|”：请核对原件"
    ),
    "ocr-low-confidence:run-together": (
        "{label}取自“{figure}”（{page}），像是几个数字连在一起（识别时丢了其间的空格）：请核对原件"
    ),
    "ocr-low-confidence:repaired": (
        "{label}“{figure}”（{page}）由识别结果“{recognised}”按常见识别错误修正而来：请核对原件"
    ),
    "rule-failed": "核对规则{rule}未能完成（{reason}），其结论缺失，请人工核对",
    # Scorecard warnings: the scoring engine writes the whole sentence (with its figures).
    "self-score-above-computed": "{message}",
    "score-ratio-above-execution": "{message}",
    "target-not-quantified": "{message}",
    "actual-not-quantified": "{message}",
    "output-as-spending": "{message}",
    "satisfaction-without-sample": "{message}",
    "achieved-not-full-marks": "{message}",
    "unachieved-full-marks": "{message}",
    "far-exceeded-target": "{message}",
}

# How each field path is named in messages.
PATH_LABELS: dict[str, str] = {
    "spending.total": "支出合计",
    "spending.basic": "基本支出",
    "spending.personnel": "人员经费",
    "spending.public": "公用经费",
    "spending.project": "项目支出",
    "spending.functional_whole": "功能分类所属的支出",
    "three_public.total": "“三公”经费",
    "three_public.overseas": "因公出国(境)费",
    "three_public.vehicle": "公务用车购置及运行费",
    "three_public.vehicle_purchase": "公务用车购置费",
    "three_public.vehicle_operation": "公务用车运行维护费",
    "three_public.reception": "公务接待费",
    "budget.initial": "年初预算数",
    "budget.adjusted": "全年预算数",
    "budget.executed": "全年执行数",
    "budget.execution_rate": "执行率",
    "budget.carryover": "结转结余",
    "accounts.income_current": "本年收入合计",
    "accounts.income_grand_total": "收入总计",
    "accounts.expenditure_grand_total": "支出总计",
    "accounts.carryover_opening": "上年结转和结余",
    "accounts.carryover_closing": "年末结转和结余",
    "accounts.balance_used": "使用结余及事业基金弥补",
    "accounts.surplus_distribution": "结余分配",
    "performance.self_score": "自评得分",
    "budget.score": "预算执行率得分",
    "budget.weight": "预算执行率分值",
    "indicator.actual": "指标实际完成值",
}
_FUNCTIONAL = "functional."

_ORDINALS = "一二三四五六七八九十"
# A line break between two hanzi is a layout wrap, not a space.
_WRAP = re.compile(r"(?<=[\u4e00-\u9fff])\s*\n\s*(?=[\u4e00-\u9fff])")


def render(key: str, **fields: object) -> str:
    """The catalogue message ``key`` filled with ``fields``."""
    return CATALOGUE[key].format(**fields)


_SOME_NARROWER = "其他"  # the scope of a compound label (工资福利支出, 初中教育支出…其中：基本支出)


def label(path: str, scope: str = "") -> str:
    """The Chinese name of a field, qualified by its scope (一般公共预算基本支出)."""
    if scope == _SOME_NARROWER and path.startswith("spending."):
        # "商品和服务支出预算75800元": a narrower 支出 the audit has no name of its own for;
        # "其他支出合计" would name another figure (the 其他支出 class)
        return "该项支出"
    if path in PATH_LABELS:
        return f"{scope}{PATH_LABELS[path]}"
    if path.startswith(_FUNCTIONAL):  # functional.一般公共服务支出: the class's own name
        return f"{scope}{path.removeprefix(_FUNCTIONAL)}"
    return f"{scope}该数字"  # never a field code in front of a user


def ordinal(position: int) -> str:
    """一 … 十, then digits."""
    return _ORDINALS[position - 1] if 1 <= position <= len(_ORDINALS) else str(position)


def places_of(money: Money) -> int:
    """How many decimals the figure was printed with, in its own unit."""
    return _places(money.ulp / money.stated_unit.in_wan)


def money_text(money: Money) -> str:
    """A stated amount as the text wrote it: 793.43万元, 911000.39元, 340万元."""
    return amount_text(money.wan, money.stated_unit, places_of(money))


def amount_text(wan: Decimal, unit: MoneyUnit, places: int) -> str:
    """An amount (in 万元) written in ``unit`` with at least ``places`` decimals.

    Decimals are padded to ``places`` (5107.2 -> 5107.20) but a digit that is not zero is
    never dropped.
    """
    return f"{_digits(wan / unit.in_wan, places)}{unit.value}"


def derived_text(wan: Decimal, like: Sequence[Money]) -> str:
    """A recomputed amount, written like the figures it came from.

    The unit is that of the first figure; the decimals are the finest any of them shows in
    that unit.
    """
    unit = like[0].stated_unit if like else MoneyUnit.WAN
    places = max((_places(m.ulp / unit.in_wan) for m in like), default=2)
    return amount_text(wan, unit, places)


def change_text(wan: Decimal, like: Sequence[Money]) -> str:
    """A signed change in words: 减少63.96万元, 增加53.81万元, 无变化."""
    if wan == 0:
        return "无变化"
    verb = "增加" if wan > 0 else "减少"
    return verb + derived_text(abs(wan), like)


def rate_places(rate: Rate) -> int:
    """How many decimals the rate was printed with (97.06% -> 2)."""
    return _places(rate.ulp)


def rate_text(rate: Rate) -> str:
    """A stated rate as written: 97.06%."""
    return f"{_digits(rate.percent, rate_places(rate))}%"


def percent_text(percent: Decimal, places: int, keep: int = 0) -> str:
    """A recomputed percentage, rounded half-up to ``places`` decimals.

    Trailing zeros beyond ``keep`` decimals are dropped (95.200 -> 95.2 with keep=1).
    """
    return f"{_rounded(percent, places, keep)}%"


def signed_rate_text(percent: Decimal, places: int, keep: int = 0) -> str:
    """A signed change rate in words: 下降15.87%, 增长8.81%."""
    if percent == 0:
        return "持平"
    verb = "增长" if percent > 0 else "下降"
    return verb + percent_text(abs(percent), places, keep)


def points_text(value: Decimal, places: int, keep: int = 0) -> str:
    """A percentage-point difference, unsigned, rounded like ``percent_text``."""
    return _rounded(abs(value), places, keep)


def quote_text(quote: str) -> str:
    """A quote fit for a one-line message: line breaks inside a sentence (PDF wraps between
    two hanzi) disappear, other runs of white space become one space."""
    joined = _WRAP.sub("", quote)
    return " ".join(joined.split())


def places_of_ulp(ulp: Decimal) -> int:
    """Decimals of a printed figure whose last digit is worth ``ulp`` (0.01 -> 2)."""
    return _places(ulp)


def _places(ulp: Decimal) -> int:
    exponent = ulp.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 2


def _rounded(value: Decimal, places: int, keep: int) -> str:
    text = canonical(value.quantize(Decimal(1).scaleb(-places)))
    return _digits(Decimal(text), keep)


def _digits(value: Decimal, places: int) -> str:
    text = canonical(value)
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    if decimals >= places:
        return text
    return text + ("." if decimals == 0 else "") + "0" * (places - decimals)
