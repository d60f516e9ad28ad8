"""Demo cases at every stage of the procedure (built through the real actions)."""

from __future__ import annotations

from typing import Any

from zhifa.core.demo import DemoReport


def build(report: DemoReport, options: dict[str, Any]) -> None:
    from zhifa.cases.demo_data import load_demo

    load_demo(report)
