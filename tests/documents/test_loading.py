"""The shipped templates as the demo and the case engine get them: loaded as active national
revisions, idempotently, and issued for a real case with the context the engine builds."""

from __future__ import annotations

import re

import pytest

from tests.cases.flow import registered
from tests.documents.test_template_data import INDEX, REQUIRED_CODES
from tests.factories.cases import build_world
from zhifa.cases.actions.documents import issue_document
from zhifa.documents.loading import load_shipped_templates
from zhifa.documents.models import DocumentTemplate, TemplateStatus

pytestmark = pytest.mark.django_db


def test_loading_activates_every_shipped_template_once() -> None:
    created, total = load_shipped_templates(by=None)
    assert created == total == len(INDEX)
    active = DocumentTemplate.objects.filter(region=None, status=TemplateStatus.ACTIVE)
    assert {t.code for t in active} == {entry["code"] for entry in INDEX} >= REQUIRED_CODES
    assert {t.code: t.title for t in active} == {entry["code"]: entry["title"] for entry in INDEX}
    assert load_shipped_templates(by=None) == (0, total)
    assert DocumentTemplate.objects.count() == total


def test_a_changed_shipped_text_becomes_a_new_revision_and_the_old_one_retires() -> None:
    load_shipped_templates(by=None)
    old = DocumentTemplate.objects.get(code="refund_order", status=TemplateStatus.ACTIVE)
    DocumentTemplate.objects.filter(pk=old.pk).update(body=old.body + "<p>旧文本</p>")
    assert load_shipped_templates(by=None)[0] == 1
    old.refresh_from_db()
    new = DocumentTemplate.objects.get(code="refund_order", status=TemplateStatus.ACTIVE)
    assert old.status == TemplateStatus.RETIRED
    assert new.revision == old.revision + 1


def test_every_template_is_issued_for_a_real_case() -> None:
    w = build_world()
    case = registered(w)
    for entry in INDEX:
        document = issue_document(case, entry["code"], number="测试〔2025〕1号")
        html = document.source.open("rb").read().decode("utf-8")
        document.source.close()
        text = re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))
        assert w.agency.name in text, entry["code"]
        assert document.verify_code in text, entry["code"]
        assert "None" not in text, entry["code"]
        assert document.title == entry["title"]
