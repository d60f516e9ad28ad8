from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zhifa.core.table_command import add_import_arguments, run_import
from zhifa.core.tabular import write_rows
from zhifa.parties.actions.imports import import_parties
from zhifa.parties.models import Party
from zhifa.parties.tables import PARTY_TABLE, party_rows


class Command(BaseCommand):
    help = "当事人的导入导出 / import and export parties"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        add_import_arguments(sub.add_parser("import", help="从 .xlsx/.csv 导入当事人"))
        export = sub.add_parser("export", help="把当事人导出为 .xlsx/.csv（个人信息默认遮蔽）")
        export.add_argument("file")
        export.add_argument(
            "--unmasked", action="store_true", help="导出完整的证件号码、姓名和联系方式（可再导入；注意保密）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "import":
            run_import(PARTY_TABLE, options, self.stdout, import_parties)
        else:
            rows = party_rows(Party.objects.order_by("id"), unmasked=options["unmasked"])
            count = write_rows(PARTY_TABLE, rows, Path(options["file"]))
            self.stdout.write(f"导出当事人 {count} 个到 {options['file']}")
