from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zhifa.core import context
from zhifa.orgs.actions.accounts import create_api_token
from zhifa.orgs.models import User


class Command(BaseCommand):
    help = "为账户创建 API 令牌（只显示一次）/ create an API token for a user (shown once)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")
        parser.add_argument("--days", type=int, default=90, help="有效天数，0 为永久")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"没有账户 {options['username']}")
        expires = timezone.now() + dt.timedelta(days=options["days"]) if options["days"] else None
        with context.fresh("cli"):
            _, raw = create_api_token(by=user, name=options["name"], expires_at=expires)
        self.stdout.write(raw)
