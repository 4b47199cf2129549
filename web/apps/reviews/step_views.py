"""The two workflow views that target tables, self-evaluations and rectification notices share:
a step taken with a button, and a step that asks for a comment first (return, send back).

Each app passes ``move``, its own transition service with the subject and the acting user
already bound (``functools.partial``), so that permissions, locking and events stay in the
service; these views only turn its answer into a message and the next page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from apps.bounded import bounded_int
from apps.errors import ServiceError

Move = Callable[..., Any]


def _lock(text: str | None) -> int | None:
    return bounded_int(text, low=0)


def take_step(
    request: HttpRequest, *, move: Move, steps: Mapping[str, Any], action: str, back: str, pk: int
) -> HttpResponse:
    """A button's step (POST): done, or the service's reason shown; back to ``back``."""
    try:
        event = move(
            action=action,
            comment=request.POST.get("comment", "")[:5000],
            lock_version=_lock(request.POST.get("lock_version")),
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已{steps[action].label}：{event.get_to_state_display()}")
    return redirect(back, pk=pk)


def comment_step(
    request: HttpRequest,
    *,
    subject: Any,
    move: Move,
    steps: Mapping[str, Any],
    action: str,
    back: str,
    pk: int,
    form_class: type[forms.Form],
    issues: Sequence[Any] = (),
) -> HttpResponse:
    """The page of a step that needs a comment; a refused or empty comment keeps the text."""
    transition = steps.get(action)
    if transition is None or not transition.needs_comment:
        return redirect(back, pk=pk)
    form = form_class(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            move(action=action, comment=form.cleaned_data["comment"])
        except ServiceError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(request, f"已{transition.label}")
            return redirect(back, pk=pk)
    elif request.method == "POST":
        status = 400
    context = {
        "subject": subject,
        "form": form,
        "transition": transition,
        "back": back,
        "issues": issues,
    }
    return render(request, "targets/comment.html", context, status=status)
