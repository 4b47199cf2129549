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

The outside evaluators of the key-project evaluations (an expert, a third-party agency and
its staff member, assigned to unit A's project: rules_key.py) see no unit: none of the words
above grants them more than "member" does. For the key projects:

    key_plan     a plan: the bureau (reviewer, admin); unit A's people and A's evaluators the
                 issued plan holding A's project ("own"), nobody else the draft plan ("other")
    key_sees     a key project: its region's reviewer, the admin, its unit's people (the plan
                 is issued) and the evaluators assigned to it
    key_papers   working papers: the project's region's reviewer, the admin, its evaluators
    sheet_expert the expert's own score sheet: that expert only
    sheet_agency the agency's score sheet: the agency's account and its staff on the team
    agency_own   what only the agency's own account does (submit its sheet, staff the team)
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


UNIT_AND_BUREAU = ("preparer A", "head A", "reviewer X", "admin")
EVALUATORS = ("expert", "agency", "agency staff")


def granted(who: str, role: str, scope: str) -> bool:
    """The specification: may ``role`` do this to an object of ``scope``?"""
    own = scope == "own"
    evaluator = own and role in EVALUATORS
    return {
        "public": True,
        "anonymous": role == "anonymous",
        "member": role != "anonymous",
        "admin": role == "admin",
        "reviewer": role in ("reviewer X", "admin"),
        "sees": role == "admin" or (own and role in UNIT_AND_BUREAU),
        "prepare": own and role == "preparer A",
        "head": own and role == "head A",
        "review": role == "admin" or (own and role == "reviewer X"),
        "own_batch": own and role == "reviewer X",
        "published": own,
        "a_preparer": role == "preparer A",  # any unit's preparer, for their own unit
        "nobody": False,
        "key_plan": role in ("reviewer X", "admin") or (own and role != "anonymous"),
        "key_sees": role == "admin" or (own and role != "anonymous"),
        "key_papers": role == "admin" or (own and role == "reviewer X") or evaluator,
        "sheet_expert": own and role == "expert",
        "sheet_agency": own and role in ("agency", "agency staff"),
        "agency_own": own and role == "agency",
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
    "withdraw": "review",
    # The 主管部门 steps: the scene's unit A has no department, so nobody takes them there
    # (tests/web/reviews/test_department.py covers the department's own permissions).
    "approve_dept": "nobody",
    "dept_pass": "nobody",
    "dept_return": "nobody",
}
