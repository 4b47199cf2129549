"""The scene the permission matrix plays on: a report of unit A (region X) and one of unit B
(region Y), both back with their units after a return (two versions, a document each), a
published report of unit A2 (region X), and a batch import by each region's reviewer.

For the targets, monitoring and rectification pages each of units A and B also has an
approved target table with a filled-in (draft) self-evaluation, a second table still a draft,
a reported monitoring record at the bureau's checkpoint, and an answered rectification notice
with an attachment: all written through the apps' own services, as the pages would."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import User
from apps.monitoring.assess import LineEntry
from apps.monitoring.models import Checkpoint, MonitoringRecord
from apps.monitoring.services import checkpoint_create, record_save
from apps.publications.models import Publication
from apps.rectification.models import Attachment, Notice, Source
from apps.rectification.services import notice_answer, notice_issue
from apps.submissions.batch import batch_upload
from apps.submissions.models import BatchImport, State, Submission
from apps.targets.evaluations import ActualInput, evaluation_save, evaluation_start
from apps.targets.models import TargetEvaluation, TargetTable
from tests.web.api.conftest import drive  # noqa: F401 (a fixture)
from tests.web.conftest import World
from tests.web.security.key_scene import KEY_ROLES, KeyScene, build_key_scene
from tests.web.targets.factory import approved_table, draft_table

ROLES = ("anonymous", "preparer A", "head A", "reviewer X", "admin", *KEY_ROLES)
SCOPES = ("own", "other")


@dataclass
class Scene:
    world: World
    own: Submission
    other: Submission
    published: Submission
    publication: Publication
    batch_own: BatchImport
    batch_other: BatchImport
    tables: dict[str, TargetTable]  # approved, evaluated and monitored
    drafts: dict[str, TargetTable]  # another table of the unit, still a draft
    evaluations: dict[str, TargetEvaluation]
    checkpoint: Checkpoint
    records: dict[str, MonitoringRecord]
    notices: dict[str, Notice]
    attachments: dict[str, Attachment]
    key: KeyScene  # the bureau's key-project evaluations (key_scene.py)

    def user(self, role: str) -> User | None:
        w = self.world
        if role in KEY_ROLES:
            return self.key.user(role)
        return {
            "anonymous": None,
            "preparer A": w.prep_a,
            "head A": w.head_a,
            "reviewer X": w.rev_x,
            "admin": w.admin,
        }[role]

    def submission(self, scope: str) -> Submission:
        return self.own if scope == "own" else self.other

    def batch(self, scope: str) -> BatchImport:
        return self.batch_own if scope == "own" else self.batch_other

    def unit_id(self, scope: str) -> int:
        return (self.world.a if scope == "own" else self.world.b).pk


def _batch(world: World, user: User) -> BatchImport:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("不认识的单位.txt", "x")
    file = SimpleUploadedFile("reports.zip", out.getvalue())
    return batch_upload(campaign=world.campaign, upload=file, by=user)


# What unit A's and unit B's people did: (preparer, head, reviewer of the unit's region).
def _people(world: World) -> dict[str, tuple[User, User, User]]:
    return {
        "own": (world.prep_a, world.head_a, world.rev_x),
        "other": (world.prep_b, world.head_b, world.rev_y),
    }


def _filled_evaluation(table: TargetTable, preparer: User) -> TargetEvaluation:
    """The self-evaluation of the factory's table, every actual given (ready to submit)."""
    evaluation = evaluation_start(table=table, by=preparer)
    given = {
        "农技培训人次": ("1250", "", ""),
        "培训完成时间": ("11月25日完成", "达成", ""),
        "带动农户增收": ("600", "", "农产品价格下跌"),
        "参训农户满意度": ("95", "", ""),
    }
    rows = []
    for row in evaluation.rows.select_related("indicator"):
        actual, band, reason = given[row.indicator.level3]
        score = Decimal(24) if band else None
        rows.append(ActualInput(row.indicator_id, actual, band, score, reason))
    return evaluation_save(
        evaluation=evaluation,
        budget=Decimal(600),
        executed=Decimal(540),
        goal_result="完成培训1250人次",
        rows=rows,
        lock_version=evaluation.lock_version,
        by=preparer,
    )


def _record(checkpoint: Checkpoint, table: TargetTable, preparer: User) -> MonitoringRecord:
    lines = [LineEntry(line.pk, line.amount / 2) for line in table.budget_lines.all()]
    return record_save(
        checkpoint=checkpoint,
        unit=table.unit,
        lines=lines,
        indicators=[],
        lock_version=None,
        submit=True,
        by=preparer,
    )


def _answered_notice(world: World, preparer: User, reviewer: User) -> Attachment:
    assert preparer.unit is not None
    notice = notice_issue(
        unit=preparer.unit,
        year=2022,
        source=Source.OTHER,
        reasons="专项检查发现绩效目标设置不规范",
        requirements="限期整改并提交佐证材料",
        due_date=datetime.date(2023, 9, 30),
        by=reviewer,
    )
    file = SimpleUploadedFile("整改报告.pdf", b"%PDF-1.4 rectification report")
    reply = notice_answer(notice=notice, text="已完成整改", files=[file], by=preparer)
    return reply.attachments.get()


@pytest.fixture
def scene(world: World, drive: Callable[[Any, State], Submission]) -> Scene:  # noqa: F811
    own = drive(world.a, State.RESUBMITTED)
    other = drive(world.b, State.RESUBMITTED)
    published = drive(world.a2, State.PUBLISHED)
    for submission in (own, other):
        # back with the unit (returned), with two versions and its document
        Submission.objects.filter(pk=submission.pk).update(state=State.RETURNED)
        submission.refresh_from_db()
    people = _people(world)
    tables = {scope: approved_table(*people[scope]) for scope in SCOPES}
    checkpoint = checkpoint_create(
        year=2023,
        as_of=datetime.date(2023, 7, 31),
        title="",
        due_date=datetime.date(2023, 8, 15),
        by=world.admin,
    )
    attachments = {scope: _answered_notice(world, p, r) for scope, (p, _, r) in people.items()}
    return Scene(
        world=world,
        own=own,
        other=other,
        published=published,
        publication=Publication.objects.get(submission=published),
        batch_own=_batch(world, world.rev_x),
        batch_other=_batch(world, world.rev_y),
        tables=tables,
        drafts={s: draft_table(people[s][0], title="农机安全宣传") for s in SCOPES},
        evaluations={s: _filled_evaluation(tables[s], people[s][0]) for s in SCOPES},
        checkpoint=checkpoint,
        records={s: _record(checkpoint, tables[s], people[s][0]) for s in SCOPES},
        notices={s: a.reply.notice for s, a in attachments.items()},
        attachments=attachments,
        key=build_key_scene(world),
    )
