"""Reads of the case engine that are more than a filter (rules and views use them)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import F, QuerySet

from zhifa.cases.choices import Outcome, ReviewKind, ReviewResult
from zhifa.cases.models import (
    Case,
    CaseOfficer,
    Decision,
    Delivery,
    HearingThreshold,
    Notice,
    Report,
    Review,
)
from zhifa.core.calendar.periods import add_years
from zhifa.lawbase.models import DiscretionBenchmark
from zhifa.lawbase.selectors import benchmark_in_force
from zhifa.orgs.models import Agency, Credential, Officer
from zhifa.parties.identity import age_on

DEFAULT_THRESHOLD = (Decimal("10000"), Decimal("100000"))  # 市场监管 figures, UNVERIFIED (LP-63)


def valid_credential(officer: Officer, domain_id: int, day: dt.date) -> Credential | None:
    for credential in Credential.objects.filter(officer=officer, domain_id=domain_id, revoked_at__isnull=True):
        if credential.valid_from <= day <= credential.valid_to:
            return credential
    return None


def handlers(case: Case) -> list[CaseOfficer]:
    return list(case.handlers.filter(active=True).select_related("officer__user"))


def handler_ids(case: Case) -> set[int]:
    return set(case.handlers.filter(active=True).values_list("officer_id", flat=True))


def handler_user_ids(case: Case) -> set[int]:
    return set(case.handlers.filter(active=True).values_list("officer__user_id", flat=True))


def latest_report(case: Case) -> Report | None:
    return case.reports.order_by("-created_at", "-id").first()


def served_notice(case: Case) -> Notice | None:
    return case.notices.filter(served_on__isnull=False).order_by("-served_on", "-id").first()


def latest_notice(case: Case) -> Notice | None:
    return case.notices.order_by("-id").first()


def reviews(case: Case, kind: str | None = None) -> QuerySet[Review]:
    found = case.reviews.all()
    return found.filter(kind=kind) if kind else found


def latest_review(case: Case, kind: str | None = None) -> Review | None:
    return reviews(case, kind).exclude(result="").order_by("-reviewed_on", "-id").first()


def passed_legal_review(case: Case, after: dt.date | None = None) -> Review | None:
    found = reviews(case, ReviewKind.LEGAL).filter(result=ReviewResult.PASSED)
    if after is not None:
        found = found.filter(reviewed_on__gte=after)
    return found.order_by("-reviewed_on").first()


def limitation_ends(case: Case) -> dt.date:
    """行政处罚法 第三十六条: 2 years, or 5 where the act concerns citizens' life and health safety or
    financial safety and had harmful consequences; counted from the end of a continuing act."""
    start = case.act_end_date if case.act_continuing and case.act_end_date else case.act_date
    years = 5 if case.life_health_financial and case.harmful_consequences else 2
    return add_years(start, years)


def age_at_act(case: Case) -> int | None:
    if not case.party.is_individual or case.party.birth_date is None:
        return None
    return age_on(case.party.birth_date, case.act_date)


def benchmark_for(case: Case) -> DiscretionBenchmark | None:
    """The benchmark in force on the date of the violation, for the agency's region."""
    return benchmark_in_force(case.matter, case.act_date, case.region_path)


class HearingLimits(NamedTuple):
    """较大数额 in force for a case: fines to an individual and to an organisation, and (when the
    rule sets its own figure) the value of confiscated gains; None means the fine figure applies."""

    individual: Decimal
    organisation: Decimal
    confiscation: Decimal | None = None


def hearing_threshold(case: Case) -> HearingLimits:
    """The region's own row first, then its province's, then the nationwide row or the default."""
    rows = HearingThreshold.objects.filter(domain_id=case.domain_id).select_related("region")
    matching = [r for r in rows if r.region is None or case.region_path.startswith(r.region.path)]
    if not matching:
        return HearingLimits(*DEFAULT_THRESHOLD)
    best = max(matching, key=lambda r: len(r.region.path) if r.region else 0)
    return HearingLimits(best.individual, best.organisation, best.confiscation)


