"""Who may do what: the rule of every page and every API operation, written as the
specification (not read from the code), for the matrix in test_matrix.py. The words a rule's
``who`` may say are explained in spec.py; the rules of the targets, monitoring and
rectification pages are in rules_apps.py.

A page without a rule here makes test_matrix fail: every new page states who may use it.
"""

from __future__ import annotations

from typing import Any

from apps.reviews.workflow import TRANSITIONS
from apps.submissions.models import Document, Submission
from tests.web.security.conftest import Scene
from tests.web.security.rules_apps import APP_PAGE_RULES
from tests.web.security.rules_key import KEY_API_RULES, KEY_PAGE_RULES
from tests.web.security.spec import STEP_WHO, Rule, granted

__all__ = ["API_RULES", "NAMESPACE_RULES", "PAGE_RULES", "PENDING", "Rule", "granted"]

STEPS = tuple({"action": action} for action in TRANSITIONS)


def _campaign(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.world.campaign.pk}


def _submission(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.submission(scope).pk}


def _document(scene: Scene, scope: str) -> dict[str, Any]:
    submission = scene.submission(scope)
    return {"pk": submission.pk, "document_id": submission.document_id}


def _version(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.submission(scope).pk, "number": 1}


def _render(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.submission(scope).pk, "fmt": "xlsx"}


def _batch(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.batch(scope).pk}


def _publication(scene: Scene, scope: str) -> dict[str, Any]:
    # "other": a report that is not published (unit B's), by the id it would have
    return {"pk": scene.publication.pk if scope == "own" else scene.publication.pk + 1000}


