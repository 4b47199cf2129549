"""The working papers keep who and when; a satisfaction rate without its sample is flagged."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from apps.errors import Conflict, InvalidInput, NotAllowed
from apps.evaluations.models import KeyProject, RequestFile
from apps.evaluations.papers import request_create, request_upload, survey_record, visit_record
from tests.web.conftest import World
from tests.web.evaluations.factory import Pool, panel_of_three

TODAY = datetime.date.today()


def test_surveys_show_their_flags(world: World, pool: Pool, project: KeyProject) -> None:
    panel_of_three(world, project, pool)
    survey_record(
        project=project, subject="参训农户", method="电话回访", sample=None, satisfied=None,
        rate=Decimal("96"), by=pool.staff,
    )  # fmt: skip
    kept = survey_record(
        project=project, subject="合作社", method="入户问卷", sample=120, satisfied=108,
        rate=None, by=pool.expert,
    )  # fmt: skip
    assert kept.rate == Decimal("90.00") and kept.recorded_by == pool.expert
    client = Client()
    client.force_login(world.rev_x)
    page = client.get(reverse("evaluations:project", kwargs={"pk": project.pk})).content.decode()
    assert "只有满意度，没有有效样本数" in page
    assert page.count('data-flagged="1"') == 1 and page.count('data-flagged="0"') >= 1


def test_papers_are_kept_by_the_panel_only_and_answered_by_the_unit(
    world: World, pool: Pool, project: KeyProject
) -> None:
    with pytest.raises(NotAllowed):
        request_create(
            project=project, title="台账", due_date=TODAY, by=pool.expert
        )  # not yet on it
    panel_of_three(world, project, pool)
    with pytest.raises(InvalidInput, match="不能早于今天"):
        request_create(
            project=project,
            title="台账",
            due_date=TODAY - datetime.timedelta(days=1),
            by=pool.expert,
        )
    wanted = request_create(project=project, title="培训台账", due_date=TODAY, by=pool.expert)
    assert wanted.requested_by == pool.expert and wanted.requested_at is not None
    with pytest.raises(NotAllowed):
        visit_record(
            project=project, visited_on=TODAY, place="基地", people="张", notes="x", by=world.prep_a
        )
    visit = visit_record(
        project=project, visited_on=TODAY, place="培训基地", people="张评审", notes="台账齐全",
        by=pool.expert,
    )  # fmt: skip
    assert visit.recorded_by == pool.expert
    with pytest.raises(InvalidInput, match="格式不能提交"):
        request_upload(request=wanted, files=[SimpleUploadedFile("a.exe", b"MZ")], by=world.prep_a)
    assert not RequestFile.objects.exists()  # refused whole: nothing half-stored


def test_papers_close_with_the_report(world: World, pool: Pool, project: KeyProject) -> None:
    panel_of_three(world, project, pool)
    KeyProject.objects.filter(pk=project.pk).update(state="draft")
    project.refresh_from_db()
    with pytest.raises(Conflict, match="工作底稿已归档"):
        request_create(project=project, title="补充", due_date=TODAY, by=world.rev_x)
