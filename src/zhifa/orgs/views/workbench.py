"""The org tree's panels on the workbench: my agency, my credentials and their expiry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.core.workbench import Panel
from zhifa.orgs.models import Credential
from zhifa.orgs.selectors import officer_of, region_full_name


@dataclass(frozen=True)
class CredentialStatus:
    credential: Credential
    state: str  # valid, expiring, expired, revoked, pending
    label: str
    days_left: int | None


def credential_status(credential: Credential, today: dt.date) -> CredentialStatus:
    if credential.revoked_at is not None:
        return CredentialStatus(credential, "revoked", _("已注销"), None)
    if credential.valid_from > today:
        return CredentialStatus(credential, "pending", _("尚未生效"), None)
    days_left = (credential.valid_to - today).days
    if days_left < 0:
        return CredentialStatus(credential, "expired", _("已过期"), days_left)
    if days_left <= settings.ZHIFA_CREDENTIAL_WARNING_DAYS:
        return CredentialStatus(credential, "expiring", _("%(days)s 天后到期") % {"days": days_left}, days_left)
    return CredentialStatus(credential, "valid", _("有效"), days_left)


def my_agency_panel(request: HttpRequest) -> Panel | None:
    officer = officer_of(request.user)
    if officer is None:
        return None
    return Panel(
        title=gettext_lazy("我的单位"),
        template="orgs/panels/my_agency.html",
        context={
            "officer": officer,
            "region_name": region_full_name(officer.agency.region),
            "roles": sorted(grant.get_role_display() for grant in officer.role_grants.all()),
        },
    )


def credential_panel(request: HttpRequest) -> Panel | None:
    officer = officer_of(request.user)
    if officer is None:
        return None
    today = timezone.localdate()
    statuses = [credential_status(c, today) for c in officer.credentials.all()]
    can_act = any(s.state in {"valid", "expiring"} for s in statuses)
    return Panel(
        title=gettext_lazy("我的执法证"),
        template="orgs/panels/credential.html",
        context={"statuses": statuses, "can_act": can_act},
    )
