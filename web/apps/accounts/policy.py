"""Who may see and do what, in one place. Views, selectors and services all ask here.

Anonymous visitors are the public: they see only published data (the publications app).
A preparer or head sees their own unit, a department's pre-reviewer (主管部门审核人) its own
unit and the units under it, a reviewer the units of their region, an administrator
everything. Outside evaluators (an expert, a third-party agency and its staff)
see no unit at all, only the key projects assigned to them (the last part of this module).
Functions take any user object Django hands out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from apps.accounts.models import EVALUATOR_ROLES, Role, User


def as_member(user: Any) -> User | None:
    """The signed-in jixiao user, or None for the public."""
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def is_admin(user: Any) -> bool:
    member = as_member(user)
    return member is not None and member.role == Role.ADMIN


def is_reviewer(user: Any) -> bool:
    member = as_member(user)
    return member is not None and member.role in (Role.REVIEWER, Role.ADMIN)


def is_department(user: Any) -> bool:
    """A department's pre-reviewer (主管部门审核人)."""
    member = as_member(user)
    return member is not None and member.role == Role.DEPARTMENT


def sees_overview(user: Any) -> bool:
    """The campaign overview of many units: the bureau, and a department for its units."""
    return is_reviewer(user) or is_department(user)


def units_q(user: Any, *, prefix: str = "") -> Q:
    """A filter on units (``prefix`` leads to the unit: "unit__") that this user may see."""
    member = as_member(user)
    if member is None:
        return Q(pk__in=[])
    if member.role == Role.ADMIN:
        return Q()
    if member.role == Role.REVIEWER:
        return Q(**{f"{prefix}region_id": member.region_id})
    if member.role in EVALUATOR_ROLES:
        # No unit: only the key projects assigned to them. (An empty pk__in would make some
        # queries impossible to print as SQL, which the page memo does: a pk is never null.)
        return Q(pk__isnull=True)
    field = f"{prefix}id" if prefix else "pk"
    own = Q(**{field: member.unit_id})
    if member.role == Role.DEPARTMENT:
        return own | Q(**{f"{prefix}department_id": member.unit_id})
    return own


def can_see_unit(user: Any, unit_id: int, region_id: int, department_id: int | None = None) -> bool:
    member = as_member(user)
    if member is None:
        return False
    if member.role == Role.ADMIN:
        return True
    if member.role == Role.REVIEWER:
        return member.region_id == region_id
    if member.role == Role.DEPARTMENT and department_id is not None:
        return member.unit_id in (unit_id, department_id)
    return member.unit_id == unit_id


def can_prepare(user: Any, unit_id: int) -> bool:
    """Upload, edit and submit a unit's report: its preparer only."""
    member = as_member(user)
    return member is not None and member.role == Role.PREPARER and member.unit_id == unit_id


def can_approve(user: Any, unit_id: int) -> bool:
    """Approve a unit's report before it goes to the finance bureau: its head only."""
    member = as_member(user)
    return member is not None and member.role == Role.HEAD and member.unit_id == unit_id


def can_pre_review(user: Any, department_id: int | None) -> bool:
    """Pre-review (初审) a subordinate unit's report: the pre-reviewer of its department."""
    member = as_member(user)
    return (
        department_id is not None
        and member is not None
        and member.role == Role.DEPARTMENT
        and member.unit_id == department_id
    )


def can_review(user: Any, region_id: int) -> bool:
    """Return, accept and publish: a reviewer of the unit's region, or an administrator."""
    member = as_member(user)
    if member is None:
        return False
    if member.role == Role.ADMIN:
        return True
    return member.role == Role.REVIEWER and member.region_id == region_id


# -- the bureau's key-project evaluations (apps.evaluations) ---------------------------------
# Objects are read by attribute: an assignment has user_id, agency_id, submitted and
# member_ids (the agency's staff on it); a project has unit_id and unit.region_id.


def is_evaluator(user: Any) -> bool:
    """An outside evaluator: an expert, an agency or an agency's staff member."""
    member = as_member(user)
    return member is not None and member.role in EVALUATOR_ROLES


def can_plan(user: Any) -> bool:
    """The year's plan covers the whole city: the city bureau's administrator draws it up."""
    return is_admin(user)


def can_manage_pool(user: Any) -> bool:
    """The expert pool and the registry of agencies: the administrator."""
    return is_admin(user)


def can_organize(user: Any, region_id: int) -> bool:
    """Assign evaluators, request documents, hold the panel's discussion, issue the report:
    the reviewer of the evaluated unit's region, or the administrator."""
    return can_review(user, region_id)


