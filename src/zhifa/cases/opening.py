"""Opening work from the cleaned data of `cases.opening_forms`, for the staff pages and the API
alike: a new party named in the same form is registered in the same transaction as the lead,
the registration request or the on-the-spot decision, so a refusal leaves nothing behind."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from zhifa.cases.actions import registration, summary
from zhifa.cases.forms import penalty_from
from zhifa.cases.models import Case, Lead
from zhifa.orgs.models import Agency
from zhifa.parties.actions.parties import create_party
from zhifa.parties.choices import AddressKind, IdType, PartyKind
from zhifa.parties.models import Party


def party_from(data: dict[str, Any], *, by: Any) -> Party:
    """The party the form found, or a new one registered from its particulars."""
    found = data.get("party_found")
    if found is not None:
        return found
    kind = data["party_kind"]
    number = data.get("party_id_number") or ""
    id_type = ""
    if number:
        id_type = IdType.CREDIT_CODE if kind == PartyKind.ORGANISATION else IdType.RESIDENT_ID
    address = (data.get("party_address") or "").strip()
    return create_party(
        by=by,
        kind=kind,
        name=data["party_name"],
        id_type=id_type,
        id_number=number,
        legal_representative=data.get("party_legal_representative") or "",
        addresses={AddressKind.BUSINESS: address} if address else None,
    )


@transaction.atomic
def open_lead(*, by: Any, agency: Agency, data: dict[str, Any]) -> Lead:
    return registration.receive_lead(
        by=by,
        agency=agency,
        source=data["source"],
        received_on=data["received_on"],
        summary=data["summary"],
        matter=data.get("matter"),
        reporter=data.get("reporter") or "",
    )


@transaction.atomic
def request_registration(lead: Lead, *, by: Any, data: dict[str, Any]) -> Case:
    return registration.request_registration(
        lead,
        by=by,
        party=party_from(data, by=by),
        matter=data["matter"],
        act_date=data["act_date"],
        act_end_date=data.get("act_end_date"),
        act_continuing=bool(data.get("act_continuing")),
        act_place=data["act_place"],
        act_region=data.get("act_region"),
        facts=data["facts"],
        handlers=list(data["handlers"]),
        life_health_financial=bool(data.get("life_health_financial")),
        harmful_consequences=bool(data.get("harmful_consequences")),
        is_major=bool(data.get("is_major")),
        is_complex=bool(data.get("is_complex")),
    )


@transaction.atomic
def decide_on_the_spot(*, by: Any, agency: Agency, data: dict[str, Any]) -> Case:
    return summary.decide_on_the_spot(
        by=by,
        agency=agency,
        matter=data["matter"],
        party=party_from(data, by=by),
        act_date=data["act_date"],
        act_place=data["act_place"],
        facts=data["facts"],
        officers=list(data["officers"]),
        penalty=penalty_from(data),
        form_number=data["form_number"],
        credentials_shown=bool(data.get("credentials_shown")),
        rights_told=bool(data.get("rights_told")),
        party_answer=data.get("party_answer") or "",
        decided_on=data["decided_on"],
        paid_on_the_spot=bool(data.get("paid_on_the_spot")),
        receipt_number=data.get("receipt_number") or "",
    )


def lead_initial(lead: Lead) -> dict[str, Any]:
    """What the registration request form starts from: nothing typed twice."""
    initial: dict[str, Any] = {"facts": lead.summary, "act_date": lead.received_on}
    if lead.matter_id:
        initial["matter"] = lead.matter_id
    if lead.party_id:
        initial["party"] = lead.party_id
        initial["party_id_number"] = lead.party.id_number if lead.party else ""
    return initial
