"""Permission codes of the org tree. Which role holds them, over what scope: `orgs.policy`."""

from django.utils.translation import gettext_lazy as _

from zhifa.core.permissions import declare

VIEW_REGION = declare("orgs.view_region", _("查看行政区划"))
VIEW_DOMAIN = declare("orgs.view_domain", _("查看执法领域"))
MANAGE_DOMAIN = declare("orgs.manage_domain", _("维护执法领域"))
VIEW_AGENCY = declare("orgs.view_agency", _("查看执法主体"))
ADD_AGENCY = declare("orgs.add_agency", _("新增执法主体"))
CHANGE_AGENCY = declare("orgs.change_agency", _("修改执法主体"))
VIEW_TEAM = declare("orgs.view_team", _("查看执法队伍"))
ADD_TEAM = declare("orgs.add_team", _("新增执法队伍"))
CHANGE_TEAM = declare("orgs.change_team", _("修改执法队伍"))
VIEW_OFFICER = declare("orgs.view_officer", _("查看执法人员"))
ADD_OFFICER = declare("orgs.add_officer", _("新增执法人员"))
CHANGE_OFFICER = declare("orgs.change_officer", _("修改执法人员"))
VIEW_CREDENTIAL = declare("orgs.view_credential", _("查看执法证"))
MANAGE_CREDENTIAL = declare("orgs.manage_credential", _("发放和注销执法证"))
RESET_PASSWORD = declare("orgs.reset_password", _("重置密码"))
# The enforcement act itself (检查, 立案, 调查, 处罚 …): later apps check it on the case's agency.
ENFORCE = declare("orgs.enforce", _("实施行政执法"), acts=True)
# A second factor (TOTP) for the accounts that see most: supervisors and administrators.
USE_TOTP = declare("orgs.use_totp", _("使用动态口令"))
