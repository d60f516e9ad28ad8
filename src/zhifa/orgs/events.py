"""Audit kinds of the org tree and accounts, and the helper that stamps the actor's agency."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.core import audit as core_audit
from zhifa.core.audit.kinds import AuditKind, audit_kind
from zhifa.core.models import AuditEntry

REGIONS_IMPORTED = audit_kind("orgs.regions.imported", _("导入行政区划"))
DOMAIN_SAVED = audit_kind("orgs.domain.saved", _("保存执法领域"))
AGENCY_CREATED = audit_kind("orgs.agency.created", _("新增执法主体"))
AGENCY_CHANGED = audit_kind("orgs.agency.changed", _("修改执法主体"))
TEAM_CREATED = audit_kind("orgs.team.created", _("新增执法队伍"))
TEAM_CHANGED = audit_kind("orgs.team.changed", _("修改执法队伍"))
OFFICER_CREATED = audit_kind("orgs.officer.created", _("新增执法人员"))
OFFICER_CHANGED = audit_kind("orgs.officer.changed", _("修改执法人员"))
ROLES_CHANGED = audit_kind("orgs.officer.roles_changed", _("调整角色"))
CREDENTIAL_ISSUED = audit_kind("orgs.credential.issued", _("发放执法证"), "《中华人民共和国行政处罚法》第四十二条")
CREDENTIAL_REVOKED = audit_kind("orgs.credential.revoked", _("注销执法证"), "《中华人民共和国行政处罚法》第四十二条")
SIGNED_IN = audit_kind("auth.signed_in", _("登录"))
SIGN_IN_FAILED = audit_kind("auth.sign_in_failed", _("登录失败"))
ACCOUNT_LOCKED = audit_kind("auth.account_locked", _("账户锁定"))
SIGNED_OUT = audit_kind("auth.signed_out", _("退出登录"))
PASSWORD_CHANGED = audit_kind("auth.password_changed", _("修改密码"))
PASSWORD_RESET = audit_kind("auth.password_reset", _("管理员重置密码"))
TOTP_ENROLLED = audit_kind("auth.totp_enrolled", _("启用动态口令"))
TOTP_REMOVED = audit_kind("auth.totp_removed", _("停用动态口令"))
TOKEN_CREATED = audit_kind("auth.token_created", _("创建 API 令牌"))
TOKEN_REVOKED = audit_kind("auth.token_revoked", _("撤销 API 令牌"))
ORG_TREE_SEEDED = audit_kind("orgs.seeded", _("批量生成组织数据"))


def audit(
    kind: AuditKind,
    *,
    by: Any | None,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    object_repr: str | None = None,
) -> AuditEntry:
    """Record an action in the audit chain, on behalf of the actor's agency."""
    from zhifa.orgs.policy import principal_of

    who = principal_of(by) if by is not None else None
    return core_audit.record(
        kind,
        by=by,
        obj=obj,
        agency_id=who.agency_id if who else None,
        agency_name=who.agency_name if who else "",
        changes=changes,
        object_repr=object_repr,
    )
