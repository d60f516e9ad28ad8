from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zhifa.core import context
from zhifa.core.calendar.loading import PACKAGE, load_from_package, package_version, package_years
from zhifa.core.calendar.periods import CalendarMissing, is_weekend
from zhifa.core.errors import DomainError
from zhifa.core.models import CalendarDay, CalendarYear

WEEKDAYS = "一二三四五六日"


class Command(BaseCommand):
    help = "法定节假日与工作日历：load 载入，show 查看 / the official working-day calendar: load it, or show a year"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser(
            "load",
            help=f"从 {PACKAGE} 包载入放假安排（可重复运行）/ load the arrangements from the {PACKAGE} package",
        )
        load.add_argument(
            "--year",
            type=int,
            action="append",
            dest="years",
            metavar="Y",
            help="只载入这一年（可多次）；默认载入包中的全部年份 / only this year (repeatable; default: all)",
        )
        show = sub.add_parser("show", help="列出一年的休息日和调休上班日 / list a year's rest days and 调休 workdays")
        show.add_argument("year", type=int)
        show.add_argument("--all", action="store_true", help="也列出普通周末 / list ordinary weekends too")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "load":
            self._load(options["years"])
        else:
            self._show(options["year"], every_rest_day=options["all"])

    def _load(self, years: list[int] | None) -> None:
        try:
            with context.fresh("cli"):
                loaded = load_from_package(years)
        except DomainError as error:
            raise CommandError(error.message) from error
        asked = sorted(set(years)) if years else package_years()
        unchanged = [year for year in asked if year not in loaded]
        self.stdout.write(f"{PACKAGE} {package_version()}：收录 {_span(package_years())} 年")
        if loaded:
            self.stdout.write(self.style.SUCCESS(f"已载入 / loaded: {_span(loaded)}"))
        if unchanged:
            self.stdout.write(f"未变 / unchanged: {_span(unchanged)}")

    def _show(self, year: int, *, every_rest_day: bool) -> None:
        row = CalendarYear.objects.filter(year=year, complete=True).first()
        if row is None:
            raise CommandError(CalendarMissing(year).message)
        self.stdout.write(f"{year} 年 · 来源：{row.source} · 载入于 {timezone.localtime(row.loaded_at):%Y-%m-%d %H:%M}")
        days = list(CalendarDay.objects.filter(date__year=year).order_by("date"))
        rest = [day for day in days if not day.is_workday and (every_rest_day or day.holiday_name or not _weekend(day))]
        adjusted = [day for day in days if day.is_workday and _weekend(day)]
        self.stdout.write("休息日 / rest days:" if every_rest_day else "节假日休息 / holiday rest days:")
        for day in rest:
            self.stdout.write(f"  {_label(day)}  {day.holiday_name or '周末'}")
        self.stdout.write("调休上班 / weekend working days:")
        for day in adjusted:
            self.stdout.write(f"  {_label(day)}  调休上班")
        workdays = sum(day.is_workday for day in days)
        self.stdout.write(f"全年 {len(days)} 天：工作日 {workdays} 天，休息日 {len(days) - workdays} 天。")


def _weekend(day: CalendarDay) -> bool:
    return is_weekend(day.date)


def _label(day: CalendarDay) -> str:
    return f"{day.date.isoformat()} 周{WEEKDAYS[day.date.weekday()]}"


def _span(years: list[int]) -> str:
    """ "2004—2026" for a run of years, "2025、2027" otherwise."""
    if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}—{years[-1]}"
    return "、".join(map(str, years))
