"""Every 功能分类 line must name a 类 of the report year's 政府收支分类科目.

A name that is not one (应急物资储备支出, 灾害防治应急管理支出) is a warning that quotes it and,
when a standard name is obviously meant, suggests it. A recognised but loose wording (社会保障
和就业 without 支出) is only noted. When the year lies outside the classification data, the
nearest edition is used and the warnings become notes.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.domain.classification import Classification
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.report import FunctionalItem, Report

CODE = "functional-class-name"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    classification = context.classification
    severity = Severity.WARNING if _trusted(classification) else Severity.INFO
    for item in report.spending.functional:
        found = _check_item(item, classification, severity)
        if found is not None:
            yield found


def _check_item(
    item: FunctionalItem, classification: Classification, severity: Severity
) -> Finding | None:
    stated = item.stated_name.strip()
    evidence = (item.amount.evidence,)
    if not stated:
        if item.code is None or classification.by_code(item.code) is not None:
            return None
        message = messages.render(
            f"{CODE}:code", code=item.code, stated=stated, edition=_edition(classification)
        )
        return Finding(CODE, severity, message, evidence=evidence)
    match = classification.match(stated)
    if match is None:
        suggestion = classification.suggest(stated)
        message = messages.render(
            CODE,
            stated=stated,
            edition=_edition(classification),
            suggestion=messages.render(f"{CODE}:suggestion", name=suggestion) if suggestion else "",
        )
        return Finding(CODE, severity, message, evidence=evidence)
    if item.code is not None and item.code != match.code:
        message = messages.render(
            f"{CODE}:code-conflict", stated=stated, code=item.code, expected=match.code
        )
        return Finding(CODE, severity, message, evidence=evidence)
    if not match.exact:
        message = messages.render(
            f"{CODE}:variant", stated=stated, name=match.name, code=match.code
        )
        return Finding(CODE, Severity.INFO, message, evidence=evidence)
    return None


def _trusted(classification: Classification) -> bool:
    """Whether the data covers the report year (an unknown year is checked as the latest)."""
    return classification.year is None or classification.covers_year


def _edition(classification: Classification) -> str:
    if classification.year is not None and classification.covers_year:
        return f"{classification.year}年"
    return f"{classification.edition}年版"
