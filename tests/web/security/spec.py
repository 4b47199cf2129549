"""The words the rules are written in (rules.py, rules_apps.py): a ``Rule`` and the roles each
``who`` grants, on the objects of their own unit or region ("own": unit A, region X) and on
those of others ("other": unit B, region Y):

    public     everybody, the anonymous public included
    anonymous  only somebody not signed in (the log-in page)
    member     everybody signed in
    admin      the administrator
    reviewer   a finance reviewer (any region) and the administrator
    sees       whoever may see the unit: its preparer and head, its region's reviewer, admin
    prepare    the unit's preparer only
    head       the unit's head only
    review     the unit's region's reviewer, and the administrator
    own_batch  only the reviewer who uploaded the batch
    published  everybody, for a published report; nobody for one that is not
    a_preparer any unit's preparer (a page that works on the preparer's own unit)
    nobody     no one (an address that does not exist, a step that is never allowed)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.web.security.conftest import Scene

Kwargs = Callable[[Scene, str], dict[str, Any]]
Effect = Callable[[Scene, str], Any]


@dataclass(frozen=True)
class Rule:
    who: str | Callable[[dict[str, Any]], str]
    method: str = "GET"
    kwargs: Kwargs | None = None
    variants: tuple[dict[str, Any], ...] = ({},)
    body: Callable[[Scene, str, dict[str, Any]], Any] | None = None
    effect: Effect | None = None  # granted ⇔ the effect's value changed
    prepare: Callable[[Scene, str, dict[str, Any]], None] | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def who_for(self, variant: dict[str, Any]) -> str:
        return self.who(variant) if callable(self.who) else self.who


def granted(who: str, role: str, scope: str) -> bool:
    """The specification: may ``role`` do this to an object of ``scope``?"""
    own = scope == "own"
    return {
        "public": True,
        "anonymous": role == "anonymous",
        "member": role != "anonymous",
        "admin": role == "admin",
        "reviewer": role in ("reviewer X", "admin"),
        "sees": role == "admin" or (own and role != "anonymous"),
        "prepare": own and role == "preparer A",
        "head": own and role == "head A",
        "review": role == "admin" or (own and role == "reviewer X"),
        "own_batch": own and role == "reviewer X",
        "published": own,
        "a_preparer": role == "preparer A",  # any unit's preparer, for their own unit
        "nobody": False,
    }[who]


# Who takes each workflow step (the workflow, independent of the code's table): for
# reports, and for target tables and their self-evaluations, which are never published.
STEP_WHO = {
    "submit": "prepare",
    "resubmit": "prepare",
    "approve": "head",
    "send_back": "head",
    "return": "review",
    "accept": "review",
    "publish": "review",
}
