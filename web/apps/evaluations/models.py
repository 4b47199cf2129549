"""The finance bureau's own evaluations of key projects (财政重点绩效评价).

A ``Plan`` (重点评价计划) of a budget year lists ``KeyProject``s picked from the units'
approved project target tables, each with the reason it was picked. A project is scored on its
``Indicator``s (the framework's 决策/过程 indicators and its approved targets, copied when it
is planned) by its ``Assignment``s: an internal reviewer, an expert of the pool (``Expert``), or
a third-party agency (``Agency``, whose staff the agency puts on the assignment). Each keeps its
``Score``s on its own sheet, unseen by the others until it is submitted. A divergent indicator
gets a ``Discussion``: the panel's score and its reason. The working papers are the
``DocumentRequest``s to the unit (资料清单, with the unit's ``RequestFile``s), ``SiteVisit``s
and ``Survey``s. The unit's written response (``Feedback``) comes before the report is final.
Every step is an ``ProjectEvent``; every write is in the audit log.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models


def _user(label: str) -> models.ForeignKey[object, object]:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def _points(label: str, *, null: bool = True) -> models.DecimalField[object, object]:
    return models.DecimalField(label, max_digits=7, decimal_places=2, null=null, blank=null)


def _money(label: str) -> models.DecimalField[object, object]:
    return models.DecimalField(label, max_digits=20, decimal_places=6, null=True, blank=True)


# -- the pool of evaluators ----------------------------------------------------------------
class Expert(models.Model):
    """An expert of the pool (专家库): an account of role 评审专家 with its particulars."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="账号",
        on_delete=models.PROTECT,
        related_name="expert_profile",
    )
    field = models.CharField("专业领域", max_length=64)
    title = models.CharField("职称", max_length=32, blank=True)
    employer = models.CharField("工作单位", max_length=128)
    # When the employer is a budget unit of the registry: a conflict with it is refused.
    employer_unit = models.ForeignKey(
        "units.Unit",
        verbose_name="工作单位（预算单位）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        "units.Region",
        verbose_name="所在区域",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    active = models.BooleanField("在库", default=True)
    created_at = models.DateTimeField("入库时间", auto_now_add=True)

    class Meta:
        verbose_name = "评审专家"
        verbose_name_plural = "专家库"
        ordering = ("field", "user__full_name")

    def __str__(self) -> str:
        return str(self.user)


class Conflict(models.Model):
    """A conflict of interest an expert declared with a unit: never assigned to its projects."""

    expert = models.ForeignKey(
        Expert, verbose_name="专家", on_delete=models.PROTECT, related_name="conflicts"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="回避单位", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField("回避事由", max_length=200)
    declared_at = models.DateTimeField("申报时间", auto_now_add=True)
    declared_by = _user("申报人")

    class Meta:
        verbose_name = "利益冲突申报"
        verbose_name_plural = "利益冲突申报"
        ordering = ("declared_at", "id")
        constraints = (
            models.UniqueConstraint(fields=["expert", "unit"], name="one_conflict_per_unit"),
        )

    def __str__(self) -> str:
        return f"{self.expert}回避{self.unit}"


class Agency(models.Model):
    """A third-party agency (第三方机构): its accounts are its ``members``."""

    name = models.CharField("机构名称", max_length=128, unique=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact = models.CharField("联系人及电话", max_length=64, blank=True)
    active = models.BooleanField("在用", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "第三方机构"
        verbose_name_plural = "第三方机构"
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class AgencyMember(models.Model):
    """An account of an agency: its 第三方机构 account or one of its staff."""

    agency = models.ForeignKey(
        Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="members"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="账号",
        on_delete=models.PROTECT,
        related_name="agency_membership",
    )

    class Meta:
        verbose_name = "机构账号"
        verbose_name_plural = "机构账号"
        ordering = ("agency", "user__username")

    def __str__(self) -> str:
        return f"{self.agency} · {self.user}"


# -- the plan and its projects -------------------------------------------------------------
class PlanState(models.TextChoices):
    DRAFT = "draft", "编制中"
    PUBLISHED = "published", "已印发"


class Plan(models.Model):
    year = models.PositiveSmallIntegerField("评价年度")
    number = models.CharField("计划文号", max_length=64, blank=True)
    title = models.CharField("计划名称", max_length=128)
    organizer = models.CharField("组织单位", max_length=64, help_text="如：雁川市财政局")
    state = models.CharField(
        "状态", max_length=16, choices=PlanState.choices, default=PlanState.DRAFT
    )
    published_at = models.DateTimeField("印发时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = _user("创建人")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "重点评价计划"
        verbose_name_plural = "重点评价计划"
        ordering = ("-year", "-id")

    def __str__(self) -> str:
        return self.title


class ProjectState(models.TextChoices):
    PLANNED = "planned", "已列入计划"
    EVALUATING = "evaluating", "评价中"
    PANEL = "panel", "专家合议"
    DRAFT = "draft", "征求意见"
    FINAL = "final", "报告定稿"
    PUBLISHED = "published", "已公开"


# The states in which the result is the bureau's (graded, used, maybe published).
RESULT_STATES = (ProjectState.FINAL, ProjectState.PUBLISHED)


class KeyProject(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name="评价计划", on_delete=models.PROTECT, related_name="projects"
    )
    table = models.ForeignKey(
        "targets.TargetTable",
        verbose_name="项目绩效目标表",
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="实施单位", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("项目名称", max_length=128)
    amount = models.DecimalField("预算金额（万元）", max_digits=20, decimal_places=6)
    policy_area = models.CharField("政策领域（功能分类）", max_length=64, blank=True)
    continuing = models.BooleanField("延续项目", default=False)
    last_grade = models.CharField("上年评价等级", max_length=8, blank=True)
    reason = models.TextField("列入理由")
    state = models.CharField(
        "状态",
        max_length=16,
        choices=ProjectState.choices,
        default=ProjectState.PLANNED,
        db_index=True,
    )
    lock_version = models.PositiveIntegerField("修改序号", default=1)
    # The figures the evaluation verified (the re-check scores 预算执行率 from them).
    budget = _money("核实的全年预算数（万元）")
    executed = _money("核实的全年执行数（万元）")
    # The report's own words, one item per line.
    experience = models.TextField("主要经验", blank=True)
    problems = models.TextField("存在问题", blank=True)
    suggestions = models.TextField("建议", blank=True)
    # The result, fixed when the report is final.
    score = _points("评价得分")
    grade = models.CharField("评价等级", max_length=8, blank=True)
    use_label = models.CharField("结果应用", max_length=32, blank=True)
    suggested_budget = _money("下年度建议预算（万元）")
    result = models.JSONField("评价结果", null=True, blank=True)
    notice = models.ForeignKey(
        "rectification.Notice",
        verbose_name="整改通知",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    finalized_at = models.DateTimeField("定稿时间", null=True, blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    created_at = models.DateTimeField("列入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "重点评价项目"
        verbose_name_plural = "重点评价项目"
        ordering = ("plan", "unit__code", "title")
        constraints = (
            models.UniqueConstraint(fields=["plan", "table"], name="one_project_per_table"),
        )
        indexes = (models.Index(fields=["state", "unit"]),)

    def __str__(self) -> str:
        return f"{self.unit}“{self.title}”"


class Indicator(models.Model):
    """One indicator the project is scored on (copied from the framework and its targets)."""

    project = models.ForeignKey(
        KeyProject, verbose_name="评价项目", on_delete=models.CASCADE, related_name="indicators"
    )
    position = models.PositiveSmallIntegerField("序号")
    key = models.CharField("指标编号", max_length=64)
    level1 = models.CharField("一级指标", max_length=32)
    level2 = models.CharField("二级指标", max_length=32, blank=True)
    level3 = models.CharField("三级指标", max_length=128)
    weight = _points("分值", null=False)
    standard = models.TextField("评分标准", blank=True)
    formula = models.CharField("复算公式", max_length=16, blank=True)
    row_key = models.CharField("目标表指标", max_length=32, blank=True)
    target = models.CharField("批复的指标值", max_length=128, blank=True)
    actual = models.CharField("核实的完成值", max_length=128, blank=True)

    class Meta:
        verbose_name = "评价指标"
        verbose_name_plural = "评价指标"
        ordering = ("project", "position")
        constraints = (
            models.UniqueConstraint(fields=["project", "key"], name="one_indicator_per_key"),
        )

    def __str__(self) -> str:
        return self.level3


class Discussion(models.Model):
    """The panel's decision on a divergent indicator: the score and why (合议)."""

    indicator = models.OneToOneField(
        Indicator, verbose_name="评价指标", on_delete=models.CASCADE, related_name="discussion"
    )
    points = _points("合议得分", null=False)
    reason = models.TextField("合议理由")
    decided_by = _user("记录人")
    decided_at = models.DateTimeField("合议时间", auto_now=True)

    class Meta:
        verbose_name = "专家组合议"
        verbose_name_plural = "专家组合议"


# -- evaluators and their sheets -----------------------------------------------------------
class EvaluatorKind(models.TextChoices):
    INTERNAL = "internal", "内部评审"
    EXPERT = "expert", "评审专家"
    AGENCY = "agency", "第三方机构"


class SheetState(models.TextChoices):
    DRAFT = "draft", "评分中"
    SUBMITTED = "submitted", "已提交"


class Assignment(models.Model):
    project = models.ForeignKey(
        KeyProject, verbose_name="评价项目", on_delete=models.PROTECT, related_name="assignments"
    )
    kind = models.CharField("评价人类型", max_length=16, choices=EvaluatorKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评价人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="key_assignments",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="第三方机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    state = models.CharField(
        "评分状态", max_length=16, choices=SheetState.choices, default=SheetState.DRAFT
    )
    lock_version = models.PositiveIntegerField("修改序号", default=1)
    stated_total = _points("评分表合计")
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = _user("提交人")
    assigned_at = models.DateTimeField("委派时间", auto_now_add=True)
    assigned_by = _user("委派人")

    class Meta:
        verbose_name = "评价委派"
        verbose_name_plural = "评价委派"
        ordering = ("project", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["project", "user"],
                condition=models.Q(user__isnull=False),
                name="one_assignment_per_person",
            ),
            models.UniqueConstraint(
                fields=["project", "agency"],
                condition=models.Q(agency__isnull=False),
                name="one_assignment_per_agency",
            ),
            # An agency's assignment names the agency; anybody else's names the person.
            models.CheckConstraint(
                condition=models.Q(kind="agency", agency__isnull=False, user__isnull=True)
                | (
                    models.Q(kind__in=("internal", "expert"), user__isnull=False)
                    & models.Q(agency__isnull=True)
                ),
                name="assignment_names_its_evaluator",
            ),
        )

    def __str__(self) -> str:
        return self.evaluator_name

    @property
    def evaluator_name(self) -> str:
        if self.agency_id is not None:
            return str(self.agency)
        return str(self.user)

    @property
    def submitted(self) -> bool:
        return self.state == SheetState.SUBMITTED

    @cached_property
    def member_ids(self) -> frozenset[int]:
        """The agency's staff on this assignment (the policy asks; prefetch ``members``)."""
        return frozenset(m.user_id for m in self.members.all())


class AssignmentMember(models.Model):
    """An agency's staff member put on one of the agency's assignments by the agency."""

    assignment = models.ForeignKey(
        Assignment, verbose_name="评价委派", on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="机构人员",
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_at = models.DateTimeField("加入时间", auto_now_add=True)
    added_by = _user("安排人")

    class Meta:
        verbose_name = "项目组成员"
        verbose_name_plural = "项目组成员"
        constraints = (
            models.UniqueConstraint(fields=["assignment", "user"], name="one_membership"),
        )


class Score(models.Model):
    assignment = models.ForeignKey(
        Assignment, verbose_name="评价委派", on_delete=models.CASCADE, related_name="scores"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name="评价指标", on_delete=models.CASCADE, related_name="scores"
    )
    points = _points("得分")
    reason = models.TextField("评分理由", blank=True)
    updated_at = models.DateTimeField("评分时间", auto_now=True)
    updated_by = _user("评分人")

    class Meta:
        verbose_name = "指标评分"
        verbose_name_plural = "指标评分"
        ordering = ("assignment", "indicator__position")
        constraints = (
            models.UniqueConstraint(fields=["assignment", "indicator"], name="one_score_per_sheet"),
        )

    def __str__(self) -> str:
        return f"{self.indicator}：{self.points}分"


# -- working papers ------------------------------------------------------------------------
class DocumentRequest(models.Model):
    """An item of the document request list (资料清单) sent to the unit."""

    project = models.ForeignKey(
        KeyProject, verbose_name="评价项目", on_delete=models.PROTECT, related_name="requests"
    )
    title = models.CharField("资料名称", max_length=128)
    detail = models.TextField("具体要求", blank=True)
    due_date = models.DateField("提交期限")
    requested_at = models.DateTimeField("发出时间", auto_now_add=True)
    requested_by = _user("发出人")

    class Meta:
        verbose_name = "资料清单"
        verbose_name_plural = "资料清单"
        ordering = ("project", "due_date", "id")

    def __str__(self) -> str:
        return self.title


class RequestFile(models.Model):
    """A file the unit gave for a request, kept outside the web root."""

    request = models.ForeignKey(
        DocumentRequest, verbose_name="资料清单", on_delete=models.PROTECT, related_name="files"
    )
    original_name = models.CharField("原文件名", max_length=255)
    stored_name = models.CharField("存储位置", max_length=255, unique=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    note = models.CharField("说明", max_length=200, blank=True)
    uploaded_at = models.DateTimeField("提交时间", auto_now_add=True)
    uploaded_by = _user("提交人")

    class Meta:
        verbose_name = "提交资料"
        verbose_name_plural = "提交资料"
        ordering = ("request", "id")

    def __str__(self) -> str:
        return self.original_name


class SiteVisit(models.Model):
    project = models.ForeignKey(
        KeyProject, verbose_name="评价项目", on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField("核查日期")
    place = models.CharField("核查地点", max_length=128)
    people = models.CharField("参加人员", max_length=200)
    notes = models.TextField("核查情况")
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    recorded_by = _user("记录人")

    class Meta:
        verbose_name = "现场核查记录"
        verbose_name_plural = "现场核查记录"
        ordering = ("project", "visited_on", "id")

    def __str__(self) -> str:
        return f"{self.visited_on:%Y-%m-%d} {self.place}"


class Survey(models.Model):
    project = models.ForeignKey(
        KeyProject, verbose_name="评价项目", on_delete=models.PROTECT, related_name="surveys"
    )
    subject = models.CharField("调查对象", max_length=128)
    method = models.CharField("调查方式", max_length=64)
    sample = models.PositiveIntegerField("有效样本数", null=True, blank=True)
    satisfied = models.PositiveIntegerField("满意样本数", null=True, blank=True)
    rate = models.DecimalField("满意度（%）", max_digits=6, decimal_places=2, null=True, blank=True)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    recorded_by = _user("记录人")

    class Meta:
        verbose_name = "满意度调查"
        verbose_name_plural = "满意度调查"
        ordering = ("project", "id")

    def __str__(self) -> str:
        return f"{self.subject}满意度调查"


class Feedback(models.Model):
    """The unit's written response (意见反馈) to the draft report."""

    project = models.OneToOneField(
        KeyProject, verbose_name="评价项目", on_delete=models.PROTECT, related_name="feedback"
    )
    agrees = models.BooleanField("对评价结论无异议")
    text = models.TextField("反馈意见")
    handling = models.TextField("采纳情况说明", blank=True)
    given_at = models.DateTimeField("反馈时间", auto_now_add=True)
    given_by = _user("反馈人")

    class Meta:
        verbose_name = "意见反馈"
        verbose_name_plural = "意见反馈"

    def __str__(self) -> str:
        return f"{self.project}的意见反馈"


class ProjectEvent(models.Model):
    project = models.ForeignKey(
        KeyProject, verbose_name="评价项目", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField("操作", max_length=24)
    from_state = models.CharField("原状态", max_length=16, choices=ProjectState.choices, blank=True)
    to_state = models.CharField("新状态", max_length=16, choices=ProjectState.choices, blank=True)
    actor = _user("操作人")
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    comment = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "评价流程记录"
        verbose_name_plural = "评价流程记录"
        ordering = ("at", "id")

    def __str__(self) -> str:
        change = f"{self.get_from_state_display()} → {self.get_to_state_display()}"
        return f"{self.project}：{change}（{self.at:%Y-%m-%d %H:%M}）"
