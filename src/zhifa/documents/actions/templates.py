"""Saving and activating versions of document templates."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.template import Engine, TemplateSyntaxError
from django.utils.translation import gettext as _

from zhifa.core.errors import InvalidInput
from zhifa.core.locking import update_versioned
from zhifa.core.validation import validate
from zhifa.documents.events import TEMPLATE_ACTIVATED, TEMPLATE_SAVED
from zhifa.documents.models import DocumentTemplate, TemplateStatus
from zhifa.documents.permissions import MANAGE_TEMPLATE
from zhifa.orgs.events import audit
from zhifa.orgs.models import Region
from zhifa.orgs.policy import require


def check_body(body: str) -> None:
    """A template that does not compile is refused with the line, before anyone renders it."""
    try:
        Engine(libraries={}, builtins=["django.template.defaulttags", "django.template.defaultfilters"]).from_string(
            body
        )
    except TemplateSyntaxError as error:
        raise InvalidInput(_("模板有语法错误：%(error)s") % {"error": error}, fields={"body": [str(error)]}) from error


@transaction.atomic
def save_template_draft(
    *,
    by: Any | None,
    code: str,
    title: str,
    body: str,
    region: Region | None = None,
    order: int = 100,
    stage: str = "",
    required_by: list[str] | None = None,
    legal_basis: str = "",
) -> DocumentTemplate:
    """A new draft revision of `code` (the next revision number for the region)."""
    latest = DocumentTemplate.objects.filter(code=code, region=region).order_by("-revision").first()
    template = DocumentTemplate(
        code=code,
        title=title.strip(),
        body=body,
        region=region,
        revision=(latest.revision + 1) if latest else 1,
        order=order,
        stage=stage,
        required_by=required_by or [],
        legal_basis=legal_basis,
    )
    if by is not None:
        require(by, MANAGE_TEMPLATE, template)
    check_body(body)
    validate(template)
    template.save()
    audit(TEMPLATE_SAVED, by=by, obj=template, changes={"code": code, "revision": template.revision})
    return template


@transaction.atomic
def activate_template(template: DocumentTemplate, *, by: Any | None) -> DocumentTemplate:
    """Make this revision the one in use; the previously active one of the same code and region retires."""
    if by is not None:
        require(by, MANAGE_TEMPLATE, template)
    check_body(template.body)
    for active in (
        DocumentTemplate.objects.select_for_update()
        .filter(code=template.code, region=template.region, status=TemplateStatus.ACTIVE)
        .exclude(pk=template.pk)
    ):
        update_versioned(active, expected_version=None, values={"status": TemplateStatus.RETIRED})
    update_versioned(template, expected_version=None, values={"status": TemplateStatus.ACTIVE})
    audit(TEMPLATE_ACTIVATED, by=by, obj=template, changes={"code": template.code, "revision": template.revision})
    return template
