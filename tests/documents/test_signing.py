"""The demo PKI and the agency's PAdES seal on a rendered decision: signed, verified, tampered with."""

from __future__ import annotations

import io
import re
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from django.core.management import call_command
from django.utils import timezone

from tests.documents.test_template_data import BY_CODE, sample_context, source
from tests.factories.orgs import AgencyFactory
from zhifa.documents import signing
from zhifa.documents.rendering import render_html, render_pdf
from zhifa.orgs.models import Agency

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def decision_pdf() -> bytes:
    return render_pdf(render_html(source(BY_CODE["penalty_decision"]), sample_context()))


@pytest.fixture
def var_dir(settings: Any, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


@pytest.fixture
def agency(db: Any) -> Agency:
    return AgencyFactory(name="杭州市西湖区综合行政执法局", credit_code="11330106002492102A")


def sign(pdf: bytes, agency: Agency) -> bytes:
    return signing.sign_pdf(pdf, agency, reason="作出行政处罚决定", location="杭州市西湖区")


def flip_in_largest_stream(pdf: bytes) -> bytes:
    """One byte changed in the middle of the largest stream (a font), which no parser needs to read."""
    streams = [(m.end(), pdf.index(b"endstream", m.end())) for m in re.finditer(rb"(?<!end)stream\r?\n", pdf)]
    start, end = max(streams, key=lambda span: span[1] - span[0])
    middle = (start + end) // 2
    return pdf[:middle] + bytes([pdf[middle] ^ 0x01]) + pdf[middle + 1 :]


def common_name(certificate: x509.Certificate) -> str:
    return str(certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)


# -- the demo PKI --------------------------------------------------------------------------------


def test_demo_ca_is_made_once_and_kept_private(var_dir: Path) -> None:
    ca = signing.ensure_demo_ca()
    assert signing.ensure_demo_ca().certificate == ca.certificate
    assert common_name(ca.certificate) == "zhifa 演示根证书（非真实 CA）"
    assert ca.certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    lifetime = ca.certificate.not_valid_after_utc - ca.certificate.not_valid_before_utc
    assert timedelta(days=3650) <= lifetime <= timedelta(days=3652)
    directory = var_dir / "pki"
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    files = [path for path in directory.rglob("*") if path.is_file()]
    assert {path.name for path in files} >= {"ca.key.pem", "ca.cert.pem"}
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_agency_certificate_names_the_agency_and_may_sign(var_dir: Path, agency: Agency) -> None:
    key = signing.ensure_agency_certificate(agency)
    certificate = key.certificate
    assert common_name(certificate) == "杭州市西湖区综合行政执法局"
    serial = certificate.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value
    assert serial == "11330106002492102A"
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature
    assert usage.content_commitment  # nonRepudiation
    assert not usage.key_cert_sign
    assert not certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    certificate.verify_directly_issued_by(signing.ensure_demo_ca().certificate)
    lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    assert timedelta(days=1094) <= lifetime <= timedelta(days=1096)
    assert signing.ensure_agency_certificate(agency).certificate == certificate


def test_agency_without_credit_code_has_no_serial_number(var_dir: Path, db: Any) -> None:
    certificate = signing.ensure_agency_certificate(AgencyFactory(name="某某街道综合行政执法队")).certificate
    assert not certificate.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)


def test_a_renamed_agency_gets_a_new_certificate(var_dir: Path, agency: Agency) -> None:
    first = signing.ensure_agency_certificate(agency)
    agency.name = "杭州市西湖区城市管理局"
    second = signing.ensure_agency_certificate(agency)
    assert second.certificate != first.certificate
    assert common_name(second.certificate) == "杭州市西湖区城市管理局"


def test_a_long_name_is_kept_whole_in_the_organisation(var_dir: Path, db: Any) -> None:
    name = "某某省某某市某某区市场监督管理局食品药品安全综合行政执法大队第一中队"
    key = signing.ensure_agency_certificate(AgencyFactory(name=name))
    assert name.startswith(common_name(key.certificate))
    assert key.certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == name


# -- signing and verifying -----------------------------------------------------------------------


def test_signed_decision_verifies_as_intact_and_trusted(var_dir: Path, agency: Agency, decision_pdf: bytes) -> None:
    signed = sign(decision_pdf, agency)
    assert signed.startswith(decision_pdf)  # an incremental update: the rendered bytes are kept
    assert b"/SubFilter /ETSI.CAdES.detached" in signed
    check = signing.verify_pdf(signed)
    assert check.problems == []
    assert check.signed
    assert check.intact
    assert check.trusted
    assert check.ok
    assert check.signer_name == "杭州市西湖区综合行政执法局"
    assert check.signed_at is not None
    assert abs(timezone.now() - check.signed_at) < timedelta(minutes=5)


