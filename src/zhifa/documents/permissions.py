from django.utils.translation import gettext_lazy as _

from zhifa.core.permissions import declare

VIEW_TEMPLATE = declare("documents.view_template", _("查看文书模板"))
MANAGE_TEMPLATE = declare("documents.manage_template", _("维护文书模板"))
