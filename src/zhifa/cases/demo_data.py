"""Demo cases of 杭州市西湖区综合行政执法局 at every stage, walked through the real actions with
dates relative to today, so that their deadlines are live (some yellow, some red)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from zhifa.cases.actions import (
    closing,
    configuration,
    deciding,
    execution,
    investigation,
    notice,
    referral,
    registration,
    reporting,
    summary,
)
from zhifa.cases.models import Case, CaseDocument, HearingThreshold, Lead, SummaryFormRange
from zhifa.cases.penalty import Penalty
from zhifa.cases.selectors import benchmark_for
from zhifa.core.calendar.loading import load_from_package
from zhifa.core.demo import DemoReport
from zhifa.lawbase.models import Matter
from zhifa.lawbase.selectors import statutory_limits
from zhifa.orgs.models import Agency, Officer, Region, User
from zhifa.parties.models import Party

AGENCY = "杭州市西湖区综合行政执法局"
MARKER = "（演示）"


def _day(offset: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=offset)


def _at(offset: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(_day(offset), dt.time(hour)))


class Demo:
    def __init__(self) -> None:
        self.agency = Agency.objects.get(name=AGENCY)
        self.officers = [Officer.objects.get(user__username=u) for u in ("officer", "officer2")]
        self.users = [o.user for o in self.officers]
        self.head = User.objects.get(username="head")
        self.reviewer = User.objects.get(username="reviewer")
        self.chair = Officer.objects.get(user__username="teamlead")
        self.parties = {p.name: p for p in Party.objects.filter(merged_into__isnull=True)}

    def matter(self, code: str) -> Matter:
        return Matter.objects.get(code=code)

    def fine_in_benchmark(self, case: Case, fallback: str) -> Decimal:
        benchmark = benchmark_for(case)
        scope = "individual" if case.party.is_individual else "organisation"
        levels = [
            lvl
            for lvl in (benchmark.levels.all() if benchmark else [])
            if lvl.fine_base == "amount" and lvl.fine_max and lvl.party in {"any", scope}
        ]
        if levels:
            return levels[0].fine_min or levels[0].fine_max  # type: ignore[return-value]
        statute = [
            p
            for _basis, ps in statutory_limits(case.matter)
            for p in ps
            if p.kind == "fine" and p.base == "amount" and p.maximum and p.party in {"any", scope}
        ]
        return (statute[0].minimum or statute[0].maximum) if statute else Decimal(fallback)  # type: ignore[return-value]

    def lead(self, summary_: str, received: int, party: str, code: str) -> Lead:
        return registration.receive_lead(
            by=self.users[0],
            agency=self.agency,
            source="inspection",
            received_on=_day(received),
            summary=f"{summary_}{MARKER}",
            party=self.parties[party],
            matter=self.matter(code),
        )

    def proposed(self, summary_: str, party: str, code: str, *, start: int) -> Case:
        lead = self.lead(summary_, start - 1, party, code)
        return registration.request_registration(
            lead,
            by=self.users[0],
            matter=self.matter(code),
            party=self.parties[party],
            act_date=_day(start - 3),
            act_place="杭州市西湖区转塘街道演示路",
            facts=summary_,
            handlers=self.officers,
        )

    def registered(self, summary_: str, party: str, code: str, *, start: int) -> Case:
        return registration.approve_registration(
            self.proposed(summary_, party, code, start=start),
            by=self.head,
            expected_version=None,
            preliminary_evidence="现场检查照片、执法记录仪视频",
            registered_on=_day(start),
        )

    def investigated(self, case: Case, day: int) -> Case:
        investigation.record_transcript(
            case,
            by=self.users[0],
            expected_version=None,
            kind="inspection",
            started_at=_at(day),
            ended_at=_at(day, 11),
            place=case.act_place,
            officers=self.officers,
            interviewee=case.party.legal_representative or case.party.name,
            content="执法人员出示执法证件，告知当事人陈述、申辩和申请回避的权利。现场检查情况如下……",
            credentials_shown=True,
            credential_numbers=[h.credential_number for h in case.handlers.all()],
            rights_notice_given=True,
            pages=2,
            signed_pages=2,
            av_reference=f"执法记录仪 {_day(day)}-01",
        )
        investigation.add_evidence(
            case,
            by=self.users[0],
            expected_version=None,
            kind="audiovisual",
            title="现场照片 6 张",
            source="现场拍摄",
            method="执法记录仪拍摄",
            collected_on=_day(day),
            verified=True,
        )
        return Case.objects.get(pk=case.pk)

    def reported(self, case: Case, fine: Decimal, **circumstances: Any) -> Case:
        """调查终结报告 with a fine (and the circumstances the report records)."""
        penalty = Penalty(kinds=("fine",), fine=fine, illegal_gains=Decimal(0), correction="责令立即改正违法行为")
        reporting.submit_report(
            case,
            by=self.users[0],
            expected_version=None,
            facts=case.facts,
            outcome="penalty",
            penalty=penalty,
            discretion_reason="依据裁量基准，按违法情节确定罚款数额",
            circumstances=circumstances,
        )
        return Case.objects.get(pk=case.pk)

    def reviewed(self, case: Case, day: int) -> Case:
        review = reporting.request_review(
            case, by=self.users[0], expected_version=None, reviewer=self.reviewer, received_on=_day(day)
        )
        reporting.record_review(
            review,
            by=self.reviewer,
            expected_version=None,
            result="passed",
            opinion="事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。",
            reviewed_on=_day(day),
            qualification_number="A20201133010600001",
        )
        return Case.objects.get(pk=case.pk)

    def notified(self, case: Case, day: int) -> Case:
        issued = notice.issue_notice(case, by=self.users[0], expected_version=None)
        deciding.deliver(
            _issued(issued.document),
            by=self.users[0],
            method="in_person",
            recipient=case.party.name,
            sent_on=_day(day),
            served_on=_day(day),
        )
        return Case.objects.get(pk=case.pk)

    def decided(self, case: Case, day: int) -> Case:
        deciding.issue_decision(
            case,
            by=self.head,
            expected_version=None,
            outcome="penalty",
            reasons=f"当事人的行为违反了{case.matter.name}的规定。",
            decided_on=_day(day),
            statement_adoption="当事人未在期限内提出陈述、申辩。",
        )
        return Case.objects.get(pk=case.pk)

    def served(self, case: Case, day: int) -> Case:
        deciding.deliver(
            _issued(case.decision.document),
            by=self.users[0],
            method="in_person",
            recipient=case.party.name,
            sent_on=_day(day),
            served_on=_day(day),
        )
        return Case.objects.get(pk=case.pk)


def _full(d: Demo, title: str, party: str, code: str, start: int) -> Case:
    case = d.investigated(d.registered(title, party, code, start=start), start + 1)
    return d.reported(case, d.fine_in_benchmark(case, "1000"))


def _fine_of(case: Case) -> Decimal:
    return Penalty.from_json(case.decision.penalty).fine or Decimal(0)


def _settings(d: Demo) -> None:
    province = Region.objects.get(code="330000")
    if not HearingThreshold.objects.filter(domain=d.agency.domain, region=province).exists():
        configuration.set_hearing_threshold(
            by=None,
            domain=d.agency.domain,
            region=province,
            individual=Decimal(10000),
            organisation=Decimal(100000),
            source="演示配置（未核实，请按本省规定调整）",
        )
    if not SummaryFormRange.objects.filter(agency=d.agency, prefix="浙西综执简").exists():
        configuration.issue_form_range(
            by=None, agency=d.agency, prefix="浙西综执简", first=1, last=500, issued_to=d.officers[0]
        )


def load_demo(report: DemoReport) -> None:
    load_from_package()
    d = Demo()
    if (
        Case.objects.filter(agency=d.agency, title__contains=MARKER).exists()
        or Lead.objects.filter(summary__contains=MARKER).exists()
    ):
        report.say("案件：演示案件已存在，跳过。")
        return
    _settings(d)
    d.lead("群众举报：转塘街道某店长期店外经营", -2, "王小明", "CG-003")
    lead = d.lead("巡查发现：工地未设置生活垃圾收集容器", -4, "杭州演示建材贸易有限公司", "CG-020")
    registration.request_registration(
        lead,
        by=d.users[0],
        matter=d.matter("CG-020"),
        party=d.parties["杭州演示建材贸易有限公司"],
        act_date=_day(-6),
        act_place="杭州市西湖区三墩镇演示工业园12号",
        facts="工地未设置生活垃圾收集容器",
        handlers=d.officers,
    )
    d.investigated(d.registered("在街道两侧堆放物料未经批准", "杭州演示环保建材有限公司", "CG-001", start=-12), -11)
    d.investigated(d.registered("擅自设置大型户外广告", "杭州演示广告传媒有限公司", "CG-007", start=-80), -78)
    reported = _full(d, "占用人行道堆放货物（待审核）", "杭州演示食品科技有限公司", "CG-001", start=-30)
    reporting.request_review(reported, by=d.users[0], expected_version=None, reviewer=d.reviewer, received_on=_day(-3))
    d.reviewed(_full(d, "户外设施陈旧未修复", "杭州演示广告传媒有限公司", "CG-008", start=-40), -5)
    d.notified(d.reviewed(_full(d, "建筑垃圾未堆放到指定地点", "孙大伟", "CG-018", start=-45), -10), -2)
    d.decided(
        d.notified(
            d.reviewed(_full(d, "户外广告图案残缺未修复", "杭州演示建材贸易有限公司", "CG-009", start=-60), -30), -25
        ),
        -1,
    )
    d.served(
        d.decided(
            d.notified(
                d.reviewed(_full(d, "施工现场未设置临时厕所", "杭州演示环保建材有限公司", "CG-020", start=-70), -40),
                -35,
            ),
            -20,
        ),
        -18,
    )
    overdue = d.served(
        d.decided(
            d.notified(d.reviewed(_full(d, "阳台外吊挂物品影响市容", "李晓燕", "CG-005", start=-120), -90), -85), -70
        ),
        -60,
    )
    execution.serve_reminder(overdue, by=d.users[0], expected_version=None, served_on=_day(-5), perform_by=_day(5))
    paid = d.served(
        d.decided(
            d.notified(d.reviewed(_full(d, "在树木上张贴小广告", "孙大伟", "CG-006", start=-100), -70), -65), -50
        ),
        -48,
    )
    execution.record_payment(
        paid, by=d.users[0], expected_version=None, amount=_fine_of(paid), paid_on=_day(-40), channel="bank"
    )
    closing.close_case(Case.objects.get(pk=paid.pk), by=d.head, expected_version=None, closed_on=_day(-38))
    archived = d.served(
        d.decided(
            d.notified(
                d.reviewed(
                    _full(d, "擅自占用城市道路堆放建材", "杭州演示建材贸易有限公司", "CG-030", start=-150), -120
                ),
                -115,
            ),
            -100,
        ),
        -99,
    )
    execution.record_payment(
        archived,
        by=d.users[0],
        expected_version=None,
        amount=_fine_of(archived),
        paid_on=_day(-90),
        channel="electronic",
    )
    closing.archive_case(
        closing.close_case(Case.objects.get(pk=archived.pk), by=d.head, expected_version=None, closed_on=_day(-88)),
        by=d.users[0],
        expected_version=None,
        archived_on=_day(-85),
    )
    summary.decide_on_the_spot(
        by=d.users[0],
        agency=d.agency,
        matter=d.matter("CG-003"),
        party=d.parties["王小明"],
        act_date=_day(-1),
        act_place="杭州市西湖区转塘街道演示商业街",
        facts="当事人超出门窗在店外摆放水果经营",
        officers=d.officers,
        penalty=Penalty(kinds=("fine",), fine=Decimal(100), correction="责令立即将商品移回店内"),
        form_number="浙西综执简000001",
        credentials_shown=True,
        rights_told=True,
        party_answer="当事人表示认识到错误，已改正",
        decided_on=_day(-1),
        paid_on_the_spot=True,
        receipt_number="浙财罚 No.0000001",
    )
    crime = d.investigated(
        d.registered("非法倾倒建筑垃圾数量巨大，涉嫌污染环境罪", "杭州演示环保建材有限公司", "CG-019", start=-20), -19
    )
    referral.refer_crime(
        crime,
        by=d.users[0],
        expected_version=None,
        suspected_offence="污染环境罪",
        reported_on=_day(-2),
        task_group=d.officers,
        attachments=["transfer_letter", "investigation_report", "item_list"],
    )
    referral.decide_referral(Case.objects.get(pk=crime.pk), by=d.head, expected_version=None, approved=True)
    referral.transfer_to_police(
        Case.objects.get(pk=crime.pk),
        by=d.users[0],
        expected_version=None,
        police="杭州市公安局西湖区分局",
        party_notified_on=_day(-1),
    )
    _other_outcomes(d)
    report.say(
        f"案件：{Case.objects.filter(agency=d.agency).count()} 件演示案件，"
        "覆盖线索、立案、不予立案、调查、中止、终止、审核、告知、听证、决定、执行、结案、归档和移送"
    )


def _other_outcomes(d: Demo) -> None:
    """The stages off the main line: not registered, report submitted, hearing, suspended,
    terminated, transferred to the competent agency."""
    declined = d.lead("群众举报：某店门前堆放杂物（核查时已清理）", -10, "王小明", "CG-001")
    registration.decline_lead(
        declined,
        by=d.head,
        reason="经核查，违法行为轻微并已及时改正，没有造成危害后果，不予立案，已对当事人进行教育。",
        decided_on=_day(-8),
    )
    registration.decline_registration(
        d.proposed("户外设施灯光显示不全（已修复）", "杭州演示广告传媒有限公司", "CG-009", start=-7),
        by=d.head,
        expected_version=None,
        reason="当事人在发现后即自行修复，违法行为轻微并及时改正，没有造成危害后果。",
        decided_on=_day(-6),
    )
    _full(d, "施工泥浆流溢至城市道路", "杭州演示建材贸易有限公司", "CG-020", start=-25)
    heard = d.reviewed(
        d.reported(
            d.investigated(
                d.registered("未取得瓶装燃气经营许可证经营瓶装燃气", "杭州演示食品科技有限公司", "CG-036", start=-50),
                -49,
            ),
            Decimal(100000),
        ),
        -20,
    )
    notified = d.notified(heard, -6)
    notice.request_hearing(notified, by=d.users[0], expected_version=None, requested_on=_day(-4))
    investigation.suspend(
        d.investigated(d.registered("擅自占用城市绿化用地", "李晓燕", "CG-035", start=-35), -34),
        by=d.head,
        expected_version=None,
        ground="当事人因重大疾病住院治疗，暂时无法配合调查",
        started_on=_day(-10),
    )
    investigation.terminate(
        d.investigated(d.registered("擅自砍伐城市树木", "杭州演示环保建材有限公司", "CG-034", start=-40), -39),
        by=d.head,
        expected_version=None,
        ground="当事人已注销，且无权利义务承受人",
        terminated_on=_day(-15),
    )
    referral.transfer_case(
        d.investigated(d.registered("店外经营兼售散装食品", "孙大伟", "CG-003", start=-9), -8),
        by=d.head,
        expected_version=None,
        to_agency=Agency.objects.get(name="杭州市西湖区市场监督管理局"),
        reason="经调查，主要违法事实为无证经营散装食品，属市场监督管理部门管辖。",
        transferred_on=_day(-5),
    )


def _issued(document: CaseDocument | None) -> CaseDocument:
    if document is None:
        raise LookupError("the step did not issue its document")
    return document
