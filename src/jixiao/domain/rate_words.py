"""What a rate's own words say it measures.

The audit and the renderers both need to know whether a rate a report states is surely the
execution rate (执行数 ÷ 预算数). A rate named 发放率, 兑付率, 兑现率, 使用率 or 拨付率 with no
执行, 支付, 支出 or B/A beside it is often another ratio: of people or items paid ("经费发放率
98%" among a project's 质量指标) or of money passed down rather than spent.
"""

from __future__ import annotations

OTHER_RATIOS = ("发放率", "兑付率", "兑现率", "使用率", "拨付率")
_DEFINITE = ("执行", "支付", "支出", "B/A")


def may_be_another_ratio(quote: str) -> bool:
    """Do the words of a stated rate leave open that it is not the execution rate?"""
    return any(w in quote for w in OTHER_RATIOS) and not any(w in quote for w in _DEFINITE)
