"""Matter catalogues, which agencies hold which matters, typical cases and template revisions."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from zhifa.api.routers.orgs import ERRORS
from zhifa.api.schemas.lawbase import (
    CatalogueOut,
    HoldingIn,
    HoldingOut,
    ReferenceCaseIn,
    ReferenceCaseOut,
    TemplateIn,
    TemplateOut,
)
from zhifa.core.errors import InvalidInput, NotFound
from zhifa.core.scoping import fetch_for
from zhifa.documents.actions.templates import activate_template, save_template_draft
from zhifa.documents.models import DocumentTemplate, TemplateStatus
from zhifa.documents.permissions import VIEW_TEMPLATE
from zhifa.lawbase.actions.matters import assign_matter, unassign_matter
from zhifa.lawbase.actions.references import save_reference_case
from zhifa.lawbase.citations import parse_citation
from zhifa.lawbase.models import AgencyMatter, Matter, MatterCatalogue, ReferenceCase
from zhifa.lawbase.permissions import VIEW_LAWBASE
from zhifa.lawbase.selectors import resolve
from zhifa.orgs.models import Agency, Region
from zhifa.orgs.permissions import VIEW_AGENCY, VIEW_REGION

router = Router(tags=["lawbase"])


@router.get("/catalogues", response={200: list[CatalogueOut], **ERRORS})
def list_catalogues(request: HttpRequest) -> list[dict[str, Any]]:
    catalogues = MatterCatalogue.objects.restrict(request.user, VIEW_LAWBASE).select_related("region")
    return [
        {
            "id": c.pk,
            "name": c.name,
            "kind": c.kind,
            "region": c.region.code,
            "document_no": c.document_no,
            "matter_codes": list(c.matters.order_by("code").values_list("code", flat=True)),
        }
        for c in catalogues.prefetch_related("matters")
    ]


def _holding_out(holding: AgencyMatter) -> dict[str, Any]:
    return {
        "agency_id": holding.agency_id,
        "matter_code": holding.matter.code,
        "matter_name": holding.matter.name,
        "source": holding.source,
        "decision_reference": holding.decision_reference,
        "effective_from": holding.effective_from,
        "effective_to": holding.effective_to,
    }


@router.get("/agencies/{agency_id}/matters", response={200: list[HoldingOut], **ERRORS})
def list_holdings(request: HttpRequest, agency_id: int) -> list[dict[str, Any]]:
    agency = fetch_for(Agency, request.user, VIEW_AGENCY, pk=agency_id)
    holdings = AgencyMatter.objects.restrict(request.user, VIEW_AGENCY).filter(agency=agency).select_related("matter")
    return [_holding_out(h) for h in holdings.order_by("matter__code")]


@router.put("/agencies/{agency_id}/matters/{code}", response={200: HoldingOut, **ERRORS})
def assign(request: HttpRequest, agency_id: int, code: str, payload: HoldingIn) -> dict[str, Any]:
    agency = fetch_for(Agency, request.user, VIEW_AGENCY, pk=agency_id)
    matter = fetch_for(Matter, request.user, VIEW_LAWBASE, code=code)
    return _holding_out(assign_matter(by=request.user, agency=agency, matter=matter, **payload.dict()))


@router.delete("/agencies/{agency_id}/matters/{code}", response={204: None, **ERRORS})
def unassign(request: HttpRequest, agency_id: int, code: str) -> Status[None]:
    agency = fetch_for(Agency, request.user, VIEW_AGENCY, pk=agency_id)
    holding = AgencyMatter.objects.restrict(request.user, VIEW_AGENCY).filter(agency=agency, matter__code=code).first()
    if holding is None:
        raise NotFound(_("该执法主体没有此事项。"))
    unassign_matter(holding, by=request.user)
    return Status(204, None)


@router.post("/reference-cases", response={201: ReferenceCaseOut, **ERRORS})
def create_reference_case(request: HttpRequest, payload: ReferenceCaseIn) -> Status[dict[str, Any]]:
    data = payload.dict()
    matters = [fetch_for(Matter, request.user, VIEW_LAWBASE, code=c) for c in data.pop("matter_codes")]
    articles = []
    for n, text in enumerate(data.pop("citations")):
        try:
            articles.append(resolve(parse_citation(text)))
        except ValueError as error:
            raise InvalidInput(str(error), fields={f"citations.{n}": [str(error)]}) from error
    case = save_reference_case(by=request.user, matters=matters, articles=articles, **data)
    return Status(
        201,
        {
            "id": case.pk,
            "title": case.title,
            "kind": case.kind,
            "collection": case.collection,
            "summary": case.summary,
            "decision": case.decision,
            "significance": case.significance,
            "articles": [str(a) for a in articles],
        },
    )


def _template_out(t: DocumentTemplate) -> dict[str, Any]:
    return {
        "id": t.pk,
        "code": t.code,
        "title": t.title,
        "revision": t.revision,
        "status": t.status,
        "stage": t.stage,
        "legal_basis": t.legal_basis,
        "required_by": t.required_by,
    }


@router.post("/document-templates", response={201: TemplateOut, **ERRORS}, summary="A new draft revision of a template")
def create_template(request: HttpRequest, payload: TemplateIn) -> Status[dict[str, Any]]:
    data = payload.dict()
    region_code = data.pop("region_code")
    region = fetch_for(Region, request.user, VIEW_REGION, code=region_code) if region_code else None
    return Status(201, _template_out(save_template_draft(by=request.user, region=region, **data)))


@router.post("/document-templates/{template_id}/activate", response={200: TemplateOut, **ERRORS})
def activate(request: HttpRequest, template_id: int) -> dict[str, Any]:
    template = fetch_for(DocumentTemplate, request.user, VIEW_TEMPLATE, pk=template_id)
    return _template_out(activate_template(template, by=request.user))


@router.get("/reference-cases", response={200: list[ReferenceCaseOut], **ERRORS})
def list_reference_cases(request: HttpRequest, q: str | None = None) -> list[dict[str, Any]]:
    cases = ReferenceCase.objects.restrict(request.user, VIEW_LAWBASE).prefetch_related("articles__law")
    if q:
        cases = cases.filter(Q(title__contains=q) | Q(summary__contains=q))
    return [
        {
            "id": c.pk,
            "title": c.title,
            "kind": c.kind,
            "collection": c.collection,
            "summary": c.summary,
            "decision": c.decision,
            "significance": c.significance,
            "articles": [str(a) for a in c.articles.all()],
        }
        for c in cases.order_by("title")[:200]
    ]


@router.get("/document-templates", response={200: list[TemplateOut], **ERRORS})
def list_templates(request: HttpRequest) -> list[dict[str, Any]]:
    templates = DocumentTemplate.objects.restrict(request.user, VIEW_TEMPLATE).filter(status=TemplateStatus.ACTIVE)
    return [
        {
            "id": t.pk,
            "code": t.code,
            "title": t.title,
            "revision": t.revision,
            "status": t.status,
            "stage": t.stage,
            "legal_basis": t.legal_basis,
            "required_by": t.required_by,
        }
        for t in templates.order_by("order", "code")
    ]
