"""Who may do what on the pages of the targets, monitoring and rectification apps, written as
the specification (the words of ``who`` are explained in spec.py), merged into PAGE_RULES.

What the issue asks of them, in short: a unit's target tables, self-evaluations, monitoring
records and rectification notices are seen by whoever sees the unit and written by its
preparer only; the workflow steps are the reports' (never publishing); the bureau (any
reviewer) sets and closes the checkpoints, which belong to no region, and sees the lights of
its own region only; a notice is issued, closed and reopened by the unit's region's reviewer.
A refused write must leave the rows as they were (each POST rule names what it watches).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.monitoring.models import Checkpoint, MonitoringRecord
from apps.rectification.models import Notice
from apps.rectification.services import STEPS as NOTICE_STEPS
from apps.reviews.workflow import TRANSITIONS, UNIT_TRANSITIONS
from apps.submissions.models import State, Submission
from apps.targets.models import TargetEvaluation, TargetTable
from jixiao.targets.library import load_library
from jixiao.targets.model import TableKind
from tests.web.security.conftest import Scene
from tests.web.security.spec import STEP_WHO, Rule

Form = dict[str, Any]

# Every step of the reports' workflow, publishing included: a target table or a
# self-evaluation is never published nor pre-reviewed by a department, so the steps beyond
# the plain unit path ("publish", "withdraw", the 主管部门 steps) are refused to everybody.
STEPS = tuple({"action": action} for action in TRANSITIONS)
COMMENT_STEPS = ({"action": "return"}, {"action": "send_back"})


def _step(variant: dict[str, Any]) -> str:
    action = variant["action"]
    return STEP_WHO[action] if action in UNIT_TRANSITIONS else "nobody"


def _management(prefix: str, total: int = 0) -> Form:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


# -- target tables -------------------------------------------------------------------------
def _table(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.tables[scope].pk}


def _draft(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.drafts[scope].pk}


def draft_state(scene: Scene, scope: str) -> Any:
    rows = TargetTable.objects.filter(pk=scene.drafts[scope].pk)
    return rows.values_list("state", "lock_version", "goal").get(), rows.get().indicators.count()


def _draft_source(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    source = TRANSITIONS[variant["action"]].sources[0]
    TargetTable.objects.filter(pk=scene.drafts[scope].pk).update(state=source)


def _table_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    table = TargetTable.objects.get(pk=scene.drafts[scope].pk)
    form = {"lock_version": str(table.lock_version), "goal": "改写后的年度总体目标"}
    return form | _management("lines") | _management("rows")


def _library_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    table = scene.drafts[scope]
    present = set(table.indicators.values_list("level3", flat=True))
    entries = load_library().entries(TableKind(table.kind), table.unit.kind)
    return {"entries": [next(e.id for e in entries if e.level3 not in present)]}


def _lint_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    row = {"level1": "产出指标", "level2": "数量指标", "level3": "培训人次", "value": "100"}
    return {"goal": "目标", **_management("rows", 1), **{f"rows-0-{k}": v for k, v in row.items()}}


# -- self-evaluations ----------------------------------------------------------------------
def _evaluation(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.evaluations[scope].pk}


def evaluations_of(scene: Scene, scope: str) -> int:
    return TargetEvaluation.objects.filter(table=scene.tables[scope]).count()


def evaluation_state(scene: Scene, scope: str) -> Any:
    rows = TargetEvaluation.objects.filter(pk=scene.evaluations[scope].pk)
    return rows.values_list("state", "lock_version", "executed", "goal_result").get()


def _no_evaluation(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    """An approved table not yet evaluated (the scene's evaluation is a fresh draft)."""
    TargetEvaluation.objects.filter(pk=scene.evaluations[scope].pk).delete()


def _evaluation_source(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    source = TRANSITIONS[variant["action"]].sources[0]
    TargetEvaluation.objects.filter(pk=scene.evaluations[scope].pk).update(state=source)


def _evaluation_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    evaluation = TargetEvaluation.objects.get(pk=scene.evaluations[scope].pk)
    head = {"lock_version": str(evaluation.lock_version), "budget": "600", "executed": "580"}
    return head | {"goal_result": "全部完成"} | _management("rows")


# -- monitoring ----------------------------------------------------------------------------
def _checkpoint(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.checkpoint.pk}  # the bureau's, of no region: the same for both


def _record(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.checkpoint.pk, "unit_id": scene.unit_id(scope)}


def checkpoint_closed(scene: Scene, scope: str) -> bool:
    return Checkpoint.objects.get(pk=scene.checkpoint.pk).closed


def record_state(scene: Scene, scope: str) -> Any:
    rows = MonitoringRecord.objects.filter(pk=scene.records[scope].pk)
    return rows.values_list("lock_version", "executed", "light").get()


def _record_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    record = MonitoringRecord.objects.get(pk=scene.records[scope].pk)
    lines = list(scene.tables[scope].budget_lines.all())
    form = {"lock_version": str(record.lock_version), "submit": "1"}
    form |= _management("lines", len(lines)) | _management("rows")
    for index, line in enumerate(lines):
        form |= {f"lines-{index}-budget_line_id": str(line.pk), f"lines-{index}-executed": "350"}
    return form


# -- rectification -------------------------------------------------------------------------
def _notice(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.notices[scope].pk}


def _attachment(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.notices[scope].pk, "attachment_id": scene.attachments[scope].pk}


def _candidate(scene: Scene, scope: str) -> dict[str, Any]:
    return {"year": 2022, "key": f"report-{scene.submission(scope).pk}"}


def notices_of(scene: Scene, scope: str) -> int:
    return Notice.objects.filter(unit_id=scene.unit_id(scope)).count()


def notice_state(scene: Scene, scope: str) -> Any:
    notice = Notice.objects.get(pk=scene.notices[scope].pk)
    return notice.state, notice.lock_version, notice.replies.count(), notice.events.count()


def _graded_poor(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    """The unit's report delivered and graded 差: it calls for a rectification notice."""
    Submission.objects.filter(pk=scene.submission(scope).pk).update(
        state=State.ACCEPTED, score=Decimal("55.20"), grade="差"
    )


def _notice_sent(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    Notice.objects.filter(pk=scene.notices[scope].pk).update(state="sent")


def _notice_source(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    source = NOTICE_STEPS[variant["action"]].sources[0]
    Notice.objects.filter(pk=scene.notices[scope].pk).update(state=source)


def _issue_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"reasons": "评价等级为差", "requirements": "限期整改", "due_date": "2023-09-30"}


def _answer_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    notice = Notice.objects.get(pk=scene.notices[scope].pk)
    file = SimpleUploadedFile("补充材料.pdf", b"%PDF-1.4 more")
    return {"lock_version": str(notice.lock_version), "text": "补充整改情况", "files": file}


def _notice_step(variant: dict[str, Any]) -> str:
    # The unit answers on the answer page only (with its text); the step never takes it.
    return "nobody" if variant["action"] == "answer" else "review"


def _comment(text: str) -> Any:
    return lambda scene, scope, variant: {"comment": text}


APP_PAGE_RULES: dict[str, tuple[Rule, ...]] = {
    # -- target tables: a unit's, seen by whoever sees the unit, written by its preparer
    "targets:list": (Rule("member"),),
    "targets:create": (Rule("a_preparer"),),
    "targets:detail": (Rule("sees", kwargs=_table), Rule("sees", kwargs=_draft)),
    "targets:edit": (
        Rule("prepare", kwargs=_draft),
        Rule("prepare", method="POST", kwargs=_draft, body=_table_form, effect=draft_state),
        # an approved table is the unit's commitment: nobody edits it any more
        Rule("nobody", kwargs=_table),
    ),
    "targets:library": (
        Rule("prepare", kwargs=_draft),
        Rule("prepare", method="POST", kwargs=_draft, body=_library_form, effect=draft_state),
    ),
    # the live check reads the typed rows and writes nothing: whoever sees the table
    "targets:lint": (
        Rule("sees", kwargs=_draft),
        Rule("sees", method="POST", kwargs=_draft, body=_lint_form),
    ),
    "targets:transition": (
        Rule(
            _step,
            method="POST",
            kwargs=_draft,
            variants=STEPS,
            body=_comment("意见"),
            effect=draft_state,
            prepare=_draft_source,
        ),
    ),
    "targets:comment": (
        Rule("sees", kwargs=_draft, variants=({"action": "return"},)),
        Rule(
            _step,
            method="POST",
            kwargs=_draft,
            variants=COMMENT_STEPS,
            body=_comment("请修改指标值"),
            effect=draft_state,
            prepare=_draft_source,
        ),
    ),
    # -- self-evaluations of approved tables
    "targets:evaluation_start": (
        Rule(
            "prepare",
            method="POST",
            kwargs=_table,
            effect=evaluations_of,
            prepare=_no_evaluation,
        ),
    ),
    "targets:evaluation": (Rule("sees", kwargs=_evaluation),),
    "targets:evaluation_edit": (
        Rule("prepare", kwargs=_evaluation),
        Rule(
            "prepare",
            method="POST",
            kwargs=_evaluation,
            body=_evaluation_form,
            effect=evaluation_state,
        ),
    ),
    "targets:evaluation_transition": (
        Rule(
            _step,
            method="POST",
            kwargs=_evaluation,
            variants=STEPS,
            body=_comment("意见"),
            effect=evaluation_state,
            prepare=_evaluation_source,
        ),
    ),
    "targets:evaluation_comment": (
        Rule("sees", kwargs=_evaluation, variants=({"action": "return"},)),
        Rule(
            _step,
            method="POST",
            kwargs=_evaluation,
            variants=COMMENT_STEPS,
            body=_comment("请补充佐证"),
            effect=evaluation_state,
            prepare=_evaluation_source,
        ),
    ),
    # -- monitoring: the bureau's checkpoints, each unit's record at one
    "monitoring:list": (Rule("member"),),
    # checkpoints hold for the whole city: set and closed by the city bureau's administrator
    "monitoring:create": (Rule("admin"),),
    # the lights of every unit the reviewer may see (a unit's people are sent to their record)
    "monitoring:overview": (Rule("reviewer", kwargs=_checkpoint),),
    "monitoring:close": (
        Rule("admin", method="POST", kwargs=_checkpoint, effect=checkpoint_closed),
    ),
    "monitoring:record": (Rule("sees", kwargs=_record),),
    "monitoring:record_edit": (
        Rule("prepare", kwargs=_record),
        Rule("prepare", method="POST", kwargs=_record, body=_record_form, effect=record_state),
    ),
    # -- rectification: issued and closed by the region's reviewer, answered by the preparer
    "rectification:index": (Rule("member"),),
    "rectification:issue": (
        Rule("review", kwargs=_candidate, prepare=_graded_poor),
        Rule(
            "review",
            method="POST",
            kwargs=_candidate,
            body=_issue_form,
            effect=notices_of,
            prepare=_graded_poor,
        ),
    ),
    "rectification:notice": (Rule("sees", kwargs=_notice),),
    "rectification:answer": (
        Rule("prepare", kwargs=_notice, prepare=_notice_sent),
        Rule(
            "prepare",
            method="POST",
            kwargs=_notice,
            body=_answer_form,
            effect=notice_state,
            prepare=_notice_sent,
        ),
    ),
    "rectification:step": (
        Rule(
            _notice_step,
            method="POST",
            kwargs=_notice,
            variants=tuple({"action": action} for action in NOTICE_STEPS),
            body=_comment("缺少佐证材料"),
            effect=notice_state,
            prepare=_notice_source,
        ),
    ),
    "rectification:comment": (
        Rule("sees", kwargs=_notice, variants=({"action": "reopen"},)),
        Rule(
            "review",
            method="POST",
            kwargs=_notice,
            variants=({"action": "reopen"},),
            body=_comment("缺少佐证材料"),
            effect=notice_state,
            prepare=_notice_source,
        ),
    ),
    "rectification:attachment": (Rule("sees", kwargs=_attachment),),
    "rectification:budget_review": (Rule("reviewer", kwargs=lambda s, scope: {"year": 2022}),),
    "rectification:peers": (Rule("reviewer", kwargs=lambda s, scope: {"year": 2022}),),
    "rectification:unit_comparison": (
        Rule("sees", kwargs=lambda s, scope: {"unit_id": s.unit_id(scope)}),
    ),
}
