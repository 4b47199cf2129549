"""A stated count against the names listed right after it ("直属事业单位10个，即…" naming 9).

An item holding 和/及/与 may name one body (科技和信息化局) or two (A和B): the count agrees when
it lies anywhere between those readings. A list that ends with 等 never reaches the audit.
The text contradicts itself either way, so a real difference is an error.

A name written twice ("即办公室、第一部、…、政治部、办公室") names one body: the count that agrees
with the distinct names is no contradiction, only a slip in the list, and gets a warning.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.relations import Enumeration
from jixiao.domain.report import Report

CODE = "count-matches-named-items"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    for enumeration in report.enumerations:
        listed = len(enumeration.names)
        fewest = len(set(enumeration.names))
        most = listed + enumeration.joined
        if listed <= enumeration.count <= most:
            continue
        if fewest <= enumeration.count <= most:
            yield _repeated(enumeration)
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


def _repeated(enumeration: Enumeration) -> Finding:
    names, count, measure = enumeration.names, enumeration.count, enumeration.measure
    twice = next(name for i, name in enumerate(names) if name in names[:i])
    distinct = len(set(names))
    return Finding(
        code=CODE,
        severity=Severity.WARNING,
        message=messages.render(
            f"{CODE}:repeated", name=twice, count=f"{count}{measure}", named=f"{distinct}{measure}"
        ),
        stated=Decimal(count),
        computed=Decimal(distinct),
        difference=Decimal(count - distinct),
        evidence=(enumeration.evidence,),
    )