def same_act_fined(case: Case) -> Case | None:
    """Another case that fined this party for the same act (same day, same place): 一事不再罚."""
    from zhifa.cases.penalty import Penalty

    others = (
        Case.objects.filter(party=case.party, act_date=case.act_date, act_place=case.act_place)
        .exclude(pk=case.pk)
        .filter(decision__outcome=Outcome.PENALTY)
        .select_related("decision")
    )
    return next((other for other in others if Penalty.from_json(other.decision.penalty).has_fine), None)


def decision_delivery(case: Case) -> Delivery | None:
    decision = Decision.objects.filter(case=case).first()
    if decision is None or decision.document_id is None:
        return None
    return (
        case.deliveries.filter(document_id=decision.document_id, served_on__isnull=False).order_by("served_on").first()
    )


def form_number_problem(agency: Agency, form_number: str) -> str | None:
    """LP-52: the form number must come from a range the agency issued, and be unused."""
    from django.utils.translation import gettext as _

    from zhifa.cases.models import SummaryFormRange

    form_number = form_number.strip()
    if not form_number:
        return _("须填写当场处罚决定书的预印编号。")
    for issued in SummaryFormRange.objects.filter(agency=agency):
        tail = form_number.removeprefix(issued.prefix)
        if not (form_number.startswith(issued.prefix) and tail.isascii() and tail.isdigit()):
            continue
        serial = int(tail)
        if issued.first <= serial <= issued.last:
            if _form_used(agency, issued.prefix, serial):
                return _("编号 %(number)s 的决定书已经使用。") % {"number": form_number}
            return None
    return _("编号 %(number)s 不在本机关发放的当场处罚决定书号段内。") % {"number": form_number}


def _form_used(agency: Agency, prefix: str, serial: int) -> bool:
    """Form No. `serial` is used however its number was written (杭环西简3 = 杭环西简000003)."""
    spelled = rf"^{re.escape(prefix)}0*{serial}$"
    return Case.objects.filter(agency=agency, number__regex=spelled).exists()


def public_document(case_code: str, verify_code: str) -> Any:
    from zhifa.cases.models import CaseDocument

    return (
        CaseDocument.objects.select_related("case__agency")
        .filter(case__case_code=case_code, verify_code=verify_code)
        .first()
    )


def electronic_delivery(token: str) -> Any:
    """The electronic delivery a party's link names, if any (read only: opening it is an action)."""
    from zhifa.cases.choices import DeliveryMethod
    from zhifa.cases.models import Delivery

    return (
        Delivery.objects.select_related("document__case").filter(token=token, method=DeliveryMethod.ELECTRONIC).first()
    )


def reviewers_for(case: Case) -> QuerySet[Any]:
    """Staff of the case's agency the file may be sent to, those whose role reviews first. No one
    is hidden: `request_review` refuses a handler citing MP-49 (办案人员不得作为审核人员) and a
    person without the reviewing role with that reason, rather than an unexplained invalid choice."""
    from django.db.models import Exists, OuterRef

    from zhifa.cases.permissions import REVIEW_CASE
    from zhifa.orgs.models import RoleGrant, User
    from zhifa.orgs.policy import GRANTS

    roles = [role for role, grants in GRANTS.items() if REVIEW_CASE in grants]
    reviews = RoleGrant.objects.filter(officer__user=OuterRef("pk"), role__in=roles)
    return (
        User.objects.filter(officer__agency_id=case.agency_id, is_active=True)
        .annotate(reviews=Exists(reviews))
        .order_by("-reviews", "pk")
        .distinct()
    )


