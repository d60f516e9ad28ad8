"""Issuing and revoking 执法证."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.core.errors import InvalidInput
from zhifa.core.snapshot import snapshot
from zhifa.core.validation import integrity_as_invalid, validate
from zhifa.orgs import permissions as perms
from zhifa.orgs.events import CREDENTIAL_ISSUED, CREDENTIAL_REVOKED, audit
from zhifa.orgs.models import Credential, Domain, Officer
from zhifa.orgs.policy import forget_principal, require

FIELDS = ["officer", "number", "domain", "valid_from", "valid_to"]


@transaction.atomic
def issue_credential(
    *, by: Any | None, officer: Officer, number: str, domain: Domain, valid_from: dt.date, valid_to: dt.date
) -> Credential:
    credential = Credential(
        officer=officer, number=number.strip(), domain=domain, valid_from=valid_from, valid_to=valid_to
    )
    if by is not None:
        require(by, perms.MANAGE_CREDENTIAL, credential)
    if valid_to < valid_from:
        raise InvalidInput(_("有效期的结束日期不能早于开始日期。"), fields={"valid_to": [_("应不早于开始日期。")]})
    validate(credential)
    with integrity_as_invalid(_("该执法证号已存在。")):
        credential.save()
    forget_principal(officer.user)
    audit(CREDENTIAL_ISSUED, by=by, obj=credential, changes={"new": snapshot(credential, FIELDS)})
    return credential


@transaction.atomic
def revoke_credential(credential: Credential, *, by: Any | None, reason: str) -> Credential:
    if by is not None:
        require(by, perms.MANAGE_CREDENTIAL, credential)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("注销执法证须写明原因。"), fields={"reason": [_("必填。")]})
    updated = Credential.objects.filter(pk=credential.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason
    )
    if updated == 0:
        raise InvalidInput(_("该执法证已经注销。"), code="already_revoked")
    credential.refresh_from_db()
    forget_principal(credential.officer.user)
    audit(CREDENTIAL_REVOKED, by=by, obj=credential, changes={"reason": reason})
    return credential
