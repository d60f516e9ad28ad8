"""A progress bar for long commands (rich), silent when output is not a terminal or --quiet."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class Tick(Protocol):
    def __call__(self, done: int) -> None: ...


@contextmanager
def progress_bar(label: str, total: int | None, *, enabled: bool = True) -> Iterator[Tick]:
    if not enabled:
        yield lambda done: None
        return
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=False) as progress:
        task = progress.add_task(label, total=total)

        def tick(done: int) -> None:
            progress.update(task, completed=done)

        yield tick
        progress.update(task, completed=total if total is not None else progress.tasks[0].completed)
