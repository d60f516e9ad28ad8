"""Demo document templates: the shipped national set, activated."""

from __future__ import annotations

from typing import Any

from zhifa.core.demo import DemoReport


def build(report: DemoReport, options: dict[str, Any]) -> None:
    from zhifa.documents.loading import load_shipped_templates

    summary = load_shipped_templates(by=None)
    report.say(f"文书模板：新增 {summary[0]} 个版本，共 {summary[1]} 种文书。")
