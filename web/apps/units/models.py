"""The registry of budget units (预算单位) and the regions reviewers are responsible for."""

from __future__ import annotations

from django.db import models


class Region(models.Model):
    code = models.CharField("区域编码", max_length=32, unique=True)
    name = models.CharField("区域名称", max_length=64, unique=True)
    # Read pages remember what they computed under the latest change here (apps.memo).
    updated_at = models.DateTimeField("更新时间", auto_now=True, db_index=True)

    class Meta:
        verbose_name = "区域"
        verbose_name_plural = "区域"
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", "行政单位"
    INSTITUTION = "institution", "事业单位"
    SCHOOL = "school", "学校"
    HOSPITAL = "hospital", "医疗卫生机构"
    TOWNSHIP = "township", "乡镇（街道）"
    OTHER = "other", "其他"


class Unit(models.Model):
    code = models.CharField("单位编码", max_length=32, unique=True)
    name = models.CharField("单位名称", max_length=128, unique=True)
    kind = models.CharField("单位类型", max_length=16, choices=UnitKind.choices)
    region = models.ForeignKey(
        Region, verbose_name="所属区域", on_delete=models.PROTECT, related_name="units"
    )
    # The department in charge (主管部门) of a subordinate unit: a school's 教育局. The bureau's
    # key-project evaluations refuse an expert employed by the evaluated unit's department.
    department = models.ForeignKey(
        "self",
        verbose_name="主管部门",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subordinates",
    )
    active = models.BooleanField("在用", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    # Read pages remember what they computed under the latest change here (apps.memo).
    updated_at = models.DateTimeField("更新时间", auto_now=True, db_index=True)

    class Meta:
        verbose_name = "预算单位"
        verbose_name_plural = "预算单位"
        ordering = ("code",)
        indexes = (models.Index(fields=["region", "kind"]),)

    def __str__(self) -> str:
        return self.name
