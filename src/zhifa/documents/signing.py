"""Electronic seals (电子签章) on issued documents: a demo PKI and PAdES signatures.

The demo PKI lives in files under `settings.VAR_DIR / "pki"` (directory 0700, files 0600, never in
the repository): a root CA made once, and one signing certificate per agency issued by it. It is a
stand-in for the agency's real seal certificate (issued by a licensed CA, the key in a USB key or an
HSM), which pyHanko reaches through PKCS#11 with the same `sign_pdf` call shape.

Signatures are PAdES baseline B-B (SubFilter ETSI.CAdES.detached), invisible, in the field 机关签章;
the seal printed on the page is the template's. No time-stamp authority is used, so the signing time
is the one the signer claims (/M).
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils import timezone

if TYPE_CHECKING:
    from zhifa.orgs.models import Agency

CA_NAME = "zhifa 演示根证书（非真实 CA）"
FIELD_NAME = "机关签章"
CA_YEARS = 10
AGENCY_YEARS = 3
RENEW_BEFORE = timedelta(days=30)
# RFC 5280 limits a common name to 64; cryptography counts UTF-8 bytes (21 CJK characters).
CN_MAX_BYTES = 64


@dataclass(frozen=True)
class CA:
    """The demo root: its certificate and key, as stored in `directory`."""

    certificate: x509.Certificate
    private_key: ec.EllipticCurvePrivateKey
    directory: Path


@dataclass(frozen=True)
class AgencyKey:
    """An agency's signing certificate and key, and the root that issued it."""

    agency_id: int
    certificate: x509.Certificate
    private_key: ec.EllipticCurvePrivateKey
    ca_certificate: x509.Certificate

    @property
    def fingerprint(self) -> str:
        return self.certificate.fingerprint(hashes.SHA256()).hex()


@dataclass
class SignatureCheck:
    """What a verification found. `intact`: every signature matches the bytes it covers and nothing but
    allowed updates (further signatures) came after; `trusted`: intact, and every signer's certificate
    chains to the demo root. `problems` are sentences in Chinese, empty when all is well."""

    signed: bool = False
    intact: bool = False
    trusted: bool = False
    signer_name: str = ""
    signed_at: datetime | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.trusted


# -- files -------------------------------------------------------------------------------------


def pki_dir() -> Path:
    return Path(settings.VAR_DIR) / "pki"


