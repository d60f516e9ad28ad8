from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "zhifa.documents"
    label = "documents"
    verbose_name = _("执法文书")

    def ready(self) -> None:
        from zhifa.core import demo, nav
        from zhifa.documents import demo as documents_demo
        from zhifa.documents import events, permissions  # noqa: F401

        demo.register_step("documents", documents_demo.build, order=25)
        nav.register(
            nav.NavItem(
                "documents.templates", _("文书模板"), "documents:template_list", permissions.VIEW_TEMPLATE, order=60
            )
        )
