"""Any whole against the parts the text lists after 其中 (下达资金2263万元，其中：…).

The fields the audit knows (支出合计, 基本支出, "三公"经费) broken into the parts it knows have
rules of their own; this one checks every other breakdown, a known field's included when its
parts are others (基本支出 into 工资福利支出, 商品和服务支出, 对个人和家庭的补助).

A sum within the rounding of the printed figures is a note; a real difference in money is an
error, and so are a form's points that exceed their whole (年度绩效目标(80分) against
产出指标(60分) and 效益指标(40分)); in counts (项目、设备、人员) a warning, since a count's
parts may overlap (一个项目既是新建又是续建).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.spans import Spans
from jixiao.audit.tolerance import Comparison, Outcome
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import canonical
from jixiao.domain.relations import Breakdown, StatedQuantity
from jixiao.domain.report import Report

CODE = "whole-equals-stated-parts"
_KNOWN = ("spending.", "three_public.")
_SOME_NARROWER = "其他"  # a compound label's scope (工资福利支出): no field of the audit's own
_POINTS = "分"  # a form's points: 年度绩效目标(80分) and the groups under it


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    known = Spans(
        m.evidence
        for m in report.mentions
        if m.aspect == "value" and m.path.startswith(_KNOWN) and m.scope != _SOME_NARROWER
    )
    for breakdown in report.breakdowns:
        if not breakdown.closed:
            continue  # an unfinished list: only its parts' shares are checked (part-share-matches)
        whole = breakdown.whole.evidence
        if known.overlaps(whole.start, whole.end) and all(
            known.overlaps(p.evidence.start, p.evidence.end) for p in breakdown.parts
        ):
            continue  # a field and its parts with their own rule (three-public-equals-parts …)
        found = _check(breakdown)
        if found is not None:
            yield found


# A list may leave parts out ("其中：主要项目A…，B…"); parts that fall far short of the whole
# say nothing. Parts that exceed it, or miss it narrowly, are a real mismatch.
_SHORT_BY_AT_MOST = Decimal("0.10")
_OVER_BY_AT_MOST = Decimal("0.50")


def _check(breakdown: Breakdown) -> Finding | None:
    whole, parts = breakdown.whole, breakdown.parts
    computed = sum((p.value for p in parts), Decimal(0))
    if not breakdown.complete:
        if whole.value <= 0:
            return None
        gap = (computed - whole.value) / whole.value
        if gap < -_SHORT_BY_AT_MOST or gap > _OVER_BY_AT_MOST:
            return None
    tolerance = whole.ulp + sum((p.ulp for p in parts), Decimal(0))  # as compare_sum
    comparison = Comparison(stated=whole.value, computed=computed, tolerance=tolerance)
    outcome = comparison.outcome
    if outcome is Outcome.EQUAL:
        return None
    fields = {
        "whole": _term(whole),
        "count": len(parts),
        "computed": _number(computed, whole.unit),
        "difference": _number(abs(comparison.difference), whole.unit),
    }
    if outcome is Outcome.ROUNDING:
        severity = Severity.INFO
        message = messages.render(f"{CODE}:rounding", **fields)
    else:
        # Points never overlap, as counts may; but a group printed without its points makes
        # the sum short, so only points that exceed their whole are an error.
        exact = whole.is_money or (whole.unit == _POINTS and computed > whole.value)
        severity = Severity.ERROR if exact else Severity.WARNING
        message = messages.render(CODE, **fields)
    return Finding(
        code=CODE,
        severity=severity,
        message=message,
        stated=comparison.stated,
        computed=comparison.computed,
        difference=comparison.difference,
        evidence=(whole.evidence, *(p.evidence for p in parts)),
    )


def _term(figure: StatedQuantity) -> str:
    return f"{figure.label}{_number(figure.value, figure.unit)}"


def _number(value: Decimal, unit: str) -> str:
    return f"{canonical(value)}{unit}"