@contextlib.contextmanager
def _locked() -> Iterator[Path]:
    """The PKI directory, created 0700, under an exclusive lock (two workers never make two CAs)."""
    directory = pki_dir()
    (directory / "agencies").mkdir(mode=0o700, parents=True, exist_ok=True)
    directory.chmod(0o700)
    with os.fdopen(os.open(directory / ".lock", os.O_RDWR | os.O_CREAT, 0o600), "rb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield directory
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write(path: Path, data: bytes) -> None:
    """Write a file readable by its owner only, atomically (a crash leaves the old file or none)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _write_pair(stem: Path, certificate: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> None:
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    _write(stem.with_suffix(".key.pem"), key_pem)
    _write(stem.with_suffix(".cert.pem"), certificate.public_bytes(serialization.Encoding.PEM))


def _read_pair(stem: Path) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None:
    cert_path, key_path = stem.with_suffix(".cert.pem"), stem.with_suffix(".key.pem")
    if not (cert_path.is_file() and key_path.is_file()):
        return None
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        return None
    return x509.load_pem_x509_certificate(cert_path.read_bytes()), key


# -- certificates ------------------------------------------------------------------------------


def _name(common_name: str, *, organisation: str = "", serial_number: str = "") -> x509.Name:
    common = common_name.encode()[:CN_MAX_BYTES].decode(errors="ignore")
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "CN")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    if serial_number:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_number))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common))
    return x509.Name(attributes)


def _usage(*, sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign,
        content_commitment=sign,  # nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not sign,
        crl_sign=not sign,
        encipher_only=False,
        decipher_only=False,
    )


def _make_ca() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = timezone.now()
    name = _name(CA_NAME, organisation="zhifa")
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(sign=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return certificate, key


def _load_ca(directory: Path) -> CA | None:
    pair = _read_pair(directory / "ca")
    return CA(certificate=pair[0], private_key=pair[1], directory=directory) if pair else None


def ensure_demo_ca() -> CA:
    """The demo root CA, made on first use (EC P-256, 10 years) and reused afterwards."""
    with _locked() as directory:
        ca = _load_ca(directory)
        if ca is None:
            certificate, key = _make_ca()
            _write_pair(directory / "ca", certificate, key)
            ca = CA(certificate=certificate, private_key=key, directory=directory)
        return ca


def _agency_subject(agency: Agency) -> x509.Name:
    return _name(agency.name, organisation=agency.name, serial_number=agency.credit_code)


def _still_good(certificate: x509.Certificate, ca: CA, subject: x509.Name) -> bool:
    try:
        certificate.verify_directly_issued_by(ca.certificate)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return certificate.subject == subject and certificate.not_valid_after_utc > timezone.now() + RENEW_BEFORE


def _issue(ca: CA, subject: x509.Name) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = timezone.now()
    ca_key_id = ca.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(min(now + timedelta(days=365 * AGENCY_YEARS), ca.certificate.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_key_id), critical=False)
        .sign(ca.private_key, hashes.SHA256())
    )
    return certificate, key


def ensure_agency_certificate(agency: Agency) -> AgencyKey:
    """The agency's signing certificate, issued once (3 years) and again only when it no longer fits:
    another root, a changed name or credit code, or less than 30 days left."""
    ca = ensure_demo_ca()
    subject = _agency_subject(agency)
    with _locked() as directory:
        stem = directory / "agencies" / f"agency-{agency.pk}"
        pair = _read_pair(stem)
        if pair is None or not _still_good(pair[0], ca, subject):
            pair = _issue(ca, subject)
            _write_pair(stem, *pair)
    return AgencyKey(agency_id=agency.pk, certificate=pair[0], private_key=pair[1], ca_certificate=ca.certificate)


# -- signing and verifying ---------------------------------------------------------------------


def _asn1_certificate(certificate: x509.Certificate) -> Any:
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def sign_pdf(pdf: bytes, agency: Agency, *, reason: str, location: str) -> bytes:
    """The PDF with the agency's PAdES signature appended as an incremental update (invisible field 机关签章).

    Synchronous: pyHanko runs its own event loop, so call it from a worker or a sync view, not from
    inside a running asyncio loop.
    """
    from asn1crypto import keys as asn1_keys
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = ensure_agency_certificate(agency)
    private_der = key.private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signer = signers.SimpleSigner(
        signing_cert=_asn1_certificate(key.certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(private_der),
        cert_registry=SimpleCertificateStore.from_certs([_asn1_certificate(key.ca_certificate)]),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    pdf_signer = signers.PdfSigner(meta, signer=signer, new_field_spec=fields.SigFieldSpec(FIELD_NAME))
    output = pdf_signer.sign_pdf(writer, in_place=False)
    return output.getvalue()


_TRUST_PROBLEMS = {
    "NO_CERTIFICATE_CHAIN_FOUND": "签章证书不是由本系统信任的根证书签发。",
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": "签章证书无法验证到本系统信任的根证书（证书链校验失败）。",
    "EXPIRED": "签章证书已过期。",
    "NOT_YET_VALID": "签章证书尚未生效。",
    "OUT_OF_BOUNDS_NO_POE": "核验时签章证书已不在有效期内。",
    "OUT_OF_BOUNDS_NOT_REVOKED": "核验时签章证书已不在有效期内。",
    "REVOKED": "签章证书已被吊销。",
    "REVOKED_NO_POE": "签章证书已被吊销。",
    "REVOKED_CA_NO_POE": "签发签章证书的上级证书已被吊销。",
    "CHAIN_CONSTRAINTS_FAILURE": "签章证书不符合证书链的约束。",
    "SIG_CONSTRAINTS_FAILURE": "签章证书的密钥用途不允许用于签章。",
}


def _signer_name(certificate: Any) -> str:
    """The organisation name of the signer's certificate (the full agency name), else its common name."""
    subject = certificate.subject.native
    return str(subject.get("organization_name") or subject.get("common_name") or "")


def _check_one(embedded: Any, context: Any, check: SignatureCheck) -> tuple[bool, bool]:
    """Validate one signature, note its signer and problems; (intact and unmodified, trusted)."""
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import ModificationLevel

    status = validate_pdf_signature(embedded, signer_validation_context=context)
    check.signer_name = _signer_name(status.signing_cert)
    check.signed_at = status.signer_reported_dt or embedded.self_reported_timestamp
    label = embedded.field_name
    if not status.intact:
        check.problems.append(f"签章「{label}」之后文件内容被改动：摘要与签章时不一致。")
        return False, False
    if not status.valid:
        check.problems.append(f"签章「{label}」的签名值无效：签名已损坏或与证书不符。")
        return False, False
    unmodified = bool(status.docmdp_ok) or status.modification_level == ModificationLevel.NONE
    if not unmodified:
        check.problems.append(f"签章「{label}」之后文件又被追加修改，且修改超出允许的范围。")
    if not status.trusted:
        name = getattr(status.trust_problem_indic, "name", "")
        check.problems.append(_TRUST_PROBLEMS.get(name, f"签章证书不受信任（{name or '原因不明'}）。"))
    return unmodified, status.trusted


def verify_pdf(pdf: bytes) -> SignatureCheck:
    """Check every signature of the file against the demo root: intact, unmodified since, and trusted.

    Works offline (no fetching of CRLs or OCSP: the demo certificates name none). Never raises on
    a damaged or hostile file: the problem is reported instead.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    check = SignatureCheck()
    ca = _load_ca(pki_dir())
    roots = [_asn1_certificate(ca.certificate)] if ca else []
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception as error:  # a hostile file can fail anywhere in the parser
        check.problems.append(f"文件无法解析为 PDF：{error}")
        return check
    if not signatures:
        check.problems.append("文件没有电子签章。")
        return check
    check.signed = True
    results = []
    for embedded in signatures:
        try:
            results.append(_check_one(embedded, context, check))
        except Exception as error:  # a malformed signature is a finding, not a crash
            check.problems.append(f"签章「{embedded.field_name}」无法校验：{error}")
            results.append((False, False))
    if ca is None:
        check.problems.append("本系统尚未建立根证书（请先运行 zhifa pki init），无法确认签章可信。")
    check.intact = all(intact for intact, _trusted in results)
    check.trusted = check.intact and ca is not None and all(trusted for _intact, trusted in results)
    return check
