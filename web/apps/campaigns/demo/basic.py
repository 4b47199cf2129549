"""The 基础数据 two demo units in three fill in beside their report, so that the campaign view
ranks them by a computed score (the others leave it empty and are ranked by their self-score).

Figures are drawn deterministically from the unit and year around what the report states
(its spending, 三公 and budget), and only what the report does not state is filled in, as a
preparer would. They go through the page's own form and save, so they are valid by its rules.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from apps.accounts.models import User
from apps.campaigns.demo.catalogue import UNITS, DemoUnit, money
from apps.submissions.basic_data import (
    BasicDataForm,
    initial_of,
    sheet_of,
    submission_basic_data_save,
)
from apps.submissions.models import Submission
from apps.submissions.reportdata import decimal_or_none

_TENTH = Decimal("0.1")


def fills_basic_data(demo: DemoUnit, year: int) -> bool:
    """Two units in three, not the same ones each year."""
    return (UNITS.index(demo) + year) % 3 != 0


def _stated(submission: Submission, section: str, name: str, default: Decimal) -> Decimal:
    part = submission.data.get(section)
    value = decimal_or_none(part.get(name)) if isinstance(part, dict) else None
    return value if value is not None and value > 0 else default


def _figures(submission: Submission, demo: DemoUnit, rng: random.Random) -> dict[str, Decimal]:
    """Every 基础数据 item, plausible beside the report's own figures."""

    def between(low: float, high: float) -> Decimal:
        return Decimal(str(low + (high - low) * rng.random()))

    scale = Decimal(demo.scale)
    total = _stated(submission, "spending", "total", scale)
    project = _stated(submission, "spending", "project", total * Decimal("0.6"))
    public = _stated(submission, "spending", "public", total * Decimal("0.05"))
    three = _stated(submission, "three_public", "total", Decimal(10))
    budget = _stated(submission, "budget", "adjusted", total)
    staff = max(8, int(scale / 60 * between(0.8, 1.2)))
    three_budget = money(three * between(1.0, 1.15))
    tasks = rng.randint(20, 60)
    done = tasks - rng.randint(0, 3)
    key_tasks = rng.randint(5, 15)
    sample = rng.randint(100, 600)
    carryover = money(total * between(0.01, 0.06))
    procurement = money(total * between(0.05, 0.15))
    assets = money(scale * between(0.3, 0.8))
    return {
        "authorized_staff": Decimal(staff),
        "actual_staff": Decimal(staff - rng.randint(-2, 3)),
        "three_public_budget": three_budget,
        "three_public_budget_prev": money(three_budget * between(0.95, 1.1)),
        "three_public_actual": three,
        "key_project_spending": money(project * between(0.5, 0.9)),
        "budget_adjustment": money(budget * between(0.02, 0.22)),
        "payment_progress_planned": Decimal(100),
        "payment_progress_actual": between(85, 100).quantize(_TENTH),
        "carryover": carryover,
        "carryover_prev": money(carryover * between(0.9, 1.3)),
        "public_budget": money(public * between(0.95, 1.05)),
        "public_actual": public,
        "procurement_budget": procurement,
        "procurement_actual": money(procurement * between(0.85, 1.0)),
        "fixed_assets_total": assets,
        "fixed_assets_in_use": money(assets * between(0.85, 1.0)),
        "tasks_planned": Decimal(tasks),
        "tasks_done": Decimal(done),
        "tasks_on_time": Decimal(done - rng.randint(0, 3)),
        "tasks_up_to_standard": Decimal(done - rng.randint(0, 2)),
        "key_tasks_assigned": Decimal(key_tasks),
        "key_tasks_done": Decimal(key_tasks - rng.randint(0, 1)),
        "survey_sample": Decimal(sample),
        "survey_satisfied": Decimal(int(sample * between(0.85, 0.99))),
    }


def fill_basic_data(
    submission: Submission, demo: DemoUnit, year: int, preparer: User
) -> Submission:
    """The preparer fills in what the report leaves out, and the report is scored again."""
    rng = random.Random(f"basic-{demo.code}-{year}")
    sheet = sheet_of(submission)
    # What the page shows before anything is typed (the report's own figures among them).
    post = {
        key: str(value)
        for key, value in initial_of(
            submission.basic_data or {}, submission.lock_version, submission.data
        ).items()
    }
    post |= {
        key: format(value, "f")
        for key, value in _figures(submission, demo, rng).items()
        if key not in sheet.report
    }
    for item in sheet.judgements:
        if item.method == "checklist":
            post[f"{item.id}__met"] = str(len(item.points) - rng.choice((0, 0, 0, 1)))
        elif item.method == "violations":
            post[f"{item.id}__violations"] = str(rng.choice((0, 0, 0, 1, 2)))
        else:
            level, low, high = item.bands[rng.choice((0, 0, 1))]
            score = (low + (high - low) * Decimal(str(rng.random()))).quantize(
                _TENTH, rounding=ROUND_HALF_UP
            )
            post[f"{item.id}__level"] = level
            post[f"{item.id}__score"] = format(min(max(score, low), high), "f")
    form = BasicDataForm(post, sheet=sheet)
    if not form.is_valid():  # the demo's own figures: a failure here is a bug in this module
        raise ValueError(f"demo 基础数据 of {demo.code} {year} is invalid: {form.errors}")
    return submission_basic_data_save(
        submission=submission,
        basic_data=form.stored(submission.basic_data or {}),
        lock_version=form.cleaned_data["lock_version"],
        by=preparer,
        figures=form.figures(),
    )
