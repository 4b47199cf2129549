"""``manage.py jixiao_backup OUT.tar.gz``: the database and every uploaded file, one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from apps.backup.archive import backup_write, default_name


class Command(BaseCommand):
    help = "备份：把数据库与全部上传文件写入一个 .tar.gz 文件"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", nargs="?", default="", help="输出文件，如 backup.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"] or default_name())
        summary = backup_write(out)
        self.stdout.write(
            f"已备份到 {out}：{summary.tables} 张表共 {summary.rows} 行，"
            f"上传文件 {summary.files} 个（{summary.bytes / 1024 / 1024:.1f} MB）"
        )
