"""Demo data of the element centre: the real law base, a Zhejiang matter catalogue tied to real
articles, holdings of the demo agencies, discretion benchmarks and typical cases."""

from __future__ import annotations

from typing import Any

from zhifa.core.demo import DemoReport


def build(report: DemoReport, options: dict[str, Any]) -> None:
    from zhifa.lawbase.demo_data import load_demo

    load_demo(report, options)
