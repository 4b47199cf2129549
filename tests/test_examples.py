"""The bundled examples: jixiao must read what their authors intended, and match the goldens.

`intended.toml` was written by hand before any tool read the report; extract.json and
audit.json are golden files regenerated on purpose only (`make golden`).
"""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao.contract import audit_json, extract_json
from jixiao.services import report_evaluate
from tests.conftest import ROOT

CASES = sorted(p.parent for p in ROOT.glob("examples/*/intended.toml"))
FIELDS = {
    "total": "spending.total",
    "basic": "spending.basic",
    "personnel": "spending.personnel",
    "public": "spending.public",
    "project": "spending.project",
    "three_public_total": "three_public.total",
    "overseas": "three_public.overseas",
    "vehicle": "three_public.vehicle",
    "vehicle_purchase": "three_public.vehicle_purchase",
    "vehicle_operation": "three_public.vehicle_operation",
    "reception": "three_public.reception",
    "budget_initial": "budget.initial",
    "budget_adjusted": "budget.adjusted",
    "executed": "budget.executed",
    "income_current": "accounts.income_current",
    "income_grand_total": "accounts.income_grand_total",
    "expenditure_grand_total": "accounts.expenditure_grand_total",
    "functional_whole": "spending.functional_whole",
}
NOT_MONEY = {"execution_rate": "budget.execution_rate", "self_score": "self_score"}


def test_there_are_enough_examples() -> None:
    assert len(CASES) >= 8


def _source(case: Path) -> Path:
    return next(case.glob("source.*"))


def _lookup(data: dict[str, Any], dotted: str) -> Any:
    value: Any = data
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _read(case: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    source = _source(case)
    evaluation = report_evaluate(path=source, source=source.relative_to(ROOT).as_posix())
    return extract_json(evaluation.report), audit_json(evaluation.audit)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_reads_every_intended_figure(case: Path) -> None:
    intended = tomllib.loads((case / "intended.toml").read_text(encoding="utf-8"))
    extract, _ = _read(case)
    scale = Decimal("0.0001") if intended.get("amount_unit") == "元" else Decimal(1)
    figures = intended["figures"]
    wrong = []
    for key, path in FIELDS.items():
        want = Decimal(figures[key]) * scale if key in figures else None
        got = _lookup(extract, path)
        if (None if got is None else Decimal(got)) != want:
            wrong.append(f"{key}: got {got}, want {want}")
    for key, path in NOT_MONEY.items():
        want_text = figures.get(key)
        got = _lookup(extract, path)
        if (None if got is None else Decimal(got)) != (
            None if want_text is None else Decimal(want_text)
        ):
            wrong.append(f"{key}: got {got}, want {want_text}")
    if extract["grade"] != figures.get("grade"):
        wrong.append(f"grade: got {extract['grade']}, want {figures.get('grade')}")
    stated = {i["stated_name"]: Decimal(i["amount"]) for i in extract["spending"]["functional"]}
    want_functional = {k: Decimal(v) * scale for k, v in figures.get("functional", {}).items()}
    if stated != want_functional:
        wrong.append(f"functional: got {stated}, want {want_functional}")
    assert extract["year"] == intended["year"]
    assert extract["kind"] == intended["kind"]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_audit_finds_exactly_the_intended_errors(case: Path) -> None:
    intended = tomllib.loads((case / "intended.toml").read_text(encoding="utf-8"))
    _, audit = _read(case)
    errors = sorted({f["code"] for f in audit["findings"] if f["severity"] == "error"})
    assert errors == sorted(set(intended["audit"]["errors"])), audit["findings"]
    codes = {f["code"] for f in audit["findings"]}
    assert set(intended["audit"].get("warnings", [])) <= codes


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden_files_are_current(case: Path) -> None:
    extract, audit = _read(case)
    for name, fresh in (("extract.json", extract), ("audit.json", audit)):
        golden = case / name
        assert golden.exists(), f"{golden} is missing: run `make golden` and review the diff"
        assert json.loads(golden.read_text(encoding="utf-8")) == fresh, (
            f"{golden} differs from what jixiao now reads: if the change is intended, "
            "run `make golden` and review the diff"
        )
