from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zhifa.documents.signing import SignatureCheck, ensure_agency_certificate, ensure_demo_ca, pki_dir, verify_pdf
from zhifa.orgs.models import Agency


class Command(BaseCommand):
    help = "演示电子签章证书：init 建立根证书并为各执法主体签发证书，verify 核验 PDF 签章 / demo PKI: init, verify"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("init", help="建立演示根证书，并为每个有效的执法主体签发签章证书（可重复运行）")
        check = sub.add_parser("verify", help="核验 PDF 的电子签章；不完整或不可信时以状态 1 退出")
        check.add_argument("file", type=Path, metavar="FILE.pdf")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "init":
            self._init()
            return
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        # pyHanko logs each failed check with a traceback; the check reports it in one sentence.
        logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
        logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
        check = verify_pdf(path.read_bytes())
        self._print(check)
        if not (check.intact and check.trusted):
            sys.exit(1)

    def _init(self) -> None:
        ca = ensure_demo_ca()
        self.stdout.write(
            f"根证书：{pki_dir() / 'ca.cert.pem'}（有效期至 {ca.certificate.not_valid_after_utc:%Y-%m-%d}）"
        )
        count = 0
        for agency in Agency.objects.filter(is_active=True).order_by("pk"):
            key = ensure_agency_certificate(agency)
            self.stdout.write(f"  {agency.name}：SHA-256 {key.fingerprint[:16]}…")
            count += 1
        self.stdout.write(self.style.SUCCESS(f"已为 {count} 个执法主体备好签章证书。"))

    def _print(self, check: SignatureCheck) -> None:
        yes_no = {True: "是", False: "否"}
        self.stdout.write(f"电子签章：{'有' if check.signed else '无'}")
        self.stdout.write(f"内容完整：{yes_no[check.intact]}")
        self.stdout.write(f"证书可信：{yes_no[check.trusted]}")
        if check.signer_name:
            self.stdout.write(f"签章机关：{check.signer_name}")
        if check.signed_at:
            self.stdout.write(
                f"签章时间：{timezone.localtime(check.signed_at):%Y-%m-%d %H:%M:%S}（自称时间，未经时间戳）"
            )
        for problem in check.problems:
            self.stderr.write(self.style.ERROR(f"问题：{problem}"))
        if check.ok:
            self.stdout.write(self.style.SUCCESS("签章有效。"))
