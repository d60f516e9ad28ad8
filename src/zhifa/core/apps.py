from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zhifa.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        from django.core import checks

        from zhifa.core import workbench
        from zhifa.core.schedule.checks import check_schedule
        from zhifa.core.schedule.health import schedule_problems

        checks.register(check_schedule)
        workbench.register_task_source("schedule", schedule_problems)
