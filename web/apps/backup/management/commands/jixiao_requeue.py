"""``manage.py jixiao_requeue [--older-than 600]``: tasks left running by a worker that died
are run again by the next worker (see ``apps.backup.recovery``). Run it when starting the
workers, or every few minutes from cron."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from apps.backup.recovery import tasks_requeue_stale


class Command(BaseCommand):
    help = "把因后台进程中断而停在“运行中”的任务重新排队"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=float,
            default=600.0,
            help="运行超过多少秒视为中断（默认 600；确知没有后台进程在运行时可设为 0）",
        )
        parser.add_argument("--all", action="store_true", help="包括非幂等任务（如批量导入）")

    def handle(self, *args: Any, **options: Any) -> None:
        ids = tasks_requeue_stale(
            older_than=datetime.timedelta(seconds=options["older_than"]),
            include_all=options["all"],
        )
        self.stdout.write(f"已重新排队 {len(ids)} 个任务" + (f"：{', '.join(ids)}" if ids else ""))
