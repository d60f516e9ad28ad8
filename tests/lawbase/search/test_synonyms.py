"""The synonym list is data an administrator extends: in the admin, through the API and from the
command line, each change through an action with an audit entry, and searches use it at once."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories.orgs import AgencyFactory, DomainFactory, OfficerFactory
from zhifa.core.models import AuditEntry
from zhifa.lawbase.actions.synonyms import save_synonym
from zhifa.lawbase.models import SearchSynonym
from zhifa.lawbase.search.query import search
from zhifa.orgs.choices import Role

from .test_search import stalls  # noqa: F401 - the fixture, shared with the search tests

pytestmark = pytest.mark.django_db


def _finds_stalls(query: str) -> bool:
    return any(h.matter_code == "CG-002" for h in search(query, limit=3))


@pytest.fixture
def administrator(regions):
    home = AgencyFactory(name="西湖区综合行政执法局", region=regions["county"], domain=DomainFactory())
    return OfficerFactory(agency=home, roles=[Role.ADMINISTRATOR], user__is_staff=True).user


def test_the_admin_adds_edits_and_removes_a_synonym_through_the_actions(stalls, administrator, signed_in):  # noqa: F811
    client = signed_in(administrator)
    assert not _finds_stalls("练摊")
    reply = client.post(reverse("admin:lawbase_searchsynonym_add"), {"term": "练摊", "means": "设摊经营 兜售物品"})
    assert reply.status_code == 302, reply.content.decode()[:2000]
    synonym = SearchSynonym.objects.get(term="练摊")
    assert AuditEntry.objects.filter(action="lawbase.synonym.saved", object_id=str(synonym.pk)).exists()
    assert _finds_stalls("练摊")

    reply = client.post(
        reverse("admin:lawbase_searchsynonym_change", args=[synonym.pk]),
        {"term": "练摊", "means": "露天烧烤", "note": "改错了"},
    )
    assert reply.status_code == 302
    assert not _finds_stalls("练摊")

    reply = client.post(reverse("admin:lawbase_searchsynonym_delete", args=[synonym.pk]), {"post": "yes"})
    assert reply.status_code == 302
    assert not SearchSynonym.objects.filter(term="练摊").exists()
    assert AuditEntry.objects.filter(action="lawbase.synonym.removed", object_id=str(synonym.pk)).exists()


def test_an_officer_sees_the_admin_list_only_if_staff_and_cannot_add(regions, signed_in):
    officer = OfficerFactory(roles=[Role.OFFICER], user__is_staff=True).user
    reply = signed_in(officer).post(reverse("admin:lawbase_searchsynonym_add"), {"term": "练摊", "means": "设摊经营"})
    assert reply.status_code == 403
    assert not SearchSynonym.objects.filter(term="练摊").exists()


def test_the_api_lists_to_staff_and_writes_for_administrators_only(stalls, administrator, signed_in):  # noqa: F811
    officer_user = OfficerFactory(roles=[Role.OFFICER]).user
    officer = signed_in(officer_user)
    refused = officer.put("/api/v1/synonyms/练摊", {"means": "设摊经营"}, content_type="application/json")
    assert refused.status_code == 403
    assert not SearchSynonym.objects.filter(term="练摊").exists()

    admin = signed_in(administrator)
    reply = admin.put(
        "/api/v1/synonyms/练摊", {"means": "设摊经营  兜售物品", "note": "北方说法"}, content_type="application/json"
    )
    assert reply.status_code == 200
    assert reply.json() == {"term": "练摊", "means": "设摊经营 兜售物品", "note": "北方说法"}
    assert _finds_stalls("练摊")
    listed = admin.get("/api/v1/synonyms").json()
    assert {"term": "练摊", "means": "设摊经营 兜售物品", "note": "北方说法"} in listed

    # One test client: signing in again switches who it is.
    assert signed_in(officer_user).delete("/api/v1/synonyms/练摊").status_code == 403
    admin = signed_in(administrator)
    assert admin.delete("/api/v1/synonyms/练摊").status_code == 204
    assert admin.delete("/api/v1/synonyms/练摊").status_code == 404
    assert not _finds_stalls("练摊")
    assert AuditEntry.objects.filter(action="lawbase.synonym.removed").exists()


def test_the_api_refuses_a_synonym_without_its_statutory_wording(administrator, signed_in):
    reply = signed_in(administrator).put("/api/v1/synonyms/练摊", {"means": ""}, content_type="application/json")
    assert reply.status_code == 422


def test_the_command_line_adds_lists_and_removes_a_synonym(stalls):  # noqa: F811
    out = StringIO()
    call_command("lawbase", "synonym", "add", "练摊", "设摊经营 兜售物品", "--note", "北方说法", stdout=out)
    assert "练摊" in out.getvalue()
    assert _finds_stalls("练摊")
    synonym = SearchSynonym.objects.get(term="练摊")
    entry = AuditEntry.objects.get(action="lawbase.synonym.saved", object_id=str(synonym.pk))
    assert entry.changes["new"]["means"] == "设摊经营 兜售物品"

    listed = StringIO()
    call_command("lawbase", "synonym", "list", "--json", stdout=listed)
    assert {"term": "练摊", "means": "设摊经营 兜售物品", "note": "北方说法"} in json.loads(listed.getvalue())

    call_command("lawbase", "synonym", "remove", "练摊", stdout=StringIO())
    assert not _finds_stalls("练摊")
    with pytest.raises(CommandError, match="没有这个同义词"):
        call_command("lawbase", "synonym", "remove", "练摊", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("lawbase", "synonym", "add", "练摊", " ", stdout=StringIO())


def test_a_search_sees_an_edit_made_after_it_cached_the_list(stalls):  # noqa: F811
    save_synonym(by=None, term="练摊", means="露天烧烤")
    assert not _finds_stalls("练摊")  # the list is now held by this process
    save_synonym(by=None, term="练摊", means="设摊经营 兜售物品")
    assert _finds_stalls("练摊")
    SearchSynonym.objects.filter(term="练摊").delete()  # even behind the actions' back
    assert not _finds_stalls("练摊")
