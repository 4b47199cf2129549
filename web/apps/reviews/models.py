"""Every workflow step is an event row, and a reviewer's comments point at findings or fields."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from apps.submissions.models import State


class ReviewEvent(models.Model):
    submission = models.ForeignKey(
        "submissions.Submission",
        verbose_name="单位报告",
        on_delete=models.PROTECT,
        related_name="events",
    )
    action = models.CharField("操作", max_length=16)
    from_state = models.CharField("原状态", max_length=16, choices=State.choices)
    to_state = models.CharField("新状态", max_length=16, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    comment = models.TextField("意见", blank=True)
    # Accepting or publishing with open errors needs a reason (the comment): how many errors
    # it passed, so the history and the grade can say so.
    open_errors = models.PositiveIntegerField("放行时未更正的错误数", default=0)
    version = models.ForeignKey(
        "submissions.SubmissionVersion",
        verbose_name="对应版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "流程记录"
        verbose_name_plural = "流程记录"
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"

    @property
    def passed_errors(self) -> bool:
        """A gated step (accept, publish) taken with open errors, on a written reason."""
        return self.open_errors > 0


class CommentTarget(models.TextChoices):
    GENERAL = "general", "总体意见"
    FINDING = "finding", "审核发现"
    FIELD = "field", "数据项"


class ReviewComment(models.Model):
    """A reviewer's comment on one finding (by code) or one field (by data path)."""

    event = models.ForeignKey(
        ReviewEvent, verbose_name="流程记录", on_delete=models.CASCADE, related_name="comments"
    )
    target = models.CharField("针对", max_length=16, choices=CommentTarget.choices)
    key = models.CharField("代码或数据项", max_length=128, blank=True)
    label = models.CharField("说明对象", max_length=255, blank=True)
    text = models.TextField("意见")

    class Meta:
        verbose_name = "审核意见"
        verbose_name_plural = "审核意见"
        ordering = ("event", "id")

    def __str__(self) -> str:
        return f"{self.label}：{self.text[:20]}"
