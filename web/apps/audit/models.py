"""The audit log: who did what to which object, and when; log-ins included.

Rows are written by services (``apps.audit.services``), never by signals, in the same
transaction as the change they describe, and never changed afterwards.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditAction(models.TextChoices):
    LOGIN = "login", "登录成功"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOGIN_BLOCKED = "login_blocked", "登录被限制"
    PASSWORD = "password", "修改密码"
    CREATE = "create", "新建"
    UPDATE = "update", "修改"
    DELETE = "delete", "删除"
    UPLOAD = "upload", "上传文件"
    INTAKE = "intake", "读取文件"
    TRANSITION = "transition", "流程操作"
    IMPORT = "import", "批量导入"
    TOKEN = "token", "接口令牌"
    RESTORE = "restore", "恢复备份"


class AuditEntry(models.Model):
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The name as typed at a log-in (also for unknown users), or the actor's username.
    actor_name = models.CharField("用户名", max_length=150, blank=True)
    action = models.CharField("操作", max_length=16, choices=AuditAction.choices)
    object_type = models.CharField("对象类型", max_length=64, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=255, blank=True)
    summary = models.JSONField("内容摘要", default=dict, blank=True)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ("-at", "-id")
        indexes = (
            # Log-in throttling counts recent failures of one name from one address.
            models.Index(fields=["actor_name", "ip", "action", "at"]),
            models.Index(fields=["object_type", "object_id"]),
        )

    def __str__(self) -> str:
        return f"{self.actor_name or '系统'} {self.get_action_display()} {self.object_repr}"
