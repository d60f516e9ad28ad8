"""Registering, correcting and merging parties."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from zhifa.core.errors import InvalidInput
from zhifa.core.locking import update_versioned
from zhifa.core.snapshot import diff, snapshot
from zhifa.core.validation import integrity_as_invalid, validate
from zhifa.orgs.events import audit
from zhifa.orgs.models import Region
from zhifa.orgs.policy import require
from zhifa.parties.choices import AddressKind, IdType, PartyKind
from zhifa.parties.events import PARTY_CHANGED, PARTY_CREATED, PARTY_MERGED
from zhifa.parties.identity import check_identity
from zhifa.parties.models import Party, PartyAddress
from zhifa.parties.permissions import CHANGE_PARTY, MERGE_PARTY

FIELDS = [
    "kind",
    "name",
    "id_type",
    "id_number",
    "birth_date",
    "legal_representative",
    "phone",
    "email",
    "region",
    "credit_grade",
]


def _apply_identity(party: Party) -> None:
    default_type = IdType.RESIDENT_ID if party.kind == PartyKind.INDIVIDUAL else IdType.CREDIT_CODE
    party.id_type = party.id_type or default_type
    if party.kind == PartyKind.INDIVIDUAL and party.id_type == IdType.CREDIT_CODE:
        raise InvalidInput(_("自然人不能以统一社会信用代码登记。"), fields={"id_type": [_("请选择个人证件。")]})
    if party.kind == PartyKind.ORGANISATION and party.id_type == IdType.RESIDENT_ID:
        raise InvalidInput(_("单位应以统一社会信用代码登记。"), fields={"id_type": [_("请选择统一社会信用代码。")]})
    if not party.id_number:
        return
    try:
        identity = check_identity(party.id_type, party.id_number)
    except ValueError as error:
        raise InvalidInput(str(error), fields={"id_number": [str(error)]}) from error
    party.id_number = identity.number
    if identity.birth_date is not None:
        party.birth_date = identity.birth_date


def _duplicate_of(party: Party) -> Party | None:
    if not party.id_number:
        return None
    return (
        Party.objects.filter(id_type=party.id_type, id_number=party.id_number, merged_into__isnull=True)
        .exclude(pk=party.pk)
        .first()
    )


def _save_addresses(party: Party, addresses: dict[str, str]) -> None:
    for kind, text in addresses.items():
        if kind not in AddressKind.values:
            raise InvalidInput(_("未知的地址类别。"), fields={"addresses": [kind]})
        if text.strip():
            PartyAddress.objects.update_or_create(party=party, kind=kind, defaults={"text": text.strip()})
        else:
            PartyAddress.objects.filter(party=party, kind=kind).delete()


@transaction.atomic
def create_party(
    *,
    by: Any | None,
    kind: str,
    name: str,
    id_number: str = "",
    id_type: str = "",
    legal_representative: str = "",
    phone: str = "",
    email: str = "",
    region: Region | None = None,
    credit_grade: str = "",
    addresses: dict[str, str] | None = None,
    agency: Any | None = None,
) -> Party:
    """Register a party; an identity number already on file is refused with the existing party named.
    The registering agency (`agency`, else the officer's own) decides who sees it besides the
    agencies of its cases."""
    if by is not None:
        require(by, CHANGE_PARTY)
    if agency is None and by is not None:
        officer = getattr(by, "officer", None)
        agency = getattr(officer, "agency", None)
    party = Party(
        agency=agency,
        kind=kind,
        name=name.strip(),
        id_type=id_type,
        id_number=id_number,
        legal_representative=legal_representative.strip(),
        phone=phone.strip(),
        email=email.strip(),
        region=region,
        credit_grade=credit_grade,
    )
    if kind not in PartyKind.values:
        raise InvalidInput(_("请选择当事人类型。"), fields={"kind": [_("不是允许的取值。")]})
    _apply_identity(party)
    existing = _duplicate_of(party)
    if existing is not None:
        raise InvalidInput(
            _("证件号码已登记为当事人“%(name)s”，请直接选用。") % {"name": existing.name},
            code="duplicate_party",
            fields={"id_number": [_("已登记。")]},
        )
    validate(party)
    with integrity_as_invalid(_("已有相同证件号码的当事人。")):
        party.save()
    _save_addresses(party, addresses or {})
    audit(PARTY_CREATED, by=by, obj=party, changes={"new": snapshot(party, ["kind", "name", "id_type"])})
    return party


@transaction.atomic
def update_party(
    party: Party,
    *,
    by: Any | None,
    expected_version: int | None,
    addresses: dict[str, str] | None = None,
    **changes: Any,
) -> Party:
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise InvalidInput(_("不能修改这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if by is not None:
        require(by, CHANGE_PARTY, party)
    if party.merged_into_id:
        raise InvalidInput(_("该当事人已合并，请修改合并后的当事人。"), code="party_merged")
    before = snapshot(party, FIELDS)
    for name, value in changes.items():
        setattr(party, name, value.strip() if isinstance(value, str) else value)
    _apply_identity(party)
    existing = _duplicate_of(party)
    if existing is not None:
        raise InvalidInput(
            _("证件号码已登记为当事人“%(name)s”；如为同一人，请合并。") % {"name": existing.name},
            code="duplicate_party",
            fields={"id_number": [_("已登记。")]},
        )
    validate(party)
    delta = diff(before, snapshot(party, FIELDS))
    update_versioned(
        party,
        expected_version=expected_version,
        values={n: getattr(party, n) for n in FIELDS if n in changes or n in {"id_number", "birth_date", "id_type"}},
    )
    if addresses is not None:
        _save_addresses(party, addresses)
    audit(PARTY_CHANGED, by=by, obj=party, changes=delta)
    return party


def _references_to(party: Party) -> list[models.ForeignObjectRel]:
    """Every foreign key to Party in any app (cases, inspections … later), except merges."""
    return [
        rel
        for rel in Party._meta.related_objects
        if isinstance(rel, models.ManyToOneRel) and not (rel.related_model is Party and rel.field.name == "merged_into")
    ]


@transaction.atomic
def merge_parties(keep: Party, *, by: Any | None, duplicate: Party) -> Party:
    """Merge `duplicate` into `keep`: every record pointing at the duplicate points at `keep`
    afterwards; the duplicate stays, marked as merged, so old links and the audit still resolve."""
    if by is not None:
        require(by, MERGE_PARTY, keep)
    if keep.pk == duplicate.pk:
        raise InvalidInput(_("不能把当事人合并到自身。"))
    keep, duplicate = (Party.objects.select_for_update().get(pk=p.pk) for p in (keep, duplicate))
    if keep.merged_into_id or duplicate.merged_into_id:
        raise InvalidInput(_("已合并的当事人不能再合并。"), code="party_merged")
    if keep.kind != duplicate.kind:
        raise InvalidInput(_("自然人和单位不能合并。"))
    moved: dict[str, int] = {}
    for rel in _references_to(duplicate):
        if rel.related_model is PartyAddress:
            kinds = set(keep.addresses.values_list("kind", flat=True))
            count = PartyAddress.objects.filter(party=duplicate).exclude(kind__in=kinds).update(party=keep)
        else:
            count = rel.related_model._default_manager.filter(**{rel.field.name: duplicate}).update(
                **{rel.field.name: keep}
            )
        if count:
            moved[rel.related_model._meta.label_lower] = count
    Party.objects.filter(merged_into=duplicate).update(merged_into=keep)
    update_versioned(duplicate, expected_version=None, values={"merged_into": keep})
    audit(
        PARTY_MERGED,
        by=by,
        obj=keep,
        changes={"duplicate": {"id": duplicate.pk, "name": duplicate.name}, "moved": moved},
    )
    return keep
