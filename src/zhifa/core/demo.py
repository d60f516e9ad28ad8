"""`zhifa demo` is made of steps that apps register; each step is idempotent (create or refresh)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DemoReport:
    """What the steps want the person starting the demo to know (logins, counts)."""

    lines: list[str] = field(default_factory=list)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, username, password)

    def say(self, line: str) -> None:
        self.lines.append(line)


DemoStep = Callable[[DemoReport, dict[str, Any]], None]
_steps: dict[str, tuple[int, DemoStep]] = {}


def register_step(key: str, step: DemoStep, *, order: int) -> None:
    _steps[key] = (order, step)


def steps() -> list[tuple[str, DemoStep]]:
    return [(key, step) for key, (_, step) in sorted(_steps.items(), key=lambda item: item[1][0])]
