from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "zhifa.orgs"
    label = "orgs"
    verbose_name = _("组织机构")

    def ready(self) -> None:
        from zhifa.core import demo, nav, scoping, workbench
        from zhifa.orgs import demo as orgs_demo
        from zhifa.orgs import events, permissions, policy  # noqa: F401  (declares kinds and codes)
        from zhifa.orgs.views.workbench import credential_panel, my_agency_panel

        scoping.install_policy(policy.POLICY)
        demo.register_step("orgs", orgs_demo.build, order=10)
        workbench.register_panel("orgs.my_agency", my_agency_panel, order=10)
        workbench.register_panel("orgs.credential", credential_panel, order=20)
        nav.register(nav.NavItem("orgs.agencies", _("组织机构"), "orgs:agency_list", permissions.VIEW_AGENCY, order=80))