def agency_of(user: Any) -> int | None:
    """The agency an agency account or staff member works for."""
    member = as_member(user)
    if member is None or member.role not in (Role.AGENCY, Role.AGENCY_STAFF):
        return None
    membership = getattr(member, "agency_membership", None)
    return membership.agency_id if membership is not None else None


def key_projects_q(user: Any) -> Q:
    """A filter on key projects this user may see (it joins the assignments: use distinct).

    The region's reviewer and the administrator see their projects; a unit's people see
    theirs once the plan is published; an evaluator sees only what is assigned to it (an
    agency's staff only what the agency put them on)."""
    member = as_member(user)
    if member is None:
        return Q(pk__in=[])
    if member.role == Role.ADMIN:
        return Q()
    if member.role == Role.REVIEWER:
        return Q(unit__region_id=member.region_id) | Q(assignments__user=member)
    if member.role in (Role.PREPARER, Role.HEAD):
        return Q(unit_id=member.unit_id, plan__state="published")
    if member.role == Role.EXPERT:
        return Q(assignments__user=member)
    if member.role == Role.AGENCY:
        agency = agency_of(member)
        return Q(assignments__agency_id=agency) if agency is not None else Q(pk__in=[])
    if member.role == Role.AGENCY_STAFF:
        return Q(assignments__members__user=member)
    return Q(pk__in=[])


def works_on(user: Any, assignment: Any) -> bool:
    """Whether the user scores on this assignment's sheet (and keeps its working papers):
    the expert or internal reviewer named; for an agency, its account and the staff it
    put on the assignment."""
    member = as_member(user)
    if member is None:
        return False
    if assignment.agency_id is None:
        return assignment.user_id == member.pk
    if member.role == Role.AGENCY:
        return agency_of(member) == assignment.agency_id
    if member.role == Role.AGENCY_STAFF:
        return member.pk in assignment.member_ids and agency_of(member) == assignment.agency_id
    return False


def can_submit_sheet(user: Any, assignment: Any) -> bool:
    """Submitting a sheet: its expert or internal reviewer; for an agency, the agency's own
    account (its staff fill the sheet in, the agency signs it)."""
    member = as_member(user)
    if member is None or member.role == Role.AGENCY_STAFF:
        return False
    return works_on(member, assignment)


def can_staff(user: Any, assignment: Any) -> bool:
    """Putting the agency's staff on one of its assignments: the agency's account."""
    member = as_member(user)
    return (
        member is not None
        and member.role == Role.AGENCY
        and assignment.agency_id is not None
        and agency_of(member) == assignment.agency_id
    )


def evaluates(user: Any, assignments: Iterable[Any]) -> bool:
    return any(works_on(user, a) for a in assignments)


def can_see_sheet(
    user: Any, sheet: Any, assignments: Iterable[Any], project: Any, *, issued: bool = False
) -> bool:
    """An evaluator sees its own sheet, and the others' submitted sheets only once its own
    is submitted; the organizer sees the submitted sheets; the unit sees them once the draft
    report (which holds them) is issued to it; nobody sees another's draft."""
    if works_on(user, sheet):
        return True
    if not sheet.submitted:
        return False
    own = [a for a in assignments if works_on(user, a)]
    if own:
        return all(a.submitted for a in own)
    if can_organize(user, project.unit.region_id):
        return True
    unit = project.unit
    return issued and can_see_unit(user, unit.id, unit.region_id, unit.department_id)


def can_read_report(user: Any, project: Any, *, issued: bool) -> bool:
    """The evaluation report of a project the user sees: once issued as the draft (the unit
    responds to it), and before that as a preview for the organizer only."""
    return issued or can_organize(user, project.unit.region_id)


def can_keep_papers(user: Any, region_id: int, assignments: Iterable[Any]) -> bool:
    """Request documents, record site visits and surveys: the organizer and the evaluators."""
    return can_organize(user, region_id) or evaluates(user, assignments)


def can_answer_for_unit(user: Any, unit_id: int) -> bool:
    """Upload the requested documents and write the unit's response: its preparer."""
    return can_prepare(user, unit_id)


def can_declare_conflict(user: Any, expert_user_id: int) -> bool:
    """A conflict of interest is declared by the expert, or recorded by the administrator."""
    member = as_member(user)
    return member is not None and (member.role == Role.ADMIN or member.pk == expert_user_id)
