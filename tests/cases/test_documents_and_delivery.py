"""What the party holds: the signed PDF of the decision, its public verification page, and the
electronic delivery whose opening is the receipt."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from tests.cases.flow import (
    decided,
    delivered_electronically,
    fresh,
    investigated,
    notified,
    registered,
    reported,
    reviewed,
)
from zhifa.cases.actions.documents import ensure_pdf
from zhifa.cases.models import CaseDocument, Deadline
from zhifa.documents.rendering import fingerprint
from zhifa.documents.signing import verify_pdf

pytestmark = pytest.mark.django_db


def _decision_pdf(w: Any, **kwargs: Any) -> CaseDocument:
    """The decision with its PDF, as the worker renders (and signs) it after the step commits."""
    return ensure_pdf(fresh(decided(w, **kwargs)).decision.document)


def test_the_decision_is_a_signed_pdf_that_verifies_and_names_its_number(w):
    document = _decision_pdf(w)
    assert document.signed
    pdf = document.pdf.read()
    check = verify_pdf(pdf)
    assert check.ok, check.problems
    assert w.agency.name in check.signer_name
    assert document.sha256 == fingerprint(pdf)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "行政处罚决定书" in text
    assert document.number.replace("〔", "").replace("〕", "")[:6] in text.replace("〔", "").replace("〕", "")
    assert "行政复议" in text


def test_a_tampered_decision_no_longer_verifies(w):
    pdf = bytearray(_decision_pdf(w).pdf.read())
    at = pdf.index(b"/Contents") - 200  # inside the signed byte range, before the signature itself
    pdf[at] = (pdf[at] + 1) % 256
    assert not verify_pdf(bytes(pdf)).ok


def test_unsigned_documents_are_rendered_too(w):
    notice = ensure_pdf(CaseDocument.objects.get(case=notified(w), code="prior_notice"))
    assert notice.pdf
    assert not notice.signed
    assert notice.sha256 == fingerprint(notice.pdf.read())


def test_the_public_verification_page_shows_the_document_but_no_personal_data(w):
    case = decided(w, notified(w, reviewed(w, reported(w, investigated(w, registered(w, party=w.person))))))
    document = ensure_pdf(fresh(case).decision.document)
    page = Client().get(f"/v/{case.case_code}/{document.verify_code}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert document.number in html
    assert w.agency.name in html
    assert document.sha256 in html
    assert "已加盖机关电子签章" in html
    assert w.person.name not in html
    assert w.person.id_number not in html
    assert Client().get(f"/v/{case.case_code}/not-the-code/").status_code == 404


def test_electronic_delivery_is_served_when_the_party_opens_the_link(w):
    case = decided(w)
    document = case.decision.document
    delivery = delivered_electronically(w, document)
    assert delivery.served_on is None
    assert not Deadline.objects.filter(case=case, rule="LP-67b").exists()

    party = Client()
    link = f"/d/{delivery.token}/"
    assert party.get(link).status_code == 200  # a link previewer fetching the page serves nothing
    delivery.refresh_from_db()
    assert delivery.opened_at is None

    opened = party.post(link)
    assert opened.status_code == 200
    assert opened["Content-Type"] == "application/pdf"  # rendered and sealed then: the worker had not run
    assert verify_pdf(b"".join(opened.streaming_content)).ok
    delivery.refresh_from_db()
    today = timezone.localdate()
    assert delivery.served_on == today
    payment = Deadline.objects.get(case=case, rule="LP-67b")
    assert payment.starts_on == today
    assert fresh(case).events.filter(kind="delivery.opened").count() == 1

    party.post(link)  # opening it again changes nothing
    delivery.refresh_from_db()
    assert delivery.served_on == today
    assert fresh(case).events.filter(kind="delivery.opened").count() == 1
    assert Client().post("/d/not-a-token/").status_code == 404


def test_a_pdf_rendered_twice_at_once_keeps_the_first_recorded(w, monkeypatch):
    """The worker and a party opening the delivery may render the same document together: the one
    that records second keeps the first's file, so the fingerprint shown never changes."""
    from zhifa.cases.actions import documents

    notice = CaseDocument.objects.get(case=notified(w), code="prior_notice")
    real_render = documents.render_pdf
    first: list[CaseDocument] = []

    def render_while_another_records(html: str) -> bytes:
        if not first:
            monkeypatch.setattr(documents, "render_pdf", real_render)
            first.append(documents.produce_pdf(notice.pk))  # the other process, finishing first
        return real_render(html) + b"\n% rendered second"

    monkeypatch.setattr(documents, "render_pdf", render_while_another_records)
    kept = documents.produce_pdf(notice.pk)
    assert kept.pdf.name == first[0].pdf.name
    assert kept.sha256 == first[0].sha256 == fingerprint(kept.pdf.read())