def test_signature_field_is_the_agency_seal(var_dir: Path, agency: Agency, decision_pdf: bytes) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    signed = sign(decision_pdf, agency)
    (embedded,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert embedded.field_name == "机关签章"
    assert str(embedded.sig_object["/Reason"]) == "作出行政处罚决定"
    assert str(embedded.sig_object["/Location"]) == "杭州市西湖区"


def test_a_changed_byte_breaks_the_seal(var_dir: Path, agency: Agency, decision_pdf: bytes) -> None:
    tampered = flip_in_largest_stream(sign(decision_pdf, agency))
    check = signing.verify_pdf(tampered)
    assert check.signed
    assert not check.intact
    assert not check.trusted
    assert not check.ok
    assert check.problems
    assert all(CJK.search(problem) for problem in check.problems)
    assert "被改动" in check.problems[0]


def test_content_added_after_signing_breaks_the_seal(var_dir: Path, agency: Agency, decision_pdf: bytes) -> None:
    """An incremental update that draws on a page leaves the signed bytes alone but is not allowed."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(sign(decision_pdf, agency)))
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"0 0 m 100 100 l S")))
    output = io.BytesIO()
    writer.write(output)
    check = signing.verify_pdf(output.getvalue())
    assert check.signed
    assert not check.intact
    assert not check.trusted
    assert check.problems == ["签章「机关签章」之后文件又被追加修改，且修改超出允许的范围。"]


def test_a_certificate_from_another_root_is_not_trusted(
    settings: Any, tmp_path: Path, agency: Agency, decision_pdf: bytes
) -> None:
    settings.VAR_DIR = tmp_path / "elsewhere"
    foreign = sign(decision_pdf, agency)  # issued by a root made in another installation, same name
    settings.VAR_DIR = tmp_path / "here"
    signing.ensure_demo_ca()
    check = signing.verify_pdf(foreign)
    assert check.signed
    assert check.intact
    assert not check.trusted
    assert check.signer_name == "杭州市西湖区综合行政执法局"
    assert len(check.problems) == 1
    assert "本系统信任的根证书" in check.problems[0]


def test_without_a_root_nothing_is_trusted(settings: Any, tmp_path: Path, agency: Agency, decision_pdf: bytes) -> None:
    settings.VAR_DIR = tmp_path / "signer"
    signed = sign(decision_pdf, agency)
    settings.VAR_DIR = tmp_path / "empty"
    check = signing.verify_pdf(signed)
    assert check.intact
    assert not check.trusted
    assert any("zhifa pki init" in problem for problem in check.problems)


def test_unsigned_and_broken_files_are_reported_not_raised(var_dir: Path, decision_pdf: bytes) -> None:
    unsigned = signing.verify_pdf(decision_pdf)
    assert (unsigned.signed, unsigned.intact, unsigned.trusted) == (False, False, False)
    assert unsigned.problems == ["文件没有电子签章。"]
    broken = signing.verify_pdf(b"%PDF-1.7 not really")
    assert not broken.ok
    assert broken.problems[0].startswith("文件无法解析")


# -- the command ---------------------------------------------------------------------------------


def test_pki_init_prepares_every_active_agency(var_dir: Path, agency: Agency, capsys: Any) -> None:
    retired = AgencyFactory(name="已撤销的执法局", is_active=False)
    call_command("pki", "init")
    call_command("pki", "init")  # idempotent
    agencies = var_dir / "pki" / "agencies"
    assert (agencies / f"agency-{agency.pk}.cert.pem").is_file()
    assert not (agencies / f"agency-{retired.pk}.cert.pem").exists()
    assert "杭州市西湖区综合行政执法局" in capsys.readouterr().out


def test_pki_verify_exit_codes(var_dir: Path, agency: Agency, decision_pdf: bytes, tmp_path: Path, capsys: Any) -> None:
    signed = sign(decision_pdf, agency)
    good = tmp_path / "good.pdf"
    good.write_bytes(signed)
    call_command("pki", "verify", str(good))
    out = capsys.readouterr().out
    assert "内容完整：是" in out
    assert "证书可信：是" in out
    assert "签章机关：杭州市西湖区综合行政执法局" in out
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(flip_in_largest_stream(signed))
    with pytest.raises(SystemExit) as exit_info:
        call_command("pki", "verify", str(bad))
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert "内容完整：否" in captured.out
    assert "被改动" in captured.err
