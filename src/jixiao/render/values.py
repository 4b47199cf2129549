"""The placeholders a template may use, and their text for one report.

Every figure is written as the report printed it: in its own unit and with its own number of
decimals ("3.60万元", "387664.62元"), so that a reader of the rendered document finds the same
figure. A figure the report does not state has no value (None), and the template leaves out
the part that needs it. Changes on the year before are written as the report words them:
"增加642.40万元", "减少486.52万元", "持平"; their rates as "增长12.31%" or "下降8.22%".
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from jixiao.domain.money import Money, Rate
from jixiao.domain.report import FunctionalBasis, Report
from jixiao.render.figures import Figure, money_text, rate_digits, report_figures

# Placeholders for amounts: name → field path. Each also has "<name>增减" and "<name>增减率".
MONEY_PLACEHOLDERS: Mapping[str, str] = MappingProxyType(
    {
        "支出合计": "spending.total",
        "基本支出": "spending.basic",
        "人员经费": "spending.personnel",
        "公用经费": "spending.public",
        "项目支出": "spending.project",
        "三公经费": "three_public.total",
        "因公出国费": "three_public.overseas",
        "公务用车费": "three_public.vehicle",
        "公务用车购置费": "three_public.vehicle_purchase",
        "公务用车运行费": "three_public.vehicle_operation",
        "公务接待费": "three_public.reception",
        "年初预算数": "budget.initial",
        "全年预算数": "budget.adjusted",
        "全年执行数": "budget.executed",
        "结转结余": "budget.carryover",
        "本年收入合计": "accounts.income_current",
        "收入总计": "accounts.income_grand_total",
        "支出总计": "accounts.expenditure_grand_total",
    }
)

_OTHER_PLACEHOLDERS = {
    "单位": "单位名称",
    "年度": "报告年度，如 2022",
    "地区": "所在地区",
    "落款单位": "落款单位（未注明时为单位名称）",
    "落款日期": "成文日期，如 2023年8月29日",
    "内设机构": "内设机构，以顿号分隔",
    "下属单位": "下属单位，以顿号分隔",
    "编制数": "编制人数，如 18人",
    "在职人数": "在职人数，如 17人",
    "执行率": "预算执行率，如 97.12%",
    "自评得分": "自评得分，如 86.5分",
    "评价等级": "评价等级，如 优",
    "功能分类": "按功能分类列出的支出（合计口径），如 一般公共服务支出379.62万元，…",
    "项目支出功能分类": "按功能分类列出的项目支出",
    "所列功能分类": "按功能分类列出的、构成“功能分类合计”的支出",
    "功能分类合计": "功能分类各项所构成的支出金额（如一般公共预算财政拨款支出）",
    "其他功能分类": "未注明口径的功能分类支出",
}

PLACEHOLDERS: Mapping[str, str] = MappingProxyType(
    {
        **{name: f"{name}金额，如 5252.64万元" for name in MONEY_PLACEHOLDERS},
        **{
            f"{name}增减": f"{name}较上年的增减额，如 减少486.52万元" for name in MONEY_PLACEHOLDERS
        },
        **{f"{name}增减率": f"{name}较上年的增减率，如 下降8.22%" for name in MONEY_PLACEHOLDERS},
        **_OTHER_PLACEHOLDERS,
    }
)

_BASIS_PLACEHOLDER = {
    FunctionalBasis.TOTAL: "功能分类",
    FunctionalBasis.PROJECT: "项目支出功能分类",
    FunctionalBasis.STATED: "所列功能分类",
    FunctionalBasis.UNKNOWN: "其他功能分类",
    FunctionalBasis.PARTIAL: "其他功能分类",
}


def placeholder_values(report: Report) -> dict[str, str | None]:
    """Every placeholder's text for this report (None where the report states nothing)."""
    values: dict[str, str | None] = dict.fromkeys(PLACEHOLDERS)
    values.update(_profile_values(report))
    figures = report_figures(report)
    for name, path in MONEY_PLACEHOLDERS.items():
        figure = figures.get(path)
        if figure is None or not isinstance(figure.value, Money):
            continue
        values[name] = money_text(figure.value)
        values[f"{name}增减"] = change_text(figure)
        values[f"{name}增减率"] = change_rate_text(figure)
    rate = figures.get("budget.execution_rate")
    if rate is not None and isinstance(rate.value, Rate):
        values["执行率"] = f"{rate_digits(rate.value)}%"
    score = report.performance.self_score
    if score is not None:
        values["自评得分"] = f"{rate_digits(score.value)}分"
    if report.performance.grade is not None:
        values["评价等级"] = report.performance.grade.value
    values.update(_functional_values(report))
    return values


def change_text(figure: Figure) -> str | None:
    if figure.change is None:
        return None
    if figure.change.wan == 0:
        return "持平"
    verb = "减少" if figure.change.wan < 0 else "增加"
    return f"{verb}{money_text(_absolute(figure.change))}"


def change_rate_text(figure: Figure) -> str | None:
    if figure.change_rate is None:
        return None
    rate = figure.change_rate
    verb = "下降" if rate.percent < 0 else "增长"
    return f"{verb}{rate_digits(Rate(abs(rate.percent), rate.ulp))}%"


def signed_date(iso: str | None) -> str | None:
    """ "2023-08-29" → "2023年8月29日" (GB/T 9704: Arabic numerals, no leading zeros)."""
    if not iso:
        return None
    year, month, day = iso.split("-")
    return f"{year}年{int(month)}月{int(day)}日"


def _absolute(money: Money) -> Money:
    return Money(abs(money.wan), money.ulp, money.stated_unit)


def _profile_values(report: Report) -> dict[str, str | None]:
    profile = report.profile
    unit = profile.name.value if profile.name else profile.signing_unit
    return {
        "单位": unit,
        "年度": None if profile.year is None else str(profile.year),
        "地区": profile.region,
        "落款单位": profile.signing_unit or unit,
        "落款日期": signed_date(profile.signed_on),
        "内设机构": "、".join(profile.internal_sections) or None,
        "下属单位": "、".join(profile.subordinate_units) or None,
        "编制数": _count(profile.authorized_staff.value if profile.authorized_staff else None),
        "在职人数": _count(profile.actual_staff.value if profile.actual_staff else None),
    }


def _count(count: object) -> str | None:
    return None if count is None else str(count)


def _functional_values(report: Report) -> dict[str, str | None]:
    spending = report.spending
    if not spending.functional:
        return {}
    items = "，".join(
        f"{item.stated_name}{money_text(item.amount.value)}" for item in spending.functional
    )
    basis = spending.functional_basis
    if basis is FunctionalBasis.STATED and spending.functional_whole is None:
        basis = FunctionalBasis.UNKNOWN
    values: dict[str, str | None] = {_BASIS_PLACEHOLDER[basis]: items}
    if basis is FunctionalBasis.STATED and spending.functional_whole is not None:
        values["功能分类合计"] = money_text(spending.functional_whole.value)
    return values
