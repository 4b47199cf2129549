"""manage.py jixiao_demo: build the demo data (idempotent) and print the accounts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from apps.campaigns.demo.build import build
from apps.campaigns.demo.catalogue import BUREAU, DEMO_PASSWORD
from apps.evaluations.demo import build_key_projects
from apps.targets.demo import build_cycle


def _seed() -> Path | None:
    """The seed report beside the checkout (../shared/seeds), else the first example."""
    seeds = Path(settings.PROJECT_DIR).parent / "shared" / "seeds"
    found = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    if found:
        return found[0]
    examples = sorted((Path(settings.PROJECT_DIR) / "examples").glob("*/source.txt"))
    return examples[0] if examples else None


class Command(BaseCommand):
    help = "创建演示数据（雁川市财政局、14个单位、两个年度的报告）并列出演示账号"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="不列出账号")

    def handle(self, *args: Any, **options: Any) -> None:
        seed = _seed()
        self.stdout.write(f"演示数据：{BUREAU}（虚构）；种子报告：{seed or '无'}")
        with transaction.atomic():
            accounts = build(seed=seed, say=self.stdout.write)
            build_cycle(say=self.stdout.write)  # targets, monitoring, rectification
            accounts += build_key_projects(say=self.stdout.write)  # 财政重点绩效评价
        if options["quiet"]:
            return
        self.stdout.write(f"\n演示账号（密码均为 {DEMO_PASSWORD}）：")
        for account in accounts:
            self.stdout.write(f"  {account.username:<16} {account.role:<6} {account.scope}")
