"""执法人员, their roles and their 执法证."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.core.models import TimestampedModel, VersionedModel
from zhifa.core.scoping import Jurisdiction, JurisdictionQuerySet
from zhifa.orgs.choices import Role


class Officer(VersionedModel):
    """A user who belongs to an agency (and perhaps one of its teams).

    Supervisors and dispatchers are officers too: of a 司法局 or a command centre. What they may
    see follows from the agency's region; what they may do, from their roles.
    """

    user = models.OneToOneField("orgs.User", verbose_name=_("账户"), on_delete=models.PROTECT, related_name="officer")
    agency = models.ForeignKey(
        "orgs.Agency", verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="officers"
    )
    team = models.ForeignKey(
        "orgs.Team",
        verbose_name=_("执法队伍"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
    )
    is_active = models.BooleanField(_("在岗"), default=True)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction(
        agency="agency_id", region="agency__region__path", team="team_id", owner="user_id", domain="agency__domain_id"
    )

    class Meta:
        verbose_name = _("执法人员")
        verbose_name_plural = _("执法人员")
        ordering = ["agency_id", "id"]

    def __str__(self) -> str:
        return self.user.display_name

    @property
    def roles(self) -> set[str]:
        return {grant.role for grant in self.role_grants.all()}

    def valid_credential(self, on: dt.date, domain_id: int | None = None) -> Credential | None:
        for credential in self.credentials.all():
            if credential.is_valid_on(on) and (domain_id is None or credential.domain_id == domain_id):
                return credential
        return None


class RoleGrant(models.Model):
    """One role held by one officer; the permission policy reads these."""

    officer = models.ForeignKey("orgs.Officer", on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(_("授予时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        constraints = [models.UniqueConstraint(fields=["officer", "role"], name="role_grant_unique")]

    def __str__(self) -> str:
        return self.get_role_display()


class Credential(TimestampedModel):
    """An enforcement credential (行政执法证件): without a valid one an officer may look, not act.

    行政处罚法 第四十二条: penalties are imposed by officers who hold enforcement qualifications; a
    credential is valid from `valid_from` to `valid_to` inclusive, unless revoked.
    """

    officer = models.ForeignKey(
        "orgs.Officer", verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="credentials"
    )
    number = models.CharField(_("执法证号"), max_length=40, unique=True)
    domain = models.ForeignKey(
        "orgs.Domain", verbose_name=_("执法领域"), on_delete=models.PROTECT, related_name="credentials"
    )
    valid_from = models.DateField(_("有效期自"))
    valid_to = models.DateField(_("有效期至"))
    revoked_at = models.DateTimeField(_("注销时间"), null=True, blank=True)
    revoked_reason = models.CharField(_("注销原因"), max_length=200, blank=True)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction(
        agency="officer__agency_id",
        region="officer__agency__region__path",
        team="officer__team_id",
        owner="officer__user_id",
        domain="domain_id",
    )

    class Meta:
        verbose_name = _("执法证")
        verbose_name_plural = _("执法证")
        ordering = ["officer_id", "-valid_to"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")), name="credential_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.number

    def is_valid_on(self, on: dt.date) -> bool:
        return self.revoked_at is None and self.valid_from <= on <= self.valid_to
