"""Intelligent discretion (智能裁量): from a matter and the facts of one violation to the grade of
the benchmark that applies and the fine range within it, explained step by step.

The reasoning follows the statute first and the benchmark second: no penalty where 行政处罚法
第三十条、第三十三条 say so; a mandatory lighter penalty for the grounds of 第三十条第二句 and
第三十二条; then the benchmark in force on the date of the act (第三十七条, 第三十四条) picks the
row by the harm done, one row up for aggravating facts; the range is cut to the statutory limits
of the penalty article. Every step names its source so a reviewer can check it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.lawbase.choices import CircumstanceKind, FineBase, Grade, PartyScope, PenaltyKind
from zhifa.lawbase.models import DiscretionBenchmark, DiscretionLevel, Matter, StatutoryPenalty
from zhifa.lawbase.money import fine_range, yuan
from zhifa.lawbase.numerals import chinese_ordinal
from zhifa.lawbase.selectors import benchmark_in_force, statutory_limits

PENALTY_LAW = "《中华人民共和国行政处罚法》"
Harm = Literal["none", "minor", "general", "serious"]
GRADE_ORDER: list[str] = [Grade.MINOR, Grade.GENERAL, Grade.SERIOUS, Grade.SEVERE]
GRADE_FOR_HARM: dict[str, str] = {
    "none": Grade.MINOR,
    "minor": Grade.MINOR,
    "general": Grade.GENERAL,
    "serious": Grade.SERIOUS,
}
HARM_LABELS = {
    "none": gettext_lazy("未造成"),
    "minor": gettext_lazy("轻微"),
    "general": gettext_lazy("一般"),
    "serious": gettext_lazy("严重"),
}
CENT = Decimal("0.01")
COOPERATION_WORDS = ("配合调查", "配合执法", "积极配合", "如实陈述")


def cite(article: int, paragraph: int | None = None, item: int | None = None) -> str:
    text = f"{PENALTY_LAW}第{chinese_ordinal(article)}条"
    if paragraph:
        text += f"第{chinese_ordinal(paragraph)}款"
    if item:
        text += f"第（{chinese_ordinal(item)}）项"
    return text


@dataclass(frozen=True)
class Facts:
    """What the officer found. Flags left False are facts not established, not facts denied."""

    act_date: dt.date
    party: str = PartyScope.ORGANISATION  # individual / organisation
    birth_date: dt.date | None = None
    harm: Harm = "general"
    corrected: bool = False  # 及时改正
    first_offence: bool = False  # 初次违法
    repeat: bool = False  # 再次违法 within the period the benchmark names
    refused_correction: bool = False  # 拒不改正
    harm_removed: bool = False  # 主动消除或者减轻违法行为危害后果 (第三十二条第一项)
    coerced: bool = False  # 受他人胁迫或者诱骗 (第二项)
    confessed: bool = False  # 主动供述行政机关尚未掌握的违法行为 (第三项)
    meritorious: bool = False  # 配合查处违法行为有立功表现 (第四项)
    cooperative: bool = False  # 积极配合调查 (a benchmark circumstance, not a statutory ground)
    illegal_gains: Decimal | None = None
    goods_value: Decimal | None = None
    region_path: str | None = None

    def age(self) -> int | None:
        if self.birth_date is None:
            return None
        born, on = self.birth_date, self.act_date
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass(frozen=True)
class Reason:
    text: str
    source: str = ""  # the article or the benchmark row it rests on


@dataclass
class Advice:
    matter: Matter
    outcome: Literal["no_penalty", "may_waive", "penalty"] = "penalty"
    benchmark: DiscretionBenchmark | None = None
    level: DiscretionLevel | None = None
    fine_min: Decimal | None = None
    fine_max: Decimal | None = None
    mitigation: Literal["", "lighter"] = ""
    other_penalties: str = ""
    confiscate_gains: bool = False
    reasons: list[Reason] = field(default_factory=list)

    def say(self, text: str, source: str = "") -> None:
        self.reasons.append(Reason(text, source))

    @property
    def grade(self) -> str:
        return self.level.grade if self.level else ""

    @property
    def range_text(self) -> str:
        if self.fine_min is None and self.fine_max is None:
            return ""
        return fine_range(FineBase.AMOUNT, self.fine_min, self.fine_max)


def advise(matter: Matter, facts: Facts) -> Advice:
    advice = Advice(matter)
    _statute(advice, facts)
    if _no_penalty(advice, facts):
        return advice
    mandatory = _mandatory_mitigation(advice, facts)
    benchmark = benchmark_in_force(matter, facts.act_date, facts.region_path)
    advice.benchmark = benchmark
    if benchmark is None:
        advice.say(
            _("%(date)s 没有施行中的裁量基准：在法定幅度内裁量，并说明理由。") % {"date": facts.act_date},
            cite(34),
        )
        _statutory_range(advice, facts, lighter=mandatory)
        return advice
    advice.say(
        _("适用 %(date)s 施行的裁量基准《%(title)s》。")
        % {"date": benchmark.effective_from or "—", "title": benchmark.title},
        cite(34),
    )
    if _first_offence_waiver(advice, facts, benchmark):
        return advice
    level = _level(advice, facts, benchmark)
    if level is None:
        _statutory_range(advice, facts, lighter=mandatory)
        return advice
    advice.level = level
    advice.other_penalties = level.other_penalties
    cooperation = _cooperation(advice, facts, benchmark)
    _level_range(advice, facts, level, benchmark, lighter="statute" if mandatory else cooperation)
    return advice


def _cooperation(advice: Advice, facts: Facts, benchmark: DiscretionBenchmark) -> str:
    """积极配合调查 is no statutory ground (第三十二条 asks for 立功); it lightens the penalty only
    where the benchmark lists it among its mitigating circumstances."""
    if not facts.cooperative:
        return ""
    listed = next(
        (
            c
            for c in benchmark.circumstances.all()
            if c.kind == CircumstanceKind.MITIGATING and any(word in c.text for word in COOPERATION_WORDS)
        ),
        None,
    )
    if listed is None:
        advice.say(
            _("积极配合调查：裁量基准未将其列为从轻情节，可在本档内酌情考虑并说明理由，不改变建议幅度。"),
            benchmark.title,
        )
        return ""
    advice.say(
        _("积极配合调查：裁量基准列为从轻情节（%(text)s）。") % {"text": listed.text},
        f"{benchmark.title} · {listed.legal_basis or CircumstanceKind(listed.kind).label}",
    )
    return "benchmark"


def _statute(advice: Advice, facts: Facts) -> None:
    said: set[tuple[str, str]] = set()
    for basis, penalties in statutory_limits(advice.matter):
        for penalty in penalties:
            if penalty.kind == PenaltyKind.FINE:
                text = fine_range(penalty.base, penalty.minimum, penalty.maximum, penalty.base_label) + "罚款"
            else:
                text = str(penalty.get_kind_display())
            if penalty.condition:
                text = f"{penalty.condition}：{text}"
            if (text, basis.citation) not in said:
                said.add((text, basis.citation))
                advice.say(_("法定处罚：%(text)s。") % {"text": text}, basis.citation)
    if facts.illegal_gains:
        advice.confiscate_gains = True
        advice.say(
            _("违法所得 %(amount)s 应当没收（法律另有规定的除外）。") % {"amount": yuan(facts.illegal_gains)},
            cite(28, 2),
        )


def _no_penalty(advice: Advice, facts: Facts) -> bool:
    age = facts.age()
    if facts.party == PartyScope.INDIVIDUAL and age is not None and age < 14:
        advice.outcome = "no_penalty"
        advice.say(_("违法时不满十四周岁（%(age)s 岁）：不予处罚，责令监护人加以管教。") % {"age": age}, cite(30))
        return True
    if facts.harm == "none" and facts.corrected:
        advice.outcome = "no_penalty"
        advice.say(_("违法行为轻微并及时改正，没有造成危害后果：不予处罚，并进行教育。"), cite(33, 1))
        return True
    return False


def _mandatory_mitigation(advice: Advice, facts: Facts) -> bool:
    grounds: list[tuple[str, str]] = []
    age = facts.age()
    if facts.party == PartyScope.INDIVIDUAL and age is not None and age < 18:
        grounds.append((_("已满十四周岁不满十八周岁"), cite(30)))
    for flag, item, label in (
        (facts.harm_removed, 1, _("主动消除或者减轻违法行为危害后果")),
        (facts.coerced, 2, _("受他人胁迫或者诱骗实施违法行为")),
        (facts.confessed, 3, _("主动供述行政机关尚未掌握的违法行为")),
        (facts.meritorious, 4, _("配合行政机关查处违法行为有立功表现")),
    ):
        if flag:
            grounds.append((label, cite(32, 1, item)))
    for label, source in grounds:
        advice.say(_("%(ground)s：应当从轻或者减轻处罚。") % {"ground": label}, source)
    if grounds:
        advice.mitigation = "lighter"
    return bool(grounds)


def _first_offence_waiver(advice: Advice, facts: Facts, benchmark: DiscretionBenchmark) -> bool:
    if not (facts.first_offence and facts.harm in {"none", "minor"} and facts.corrected):
        return False
    if benchmark.first_offence_waiver:
        advice.outcome = "may_waive"
        advice.say(
            _("初次违法、危害后果轻微并及时改正，且该事项列入首违不罚清单：可以不予处罚；处罚的须书面说明理由。"),
            cite(33, 1),
        )
        return True
    advice.say(
        _("初次违法、危害后果轻微并及时改正：可以不予处罚（该事项未列入首违不罚清单，须个案说明）。"), cite(33, 1)
    )
    return False


def _level(advice: Advice, facts: Facts, benchmark: DiscretionBenchmark) -> DiscretionLevel | None:
    levels = [
        level
        for level in benchmark.levels.all()
        if level.grade in GRADE_ORDER and level.party in {PartyScope.ANY, facts.party}
    ]
    if not levels:
        advice.say(_("裁量基准未对此类当事人分档：在法定幅度内裁量。"))
        return None
    wanted = GRADE_ORDER.index(GRADE_FOR_HARM[facts.harm])
    advice.say(
        _("危害后果%(harm)s：对应“%(grade)s”档。")
        % {"harm": HARM_LABELS[facts.harm], "grade": Grade(GRADE_ORDER[wanted]).label},
        benchmark.title,
    )
    aggravating = [
        label for flag, label in ((facts.repeat, _("再次违法")), (facts.refused_correction, _("拒不改正"))) if flag
    ]
    if aggravating:
        wanted += 1
        advice.say(
            _("%(facts)s：从重，提高一档。") % {"facts": "、".join(str(a) for a in aggravating)}, benchmark.title
        )
    available = sorted({GRADE_ORDER.index(level.grade) for level in levels})
    # The benchmark may not grade every row; take the nearest row at or below, else the lowest above.
    below = [g for g in available if g <= wanted]
    chosen = below[-1] if below else available[0]
    if chosen != min(wanted, len(GRADE_ORDER) - 1):
        advice.say(_("裁量基准没有该档，适用最接近的“%(grade)s”档。") % {"grade": Grade(GRADE_ORDER[chosen]).label})
    level = next(level for level in levels if GRADE_ORDER.index(level.grade) == chosen)
    advice.say(
        _("适用第 %(order)s 档“%(grade)s”：%(circumstances)s")
        % {"order": level.order, "grade": level.get_grade_display(), "circumstances": level.circumstances},
        f"{benchmark.title} · {level.get_grade_display()}",
    )
    return level


def _base_amount(advice: Advice, facts: Facts, base: str) -> Decimal | None:
    if base == FineBase.AMOUNT:
        return Decimal(1)
    amounts: dict[str, Decimal | None] = {
        FineBase.ILLEGAL_GAINS: facts.illegal_gains,
        FineBase.GOODS_VALUE: facts.goods_value,
    }
    amount = amounts.get(base)
    if amount is None:
        advice.say(_("罚款以%(base)s为基数：请填写该金额后计算。") % {"base": FineBase(base).label})
    return amount


def _level_range(
    advice: Advice, facts: Facts, level: DiscretionLevel, benchmark: DiscretionBenchmark, *, lighter: str
) -> None:
    if not level.has_fine:
        return
    factor = _base_amount(advice, facts, level.fine_base)
    if factor is None:
        return
    row = f"{benchmark.title} · {level.get_grade_display()}"
    low = (level.fine_min or Decimal(0)) * factor
    # An open-ended row (“30万元以上”) runs up to the statutory maximum.
    high = level.fine_max * factor if level.fine_max is not None else None
    low, high = _within_statute(advice, facts, low, high)
    if lighter and high > low:
        # 从轻 stays inside the row, in its lower half; 减轻 (below the row and the statutory floor)
        # is a decision for legal review and collective discussion, not for a calculator.
        high = (low + (high - low) / 2).quantize(CENT)
        if lighter == "statute":
            text, source = _("应当从轻：在本档下半段内确定，即 %(range)s；减轻处罚须说明理由并经法制审核。"), cite(32)
        else:
            text, source = _("可以从轻：在本档下半段内确定，即 %(range)s。"), row
        advice.say(text % {"range": fine_range(FineBase.AMOUNT, low, high)}, source)
    advice.fine_min, advice.fine_max = low.quantize(CENT), high.quantize(CENT)
    advice.say(_("建议罚款幅度：%(range)s。") % {"range": advice.range_text}, row)


def _statutory_range(advice: Advice, facts: Facts, *, lighter: bool) -> None:
    fines = [p for _basis, ps in statutory_limits(advice.matter) for p in ps if p.kind == PenaltyKind.FINE]
    fitting = [p for p in fines if p.party in {PartyScope.ANY, facts.party}]
    if not fitting:
        return
    limit = fitting[0]
    article = _penalty_citation(advice, limit)
    factor = _base_amount(advice, facts, limit.base)
    if factor is None or (limit.minimum is None and limit.maximum is None):
        return
    low = (limit.minimum or Decimal(0)) * factor
    high = (limit.maximum if limit.maximum is not None else low) * factor
    if lighter and high > low:
        high = low + (high - low) / 2
    advice.fine_min, advice.fine_max = low.quantize(CENT), high.quantize(CENT)
    advice.say(
        _("建议罚款幅度（法定幅度%(lighter)s）：%(range)s。")
        % {
            "lighter": _("下半段") if lighter else "",
            "range": advice.range_text,
        },
        article,
    )


def _penalty_citation(advice: Advice, limit: StatutoryPenalty) -> str:
    for basis, penalties in statutory_limits(advice.matter):
        if limit in penalties:
            return basis.citation
    return ""


def _within_statute(advice: Advice, facts: Facts, low: Decimal, high: Decimal | None) -> tuple[Decimal, Decimal]:
    """Cut a benchmark range to the statute: a benchmark may narrow the law, never widen it. `high`
    None is an open-ended row: it ends at the statutory maximum (or, with none, at its own floor)."""
    for basis, penalties in statutory_limits(advice.matter):
        for limit in penalties:
            if limit.kind != PenaltyKind.FINE or limit.party not in {PartyScope.ANY, facts.party}:
                continue
            factor = _base_amount(advice, facts, limit.base) if limit.base != FineBase.AMOUNT else Decimal(1)
            if factor is None:
                continue
            floor = (limit.minimum or Decimal(0)) * factor
            ceiling = limit.maximum * factor if limit.maximum is not None else None
            if high is None:
                high = ceiling if ceiling is not None else max(low, floor)
                advice.say(
                    _("裁量档次未设上限：以法定上限为限，即 %(range)s。")
                    % {"range": fine_range(FineBase.AMOUNT, max(low, floor), high)},
                    basis.citation,
                )
            if low < floor or (ceiling is not None and high > ceiling):
                low = max(low, floor)
                high = min(high, ceiling) if ceiling is not None else high
                advice.say(
                    _("按法定幅度调整为 %(range)s。") % {"range": fine_range(FineBase.AMOUNT, low, max(low, high))},
                    basis.citation,
                )
            return low, max(low, high)
    return low, max(low, high if high is not None else low)
