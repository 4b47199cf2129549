"""Every id a form sends inside its rows (a formset's hidden id) must belong to the object
being edited: one of another unit's rows is refused and nothing changes, for either unit.

The walk finds every form field of the application that carries such an id; each must have
a case below, so a new nested id without a check fails here."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.test import Client

import apps
from apps.monitoring.models import IndicatorProgress, LineProgress, MonitoringRecord
from apps.targets.models import EvaluationRow, TargetEvaluation
from tests.web.security.conftest import Scene


def nested_id_fields() -> set[tuple[str, str, str]]:
    """(module, form, field) of every form field named ``…_id``: an id sent back by a page."""
    found: set[tuple[str, str, str]] = set()
    for info in pkgutil.iter_modules(apps.__path__):
        try:
            module = importlib.import_module(f"apps.{info.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, value in vars(module).items():
            if not (isinstance(value, type) and issubclass(value, forms.BaseForm)):
                continue
            if value.__module__ != module.__name__:
                continue
            for field in value.base_fields:
                if field.endswith("_id"):
                    found.add((module.__name__, name, field))
    return found


def _snapshot() -> list[Any]:
    models = (MonitoringRecord, LineProgress, IndicatorProgress, TargetEvaluation, EvaluationRow)
    return [sorted(m.objects.values_list(), key=repr) for m in models]


def _management(prefix: str, count: int) -> dict[str, Any]:
    return {
        f"{prefix}-TOTAL_FORMS": count,
        f"{prefix}-INITIAL_FORMS": count,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def _monitoring_post(scene: Scene, *, foreign: str) -> tuple[str, dict[str, Any]]:
    own, other = scene.tables["own"], scene.tables["other"]
    record = scene.records["own"]
    lines = list(own.budget_lines.all())
    rows = list(own.indicators.all())
    post: dict[str, Any] = {"lock_version": record.lock_version, "reason": "", "corrective": ""}
    post |= _management("lines", len(lines)) | _management("rows", len(rows))
    for index, line in enumerate(lines):
        post[f"lines-{index}-budget_line_id"] = line.pk
        post[f"lines-{index}-executed"] = str(line.amount / 2)
    for index, row in enumerate(rows):
        post[f"rows-{index}-indicator_id"] = row.pk
    if foreign == "line":
        post["lines-0-budget_line_id"] = other.budget_lines.first().pk  # type: ignore[union-attr]
    else:
        post["rows-0-indicator_id"] = other.indicators.first().pk  # type: ignore[union-attr]
    url = f"/monitoring/{scene.checkpoint.pk}/units/{own.unit_id}/edit/"
    return url, post


def _evaluation_post(scene: Scene, *, foreign: str) -> tuple[str, dict[str, Any]]:
    evaluation, other = scene.evaluations["own"], scene.evaluations["other"]
    rows = list(evaluation.rows.all())
    post: dict[str, Any] = {
        "lock_version": evaluation.lock_version,
        "budget": "600",
        "executed": "540",
        "goal_result": "完成",
    }
    post |= _management("rows", len(rows))
    for index, row in enumerate(rows):
        post[f"rows-{index}-indicator_id"] = row.indicator_id
        post[f"rows-{index}-actual"] = row.actual or "1"
    post["rows-0-indicator_id"] = other.rows.first().indicator_id  # type: ignore[union-attr]
    return f"/targets/evaluations/{evaluation.pk}/edit/", post


CASES: dict[tuple[str, str, str], Callable[[Scene], tuple[str, dict[str, Any]]]] = {
    ("apps.monitoring.forms", "LineForm", "budget_line_id"): lambda s: _monitoring_post(
        s, foreign="line"
    ),
    ("apps.monitoring.forms", "IndicatorForm", "indicator_id"): lambda s: _monitoring_post(
        s, foreign="indicator"
    ),
    ("apps.targets.forms", "ActualForm", "indicator_id"): lambda s: _evaluation_post(
        s, foreign="indicator"
    ),
}


# Ids that name no row of any unit, with the reason.
NOT_ROWS = {
    # The entry of the city-wide indicator library (a data file) a row was copied from: kept
    # as a label, shared by every unit, never looked up to write anything.
    ("apps.targets.forms", "RowForm", "library_id"): "指标库条目（公共数据文件）",
}


def test_every_nested_id_of_every_form_has_a_case() -> None:
    found = nested_id_fields() - set(NOT_ROWS)
    assert found == set(CASES), (
        f"这些表单字段携带编号，请在 CASES 中补上“填入他人编号”的检查：{sorted(found - set(CASES))}"
    )


@pytest.mark.parametrize("case", sorted(CASES), ids=lambda c: f"{c[1]}.{c[2]}")
def test_an_id_of_another_units_row_is_refused_and_nothing_changes(
    scene: Scene, case: tuple[str, str, str]
) -> None:
    url, post = CASES[case](scene)
    before = _snapshot()
    client = Client()
    client.force_login(scene.world.prep_a)
    response = client.post(url, post)
    assert response.status_code == 400, (response.status_code, response.content[:300])
    page = response.content.decode()
    assert "不属于" in page and "刷新" in page
    assert _snapshot() == before
    # The unit's own record still holds what it reported (not emptied to 0).
    record = scene.records["own"]
    record.refresh_from_db()
    assert record.budget and record.executed and record.execution_rate is not None
