from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from zhifa.core import context
from zhifa.core.demo import DemoReport, steps
from zhifa.core.errors import DomainError


class Command(BaseCommand):
    help = "创建或刷新演示数据（幂等）/ create or refresh the demo data (idempotent)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--provinces",
            default="",
            help="只导入这些省的区划（如 33,35）；默认全国 / only these provinces' regions (default: all)",
        )
        parser.add_argument(
            "--force", action="store_true", help="在非演示环境也运行 / run outside a demo settings module"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and "production" in settings.SETTINGS_MODULE and not options["force"]:
            raise CommandError("拒绝在生产环境写入演示数据（如确需，请加 --force）。")
        report = DemoReport()
        with context.fresh("cli"):
            for key, step in steps():
                self.stdout.write(f"· {key}")
                try:
                    with transaction.atomic():
                        step(
                            report,
                            {"provinces": [p for p in options["provinces"].split(",") if p], "stdout": self.stdout},
                        )
                except DomainError as error:
                    raise CommandError(f"{key}: {error.message} {error.fields or ''}") from error
        for line in report.lines:
            self.stdout.write(line)
        if report.logins:
            self.stdout.write(self.style.SUCCESS("演示账户 / demo logins:"))
            for role, username, password in report.logins:
                self.stdout.write(f"  {username:<12} {password:<16} {role}")
