"""The context every case document is rendered with (the contract of documents/data/templates)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone

from zhifa.cases.choices import Procedure
from zhifa.cases.models import Case
from zhifa.cases.penalty import Penalty
from zhifa.cases.selectors import handlers, latest_report, served_notice
from zhifa.lawbase.choices import BasisRole
from zhifa.lawbase.selectors import ordered_bases
from zhifa.orgs.choices import RegionLevel
from zhifa.orgs.selectors import region_ancestors
from zhifa.parties.choices import AddressKind
from zhifa.parties.identity import age_on

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ["", "拾", "佰", "仟"]


def capital_yuan(amount: Decimal | None) -> str:
    """10000 → 壹万元整 (the uppercase amount financial documents carry)."""
    if amount is None:
        return ""
    whole = int(amount)
    if whole == 0:
        return "零元整"
    groups, text = [], ""
    while whole:
        groups.append(whole % 10000)
        whole //= 10000
    for index, group in reversed(list(enumerate(groups))):
        if group == 0:
            continue
        part, zero = "", False
        for position in range(3, -1, -1):
            digit = group // 10**position % 10
            if digit:
                part += ("零" if zero and part else "") + DIGITS[digit] + UNITS[position]
                zero = False
            else:
                zero = True
        text += part + ["", "万", "亿"][index]
    cents = int((amount * 100) % 100)
    return text + "元" + (f"{DIGITS[cents // 10]}角{DIGITS[cents % 10]}分" if cents else "整")


def _county(case: Case) -> tuple[str, str]:
    """The government (reconsideration body, 复议法 第二十四条) and the basic court of the place."""
    regions = list(region_ancestors(case.agency.region))
    county = next((r for r in reversed(regions) if r.level in {RegionLevel.COUNTY}), None)
    place = county or next((r for r in reversed(regions) if r.level == RegionLevel.CITY), regions[-1])
    chain = [r for r in regions if len(r.path) <= len(place.path) and r.name != "市辖区"]
    name = "".join(r.name for r in chain[1:]) if len(chain) > 1 else place.name
    return f"{name}人民政府", f"{name}人民法院"


def _address(case: Case) -> str:
    addresses = {a.kind: a.text for a in case.party.addresses.all()}
    return (
        addresses.get(AddressKind.DELIVERY)
        or addresses.get(AddressKind.BUSINESS)
        or addresses.get(AddressKind.REGISTERED, "")
    )


def _party(case: Case) -> dict[str, Any]:
    party = case.party
    return {
        "kind": party.kind,
        "kind_label": party.get_kind_display(),
        "name": party.name,
        "id_type_label": party.get_id_type_display(),
        "id_number": party.id_number,
        "legal_representative": party.legal_representative,
        "address": _address(case),
        "phone": party.phone,
        "birth_date": party.birth_date,
        "age": age_on(party.birth_date, case.act_date) if party.birth_date else None,
    }


def _penalty(case: Case, penalty: Penalty | None) -> dict[str, Any]:
    report = latest_report(case)
    penalty = penalty or (Penalty.from_json(report.penalty) if report else Penalty())
    return {
        "kinds_text": penalty.text(),
        "fine_amount": penalty.fine,
        "fine_amount_text": capital_yuan(penalty.fine),
        "confiscation_text": f"没收违法所得人民币{penalty.illegal_gains}元"
        if penalty.confiscate_gains and penalty.illegal_gains
        else "",
        "other_text": penalty.other,
        "discretion_grade": report.get_outcome_display() if report else "",
        "discretion_reason": report.discretion_reason if report else "",
        "correction_order": penalty.correction,
    }


def build(
    case: Case, *, document: dict[str, Any], penalty: Penalty | None = None, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    government, court = _county(case)
    bases = ordered_bases(case.matter)
    notice = served_notice(case)
    context: dict[str, Any] = {
        "document": {"date": timezone.localdate(), **document},
        "agency": {
            "name": case.agency.name,
            "short_name": case.agency.prefix,
            "address": "",
            "phone": "",
            "region_name": case.agency.region.name,
            "seal_text": case.agency.name,
        },
        "case": {
            "number": case.number,
            "code": case.case_code,
            "title": case.title,
            "procedure": case.procedure,
            "procedure_label": case.get_procedure_display(),
            "source_label": case.lead.get_source_display() if case.lead else "",
            "registered_on": case.registered_on,
            "act_date": case.act_date,
            "act_place": case.act_place,
            "discovered_on": case.discovered_on,
            "matter_code": case.matter.code,
            "matter_name": case.matter.name,
            "handlers": [{"name": str(h.officer), "credential_number": h.credential_number} for h in handlers(case)],
            "reviewer_name": "",
            "head_name": "",
        },
        "party": _party(case),
        "facts": case.facts,
        "evidence": [
            {"name": e.title, "description": e.get_kind_display(), "source": e.source} for e in case.evidence.all()
        ],
        "reasons": "",
        "basis": {
            "violated": [b.citation for b in bases if b.role == BasisRole.VIOLATED],
            "penalty": [b.citation for b in bases if b.role == BasisRole.PENALTY],
            "procedure": [b.citation for b in bases if b.role == BasisRole.PROCEDURE],
        },
        "penalty": _penalty(case, penalty),
        "rights": {
            "statement_days": 5,
            "statement_deadline": None,
            "hearing": bool(notice and notice.hearing_clause),
            "hearing_days": 5,
            "hearing_deadline": None,
        },
        "remedy": {
            "reconsideration_body": government,
            "reconsideration_days": 60,
            "litigation_court": court,
            "litigation_months": 6,
        },
        "payment": {
            "deadline_days": 15,
            "bank": getattr(settings, "ZHIFA_PAYMENT_BANK", "指定的代收银行"),
            "account_name": getattr(settings, "ZHIFA_PAYMENT_ACCOUNT_NAME", "非税收入财政专户"),
            "account": "",
            "surcharge_rate": "3%",
            "installment_text": "",
        },
    }
    if case.procedure == Procedure.SUMMARY:
        context["remedy"]["litigation_months"] = 0
    for key, value in (extra or {}).items():
        if isinstance(value, dict) and isinstance(context.get(key), dict):
            context[key] = {**context[key], **value}
        else:
            context[key] = value
    return context


def local_date(moment: dt.datetime | dt.date | None) -> dt.date | None:
    if isinstance(moment, dt.datetime):
        return timezone.localtime(moment).date()
    return moment
