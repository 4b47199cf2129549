"""A unit's report for a campaign, its uploaded documents, and its submitted versions.

``Submission`` holds the working copy (``data``: the extracted figures as edited, the JSON of
``jixiao.contract`` plus the narrative lists) and, denormalized, the few figures the finance
bureau's campaign view needs, so that view reads one row per unit and never the JSON.
``SubmissionVersion`` rows are snapshots: written once when a report is submitted, never
changed. The state changes only through ``apps.reviews.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class State(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待负责人审核"
    DEPT_REVIEW = "dept_review", "主管部门初审中"
    UNDER_REVIEW = "under_review", "财政审核中"
    RETURNED = "returned", "已退回修改"
    RESUBMITTED = "resubmitted", "已重新报送"
    ACCEPTED = "accepted", "审核通过"
    PUBLISHED = "published", "已公开"


# The preparer may change the working copy only in these states.
EDITABLE_STATES = (State.DRAFT, State.RETURNED)
# Not yet with the finance bureau: counts as overdue after the deadline (a report still with
# its 主管部门 has not reached the bureau either).
NOT_DELIVERED_STATES = (State.DRAFT, State.SUBMITTED, State.DEPT_REVIEW, State.RETURNED)


def _money(label: str) -> models.DecimalField[object, object]:
    """An amount in 万元, exact to the 元 and beyond (38.766462 for 387664.62元)."""
    return models.DecimalField(label, max_digits=20, decimal_places=6, null=True, blank=True)


def _points(label: str) -> models.DecimalField[object, object]:
    return models.DecimalField(label, max_digits=7, decimal_places=2, null=True, blank=True)


class IntakeState(models.TextChoices):
    QUEUED = "queued", "排队等待读取"
    RUNNING = "running", "正在读取"
    DONE = "done", "读取完成"
    FAILED = "failed", "读取失败"


class Submission(models.Model):
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="评价任务",
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="submissions"
    )
    state = models.CharField(
        "状态", max_length=16, choices=State.choices, default=State.DRAFT, db_index=True
    )
    # Optimistic locking: every write checks and bumps it, so a stale form never overwrites.
    lock_version = models.PositiveIntegerField("修改序号", default=1)
    data = models.JSONField("报告数据", default=dict, blank=True)
    findings = models.JSONField("审核发现", default=list, blank=True)
    scorecard = models.JSONField("评分表", null=True, blank=True)
    # 基础数据 the unit filled in beside its report (编制数, 三公 budgets, judgements …), in the
    # shape of a data file: {"basic": {key: "45"}, "judgements": {indicator id: {"met": "3"}}};
    # every value a decimal string. See apps.submissions.basic_data.
    basic_data = models.JSONField("基础数据", default=dict, blank=True)
    # Figures that differ from what the current document states, with who changed them and
    # when (apps.submissions.amendments); rewritten with ``data``.
    amendments = models.JSONField("已修改的数据", default=list, blank=True)
    document = models.ForeignKey(
        "Document",
        verbose_name="当前报告文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    current_version = models.ForeignKey(
        "SubmissionVersion",
        verbose_name="最近报送版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后修改人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("首次报送时间", null=True, blank=True)
    # Denormalized for the campaign view (see module docstring); rewritten with ``data``.
    total = _money("支出合计（万元）")
    basic = _money("基本支出（万元）")
    project = _money("项目支出（万元）")
    three_public = _money("“三公”经费（万元）")
    execution_rate = _points("预算执行率（%）")
    self_score = _points("单位自评得分")
    self_grade = models.CharField("单位自评等级", max_length=8, blank=True)
    score = _points("财政核算得分")
    grade = models.CharField("财政核算等级", max_length=8, blank=True)
    error_count = models.PositiveIntegerField("错误数", default=0)
    warning_count = models.PositiveIntegerField("警告数", default=0)
    finding_codes = models.JSONField("发现代码", default=list, blank=True)
    functional = models.JSONField("功能分类支出", default=dict, blank=True)

    class Meta:
        verbose_name = "单位报告"
        verbose_name_plural = "单位报告"
        constraints = (
            models.UniqueConstraint(fields=["campaign", "unit"], name="one_submission_per_unit"),
        )
        indexes = (models.Index(fields=["campaign", "state"]),)

    def __str__(self) -> str:
        return f"{self.unit} · {self.campaign}"

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE_STATES


class Document(models.Model):
    """An uploaded report file, kept outside the web root under a name we chose."""

    submission = models.ForeignKey(
        Submission, verbose_name="单位报告", on_delete=models.CASCADE, related_name="documents"
    )
    original_name = models.CharField("原文件名", max_length=255)
    stored_name = models.CharField("存储位置", max_length=255, unique=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    intake_state = models.CharField(
        "读取状态", max_length=16, choices=IntakeState.choices, default=IntakeState.QUEUED
    )
    intake_message = models.TextField("读取说明", blank=True)
    text = models.TextField("识别出的正文", blank=True)
    # A digest of the report's data when the file was uploaded, and of what its reading
    # wrote: the reading replaces the data only if nobody changed it in between (uploads
    # read one after the other are not a change); otherwise it keeps what the file states
    # beside the data as a list of differences, shown to the user (apps.submissions.services).
    base_digest = models.CharField("上传时的数据摘要", max_length=64, blank=True)
    written_digest = models.CharField("读取后写入的数据摘要", max_length=64, blank=True)
    intake_changes = models.JSONField("未采用的差异", default=list, blank=True)

    class Meta:
        verbose_name = "报告文件"
        verbose_name_plural = "报告文件"
        ordering = ("-uploaded_at", "-id")

    def __str__(self) -> str:
        return self.original_name


class SubmissionVersion(models.Model):
    """What was submitted, exactly: never updated after it is written."""

    submission = models.ForeignKey(
        Submission, verbose_name="单位报告", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField("版本号")
    data = models.JSONField("报告数据")
    findings = models.JSONField("审核发现")
    scorecard = models.JSONField("评分表", null=True, blank=True)
    basic_data = models.JSONField("基础数据", default=dict, blank=True)
    amendments = models.JSONField("已修改的数据", default=list, blank=True)
    document = models.ForeignKey(
        Document, verbose_name="报告文件", null=True, on_delete=models.PROTECT, related_name="+"
    )
    score = _points("财政核算得分")
    grade = models.CharField("财政核算等级", max_length=8, blank=True)
    created_at = models.DateTimeField("报送时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "报送版本"
        verbose_name_plural = "报送版本"
        ordering = ("submission", "number")
        constraints = (
            models.UniqueConstraint(fields=["submission", "number"], name="one_number_per_version"),
        )

    def __str__(self) -> str:
        return f"第{self.number}版"


class BatchImport(models.Model):
    """A .zip of many units' reports for one campaign, read in the background."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="评价任务",
        on_delete=models.CASCADE,
        related_name="batches",
    )
    original_name = models.CharField("原文件名", max_length=255)
    stored_name = models.CharField("存储位置", max_length=255, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    state = models.CharField(
        "状态", max_length=16, choices=IntakeState.choices, default=IntakeState.QUEUED
    )
    total = models.PositiveIntegerField("文件数", default=0)
    processed = models.PositiveIntegerField("已处理", default=0)
    results = models.JSONField("逐个文件的结果", default=list, blank=True)
    message = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "批量导入"
        verbose_name_plural = "批量导入"
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.original_name

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.processed / self.total)


