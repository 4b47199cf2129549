"""The JSON that `jixiao extract --json` and `jixiao audit --json` print.

The shapes are fixed by ../shared/design/CONTRACT.md: scripts depend on them. Extend,
never rename or remove. Every amount is a decimal string in 万元; never a float.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.domain.evidence import Evidence
from jixiao.domain.findings import AuditReport, Finding
from jixiao.domain.money import Money, canonical
from jixiao.domain.report import Report, StatedMoney, StatedRate, StatedText

JSON = dict[str, Any]


def _money(value: StatedMoney | None) -> str | None:
    return None if value is None else canonical(value.value.wan)


def _rate(value: StatedRate | None) -> str | None:
    return None if value is None else canonical(value.value.percent)


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else canonical(value)


def evidence_json(evidence: Evidence, path: str | None = None) -> JSON:
    out: JSON = {} if path is None else {"path": path}
    out.update(quote=evidence.quote, start=evidence.start, end=evidence.end)
    if evidence.page is not None:
        out["page"] = evidence.page
    if evidence.cell is not None:
        out["cell"] = list(evidence.cell)
    if evidence.box is not None:
        out["box"] = list(evidence.box)
    return out


def extract_json(report: Report) -> JSON:
    spending, three, budget = report.spending, report.three_public, report.budget
    evidence: list[JSON] = []

    def cite(path: str, stated: StatedMoney | StatedRate | StatedText | None) -> None:
        if stated is not None:
            evidence.append(evidence_json(stated.evidence, path))

    cite("unit_name", report.profile.name)
    for name in ("total", "basic", "personnel", "public", "project"):
        cite(f"spending.{name}", getattr(spending, name))
    for index, item in enumerate(spending.functional):
        cite(f"spending.functional[{index}]", item.amount)
    for name in (
        "total",
        "overseas",
        "vehicle",
        "vehicle_purchase",
        "vehicle_operation",
        "reception",
    ):
        cite(f"three_public.{name}", getattr(three, name))
    for name in ("initial", "adjusted", "executed"):
        cite(f"budget.{name}", getattr(budget, name))
    cite("budget.execution_rate", budget.execution_rate)
    cite("self_score", report.performance.self_score)
    cite("grade", report.performance.grade)
    accounts = report.accounts
    for name in ("income_current", "income_grand_total", "expenditure_grand_total"):
        cite(f"accounts.{name}", getattr(accounts, name))

    return {
        "source": report.source,
        "unit_name": report.profile.name.value if report.profile.name else None,
        "year": report.profile.year,
        "kind": report.kind.value,
        "spending": {
            "total": _money(spending.total),
            "basic": _money(spending.basic),
            "personnel": _money(spending.personnel),
            "public": _money(spending.public),
            "project": _money(spending.project),
            "functional": [
                {
                    "code": item.code,
                    "name": item.name,
                    "stated_name": item.stated_name,
                    "amount": _money(item.amount),
                }
                for item in spending.functional
            ],
            "functional_basis": spending.functional_basis.value,
            "functional_whole": _money(spending.functional_whole),
        },
        "three_public": {
            "total": _money(three.total),
            "overseas": _money(three.overseas),
            "vehicle": _money(three.vehicle),
            "vehicle_purchase": _money(three.vehicle_purchase),
            "vehicle_operation": _money(three.vehicle_operation),
            "reception": _money(three.reception),
        },
        "budget": {
            "initial": _money(budget.initial),
            "adjusted": _money(budget.adjusted),
            "executed": _money(budget.executed),
            "execution_rate": _rate(budget.execution_rate),
        },
        "accounts": {
            "income_current": _money(accounts.income_current),
            "income_grand_total": _money(accounts.income_grand_total),
            "expenditure_grand_total": _money(accounts.expenditure_grand_total),
        },
        "self_score": _rate(report.performance.self_score),
        "grade": report.performance.grade.value if report.performance.grade else None,
        "indicators": [
            {
                "level1": i.level1,
                "level2": i.level2,
                "level3": i.level3,
                "direction": i.direction.value if i.direction else None,
                "target": i.target,
                "actual": i.actual,
                "unit": i.unit,
                "weight": _decimal(i.weight),
                "score": _decimal(i.score),
            }
            for i in report.performance.indicators
        ],
        "outline": report.outline,
        "headings": [
            {"level": h.level, "marker": h.marker, "title": h.title} for h in report.headings
        ],
        "signing_unit": report.profile.signing_unit,
        "signed_on": report.profile.signed_on,
        "evidence": evidence,
        "figures": figures_json(report),
    }


# The parser's scope words, as fund scope, basis and a year offset (docs/contract.md). A
# "其他" scope marks a longer noun that is not the field at all: it is no statement of it.
_FUND_SCOPES = {
    "一般公共预算": "一般公共预算财政拨款",
    "财政拨款": "财政拨款",
    "政府性基金": "政府性基金预算财政拨款",
    "国有资本经营": "国有资本经营预算财政拨款",
}
_YEAR_OFFSETS = {"上年": -1, "下年": 1}
_KIND_BASIS = {"budget": "预算", "final_accounts": "决算"}


def figures_json(report: Report) -> list[JSON]:
    """Every statement of a figure, in the order of the text, with its scope, basis and year."""
    year = report.profile.year
    out: list[JSON] = []
    for mention in sorted(report.mentions, key=lambda m: m.evidence.start):
        if mention.scope == "其他":
            continue
        value = mention.value
        number = value.wan if isinstance(value, Money) else value.percent
        basis = _basis(mention.path, mention.scope, report.kind.value)
        offset = _YEAR_OFFSETS.get(mention.scope, 0)
        out.append(
            {
                "path": _contract_path(mention.path),
                "aspect": "share" if mention.aspect == "share" else mention.aspect,
                "scope": _FUND_SCOPES.get(mention.scope, ""),
                "basis": basis,
                "year": year + offset if year is not None else None,
                "value": canonical(number),
                "evidence": evidence_json(mention.evidence),
            }
        )
    return out


def _basis(path: str, scope: str, kind: str) -> str:
    if scope in ("预算", "决算"):
        return scope
    if path in ("budget.initial", "budget.adjusted"):
        return "预算"
    if path == "budget.executed":
        return "决算"
    return _KIND_BASIS.get(kind, "")


def _contract_path(path: str) -> str:
    """The contract's names: performance.self_score is printed as self_score."""
    return path.removeprefix("performance.")


def finding_json(finding: Finding) -> JSON:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "stated": _decimal(finding.stated),
        "computed": _decimal(finding.computed),
        "difference": _decimal(finding.difference),
        "evidence": [evidence_json(e) for e in finding.evidence],
    }


def audit_json(audit: AuditReport) -> JSON:
    return {"source": audit.source, "findings": [finding_json(f) for f in audit.findings]}
