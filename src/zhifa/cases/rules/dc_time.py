"""The conventions for computing time (LEGAL-RULES §2, DC-1 … DC-6).

They have no predicate of their own: every deadline of the case engine is computed by
`zhifa.core.calendar.periods.Calendar`, which applies them (working days from the loaded official
calendar, the start day not counted, roll-over off a rest day, refusal when a year is not
loaded). They are declared here so that `zhifa rules list` shows them with their articles and a
refusal that cites DC-6 (`CalendarMissing`) names a declared rule.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from zhifa.cases.citations import (
    COMPULSION_LAW,
    HOLIDAY_RULES,
    MARKET_PROCEDURE,
    PENALTY_LAW,
    RECONSIDERATION_LAW,
    art,
)
from zhifa.cases.rules.base import RuleKind, declare

GROUP = "DC"

declare(
    "DC-1",
    group=GROUP,
    title=gettext_lazy("行政处罚法中“二日”“三日”“五日”“七日”为工作日，不含法定节假日；其他期间为自然日"),
    citation=art(PENALTY_LAW, 85),
    kind=RuleKind.DEADLINE,
    period="2/3/5/7 WD; 15 d, 90 d",
)
declare(
    "DC-2",
    group=GROUP,
    title=gettext_lazy("行政强制法中“十日”以内为工作日，不含法定节假日；三十日、三个月为自然日"),
    citation=art(COMPULSION_LAW, 69),
    kind=RuleKind.DEADLINE,
    period="10 WD; 30 d, 3 m",
)
declare(
    "DC-3",
    group=GROUP,
    title=gettext_lazy("行政复议法中“三日”“五日”“七日”“十日”为工作日，不含法定节假日"),
    citation=art(RECONSIDERATION_LAW, 88),
    kind=RuleKind.DEADLINE,
    period="3/5/7/10 WD",
)
declare(
    "DC-4",
    group=GROUP,
    title=gettext_lazy("期间开始之日不计算在内；期间届满的最后一日为法定节假日的，以节假日后的第一日为期间届满的日期"),
    citation=art(MARKET_PROCEDURE, 80),
    kind=RuleKind.DEADLINE,
    period="start day not counted; roll over a rest day",
)
declare(
    "DC-5",
    group=GROUP,
    title=gettext_lazy("“以上”“以下”“以内”包括本数，“不满”“超过”“以外”不包括本数"),
    citation=art(MARKET_PROCEDURE, 84),
    kind=RuleKind.DEADLINE,
    period="bounds: 以上/以下/以内 inclusive",
)
declare(
    "DC-6",
    group=GROUP,
    title=gettext_lazy("法定节假日以放假办法和国务院年度放假安排（含调休）为准；未载入当年安排的，拒绝计算工作日期限"),
    citation=art(HOLIDAY_RULES, 2, 6),
    kind=RuleKind.BLOCK,
    period="official calendar; calendar missing → refuse",
)
