from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zhifa.cases.rules import REGISTRY


class Command(BaseCommand):
    help = "列出案件引擎的全部法律规则 / list every legal rule of the case engine"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        listing = sub.add_parser("list", help="以表格列出规则编号、类型、环节和依据")
        listing.add_argument("--group", default="", help="只列某一组（A–L）")
        listing.add_argument("--format", choices=["table", "markdown"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = [r for r in REGISTRY if not options["group"] or r.group == options["group"].upper()]
        if options["format"] == "markdown":
            self.stdout.write("| id | group | kind | steps | title | citation |")
            self.stdout.write("|---|---|---|---|---|---|")
            for r in rows:
                kind = f"{r.kind}{' (UNVERIFIED)' if r.unverified else ''}"
                steps = ", ".join(r.steps) or (r.period and f"period {r.period}") or ""
                self.stdout.write(f"| {r.id} | {r.group} | {kind} | {steps} | {r.title} | {r.citation} |")
            return
        for r in rows:
            kind = str(r.kind).upper() + ("*" if r.unverified else "")
            steps = ", ".join(r.steps) or (f"期间 {r.period}" if r.period else "")
            self.stdout.write(f"{r.id:<8} {r.group}  {kind:<9} {str(r.title)}")
            self.stdout.write(f"{'':<11}{r.citation}")
            if steps:
                self.stdout.write(f"{'':<11}{steps}")
        self.stdout.write(f"\n{len(REGISTRY.ids())} 条规则，{len(rows)} 项检查（* 为未经核实、仅作提示）。")
