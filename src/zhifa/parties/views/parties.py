"""Finding and reading parties. Staff see identity numbers partly masked in lists, in full on
the party's own page (it is recorded who opened it through the request log)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from zhifa.core.scoping import fetch_for
from zhifa.parties.masking import mask_id_number
from zhifa.parties.models import Party
from zhifa.parties.permissions import VIEW_PARTY


@login_required
def party_list(request: HttpRequest) -> HttpResponse:
    parties = Party.objects.restrict(request.user, VIEW_PARTY).filter(merged_into__isnull=True)
    q = request.GET.get("q", "").strip()
    if q:
        parties = parties.filter(Q(name__contains=q) | Q(id_number=q.upper()) | Q(legal_representative__contains=q))
    page = Paginator(parties.order_by("name", "id"), 50).get_page(request.GET.get("page"))
    # A business's credit code is public; a person's ID number is shown in part.
    rows = [
        {
            "party": p,
            "id_masked": mask_id_number(p.id_number, keep_start=6, keep_end=4) if p.is_individual else p.id_number,
        }
        for p in page
    ]
    return TemplateResponse(request, "parties/party_list.html", {"page": page, "rows": rows, "q": q})


@login_required
def party_detail(request: HttpRequest, pk: int) -> HttpResponse:
    party = fetch_for(Party, request.user, VIEW_PARTY, pk=pk)
    context = {"party": party, "addresses": party.addresses.all(), "merged": party.merged_parties.all()}
    return TemplateResponse(request, "parties/party_detail.html", context)
