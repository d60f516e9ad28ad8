"""The case engine's background work (DESIGN.md §2): run by `zhifa db_worker`, which `zhifa
serve` starts beside the web server. Each task binds a context of its own (`context.fresh`), so
that the audit entries of the action it calls say they came from the worker."""

from __future__ import annotations

from django.tasks import task

from zhifa.core import context


@task()
def build_case_file(case_id: int) -> str:
    """Build and record the electronic case file of an archived case (归档)."""
    from zhifa.cases.actions import case_files

    with context.fresh("task"):
        return case_files.build_case_file(case_id)


@task()
def sweep_deadlines() -> int:
    """The daily deadline watch (`zhifa deadlines sweep`): returns how many preservations lapsed."""
    from zhifa.cases.actions.investigation import lapse_overdue_preservations

    with context.fresh("task"):
        return lapse_overdue_preservations()


@task()
def sweep_case_files() -> int:
    """The case-file sweep (`zhifa casefiles sweep`): returns how many builds were asked for again."""
    from zhifa.cases.actions import case_files

    with context.fresh("task"):
        return case_files.sweep_case_files()


@task()
def render_document_pdf(document_id: int) -> None:
    """Render (and sign) the PDF of a document a step issued (`issue_document`)."""
    from zhifa.cases.actions.documents import produce_pdf

    with context.fresh("task"):
        produce_pdf(document_id)
