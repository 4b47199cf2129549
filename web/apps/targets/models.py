"""A unit's target tables (绩效目标表), their versions and events, and the year-end
self-evaluation scored against them.

A ``TargetTable`` is the working copy: its goal, the budget lines it covers and its indicator
rows, edited while it is a draft or returned. Submitting writes a ``TargetVersion`` (the JSON
of the whole table, never changed again); the reviewer's acceptance makes the current version
the ``approved_version``, which is what monitoring and the year-end score read: the targets
the unit set, not whatever the rows hold later. States and their labels are the reports'
(``apps.submissions.models.State``): the same workflow moves both.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from apps.submissions.models import EDITABLE_STATES, State
from jixiao.domain.basic_data import Level
from jixiao.targets.model import TableKind, ValueType


class Kind(models.TextChoices):
    OVERALL = TableKind.OVERALL.value, TableKind.OVERALL.label
    PROJECT = TableKind.PROJECT.value, TableKind.PROJECT.label


class ValueKind(models.TextChoices):
    QUANTITATIVE = ValueType.QUANTITATIVE.value, "定量"
    QUALITATIVE = ValueType.QUALITATIVE.value, "定性"


class Band(models.TextChoices):
    ACHIEVED = Level.ACHIEVED.value, "达成年度指标"
    PARTLY = Level.PARTLY.value, "部分达成并具有一定效果"
    NOT_ACHIEVED = Level.NOT_ACHIEVED.value, "未达成且效果较差"


def _money(label: str) -> models.DecimalField[object, object]:
    return models.DecimalField(label, max_digits=20, decimal_places=6, null=True, blank=True)


def _user(label: str) -> models.ForeignKey[object, object]:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class TargetTable(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="target_tables"
    )
    year = models.PositiveSmallIntegerField("预算年度")
    kind = models.CharField("目标表类型", max_length=16, choices=Kind.choices)
    title = models.CharField("项目名称", max_length=128, blank=True)
    goal = models.TextField("年度总体目标", blank=True)
    state = models.CharField(
        "状态", max_length=16, choices=State.choices, default=State.DRAFT, db_index=True
    )
    lock_version = models.PositiveIntegerField("修改序号", default=1)
    current_version = models.ForeignKey(
        "TargetVersion",
        verbose_name="最近报送版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_version = models.ForeignKey(
        "TargetVersion",
        verbose_name="批复版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("首次报送时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = _user("最后修改人")

    class Meta:
        verbose_name = "绩效目标表"
        verbose_name_plural = "绩效目标表"
        ordering = ("-year", "unit__code", "kind", "title")
        constraints = (
            models.UniqueConstraint(
                fields=["unit", "year", "kind", "title"], name="one_target_table_per_title"
            ),
        )
        indexes = (models.Index(fields=["year", "state"]),)

    def __str__(self) -> str:
        return f"{self.unit} {self.year}年{self.name}"

    @property
    def name(self) -> str:
        if self.kind == Kind.PROJECT:
            return f"“{self.title}”项目绩效目标表"
        return "整体绩效目标表"

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE_STATES


class BudgetLine(models.Model):
    """A budget line the table covers: 基本支出, a project, a fund source, with its amount."""

    table = models.ForeignKey(
        TargetTable, verbose_name="目标表", on_delete=models.CASCADE, related_name="budget_lines"
    )
    position = models.PositiveSmallIntegerField("序号")
    name = models.CharField("预算项目", max_length=128)
    amount = models.DecimalField("年度预算（万元）", max_digits=20, decimal_places=6)
    functional = models.CharField("支出功能分类", max_length=64, blank=True)

    class Meta:
        verbose_name = "预算项目"
        verbose_name_plural = "预算项目"
        ordering = ("table", "position")

    def __str__(self) -> str:
        return self.name


class TargetIndicator(models.Model):
    table = models.ForeignKey(
        TargetTable, verbose_name="目标表", on_delete=models.CASCADE, related_name="indicators"
    )
    position = models.PositiveSmallIntegerField("序号")
    level1 = models.CharField("一级指标", max_length=32)
    level2 = models.CharField("二级指标", max_length=32, blank=True)
    level3 = models.CharField("三级指标", max_length=128)
    value_type = models.CharField("指标类型", max_length=8, choices=ValueKind.choices)
    direction = models.CharField("指标性质", max_length=4, blank=True)
    value = models.CharField("指标值", max_length=64, blank=True)
    unit = models.CharField("计量单位", max_length=16, blank=True)
    explanation = models.TextField("指标解释", blank=True)
    scoring_rule = models.TextField("评（扣）分标准", blank=True)
    weight = models.DecimalField("分值", max_digits=7, decimal_places=2, null=True, blank=True)
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name="对应预算",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    library_id = models.CharField("指标库编号", max_length=64, blank=True)

    class Meta:
        verbose_name = "绩效指标"
        verbose_name_plural = "绩效指标"
        ordering = ("table", "position")

    def __str__(self) -> str:
        return self.level3


class TargetVersion(models.Model):
    """What was submitted, exactly: never updated after it is written."""

    table = models.ForeignKey(
        TargetTable, verbose_name="目标表", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField("版本号")
    data = models.JSONField("目标表内容")
    created_at = models.DateTimeField("报送时间", auto_now_add=True)
    created_by = _user("报送人")

    class Meta:
        verbose_name = "目标表版本"
        verbose_name_plural = "目标表版本"
        ordering = ("table", "number")
        constraints = (
            models.UniqueConstraint(
                fields=["table", "number"], name="one_number_per_target_version"
            ),
        )

    def __str__(self) -> str:
        return f"第{self.number}版"


class EventBase(models.Model):
    action = models.CharField("操作", max_length=16)
    from_state = models.CharField("原状态", max_length=16, choices=State.choices)
    to_state = models.CharField("新状态", max_length=16, choices=State.choices)
    actor = _user("操作人")
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    comment = models.TextField("意见", blank=True)

    class Meta:
        abstract = True
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"  # type: ignore[attr-defined]


class TargetEvent(EventBase):
    table = models.ForeignKey(
        TargetTable, verbose_name="目标表", on_delete=models.PROTECT, related_name="events"
    )
    version = models.ForeignKey(
        TargetVersion,
        verbose_name="对应版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta(EventBase.Meta):
        verbose_name = "目标表流程记录"
        verbose_name_plural = "目标表流程记录"


# -- the year-end self-evaluation against the targets -----------------------------------
class TargetEvaluation(models.Model):
    """The self-evaluation (自评表) of one approved table: actuals beside the original targets."""

    table = models.OneToOneField(
        TargetTable, verbose_name="目标表", on_delete=models.PROTECT, related_name="evaluation"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    state = models.CharField(
        "状态", max_length=16, choices=State.choices, default=State.DRAFT, db_index=True
    )
    lock_version = models.PositiveIntegerField("修改序号", default=1)
    budget = _money("全年预算数（万元）")
    executed = _money("全年执行数（万元）")
    goal_result = models.TextField("年度总体目标完成情况", blank=True)
    scorecard = models.JSONField("评分表", null=True, blank=True)
    score = models.DecimalField("评分", max_digits=7, decimal_places=2, null=True, blank=True)
    grade = models.CharField("评分等级", max_length=8, blank=True)
    current_version = models.ForeignKey(
        "EvaluationVersion",
        verbose_name="最近报送版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("首次报送时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = _user("最后修改人")

    class Meta:
        verbose_name = "绩效自评表"
        verbose_name_plural = "绩效自评表"
        ordering = ("-year", "unit__code")
        indexes = (models.Index(fields=["year", "grade"]),)

    def __str__(self) -> str:
        return f"{self.table}自评"

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE_STATES


class EvaluationRow(models.Model):
    evaluation = models.ForeignKey(
        TargetEvaluation, verbose_name="自评表", on_delete=models.CASCADE, related_name="rows"
    )
    indicator = models.ForeignKey(
        TargetIndicator, verbose_name="绩效指标", on_delete=models.PROTECT, related_name="+"
    )
    actual = models.CharField("实际完成值", max_length=128, blank=True)
    band = models.CharField("完成档次", max_length=8, choices=Band.choices, blank=True)
    self_score = models.DecimalField(
        "自评得分", max_digits=7, decimal_places=2, null=True, blank=True
    )
    reason = models.TextField("偏差原因分析及改进措施", blank=True)

    class Meta:
        verbose_name = "自评指标"
        verbose_name_plural = "自评指标"
        ordering = ("evaluation", "indicator__position")
        constraints = (
            models.UniqueConstraint(
                fields=["evaluation", "indicator"], name="one_row_per_indicator"
            ),
        )


class EvaluationVersion(models.Model):
    evaluation = models.ForeignKey(
        TargetEvaluation, verbose_name="自评表", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField("版本号")
    data = models.JSONField("自评内容")
    score = models.DecimalField("评分", max_digits=7, decimal_places=2, null=True, blank=True)
    grade = models.CharField("评分等级", max_length=8, blank=True)
    created_at = models.DateTimeField("报送时间", auto_now_add=True)
    created_by = _user("报送人")

    class Meta:
        verbose_name = "自评表版本"
        verbose_name_plural = "自评表版本"
        ordering = ("evaluation", "number")
        constraints = (
            models.UniqueConstraint(
                fields=["evaluation", "number"], name="one_number_per_evaluation_version"
            ),
        )

    def __str__(self) -> str:
        return f"第{self.number}版"


class EvaluationEvent(EventBase):
    evaluation = models.ForeignKey(
        TargetEvaluation, verbose_name="自评表", on_delete=models.PROTECT, related_name="events"
    )
    version = models.ForeignKey(
        EvaluationVersion,
        verbose_name="对应版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta(EventBase.Meta):
        verbose_name = "自评表流程记录"
        verbose_name_plural = "自评表流程记录"
