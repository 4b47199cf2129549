"""The work list (home page, 待办), the work done (已办) and the workflow steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.policy import as_member
from apps.bounded import bounded_int
from apps.campaigns.selectors import campaign_list
from apps.errors import ServiceError
from apps.evaluations.selectors import waiting as key_projects_waiting
from apps.rectification.selectors import notices_waiting
from apps.reviews.forms import COMMENT_LABELS, CommentForm, GateForm
from apps.reviews.selectors import done_list, worklist
from apps.reviews.services import submission_transition
from apps.reviews.workflow import TRANSITIONS
from apps.submissions.selectors import submission_get
from apps.targets.selectors import evaluations_waiting, tables_waiting


def home_view(request: HttpRequest) -> HttpResponse:
    if as_member(request.user) is None:
        return redirect("publications:index")
    context = {
        "waiting": worklist(user=request.user),
        "tables": tables_waiting(user=request.user),
        "evaluations": evaluations_waiting(user=request.user),
        "notices": notices_waiting(user=request.user),
        "key_waiting": key_projects_waiting(user=request.user),
        "campaigns": campaign_list(user=request.user)[:10],
    }
    return render(request, "reviews/home.html", context)


@login_required
def work_view(request: HttpRequest) -> HttpResponse:
    """已办: the reports this user took a step on, with that step."""
    return render(request, "reviews/done.html", {"done": done_list(user=request.user)})


@login_required
@require_POST
def transition_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """A step without a form of its own (submit, approve, resubmit, accept without errors).
    Never publishes: publishing is confirmed on its own page (``gate_view``)."""
    submission = submission_get(user=request.user, pk=pk)
    member = as_member(request.user)
    assert member is not None
    lock = request.POST.get("lock_version", "")
    try:
        event = submission_transition(
            submission=submission,
            action=action,
            by=member,
            comment=request.POST.get("comment", "")[:5000],
            lock_version=bounded_int(lock, low=0),
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已{TRANSITIONS[action].label}：{event.get_to_state_display()}")
    return redirect("submissions:detail", pk=pk)


@login_required
def gate_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Accept or publish on a page that shows the open errors and asks for the reason to pass
    them; publishing is confirmed here."""
    submission = submission_get(user=request.user, pk=pk)
    transition = TRANSITIONS.get(action)
    if transition is None or not (transition.gated or transition.confirmed):
        return redirect("submissions:detail", pk=pk)
    errors = [f for f in submission.findings if f.get("severity") == "error"]
    posted = request.POST if request.method == "POST" else None
    form = GateForm(posted, reason_required=bool(errors))
    status = 200
    if request.method == "POST" and form.is_valid():
        member = as_member(request.user)
        assert member is not None
        try:
            event = submission_transition(
                submission=submission,
                action=action,
                by=member,
                comment=form.cleaned_data["reason"],
                lock_version=form.cleaned_data["lock_version"],
                confirmed=True,
            )
        except ServiceError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(request, f"已{transition.label}：{event.get_to_state_display()}")
            return redirect("submissions:detail", pk=pk)
    elif request.method == "POST":
        status = 400
    context = {"s": submission, "form": form, "transition": transition, "errors": errors}
    return render(request, "reviews/gate.html", context, status=status)


@login_required
def comment_transition_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Return (reviewer) or send back (head): a page with comments on findings and fields."""
    submission = submission_get(user=request.user, pk=pk)
    transition = TRANSITIONS.get(action)
    if transition is None or not transition.needs_comment:
        return redirect("submissions:detail", pk=pk)
    with_details = action in ("return", "dept_return")
    form = CommentForm(
        request.POST or None, findings=submission.findings, with_details=with_details
    )
    form.fields["comment"].label = COMMENT_LABELS.get(action, form.fields["comment"].label)
    status = 200
    if request.method == "POST" and form.is_valid():
        member = as_member(request.user)
        assert member is not None
        try:
            submission_transition(
                submission=submission,
                action=action,
                by=member,
                comment=form.cleaned_data.get("comment") or "",
                comments=form.comment_inputs(),
            )
        except ServiceError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(request, f"已{transition.label}")
            return redirect("submissions:detail", pk=pk)
    elif request.method == "POST":
        status = 400
    context = {"s": submission, "form": form, "transition": transition}
    return render(request, "reviews/comment_form.html", context, status=status)
