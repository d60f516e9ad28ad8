"""The `zhifa` console command wraps Django's and adds zhifa's own."""

from __future__ import annotations

import subprocess
import sys


def test_help_lists_zhifas_commands():
    result = subprocess.run(
        [sys.executable, "-m", "zhifa.cli", "--help"], capture_output=True, text=True, check=True, timeout=60
    )
    for command in ("demo", "seed", "audit", "regions", "serve", "db_worker", "migrate"):
        assert command in result.stdout


def test_audit_help_shows_verify():
    result = subprocess.run(
        [sys.executable, "-m", "zhifa.cli", "audit", "--help"], capture_output=True, text=True, check=True, timeout=60
    )
    assert "verify" in result.stdout
