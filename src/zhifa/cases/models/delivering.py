"""Documents a case issues and their delivery (送达)."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.cases.choices import DeliveryMethod
from zhifa.core.models import TimestampedModel


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CaseDocument(TimestampedModel):
    """An issued document: rendered from a template revision, numbered, fingerprinted, perhaps
    signed; its `verify_code` opens the public verification page."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="documents")
    template = models.ForeignKey("documents.DocumentTemplate", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("文书代码"), max_length=60)
    title = models.CharField(_("文书名称"), max_length=100)
    number = models.CharField(_("文书编号"), max_length=60, blank=True)
    issued_on = models.DateField(_("制作日期"))
    source = models.FileField(_("文书源文件（HTML）"), upload_to="case-documents/%Y/%m/", blank=True)
    pdf = models.FileField(_("文书文件"), upload_to="case-documents/%Y/%m/", blank=True)
    # The fingerprint of the PDF once rendered (after the issuing transaction commits); until then
    # the fingerprint of the rendered HTML source.
    sha256 = models.CharField(_("文件指纹"), max_length=64, blank=True)
    signed = models.BooleanField(_("已电子签章"), default=False)
    verify_code = models.CharField(_("核验码"), max_length=40, unique=True, default=new_token, editable=False)
    void = models.BooleanField(_("已作废"), default=False)

    class Meta:
        verbose_name = _("执法文书")
        verbose_name_plural = _("执法文书")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"{self.title} {self.number}"

    def html(self) -> str:
        """The rendered text as issued (rules read what the party was actually given)."""
        if not self.source:
            return ""
        with self.source.open("rb") as handle:
            return handle.read().decode("utf-8")


class Delivery(TimestampedModel):
    """Service of a document (行政处罚法 第六十一条): in person, by post, electronically with the
    party's signed consent, or by public notice (deemed served after 30 days)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="deliveries")
    document = models.ForeignKey(CaseDocument, on_delete=models.PROTECT, related_name="deliveries")
    method = models.CharField(_("送达方式"), max_length=20, choices=DeliveryMethod.choices)
    recipient = models.CharField(_("受送达人"), max_length=100)
    address = models.CharField(_("送达地址"), max_length=300, blank=True)
    sent_on = models.DateField(_("发出日期"))
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    consent_confirmed = models.BooleanField(_("已签订电子送达确认书"), default=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    opened_at = models.DateTimeField(_("当事人打开时间"), null=True, blank=True)
    refused = models.BooleanField(_("拒收（留置送达）"), default=False)
    note = models.CharField(_("送达情况"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("送达")
        verbose_name_plural = _("送达")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"{self.document} {self.get_method_display()}"
