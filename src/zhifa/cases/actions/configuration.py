"""Settings of the case engine that an administrator keeps: hearing thresholds (较大数额) and the
number ranges of pre-printed on-the-spot decision forms."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.cases.actions.common import allowed
from zhifa.cases.events import FORM_RANGE_ISSUED, THRESHOLD_SET
from zhifa.cases.models import HearingThreshold, SummaryFormRange
from zhifa.cases.permissions import CONFIGURE_CASES
from zhifa.core.errors import InvalidInput
from zhifa.core.validation import validate
from zhifa.orgs.events import audit
from zhifa.orgs.models import Agency, Domain, Officer, Region


@transaction.atomic
def set_hearing_threshold(
    *,
    by: Any,
    domain: Domain,
    region: Region | None,
    individual: Decimal,
    organisation: Decimal,
    source: str,
    confiscation: Decimal | None = None,
    unverified: bool = True,
) -> HearingThreshold:
    """Create or replace the threshold of one domain in one region (None: nationwide)."""
    threshold = HearingThreshold.objects.select_for_update().filter(domain=domain, region=region).first()
    threshold = threshold or HearingThreshold(domain=domain, region=region)
    allowed(by, CONFIGURE_CASES, threshold)
    figures = ("individual", "organisation", "confiscation")
    before = {name: getattr(threshold, name) for name in figures} if threshold.pk else {}
    for name, value in {"individual": individual, "organisation": organisation}.items():
        if value is None or value <= 0:
            raise InvalidInput(_("较大数额须为正数。"), fields={name: [_("须为正数。")]})
    if confiscation is not None and confiscation <= 0:
        raise InvalidInput(_("较大数额须为正数。"), fields={"confiscation": [_("须为正数。")]})
    threshold.individual, threshold.organisation, threshold.confiscation = individual, organisation, confiscation
    threshold.source, threshold.unverified = source.strip(), unverified
    validate(threshold)
    threshold.save()
    audit(
        THRESHOLD_SET,
        by=by,
        obj=threshold,
        changes={
            "before": before,
            "individual": individual,
            "organisation": organisation,
            "confiscation": confiscation,
            "source": source,
        },
    )
    return threshold


@transaction.atomic
def issue_form_range(
    *, by: Any, agency: Agency, prefix: str, first: int, last: int, issued_to: Officer | None = None
) -> SummaryFormRange:
    """Record a batch of numbered on-the-spot forms; ranges under one prefix may not overlap."""
    issued = SummaryFormRange(agency=agency, prefix=prefix.strip(), first=first, last=last, issued_to=issued_to)
    allowed(by, CONFIGURE_CASES, issued)
    if first < 1 or last < first:
        raise InvalidInput(_("终止号不能小于起始号。"), fields={"last": [_("终止号不能小于起始号。")]})
    if issued_to is not None and issued_to.agency_id != agency.pk:
        raise InvalidInput(_("领用人须是本机关人员。"), fields={"issued_to": [_("领用人须是本机关人员。")]})
    overlapping = (
        SummaryFormRange.objects.select_for_update()
        .filter(agency=agency, prefix=issued.prefix, first__lte=last, last__gte=first)
        .first()
    )
    if overlapping is not None:
        message = _("与已发放的号段 %(range)s 重叠。") % {"range": str(overlapping)}
        raise InvalidInput(message, fields={"first": [message]})
    validate(issued)
    issued.save()
    audit(FORM_RANGE_ISSUED, by=by, obj=issued, changes={"range": str(issued), "issued_to": str(issued_to or "")})
    return issued
