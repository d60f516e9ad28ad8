from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhifa.core.audit.chain import verify
from zhifa.core.models import AuditChainHead
from zhifa.core.progress import progress_bar


class Command(BaseCommand):
    help = "审计链：verify 校验整条链，head 打印链头 / the audit chain: verify it, or print its head"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        check = sub.add_parser("verify", help="逐条校验哈希链；发现问题时以非零状态退出")
        check.add_argument("--chain", default="main")
        check.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="SEQ:HASH",
            help="外部留存的链头（可多次）；链被整体重写时据此发现",
        )
        check.add_argument("--quiet", action="store_true")
        head = sub.add_parser("head", help="打印链头（序号:哈希），可抄存到外部作为锚点")
        head.add_argument("--chain", default="main")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "head":
            head = AuditChainHead.objects.filter(name=options["chain"]).first()
            self.stdout.write(f"{head.seq}:{head.hash}" if head else "0:" + "0" * 64)
            return
        anchors: dict[int, str] = {}
        for anchor in options["anchor"]:
            seq, _, digest = anchor.partition(":")
            if not seq.isdigit() or len(digest) != 64:
                raise CommandError(f"锚点格式应为 序号:64位哈希，收到 {anchor!r}")
            anchors[int(seq)] = digest
        head = AuditChainHead.objects.filter(name=options["chain"]).first()
        show = not options["quiet"] and sys.stdout.isatty()
        with progress_bar("校验审计链", head.seq if head else 0, enabled=show) as tick:
            result = verify(options["chain"], anchors=anchors, on_progress=tick)
        if result.ok:
            self.stdout.write(
                self.style.SUCCESS(f"审计链完好：共 {result.checked} 条，链头 {result.head_seq}:{result.head_hash}")
            )
            return
        self.stderr.write(self.style.ERROR(f"审计链被破坏：{result.problem}"))
        self.stderr.write(f"此前 {result.checked} 条完好。")
        sys.exit(1)
