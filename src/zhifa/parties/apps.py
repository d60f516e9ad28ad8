from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "zhifa.parties"
    label = "parties"
    verbose_name = _("当事人")

    def ready(self) -> None:
        from zhifa.core import demo, nav
        from zhifa.parties import demo as parties_demo
        from zhifa.parties import events, permissions  # noqa: F401

        demo.register_step("parties", parties_demo.build, order=30)
        nav.register(nav.NavItem("parties", _("当事人"), "parties:party_list", permissions.VIEW_PARTY, order=50))
