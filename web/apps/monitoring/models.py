"""In-year monitoring (双监控): the checkpoints the bureau sets, and each unit's record at one.

A record holds what the unit spent of each approved budget line and how far each approved
indicator has come, with the lights computed from them (jixiao.targets.monitoring) and, where
a light is red, the reason and the corrective step. The record's own columns (budget,
executed, lights, counts) are denormalized so that the bureau's page reads one row per unit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.targets.monitoring import Light, load_thresholds


class LightChoice(models.TextChoices):
    GREEN = Light.GREEN.value, Light.GREEN.label
    YELLOW = Light.YELLOW.value, Light.YELLOW.label
    RED = Light.RED.value, Light.RED.label


def likelihood_choices() -> list[tuple[str, str]]:
    return [(item.key, item.label) for item in load_thresholds().likelihoods]


def _money(label: str) -> models.DecimalField[object, object]:
    return models.DecimalField(label, max_digits=20, decimal_places=6, null=True, blank=True)


def _percent(label: str) -> models.DecimalField[object, object]:
    return models.DecimalField(label, max_digits=9, decimal_places=2, null=True, blank=True)


def _light(label: str) -> models.CharField[object, object]:
    return models.CharField(label, max_length=8, choices=LightChoice.choices, blank=True)


def _user(label: str) -> models.ForeignKey[object, object]:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class Checkpoint(models.Model):
    year = models.PositiveSmallIntegerField("预算年度")
    as_of = models.DateField("监控时点", help_text="如7月31日：统计截至该日的执行和完成情况")
    title = models.CharField("名称", max_length=128)
    due_date = models.DateField("报送截止日期")
    note = models.TextField("填报说明", blank=True)
    closed = models.BooleanField("已截止填报", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = _user("创建人")

    class Meta:
        verbose_name = "监控时点"
        verbose_name_plural = "监控时点"
        ordering = ("-as_of", "-id")
        constraints = (
            models.UniqueConstraint(fields=["year", "as_of"], name="one_checkpoint_per_day"),
        )

    def __str__(self) -> str:
        return self.title


class MonitoringRecord(models.Model):
    checkpoint = models.ForeignKey(
        Checkpoint, verbose_name="监控时点", on_delete=models.PROTECT, related_name="records"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    lock_version = models.PositiveIntegerField("修改序号", default=1)
    budget = _money("年度预算（万元）")
    executed = _money("已执行（万元）")
    execution_rate = _percent("预算执行率（%）")
    time_progress = _percent("时间进度（%）")
    ratio = _percent("执行进度比（%）")
    execution_light = _light("执行进度灯")
    indicator_light = _light("指标进度灯")
    light = _light("综合")
    red_count = models.PositiveSmallIntegerField("红灯数", default=0)
    yellow_count = models.PositiveSmallIntegerField("黄灯数", default=0)
    green_count = models.PositiveSmallIntegerField("绿灯数", default=0)
    reason = models.TextField("偏差原因", blank=True)
    corrective = models.TextField("纠偏措施", blank=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = _user("报送人")
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = _user("最后修改人")

    class Meta:
        verbose_name = "监控记录"
        verbose_name_plural = "监控记录"
        ordering = ("checkpoint", "unit__code")
        constraints = (
            models.UniqueConstraint(fields=["checkpoint", "unit"], name="one_record_per_unit"),
        )

    def __str__(self) -> str:
        return f"{self.unit} · {self.checkpoint}"


class LineProgress(models.Model):
    record = models.ForeignKey(
        MonitoringRecord, verbose_name="监控记录", on_delete=models.CASCADE, related_name="lines"
    )
    budget_line = models.ForeignKey(
        "targets.BudgetLine", verbose_name="预算项目", on_delete=models.PROTECT, related_name="+"
    )
    executed = models.DecimalField("已执行（万元）", max_digits=20, decimal_places=6)
    execution_rate = _percent("执行率（%）")
    light = _light("执行进度灯")
    reason = models.TextField("偏差原因", blank=True)
    corrective = models.TextField("纠偏措施", blank=True)

    class Meta:
        verbose_name = "预算执行进度"
        verbose_name_plural = "预算执行进度"
        ordering = ("record", "budget_line__table", "budget_line__position")
        constraints = (
            models.UniqueConstraint(fields=["record", "budget_line"], name="one_line_progress"),
        )


class IndicatorProgress(models.Model):
    record = models.ForeignKey(
        MonitoringRecord,
        verbose_name="监控记录",
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    indicator = models.ForeignKey(
        "targets.TargetIndicator",
        verbose_name="绩效指标",
        on_delete=models.PROTECT,
        related_name="+",
    )
    done = models.CharField("截至时点完成值", max_length=128, blank=True)
    expected = models.CharField("全年预计完成值", max_length=128, blank=True)
    likelihood = models.CharField("完成目标可能性", max_length=16, blank=True)
    completion = _percent("完成进度（%）")
    light = _light("指标进度灯")
    reason = models.TextField("偏差原因", blank=True)
    corrective = models.TextField("纠偏措施", blank=True)

    class Meta:
        verbose_name = "绩效指标进度"
        verbose_name_plural = "绩效指标进度"
        ordering = ("record", "indicator__table", "indicator__position")
        constraints = (
            models.UniqueConstraint(fields=["record", "indicator"], name="one_indicator_progress"),
        )
