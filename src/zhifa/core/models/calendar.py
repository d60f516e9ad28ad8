"""The official working-day calendar that every working-day (工作日) deadline is counted on.

Legal source: 全国年节及纪念日放假办法 (2024-11-10 revision) Arts 2 and 6 fix the statutory holidays
and say that a holiday falling on a weekend is made up on a working day; Art 7 allows the State
Council to shift rest days (调休). Which days are actually rest days is only known from the State
Council General Office's annual notice (国务院办公厅关于××年部分节假日安排的通知), published each
November for the year after. 处罚法 Art 85, 强制法 Art 69 and 复议法 Art 88 count their short
periods in working days, so a year whose notice has not been loaded cannot be computed at all
(LEGAL-RULES DC-6): rows are written only by `zhifa.core.calendar.actions`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """One year of the calendar and where its arrangement came from.

    A year is usable for deadlines only when `complete`: every day of it has a `CalendarDay` row
    taken from the State Council's arrangement notice for that year (through the maintained
    `chinese_calendar` package, or entered by an administrator from the notice itself).
    """

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.TextField(_("来源"))
    loaded_at = models.DateTimeField(_("载入时间"))
    complete = models.BooleanField(_("已完整载入"), default=False)

    class Meta:
        ordering = ["year"]
        verbose_name = _("节假日安排年度")
        verbose_name_plural = _("节假日安排年度")

    def __str__(self) -> str:
        return f"{self.year} 年"


class CalendarDay(models.Model):
    """One day: a working day or a rest day under the year's arrangement.

    Ordinary weekends are rest days with no holiday name. Statutory holidays and the rest days
    moved next to them (放假办法 Arts 2, 6, 7) are rest days named after the holiday. Weekend days
    the notice turns into working days (调休上班) have `is_workday` set.
    """

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("工作日"))
    holiday_name = models.CharField(_("节日"), max_length=64, blank=True)
    source = models.CharField(_("来源"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("日历日")
        verbose_name_plural = _("日历日")

    def __str__(self) -> str:
        kind = "工作日" if self.is_workday else (self.holiday_name or "休息日")
        return f"{self.date.isoformat()} {kind}"
