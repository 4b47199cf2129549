"""A yearly evaluation campaign: the finance bureau's notice and the units it covers."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class Campaign(models.Model):
    year = models.PositiveSmallIntegerField("评价年度")
    notice_number = models.CharField(
        "通知文号", max_length=64, unique=True, help_text="如：常财绩〔2021〕54号"
    )
    title = models.CharField("任务名称", max_length=128)
    deadline = models.DateField("报送截止日期")
    outline = models.CharField("报告提纲", max_length=64, blank=True)
    framework = models.CharField("评价指标体系", max_length=64, blank=True)
    units = models.ManyToManyField(
        "units.Unit", verbose_name="参评单位", related_name="campaigns", blank=True
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    # Read pages remember what they computed under the latest change here (apps.memo).
    updated_at = models.DateTimeField("更新时间", auto_now=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "评价任务"
        verbose_name_plural = "评价任务"
        ordering = ("-year", "-id")

    def __str__(self) -> str:
        return f"{self.year}年度 {self.title}"

    def is_overdue_on(self, day: datetime.date | None = None) -> bool:
        return (day or timezone.localdate()) > self.deadline
