"""People and their roles: a preparer or head belongs to one unit, a reviewer to one region."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q


class Role(models.TextChoices):
    PREPARER = "preparer", "单位填报人"
    HEAD = "head", "单位负责人"
    # The department in charge (主管部门) of subordinate units: belongs to the department's own
    # unit and pre-reviews (初审) its subordinates' reports before they reach the bureau.
    DEPARTMENT = "department", "主管部门审核人"
    REVIEWER = "reviewer", "财政审核人"
    ADMIN = "admin", "系统管理员"
    # Outside evaluators of the bureau's key-project evaluations (apps.evaluations): they
    # belong to no unit and no region and see only the projects assigned to them.
    EXPERT = "expert", "评审专家"
    AGENCY = "agency", "第三方机构"
    AGENCY_STAFF = "agency_staff", "第三方机构人员"


UNIT_ROLES = (Role.PREPARER, Role.HEAD)
# Roles whose scope is one unit: the unit's own people, and the department's pre-reviewer.
SCOPED_TO_UNIT = (*UNIT_ROLES, Role.DEPARTMENT)
EVALUATOR_ROLES = (Role.EXPERT, Role.AGENCY, Role.AGENCY_STAFF)


class JixiaoUserManager(UserManager["User"]):
    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra)


class User(AbstractUser):
    role = models.CharField("角色", max_length=16, choices=Role.choices)
    full_name = models.CharField("姓名", max_length=64, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    region = models.ForeignKey(
        "units.Region",
        verbose_name="负责区域",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewers",
    )

    objects: ClassVar[JixiaoUserManager] = JixiaoUserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        constraints = (
            # A role without its unit or region would see everything or nothing by accident.
            models.CheckConstraint(
                condition=Q(role=Role.ADMIN)
                | Q(role=Role.REVIEWER, region__isnull=False, unit__isnull=True)
                | Q(role__in=SCOPED_TO_UNIT, unit__isnull=False, region__isnull=True)
                | Q(role__in=EVALUATOR_ROLES, unit__isnull=True, region__isnull=True),
                name="user_role_has_its_scope",
            ),
        )

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role in Role.values else ""
