"""Demo parties: people and businesses of the demo district (synthetic identities with valid
check digits, never real people)."""

from __future__ import annotations

from typing import Any

from zhifa.core.demo import DemoReport


def build(report: DemoReport, options: dict[str, Any]) -> None:
    from zhifa.parties.demo_data import load_demo

    load_demo(report)
