from django.utils.translation import gettext_lazy as _

from zhifa.core.permissions import declare

VIEW_PARTY = declare("parties.view", _("查看当事人"))
CHANGE_PARTY = declare("parties.change", _("登记和修改当事人"))
MERGE_PARTY = declare("parties.merge", _("合并重复的当事人"))
