from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from zhifa.api.main import api

COMMITTED = Path(settings.PACKAGE_DIR) / "api" / "openapi.json"


def current_document() -> str:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "打印、写入或核对 OpenAPI 文档 / print, write or check the committed OpenAPI document"

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--write", action="store_true", help=f"写入 {COMMITTED.name}")
        group.add_argument("--check", action="store_true", help="与已提交的文档不一致时失败")

    def handle(self, *args: Any, **options: Any) -> None:
        document = current_document()
        if options["write"]:
            COMMITTED.write_text(document, encoding="utf-8")
            self.stdout.write(f"wrote {COMMITTED}")
        elif options["check"]:
            committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
            if committed != document:
                self.stderr.write("OpenAPI 文档与代码不一致：运行 zhifa openapi --write 并提交。")
                sys.exit(1)
            self.stdout.write("OpenAPI 文档一致。")
        else:
            self.stdout.write(document)
