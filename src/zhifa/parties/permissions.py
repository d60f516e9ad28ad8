from django.utils.translation import gettext_lazy as _

from zhifa.core.permissions import declare

VIEW_PARTY = declare("parties.view", _("查看当事人"))
CHANGE_PARTY = declare("parties.change", _("登记和修改当事人"))
MERGE_PARTY = declare("parties.merge", _("合并重复的当事人"))
# Personal data of parties in full, where it leaves the staff screens (API output, exports);
# everyone else gets it masked (LEGAL-RULES PI-6, ZJ-7). Granted explicitly, to administrators.
VIEW_UNMASKED_PARTY = declare("parties.view_unmasked", _("导出和接口中查看未遮蔽的当事人个人信息"))
