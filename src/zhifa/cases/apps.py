from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "zhifa.cases"
    label = "cases"
    verbose_name = _("执法办案")

    def ready(self) -> None:
        from zhifa.cases import demo as cases_demo
        from zhifa.cases import events, permissions, rules  # noqa: F401  (kinds, codes, rules)
        from zhifa.cases.actions.deadlines import on_calendar_year_stored
        from zhifa.cases.workbench import case_tasks
        from zhifa.core import demo, nav, workbench
        from zhifa.core.calendar.actions import calendar_year_stored

        calendar_year_stored.connect(on_calendar_year_stored, dispatch_uid="cases.recompute_deadlines")
        workbench.register_task_source("cases", case_tasks)
        nav.register(nav.NavItem("cases", _("我的案件"), "cases:case_list", permissions.VIEW_CASE, order=10))
        nav.register(nav.NavItem("leads", _("线索"), "cases:lead_list", permissions.RECEIVE_LEAD, order=11))
        demo.register_step("cases", cases_demo.build, order=40)
