from django.utils.translation import gettext_lazy as _

from zhifa.core.audit.kinds import audit_kind

TEMPLATE_SAVED = audit_kind("documents.template.saved", _("保存文书模板"))
TEMPLATE_ACTIVATED = audit_kind("documents.template.activated", _("启用文书模板版本"))
