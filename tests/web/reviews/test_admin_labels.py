"""The admin's history lists name each step in Chinese, never by its stored code."""

from __future__ import annotations

from django.contrib import admin

from apps.evaluations.admin import ProjectEventAdmin
from apps.evaluations.models import ProjectEvent
from apps.reviews.admin import ReviewEventAdmin
from apps.reviews.models import ReviewEvent


def test_report_steps_are_named_in_chinese() -> None:
    shown = ReviewEventAdmin(ReviewEvent, admin.site)
    assert shown.action_label(ReviewEvent(action="submit")) == "提交单位负责人审核"
    assert shown.action_label(ReviewEvent(action="withdraw")) == "撤回公开"
    assert shown.action_label(ReviewEvent(action="no_such_step")) == "其他操作"


def test_key_project_steps_are_named_in_chinese() -> None:
    shown = ProjectEventAdmin(ProjectEvent, admin.site)
    assert shown.action_label(ProjectEvent(action="publish_plan")) == "印发评价计划"
    assert shown.action_label(ProjectEvent(action="finalize")) == "报告定稿"
