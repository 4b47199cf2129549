"""``manage.py jixiao_prune_renders [--dry-run] [--grace 3600]``: remove the downloads nobody
can ask for any more.

A new file, or a new save of the data, already removes the report's earlier files; this sweeps
the rest (see ``apps.submissions.rendering.renderings_prune``). Safe to run from cron at any
time, also while the worker runs: a file younger than ``--grace`` seconds is never taken for
an orphan, since the worker writes the file a moment before it records it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from apps.submissions.rendering import ORPHAN_GRACE, renderings_prune


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count} 字节"


class Command(BaseCommand):
    help = "清理过期的生成文件（报告修改后不再提供下载的 .docx、.pdf、.xlsx）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="只统计将要清理的数量，不删除任何文件"
        )
        parser.add_argument(
            "--grace",
            type=float,
            default=ORPHAN_GRACE.total_seconds(),
            help="没有记录的文件须存在超过多少秒才清理（默认 3600，以免误删正在生成的文件）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = bool(options["dry_run"])
        pruned = renderings_prune(
            grace=datetime.timedelta(seconds=max(0.0, options["grace"])), dry_run=dry_run
        )
        if not options["verbosity"] and not dry_run:
            return  # -v 0: quiet, as at every start of ./run
        verb = "将清理" if dry_run else "已清理"
        self.stdout.write(
            f"{verb}：过期的生成文件 {pruned.stale_rows} 个，"
            f"文件已丢失的记录 {pruned.missing_rows} 条，"
            f"没有记录的文件 {pruned.orphan_files} 个；"
            f"{'可' if dry_run else '共'}释放 {_size(pruned.freed_bytes)}"
        )
        if dry_run:
            self.stdout.write("（试运行，未删除任何内容；去掉 --dry-run 后执行清理）")
