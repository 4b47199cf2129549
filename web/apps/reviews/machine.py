"""The workflow machine: one way to move any object through its states.

A unit's report, its target tables, their year-end self-evaluations and a rectification notice
all move the same way: a named transition is looked up, the object's row is locked, the state,
the person and the comment are checked, the optimistic lock version is compared, a version is
snapshotted when the transition says so, the state moves, and the caller's ``record`` writes
the event row, all in one transaction. What differs is data: the model, the transitions, the
state labels, the noun the messages use, and how a snapshot is taken.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import models, transaction
from django.db.models import F

from apps.errors import Conflict, IllegalTransition, InvalidInput, NotAllowed

M = TypeVar("M", bound=models.Model)
E = TypeVar("E")

_generation = itertools.count(1)
_current = [0]


def steps_taken() -> int:
    """How many workflow steps this process has seen taken (any object): the 待办/已办 counts
    in the header are remembered under it (apps.reviews.context)."""
    return _current[0]


def _step_taken() -> None:
    _current[0] = next(_generation)


@dataclass(frozen=True, slots=True)
class Transition:
    action: str
    label: str  # the button, a verb
    sources: tuple[str, ...]
    target: str
    who: str  # for the refusal message
    allowed: Callable[[Any, Any], bool]
    needs_comment: bool = False
    snapshots: bool = False  # writes a new version of the data
    # Where the step goes when that depends on the object (None: always ``target``).
    route: Callable[[Any], str] | None = None
    gated: bool = False  # with open errors, only with a written reason (the comment)
    confirmed: bool = False  # only when the person confirmed it (a confirmation page)
    prompt: str = ""  # what to write when the comment is missing (else the workflow's prompt)

    def target_for(self, subject: Any) -> str:
        return self.route(subject) if self.route is not None else self.target


@dataclass(frozen=True, slots=True)
class Move(Generic[M]):
    """One step taken: the locked object (already in its new state) and what it was before."""

    subject: M
    transition: Transition
    from_state: str
    version: Any  # what ``snapshot`` returned, None when the step takes no snapshot
    comment: str
    to_state: str  # where it went (``transition.target`` unless the transition routes)
    open_errors: int = 0  # the errors open when a gated step passed them (with its reason)


@dataclass(frozen=True)
class Workflow(Generic[M]):
    noun: str  # "报告", "绩效目标表": the refusal messages name the object
    model: type[M]
    transitions: Mapping[str, Transition]
    labels: Mapping[str, str]  # state → its Chinese label
    related: tuple[str, ...] = ("unit",)  # loaded with the locked row for the permission check
    ready: Callable[[M], None] | None = None  # raises when a snapshot cannot be taken yet
    snapshot: Callable[[M, Any], Any] | None = None  # writes a version, sets fields on M
    snapshot_fields: tuple[str, ...] = ()  # the fields ``snapshot`` sets, saved with the state
    comment_prompt: str = "请填写退回意见，说明需要修改的地方"
    open_errors: Callable[[M], int] | None = None  # the errors a gated step needs a reason for

    def available(self, user: Any, subject: M) -> list[Transition]:
        """The actions this user may take on this object now, in workflow order."""
        state = subject.state  # type: ignore[attr-defined]  (every workflow model has one)
        return [
            t for t in self.transitions.values() if state in t.sources and t.allowed(user, subject)
        ]

    def transition(self, action: str) -> Transition:
        found = self.transitions.get(action)
        if found is None:
            raise IllegalTransition(f"没有“{action}”这个操作")
        return found

    def errors_of(self, transition: Transition, subject: M) -> int:
        """The open errors a gated step would pass (0 when the step is not gated)."""
        if not transition.gated or self.open_errors is None:
            return 0
        return self.open_errors(subject)

    def check(
        self,
        transition: Transition,
        subject: M,
        by: Any,
        *,
        commented: bool,
        confirmed: bool = True,
    ) -> None:
        state = str(subject.state)  # type: ignore[attr-defined]
        if state not in transition.sources:
            label = self.labels.get(state, state)
            raise IllegalTransition(f"{self.noun}当前状态为“{label}”，不能“{transition.label}”")
        if not transition.allowed(by, subject):
            raise NotAllowed(f"只有{transition.who}可以“{transition.label}”")
        if transition.needs_comment and not commented:
            raise InvalidInput(transition.prompt or self.comment_prompt)
        errors = self.errors_of(transition, subject)
        if errors and not commented:
            raise InvalidInput(
                f"{self.noun}还有 {errors} 条错误未更正：“{transition.label}”须写明理由"
                "（为何在错误未更正时通过），理由将记入流程记录并显示在评分旁"
            )
        if transition.confirmed and not confirmed:
            raise InvalidInput(f"请在确认页面核对后再“{transition.label}”")
        if transition.snapshots and self.ready is not None:
            self.ready(subject)

    def take(
        self,
        *,
        subject: M,
        action: str,
        by: Any,
        record: Callable[[Move[M]], E],
        comment: str = "",
        commented: bool = False,
        lock_version: int | None = None,
        confirmed: bool = False,
    ) -> E:
        """Take one step; IllegalTransition, NotAllowed, Conflict or InvalidInput when it cannot
        be taken, with nothing written. ``commented``: the caller has comments beside ``comment``;
        ``confirmed``: the person confirmed the step (needed where the transition says so).
        ``record`` runs in the same transaction and writes the event row (and anything else the
        step means); what it returns is returned."""
        transition = self.transition(action)
        comment = comment.strip()
        with transaction.atomic():
            rows = self.model._default_manager.select_for_update()
            locked = rows.select_related(*self.related).get(pk=subject.pk)
            commented = commented or bool(comment)
            self.check(transition, locked, by, commented=commented, confirmed=confirmed)
            current = locked.lock_version  # type: ignore[attr-defined]
            if lock_version is not None and current != lock_version:
                raise Conflict(f"{self.noun}在您查看期间已被他人修改，请刷新页面后再操作")
            version = None
            if transition.snapshots and self.snapshot is not None:
                version = self.snapshot(locked, by)
            from_state = str(locked.state)  # type: ignore[attr-defined]
            errors = self.errors_of(transition, locked)
            target = transition.target_for(locked)
            locked.state = target  # type: ignore[attr-defined]
            locked.lock_version = F("lock_version") + 1  # type: ignore[attr-defined]
            locked.save(update_fields=["state", "lock_version", *self.snapshot_fields])
            locked.refresh_from_db(fields=["lock_version"])
            move = Move(locked, transition, from_state, version, comment, target, errors)
            result = record(move)
            transaction.on_commit(_step_taken)  # an outer transaction commits later
        _step_taken()
        subject.refresh_from_db()
        return result