class RenderState(models.TextChoices):
    QUEUED = "queued", "排队等待生成"
    RUNNING = "running", "正在生成"
    DONE = "done", "已生成"
    FAILED = "failed", "生成失败"


class RenderedFile(models.Model):
    """A download written by the worker for one revision of the working copy and one format.

    Keyed by ``lock_version``, which every write of the data bumps: a file once written stays
    right for that revision, and a later edit simply asks for a new one.
    """

    submission = models.ForeignKey(
        Submission, verbose_name="单位报告", on_delete=models.CASCADE, related_name="renderings"
    )
    lock_version = models.PositiveIntegerField("修改序号")
    fmt = models.CharField("格式", max_length=8)
    state = models.CharField(
        "状态", max_length=16, choices=RenderState.choices, default=RenderState.QUEUED
    )
    stored_name = models.CharField("存储位置", max_length=255, blank=True)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    message = models.TextField("说明", blank=True)
    requested_at = models.DateTimeField("请求时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "生成的报告文件"
        verbose_name_plural = "生成的报告文件"
        constraints = (
            models.UniqueConstraint(
                fields=["submission", "lock_version", "fmt"], name="one_rendering_per_revision"
            ),
        )

    def __str__(self) -> str:
        return f"{self.submission} · 第{self.lock_version}次修改 · {self.fmt}"
