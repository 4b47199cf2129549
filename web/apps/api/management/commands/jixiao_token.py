"""Issue an API token for a user: ``manage.py jixiao_token USERNAME [--name 用途]``.

The token is printed once; only its hash is kept. Revoke it in the admin (接口令牌).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.accounts.models import User
from apps.api.tokens import token_issue
from apps.errors import ServiceError


class Command(BaseCommand):
    help = "为用户签发接口令牌（令牌只显示这一次）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="用户名")
        parser.add_argument("--name", default="", help="用途说明，如“预算系统对接”")
        parser.add_argument("--quiet", action="store_true", help="只输出令牌本身（供脚本读取）")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户“{options['username']}”")
        try:
            issued = token_issue(owner=user, name=options["name"])
        except ServiceError as error:
            raise CommandError(error.message) from error
        if options["quiet"]:
            self.stdout.write(issued.secret)
            return
        self.stdout.write(f"已为“{user.username}”签发接口令牌（只显示这一次，请妥善保存）：")
        self.stdout.write(issued.secret)
        self.stdout.write("使用方法：在请求头中加入  Authorization: Bearer <令牌>")
