"""A stated count against the names listed right after it ("直属事业单位10个，即…" naming 9).

An item holding 和/及/与 may name one body (科技和信息化局) or two (A和B): the count agrees when
it lies anywhere between those readings. A list that ends with 等 never reaches the audit.
The text contradicts itself either way, so a real difference is an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.report import Report

CODE = "count-matches-named-items"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    for enumeration in report.enumerations:
        fewest = len(enumeration.names)
        most = fewest + enumeration.joined
        if fewest <= enumeration.count <= most:
            continue
        named = fewest if enumeration.count < fewest else most
        yield Finding(
            code=CODE,
            severity=Severity.ERROR,
            message=messages.render(
                CODE,
                count=f"{enumeration.count}{enumeration.measure}",
                named=f"{named}{enumeration.measure}",
            ),
            stated=Decimal(enumeration.count),
            computed=Decimal(named),
            difference=Decimal(enumeration.count - named),
            evidence=(enumeration.evidence,),
        )
