"""What the public sees: a published version, with the figures the public pages list."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Publication(models.Model):
    submission = models.OneToOneField(
        "submissions.Submission",
        verbose_name="单位报告",
        on_delete=models.PROTECT,
        related_name="publication",
    )
    version = models.ForeignKey(
        "submissions.SubmissionVersion",
        verbose_name="公开的版本",
        on_delete=models.PROTECT,
        related_name="+",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="评价任务",
        on_delete=models.PROTECT,
        related_name="publications",
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="publications"
    )
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    published_at = models.DateTimeField("公开时间", auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="公开人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    total = models.DecimalField("支出合计（万元）", max_digits=20, decimal_places=6, null=True)
    three_public = models.DecimalField(
        "“三公”经费（万元）", max_digits=20, decimal_places=6, null=True
    )
    self_score = models.DecimalField("自评得分", max_digits=7, decimal_places=2, null=True)
    score = models.DecimalField("评分", max_digits=7, decimal_places=2, null=True)
    grade = models.CharField("等级", max_length=8, blank=True)
    self_grade = models.CharField("自评等级", max_length=8, blank=True)
    # Published with open errors: how many, and the reviewer's written reason (shown beside
    # the grade on the public pages and in the open data).
    open_errors = models.PositiveIntegerField("公开时未更正的错误数", default=0)
    reason = models.TextField("带错误公开的理由", blank=True)

    class Meta:
        verbose_name = "公开报告"
        verbose_name_plural = "公开报告"
        ordering = ("-year", "unit__code")

    def __str__(self) -> str:
        return f"{self.unit} {self.year}年度"
