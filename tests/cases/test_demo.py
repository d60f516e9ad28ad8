"""`zhifa demo` holds cases at every stage the case engine declares, built through the real
actions, and running it again adds nothing."""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import Any

import pytest

from zhifa.cases import demo as cases_demo
from zhifa.cases.choices import CaseStatus, LeadStatus, Procedure
from zhifa.cases.demo_data import AGENCY, MARKER
from zhifa.cases.models import Case, CaseDocument, CaseEvent, Lead
from zhifa.core import context
from zhifa.core.audit.chain import verify
from zhifa.core.demo import DemoReport
from zhifa.documents import demo as documents_demo
from zhifa.lawbase import demo_data as lawbase_demo
from zhifa.lawbase.actions.laws import import_laws
from zhifa.lawbase.law_data import DATA_DIR, iter_laws
from zhifa.orgs import demo as orgs_demo
from zhifa.parties import demo as parties_demo


def _cited_laws() -> set[str]:
    matters = json.loads((DATA_DIR / "demo_matters.json").read_text(encoding="utf-8"))
    return {basis["law"] for matter in matters for basis in matter["basis"]}


def _element_centre(report: DemoReport) -> None:
    """The parts of the demo the cases stand on, without the whole law base and search index
    (the laws the demo matters cite are enough)."""
    orgs_demo.build(report, {"provinces": ["33"], "stdout": io.StringIO()})
    documents_demo.build(report, {})
    cited = _cited_laws()
    import_laws(by=None, records=(law for law in iter_laws() if any(short in law["title"] for short in cited)))
    lawbase_demo.load_demo_matters(report)
    parties_demo.build(report, {})


def _load_case_demo(report: DemoReport) -> None:
    with context.bound(context.RequestContext("test-demo", None, "cli")):
        cases_demo.build(report, {})


def _demo_cases() -> Any:
    return Case.objects.filter(agency__name=AGENCY)


# One test, because building the demo is the slow part: it is built once and checked, then run again.
@pytest.mark.django_db
def test_the_demo_holds_a_case_at_every_stage_and_running_it_again_adds_nothing():
    report = DemoReport()
    with context.bound(context.RequestContext("test-demo-setup", None, "cli")):
        _element_centre(report)
    _load_case_demo(report)

    stages = Counter(_demo_cases().values_list("status", flat=True))
    missing = [str(status.label) for status in CaseStatus if stages[status.value] == 0]
    assert missing == []
    leads = set(Lead.objects.filter(summary__contains=MARKER).values_list("status", flat=True))
    assert leads == {status.value for status in LeadStatus}
    assert set(_demo_cases().values_list("procedure", flat=True)) == {Procedure.GENERAL, Procedure.SUMMARY}

    # Reached through the actions: every demo case has its timeline, and the stages have their records.
    assert not _demo_cases().exclude(pk__in=CaseEvent.objects.values("case_id")).exists()
    assert CaseDocument.objects.filter(
        case__agency__name=AGENCY, code="penalty_decision", deliveries__served_on__isnull=False
    ).exists()
    heard = _demo_cases().get(status=CaseStatus.HEARING)
    assert heard.notices.get().hearing_clause
    assert heard.hearing.requested_on is not None
    assert _demo_cases().get(status=CaseStatus.TRANSFERRED).documents.filter(code="case_transfer_letter").exists()
    assert (
        _demo_cases().get(status=CaseStatus.NOT_REGISTERED).documents.filter(code="non_registration_approval").exists()
    )

    cases, events = _demo_cases().count(), CaseEvent.objects.count()
    again = DemoReport()
    _load_case_demo(again)
    assert (_demo_cases().count(), CaseEvent.objects.count()) == (cases, events)
    assert any("已存在" in line for line in again.lines)
    assert verify().ok
