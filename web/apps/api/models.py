"""Tokens for scripts: only a hash is kept, the token itself is shown once when issued."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="所属用户",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("用途说明", max_length=64, blank=True)
    # The first characters of the token, to tell tokens apart in lists; not a secret.
    prefix = models.CharField("令牌前缀", max_length=12, db_index=True)
    key_hash = models.CharField("令牌摘要（SHA-256）", max_length=64, unique=True)
    created_at = models.DateTimeField("签发时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name or ''}".strip()

    @property
    def active(self) -> bool:
        return self.revoked_at is None
