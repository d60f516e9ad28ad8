from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawbaseConfig(AppConfig):
    name = "zhifa.lawbase"
    label = "lawbase"
    verbose_name = _("执法要素")

    def ready(self) -> None:
        from zhifa.core import demo, nav
        from zhifa.lawbase import demo as lawbase_demo
        from zhifa.lawbase import events, permissions  # noqa: F401  (declares kinds and codes)

        demo.register_step("lawbase", lawbase_demo.build, order=20)
        nav.register(nav.NavItem("lawbase.search", _("在线找法"), "lawbase:search", permissions.VIEW_LAWBASE, order=39))
        nav.register(nav.NavItem("lawbase.laws", _("法律法规"), "lawbase:law_list", permissions.VIEW_LAWBASE, order=40))
        nav.register(
            nav.NavItem("lawbase.matters", _("执法事项"), "lawbase:matter_list", permissions.VIEW_LAWBASE, order=41)
        )
