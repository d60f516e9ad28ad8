"""Gapless numbers per agency, year and series, taken in the transaction that uses them."""

from __future__ import annotations

from zhifa.cases.models import NumberCounter
from zhifa.orgs.models import Agency

SERIES = {
    "case": "立字",
    "notice": "罚告字",
    "hearing": "听通字",
    "decision": "罚决字",
    "no_penalty": "不罚字",
    "reminder": "催字",
    "court": "强申字",
    "referral": "移字",
    "transfer": "移函字",
    "other": "文字",
}


def next_number(agency: Agency, year: int, series: str) -> str:
    """杭西综执罚决字〔2026〕第12号. A rolled-back transaction gives its number back."""
    counter = NumberCounter.objects.select_for_update().filter(agency=agency, year=year, series=series).first()
    if counter is None:
        NumberCounter.objects.bulk_create(
            [NumberCounter(agency=agency, year=year, series=series)], ignore_conflicts=True
        )
        counter = NumberCounter.objects.select_for_update().get(agency=agency, year=year, series=series)
    counter.last += 1
    NumberCounter.objects.filter(pk=counter.pk).update(last=counter.last)
    return f"{agency.prefix}{SERIES[series]}〔{year}〕第{counter.last}号"
