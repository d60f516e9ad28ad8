"""Permission codes of the element centre. Roles and scopes: orgs.policy."""

from django.utils.translation import gettext_lazy as _

from zhifa.core.permissions import declare

VIEW_LAWBASE = declare("lawbase.view", _("查看执法要素"))
MANAGE_LAWBASE = declare("lawbase.manage", _("维护执法事项和裁量基准"))
ASSIGN_MATTER = declare("lawbase.assign_matter", _("配置主体执法事项"))