def approvers_for(case: Case) -> QuerySet[Any]:
    """Users of the case's agency whose role lets them approve its steps (the heads)."""
    from zhifa.cases.permissions import APPROVE_CASE
    from zhifa.orgs.models import User
    from zhifa.orgs.policy import GRANTS

    roles = [role for role, grants in GRANTS.items() if APPROVE_CASE in grants]
    return User.objects.filter(
        officer__agency_id=case.agency_id, officer__role_grants__role__in=roles, is_active=True
    ).distinct()


# Where a case waits for the head (立案审批, 决定, 结案) rather than for its handlers.
AWAITING_HEAD = ("registration_pending", "reviewed", "notified", "hearing", "executing")


def my_cases(
    user: Any, *, query: str = "", status: str = "", limit: int = 200, everything: bool = False
) -> list[dict[str, Any]]:
    """The user's open cases ordered by the nearest deadline (red and yellow first): those they
    handle, those awaiting their review, and for a head those awaiting a decision of the head.
    `everything`: every case the user may see (a supervisor's or head's overview)."""
    from django.db.models import Min, Q
    from django.utils import timezone

    from zhifa.cases.actions.deadlines import severity
    from zhifa.cases.choices import OPEN_STATUSES, DeadlineState
    from zhifa.cases.permissions import APPROVE_CASE, VIEW_CASE
    from zhifa.orgs.policy import decide

    cases = Case.objects.restrict(user, VIEW_CASE).select_related("party", "matter")
    cases = cases.filter(status=status) if status else cases.filter(status__in=OPEN_STATUSES)
    if not everything:
        mine = Q(handlers__officer__user=user, handlers__active=True) | Q(reviews__reviewer=user, reviews__result="")
        if decide(user, APPROVE_CASE).allowed:
            mine |= Q(status__in=AWAITING_HEAD)
        cases = cases.filter(pk__in=Case.objects.filter(mine).values("pk"))
    if query:
        cases = cases.filter(Q(number__contains=query) | Q(title__contains=query) | Q(party__name__contains=query))
    cases = cases.annotate(next_due=Min("deadlines__due", filter=Q(deadlines__state=DeadlineState.OPEN)))
    today = timezone.localdate()
    rows = []
    for case in cases.order_by(F("next_due").asc(nulls_last=True), "-id")[:limit]:
        deadline = case.deadlines.filter(state=DeadlineState.OPEN).order_by("due").first()
        rows.append({"case": case, "deadline": deadline, "severity": severity(deadline, today) if deadline else ""})
    return rows


def case_page_data(case: Case) -> dict[str, Any]:
    return {
        "handlers": handlers(case),
        "events": _labelled(list(case.events.order_by("-seq")[:200])),
        "documents": list(case.documents.order_by("id").prefetch_related("deliveries")),
        "deadlines": list(case.deadlines.exclude(state="cancelled").order_by("state", "due")),
        "warnings": list(case.warnings.order_by("-raised_at")[:50]),
        "statements": list(case.statements.all()),
        "report": latest_report(case),
        "decision": getattr(case, "decision", None),
        "evidence": list(case.evidence.all()),
        "transcripts": list(case.transcripts.all()),
        "case_file": getattr(case, "case_file", None),
    }


def _labelled(events: list[Any]) -> list[Any]:
    from zhifa.cases.events import STEPS

    for event in events:
        kind = STEPS.get(event.kind)
        event.label = str(kind.label) if kind else event.kind
    return events


def own_agency(user: Any) -> Agency:
    """The agency a user acts for; a user without one (a supervisor) cannot open work."""
    from django.utils.translation import gettext as _

    from zhifa.core.errors import PermissionDenied
    from zhifa.core.scoping import fetch_for
    from zhifa.orgs.permissions import VIEW_AGENCY
    from zhifa.orgs.policy import principal_of

    who = principal_of(user)
    if who is None or who.agency_id is None:
        raise PermissionDenied(_("只有执法机关的工作人员可以登记线索或办理案件。"))
    return fetch_for(Agency, user, VIEW_AGENCY, pk=who.agency_id)
