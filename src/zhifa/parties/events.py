from django.utils.translation import gettext_lazy as _

from zhifa.core.audit.kinds import audit_kind

PARTY_CREATED = audit_kind("parties.party.created", _("登记当事人"))
PARTY_CHANGED = audit_kind("parties.party.changed", _("修改当事人"))
PARTY_MERGED = audit_kind("parties.party.merged", _("合并当事人"))
PARTIES_IMPORTED = audit_kind("parties.imported", _("批量导入当事人"))
