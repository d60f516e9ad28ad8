"""The law base's background work, queued by the schedule (`ZHIFA_SCHEDULE`)."""

from __future__ import annotations

from django.tasks import task

from zhifa.core import context


@task()
def refresh_in_force() -> int:
    """The daily in-force refresh of the search index (`zhifa lawbase reindex --due`): returns how
    many matters and benchmarks were rewritten."""
    from zhifa.lawbase.actions import search_index

    with context.fresh("task"):
        return search_index.refresh_in_force()
