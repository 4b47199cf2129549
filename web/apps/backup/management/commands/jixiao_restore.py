"""``manage.py jixiao_restore IN.tar.gz``: restore a backup into an empty database.

Migrates first (so an empty database gets its tables), refuses a database or an upload
folder that already holds data, and checks every file and every table's count.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.audit.models import AuditAction
from apps.audit.services import audit_record
from apps.backup.archive import backup_restore
from apps.errors import ServiceError


class Command(BaseCommand):
    help = "恢复：把备份文件恢复到空数据库与空的上传目录"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="备份文件（jixiao_backup 写出的 .tar.gz）")
        parser.add_argument("--no-migrate", action="store_true", help="不先执行数据库迁移")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["source"])
        if not source.is_file():
            raise CommandError(f"找不到备份文件“{source}”")
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        try:
            summary = backup_restore(source)
        except ServiceError as error:
            raise CommandError(error.message) from error
        audit_record(
            action=AuditAction.RESTORE,
            summary={"file": source.name, "rows": summary.rows, "files": summary.files},
        )
        self.stdout.write(
            f"已从 {source} 恢复：{summary.tables} 张表共 {summary.rows} 行，"
            f"上传文件 {summary.files} 个"
        )
