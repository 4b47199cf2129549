"""What follows an evaluation: rectification notices (整改通知) sent to units with a poor grade
or serious findings, and the units' replies (整改反馈) with their attachments.

A notice moves on the shared workflow machine: sent → answered (the unit replies) → closed
(the bureau accepts the rectification), or back to sent when the bureau finds the reply short.
Attachments are kept outside the web root and served only after a permission check.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class NoticeState(models.TextChoices):
    SENT = "sent", "待整改"
    ANSWERED = "answered", "已反馈"
    CLOSED = "closed", "整改完成"


class Source(models.TextChoices):
    REPORT = "report", "绩效评价报告"
    EVALUATION = "evaluation", "绩效自评表"
    KEY_PROJECT = "key_project", "财政重点绩效评价"
    OTHER = "other", "其他"


def _user(label: str) -> models.ForeignKey[object, object]:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class Notice(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="notices"
    )
    year = models.PositiveSmallIntegerField("评价年度")
    number = models.CharField("通知文号", max_length=64, blank=True)
    source = models.CharField("依据", max_length=16, choices=Source.choices)
    submission = models.ForeignKey(
        "submissions.Submission",
        verbose_name="绩效评价报告",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evaluation = models.ForeignKey(
        "targets.TargetEvaluation",
        verbose_name="绩效自评表",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    grade = models.CharField("评价等级", max_length=8, blank=True)
    reasons = models.TextField("整改事由")
    requirements = models.TextField("整改要求")
    due_date = models.DateField("整改期限")
    state = models.CharField(
        "状态", max_length=16, choices=NoticeState.choices, default=NoticeState.SENT
    )
    lock_version = models.PositiveIntegerField("修改序号", default=1)
    issued_at = models.DateTimeField("发出时间", auto_now_add=True)
    issued_by = _user("发出人")

    class Meta:
        verbose_name = "整改通知"
        verbose_name_plural = "整改通知"
        ordering = ("-issued_at", "-id")
        indexes = (models.Index(fields=["year", "state"]),)

    def __str__(self) -> str:
        return f"{self.unit}{self.year}年度整改通知"

    def is_overdue_on(self, day: datetime.date | None = None) -> bool:
        return self.state == NoticeState.SENT and (day or timezone.localdate()) > self.due_date

    @property
    def overdue(self) -> bool:
        return self.is_overdue_on()


class NoticeEvent(models.Model):
    notice = models.ForeignKey(
        Notice, verbose_name="整改通知", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField("操作", max_length=16)
    from_state = models.CharField("原状态", max_length=16, choices=NoticeState.choices, blank=True)
    to_state = models.CharField("新状态", max_length=16, choices=NoticeState.choices)
    actor = _user("操作人")
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    comment = models.TextField("意见", blank=True)

    class Meta:
        verbose_name = "整改流程记录"
        verbose_name_plural = "整改流程记录"
        ordering = ("at", "id")


class Reply(models.Model):
    notice = models.ForeignKey(
        Notice, verbose_name="整改通知", on_delete=models.PROTECT, related_name="replies"
    )
    text = models.TextField("整改情况")
    by = _user("反馈人")
    at = models.DateTimeField("反馈时间", auto_now_add=True)

    class Meta:
        verbose_name = "整改反馈"
        verbose_name_plural = "整改反馈"
        ordering = ("at", "id")


class Attachment(models.Model):
    """A reply's file, kept outside the web root under a name the application chose."""

    reply = models.ForeignKey(
        Reply, verbose_name="整改反馈", on_delete=models.PROTECT, related_name="attachments"
    )
    original_name = models.CharField("原文件名", max_length=255)
    stored_name = models.CharField("存储位置", max_length=255, unique=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        verbose_name = "反馈附件"
        verbose_name_plural = "反馈附件"
        ordering = ("reply", "id")

    def __str__(self) -> str:
        return self.original_name