def _public_unit(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": (scene.world.a2 if scope == "own" else scene.world.b).pk}


def state_of(scene: Scene, scope: str) -> Any:
    submission = scene.submission(scope)
    return Submission.objects.values_list("state", "lock_version").get(pk=submission.pk)


def documents_of(scene: Scene, scope: str) -> int:
    return Document.objects.filter(submission=scene.submission(scope)).count()


def to_source_state(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    """Put the report in the state the step starts from."""
    source = TRANSITIONS[variant["action"]].sources[0]
    Submission.objects.filter(pk=scene.submission(scope).pk).update(state=source)


def _edit_form(scene: Scene, scope: str, variant: dict[str, Any]) -> dict[str, str]:
    submission = Submission.objects.get(pk=scene.submission(scope).pk)
    form = {"lock_version": str(submission.lock_version), "functional_basis": "unknown"}
    for prefix in ("functional", "indicators"):
        form |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return form


def _basic_form(scene: Scene, scope: str, variant: dict[str, Any]) -> dict[str, str]:
    submission = Submission.objects.get(pk=scene.submission(scope).pk)
    return {"lock_version": str(submission.lock_version), "authorized_staff": "40"}


def _report_file(scene: Scene, scope: str, variant: dict[str, Any]) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.web.conftest import report_for

    unit = scene.submission(scope).unit
    return {"file": SimpleUploadedFile("报告.txt", report_for(unit).encode())}


def _step(variant: dict[str, Any]) -> str:
    return STEP_WHO[variant["action"]]


def _button_step(variant: dict[str, Any]) -> str:
    """The step's button: publishing is taken only on its confirmation page."""
    return "nobody" if variant["action"] == "publish" else _step(variant)


PAGE_RULES: dict[str, tuple[Rule, ...]] = {
    "home": (Rule("member"),),  # the public is sent to the published reports
    "accounts:login": (Rule("anonymous"),),
    "accounts:logout": (Rule("public", method="POST"),),
    "accounts:password": (Rule("member"),),
    "accounts:password_done": (Rule("member"),),
    "units:list": (Rule("member"),),
    "units:import": (Rule("admin"),),
    "campaigns:list": (Rule("member"),),
    "campaigns:create": (Rule("admin"),),
    # the bureau's overview; a unit's people are sent on to their own report
    "campaigns:detail": (Rule("reviewer", kwargs=_campaign),),
    "campaigns:export": (Rule("reviewer", kwargs=_campaign),),
    "campaigns:summary": (
        Rule("reviewer", kwargs=lambda s, scope: {**_campaign(s, scope), "fmt": "docx"}),
    ),
    "campaigns:batch_upload": (Rule("reviewer", kwargs=_campaign),),
    "campaigns:batch": (Rule("own_batch", kwargs=_batch),),
    "submissions:detail": (Rule("sees", kwargs=_submission),),
    "submissions:edit": (
        Rule("prepare", kwargs=_submission),
        Rule("prepare", method="POST", kwargs=_submission, body=_edit_form, effect=state_of),
    ),
    # 基础数据: read by whoever sees the report, saved by its preparer only
    "submissions:basic_data": (
        Rule("sees", kwargs=_submission),
        Rule("prepare", method="POST", kwargs=_submission, body=_basic_form, effect=state_of),
    ),
    "submissions:upload": (
        Rule("prepare", method="POST", kwargs=_submission, body=_report_file, effect=documents_of),
    ),
    "submissions:status": (Rule("sees", kwargs=_submission),),
    "submissions:document": (Rule("sees", kwargs=_document),),
    "submissions:render": (Rule("sees", kwargs=_render),),
    "submissions:render_status": (Rule("sees", kwargs=_render),),
    "submissions:version": (Rule("sees", kwargs=_version),),
    "reviews:work": (Rule("member"),),
    "reviews:transition": (
        Rule(
            _button_step,
            method="POST",
            kwargs=_submission,
            variants=STEPS,
            body=lambda s, scope, v: {"comment": "意见"},
            effect=state_of,
            prepare=to_source_state,
        ),
    ),
    # The comment page of a return or send-back: shown to whoever sees the report (the
    # step itself is refused to others when posted, as the POST rule shows).
    "reviews:comment": (
        Rule("sees", kwargs=_submission, variants=({"action": "return"},)),
        Rule(
            _step,
            method="POST",
            kwargs=_submission,
            variants=({"action": "return"}, {"action": "send_back"}),
            body=lambda s, scope, v: {"comment": "请修改"},
            effect=state_of,
            prepare=to_source_state,
        ),
    ),
    # Accept or publish on the page that asks for the reason (and confirms publishing).
    "reviews:gate": (
        Rule("sees", kwargs=_submission, variants=({"action": "publish"},)),
        Rule(
            _step,
            method="POST",
            kwargs=_submission,
            variants=({"action": "accept"}, {"action": "publish"}),
            body=lambda s, scope, v: {"reason": "理由"},
            effect=state_of,
            prepare=to_source_state,
        ),
    ),
    "publications:index": (Rule("public"),),
    "publications:report": (Rule("published", kwargs=_publication),),
    "publications:report_json": (Rule("published", kwargs=_publication),),
    "publications:unit": (Rule("published", kwargs=_public_unit),),
    "publications:campaign_csv": (Rule("public", kwargs=_campaign),),
    "publications:campaign_json": (Rule("public", kwargs=_campaign),),
    "api:openapi-json": (Rule("public"),),
    "api:openapi-view": (Rule("public"),),
    "api-unknown": (Rule("nobody", kwargs=lambda s, scope: {"rest": "nothing/here"}),),
}

_SHARED = set(PAGE_RULES) & (set(APP_PAGE_RULES) | set(KEY_PAGE_RULES))
assert not _SHARED, f"页面规则重复：{sorted(_SHARED)}"
PAGE_RULES |= APP_PAGE_RULES | KEY_PAGE_RULES

# Pages whose rule is still owed by the app's authors (they need that app's objects in the
# scene), listed by name: any page added and not listed here fails test_every_page_has_a_rule.
PENDING: frozenset[str] = frozenset()

# Whole namespaces with one rule: the Django admin is the administrator's.
NAMESPACE_RULES: dict[str, str] = {"admin": "admin"}


def _api_submission(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.submission(scope).pk}


def _api_unit(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": (scene.world.a if scope == "own" else scene.world.b).pk}


API_RULES: dict[tuple[str, str], tuple[Rule, ...]] = {
    ("GET", "/api/me"): (Rule("member"),),
    ("GET", "/api/units"): (Rule("member"),),
    ("GET", "/api/units/{pk}"): (Rule("sees", kwargs=_api_unit),),
    ("POST", "/api/units"): (
        Rule(
            "admin",
            method="POST",
            body=lambda s, scope, v: {
                "code": "N01",
                "name": "新设单位",
                "kind": "institution",
                "region_id": s.world.x.pk,
            },
        ),
    ),
    ("GET", "/api/campaigns"): (Rule("member"),),
    ("GET", "/api/campaigns/{pk}"): (Rule("member", kwargs=_campaign),),
    ("GET", "/api/campaigns/{pk}/submissions"): (Rule("member", kwargs=_campaign),),
    ("GET", "/api/campaigns/{pk}/overview"): (Rule("reviewer", kwargs=_campaign),),
    ("POST", "/api/campaigns"): (
        Rule(
            "admin",
            method="POST",
            body=lambda s, scope, v: {
                "year": 2023,
                "notice_number": "甲财绩〔2024〕9号",
                "title": "2023年度",
                "deadline": "2024-05-31",
                "unit_ids": [s.world.a.pk],
            },
        ),
    ),
    ("PUT", "/api/campaigns/{pk}/units"): (
        Rule(
            "admin",
            method="PUT",
            kwargs=_campaign,
            body=lambda s, scope, v: {"unit_ids": [s.world.a.pk, s.world.a2.pk, s.world.b.pk]},
        ),
    ),
    ("GET", "/api/submissions"): (Rule("member"),),
    ("GET", "/api/submissions/{pk}"): (Rule("sees", kwargs=_api_submission),),
    ("GET", "/api/submissions/{pk}/data"): (Rule("sees", kwargs=_api_submission),),
    ("PUT", "/api/submissions/{pk}/data"): (
        Rule(
            "prepare",
            method="PUT",
            kwargs=_api_submission,
            body=lambda s, scope, v: {"spending": {"total": "10"}},
            headers={"If-Match": "*"},
            effect=state_of,
        ),
    ),
    ("GET", "/api/submissions/{pk}/basic-data"): (Rule("sees", kwargs=_api_submission),),
    ("PUT", "/api/submissions/{pk}/basic-data"): (
        Rule(
            "prepare",
            method="PUT",
            kwargs=_api_submission,
            body=lambda s, scope, v: {"basic": {"authorized_staff": "40"}},
            headers={"If-Match": "*"},
            effect=state_of,
        ),
    ),
    ("GET", "/api/submissions/{pk}/findings"): (Rule("sees", kwargs=_api_submission),),
    ("GET", "/api/submissions/{pk}/scorecard"): (Rule("sees", kwargs=_api_submission),),
    ("GET", "/api/submissions/{pk}/documents"): (Rule("sees", kwargs=_api_submission),),
    ("POST", "/api/submissions/{pk}/documents"): (
        Rule(
            "prepare",
            method="POST",
            kwargs=_api_submission,
            body=_report_file,
            effect=documents_of,
        ),
    ),
    ("GET", "/api/submissions/{pk}/documents/{document_id}"): (Rule("sees", kwargs=_document),),
    ("GET", "/api/submissions/{pk}/documents/{document_id}/file"): (
        Rule("sees", kwargs=_document),
    ),
    ("GET", "/api/submissions/{pk}/report/{fmt}"): (Rule("sees", kwargs=_render),),
    ("POST", "/api/submissions/{pk}/transitions"): (
        Rule(
            _step,
            method="POST",
            kwargs=_api_submission,
            variants=STEPS,
            body=lambda s, scope, v: {"action": v["action"], "comment": "意见"},
            effect=state_of,
            prepare=to_source_state,
        ),
    ),
    ("GET", "/api/submissions/{pk}/events"): (Rule("sees", kwargs=_api_submission),),
    ("GET", "/api/submissions/{pk}/versions"): (Rule("sees", kwargs=_api_submission),),
    ("GET", "/api/submissions/{pk}/versions/{number}"): (Rule("sees", kwargs=_version),),
    ("GET", "/api/submissions/{pk}/versions/{number}/changes"): (Rule("sees", kwargs=_version),),
    ("GET", "/api/public/reports"): (Rule("public"),),
    ("GET", "/api/public/reports/{pk}"): (Rule("published", kwargs=_publication),),
    ("GET", "/api/public/campaigns/{pk}"): (Rule("public", kwargs=_campaign),),
    ("GET", "/api/public/units/{pk}"): (Rule("published", kwargs=_public_unit),),
}
API_RULES |= KEY_API_RULES
