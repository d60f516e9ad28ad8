"""Joint cases (主办/协办) and transfer to the competent agency (移送管辖, with its 案件移送函),
through the JSON API; referral of suspected crimes (行刑衔接) is in tests/scenarios/test_l_referral."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.factories.cases import World, officer
from tests.factories.orgs import AgencyFactory, DomainFactory
from tests.scenarios.api import Api
from zhifa.cases.models import CaseEvent, Lead

D = dt.date


@pytest.fixture
def market(w: World) -> Any:
    """Another agency of the same county, with a different domain."""
    domain = DomainFactory(code="market_regulation", name="市场监管")
    return AgencyFactory(name="杭州市西湖区市场监督管理局", region=w.regions["county"], domain=domain)


def test_the_lead_agency_adds_an_assisting_agency_whose_officers_then_see_the_case(walk, market):
    case = walk.investigated()
    assistant = Api(officer(market, "周琳").user)
    assert assistant.get(f"/cases/{case['id']}").status == 404

    after = walk.head.step(case["id"], "add_participant", agency=market.pk, duty="协助调查当事人的经营资质")
    assert [p["name"] for p in after["participants"]] == [market.name]
    assert after["agency"]["name"] == walk.w.agency.name  # the lead agency keeps the case
    assert assistant.get(f"/cases/{case['id']}").status == 200
    assert CaseEvent.objects.filter(case_id=case["id"], kind="participant.added").count() == 1


def test_an_assisting_agency_is_added_once_and_never_the_lead_agency_itself(walk, market):
    case = walk.investigated()
    walk.head.step(case["id"], "add_participant", agency=market.pk)
    twice = walk.head.post(f"/cases/{case['id']}/add_participant", agency=market.pk)
    assert twice.status == 422
    assert "已是本案的协办机关" in twice.body["fields"]["agency"][0]
    own = walk.head.post(f"/cases/{case['id']}/add_participant", agency=walk.w.agency.pk)
    assert own.status == 422
    assert len(walk.head.case(case["id"])["participants"]) == 1


def test_only_the_head_adds_an_assisting_agency(walk, market):
    case = walk.investigated()
    reply = walk.officer.post(f"/cases/{case['id']}/add_participant", agency=market.pk)
    assert reply.status == 403
    assert walk.head.case(case["id"])["participants"] == []


def test_a_transferred_case_ends_here_with_its_transfer_letter_and_opens_a_lead_there(walk, market):
    case = walk.investigated()
    reason = "经调查，主要违法事实为无证经营，属市场监督管理部门管辖。"
    after = walk.head.step(case["id"], "transfer", to_agency=market.pk, reason=reason, transferred_on=D(2025, 7, 3))
    assert after["status"] == "transferred"
    letter = [d for d in after["documents"] if d["code"] == "case_transfer_letter"]
    assert len(letter) == 1
    assert letter[0]["number"] == "杭环西移函字〔2025〕第1号"
    lead = Lead.objects.get(agency=market)
    assert lead.source == "referral"
    assert reason in lead.summary
    assert (lead.party_id, lead.matter_id) == (walk.w.company.pk, walk.w.matter.pk)
    # The case is closed to further steps here.
    again = walk.head.post(f"/cases/{case['id']}/add_evidence", kind="document", title="补充材料")
    assert again.status == 422


def test_a_transfer_needs_a_reason_and_another_agency(walk, market):
    case = walk.investigated()
    no_reason = walk.head.post(
        f"/cases/{case['id']}/transfer", to_agency=market.pk, reason=" ", transferred_on="2025-07-03"
    )
    assert no_reason.status == 422
    to_itself = walk.head.post(
        f"/cases/{case['id']}/transfer", to_agency=walk.w.agency.pk, reason="误立", transferred_on="2025-07-03"
    )
    assert to_itself.status == 422
    assert walk.head.case(case["id"])["status"] == "investigating"
    assert not Lead.objects.filter(agency=market).exists()


# --- the agency picker of the staff pages ------------------------------------------------------


@pytest.fixture
def far_agencies(market: Any) -> list[Any]:
    """More agencies, elsewhere, than the picker shows at once."""
    return [AgencyFactory(name=f"远方测试执法局{n:02d}") for n in range(30)]


def _radios(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{name}" value="(\d+)"', html)


def test_the_transfer_page_offers_the_nearest_agencies_first_and_not_the_whole_register(walk, market, far_agencies):
    case = walk.investigated()
    page = walk.head.client.get(f"/cases/{case['id']}/steps/transfer/").content.decode()
    offered = _radios(page, "to_agency")
    assert offered[0] == str(market.pk)  # the same county before anywhere else
    assert len(offered) == 20
    assert str(walk.w.agency.pk) not in offered  # never the case's own agency
    assert "输入机关名称查找其他机关" in page


def test_typing_a_name_finds_an_agency_the_page_did_not_list_and_the_case_goes_there(walk, market, far_agencies):
    case = walk.investigated()
    wanted = far_agencies[-1]
    client = walk.head.client
    page = client.get(f"/cases/{case['id']}/steps/transfer/").content.decode()
    assert str(wanted.pk) not in _radios(page, "to_agency")

    found = client.get(f"/cases/{case['id']}/agencies/", {"field": "to_agency", "to_agency_search": "执法局29"})
    assert _radios(found.content.decode(), "to_agency") == [str(wanted.pk)]
    nothing = client.get(f"/cases/{case['id']}/agencies/", {"field": "to_agency", "to_agency_search": "不存在的局"})
    assert _radios(nothing.content.decode(), "to_agency") == []
    assert "没有名称含此文字的机关" in nothing.content.decode()

    posted = client.post(
        f"/cases/{case['id']}/steps/transfer/",
        {"to_agency": wanted.pk, "reason": "属其管辖", "transferred_on": "2025-07-03", "version": case["version"]},
    )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    assert Lead.objects.get(agency=wanted).source == "referral"


def test_the_agency_search_is_for_those_who_see_the_case(walk, market):
    case = walk.investigated()
    stranger = Api(officer(market, "周琳").user)
    reply = stranger.client.get(f"/cases/{case['id']}/agencies/", {"field": "to_agency", "to_agency_search": "局"})
    assert reply.status_code == 404
    unknown_field = walk.head.client.get(f"/cases/{case['id']}/agencies/", {"field": "party"})
    assert unknown_field.status_code == 404


def test_a_search_keeps_the_agency_already_chosen_and_odd_values_are_refused_not_crashed(walk, market, far_agencies):
    case = walk.investigated()
    client = walk.head.client
    chosen = far_agencies[-1]
    found = client.get(
        f"/cases/{case['id']}/agencies/",
        {"field": "to_agency", "to_agency_search": "西湖区", "to_agency": str(chosen.pk)},
    ).content.decode()
    assert _radios(found, "to_agency") == [str(chosen.pk), str(market.pk)]
    assert f'value="{chosen.pk}" checked' in found

    for odd in ("²", "abc", "-1", "99999999"):
        posted = client.post(
            f"/cases/{case['id']}/steps/transfer/",
            {"to_agency": odd, "reason": "属其管辖", "transferred_on": "2025-07-03", "version": case["version"]},
        )
        assert posted.status_code == 200
        assert "errorlist" in posted.content.decode()
    assert walk.head.case(case["id"])["status"] == case["status"]
