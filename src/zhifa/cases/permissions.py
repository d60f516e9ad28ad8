"""Permission codes of the case engine. Roles and scopes: orgs.policy."""

from django.utils.translation import gettext_lazy as _

from zhifa.core.permissions import declare

VIEW_CASE = declare("cases.view", _("查看案件"))
# Investigating, recording, issuing: an enforcement act, so a valid 执法证 for the case's domain.
HANDLE_CASE = declare("cases.handle", _("办理案件"), acts=True)
APPROVE_CASE = declare("cases.approve", _("审批案件（立案、决定、延期、结案）"))
REVIEW_CASE = declare("cases.review", _("法制审核、案件审核"))
RECEIVE_LEAD = declare("cases.receive_lead", _("登记线索"))
CONFIGURE_CASES = declare("cases.configure", _("设置办案参数（听证较大数额、当场处罚决定书号段）"))
