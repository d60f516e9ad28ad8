"""The staff pages of the case engine as an officer on a phone meets them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.cases.flow import registered
from tests.factories.cases import officer
from tests.factories.orgs import AgencyFactory, OfficerFactory
from zhifa.cases.models import Case, Lead
from zhifa.core.workbench import tasks_for
from zhifa.parties.demo_data import credit_code
from zhifa.parties.models import Party

pytestmark = pytest.mark.django_db
BACKEND = "zhifa.orgs.auth.backend.PolicyBackend"
D = dt.date
NEW_CODE = credit_code("MA2D0017X")


def browser(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def test_my_cases_come_by_the_nearest_deadline_red_then_yellow_then_the_rest(w):
    late = registered(w, act=D(2025, 5, 20), received=D(2025, 6, 9), registered_on=D(2025, 6, 10))  # due 09-08
    near = registered(w)  # registered 07-01: the 90 days end 09-29
    far = registered(w, act=D(2025, 8, 20), received=D(2025, 8, 29), registered_on=D(2025, 9, 1))  # due 11-30
    with time_machine.travel(dt.datetime(2025, 9, 20, 10, tzinfo=dt.UTC), tick=False):
        tasks = tasks_for(w.users[0])
        page = browser(w.users[0]).get("/cases/").content.decode()
    assert [t.url for t in tasks] == [c.get_absolute_url() for c in (late, near, far)]
    assert [t.severity for t in tasks] == ["red", "yellow", ""]
    assert page.index(late.number) < page.index(near.number) < page.index(far.number)


def test_an_officer_sees_the_cases_they_handle_and_the_head_those_awaiting_the_head(w):
    case = registered(w)
    bystander = officer(w.agency, "孙丽")
    assert case.number not in browser(bystander.user).get("/cases/").content.decode()
    assert case.number in browser(bystander.user).get("/cases/?all=1").content.decode()
    assert case.number in browser(w.users[1]).get("/cases/").content.decode()


def test_a_case_of_another_agency_is_not_found_not_an_error(w):
    case = registered(w)
    stranger = OfficerFactory(agency=AgencyFactory(region=w.regions["beside"])).user
    response = browser(stranger).get(f"/cases/{case.pk}/")
    assert response.status_code == 404
    assert "找不到该案件" in response.content.decode()


def test_a_step_the_law_forbids_is_shown_with_the_rule_and_nothing_changes(w):
    case = registered(w)
    version = case.version
    response = browser(w.users[0]).post(
        f"/cases/{case.pk}/steps/record_transcript/",
        {
            "version": version,
            "kind": "inquiry",
            "started_at": "2025-07-02T09:00",
            "ended_at": "2025-07-02T10:00",
            "place": "西湖区",
            "officers": [w.officers[0].pk],  # one officer alone may not investigate
            "interviewee": "赵六",
            "content": "询问情况",
            "credentials_shown": "on",
            "rights_notice_given": "on",
            "pages": 1,
            "signed_pages": 1,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "LP-42" in html
    assert "第四十二条" in html
    assert Case.objects.get(pk=case.pk).version == version


def test_the_next_steps_show_why_a_step_is_not_yet_allowed(w):
    from tests.cases.flow import notified

    case = notified(w)
    with time_machine.travel(dt.datetime(2025, 7, 11, 10, tzinfo=dt.UTC), tick=False):
        html = browser(w.head).get(f"/cases/{case.pk}/").content.decode()
    assert "作出决定" in html
    assert "MP-57" in html  # the five working days for statement and defence have not ended


def test_an_officer_registers_a_lead_and_proposes_a_case_with_a_new_party_in_one_form(w):
    client = browser(w.users[0])
    response = client.post(
        "/leads/new/", {"source": "complaint", "received_on": "2025-06-30", "summary": "群众举报夜间排放异味"}
    )
    lead = Lead.objects.get(summary="群众举报夜间排放异味")
    assert response.status_code == 302
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "2025-07-21" in page  # MP-18: 15 working days after Mon 06-30 (no holiday between)
    response = client.post(
        f"/leads/{lead.pk}/",
        {
            "action": "register",
            "register-party_id_number": NEW_CODE,
            "register-party_kind": "organisation",
            "register-party_name": "杭州新登记贸易有限公司",
            "register-party_address": "杭州市西湖区文三路1号",
            "register-matter": w.matter.pk,
            "register-act_date": "2025-06-28",
            "register-act_place": "西湖区文三路1号",
            "register-facts": "夜间排放异味气体",
            "register-handlers": [o.pk for o in w.officers],
        },
    )
    assert response.status_code == 302, response.content.decode()
    case = Case.objects.get(lead=lead)
    assert case.party.name == "杭州新登记贸易有限公司"
    assert Party.objects.filter(id_number=NEW_CODE).count() == 1
    assert case.status == "registration_pending"


def test_a_refused_registration_registers_no_party(w):
    client = browser(w.users[0])
    client.post("/leads/new/", {"source": "complaint", "received_on": "2025-06-30", "summary": "举报"})
    lead = Lead.objects.get(summary="举报")
    response = client.post(
        f"/leads/{lead.pk}/",
        {
            "action": "register",
            "register-party_id_number": NEW_CODE,
            "register-party_kind": "organisation",
            "register-party_name": "杭州新登记贸易有限公司",
            "register-matter": w.matter.pk,
            "register-act_date": "2023-06-01",  # over two years before discovery: LP-36 refuses
            "register-act_place": "西湖区",
            "register-facts": "夜间排放异味气体",
            "register-handlers": [o.pk for o in w.officers],
        },
    )
    assert response.status_code == 200
    assert "LP-36" in response.content.decode()
    assert not Party.objects.filter(id_number=NEW_CODE).exists()
    assert not Case.objects.filter(lead=lead).exists()


def test_the_registration_form_labels_a_matter_the_agency_may_no_longer_or_not_yet_act_on(w):
    from tests.factories.lawbase import make_matter
    from zhifa.cases.actions import registration
    from zhifa.lawbase.actions.matters import assign_matter

    ended = make_matter("T-101", domain=w.matter.domain, name="已划转街道的事项")
    assign_matter(by=None, agency=w.agency, matter=ended, effective_to=D(2025, 6, 30))
    coming = make_matter("T-102", domain=w.matter.domain, name="尚未承接的事项")
    assign_matter(by=None, agency=w.agency, matter=coming, effective_from=D(2025, 9, 1))
    lead = registration.receive_lead(
        by=w.users[0], agency=w.agency, source="inspection", received_on=D(2025, 7, 1), summary="巡查"
    )
    with time_machine.travel(dt.datetime(2025, 7, 10, 10, tzinfo=dt.UTC)):
        page = browser(w.users[0]).get(f"/leads/{lead.pk}/").content.decode()
    options = [line.strip() for line in page.splitlines() if "T-10" in line or w.matter.code in line]
    held = options.index(next(o for o in options if w.matter.code in o))
    assert "（" not in options[held]  # held today: no label
    assert any("T-102 尚未承接的事项（本机关自 2025-09-01 起行使）" in o for o in options)
    labelled_end = next(
        i for i, o in enumerate(options) if "T-101 已划转街道的事项（本机关职权已于 2025-06-30 终止）" in o
    )
    coming_at = next(i for i, o in enumerate(options) if "T-102" in o)
    assert held < coming_at < labelled_end  # today's first, the ended one last