def test_the_officers_link_serves_the_pdf_even_before_the_worker_rendered_it(w):
    notice = CaseDocument.objects.get(case=notified(w), code="prior_notice")
    assert not notice.pdf
    client = Client()
    client.force_login(w.users[0], backend="zhifa.orgs.auth.backend.PolicyBackend")
    response = client.get(f"/cases/{notice.case_id}/documents/{notice.pk}/")
    assert response["Content-Type"] == "application/pdf"
    notice.refresh_from_db()
    assert b"".join(response.streaming_content) == notice.pdf.read()


def test_a_renderer_that_fails_serves_the_text_of_an_ordinary_document_not_an_error(w, monkeypatch, caplog):
    _broken_renderer(monkeypatch)
    notice = CaseDocument.objects.get(case=notified(w), code="prior_notice")
    client = Client()
    client.force_login(w.users[0], backend="zhifa.orgs.auth.backend.PolicyBackend")
    response = client.get(f"/cases/{notice.case_id}/documents/{notice.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "行政处罚告知书" in response.content.decode()
    assert "no CJK font" in caplog.text
    notice.refresh_from_db()
    assert not notice.pdf


def _broken_renderer(monkeypatch: Any) -> None:
    from zhifa.cases.actions import documents

    def broken(html: str) -> bytes:
        raise OSError("fontconfig: no CJK font")

    monkeypatch.setattr(documents, "render_pdf", broken)


def test_a_party_whose_document_cannot_be_rendered_is_asked_to_retry_and_nothing_is_served(w, monkeypatch):
    document = decided(w).decision.document
    delivery = delivered_electronically(w, document)
    _broken_renderer(monkeypatch)
    response = Client().post(f"/d/{delivery.token}/")
    assert response.status_code == 503
    assert "本次打开不计为签收" in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.opened_at is None
    assert delivery.served_on is None
    assert not Deadline.objects.filter(case=document.case, rule="LP-67b").exists()


def test_a_decision_that_cannot_be_rendered_is_not_handed_out_unsigned(w, monkeypatch):
    document = decided(w).decision.document
    _broken_renderer(monkeypatch)
    client = Client()
    client.force_login(w.users[0], backend="zhifa.orgs.auth.backend.PolicyBackend")
    response = client.get(f"/cases/{document.case_id}/documents/{document.pk}/")
    assert response.status_code == 503
    assert "文书暂时无法生成" in response.content.decode()


def test_the_verification_page_says_the_file_is_being_rendered_until_it_is(w):
    document = decided(w).decision.document
    page = Client().get(f"/v/{document.case.case_code}/{document.verify_code}/").content.decode()
    assert "文书文件正在生成" in page
    assert document.sha256 not in page
    ensure_pdf(document)
    document.refresh_from_db()
    page = Client().get(f"/v/{document.case.case_code}/{document.verify_code}/").content.decode()
    assert document.sha256 in page
    assert "已加盖机关电子签章" in page
