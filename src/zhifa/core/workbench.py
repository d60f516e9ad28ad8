"""The workbench home page is made of panels and task lists that apps contribute.

A panel is a small block (my agency, my credential); a task source yields the user's to-dos with
due dates (cases to handle, incidents to dispatch), which the workbench merges by due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise


@dataclass(frozen=True)
class Panel:
    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TaskItem:
    title: str
    url: str
    due: dt.datetime | None = None
    severity: str = ""  # "", "yellow" or "red"
    source: str = ""


PanelFactory = Callable[[HttpRequest], Panel | None]
TaskSource = Callable[[Any], list[TaskItem]]

_panels: dict[str, tuple[int, PanelFactory]] = {}
_task_sources: dict[str, TaskSource] = {}


def register_panel(key: str, factory: PanelFactory, *, order: int = 100) -> None:
    _panels[key] = (order, factory)


def register_task_source(key: str, source: TaskSource) -> None:
    _task_sources[key] = source


def panels_for(request: HttpRequest) -> list[Panel]:
    built = (factory(request) for _, factory in sorted(_panels.values(), key=lambda entry: entry[0]))
    return [panel for panel in built if panel is not None]


def tasks_for(user: Any, limit: int = 50) -> list[TaskItem]:
    items = [item for source in _task_sources.values() for item in source(user)]
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(items, key=lambda item: item.due or far)[:limit]
