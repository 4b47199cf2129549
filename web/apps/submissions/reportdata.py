"""The data a submission keeps, and the Report it stands for.

A document is read once into a ``Report``; its data is ``extract_json`` plus the narrative
lists. When the preparer corrects a figure, the audit must check the corrected report, not the
text: ``report_with_data`` starts from the report read from the document (or from nothing for a
report filled in by hand) and replaces what the data changed. A corrected figure keeps the
evidence of the statement it corrects, and every statement of the old value in the same field
takes the new one, so that the section-by-section checks agree with the correction.

Amounts in the data are decimal strings as the user typed them ("340.00" stays "340.00"): the
printed precision decides the rounding tolerance of the audit.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal, InvalidOperation
from typing import Any

from apps.submissions.fields import FIELDS, NARRATIVES, get_path
from jixiao.contract import extract_json
from jixiao.domain.classification import load_classification
from jixiao.domain.evidence import Evidence
from jixiao.domain.money import Money, Rate
from jixiao.domain.report import (
    Direction,
    FunctionalBasis,
    FunctionalItem,
    Indicator,
    Mention,
    Report,
    ReportKind,
    StatedMoney,
    StatedRate,
    StatedText,
    UnitProfile,
)

Data = dict[str, Any]
_NO_EVIDENCE = Evidence(quote="", start=0, end=0)
_SECTIONS = ("spending", "three_public", "budget", "accounts")


def data_from_report(report: Report) -> Data:
    """The JSON a submission keeps for a report just read."""
    data = extract_json(report)
    performance = report.performance
    data["problems"] = list(performance.problems)
    data["suggestions"] = list(performance.suggestions)
    data["conclusions"] = list(performance.conclusions)
    return data


def empty_data(*, unit_name: str, year: int) -> Data:
    """The data of a report that is filled in by hand, before anything is typed."""
    return data_from_report(
        Report(
            source=f"{unit_name}{year}年度",
            kind=ReportKind.OVERALL,
            text="",
            profile=UnitProfile(name=StatedText(unit_name, _NO_EVIDENCE), year=year),
        )
    )


def decimal_or_none(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def report_with_data(*, base: Report | None, data: Data, source: str, year: int) -> Report:
    """The report ``base`` with every figure the data states differently replaced."""
    report = base or Report(
        source=source,
        kind=_kind(data.get("kind")),
        text="",
        profile=UnitProfile(year=year),
    )
    if report.profile.year is None:
        report = dataclasses.replace(report, profile=dataclasses.replace(report.profile, year=year))
    for spec in FIELDS:
        if spec.kind == "money":
            report = _with_money(report, spec.path, decimal_or_none(get_path(data, spec.path)))
    report = _with_rates_and_texts(report, data)
    report = _with_functional(report, data)
    report = _with_indicators(report, data)
    performance = dataclasses.replace(
        report.performance,
        **{name: tuple(_lines(data.get(name))) for name in NARRATIVES},
    )
    return dataclasses.replace(report, performance=performance)


def _kind(value: object) -> ReportKind:
    try:
        return ReportKind(str(value))
    except ValueError:
        return ReportKind.OVERALL


def _lines(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [str(item).strip() for item in value if str(item).strip()]


def _with_money(report: Report, path: str, new: Decimal | None) -> Report:
    section_name, field_name = path.split(".")
    section = getattr(report, section_name)
    old: StatedMoney | None = getattr(section, field_name)
    if (old is None and new is None) or (old is not None and new == old.value.wan):
        return report
    stated = None
    if new is not None:
        money = Money.of(format(new, "f"))
        stated = StatedMoney(money, old.evidence if old is not None else _NO_EVIDENCE)
    mentions = _restated(report.mentions, path, old, stated)
    section = dataclasses.replace(section, **{field_name: stated})
    return dataclasses.replace(report, **{section_name: section, "mentions": mentions})


def _restated(
    mentions: tuple[Mention, ...], path: str, old: StatedMoney | None, new: StatedMoney | None
) -> tuple[Mention, ...]:
    """Every statement of the old value in this field takes the new one (or goes)."""
    if old is None:
        return mentions
    kept: list[Mention] = []
    for mention in mentions:
        same = (
            mention.path == path
            and mention.aspect == "value"
            and isinstance(mention.value, Money)
            and mention.value.wan == old.value.wan
        )
        if not same:
            kept.append(mention)
        elif new is not None:
            kept.append(dataclasses.replace(mention, value=new.value))
    return tuple(kept)


def _rate(old: StatedRate | None, value: object) -> StatedRate | None:
    new = decimal_or_none(value)
    if new is None:
        return None
    if old is not None and old.value.percent == new:
        return old
    return StatedRate(Rate.parse(format(new, "f")), old.evidence if old else _NO_EVIDENCE)


def _with_rates_and_texts(report: Report, data: Data) -> Report:
    budget = dataclasses.replace(
        report.budget,
        execution_rate=_rate(report.budget.execution_rate, get_path(data, "budget.execution_rate")),
    )
    old_grade = report.performance.grade
    grade_text = str(data.get("grade") or "").strip()
    grade = None
    if grade_text:
        same = old_grade is not None and old_grade.value == grade_text
        grade = old_grade if same else StatedText(grade_text, _NO_EVIDENCE)
    performance = dataclasses.replace(
        report.performance,
        self_score=_rate(report.performance.self_score, data.get("self_score")),
        grade=grade,
    )
    return dataclasses.replace(report, budget=budget, performance=performance)


def _with_functional(report: Report, data: Data) -> Report:
    spending = report.spending
    items = get_path(data, "spending.functional")
    rows = [
        (str(item.get("stated_name") or "").strip(), decimal_or_none(item.get("amount")))
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict)
    ]
    rows = [(name, amount) for name, amount in rows if name and amount is not None]
    current = [(i.stated_name, i.amount.value.wan) for i in spending.functional]
    if rows != current:
        classification = load_classification(report.year)
        evidence = {i.stated_name: i.amount.evidence for i in spending.functional}
        functional = []
        for name, amount in rows:
            assert amount is not None
            match = classification.match(name)
            stated = StatedMoney(Money.of(format(amount, "f")), evidence.get(name, _NO_EVIDENCE))
            functional.append(
                FunctionalItem(
                    code=match.code if match else None,
                    name=match.name if match else None,
                    stated_name=name,
                    amount=stated,
                )
            )
        spending = dataclasses.replace(spending, functional=tuple(functional))
    basis = get_path(data, "spending.functional_basis")
    if isinstance(basis, str) and basis in FunctionalBasis._value2member_map_:
        spending = dataclasses.replace(spending, functional_basis=FunctionalBasis(basis))
    return dataclasses.replace(report, spending=spending)


def _indicator_key(indicator: Indicator) -> tuple[object, ...]:
    return (
        indicator.level1,
        indicator.level2,
        indicator.level3,
        indicator.direction.value if indicator.direction else "",
        indicator.target or "",
        indicator.actual or "",
        indicator.unit or "",
        indicator.weight,
        indicator.score,
    )


def _with_indicators(report: Report, data: Data) -> Report:
    rows = data.get("indicators")
    if not isinstance(rows, list):
        return report
    wanted = [_indicator(row) for row in rows if isinstance(row, dict)]
    wanted = [i for i in wanted if i.level3 or i.level2 or i.level1]
    existing = report.performance.indicators
    if [_indicator_key(i) for i in wanted] == [_indicator_key(i) for i in existing]:
        return report
    evidence = {i.level3: i.evidence for i in existing}
    indicators = tuple(dataclasses.replace(i, evidence=evidence.get(i.level3)) for i in wanted)
    performance = dataclasses.replace(report.performance, indicators=indicators)
    return dataclasses.replace(report, performance=performance)


def _indicator(row: dict[str, Any]) -> Indicator:
    direction = str(row.get("direction") or "")

    def text(name: str) -> str | None:
        value = str(row.get(name) or "").strip()
        return value or None

    return Indicator(
        level1=str(row.get("level1") or "").strip(),
        level2=str(row.get("level2") or "").strip(),
        level3=str(row.get("level3") or "").strip(),
        direction=Direction(direction) if direction in Direction._value2member_map_ else None,
        target=text("target"),
        actual=text("actual"),
        unit=text("unit"),
        weight=decimal_or_none(row.get("weight")),
        score=decimal_or_none(row.get("score")),
    )
